"""FOCUS 1.2 cost-and-usage exports with AI services, for benches/bills.sh.

Three clouds in one export, as a FinOps team's combined extract holds them,
with the many columns real exports carry (about 900 bytes a row in CSV):
Amazon Bedrock (Anthropic, Meta, Amazon, Mistral AI, Cohere models; token
units), SageMaker endpoints amortised from a savings plan whose monthly
purchase carries a CommitmentDiscountId, Azure OpenAI billed in EUR and GBP
(`1K Tokens`), Vertex AI in USD and JPY (`Characters`, `Tokens`), EC2 and
storage beside them, credits (negative), tax; tags as each cloud spells
them (`ai-project` and `CostCenter` on AWS, `AI-Project` on Azure,
lower-case `cost-center` on Google Cloud), a fifth of AI rows untagged.
Deterministic by seed. Needs pyarrow (/work/tools/venv/bin/python has it):

    python benches/gen_bills.py --rows 1000000 --csv b.csv --parquet b.parquet
    python benches/gen_bills.py --rows 1000 --projects projects.csv

`--projects` writes the intake the bills are allocated to (200 projects).
"""

import argparse
import csv
import datetime as dt
import json
import random

COLUMNS = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName",
    "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
    "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
    "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
    "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
    "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice",
    "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName",
    "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName",
    "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId",
    "SkuPriceId", "SubAccountId", "SubAccountName", "Tags", "x_Operation",
    "x_UsageType", "x_ServiceCode",
]
NUMBERS = {"BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity",
           "PricingQuantity", "ListUnitPrice", "ContractedUnitPrice"}
TIMES = {"ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd"}
AI = "AI and Machine Learning"
PROJECTS = [f"PRJ-{i:04d}" for i in range(1, 201)]
# Units of each billing currency per USD, for the --fx table.
FX = {"EUR": 1.08, "GBP": 1.27, "JPY": 0.0067}


def services(rng):
    """Row shapes: (weight, provider, currency, service, category, publishers, unit)."""
    return [
        (30, "AWS", "USD", "Amazon Bedrock", AI,
         ["Anthropic", "Meta", "Amazon", "Mistral AI", "Cohere"], "Tokens"),
        (6, "AWS", "USD", "Amazon SageMaker", AI, ["Amazon"], "Hours"),
        (12, "AWS", "USD", "Amazon Elastic Compute Cloud", "Compute", ["Amazon Web Services"], "Hours"),
        (6, "AWS", "USD", "Amazon Simple Storage Service", "Storage", ["Amazon Web Services"], "GB-Mo"),
        (14, "Microsoft", "EUR", "Azure OpenAI", AI, ["OpenAI", "Microsoft"], "1K Tokens"),
        (6, "Microsoft", "GBP", "Azure OpenAI", AI, ["OpenAI"], "1K Tokens"),
        (6, "Microsoft", "EUR", "Virtual Machines", "Compute", ["Microsoft"], "Hours"),
        (10, "Google Cloud", "USD", "Vertex AI", AI, ["Google", "Anthropic"], "Characters"),
        (4, "Google Cloud", "JPY", "Vertex AI", AI, ["Google"], "Tokens"),
        (6, "Google Cloud", "USD", "Compute Engine", "Compute", ["Google"], "Hours"),
    ]


def tags_for(rng, provider, ai):
    project = rng.choice(PROJECTS)
    cc = f"cc-{1000 + PROJECTS.index(project) % 40}"
    env = rng.choice(["production", "staging", "dev"])
    if ai and rng.random() < 0.2:
        tags = {"Environment": env}
    elif provider == "AWS":
        tags = {"ai-project": project, "CostCenter": cc, "Environment": env,
                "Owner": f"team-{project[-2:]}@example.com"}
    elif provider == "Microsoft":
        tags = {"AI-Project": project, "CostCenter": cc, "environment": env}
    else:
        tags = {"ai-project": project.lower(), "cost-center": cc, "environment": env}
    return json.dumps(tags, separators=(",", ":"))


def row(rng, shapes, weights, start):
    _, provider, currency, service, category, publishers, unit = rng.choices(shapes, weights)[0]
    day = start + dt.timedelta(days=rng.randrange(365), hours=rng.randrange(24))
    month_start = day.replace(day=1, hour=0)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    publisher = rng.choice(publishers)
    ai = category == AI
    quantity = rng.randrange(1, 2_000_000) if "Token" in unit or unit == "Characters" else rng.randrange(1, 720)
    price = rng.choice([0.000003, 0.000015, 0.0000008, 0.012, 0.0834, 0.34])
    cost = round(quantity * price * (150 if currency == "JPY" else 1), 6)
    charge, commitment, effective, billed = "Usage", "", cost, cost
    roll = rng.random()
    account = {"AWS": "200000000011", "Microsoft": "11111111-1111-4111-8111-111111111111",
               "Google Cloud": "examplecorp-ai-481627"}[provider]
    if provider == "AWS" and service == "Amazon SageMaker":
        commitment = f"arn:aws:savingsplans::{account}:savingsplan/sp-{rng.randrange(4)}"
        billed = 0.0
    if roll < 0.01:
        charge, billed, effective = "Credit", -cost, -cost
    elif roll < 0.015:
        charge = "Tax"
    elif roll < 0.02 and provider == "AWS":
        charge, commitment = "Purchase", f"arn:aws:savingsplans::{account}:savingsplan/sp-{rng.randrange(4)}"
        service, category, effective = "Savings Plans for AWS Compute usage", "Compute", 0.0
    region = rng.choice(["us-east-1", "eu-west-1", "westeurope", "us-central1"])
    resource = {
        "AWS": f"arn:aws:bedrock:{region}:{account}:inference-profile/{publisher.lower().replace(' ', '-')}-{rng.randrange(50)}",
        "Microsoft": f"/subscriptions/{account}/resourceGroups/rg-ai-{rng.randrange(30)}/providers/Microsoft.CognitiveServices/accounts/openai-{rng.randrange(30)}",
        "Google Cloud": f"//aiplatform.googleapis.com/projects/{account}/locations/{region}/endpoints/{rng.randrange(10**9)}",
    }[provider]
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {
        "AvailabilityZone": region + "a", "BilledCost": billed,
        "BillingAccountId": "1000" + account[-8:], "BillingAccountName": "Example Corp",
        "BillingCurrency": currency, "BillingPeriodEnd": iso(next_month),
        "BillingPeriodStart": iso(month_start), "ChargeCategory": charge,
        "ChargeClass": "", "ChargeDescription": f"{service} {unit} in {region} for {publisher} model usage, on-demand pricing, billed monthly in arrears under the enterprise agreement",
        "ChargeFrequency": "Usage-Based" if charge == "Usage" else "One-Time",
        "ChargePeriodEnd": iso(day + dt.timedelta(hours=1)), "ChargePeriodStart": iso(day),
        "CommitmentDiscountCategory": "Spend" if commitment else "",
        "CommitmentDiscountId": commitment,
        "CommitmentDiscountName": "Compute savings plan" if commitment else "",
        "CommitmentDiscountStatus": "Used" if commitment else "",
        "CommitmentDiscountType": "Savings Plan" if commitment else "",
        "ConsumedQuantity": quantity, "ConsumedUnit": unit, "ContractedCost": cost,
        "ContractedUnitPrice": price, "EffectiveCost": effective,
        "InvoiceIssuerName": provider, "ListCost": round(cost * 1.1, 6),
        "ListUnitPrice": price * 1.1, "PricingCategory": "Standard" if not commitment else "Committed",
        "PricingQuantity": quantity, "PricingUnit": unit, "ProviderName": provider,
        "PublisherName": publisher, "RegionId": region, "RegionName": region.upper(),
        "ResourceId": resource, "ResourceName": resource.rsplit("/", 1)[-1],
        "ResourceType": "Inference endpoint" if ai else "Virtual machine",
        "ServiceCategory": category, "ServiceName": service,
        "ServiceSubcategory": "Generative AI" if ai else "Other",
        "SkuId": f"SKU-{rng.randrange(10**8):08d}",
        "SkuPriceId": f"{rng.randrange(16**16):016x}-{rng.randrange(16**8):08x}",
        "SubAccountId": account, "SubAccountName": f"{provider} AI workloads",
        "Tags": tags_for(rng, provider, ai),
        "x_Operation": "InvokeModel" if ai else "RunInstances",
        "x_UsageType": f"{region}-{unit.replace(' ', '')}-{publisher.replace(' ', '')}",
        "x_ServiceCode": service.replace(" ", ""),
    }
    return [values[c] for c in COLUMNS]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--csv")
    ap.add_argument("--parquet")
    ap.add_argument("--compression", default="snappy")
    ap.add_argument("--projects", help="write the intake CSV the bills are allocated to")
    ap.add_argument("--fx", help="write the --fx table the bills' currencies need")
    args = ap.parse_args()
    if args.projects:
        with open(args.projects, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["Project ID", "Project Name", "Monthly Compute Cost", "Monthly Benefit",
                        "Benefit Metric", "Providers", "Interaction Pattern", "Start Date"])
            for p in PROJECTS:
                w.writerow([p, f"Project {p}", "20000", "70000", "efficiency",
                            "aws:50; azure:30; gcp:20", "copilot", "2025-01-01"])
    if args.fx:
        with open(args.fx, "w") as f:
            f.writelines(f"{c},{r}\n" for c, r in FX.items())
    if not (args.csv or args.parquet):
        return
    rng = random.Random(args.seed)
    shapes = services(rng)
    weights = [s[0] for s in shapes]
    start = dt.datetime(2025, 1, 1)
    out = open(args.csv, "w", newline="") if args.csv else None
    writer = csv.writer(out, lineterminator="\n") if out else None
    if writer:
        writer.writerow(COLUMNS)
    pw = None
    done = 0
    while done < args.rows:
        n = min(200_000, args.rows - done)
        rows = [row(rng, shapes, weights, start) for _ in range(n)]
        if writer:
            writer.writerows(rows)
        if args.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq
            fields, columns = [], []
            for name, values in zip(COLUMNS, zip(*rows)):
                if name in NUMBERS:
                    kind = pa.float64()
                elif name in TIMES:
                    kind = pa.timestamp("us", tz="UTC")
                    values = [dt.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ").replace(
                        tzinfo=dt.timezone.utc) for v in values]
                else:
                    kind = pa.string()
                fields.append(pa.field(name, kind))
                columns.append(pa.array(values, type=kind))
            table = pa.Table.from_arrays(columns, schema=pa.schema(fields))
            if pw is None:
                pw = pq.ParquetWriter(args.parquet, table.schema, compression=args.compression)
            pw.write_table(table)
        done += n
    if out:
        out.close()
    if pw:
        pw.close()


if __name__ == "__main__":
    main()
