//! What moved between two runs: new and dropped projects, grade moves,
//! check status changes with the inputs behind them, portfolio deltas.

use serde::Serialize;

/// A project named in a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRef {
    pub project_id: String,
    pub project_name: String,
    pub grade: String,
}

/// A grade that moved. `steps` is positive for a better grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeMove {
    pub project_id: String,
    pub project_name: String,
    pub from: String,
    pub to: String,
    pub steps: i32,
    pub total_from: Option<f64>,
    pub total_to: Option<f64>,
}

/// An input value that differs between the runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputChange {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A check whose status changed, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub project_id: String,
    pub project_name: String,
    pub check: String,
    pub from: String,
    pub to: String,
    pub verdict_from: String,
    pub verdict_to: String,
    /// The inputs of the check that changed; empty when only the ruleset did.
    pub inputs: Vec<InputChange>,
    /// The ruleset differs between the runs.
    pub ruleset_changed: bool,
}

impl StatusChange {
    /// The check for people (`ROI`), from the id the documents hold.
    #[must_use]
    pub fn check_name(&self) -> &str {
        super::CheckId::from_id(&self.check).map_or(self.check.as_str(), |c| c.name())
    }

    /// Why the status moved, in words: the inputs that changed
    /// (`Monthly Benefit 2,500 → 4,000`), or that only the ruleset did.
    #[must_use]
    pub fn why(&self) -> String {
        if self.inputs.is_empty() {
            return if self.ruleset_changed {
                "the ruleset changed"
            } else {
                "no input changed"
            }
            .to_string();
        }
        self.inputs
            .iter()
            .map(|i| {
                format!(
                    "{} {} → {}",
                    super::FieldId::label_of(&i.field),
                    i.from.as_deref().unwrap_or("(none)"),
                    i.to.as_deref().unwrap_or("(none)")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A portfolio figure before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    pub figure: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// How a portfolio figure is counted, so each output writes it one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// A number of projects or rows.
    Count,
    /// Money in the run currency.
    Money,
    /// Benefit per unit of compute.
    Ratio,
    /// The provider concentration index (0–10,000).
    Index,
}

impl Delta {
    /// The figure as people read it: `Compute spend`, not `compute_total`.
    #[must_use]
    pub fn label(&self) -> String {
        let label = match self.figure.as_str() {
            "projects" => "Projects scored",
            "rejected" => "Rows rejected",
            "compute_total" => "Compute spend",
            "benefit_total" => "Benefit",
            "ratio" => "Return ratio",
            "hhi" => "Provider concentration (HHI)",
            "validated" => "Validated",
            "speculative" => "Speculative",
            "agentic" => "Agents",
            "chatbot" => "Chatbots",
            other => {
                let mut words = other.replace('_', " ");
                if let Some(first) = words.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                return words;
            }
        };
        label.to_string()
    }

    /// How the figure is counted.
    #[must_use]
    pub fn kind(&self) -> FigureKind {
        match self.figure.as_str() {
            "compute_total" | "benefit_total" => FigureKind::Money,
            "ratio" => FigureKind::Ratio,
            "hhi" => FigureKind::Index,
            _ => FigureKind::Count,
        }
    }

    /// `to − from`, when both are known.
    #[must_use]
    pub fn change(&self) -> Option<f64> {
        Some(self.to? - self.from?)
    }

    /// The change between the figures as people read them, each rounded
    /// as its kind is shown (money and counts whole, ratios to two
    /// decimals, the HHI to one), so that a line of before, after and
    /// change adds up by hand: 3,536,077 → 4,550,583 is +1,014,506.
    #[must_use]
    pub fn shown_change(&self) -> Option<f64> {
        let scale = match self.kind() {
            FigureKind::Count | FigureKind::Money => 1.0,
            FigureKind::Ratio => 100.0,
            FigureKind::Index => 10.0,
        };
        let shown = |x: f64| (x * scale).round();
        Some((shown(self.to?) - shown(self.from?)) / scale)
    }
}

/// Everything that moved since a previous run.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[expect(
    clippy::struct_field_names,
    reason = "the fields are the JSON document's `changes` keys (docs/json.md)"
)]
pub struct Changes {
    /// The previous run's as-of date.
    pub previous_as_of: String,
    /// The current run's as-of date.
    pub current_as_of: String,
    pub ruleset_changed: bool,
    pub added: Vec<ProjectRef>,
    pub dropped: Vec<ProjectRef>,
    pub grade_moves: Vec<GradeMove>,
    pub status_changes: Vec<StatusChange>,
    pub portfolio: Vec<Delta>,
}

impl Changes {
    /// Whether nothing moved at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.dropped.is_empty()
            && self.grade_moves.is_empty()
            && self.status_changes.is_empty()
            && self
                .portfolio
                .iter()
                .all(|d| d.change().is_none_or(|c| c == 0.0) && d.from.is_some() == d.to.is_some())
    }
}
