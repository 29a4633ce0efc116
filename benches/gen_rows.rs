//! The rows of a synthetic portfolio: a small seeded generator (no
//! dependency, so the bytes never change with a crate upgrade) and one
//! project row at a time, clean or with the messiness of real files.

/// The projects table's header, as the intake template names it.
pub const HEADERS: [&str; 23] = [
    "Project ID",
    "Project Name",
    "Business Unit",
    "Owner",
    "Stage",
    "Start Date",
    "Upfront Compute Cost (USD)",
    "Monthly Compute Cost (USD)",
    "Compute Growth %",
    "Monthly Benefit (USD)",
    "Benefit Start Month",
    "Benefit Ramp Months",
    "Benefit Metric",
    "Providers",
    "Model Providers",
    "Interaction Pattern",
    "Multi Step",
    "Stateful",
    "Systems Integrated",
    "Autonomy",
    "Proprietary Data",
    "Cost Centre",
    "Notes",
];

/// `SplitMix64`: tiny, fast and good enough to vary synthetic rows.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Units weighted the way a holding's are: a few large, many small.
const UNITS: [&str; 12] = [
    "Finance",
    "Operations",
    "Operations",
    "Operations",
    "Customer Service",
    "Customer Service",
    "Marketing",
    "HR",
    "Legal",
    "IT",
    "Supply Chain",
    "Risk",
];
const STAGES: [&str; 6] = [
    "idea",
    "pilot",
    "pilot",
    "production",
    "production",
    "retired",
];
const PROVIDERS: [&str; 6] = ["azure", "aws", "gcp", "on-prem", "oracle", "ibm"];
const MODELS: [&str; 5] = ["openai", "anthropic", "google", "meta", "mistral"];
const PATTERNS: [&str; 4] = [
    "query_response",
    "copilot",
    "workflow_agent",
    "autonomous_agent",
];
const METRICS: [&str; 7] = [
    "efficiency",
    "cost_reduction",
    "revenue",
    "risk_reduction",
    "user_count",
    "engagement",
    "none",
];
const AUTONOMY: [&str; 4] = ["none", "approve_each_step", "approve_outcome", "autonomous"];
const WHAT: [&str; 10] = [
    "Invoice matching",
    "Claims triage",
    "Contract review",
    "Policy Q&A",
    "Demand forecasting",
    "Ticket routing",
    "Campaign copy",
    "Fraud screening",
    "Onboarding",
    "Supplier risk",
];
const KIND: [&str; 4] = ["agent", "copilot", "chatbot", "assistant"];
const OWNERS: [&str; 8] = [
    "A. Moreau",
    "J. Okafor",
    "S. Lindqvist",
    "R. Alvarez",
    "M. Chen",
    "P. Novak",
    "L. Haddad",
    "K. Sato",
];

/// The id of the `i`th project.
pub fn project_id(i: usize) -> String {
    format!("P{i:07}")
}

/// Providers with shares adding to 100, in one of the forms people write.
fn share_list(rng: &mut Rng, names: &[&str], form: u64) -> String {
    let n = 1 + rng.below(3) as usize;
    let first = rng.below(names.len() as u64) as usize;
    let chosen: Vec<&str> = (0..n).map(|k| names[(first + k) % names.len()]).collect();
    if n == 1 {
        return chosen[0].to_string();
    }
    let mut shares: Vec<u64> = Vec::with_capacity(n);
    let mut left = 100;
    for k in 0..n {
        let share = if k + 1 == n {
            left
        } else {
            10 + rng.below(left - 10 * (n - k) as u64 + 1)
        };
        shares.push(share);
        left -= share;
    }
    let parts: Vec<String> = chosen
        .iter()
        .zip(&shares)
        .map(|(name, pct)| match form {
            0 => format!("{name}:{pct}"),
            1 => format!("{name} {pct}%"),
            _ => format!("{name} ({pct}%)"),
        })
        .collect();
    parts.join(if form == 0 { "; " } else { ", " })
}

/// Money as typed: plain, or with a symbol and separators in a messy file.
fn money(value: u64, messy: bool, rng: &mut Rng) -> String {
    if messy && rng.below(4) == 0 {
        let text = value.to_string();
        let mut grouped = String::new();
        for (k, c) in text.chars().enumerate() {
            if k > 0 && (text.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("${grouped}")
    } else {
        value.to_string()
    }
}

/// Odd casing people type: `Production`, `WORKFLOW_AGENT`.
fn casing(word: &str, messy: bool, rng: &mut Rng) -> String {
    if !messy {
        return word.to_string();
    }
    match rng.below(6) {
        0 => word.to_uppercase(),
        1 => {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        _ => word.to_string(),
    }
}

/// One project row, cell by cell as text.
pub fn project_row(rng: &mut Rng, i: usize, messy: bool) -> Vec<String> {
    let unit = rng.pick(&UNITS);
    let pattern = rng.pick(&PATTERNS);
    let agentic = pattern.ends_with("agent");
    let compute = 500 * (1 + rng.below(80));
    // Benefit from a fraction of compute to several times it, so every grade occurs.
    let benefit = (compute as f64 * rng.unit() * 6.0).round() as u64;
    let growth = rng.below(4);
    let yes_no = |rng: &mut Rng, bias: bool| {
        if bias || rng.below(3) == 0 {
            "yes"
        } else {
            "no"
        }
    };
    let form = rng.below(3);
    let mut row = vec![
        project_id(i),
        format!("{} {}", rng.pick(&WHAT), rng.pick(&KIND)),
        unit.to_string(),
        rng.pick(&OWNERS).to_string(),
        casing(rng.pick(&STAGES), messy, rng),
        format!("20{}-{:02}-01", 24 + rng.below(3), 1 + rng.below(12)),
        money(1000 * rng.below(50), messy, rng),
        money(compute, messy, rng),
        if messy && rng.below(3) == 0 {
            format!("{growth} %")
        } else {
            format!("{growth}%")
        },
        money(benefit, messy, rng),
        (1 + rng.below(6)).to_string(),
        rng.below(7).to_string(),
        casing(rng.pick(&METRICS), messy, rng),
        share_list(rng, &PROVIDERS, form),
        if rng.below(3) == 0 {
            String::new()
        } else {
            share_list(rng, &MODELS, form)
        },
        casing(pattern, messy, rng),
        yes_no(rng, agentic).to_string(),
        yes_no(rng, agentic).to_string(),
        (rng.below(if agentic { 7 } else { 3 })).to_string(),
        rng.pick(&AUTONOMY).to_string(),
        yes_no(rng, false).to_string(),
        format!("CC-{}", 1000 + rng.below(9000)),
        String::new(),
    ];
    if rng.below(4) == 0 {
        row[22] = format!("{} for {unit}, phase {}", row[1], 1 + rng.below(3));
    }
    if messy && rng.below(500) == 0 {
        // A row that cannot be scored, with the kind of fault people make.
        match rng.below(3) {
            0 => row[7] = "tbd".into(),
            1 => row[4] = "someday".into(),
            _ => row[5] = "03/04/2026".into(),
        }
    }
    row
}
