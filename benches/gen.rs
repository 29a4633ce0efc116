//! `airoi-gen`: writes a seeded synthetic portfolio of any size for the
//! benchmarks, as CSV (and optionally as an xlsx workbook), with a cash-flow
//! table for a small share of the projects.
//!
//! ```sh
//! cargo run --release --example airoi-gen -- --projects 100000 --seed 7 \
//!     --csv target/bench-data/p100k.csv --cash-flows target/bench-data/p100k.cashflows.csv
//! ```
//!
//! The projects vary the way real intakes do: business units of very
//! different sizes, every stage, one to three infrastructure providers
//! written in several share-list forms, every interaction pattern and
//! benefit metric, compute growth and benefit ramps. `--messy` adds what
//! files sent in by people carry: currency symbols, thousands separators,
//! percent text, odd casing, blank rows and about one row in five hundred
//! that cannot be scored. The same seed always gives the same bytes.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

#[path = "gen_rows.rs"]
mod gen_rows;

use gen_rows::{HEADERS, Rng, project_row};

/// What to write.
struct Args {
    projects: usize,
    seed: u64,
    messy: bool,
    csv: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    cash_flows: Option<PathBuf>,
    /// One project in this many gets a monthly cash-flow table.
    flows_every: usize,
}

fn usage() -> ! {
    eprintln!(
        "usage: airoi-gen --projects N [--seed S] [--messy] [--csv PATH] [--xlsx PATH] \
         [--cash-flows PATH] [--flows-every K]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        projects: 1000,
        seed: 1,
        messy: false,
        csv: None,
        xlsx: None,
        cash_flows: None,
        flows_every: 100,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--projects" => args.projects = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => args.seed = value().parse().unwrap_or_else(|_| usage()),
            "--messy" => args.messy = true,
            "--csv" => args.csv = Some(PathBuf::from(value())),
            "--xlsx" => args.xlsx = Some(PathBuf::from(value())),
            "--cash-flows" => args.cash_flows = Some(PathBuf::from(value())),
            "--flows-every" => args.flows_every = value().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    if args.csv.is_none() && args.xlsx.is_none() {
        usage();
    }
    args
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args();
    if let Some(path) = &args.csv {
        let mut out = csv::Writer::from_writer(BufWriter::new(File::create(path)?));
        out.write_record(HEADERS)?;
        let mut rng = Rng::new(args.seed);
        for i in 0..args.projects {
            if args.messy && rng.below(200) == 0 {
                // A blank line, as spreadsheets exported with gaps have.
                out.write_record(std::iter::repeat_n("", HEADERS.len()))?;
            }
            out.write_record(project_row(&mut rng, i, args.messy))?;
        }
        out.flush()?;
    }
    if let Some(path) = &args.xlsx {
        write_xlsx(&args, path)?;
    }
    if let Some(path) = &args.cash_flows {
        write_cash_flows(&args, path)?;
    }
    Ok(())
}

/// The same rows as the CSV as cells of a `Projects` sheet, typed and
/// formatted as the intake template's are, written row by row.
fn write_xlsx(args: &Args, path: &PathBuf) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let percent_format = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("Projects")?;
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string(0, col as u16, *header)?;
    }
    let mut rng = Rng::new(args.seed);
    let mut row = 1u32;
    for i in 0..args.projects {
        if args.messy && rng.below(200) == 0 {
            row += 1;
        }
        for (col, cell) in project_row(&mut rng, i, args.messy).iter().enumerate() {
            // What a person typing into Excel gets: numbers, percents as
            // percent-formatted numbers, dates as dates, the rest as text.
            let col = col as u16;
            let percent = cell.strip_suffix('%').and_then(|n| n.parse::<f64>().ok());
            let date = rust_xlsxwriter::ExcelDateTime::parse_from_str(cell)
                .ok()
                .filter(|_| cell.len() == 10);
            if cell.is_empty() {
                continue;
            }
            match (cell.parse::<f64>(), percent, date) {
                (Ok(n), ..) => sheet.write_number(row, col, n)?,
                (_, Some(p), _) => {
                    sheet.write_number_with_format(row, col, p / 100.0, &percent_format)?
                }
                (_, _, Some(d)) => sheet.write_datetime_with_format(row, col, d, &date_format)?,
                _ => sheet.write_string(row, col, cell)?,
            };
        }
        row += 1;
    }
    workbook.save(path)
}

/// Monthly cash flows for one project in `flows_every`: an upfront month,
/// then a run rate with a benefit ramp, over 24 months.
fn write_cash_flows(args: &Args, path: &PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = csv::Writer::from_writer(BufWriter::new(File::create(path)?));
    out.write_record(["project_id", "month", "compute_cost", "benefit"])?;
    let mut rng = Rng::new(args.seed ^ 0x5eed);
    for i in (0..args.projects).step_by(args.flows_every.max(1)) {
        let id = gen_rows::project_id(i);
        let run_rate = 1_000.0 * (1 + rng.below(40)) as f64;
        let upside = 0.5 + rng.unit() * 4.5;
        for month in 1..=24u32 {
            let compute = if month == 1 { run_rate * 3.0 } else { run_rate };
            let ramp = (f64::from(month) / 6.0).min(1.0);
            let benefit = (run_rate * upside * ramp).round();
            out.write_record([
                id.clone(),
                month.to_string(),
                compute.to_string(),
                benefit.to_string(),
            ])?;
        }
    }
    out.flush()?;
    Ok(())
}
