//! The Markdown report's charts: SVG files in a folder beside the report
//! (`audit.md` → `audit.charts/`), linked from it by relative paths, since
//! Markdown cannot hold a picture inline.
//!
//! The portfolio's charts are `portfolio-return.svg`, `portfolio-providers.svg`
//! and `portfolio-grades.svg`; a project's is `project-N-ID.svg`, N its number
//! in the report and ID its id with anything but letters, digits, `-` and `_`
//! replaced, so any id makes a safe, unique name; its plan-versus-actual
//! chart, when it has actual months, is `project-N-ID.review.svg`, and its
//! tornado, when it has margins, `project-N-ID.tornado.svg`. Writing the report again
//! replaces these files and removes those of its earlier projects that are
//! gone, and touches nothing else in the folder.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{charts, project_chart, review_chart, scatter, tornado};
use crate::export::ExportError;
use crate::model::GradedRun;

/// The portfolio's return-ratio scatter.
pub const SCATTER: &str = "portfolio-return.svg";
/// The portfolio's provider mix.
pub const PROVIDERS: &str = "portfolio-providers.svg";
/// The portfolio's grade distribution.
pub const GRADES: &str = "portfolio-grades.svg";

/// Characters of a project id kept in its chart's file name at most.
const ID_CHARS: usize = 40;

/// The folder beside a Markdown report that holds its charts.
#[must_use]
pub fn folder(report: &Path) -> PathBuf {
    report.with_file_name(folder_name(report))
}

fn folder_name(report: &Path) -> String {
    let stem = report
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    format!("{stem}.charts")
}

/// How the report links to its chart folder: its name, percent-encoded so a
/// space or a bracket in it cannot end the Markdown link.
#[must_use]
pub fn link_prefix(report: &Path) -> String {
    let mut out = String::new();
    for b in folder_name(report).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The file name of the chart of the `number`th project (1-based).
#[must_use]
pub fn project_file(number: usize, id: &str) -> String {
    let safe: String = id
        .chars()
        .take(ID_CHARS)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        format!("project-{number}.svg")
    } else {
        format!("project-{number}-{safe}.svg")
    }
}

/// The file name of the plan-versus-actual chart of the `number`th
/// project: its chart's name with `.review` before the extension (an id
/// keeps no `.`, so no project's chart is named so).
#[must_use]
pub fn review_file(number: usize, id: &str) -> String {
    let file = project_file(number, id);
    format!("{}.review.svg", file.trim_end_matches(".svg"))
}

/// The file name of the tornado chart of the `number`th project: its
/// chart's name with `.tornado` before the extension.
#[must_use]
pub fn tornado_file(number: usize, id: &str) -> String {
    let file = project_file(number, id);
    format!("{}.tornado.svg", file.trim_end_matches(".svg"))
}

/// Whether a file in the chart folder is one this report writes: any other
/// file there is someone else's.
fn is_ours(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".svg") else {
        return false;
    };
    [SCATTER, PROVIDERS, GRADES].contains(&name)
        || stem.strip_prefix("project-").is_some_and(|rest| {
            let digits = rest.split(['-', '.']).next().unwrap_or_default();
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Draws one of the portfolio's charts.
type DrawPortfolio = fn(&GradedRun) -> Result<String, ExportError>;

/// Every chart of the report as (file name, SVG), the projects' drawn as
/// they are reached. A project chart that cannot be drawn has no file (its
/// caption says why).
fn each_chart(run: &GradedRun) -> impl Iterator<Item = Result<(String, String), ExportError>> + '_ {
    let portfolio: [(&str, DrawPortfolio); 3] = [
        (SCATTER, |run| scatter::scatter(run).map(|(svg, _)| svg)),
        (PROVIDERS, charts::provider_mix),
        (GRADES, charts::grades),
    ];
    let portfolio = portfolio
        .into_iter()
        .map(move |(name, draw)| draw(run).map(|svg| (name.to_owned(), svg)));
    let projects = run
        .scorecard
        .projects
        .iter()
        .enumerate()
        .flat_map(move |(i, score)| {
            let id = &score.project.project_id;
            let (svg, _) = project_chart::project_chart(run, score);
            let chart = (!svg.is_empty()).then(|| Ok((project_file(i + 1, id), svg)));
            let (svg, _) = review_chart::review_chart(run, score);
            let review = (!svg.is_empty()).then(|| Ok((review_file(i + 1, id), svg)));
            let (svg, _) = tornado::project_svg(run, score);
            let tornado = (!svg.is_empty()).then(|| Ok((tornado_file(i + 1, id), svg)));
            chart.into_iter().chain(review).chain(tornado)
        });
    portfolio.chain(projects)
}

/// Writes the charts of the Markdown report at `report` into its folder,
/// each atomically and never over an input, then removes the charts of
/// projects the report no longer has.
///
/// # Errors
///
/// [`ExportError::Io`] when the folder cannot be made or read, or a chart
/// cannot be written; what drawing a portfolio chart reports.
pub fn write_charts(run: &GradedRun, report: &Path) -> Result<(), ExportError> {
    let dir = folder(report);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    if dir.exists() && !dir.is_dir() {
        return Err(io(&dir)(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "a file of this name is in the way of the report's chart folder",
        )));
    }
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    let mut written = BTreeSet::new();
    for chart in each_chart(run) {
        let (name, svg) = chart?;
        let path = dir.join(&name);
        crate::export::write_atomically(&path, &inputs, |tmp| {
            std::fs::write(tmp, svg.as_bytes()).map_err(io(&path))
        })?;
        written.insert(name);
    }
    for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
        let entry = entry.map_err(io(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ours(&name) && !written.contains(&name) && entry.path().is_file() {
            std::fs::remove_file(entry.path()).map_err(io(&entry.path()))?;
        }
    }
    Ok(())
}

/// How the chart files beside a Markdown report differ from the charts
/// `run` draws: one line per missing or changed file.
#[must_use]
pub fn chart_differences(run: &GradedRun, report: &Path) -> Vec<String> {
    let dir = folder(report);
    let mut out = Vec::new();
    for chart in each_chart(run) {
        let (name, svg) = match chart {
            Ok(chart) => chart,
            Err(e) => {
                out.push(format!("the charts cannot be drawn: {e}"));
                continue;
            }
        };
        let path = dir.join(&name);
        match std::fs::read(&path) {
            Err(e) => out.push(format!("chart {}: cannot be read ({e})", path.display())),
            Ok(bytes) if bytes != svg.as_bytes() => out.push(format!(
                "chart {}: differs from the chart re-scoring draws",
                path.display()
            )),
            Ok(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_project_id_makes_a_safe_unique_name() {
        assert_eq!(project_file(3, "IT-007"), "project-3-IT-007.svg");
        assert_eq!(project_file(4, "../a b/c"), "project-4-___a_b_c.svg");
        assert_eq!(project_file(5, ""), "project-5.svg");
        assert_eq!(project_file(6, "CON"), "project-6-CON.svg");
        assert!(is_ours(&project_file(4, "../a b/c")));
        assert_eq!(review_file(3, "IT-007"), "project-3-IT-007.review.svg");
        assert!(is_ours(&review_file(3, "IT-007")));
        assert_eq!(tornado_file(3, "IT-007"), "project-3-IT-007.tornado.svg");
        assert!(is_ours(&tornado_file(3, "IT-007")));
        assert!(is_ours(SCATTER) && !is_ours("project-notes.svg") && !is_ours("mine.svg"));
    }

    #[test]
    fn the_folder_and_its_link_follow_the_report_name() {
        let report = Path::new("out/Q1 audit (draft).md");
        assert_eq!(folder(report), Path::new("out/Q1 audit (draft).charts"));
        assert_eq!(link_prefix(report), "Q1%20audit%20%28draft%29.charts");
    }
}
