//! Re-drawing the output verified from a re-scored run, as `airoi score`
//! drew it: the JSON document, the workbook (through a scratch file), or
//! the report with the template the run recorded, checked.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::export::json::record::{RecordedOutput, RunRecord};
use crate::export::{self, WorkbookOptions};
use crate::import::portfolio::sha256_hex;
use crate::model::GradedRun;

/// The output `kind` drawn again from `run`, with how the charts beside a
/// Markdown report differ from those drawn again (none for other outputs).
/// `output` is the output verified, `template` the `--report-template`
/// given.
///
/// # Errors
///
/// When the output cannot be written, or the report's template is missing
/// or not the one recorded.
pub(super) fn redraw(
    (kind, record): (RecordedOutput, &RunRecord),
    run: GradedRun,
    (output, template): (&Path, Option<&Path>),
    cash_flows_cap: usize,
) -> anyhow::Result<(Vec<u8>, Vec<String>)> {
    let mut chart_differences = Vec::new();
    let fresh = match kind {
        RecordedOutput::Json => {
            let mut buf = Vec::new();
            export::json::write_json(&run, &mut buf)?;
            buf
        }
        RecordedOutput::Workbook => {
            let dir = tempfile_dir()?;
            let path = dir.join("verify.xlsx");
            let opts = WorkbookOptions {
                cash_flows_cap,
                ..WorkbookOptions::default()
            };
            export::write_workbook(&run, &path, &opts)?;
            let fresh = std::fs::read(&path)?;
            let _ = std::fs::remove_dir_all(&dir);
            fresh
        }
        RecordedOutput::Report(format) => {
            let template = report_template(template, record)?;
            let mut run = run;
            // A report of a big run details only its first projects.
            if let Some(n) = run.run.outputs.report_projects {
                run.scorecard.projects.truncate(n);
            }
            let run = std::sync::Arc::new(run);
            let mut buf = Vec::new();
            export::report::render_report(
                &run,
                format,
                template.as_deref(),
                None,
                output,
                &mut buf,
            )?;
            // A Markdown report's charts are files beside it, outputs too.
            if format == export::report::ReportFormat::Markdown {
                chart_differences = export::report::chart_differences(&run, output);
            }
            buf
        }
    };
    Ok((fresh, chart_differences))
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("airoi-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// The replacement report template a run recorded, read and checked.
fn report_template(path: Option<&Path>, record: &RunRecord) -> anyhow::Result<Option<String>> {
    let Some(want) = record.report_template_sha256() else {
        return Ok(None);
    };
    let Some(path) = path else {
        bail!(
            "the report was written with its own template (SHA-256 {want}); pass it with --report-template FILE"
        );
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let got = sha256_hex(text.as_bytes());
    if got != want {
        bail!(
            "{}: SHA-256 is {got}, the report recorded {want}",
            path.display()
        );
    }
    Ok(Some(text))
}
