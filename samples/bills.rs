//! The bundled sample cloud bills: `samples/bills/`, FOCUS 1.2 cost-and-usage
//! exports as AWS, Azure and Google Cloud write them, January–April 2026, for
//! four projects of the sample portfolio (found by the default allocation
//! `tag:ai-project={project_id}`) and some AI spend no project claims.
//!
//! What each project's bills show is in `samples/README.md`; amounts are
//! whole cents so every sum there adds up by hand.

use std::path::Path;

use super::focus::{AWS, AZURE, Charge, GCP, MONTHS, tags, tax, weekly, write};

/// The bill files [`write_bills`] writes, relative to `samples/`.
pub const BILL_FILES: [&str; 3] = [
    "bills/aws_focus_2026-01_2026-04.csv",
    "bills/azure_focus_2026-01_2026-04.csv",
    "bills/gcp_focus_2026-01_2026-04.csv",
];

const AI: &str = "AI and Machine Learning";

/// The AWS bill: Bedrock for FIN-001 (a little), MKT-004 (gpt-oss, the
/// overrun's minority share) and LEG-005, whose retrieval instances run on a
/// savings plan bought in March; tax; untagged Bedrock in a sandbox.
fn aws() -> Vec<Charge> {
    let prod = ("200000000011", "prod-ai");
    let bedrock = |publisher, model: &str, project: &str, team: &str| Charge {
        sub: prod,
        category: "Usage",
        description: format!("Amazon Bedrock {model} on-demand inference"),
        publisher,
        service: "Amazon Bedrock",
        service_category: AI,
        subcategory: "Generative AI",
        price: Some((0.000_003, "Tokens")),
        resource: format!("arn:aws:bedrock:us-east-1:200000000011:inference-profile/{model}"),
        resource_type: "Bedrock Inference Profile",
        tags: tags(
            "ai-project",
            project,
            &format!("\"CostCenter\":\"{team}\",\"Environment\":\"prod\""),
        ),
        ..Charge::default()
    };
    let mut rows = weekly(
        &bedrock("Anthropic", "claude-sonnet", "FIN-001", "cc-4100"),
        [100_000, 40_000, 40_000, 40_000],
    );
    rows.extend(weekly(
        &bedrock("OpenAI", "gpt-oss-120b", "MKT-004", "cc-5100"),
        [0, 440_000, 460_000, 480_000],
    ));
    rows.retain(|r| r.billed != 0);
    let leg = bedrock("Anthropic", "claude-opus", "LEG-005", "cc-1800");
    rows.extend(
        weekly(&leg, [0, 0, 2_400_000, 2_650_000])
            .into_iter()
            .filter(|r| r.billed != 0),
    );
    let plan = (
        "arn:aws:savingsplans::100000000001:savingsplan/sp-0a1b2c3d4e5f",
        "ComputeSavingsPlans-1yr-AllUpfront",
    );
    rows.push(Charge {
        month: 3,
        day: 1,
        category: "Purchase",
        description: "Savings Plan, 1 year all upfront, for the contract-review instances".into(),
        billed: 7_200_000,
        effective: 0,
        publisher: "AWS",
        service: "Savings Plans for AWS Compute usage",
        service_category: "Compute",
        subcategory: "Other (Compute)",
        resource: plan.0.into(),
        resource_type: "Savings Plan",
        commitment: Some(plan),
        ..leg.clone()
    });
    let instances = Charge {
        category: "Usage",
        description: "EC2 g5.2xlarge clause-retrieval service, covered by the savings plan".into(),
        publisher: "AWS",
        service: "Amazon Elastic Compute Cloud",
        service_category: "Compute",
        subcategory: "Virtualization",
        price: Some((1.212, "Hours")),
        resource: "arn:aws:ec2:us-east-1:200000000011:instance/i-0c1a2b3d4e5f60718".into(),
        resource_type: "EC2 Instance",
        commitment: Some(plan),
        ..leg.clone()
    };
    for row in weekly(&instances, [0, 0, 600_000, 600_000]) {
        if row.effective != 0 {
            rows.push(Charge { billed: 0, ..row });
        }
    }
    rows.push(Charge {
        month: 3,
        day: 9,
        description: "Bedrock model customization: fine-tuning on the clause library".into(),
        billed: 4_800_000,
        effective: 4_800_000,
        price: Some((0.008, "Tokens")),
        resource: "arn:aws:bedrock:us-east-1:200000000011:custom-model/contract-clauses".into(),
        resource_type: "Bedrock Custom Model",
        ..leg
    });
    let sandbox = Charge {
        sub: ("200000000014", "sandbox-dev"),
        tags: "{\"Environment\":\"dev\",\"Owner\":\"team-data\"}".into(),
        ..bedrock("Anthropic", "claude-haiku", "", "")
    };
    for m in MONTHS {
        for day in [3, 17] {
            rows.push(Charge {
                month: m,
                day,
                billed: 30_000,
                effective: 30_000,
                ..sandbox.clone()
            });
        }
    }
    rows.extend(tax(&rows, 0.08, "Sales tax"));
    rows
}

/// The Azure bill: `Azure OpenAI` for FIN-001 (nearly all of its spend,
/// against a declared 60/40 with AWS; a fine-tuning run in January and a
/// credit in March) and MKT-004 (over its plan), CS-006's AKS cluster, and
/// untagged `Azure OpenAI` in a marketing sandbox.
fn azure() -> Vec<Charge> {
    let sub = ("22222222-2222-4222-8222-222222222222", "prod-ai");
    let openai = |project: &str, team: &str, account: &str| Charge {
        sub,
        category: "Usage",
        description: "Azure OpenAI GPT-4.1 global standard inference".into(),
        publisher: "OpenAI",
        service: "Azure OpenAI",
        service_category: AI,
        subcategory: "Generative AI",
        price: Some((0.002, "1K Tokens")),
        resource: format!(
            "/subscriptions/{}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/{account}",
            sub.0
        ),
        resource_type: "Cognitive Services Account",
        tags: tags(
            "ai-project",
            project,
            &format!("\"CostCenter\":\"{team}\",\"Environment\":\"prod\""),
        ),
        ..Charge::default()
    };
    let fin = openai("FIN-001", "cc-4100", "oai-invoice-matching");
    let mut rows = weekly(&fin, [960_000; 4]);
    rows.push(Charge {
        month: 1,
        day: 12,
        description: "Azure OpenAI fine-tuning training hours".into(),
        billed: 1_440_000,
        effective: 1_440_000,
        price: Some((100.0, "Hours")),
        ..fin.clone()
    });
    rows.push(Charge {
        month: 3,
        day: 31,
        category: "Credit",
        description: "Azure OpenAI promotional credit".into(),
        billed: -50_000,
        effective: -50_000,
        price: None,
        ..fin
    });
    let mkt = openai("MKT-004", "cc-5100", "oai-campaign-copy");
    rows.extend(
        weekly(&mkt, [0, 1_800_000, 1_850_000, 1_900_000])
            .into_iter()
            .filter(|r| r.billed != 0),
    );
    rows.extend(weekly(
        &Charge {
            sub,
            category: "Usage",
            description: "AKS node pool D8s v5 compute hours".into(),
            publisher: "Microsoft",
            service: "Azure Kubernetes Service",
            service_category: "Compute",
            subcategory: "Containers",
            price: Some((0.384, "Hours")),
            resource: format!(
                "/subscriptions/{}/resourceGroups/rg-cs/providers/Microsoft.ContainerService/managedClusters/aks-triage",
                sub.0
            ),
            resource_type: "Kubernetes Cluster",
            tags: tags("ai-project", "CS-006", "\"CostCenter\":\"cc-3300\",\"Environment\":\"prod\""),
            ..Charge::default()
        },
        [540_000, 545_000, 535_000, 550_000],
    ));
    let sandbox = Charge {
        sub: ("44444444-4444-4444-8444-444444444444", "marketing-sandbox"),
        tags: "{\"Environment\":\"dev\",\"Owner\":\"team-growth\"}".into(),
        ..openai("", "", "oai-sandbox")
    };
    rows.extend(weekly(&sandbox, [140_000; 4]));
    rows
}

/// The Google Cloud bill: Vertex AI for CS-006 (Gemini and Claude, lower-case
/// tag keys and values as Google writes labels, a credit in February),
/// untagged Vertex AI in a sandbox project, and tax.
fn gcp() -> Vec<Charge> {
    let vertex = |publisher, model: &str, project: &'static str, labels: &str| Charge {
        sub: (
            project,
            if project.contains("sandbox") {
                "sandbox"
            } else {
                "cs-triage"
            },
        ),
        category: "Usage",
        description: format!("Vertex AI {model} online prediction tokens"),
        publisher,
        service: "Vertex AI",
        service_category: AI,
        subcategory: "Generative AI",
        price: Some((0.000_002_5, "Tokens")),
        resource: format!(
            "//aiplatform.googleapis.com/projects/{project}/locations/europe-west4/publishers/{model}"
        ),
        resource_type: "Vertex AI Endpoint",
        tags: labels.into(),
        ..Charge::default()
    };
    let cs = "{\"ai-project\":\"cs-006\",\"cost-center\":\"cc-3300\",\"environment\":\"prod\"}";
    let gemini = vertex("Google", "gemini-2.5-pro", "examplecorp-cs-318274", cs);
    let mut rows = weekly(&gemini, [330_000, 335_000, 325_000, 340_000]);
    rows.extend(weekly(
        &vertex("Anthropic", "claude-sonnet", "examplecorp-cs-318274", cs),
        [330_000; 4],
    ));
    rows.push(Charge {
        month: 2,
        day: 27,
        category: "Credit",
        description: "Vertex AI free-tier credit".into(),
        billed: -25_000,
        effective: -25_000,
        price: None,
        ..gemini
    });
    let sandbox = vertex(
        "Google",
        "gemini-2.5-flash",
        "examplecorp-sandbox-902113",
        "{\"environment\":\"dev\",\"owner\":\"team-research\"}",
    );
    rows.extend(weekly(&sandbox, [50_000; 4]));
    rows.extend(tax(&rows, 0.1, "VAT"));
    rows
}

/// Writes the three bills into `dir/bills/`.
pub fn write_bills(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir.join("bills"))?;
    for ((account, rows), name) in [(&AWS, aws()), (&AZURE, azure()), (&GCP, gcp())]
        .into_iter()
        .zip(BILL_FILES)
    {
        write(&dir.join(name), account, &rows)?;
    }
    Ok(())
}
