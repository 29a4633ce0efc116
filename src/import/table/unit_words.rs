//! The words of units in headers: which bracketed groups are units (a
//! scale, a currency, a period, a percent, a measure) and which period
//! words may open or close a header's name. Applied by [`super::column_unit`].

use super::column_unit::{ColumnUnit, Period};

/// Words that only join unit words: `(in $K)`, `($ per year)`, `(000's)`.
const CONNECTORS: &[&str] = &["in", "per", "of", "a", "s", "an"];
/// Currency signs and codes a header may name.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pounds", "GBP"),
];
/// ISO 4217 codes common enough to be told from other three-letter words.
const CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "inr", "cny", "rmb", "hkd", "sgd",
    "sek", "nok", "dkk", "pln", "czk", "huf", "brl", "mxn", "zar", "krw", "ils", "aed", "sar",
    "try",
];
const THOUSANDS: &[&str] = &["k", "000", "000s", "thousand", "thousands", "ths", "tsd"];
const MILLIONS: &[&str] = &["m", "mn", "mm", "mio", "mil", "million", "millions", "mln"];
const BILLIONS: &[&str] = &["b", "bn", "billion", "billions"];
const ANNUAL: &[&str] = &[
    "annual",
    "annually",
    "annualised",
    "annualized",
    "yearly",
    "year",
    "years",
    "yr",
    "yrs",
    "pa",
    "y",
];
const MONTHLY: &[&str] = &["monthly", "month", "months", "mo", "mth", "mths", "pm"];
const QUARTERLY: &[&str] = &["quarterly", "quarter", "quarters", "qtr"];
const PERCENT: &[&str] = &["%", "pct", "percent", "percentage"];
const MEASURES: &[&str] = &[
    "hours",
    "hour",
    "hrs",
    "hr",
    "days",
    "day",
    "daily",
    "weeks",
    "week",
    "weekly",
    "fte",
    "ftes",
    "users",
    "headcount",
    "people",
    "tokens",
    "requests",
    "calls",
    "gb",
    "tb",
    "minutes",
    "mins",
    "seconds",
];

/// A group's words: runs of letters and digits, and each currency or
/// percent sign alone; `p.a.` and `US$` said as one word.
fn tokens(group: &str) -> Vec<String> {
    let lower = group
        .to_lowercase()
        .replace("p.a.", " pa ")
        .replace("p. a.", " pa ")
        .replace("per annum", " pa ")
        .replace("us$", " $ ");
    let mut out = Vec::new();
    let mut word = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if matches!(c, '$' | '€' | '£' | '¥' | '₹' | '%') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl ColumnUnit {
    fn set_scale(&mut self, scale: f64) {
        match self.scale {
            Some(s) if (s - scale).abs() > f64::EPSILON => {
                self.conflict = Some("two scales".into());
            }
            _ => self.scale = Some(scale),
        }
    }

    fn set_currency(&mut self, code: &str) {
        match &self.currency {
            Some(c) if c != code => {
                self.conflict = Some(format!("two currencies, {c} and {code}"));
            }
            _ => self.currency = Some(code.to_string()),
        }
    }

    fn set_period(&mut self, period: Period) {
        match self.period {
            Some(p) if p != period => {
                self.conflict = Some(format!("two periods, {} and {}", p.word(), period.word()));
            }
            _ => self.period = Some(period),
        }
    }

    /// Reads one word of a unit group; false when it is no unit word.
    fn word(&mut self, w: &str) -> bool {
        let code = |w: &str| {
            CURRENCIES
                .iter()
                .find(|(s, _)| *s == w)
                .map(|(_, c)| (*c).to_string())
                .or_else(|| CODES.contains(&w).then(|| w.to_ascii_uppercase()))
        };
        if let Some(c) = code(w) {
            self.set_currency(&c);
        } else if THOUSANDS.contains(&w) {
            self.set_scale(1e3);
        } else if MILLIONS.contains(&w) {
            self.set_scale(1e6);
        } else if BILLIONS.contains(&w) {
            self.set_scale(1e9);
        } else if ANNUAL.contains(&w) {
            self.set_period(Period::Annual);
        } else if QUARTERLY.contains(&w) {
            self.set_period(Period::Quarterly);
        } else if MONTHLY.contains(&w) {
            self.set_period(Period::Monthly);
        } else if PERCENT.contains(&w) {
            self.percent = true;
        } else if MEASURES.contains(&w) {
            self.measure = Some(w.to_string());
        } else if w.len() == 4 && w.is_char_boundary(3) {
            // `USDk`, `kEUR`, `EURm`.
            let (head, tail) = w.split_at(3);
            let (c, s) = match (code(head), code(&w[1..])) {
                (Some(c), _) => (c, tail),
                (None, Some(c)) => (c, &w[..1]),
                (None, None) => return false,
            };
            match s {
                "k" => self.set_scale(1e3),
                "m" => self.set_scale(1e6),
                _ => return false,
            }
            self.set_currency(&c);
        } else {
            return CONNECTORS.contains(&w);
        }
        true
    }

    /// The units a header writes in brackets, on its first line.
    #[must_use]
    pub fn of_header(header: &str) -> ColumnUnit {
        let first_line = header.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let mut unit = ColumnUnit::default();
        let mut rest = first_line;
        while let Some(open) = rest.find(['(', '[']) {
            let close_char = if rest[open..].starts_with('(') {
                ')'
            } else {
                ']'
            };
            let Some(len) = rest[open..].find(close_char) else {
                break;
            };
            let group = &rest[open + 1..open + len];
            rest = &rest[open + len + 1..];
            let words = tokens(group);
            let mut trial = unit.clone();
            if words.iter().all(|w| trial.word(w))
                && !words.iter().all(|w| CONNECTORS.contains(&w.as_str()))
            {
                trial.written.push(format!(
                    "{}{group}{close_char}",
                    if close_char == ')' { '(' } else { '[' }
                ));
                unit = trial;
            }
        }
        unit
    }

    /// Records a period written around the header's name (`Annual Benefit`).
    pub fn add_period(&mut self, period: Period, written: &str) {
        self.set_period(period);
        self.written.push(written.to_string());
    }
}

/// A period word opening or closing a header's words (`Annual Benefit`,
/// `Compute cost per year`): the words without it, the period and the
/// words as written.
#[must_use]
pub fn strip_period(words: &[String]) -> Option<(Vec<String>, Period, String)> {
    const OPENING: &[(&str, Period)] = &[
        ("annual", Period::Annual),
        ("annualised", Period::Annual),
        ("annualized", Period::Annual),
        ("yearly", Period::Annual),
        ("quarterly", Period::Quarterly),
    ];
    const CLOSING: &[(&[&str], Period)] = &[
        (&["per", "year"], Period::Annual),
        (&["per", "annum"], Period::Annual),
        (&["pa"], Period::Annual),
        (&["annual"], Period::Annual),
        (&["annually"], Period::Annual),
        (&["yearly"], Period::Annual),
        (&["per", "quarter"], Period::Quarterly),
        (&["quarterly"], Period::Quarterly),
    ];
    let first = words.first()?;
    if let Some((_, p)) = OPENING
        .iter()
        .find(|(w, _)| w == first)
        .filter(|_| words.len() > 1)
    {
        return Some((words[1..].to_vec(), *p, first.clone()));
    }
    for (tail, p) in CLOSING {
        if words.len() > tail.len()
            && words.ends_with(&tail.iter().map(|w| (*w).to_string()).collect::<Vec<_>>())
        {
            let at = words.len() - tail.len();
            return Some((words[..at].to_vec(), *p, tail.join(" ")));
        }
    }
    None
}
