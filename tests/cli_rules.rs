//! `airoi rules` and `airoi explain`: the real binary, exit code, stdout and
//! stderr.

use assert_cmd::Command;
use predicates::prelude::*;

fn airoi() -> Command {
    Command::cargo_bin("airoi").unwrap_or_else(|e| panic!("{e}"))
}

const TEMPLATE: &str = include_str!("../templates/ruleset.toml");

#[test]
fn rules_prints_the_default_ruleset() {
    airoi()
        .arg("rules")
        .assert()
        .success()
        .stdout(TEMPLATE)
        .stderr("");
}

#[test]
fn rules_applies_a_file_and_prints_toml_that_reads_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("strict.toml");
    std::fs::write(&path, "name = \"strict\"\ntarget_ratio = 4\n[weights]\nroi = 0.6\ndiversification = 0.2\nagentic = 0.2\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = airoi()
        .arg("rules")
        .arg("--rules")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(text.contains("name = \"strict\"\n"));
    assert!(text.contains("target_ratio = 4.0\n"));
    assert!(text.contains("[weights]\nroi = 0.6\ndiversification = 0.2\nagentic = 0.2\n"));
    // The printout is itself a valid ruleset file giving the same text.
    let again = dir.path().join("again.toml");
    std::fs::write(&again, &text).unwrap_or_else(|e| panic!("{e}"));
    airoi()
        .arg("rules")
        .arg("--rules")
        .arg(&again)
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn a_bad_ruleset_is_a_usage_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[weights]\nroi = 0.7\n").unwrap_or_else(|e| panic!("{e}"));
    airoi()
        .arg("rules")
        .arg("--rules")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad.toml"))
        .stderr(predicate::str::contains(
            "key `weights`: the weights must sum to 1",
        ));
}

#[test]
fn a_missing_ruleset_file_says_so() {
    airoi()
        .args(["explain", "roi", "--rules", "no-such-ruleset.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read ruleset file no-such-ruleset.toml",
        ));
}

#[test]
fn explain_prints_the_catalogue_and_the_thresholds_in_force() {
    airoi()
        .args(["explain", "diversification"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Infrastructure diversified (diversification)\n",
        ))
        .stdout(predicate::str::contains("WHAT IT CHECKS"))
        .stdout(predicate::str::contains("WHY IT MATTERS"))
        .stdout(predicate::str::contains("EXAMPLE"))
        .stdout(predicate::str::contains(
            "  single_source_pct = 95\n  concentrated_pct = 75\n",
        ));
}

/// An auditor derives a roi score from its ratio with `explain roi` alone
/// (DOC-013's 1.57:1 is 52.4), and reads the ramp as the series runs it.
#[test]
fn explain_roi_gives_the_score_formula_and_the_ramp() {
    airoi()
        .args(["explain", "roi"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "score = 0 when the benefit is not quantified, else\n100 · min(1, ratio / target_ratio), rounded to one decimal: a ratio of\n1.5714 (1.57:1) scores 100 · 1.5714 / 3 = 52.4.",
        ))
        .stdout(predicate::str::contains(
            "a ramp of 2 gives 1/3, then 2/3, then the full\nbenefit.",
        ));
}

#[test]
fn explain_shows_overridden_thresholds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("agents.toml");
    std::fs::write(&path, "systems_min = 4\n").unwrap_or_else(|e| panic!("{e}"));
    airoi()
        .arg("explain")
        .arg("agentic")
        .arg("--rules")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("  systems_min = 4\n"));
}

#[test]
fn explain_rejects_an_unknown_check() {
    airoi()
        .args(["explain", "vibes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "possible values: roi, diversification, agentic",
        ));
}
