//! The audit report: a finished run (`GradedRun`) as a self-contained HTML page
//! (inline CSS and SVG, nothing fetched) that prints to PDF on A4 and
//! Letter, or the same content as Markdown.
//!
//! The layout lives in `templates/report.html.j2` and `templates/report.md.j2`
//! (minijinja), built in and replaceable at run time, so an organisation can
//! restyle the report without rebuilding. Templates see the view-model of
//! `view`: every figure already formatted, nothing left to
//! compute.
//!
//! Nothing from an input file can become live markup: HTML output escapes
//! every value; Markdown output neutralises every value ([`markdown_text`])
//! unless a template marks it `safe`, which the built-in templates do only
//! for the charts and the ruleset's code block.
//!
//! - `view`: the view-model, with `run_record` (the run record and the
//!   ruleset appendix, with `baseline`, the changes since a baseline run),
//!   `rows` (the overview table, project sections and `rejected` rows,
//!   each built as the template reaches it), `summary` (the portfolio's figures),
//!   `project` and `project_chart` (one project's section and chart),
//!   `review` and `review_chart` (its review on actual figures, with the
//!   plan-versus-actual chart, and `review_months`, the appendix of plan
//!   and actual by month), `bills` (the cloud bills' section),
//!   `change` (what would change a project's verdict), `cash_flows` (the
//!   appendix of explicit cash flows), `charts` and `scatter` (the
//!   portfolio's SVG charts, with `label_layout` placing the scatter's
//!   labels), `scenarios` (what each scenario does to the grades), `odds`
//!   (the portfolio's simulated odds of reaching the target), `tornado`
//!   (each project's chart of which input moves its ratio most),
//!   and `chart_files` (the Markdown report's
//!   charts as files beside it).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, HtmlEscape, State, Value, escape_formatter};

use crate::export::ExportError;
use crate::model::GradedRun;
use view::report_view;

mod appendix;
mod baseline;
mod bills;
mod cash_flows;
mod change;
mod chart_files;
mod charts;
mod label_layout;
mod odds;
mod project;
mod project_chart;
mod rejected;
mod review;
mod review_chart;
mod review_months;
mod rows;
mod run_record;
mod scatter;
mod scenarios;
mod summary;
#[cfg(test)]
mod tests;
mod tornado;
mod view;

/// The built-in HTML template.
pub(crate) const HTML_TEMPLATE: &str = include_str!("../../../templates/report.html.j2");
/// The built-in Markdown template.
pub(crate) const MARKDOWN_TEMPLATE: &str = include_str!("../../../templates/report.md.j2");

/// The escaping minijinja applies to Markdown output (see [`markdown_text`]).
const MARKDOWN_ESCAPE: AutoEscape = AutoEscape::Custom("markdown");

/// The two report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    Html,
    Markdown,
}

impl ReportFormat {
    /// The format a report path asks for: `.html`/`.htm` or `.md`, any case.
    #[must_use]
    pub(crate) fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "md" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }

    /// The built-in template of this format.
    #[must_use]
    pub(crate) fn default_template(self) -> &'static str {
        match self {
            ReportFormat::Html => HTML_TEMPLATE,
            ReportFormat::Markdown => MARKDOWN_TEMPLATE,
        }
    }

    /// The name the template is registered under; its extension picks the
    /// escaping.
    fn template_name(self) -> &'static str {
        match self {
            ReportFormat::Html => "report.html",
            ReportFormat::Markdown => "report.md",
        }
    }
}

/// The template environment: HTML escaping for `.html`, Markdown
/// neutralising for `.md`, and output kept exactly as the template writes it.
fn environment(format: ReportFormat, source: &str) -> Result<Environment<'_>, Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| match name {
        "report.html" => AutoEscape::Html,
        "report.md" => MARKDOWN_ESCAPE,
        _ => AutoEscape::None,
    });
    env.set_formatter(format_value);
    env.set_keep_trailing_newline(true);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("breakable", breakable);
    env.add_template(format.template_name(), source)?;
    Ok(env)
}

fn format_value(out: &mut minijinja::Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == MARKDOWN_ESCAPE && !value.is_safe() {
        if value.is_none() || value.is_undefined() {
            return Ok(());
        }
        return out
            .write_str(&markdown_text(&value.to_string()))
            .map_err(Error::from);
    }
    escape_formatter(out, state, value)
}

/// The `breakable` filter: in HTML, a path or source cell that may break
/// after its separators (`/`, `\`, `:`, `·`) rather than inside a name, by
/// a `<wbr/>` after each; in Markdown the value as it is.
fn breakable(state: &State, value: &Value) -> Value {
    let Some(text) = value
        .as_str()
        .filter(|_| state.auto_escape() == AutoEscape::Html)
    else {
        return value.clone();
    };
    if value.is_safe() {
        return value.clone();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for piece in text.split_inclusive(['/', '\\', ':', '·']) {
        out.push_str(&HtmlEscape(piece).to_string());
        if piece.ends_with(['/', '\\', ':', '·']) {
            out.push_str("<wbr/>");
        }
    }
    Value::from_safe_string(out)
}

/// Checks that a template parses, so a broken `--report-template` is
/// reported before any input is read.
///
/// # Errors
///
/// The template's syntax error, with its line.
pub(crate) fn check_template(format: ReportFormat, source: &str) -> Result<(), Error> {
    environment(format, source).map(drop)
}

pub(crate) use chart_files::chart_differences;

/// Renders the report of `run` into `w`, with the built-in template or
/// `template` when given. `folder` is the folder of the report, for the
/// relative paths in its run record (`None`: as the run recorded them).
/// `path` is where the report is (or was) written: a Markdown report links to its charts in the folder beside it
/// ([`chart_files`]). Projects are rendered one at a time as the template
/// reaches them.
///
/// # Errors
///
/// [`ExportError::Report`] when the template fails; [`ExportError::Chart`]
/// when a chart cannot be drawn.
pub(crate) fn render_report(
    run: &Arc<GradedRun>,
    format: ReportFormat,
    template: Option<&str>,
    folder: Option<&Path>,
    path: &Path,
    w: &mut dyn Write,
) -> Result<(), ExportError> {
    let source = template.unwrap_or_else(|| format.default_template());
    let env = environment(format, source)?;
    let links = (format == ReportFormat::Markdown).then(|| chart_files::link_prefix(path));
    let view = report_view(run, folder, links.as_deref())?;
    env.get_template(format.template_name())?
        .render_captured_to(Value::from_serialize(&view), w)?;
    Ok(())
}

/// Writes the report of `run` to `path` atomically, never over an input;
/// a Markdown report's charts go in the folder beside it.
///
/// # Errors
///
/// [`ExportError::WouldOverwriteInput`] when `path` is one of the run's
/// inputs; otherwise what rendering or writing reports.
pub(crate) fn write_report(
    run: &Arc<GradedRun>,
    path: &Path,
    format: ReportFormat,
    template: Option<&str>,
) -> Result<(), ExportError> {
    // The charts first: a report never links to charts that failed.
    if format == ReportFormat::Markdown {
        chart_files::write_charts(run, path)?;
    }
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    crate::export::write_atomically(path, &inputs, |tmp| {
        let io = |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::create(tmp).map_err(io)?;
        let mut w = std::io::BufWriter::new(file);
        render_report(
            run,
            format,
            template,
            crate::export::json::relative::output_folder(path),
            path,
            &mut w,
        )?;
        w.flush().map_err(io)
    })
}

/// Text from an input file made inert in Markdown: line breaks become
/// spaces (a table row stays one row), characters Markdown or HTML would
/// act on are backslash-escaped, bare links are broken, and a leading
/// `=`, `+`, `-`, `@` (a formula when pasted into a spreadsheet) is escaped.
///
/// ```
/// use airoi::export::report::markdown_text;
/// assert_eq!(markdown_text("a|b\nc"), r"a\|b c");
/// assert_eq!(markdown_text("=HYPERLINK(\"x\")"), r#"\=HYPERLINK("x")"#);
/// assert_eq!(markdown_text("<script>"), r"\<script\>");
/// ```
#[must_use]
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\t' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '=' | '+' | '-' | '@' if at_start => {
                out.push('\\');
                out.push(c);
            }
            // `12. text` at the start of a line would open a numbered list.
            '.' | ')'
                if matches!(chars.peek(), None | Some(' '))
                    && !out.is_empty()
                    && out.bytes().all(|b| b.is_ascii_digit()) =>
            {
                out.push('\\');
                out.push(c);
            }
            // `http://x` and `www.x` become links in GitHub's Markdown even
            // without brackets; an escaped colon or dot keeps them text.
            ':' if ends_with_ignore_case(&out, "http") || ends_with_ignore_case(&out, "https") => {
                out.push_str("\\:");
            }
            '.' if ends_with_ignore_case(&out, "www") => out.push_str("\\."),
            _ => out.push(c),
        }
        at_start = at_start && c == ' ';
    }
    out
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len() >= s.len() && t[t.len() - s.len()..].eq_ignore_ascii_case(s)
}
