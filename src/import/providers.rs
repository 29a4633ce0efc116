//! Provider names as written, read through the ruleset's alias table
//! (`provider_aliases`, one table for infrastructure and model vendors).
//! This is the one place that looks a written name up: a known name or
//! alias gives its provider, a near-miss of one (`Azrue`) is refused with a
//! did-you-mean, and any other name is a provider of its own.

use std::collections::BTreeMap;

use super::values::enum_key;

/// What a written provider name reads as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ProviderName {
    /// A provider the alias table knows, by its normalised name.
    Known(String),
    /// A name the table does not know, normalised (`acme_cloud`).
    Unknown(String),
    /// A near-miss of known names: what the writer probably meant, as the
    /// text of a suggestion (`azure`, or `"vertex" (gcp)`).
    NearMiss(String),
}

/// Reads a written provider name through `aliases` (lower-case written
/// name → provider).
pub(crate) fn read_provider(name: &str, aliases: &BTreeMap<String, String>) -> ProviderName {
    // Dashes from word processors read as the hyphen the table spells;
    // brackets (`Llama (self-hosted)`) as spaces.
    let lower: String = name
        .replace(
            ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}'],
            "-",
        )
        .replace(['(', ')'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let key = enum_key(&lower);
    let spaced = key.replace('_', " ");
    if let Some(p) = [&lower, &key, &spaced]
        .into_iter()
        .find_map(|form| aliases.get(form.as_str()))
    {
        return ProviderName::Known(p.clone());
    }
    // A provider's own name is known even where no alias spells it.
    if let Some(p) = aliases.values().find(|p| **p == key || **p == spaced) {
        return ProviderName::Known(p.clone());
    }
    match near_miss(&spaced, aliases) {
        Some(suggestion) => ProviderName::NearMiss(suggestion),
        None => ProviderName::Unknown(key),
    }
}

/// The known names `written` is a typo of, as a suggestion naming each
/// provider: the written alias and its provider where they differ.
fn near_miss(written: &str, aliases: &BTreeMap<String, String>) -> Option<String> {
    let known = aliases
        .iter()
        .map(|(alias, provider)| (alias.as_str(), provider.as_str()))
        .chain(aliases.values().map(|p| (p.as_str(), p.as_str())));
    let mut best: Option<(usize, Vec<(&str, &str)>)> = None;
    for (alias, provider) in known {
        let shown = alias.replace('_', " ");
        let Some(distance) = typo_distance(written, &shown) else {
            continue;
        };
        match &mut best {
            Some((d, found)) if *d == distance => {
                if !found.iter().any(|(_, p)| *p == provider) {
                    found.push((alias, provider));
                }
            }
            Some((d, _)) if *d < distance => {}
            _ => best = Some((distance, vec![(alias, provider)])),
        }
    }
    let (_, found) = best?;
    let named: Vec<String> = found
        .into_iter()
        .map(|(alias, provider)| {
            if alias == provider {
                provider.to_string()
            } else {
                format!("\"{alias}\" ({provider})")
            }
        })
        .collect();
    Some(named.join(" or "))
}

/// The edit distance from `written` to the known name `known` when it is
/// small enough to be a typo: one edit in a name of four to seven
/// characters, two from eight on, and in a name of three or fewer only two
/// letters swapped (`asw`), as another three-letter name is as likely
/// meant as mistyped.
fn typo_distance(written: &str, known: &str) -> Option<usize> {
    let known_len = known.chars().count();
    let written_len = written.chars().count();
    let allowed = if known_len >= 8 { 2 } else { 1 };
    // The distance is at least the difference in length: most names are
    // ruled out without being compared.
    if written_len.abs_diff(known_len) > allowed {
        return None;
    }
    let distance = edit_distance(written, known);
    if distance == 0 || distance > allowed {
        return None;
    }
    if known_len <= 3 {
        let mut a: Vec<char> = written.chars().collect();
        let mut b: Vec<char> = known.chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        if written_len != known_len || a != b {
            return None;
        }
    }
    Some(distance)
}

/// Edit distance over characters, counting two adjacent letters swapped as
/// one edit (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> BTreeMap<String, String> {
        [
            ("amazon web services", "aws"),
            ("microsoft azure", "azure"),
            ("vertex ai", "gcp"),
            ("on-prem", "on_prem"),
            ("anthropic", "anthropic"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn swapped_letters_are_one_edit() {
        assert_eq!(edit_distance("azrue", "azure"), 1);
        assert_eq!(edit_distance("asw", "aws"), 1);
        assert_eq!(edit_distance("antrophic", "anthropic"), 2);
        assert_eq!(edit_distance("", "aws"), 3);
        assert_eq!(edit_distance("oracle", "orange"), 2);
    }

    #[test]
    fn known_names_and_aliases_give_their_provider() {
        let t = table();
        let known = |s: &str| ProviderName::Known(s.to_string());
        assert_eq!(read_provider("Microsoft  Azure", &t), known("azure"));
        assert_eq!(read_provider("AZURE", &t), known("azure"));
        assert_eq!(read_provider("On\u{2013}prem", &t), known("on_prem"));
        assert_eq!(read_provider("on prem", &t), known("on_prem"));
        assert_eq!(read_provider("Amazon-Web-Services", &t), known("aws"));
    }

    #[test]
    fn a_near_miss_names_the_provider_meant() {
        let t = table();
        let miss = |s: &str| ProviderName::NearMiss(s.to_string());
        assert_eq!(read_provider("Azrue", &t), miss("azure"));
        assert_eq!(read_provider("asw", &t), miss("aws"));
        assert_eq!(read_provider("Antrophic", &t), miss("anthropic"));
        assert_eq!(read_provider("Vertx AI", &t), miss("\"vertex ai\" (gcp)"));
        assert_eq!(
            read_provider("Microsft Azure", &t),
            miss("\"microsoft azure\" (azure)")
        );
    }

    #[test]
    fn other_names_are_providers_of_their_own() {
        let t = table();
        let unknown = |s: &str| ProviderName::Unknown(s.to_string());
        assert_eq!(read_provider("Acme Cloud", &t), unknown("acme_cloud"));
        // Short names: only swapped letters are a typo, not another letter.
        assert_eq!(read_provider("OVH", &t), unknown("ovh"));
        assert_eq!(read_provider("awz", &t), unknown("awz"));
        assert_eq!(read_provider("Oracle", &t), unknown("oracle"));
        assert_eq!(read_provider("Hetzner", &t), unknown("hetzner"));
    }

    #[test]
    fn a_name_added_to_the_table_is_no_longer_a_near_miss() {
        let mut t = table();
        t.insert("azrue".into(), "azrue".into());
        assert_eq!(
            read_provider("Azrue", &t),
            ProviderName::Known("azrue".into())
        );
    }
}
