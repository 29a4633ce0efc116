//! Numbers written for people: money in whole units of the run currency
//! with thousands separators, ratios as `3:1`, percents with one decimal at
//! most, share lists, counts. Findings' explanations, `InputUsed`
//! values, the report, the workbook's column widths and the terminal all
//! write numbers here, so a CFO reads the same figure everywhere and the
//! digits are grouped one way.

use std::fmt::Write as _;

use crate::model::{ProviderDimension, Ruleset, ShareList};

/// Money for people: whole units of the run currency with thousands
/// separators, `195,000`, `16,667`, `-1,200`.
///
/// This is the one precision airoi writes money in wherever a person reads
/// it: the workbook's `#,##0` formats, the report, the terminal, `diff` and
/// the CSV (which writes the same whole units without separators). The
/// JSON keeps full precision. A line that multiplies or adds shown figures
/// says when they were rounded.
#[must_use]
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let whole = x.abs().round();
    let mut out = String::new();
    if x < 0.0 && whole > 0.0 {
        out.push('-');
    }
    out.push_str(&group_digits(&format!("{whole:.0}")));
    out
}

/// An amount a person gave, as given: thousands separators, cents only when
/// there are any (`1,234.50`, `50,000`). Inputs keep their precision so
/// that the reading of a cell can be checked against it; what airoi
/// computes is written by [`money`].
#[must_use]
pub fn amount(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let cents = (x.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let frac = (cents - whole * 100.0) as u64;
    let mut out = String::new();
    if x < 0.0 && cents > 0.0 {
        out.push('-');
    }
    out.push_str(&group_digits(&format!("{whole:.0}")));
    if frac > 0 {
        let _ = write!(out, ".{frac:02}");
    }
    out
}

/// Money as data (the CSV): whole units as people read them, no
/// separators, so a column adds up to what the workbook shows.
#[must_use]
pub fn money_data(x: f64) -> f64 {
    let whole = x.round();
    if whole == 0.0 { 0.0 } else { whole }
}

/// A plain number with as few decimals as it needs (up to `max_decimals`),
/// thousands grouped: `3`, `2.5`, `5,200`, `0.1`.
#[must_use]
pub fn number(x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{:.*}", max_decimals, x.abs());
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let mut out = String::new();
    if x < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    out.push_str(&group_digits(int));
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A ratio as people write it: `4.1:1`; `digits` decimals, trailing zeros kept
/// so a column of ratios lines up.
#[must_use]
pub fn ratio(x: f64, digits: usize) -> String {
    format!("{x:.digits$}:1")
}

/// A threshold ratio with the decimals it needs: `3:1`, `2.5:1`.
#[must_use]
pub fn target(x: f64) -> String {
    format!("{}:1", number(x, 4))
}

/// A percent with the decimals it needs, one at most: `60%`, `2.5%`,
/// `40.5%` (for 40.52): the one way airoi writes a percent for people.
#[must_use]
pub fn pct(x: f64) -> String {
    format!("{}%", number(x, 1))
}

/// A portfolio figure for people, written as its kind is everywhere:
/// counts whole, money as money, ratios to two decimals, the HHI to one.
#[must_use]
pub fn figure(kind: crate::model::FigureKind, x: f64) -> String {
    use crate::model::FigureKind;
    match kind {
        FigureKind::Count => number(x, 0),
        FigureKind::Money => money(x),
        FigureKind::Ratio => number(x, 2),
        FigureKind::Index => number(x, 1),
    }
}

/// A change in a portfolio figure, signed: `+31`, `+1,014,505`, `-50.6`.
#[must_use]
pub fn figure_change(kind: crate::model::FigureKind, x: f64) -> String {
    let shown = figure(kind, x);
    if x > 0.0 { format!("+{shown}") } else { shown }
}

/// An annual rate of return above this (a fraction: 10 is 1,000%) is
/// written [`RATE_ABOVE`] for people; data keeps the number.
pub const RATE_CAP: f64 = 10.0;

/// How outputs for people write a rate of return above [`RATE_CAP`].
pub const RATE_ABOVE: &str = "> 1,000%";

/// An annual rate of return (a fraction) for people: a percent, or
/// [`RATE_ABOVE`] past [`RATE_CAP`] (an IRR of 24,876,185,950,650,588% is
/// arithmetic, not information).
#[must_use]
pub fn rate(x: f64) -> String {
    if x > RATE_CAP {
        RATE_ABOVE.to_string()
    } else {
        pct(x * 100.0)
    }
}

/// A change in percent for "would need to rise 25%": whole percents, one
/// decimal below 10% so a small gap does not read as zero.
#[must_use]
pub fn change_pct(x: f64) -> String {
    if x.abs() < 10.0 {
        format!("{}%", number(x, 1))
    } else {
        format!("{}%", number(x, 0))
    }
}

/// A share list as people read it, each provider by its label in the
/// ruleset: `Azure 60%, AWS 40%`, `On-premises 100%`.
#[must_use]
pub fn shares(list: &ShareList, ruleset: &Ruleset, dimension: ProviderDimension) -> String {
    let mut out = String::new();
    for (i, share) in list.shares.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let label = ruleset.provider_label(dimension, &share.provider);
        let _ = write!(out, "{label} {}", pct(share.pct));
    }
    out
}

/// A count with thousands separators: `1,234,567`.
///
#[must_use]
pub fn count(n: u64) -> String {
    group_digits(&n.to_string())
}

/// The first `max` names joined by commas, then how many more there are:
/// `FIN-009, SAL-010 and 3 more`; all of them when they are `max` or fewer.
#[must_use]
pub fn first_named<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(AsRef::as_ref).collect();
    let mut text = shown.join(", ");
    if names.len() > max {
        let _ = write!(text, " and {} more", names.len() - max);
    }
    text
}

/// A count with its noun, singular for one: `1 capability`, `3 capabilities`,
/// `1,200 projects`.
#[must_use]
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// A word with its indefinite article, `an` before a vowel sound as written:
/// `an autonomous-agent`, `a copilot`, `a workflow-agent`.
#[must_use]
pub fn a_or_an(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// `x` with exactly `decimals` decimals and thousands grouped, a minus sign
/// whenever `x` is below zero: about what a spreadsheet's `#,##0.00` shows.
#[cfg(test)]
#[must_use]
pub fn fixed(x: f64, decimals: usize) -> String {
    let mut out = String::new();
    let _ = write_fixed(&mut out, x, decimals);
    out
}

/// The length of [`fixed`] without building it: the workbook sizes its
/// columns with it on every number cell.
#[must_use]
pub fn fixed_len(x: f64, decimals: usize) -> usize {
    /// Counts what is written instead of keeping it.
    struct Counter(usize);
    impl std::fmt::Write for Counter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = write_fixed(&mut counter, x, decimals);
    counter.0
}

fn write_fixed(out: &mut impl std::fmt::Write, x: f64, decimals: usize) -> std::fmt::Result {
    if !x.is_finite() {
        return write!(out, "{x}");
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    if x < 0.0 {
        out.write_char('-')?;
    }
    write_grouped(out, int)?;
    if !frac.is_empty() {
        out.write_char('.')?;
        out.write_str(frac)?;
    }
    Ok(())
}

/// Month numbers as spans: `1–5`, `1–3, 7`, `4`; nothing for none.
#[must_use]
pub fn month_span(months: &[u32]) -> String {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &m in months {
        match spans.last_mut() {
            Some((_, last)) if *last + 1 == m => *last = m,
            _ => spans.push((m, m)),
        }
    }
    spans
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}\u{2013}{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Yes or no.
#[must_use]
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let _ = write_grouped(&mut out, digits);
    out
}

/// The digits of a whole number with a comma between each group of three:
/// the one place airoi groups digits.
fn write_grouped(out: &mut impl std::fmt::Write, digits: &str) -> std::fmt::Result {
    let len = digits.len();
    for (i, c) in digits.char_indices() {
        if i > 0 && (len - i) % 3 == 0 {
            out.write_char(',')?;
        }
        out.write_char(c)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_named_lists_the_first_few_then_counts_the_rest() {
        assert_eq!(super::first_named(&["A", "B"], 3), "A, B");
        assert_eq!(super::first_named(&["A", "B", "C"], 3), "A, B, C");
        assert_eq!(
            super::first_named(&["A", "B", "C", "D", "E"], 3),
            "A, B, C and 2 more"
        );
        assert_eq!(super::first_named::<&str>(&[], 3), "");
    }

    use super::*;

    #[test]
    fn money_groups_and_keeps_cents_only_when_present() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.0), "999");
        assert_eq!(money(1_000.0), "1,000");
        assert_eq!(money(554_671.161), "554,671");
        assert_eq!(money(1_234_567.899), "1,234,568");
        assert_eq!(money(3_536_077.46), "3,536,077");
        assert_eq!(money(-0.001), "0");
        assert_eq!(money(-0.4), "0");
        assert_eq!(money(195_000.0), "195,000");
        assert_eq!(money(16_666.666_7), "16,667");
        assert_eq!(money(-1_200.0), "-1,200");
        assert_eq!(money_data(554_671.161).to_string(), "554671");
        assert_eq!(amount(1_234.5), "1,234.50");
        assert_eq!(amount(50_000.0), "50,000");
        assert_eq!(money_data(-0.4).to_string(), "0");
    }

    #[test]
    fn months_are_written_as_spans() {
        assert_eq!(month_span(&[1, 2, 3, 4, 5]), "1\u{2013}5");
        assert_eq!(month_span(&[1, 2, 3, 7]), "1\u{2013}3, 7");
        assert_eq!(month_span(&[4]), "4");
        assert_eq!(month_span(&[]), "");
    }

    #[test]
    fn numbers_trim_trailing_zeros() {
        assert_eq!(number(3.0, 4), "3");
        assert_eq!(number(2.5, 4), "2.5");
        assert_eq!(number(5_200.0, 1), "5,200");
        assert_eq!(number(-0.25, 2), "-0.25");
        assert_eq!(number(-0.001, 1), "0");
        assert_eq!(target(3.0), "3:1");
        assert_eq!(target(2.5), "2.5:1");
        assert_eq!(ratio(4.102_564, 1), "4.1:1");
        assert_eq!(pct(60.0), "60%");
        assert_eq!(change_pct(25.0), "25%");
        assert_eq!(change_pct(2.44), "2.4%");
    }

    #[test]
    fn counted_nouns_and_articles_agree() {
        assert_eq!(counted(1, "capability", "capabilities"), "1 capability");
        assert_eq!(counted(0, "project", "projects"), "0 projects");
        assert_eq!(counted(1_200, "project", "projects"), "1,200 projects");
        assert_eq!(a_or_an("autonomous-agent"), "an autonomous-agent");
        assert_eq!(a_or_an("query-response"), "a query-response");
        assert_eq!(pct(40.52), "40.5%");
        assert_eq!(pct(43.333), "43.3%");
    }

    #[test]
    fn counts_and_fixed_decimals_group_their_digits() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(count(420_000), "420,000");
        assert_eq!(fixed(0.0, 0), "0");
        assert_eq!(fixed(123_456.789, 1), "123,456.8");
        assert_eq!(fixed(-0.001, 2), "-0.00");
        assert_eq!(fixed(999.999, 2), "1,000.00");
        assert_eq!(fixed(f64::INFINITY, 2), "inf");
        assert_eq!(fixed(-1_234.5, 2), "-1,234.50");
        for (x, decimals) in [(0.0, 0), (-1_234.5, 2), (1e15, 1), (-0.001, 2), (999.96, 1)] {
            assert_eq!(fixed_len(x, decimals), fixed(x, decimals).len(), "{x}");
        }
    }
}

/// A margin of safety for people: one decimal, rounded toward zero, so the
/// move shown never breaks the status it guards (26.875 → `26.8%`). A value
/// within floating-point noise of a shown decimal keeps it (30 computed as
/// 29.999999999 is `30.0%`).
#[must_use]
pub fn margin_pct(x: f64) -> String {
    tenths(x, f64::floor)
}

/// What a project needs, for people: one decimal, rounded away from zero,
/// so the move shown is always enough (46.34 → `46.4%`).
#[must_use]
pub fn need_pct(x: f64) -> String {
    tenths(x, f64::ceil)
}

/// `|x|` in tenths rounded by `round` (after easing floating-point noise
/// toward the rounding's direction), signed, grouped, with a percent sign.
fn tenths(x: f64, round: fn(f64) -> f64) -> String {
    if !x.is_finite() {
        return format!("{x}%");
    }
    let y = x.abs() * 10.0;
    let noise = 1e-9 * y.max(1.0);
    let eased = if round(0.5) == 0.0 {
        y + noise
    } else {
        y - noise
    };
    let shown = round(eased).max(0.0) / 10.0;
    let mut out = String::new();
    let _ = write_fixed(&mut out, if x < 0.0 { -shown } else { shown }, 1);
    out.push('%');
    out
}

#[cfg(test)]
mod margin_tests {
    use super::{margin_pct, need_pct};

    #[test]
    fn margins_round_toward_zero_and_needs_away_from_it() {
        assert_eq!(margin_pct(26.875), "26.8%");
        assert_eq!(margin_pct(36.752_136_752), "36.7%");
        assert_eq!(margin_pct(105.128_205), "105.1%");
        assert_eq!(margin_pct(29.999_999_999_9), "30.0%");
        assert_eq!(margin_pct(0.0), "0.0%");
        assert_eq!(margin_pct(1_234.56), "1,234.5%");
        assert_eq!(need_pct(46.34), "46.4%");
        assert_eq!(need_pct(20.000_000_000_1), "20.0%");
        assert_eq!(need_pct(0.01), "0.1%");
    }
}
