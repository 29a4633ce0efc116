//! The bundled sample portfolio: its projects, and the writer of
//! `samples/portfolio.xlsx`, its CSV twin `samples/portfolio.csv` +
//! `samples/portfolio.cashflows.csv`, and its cloud bills `samples/bills/`
//! (`bills.rs`).
//!
//! `cargo run --example make-samples` (`make_samples.rs`) writes them; the
//! integration tests include this file too and keep the committed files equal
//! to what it writes.

#[path = "bills.rs"]
mod bills;
#[path = "focus.rs"]
mod focus;

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The header row, as the intake template writes it, plus two columns airoi
/// does not know (carried through to every output).
const HEADERS: [&str; 23] = [
    "Project ID",
    "Project Name",
    "Business Unit",
    "Owner",
    "Stage",
    "Start Date",
    "Upfront Compute Cost (USD)",
    "Monthly Compute Cost (USD)",
    "Compute Growth %",
    "Monthly Benefit (USD)",
    "Benefit Start Month",
    "Benefit Ramp Months",
    "Benefit Metric",
    "Providers",
    "Model Providers",
    "Interaction Pattern",
    "Multi Step",
    "Stateful",
    "Systems Integrated",
    "Autonomy",
    "Proprietary Data",
    "Cost Centre",
    "Notes",
];

/// One project per line, in header order. Money is USD; growth in percent.
/// Together they cover every verdict of every check and every grade.
#[rustfmt::skip]
const PROJECTS: &[[&str; 23]] = &[
    ["FIN-001", "Invoice matching agent", "Finance", "A. Moreau", "production", "2026-01-01", "15000", "10000", "0", "50000", "2", "2", "efficiency", "azure:60; aws:40", "", "workflow_agent", "yes", "yes", "3", "approve_outcome", "no", "CC-4100", "Matches supplier invoices to POs and books them"],
    ["OPS-002", "Supply chain exception agent", "Operations", "J. Okafor", "production", "2025-11-01", "0", "20000", "1", "75000", "1", "3", "cost_reduction", "aws:50; gcp:30; on-prem:20", "anthropic:60; openai:40", "autonomous_agent", "yes", "yes", "5", "autonomous", "yes", "CC-2200", "Reroutes late shipments across ERP, WMS and carrier portals"],
    ["HR-003", "Policy Q&A chatbot", "HR", "S. Lindqvist", "production", "2025-06-01", "0", "8000", "0", "12000", "1", "0", "user_count", "Microsoft Azure", "Azure OpenAI", "query_response", "no", "no", "1", "none", "yes", "CC-1300", "Answers employee policy questions; success tracked as weekly users"],
    ["MKT-004", "Campaign copy copilot", "Marketing", "R. Alvarez", "pilot", "2026-02-01", "5000", "15000", "0", "38000", "1", "1", "revenue", "Azure 80%, AWS 20%", "openai", "copilot", "no", "yes", "2", "approve_each_step", "yes", "CC-5100", "Drafts campaign variants from the brand library"],
    ["LEG-005", "Contract review assistant", "Legal", "M. Chen", "pilot", "2026-03-01", "50000", "30000", "0", "60000", "4", "3", "risk_reduction", "aws", "anthropic", "workflow_agent", "yes", "no", "1", "approve_each_step", "yes", "CC-1800", "Flags risky clauses; fine-tuned on the clause library"],
    ["CS-006", "Customer service triage agent", "Customer Service", "P. Novak", "production", "2025-09-01", "0", "12000", "0", "45000", "2", "2", "efficiency", "gcp:55; azure:45", "google:50; anthropic:50", "workflow_agent", "yes", "yes", "4", "approve_outcome", "yes", "CC-3300", "Classifies, enriches and routes tickets across CRM and billing"],
    ["IT-007", "Developer code assistant rollout", "IT", "K. Osei", "production", "2025-04-01", "0", "25000", "3", "30000", "1", "0", "engagement", "azure 70, aws 30", "openai", "copilot", "no", "no", "1", "none", "no", "CC-6000", "Seat licences plus hosted inference; measured by acceptance rate"],
    ["RND-008", "Research digest bot", "R&D", "E. Haddad", "idea", "2026-06-01", "0", "0", "0", "5000", "1", "0", "efficiency", "self-hosted", "meta", "autonomous_agent", "no", "no", "0", "autonomous", "no", "CC-7100", "Runs on spare lab GPUs; compute cost not yet allocated"],
    ["FIN-009", "Cash forecasting agent", "Finance", "A. Moreau", "pilot", "2026-01-01", "", "", "", "", "", "", "efficiency", "aws:40; azure:35; gcp:25", "anthropic:50; openai:50", "workflow_agent", "yes", "yes", "3", "approve_outcome", "yes", "CC-4100", "Monthly figures from the FP&A model (CashFlows sheet)"],
    ["SAL-010", "Lead scoring workflow", "Sales", "D. Ferreira", "production", "2025-10-01", "10000", "6000", "0", "16000", "1", "2", "revenue", "aws:60; azure:40", "", "workflow_agent", "yes", "no", "2", "approve_each_step", "no", "CC-5200", "Scores inbound leads and writes them to the CRM"],
    ["PRC-011", "Procurement copilot", "Procurement", "L. Varga", "pilot", "2026-04-01", "20000", "18000", "2", "40000", "3", "2", "cost_reduction", "azure:85; aws:15", "", "copilot", "no", "yes", "3", "approve_each_step", "yes", "CC-2400", "Suggests negotiation levers from spend history"],
    ["ENG-012", "Field maintenance agent", "Engineering", "T. Brandt", "pilot", "2026-02-01", "0", "9000", "0", "22000", "1", "1", "efficiency", "on-prem:50; azure:50", "Llama (self-hosted)", "workflow_agent", "yes", "yes", "2", "approve_outcome", "no", "CC-8100", "Plans work orders from sensor alerts"],
    ["DOC-013", "Document intake agent", "Operations", "J. Okafor", "production", "2025-08-01", "0", "14000", "0", "22000", "1", "0", "efficiency", "aws:50; gcp:50", "", "workflow_agent", "yes", "yes", "4", "autonomous", "yes", "CC-2200", "Extracts and files claims documents end to end"],
];

/// FIN-009's monthly figures (month, compute, benefit).
#[rustfmt::skip]
const CASH_FLOWS: &[(u32, f64, f64)] = &[
    (1, 40000.0, 0.0), (2, 9000.0, 0.0), (3, 9000.0, 8000.0), (4, 9000.0, 16000.0),
    (5, 9000.0, 24000.0), (6, 9000.0, 28000.0), (7, 9000.0, 30000.0), (8, 9000.0, 30000.0),
    (9, 9500.0, 30000.0), (10, 9500.0, 30000.0), (11, 9500.0, 30000.0), (12, 9500.0, 30000.0),
    (13, 10000.0, 30000.0), (14, 10000.0, 30000.0), (15, 10000.0, 30000.0), (16, 10000.0, 30000.0),
    (17, 10000.0, 30000.0), (18, 10000.0, 30000.0),
];

const MONEY_COLUMNS: [usize; 3] = [6, 7, 9];
const INTEGER_COLUMNS: [usize; 3] = [10, 11, 18];

/// The files [`write_samples`] writes, by name.
pub const SAMPLE_FILES: [&str; 6] = [
    "portfolio.xlsx",
    "portfolio.csv",
    "portfolio.cashflows.csv",
    bills::BILL_FILES[0],
    bills::BILL_FILES[1],
    bills::BILL_FILES[2],
];

/// Writes the sample portfolio's files into `dir`: the portfolio and, in
/// `dir/bills/`, its cloud bills.
pub fn write_samples(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    write_xlsx(&dir.join("portfolio.xlsx"))?;
    write_csv(
        &dir.join("portfolio.csv"),
        &dir.join("portfolio.cashflows.csv"),
    )?;
    bills::write_bills(dir)
}

fn write_xlsx(path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 15)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("FY26 AI Centre of Excellence"),
    );
    let bold = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet().set_name("Projects")?;
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &bold)?;
    }
    for (i, project) in PROJECTS.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, value) in project.iter().enumerate() {
            let c = col as u16;
            if value.is_empty() {
                continue;
            }
            if MONEY_COLUMNS.contains(&col) {
                sheet.write_number_with_format(
                    row,
                    c,
                    value.parse::<f64>().unwrap_or(0.0),
                    &money,
                )?;
            } else if INTEGER_COLUMNS.contains(&col) {
                sheet.write_number(row, c, value.parse::<f64>().unwrap_or(0.0))?;
            } else if col == 8 {
                // Growth as a percentage-formatted fraction, as Excel users enter it.
                sheet.write_number_with_format(
                    row,
                    c,
                    value.parse::<f64>().unwrap_or(0.0) / 100.0,
                    &percent,
                )?;
            } else if col == 5 {
                let (y, m, d) = ymd(value);
                sheet.write_datetime_with_format(
                    row,
                    c,
                    ExcelDateTime::from_ymd(y, m, d)?,
                    &date,
                )?;
            } else {
                sheet.write_string(row, c, *value)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();

    let flows = book.add_worksheet().set_name("CashFlows")?;
    for (col, header) in ["Project ID", "Month", "Compute Cost", "Benefit"]
        .iter()
        .enumerate()
    {
        flows.write_string_with_format(0, col as u16, *header, &bold)?;
    }
    for (i, (month, compute, benefit)) in CASH_FLOWS.iter().enumerate() {
        let row = i as u32 + 1;
        flows.write_string(row, 0, "FIN-009")?;
        flows.write_number(row, 1, f64::from(*month))?;
        flows.write_number_with_format(row, 2, *compute, &money)?;
        flows.write_number_with_format(row, 3, *benefit, &money)?;
    }
    flows.autofit();
    book.save(path)
}

fn ymd(text: &str) -> (u16, u8, u8) {
    let mut parts = text.split('-').map(|p| p.parse::<u16>().unwrap_or(1));
    let y = parts.next().unwrap_or(2026);
    let m = parts.next().unwrap_or(1) as u8;
    let d = parts.next().unwrap_or(1) as u8;
    (y, m, d)
}

fn write_csv(projects: &Path, flows: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(projects)?;
    w.write_record(HEADERS)?;
    for project in PROJECTS {
        let mut record: Vec<String> = project.iter().map(|s| (*s).to_string()).collect();
        if !record[8].is_empty() {
            record[8] = format!("{}%", record[8]);
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(flows)?;
    w.write_record(["project_id", "month", "compute_cost", "benefit"])?;
    for (month, compute, benefit) in CASH_FLOWS {
        w.write_record([
            "FIN-009".to_string(),
            month.to_string(),
            compute.to_string(),
            benefit.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
