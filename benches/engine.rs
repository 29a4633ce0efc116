//! `cargo bench`: the per-project engine on the sample portfolio's projects
//! (every grade, both money forms, cash-flow tables): scoring one project,
//! filling its monthly series, and the IRR root search.
//!
//! End-to-end figures (reading, scoring and writing a portfolio against the
//! libraries' floor) come from `benches/run.sh`, not from here.

use std::hint::black_box;
use std::path::PathBuf;

use airoi::import::{ImportOptions, read_portfolio};
use airoi::model::{Project, Ruleset};
use airoi::rules::{Series, default_ruleset, finance, score_project_with};

fn main() {
    divan::main();
}

/// The sample portfolio's projects, read once.
fn sample() -> (Vec<Project>, Ruleset) {
    let ruleset = default_ruleset();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let inputs = [root.join("portfolio.xlsx")];
    let intake = read_portfolio(&inputs, &ImportOptions::default(), &ruleset);
    assert!(
        !intake.projects.is_empty(),
        "samples/portfolio.xlsx should hold projects"
    );
    (intake.projects, ruleset)
}

/// Scores every sample project once per iteration (13 projects).
#[divan::bench]
fn score_sample_projects(bencher: divan::Bencher) {
    let (projects, ruleset) = sample();
    let mut buffer = Series::default();
    bencher
        .with_inputs(|| projects.clone())
        .bench_local_values(|projects| {
            for project in projects {
                black_box(score_project_with(project, &ruleset, &mut buffer));
            }
        });
}

/// Fills the monthly compute and benefit series of every sample project.
#[divan::bench]
fn monthly_series(bencher: divan::Bencher) {
    let (projects, ruleset) = sample();
    let mut buffer = Series::default();
    bencher.bench_local(|| {
        for project in &projects {
            buffer.fill(black_box(project), &ruleset);
            black_box(&buffer);
        }
    });
}

/// The IRR of a typical 18-month flow: upfront spend, then a ramping return.
#[divan::bench]
fn irr_typical(bencher: divan::Bencher) {
    let mut flows = vec![-40_000.0];
    flows.extend((1..18).map(|m| f64::from(m.min(6)) * 4_000.0 - 9_000.0));
    bencher.bench_local(|| finance::annual_irr(black_box(&flows), 0.1));
}

/// The IRR of a flow with no sign change: the search must give up quickly.
#[divan::bench]
fn irr_never_pays_back(bencher: divan::Bencher) {
    let flows: Vec<f64> = (0..18).map(|_| -1_000.0).collect();
    bencher.bench_local(|| finance::annual_irr(black_box(&flows), 0.1));
}
