//! A project's cost-allocation rule: how its spend is found in the cloud
//! bills. `tag:CostCenter=cc-1042 & service:AI and Machine Learning |
//! subaccount:200000000011` reads as (tag and service) or sub-account:
//! `&` binds tighter than `|`, and there are no brackets. Every comparison
//! ignores case (Google Cloud writes tag keys and values in lower case).
//! Parsing only: `import::bills` compiles and matches rules.

use std::fmt;

/// One condition on a bill row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `tag:KEY=VALUE`: the row's `Tags` hold KEY with VALUE.
    Tag {
        /// The tag key.
        key: String,
        /// The tag value.
        value: String,
    },
    /// `service:NAME`: the row's `ServiceName` or `ServiceCategory` is NAME.
    Service(String),
    /// `subaccount:ID`: the row's `SubAccountId` is ID.
    SubAccount(String),
    /// `resource:GLOB`: the row's `ResourceId` matches GLOB, where `*`
    /// stands for any run of characters.
    Resource(String),
    /// `provider:NAME`: the row's `ProviderName` is NAME, or names the same
    /// provider in the ruleset's provider table (`aws`, `Microsoft Azure`).
    Provider(String),
}

/// A rule: any of its alternatives, each all of its conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRule {
    /// The alternatives (`|`), each a list of conditions that must all hold (`&`).
    pub any: Vec<Vec<Condition>>,
}

/// The kinds of condition, as a message lists them.
const KINDS: &str = "tag:KEY=VALUE, service:NAME, subaccount:ID, resource:GLOB or provider:NAME";

impl AllocationRule {
    /// Reads a rule, with `{project_id}` standing for `project_id`.
    ///
    /// ```
    /// use airoi::model::{AllocationRule, Condition};
    /// let rule = AllocationRule::parse("tag:ai-project={project_id} | provider:aws", "FIN-1").unwrap();
    /// assert_eq!(rule.any[0], vec![Condition::Tag { key: "ai-project".into(), value: "FIN-1".into() }]);
    /// assert_eq!(rule.any[1], vec![Condition::Provider("aws".into())]);
    /// assert!(AllocationRule::parse("team:x", "FIN-1").is_err());
    /// ```
    ///
    /// # Errors
    /// What is wrong with the rule, naming the part at fault.
    pub fn parse(text: &str, project_id: &str) -> Result<AllocationRule, String> {
        let text = text.replace("{project_id}", project_id);
        if text.trim().is_empty() {
            return Err(format!("is empty; expected a rule such as {KINDS}"));
        }
        let mut any = Vec::new();
        for alternative in text.split('|') {
            let mut all = Vec::new();
            for part in alternative.split('&') {
                all.push(condition(part.trim())?);
            }
            any.push(all);
        }
        Ok(AllocationRule { any })
    }
}

fn condition(part: &str) -> Result<Condition, String> {
    if part.is_empty() {
        return Err("has an empty condition beside `&` or `|`".to_string());
    }
    let Some((kind, value)) = part.split_once(':') else {
        return Err(format!("`{part}` is not a condition; expected {KINDS}"));
    };
    let value = value.trim();
    let kind = kind.trim().to_ascii_lowercase();
    if value.is_empty() {
        return Err(format!("`{part}` names no value after `{kind}:`"));
    }
    Ok(match kind.as_str() {
        "tag" => {
            let Some((key, value)) = value.split_once('=') else {
                return Err(format!("`{part}`: a tag condition is tag:KEY=VALUE"));
            };
            let (key, value) = (key.trim(), value.trim());
            if key.is_empty() || value.is_empty() {
                return Err(format!("`{part}`: a tag condition is tag:KEY=VALUE"));
            }
            Condition::Tag {
                key: key.to_string(),
                value: value.to_string(),
            }
        }
        "service" => Condition::Service(value.to_string()),
        "subaccount" | "sub_account" | "account" => Condition::SubAccount(value.to_string()),
        "resource" => Condition::Resource(value.to_string()),
        "provider" => Condition::Provider(value.to_string()),
        _ => return Err(format!("`{part}`: unknown kind `{kind}`; expected {KINDS}")),
    })
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Tag { key, value } => write!(f, "tag:{key}={value}"),
            Condition::Service(v) => write!(f, "service:{v}"),
            Condition::SubAccount(v) => write!(f, "subaccount:{v}"),
            Condition::Resource(v) => write!(f, "resource:{v}"),
            Condition::Provider(v) => write!(f, "provider:{v}"),
        }
    }
}

impl fmt::Display for AllocationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, all) in self.any.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            for (j, c) in all.iter().enumerate() {
                if j > 0 {
                    f.write_str(" & ")?;
                }
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_binds_tighter_than_or() {
        let rule = AllocationRule::parse(
            "tag:CostCenter=cc-1042 & service:AI and Machine Learning | subaccount: 2000 ",
            "X",
        )
        .unwrap();
        assert_eq!(
            rule.any,
            vec![
                vec![
                    Condition::Tag {
                        key: "CostCenter".into(),
                        value: "cc-1042".into()
                    },
                    Condition::Service("AI and Machine Learning".into()),
                ],
                vec![Condition::SubAccount("2000".into())],
            ]
        );
        assert_eq!(
            rule.to_string(),
            "tag:CostCenter=cc-1042 & service:AI and Machine Learning | subaccount:2000"
        );
    }

    #[test]
    fn kinds_ignore_case_and_the_project_id_is_filled_in() {
        let rule =
            AllocationRule::parse("TAG:ai-project={project_id}&Resource:arn:aws:*", "F-1").unwrap();
        assert_eq!(rule.to_string(), "tag:ai-project=F-1 & resource:arn:aws:*");
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        let err = |t: &str| AllocationRule::parse(t, "P").unwrap_err();
        assert!(err("").contains("is empty"));
        assert!(err("tag:a=b &").contains("empty condition"));
        assert!(err("cc-1042").contains("`cc-1042` is not a condition"));
        assert!(err("team:x").contains("unknown kind `team`"));
        assert!(err("tag:CostCenter").contains("tag:KEY=VALUE"));
        assert!(err("tag:=x").contains("tag:KEY=VALUE"));
        assert!(err("service:").contains("names no value"));
    }
}
