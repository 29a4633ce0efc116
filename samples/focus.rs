//! Writing FOCUS 1.2 cost-and-usage CSV as AWS, Azure and Google Cloud
//! export it: the columns, the three providers' accounts, and one charge as a
//! row. The sample bills (`bills.rs`) are written through it.

use std::path::Path;

/// The FOCUS 1.2 columns, in the order the three providers write them.
#[rustfmt::skip]
const COLUMNS: [&str; 57] = [
    "ProviderName", "PublisherName", "InvoiceIssuerName", "InvoiceId", "BillingAccountId",
    "BillingAccountName", "BillingAccountType", "SubAccountId", "SubAccountName",
    "SubAccountType", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
    "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
    "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ListUnitPrice",
    "ContractedUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
    "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice", "BillingCurrency", "ConsumedQuantity", "ConsumedUnit",
    "ServiceName", "ServiceCategory", "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceId",
    "SkuPriceDetails", "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName",
    "AvailabilityZone", "CommitmentDiscountId", "CommitmentDiscountName",
    "CommitmentDiscountCategory", "CommitmentDiscountType", "CommitmentDiscountStatus",
    "CommitmentDiscountQuantity", "CommitmentDiscountUnit", "CapacityReservationId",
    "CapacityReservationStatus", "Tags",
];

/// The days of each month a usage series is billed on (one row a week).
const WEEKS: [u32; 4] = [1, 8, 15, 22];
/// The sample covers January–April 2026.
pub const MONTHS: [u32; 4] = [1, 2, 3, 4];

/// A provider's account: who bills and where.
pub struct Account {
    provider: &'static str,
    issuer: &'static str,
    invoice: &'static str,
    billing_id: &'static str,
    billing_name: &'static str,
    billing_type: &'static str,
    sub_type: &'static str,
    region: (&'static str, &'static str),
}

pub const AWS: Account = Account {
    provider: "AWS",
    issuer: "AWS",
    invoice: "INV-2026-{m}-0001",
    billing_id: "100000000001",
    billing_name: "ExampleCorp Master Payer",
    billing_type: "Payer Account",
    sub_type: "Linked Account",
    region: ("us-east-1", "US East (N. Virginia)"),
};
pub const AZURE: Account = Account {
    provider: "Microsoft Azure",
    issuer: "Microsoft Azure",
    invoice: "INV-2026-{m}-000001",
    billing_id: "8a1b2c3d-0000-4a00-9000-000000000001",
    billing_name: "ExampleCorp MCA - Primary",
    billing_type: "Microsoft Customer Agreement",
    sub_type: "Subscription",
    region: ("westeurope", "West Europe"),
};
pub const GCP: Account = Account {
    provider: "Google Cloud",
    issuer: "Google Cloud",
    invoice: "INV-2026-{m}-F70819",
    billing_id: "01A2B3-C4D5E6-F70819",
    billing_name: "ExampleCorp Billing - Primary",
    billing_type: "Billing Account",
    sub_type: "Project",
    region: ("europe-west4", "Netherlands"),
};

/// One charge: the columns that vary, amounts in cents.
#[derive(Clone, Default)]
pub struct Charge {
    /// `SubAccountId` and `SubAccountName`.
    pub sub: (&'static str, &'static str),
    /// Month of 2026 the charge falls in.
    pub month: u32,
    /// Day of the month the charge period starts (it lasts a day).
    pub day: u32,
    /// `ChargeCategory`: Usage, Purchase, Credit or Tax.
    pub category: &'static str,
    /// `ChargeDescription`.
    pub description: String,
    /// `BilledCost` in cents.
    pub billed: i64,
    /// `EffectiveCost` in cents.
    pub effective: i64,
    /// `PublisherName`: the model vendor on AI services.
    pub publisher: &'static str,
    /// `ServiceName`.
    pub service: &'static str,
    /// `ServiceCategory`.
    pub service_category: &'static str,
    /// `ServiceSubcategory`.
    pub subcategory: &'static str,
    /// Dollars per consumed unit and the unit, for usage.
    pub price: Option<(f64, &'static str)>,
    /// `ResourceId`.
    pub resource: String,
    /// `ResourceType`.
    pub resource_type: &'static str,
    /// `CommitmentDiscountId` and `CommitmentDiscountName` of the savings plan it buys or draws on.
    pub commitment: Option<(&'static str, &'static str)>,
    /// `Tags`, as the JSON object the provider writes.
    pub tags: String,
}

/// A usage series billed weekly: `monthly[i]` cents in month i + 1, split
/// evenly over the four weekly rows.
pub fn weekly(base: &Charge, monthly: [i64; 4]) -> Vec<Charge> {
    let mut rows = Vec::new();
    for (m, total) in MONTHS.iter().zip(monthly) {
        for (w, day) in WEEKS.iter().enumerate() {
            let share = total / 4 + i64::from(w == 0) * (total % 4);
            rows.push(Charge {
                month: *m,
                day: *day,
                billed: share,
                effective: share,
                ..base.clone()
            });
        }
    }
    rows
}

/// A `Tags` object: `key` = `project` followed by the `extra` pairs.
pub fn tags(key: &str, project: &str, extra: &str) -> String {
    format!("{{\"{key}\":\"{project}\",{extra}}}")
}

/// Tax at `rate` on each month's billed charges, one row a month.
pub fn tax(rows: &[Charge], rate: f64, what: &str) -> Vec<Charge> {
    MONTHS
        .iter()
        .filter_map(|m| {
            let base: i64 = rows
                .iter()
                .filter(|r| r.month == *m)
                .map(|r| r.billed)
                .sum();
            let first = rows.iter().find(|r| r.month == *m)?;
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let cents = (base as f64 * rate).round() as i64;
            Some(Charge {
                month: *m,
                day: 28,
                category: "Tax",
                description: format!("{what} {:.0}% on the month's charges", rate * 100.0),
                billed: cents,
                effective: cents,
                price: None,
                resource: String::new(),
                resource_type: "",
                commitment: None,
                ..first.clone()
            })
        })
        .collect()
}

/// Writes `rows` as a FOCUS CSV file of `account`.
pub fn write(
    path: &Path,
    account: &Account,
    rows: &[Charge],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(COLUMNS)?;
    for row in rows {
        w.write_record(record(account, row))?;
    }
    w.flush()?;
    Ok(())
}

fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// One charge as the FOCUS columns, in [`COLUMNS`] order.
fn record(a: &Account, c: &Charge) -> Vec<String> {
    let mm = format!("{:02}", c.month);
    let next = format!("{:02}", c.month + 1);
    let usage = c.category == "Usage";
    #[allow(clippy::cast_precision_loss)]
    let quantity = c.price.filter(|_| usage).map(|(price, unit)| {
        let q = c.effective as f64 / 100.0 / price;
        // Tokens are whole; hours come in fractions.
        let text = if unit == "Tokens" {
            format!("{q:.0}")
        } else {
            format!("{q:.2}")
        };
        (text, unit)
    });
    let (qty, unit) = quantity.map_or((String::new(), ""), |(q, u)| (q, u));
    let (commit_id, commit_name) = c.commitment.unwrap_or(("", ""));
    let committed = usage && c.commitment.is_some();
    let frequency = match c.category {
        "Usage" => "Usage-Based",
        "Purchase" | "Tax" | "Credit" => "One-Time",
        _ => "Recurring",
    };
    let (region_id, region_name) = if c.category == "Tax" {
        ("", "")
    } else {
        a.region
    };
    let fields: [(&str, String); 37] = [
        ("ProviderName", a.provider.into()),
        ("PublisherName", c.publisher.into()),
        ("InvoiceIssuerName", a.issuer.into()),
        ("InvoiceId", a.invoice.replace("{m}", &mm)),
        ("BillingAccountId", a.billing_id.into()),
        ("BillingAccountName", a.billing_name.into()),
        ("BillingAccountType", a.billing_type.into()),
        ("SubAccountId", c.sub.0.into()),
        ("SubAccountName", c.sub.1.into()),
        ("SubAccountType", a.sub_type.into()),
        ("BillingPeriodStart", format!("2026-{mm}-01T00:00:00Z")),
        ("BillingPeriodEnd", format!("2026-{next}-01T00:00:00Z")),
        (
            "ChargePeriodStart",
            format!("2026-{mm}-{:02}T00:00:00Z", c.day),
        ),
        (
            "ChargePeriodEnd",
            format!("2026-{mm}-{:02}T00:00:00Z", c.day + 1),
        ),
        ("ChargeCategory", c.category.into()),
        ("ChargeDescription", c.description.clone()),
        ("ChargeFrequency", frequency.into()),
        ("BilledCost", money(c.billed)),
        ("EffectiveCost", money(c.effective)),
        ("ListCost", money(c.billed.max(c.effective))),
        ("ContractedCost", money(c.effective)),
        (
            "PricingCategory",
            if committed {
                "Committed"
            } else if usage {
                "Standard"
            } else {
                ""
            }
            .into(),
        ),
        ("PricingQuantity", qty.clone()),
        ("PricingUnit", unit.into()),
        ("PricingCurrency", "USD".into()),
        ("PricingCurrencyEffectiveCost", money(c.effective)),
        ("BillingCurrency", "USD".into()),
        ("ConsumedQuantity", qty),
        ("ConsumedUnit", unit.into()),
        ("ServiceName", c.service.into()),
        ("ServiceCategory", c.service_category.into()),
        ("ServiceSubcategory", c.subcategory.into()),
        ("ResourceId", c.resource.clone()),
        ("ResourceType", c.resource_type.into()),
        ("RegionId", region_id.into()),
        ("RegionName", region_name.into()),
        ("Tags", c.tags.clone()),
    ];
    let mut row: Vec<String> = COLUMNS
        .iter()
        .map(|col| {
            fields
                .iter()
                .find(|(k, _)| k == col)
                .map_or_else(String::new, |(_, v)| v.clone())
        })
        .collect();
    if let Some(at) = COLUMNS.iter().position(|c| *c == "CommitmentDiscountId") {
        row[at] = commit_id.into();
        row[at + 1] = commit_name.into();
        if !commit_id.is_empty() {
            row[at + 2] = "Spend".into();
            row[at + 3] = "Savings Plan".into();
            row[at + 4] = if usage { "Used" } else { "" }.into();
        }
    }
    row
}
