// Results are compared bit for bit: reproducing them exactly is the point.
#![allow(clippy::float_cmp)]

use super::*;
use crate::model::{Field, Project};
use crate::rules::default_ruleset;
use crate::rules::engine::score_project;
use crate::rules::testing::flat;

fn with_id(mut p: Project, id: &str) -> Project {
    p.project_id = id.to_owned();
    p
}

/// Runs the simulator over `projects` in order: each one's odds, and the
/// portfolio's.
fn simulate(
    projects: &[Project],
    ruleset: &Ruleset,
) -> (Vec<Option<ProjectSimulation>>, PortfolioSimulation) {
    let mut sim = Simulator::new(ruleset).expect("draws");
    let each = projects
        .iter()
        .map(|p| sim.project(&score_project(p.clone(), ruleset)))
        .collect();
    (each, sim.finish())
}

#[test]
fn triangular_inverse_cdf_matches_the_analytic_cdf() {
    let t = Triangular::new(0.6, 1.0, 1.2);
    for i in 0..=1000 {
        let u = f64::from(i) / 1000.0;
        let x = t.sample(u);
        assert!((0.6..=1.2).contains(&x), "{x}");
        assert!(
            (t.cdf(x) - u).abs() < 1e-12,
            "u {u}: cdf(sample) = {}",
            t.cdf(x)
        );
    }
    // The mode splits the draws at (c − a) / (b − a) = 2/3.
    assert!((t.cdf(1.0) - 2.0 / 3.0).abs() < 1e-15);
    // Drawn through the stream, the empirical CDF follows the analytic one.
    let mut rng = ChaCha8Rng::from_seed(stream_seed(1, "X"));
    let draws: Vec<f64> = (0..100_000)
        .map(|_| t.sample(unit(rng.next_u64() >> 32)))
        .collect();
    for x in [0.7, 0.8, 0.9, 1.0, 1.1, 1.15] {
        let below = draws.iter().filter(|d| **d <= x).count() as f64 / draws.len() as f64;
        assert!(
            (below - t.cdf(x)).abs() < 0.005,
            "x {x}: {below} vs {}",
            t.cdf(x)
        );
    }
}

#[test]
fn a_range_of_one_point_always_draws_it() {
    let t = Triangular::new(1.0, 1.0, 1.0);
    assert_eq!(t.sample(0.0), 1.0);
    assert_eq!(t.sample(0.5), 1.0);
    assert_eq!(t.sample(0.999), 1.0);
}

#[test]
fn percentile_is_the_nearest_rank() {
    let mut v: Vec<u32> = (1..=10).rev().collect();
    assert_eq!(percentile(&mut v, 0.10, u32::cmp), 1);
    assert_eq!(percentile(&mut v, 0.50, u32::cmp), 5);
    assert_eq!(percentile(&mut v, 0.90, u32::cmp), 9);
    assert_eq!(percentile(&mut v, 1.0, u32::cmp), 10);
    assert_eq!(percentile(&mut [7u32], 0.1, u32::cmp), 7);
}

#[test]
fn the_same_seed_gives_the_same_bits_and_another_seed_others() {
    let ruleset = default_ruleset();
    let projects = [with_id(flat(1000.0, 3200.0), "A")];
    let (first, _) = simulate(&projects, &ruleset);
    let (again, _) = simulate(&projects, &ruleset);
    assert_eq!(first, again);
    let mut other = default_ruleset();
    other.simulation.seed = 18;
    let (moved, _) = simulate(&projects, &other);
    assert_ne!(first[0].expect("odds").p50, moved[0].expect("odds").p50);
}

#[test]
fn adding_a_project_leaves_the_others_odds_unchanged() {
    let ruleset = default_ruleset();
    let a = with_id(flat(1000.0, 3200.0), "A");
    let b = with_id(flat(2000.0, 5000.0), "B");
    let (alone, _) = simulate(std::slice::from_ref(&a), &ruleset);
    let (beside, _) = simulate(&[b, a], &ruleset);
    assert_eq!(alone[0], beside[1]);
}

#[test]
fn a_range_entirely_above_the_target_reaches_it_in_every_draw() {
    // 10:1 at worst 6 / 1.3 = 4.6:1.
    let ruleset = default_ruleset();
    let (odds, portfolio) = simulate(&[flat(1000.0, 10_000.0)], &ruleset);
    let odds = odds[0].expect("odds");
    assert_eq!(odds.p_target, 1.0);
    assert!(odds.p10 >= 10.0 * 0.6 / 1.3);
    assert!(odds.ranges.assumed);
    assert_eq!(portfolio.expected_validated, 1.0);
    assert_eq!((portfolio.validated_p10, portfolio.validated_p90), (1, 1));
}

#[test]
fn a_range_entirely_below_the_target_never_reaches_it() {
    // 2:1 at best 2.4 / 0.9 = 2.67:1.
    let (odds, _) = simulate(&[flat(1000.0, 2000.0)], &default_ruleset());
    assert_eq!(odds[0].expect("odds").p_target, 0.0);
}

#[test]
fn a_symmetric_benefit_range_has_its_median_at_the_likely_ratio() {
    // Compute fixed, benefit ±20%: the ratio is 4·mb, whose median is 4.
    let mut ruleset = default_ruleset();
    ruleset.simulation.benefit_low_pct = -20.0;
    ruleset.simulation.benefit_high_pct = 20.0;
    ruleset.simulation.compute_low_pct = 0.0;
    ruleset.simulation.compute_high_pct = 0.0;
    ruleset.simulation.draws = 100_000;
    let (odds, _) = simulate(&[flat(1000.0, 4000.0)], &ruleset);
    let odds = odds[0].expect("odds");
    assert!((odds.p50 - 4.0).abs() < 0.01, "{}", odds.p50);
    // P(4·mb ≥ 3) = 1 − F(0.75) with a = 0.8: every draw.
    assert_eq!(odds.p_target, 1.0);
    // The 10th percentile: F(x) = (x − 0.8)² / (0.4 · 0.2) = 0.1.
    let p10 = 4.0 * (0.8 + (0.1f64 * 0.08).sqrt());
    assert!((odds.p10 - p10).abs() < 0.01, "{} vs {p10}", odds.p10);
}

#[test]
fn the_probability_is_the_analytic_one_for_a_benefit_range() {
    // Ratio 3·mb, compute fixed: P(mb ≥ 1) = 1 − F(1) = 20 / 60 = 1/3.
    let mut ruleset = default_ruleset();
    ruleset.simulation.compute_low_pct = 0.0;
    ruleset.simulation.compute_high_pct = 0.0;
    ruleset.simulation.draws = 100_000;
    let (odds, portfolio) = simulate(&[flat(1000.0, 3000.0)], &ruleset);
    let p = odds[0].expect("odds").p_target;
    assert!((p - 1.0 / 3.0).abs() < 0.005, "{p}");
    assert_eq!(portfolio.expected_validated, p);
}

#[test]
fn the_intake_estimates_set_the_ranges() {
    let mut p = flat(1000.0, 4000.0);
    p.estimates.benefit_low = Some(Field::read(3000.0, "3000", 20));
    p.estimates.benefit_high = Some(Field::read(5000.0, "5000", 21));
    p.estimates.compute_low = Some(Field::read(900.0, "900", 22));
    p.estimates.compute_high = Some(Field::read(1500.0, "1500", 23));
    let ruleset = default_ruleset();
    let r = ranges(&score_project(p.clone(), &ruleset), &ruleset.simulation);
    assert_eq!(
        (r.benefit_low, r.benefit_high, r.compute_low, r.compute_high),
        (0.75, 1.25, 0.9, 1.5)
    );
    assert!(!r.assumed);
    p.estimates.compute_high = None;
    let r = ranges(&score_project(p, &ruleset), &ruleset.simulation);
    assert_eq!(r.compute_high, 1.3);
    assert!(r.assumed);
}

#[test]
fn the_portfolio_counts_projects_draw_by_draw() {
    let ruleset = default_ruleset();
    let projects = [
        with_id(flat(1000.0, 10_000.0), "sure"),
        with_id(flat(1000.0, 3200.0), "maybe"),
        with_id(flat(1000.0, 1000.0), "never"),
    ];
    let (odds, portfolio) = simulate(&projects, &ruleset);
    let sum: f64 = odds.iter().flatten().map(|o| o.p_target).sum();
    assert!((portfolio.expected_validated - sum).abs() < 1e-12);
    assert!(portfolio.expected_validated > 1.0 && portfolio.expected_validated < 2.0);
    assert_eq!((portfolio.validated_p10, portfolio.validated_p90), (1, 2));
    assert_eq!((portfolio.seed, portfolio.draws), (17, 10_000));
}

#[test]
fn no_draws_no_simulator() {
    let mut ruleset = default_ruleset();
    ruleset.simulation.draws = 0;
    assert!(Simulator::new(&ruleset).is_none());
}

/// The odds of a few projects, pinned to the bit: a change to how draws are
/// made or percentiles found must not move a single figure for a seed.
#[test]
#[allow(clippy::unreadable_literal)] // as `{:?}` prints them
fn the_odds_of_a_seed_stay_the_same_to_the_bit() {
    let mut ranged = with_id(flat(1000.0, 4000.0), "RANGED");
    ranged.estimates.benefit_low = Some(Field::read(2500.0, "2500", 20));
    ranged.estimates.benefit_high = Some(Field::read(4400.0, "4400", 21));
    ranged.estimates.compute_low = Some(Field::read(950.0, "950", 22));
    ranged.estimates.compute_high = Some(Field::read(1600.0, "1600", 23));
    let projects = [
        with_id(flat(1000.0, 3200.0), "FIN-001"),
        with_id(flat(2500.0, 7000.0), "OPS-014"),
        ranged,
        with_id(flat(1000.0, 10_000.0), "SURE"),
    ];
    let (odds, portfolio) = simulate(&projects, &default_ruleset());
    let got: Vec<[f64; 4]> = odds
        .iter()
        .map(|o| {
            let o = o.expect("odds");
            [o.p_target, o.p10, o.p50, o.p90]
        })
        .collect();
    // Printed by `{:?}`, which gives back the same bits when read.
    assert_eq!(
        got,
        [
            [
                0.3458,
                2.2221938433547166,
                2.817906206972309,
                3.379280648254564
            ],
            [
                0.0813,
                1.9443828244977435,
                2.470372597983559,
                2.9607415764370204
            ],
            [
                0.5842,
                2.457568900138417,
                3.121341350129613,
                3.813550051499336
            ],
            [
                1.0,
                6.932033130170178,
                8.770737584213729,
                10.558255772662955
            ],
        ]
    );
    assert_eq!(
        (
            portfolio.expected_validated,
            portfolio.validated_p10,
            portfolio.validated_p90
        ),
        (2.0113, 1, 3)
    );
}

/// The draws made one at a time, as the simulation was first written: a
/// branch per triangular sample, ratios as `f64`, each percentile selected
/// over all of them with `total_cmp`.
fn one_at_a_time(score: &ProjectScore, rules: &SimulationRules) -> ([f64; 4], Vec<bool>) {
    let Figures::Roi(f) = &score.findings[0].figures else {
        panic!("an ROI finding");
    };
    let r = ranges(score, rules);
    let side = |low: f64, high: f64, u: f64| {
        let (mode, low, high) = (1.0, low.min(1.0), high.max(1.0));
        let width = high - low;
        let at_mode = if width > 0.0 {
            (mode - low) / width
        } else {
            0.0
        };
        if u < at_mode {
            low + (u * (width * (mode - low))).sqrt()
        } else {
            high - ((1.0 - u) * (width * (high - mode))).sqrt()
        }
    };
    let mut rng = ChaCha8Rng::from_seed(stream_seed(rules.seed, &score.project.project_id));
    let mut ratios = Vec::new();
    let mut reached = Vec::new();
    for _ in 0..rules.draws {
        let word = rng.next_u64();
        let mb = side(
            r.benefit_low,
            r.benefit_high,
            (((word >> 32) as f64) + 0.5) / 4_294_967_296.0,
        );
        let mc = side(
            r.compute_low,
            r.compute_high,
            (((word & 0xffff_ffff) as f64) + 0.5) / 4_294_967_296.0,
        );
        let ratio = (f.benefit_total * mb) / (f.compute_total * mc);
        ratios.push(ratio);
        reached.push(crate::rules::finance::ge(ratio, 3.0));
    }
    let hits = reached.iter().filter(|r| **r).count() as f64 / ratios.len() as f64;
    let mut p = |q| percentile(&mut ratios, q, f64::total_cmp);
    ([hits, p(0.1), p(0.5), p(0.9)], reached)
}

#[test]
fn drawing_a_block_at_a_time_gives_the_bits_of_one_at_a_time() {
    let ruleset = default_ruleset();
    let mut sim = Simulator::new(&ruleset).expect("draws");
    let mut counts = vec![0u32; 10_000];
    let mut projects = Vec::new();
    // Ranges narrow and wide, on either side of the likely figure and on
    // it (a one-sided triangle), and ratios around the target.
    for (i, (low, high)) in [
        (0.5, 1.5),
        (1.0, 1.4),
        (0.7, 1.0),
        (1.0, 1.0),
        (0.99, 1.01),
        (0.2, 3.0),
    ]
    .into_iter()
    .enumerate()
    {
        for (j, benefit) in [2_500.0, 3_000.0, 3_300.0, 9_000.0].into_iter().enumerate() {
            let mut p = with_id(flat(1000.0, benefit), &format!("P-{i}-{j}"));
            p.estimates.benefit_low = Some(Field::read(benefit * low, "low", 20));
            p.estimates.benefit_high = Some(Field::read(benefit * high, "high", 21));
            p.estimates.compute_low = Some(Field::read(1000.0 * (2.0 - high), "low", 22));
            p.estimates.compute_high = Some(Field::read(1000.0 * (2.0 - low), "high", 23));
            projects.push(p);
        }
    }
    for p in &projects {
        let score = score_project(p.clone(), &ruleset);
        let o = sim.project(&score).expect("odds");
        let (expected, reached) = one_at_a_time(&score, &ruleset.simulation);
        assert_eq!(
            [o.p_target, o.p10, o.p50, o.p90],
            expected,
            "{}",
            p.project_id
        );
        for (count, r) in counts.iter_mut().zip(reached) {
            *count += u32::from(r);
        }
    }
    let portfolio = sim.finish();
    assert_eq!(
        (portfolio.validated_p10, portfolio.validated_p90),
        (
            u64::from(percentile(&mut counts.clone(), 0.1, u32::cmp)),
            u64::from(percentile(&mut counts, 0.9, u32::cmp))
        )
    );
}

#[test]
fn percentiles_by_key_are_those_of_total_cmp() {
    let mut rng = ChaCha8Rng::from_seed([7; 32]);
    for n in [1usize, 2, 3, 9, 10, 11, 100, 1001] {
        // Few distinct values, so ranks fall among ties; signs and zeros.
        let values: Vec<f64> = (0..n)
            .map(|_| {
                f64::from(rng.next_u32() % 7) - 3.0
                    + if rng.next_u32() % 2 == 0 { 0.0 } else { 0.25 }
            })
            .chain([-0.0, 0.0].into_iter().take(n % 3))
            .collect();
        let mut keys: Vec<u64> = values.iter().map(|v| order_key(*v)).collect();
        assert!(
            values
                .iter()
                .all(|v| from_order_key(order_key(*v)).to_bits() == v.to_bits())
        );
        let got = percentiles(&mut keys, [0.1, 0.5, 0.9, 1.0]).map(from_order_key);
        let mut sorted = values.clone();
        let want = [0.1, 0.5, 0.9, 1.0].map(|p| percentile(&mut sorted, p, f64::total_cmp));
        assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "n {n}");
    }
    assert!(order_key(-1.0) < order_key(-0.0) && order_key(-0.0) < order_key(0.0));
    assert!(
        order_key(0.0) < order_key(f64::MIN_POSITIVE) && order_key(2.0) < order_key(f64::INFINITY)
    );
}
