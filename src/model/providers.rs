//! The ruleset's provider tables: for each dimension (infrastructure,
//! model vendors), the providers it knows by id, each with the label people
//! read and the other names it is written as; and the one rule for when two
//! written names are the same name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::FieldId;

/// Which share list a provider is named in: each has its own table, as
/// `Azure OpenAI` is infrastructure of `azure` but models of `openai`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProviderDimension {
    /// Where the workload runs: the `providers` field, the ruleset's
    /// `[providers]` table.
    Infrastructure,
    /// Whose models it uses: the `model_providers` field, the ruleset's
    /// `[model_providers]` table.
    ModelVendor,
}

impl ProviderDimension {
    /// Both dimensions, infrastructure first.
    pub const ALL: [ProviderDimension; 2] = [
        ProviderDimension::Infrastructure,
        ProviderDimension::ModelVendor,
    ];

    /// The ruleset table (and intake field) of the dimension:
    /// `providers` or `model_providers`.
    #[must_use]
    pub fn table_name(self) -> &'static str {
        match self {
            ProviderDimension::Infrastructure => "providers",
            ProviderDimension::ModelVendor => "model_providers",
        }
    }

    /// The dimension an intake field's providers are read in, if it names
    /// providers.
    #[must_use]
    pub fn of_field(field: FieldId) -> Option<ProviderDimension> {
        match field {
            FieldId::Providers => Some(ProviderDimension::Infrastructure),
            FieldId::ModelProviders => Some(ProviderDimension::ModelVendor),
            _ => None,
        }
    }
}

/// A provider a table knows: its label and the other names it is written
/// as (lower case). Its id and label are names of it too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownProvider {
    /// The name people read: `AWS`, `Google Cloud`, `Llama (self-hosted)`.
    pub label: String,
    /// Other names as written, in lower case and in order:
    /// `amazon web services`, `aws bedrock`.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A dimension's providers by id (`aws`, `on_prem`).
pub type ProviderTable = BTreeMap<String, KnownProvider>;

/// The form in which written names are compared: lower case, dashes of
/// every kind, spaces, slashes and brackets as one underscore, none at
/// either end. `On-Prem`, `on prem` and `on_prem` are one name; so are
/// `Llama (self-hosted)` and `llama_self_hosted`. A provider's id is
/// always in this form.
///
/// ```
/// use airoi::model::provider_key;
/// assert_eq!(provider_key("Llama (self\u{2013}hosted)"), "llama_self_hosted");
/// assert_eq!(provider_key("  Microsoft  Azure "), "microsoft_azure");
/// ```
#[must_use]
pub fn provider_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        let separator = c.is_whitespace()
            || matches!(
                c,
                '-' | '_'
                    | '/'
                    | '('
                    | ')'
                    | '\u{2010}'
                    | '\u{2011}'
                    | '\u{2012}'
                    | '\u{2013}'
                    | '\u{2014}'
            );
        if separator {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        out.extend(c.to_lowercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_of_one_name_share_a_key() {
        for written in [
            "on-prem",
            "On Prem",
            "on_prem",
            " ON\u{2011}PREM ",
            "on / prem",
        ] {
            assert_eq!(provider_key(written), "on_prem", "{written}");
        }
        assert_eq!(provider_key("Llama (self-hosted)"), "llama_self_hosted");
        assert_eq!(provider_key("AT&T Cloud"), "at&t_cloud");
        assert_eq!(provider_key("(  )"), "");
    }

    #[test]
    fn each_share_field_has_its_dimension() {
        assert_eq!(
            ProviderDimension::of_field(FieldId::ModelProviders),
            Some(ProviderDimension::ModelVendor)
        );
        assert_eq!(
            ProviderDimension::of_field(FieldId::Providers).map(ProviderDimension::table_name),
            Some("providers")
        );
        assert_eq!(ProviderDimension::of_field(FieldId::Owner), None);
    }
}
