//! Provider names as written, read through the ruleset's provider table
//! of their dimension (`providers` for infrastructure, `model_providers`
//! for model vendors). This is the one place that looks a written name up:
//! a provider's id, label or alias gives the provider, a near-miss of one
//! (`Azrue`) is refused with a did-you-mean naming the provider's label,
//! and any other name is a provider of its own.

use std::collections::BTreeMap;

use crate::model::{ProviderDimension, ProviderTable, Ruleset, provider_key};

/// What a written provider name reads as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ProviderName {
    /// A provider the table knows, by its id.
    Known(String),
    /// A name the table does not know, as an id (`acme_cloud`).
    Unknown(String),
    /// A near-miss of known names: what the writer probably meant, as the
    /// text of a suggestion (`Azure`, or `"vertex ai" (Google Cloud)`).
    NearMiss(String),
}

/// The names of every provider of a ruleset, ready to look written names
/// up in, one table for each dimension. Built once for a run.
#[derive(Debug, Clone)]
pub struct ProviderNames {
    infrastructure: NameTable,
    model_vendors: NameTable,
}

impl ProviderNames {
    /// The names of `ruleset`'s two provider tables.
    #[must_use]
    pub fn new(ruleset: &Ruleset) -> Self {
        ProviderNames {
            infrastructure: NameTable::new(&ruleset.providers),
            model_vendors: NameTable::new(&ruleset.model_providers),
        }
    }

    pub(crate) fn table(&self, dimension: ProviderDimension) -> &NameTable {
        match dimension {
            ProviderDimension::Infrastructure => &self.infrastructure,
            ProviderDimension::ModelVendor => &self.model_vendors,
        }
    }
}

/// One dimension's names.
#[derive(Debug, Clone)]
pub(crate) struct NameTable {
    /// Every name in [`provider_key`] form → the provider's id. An alias
    /// wins over another provider's id or label, as the alias was given
    /// for this reading.
    ids: BTreeMap<String, String>,
    /// Each name as a suggestion shows it, as a typo is measured against
    /// it (the [`provider_key`] form, spaced), and its provider's id.
    shown: Vec<(String, String, String)>,
    /// Provider id → label.
    labels: BTreeMap<String, String>,
    /// The names, in lower case, that hold a connector (`&`, `+`, `and`).
    with_connector: Vec<String>,
}

impl NameTable {
    pub(crate) fn new(table: &ProviderTable) -> Self {
        let mut ids = BTreeMap::new();
        let mut shown = Vec::new();
        let mut labels = BTreeMap::new();
        let mut with_connector = Vec::new();
        for (id, provider) in table {
            labels.insert(id.clone(), provider.label.clone());
            ids.insert(provider_key(id), id.clone());
            shown.push(Self::name(id.replace('_', " "), id));
        }
        for (id, provider) in table {
            ids.insert(provider_key(&provider.label), id.clone());
            shown.push(Self::name(provider.label.to_lowercase(), id));
        }
        for (id, provider) in table {
            for alias in &provider.aliases {
                ids.insert(provider_key(alias), id.clone());
                shown.push(Self::name(alias.clone(), id));
            }
        }
        for (name, _, _) in &shown {
            if has_connector(name) && !with_connector.contains(name) {
                with_connector.push(name.clone());
            }
        }
        NameTable {
            ids,
            shown,
            labels,
            with_connector,
        }
    }

    fn name(name: String, id: &str) -> (String, String, String) {
        let compared = provider_key(&name).replace('_', " ");
        (name, compared, id.to_string())
    }

    /// The label of a provider id; the id itself for one the table lacks.
    pub(crate) fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels.get(id).map_or(id, String::as_str)
    }

    /// A provider as a note names it: its label, with its id where the
    /// label is not the id written otherwise (`Google Cloud (gcp)`).
    pub(crate) fn shown(&self, id: &str) -> String {
        let label = self.label(id);
        if provider_key(label) == id {
            label.to_string()
        } else {
            format!("{label} ({id})")
        }
    }

    /// The known names, in lower case, that hold a connector.
    pub(crate) fn names_with_connector(&self) -> &[String] {
        &self.with_connector
    }

    /// Reads a written provider name.
    pub(crate) fn read(&self, name: &str) -> ProviderName {
        let key = provider_key(name);
        if let Some(id) = self.ids.get(&key) {
            return ProviderName::Known(id.clone());
        }
        match self.near_miss(&key.replace('_', " ")) {
            Some(suggestion) => ProviderName::NearMiss(suggestion),
            None => ProviderName::Unknown(key),
        }
    }

    /// The known names `written` is a typo of, as a suggestion naming each
    /// provider by its label: the name alone where it is the label or the
    /// id, else the name and the label.
    fn near_miss(&self, written: &str) -> Option<String> {
        let mut best: Option<(usize, Vec<(&str, &str)>)> = None;
        for (name, compared, id) in &self.shown {
            let Some(distance) = typo_distance(written, compared) else {
                continue;
            };
            match &mut best {
                Some((d, found)) if *d == distance => {
                    if !found.iter().any(|(_, p)| p == id) {
                        found.push((name, id));
                    }
                }
                Some((d, _)) if *d < distance => {}
                _ => best = Some((distance, vec![(name, id)])),
            }
        }
        let (_, found) = best?;
        let named: Vec<String> = found
            .into_iter()
            .map(|(name, id)| {
                let label = self.label(id);
                if provider_key(name) == provider_key(label) || provider_key(name) == *id {
                    label.to_string()
                } else {
                    format!("\"{name}\" ({label})")
                }
            })
            .collect();
        Some(named.join(" or "))
    }
}

fn has_connector(name: &str) -> bool {
    name.contains(['&', '+']) || name.split_whitespace().any(|w| w == "and")
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
    use crate::model::KnownProvider;

    fn table() -> NameTable {
        let provider = |label: &str, aliases: &[&str]| KnownProvider {
            label: label.to_string(),
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        };
        let providers: ProviderTable = [
            ("aws", provider("AWS", &["amazon web services"])),
            ("azure", provider("Azure", &["microsoft azure"])),
            ("gcp", provider("Google Cloud", &["vertex ai"])),
            ("on_prem", provider("On-premises", &["on-prem"])),
            ("anthropic", provider("Anthropic", &[])),
        ]
        .into_iter()
        .map(|(id, p)| (id.to_string(), p))
        .collect();
        NameTable::new(&providers)
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
    fn ids_labels_and_aliases_give_their_provider() {
        let t = table();
        let known = |s: &str| ProviderName::Known(s.to_string());
        assert_eq!(t.read("Microsoft  Azure"), known("azure"));
        assert_eq!(t.read("AZURE"), known("azure"));
        assert_eq!(t.read("On\u{2013}prem"), known("on_prem"));
        assert_eq!(t.read("on prem"), known("on_prem"));
        assert_eq!(t.read("On-premises"), known("on_prem"));
        assert_eq!(t.read("Google Cloud"), known("gcp"));
        assert_eq!(t.read("Amazon-Web-Services"), known("aws"));
    }

    #[test]
    fn a_near_miss_names_the_provider_meant_by_its_label() {
        let t = table();
        let miss = |s: &str| ProviderName::NearMiss(s.to_string());
        assert_eq!(t.read("Azrue"), miss("Azure"));
        assert_eq!(t.read("asw"), miss("AWS"));
        assert_eq!(t.read("Antrophic"), miss("Anthropic"));
        assert_eq!(t.read("Vertx AI"), miss("\"vertex ai\" (Google Cloud)"));
        assert_eq!(t.read("Gogle Cloud"), miss("Google Cloud"));
        assert_eq!(
            t.read("Microsft Azure"),
            miss("\"microsoft azure\" (Azure)")
        );
    }

    #[test]
    fn other_names_are_providers_of_their_own() {
        let t = table();
        let unknown = |s: &str| ProviderName::Unknown(s.to_string());
        assert_eq!(t.read("Acme Cloud"), unknown("acme_cloud"));
        // Short names: only swapped letters are a typo, not another letter.
        assert_eq!(t.read("OVH"), unknown("ovh"));
        assert_eq!(t.read("awz"), unknown("awz"));
        assert_eq!(t.read("Oracle"), unknown("oracle"));
        assert_eq!(t.read("Hetzner"), unknown("hetzner"));
    }

    #[test]
    fn an_alias_wins_over_another_providers_id() {
        let mut providers: ProviderTable = BTreeMap::new();
        for (id, aliases) in [("azure", vec!["azrue"]), ("azrue", vec![])] {
            providers.insert(
                id.to_string(),
                KnownProvider {
                    label: id.to_string(),
                    aliases: aliases.into_iter().map(String::from).collect(),
                },
            );
        }
        let t = NameTable::new(&providers);
        assert_eq!(t.read("Azrue"), ProviderName::Known("azure".into()));
        assert_eq!(t.label("azrue"), "azrue");
        assert_eq!(t.label("hetzner"), "hetzner");
    }
}
