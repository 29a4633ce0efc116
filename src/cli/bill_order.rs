//! `--bills` takes every path after it, so an intake typed after the
//! bills (`airoi score --bills bill.csv portfolio.xlsx`) would be taken
//! for a bill. Such a run is refused before anything is read, naming the
//! file and showing the command with the intake inputs before `--bills`.
//! Where the intake was the only input, clap's "required arguments" error
//! is replaced by the same message.

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::import::bills::intake_among_bills;

/// The refusal of `bills` (as given after `--bills`) holding intake
/// inputs, with the corrected command made from `raw` (the command line,
/// program first); `None` when every path may be a bill.
#[must_use]
pub fn refusal(bills: &[PathBuf], raw: &[OsString]) -> Option<String> {
    let misplaced: Vec<(&PathBuf, String)> = bills
        .iter()
        .filter_map(|p| intake_among_bills(p).map(|why| (p, why)))
        .collect();
    if misplaced.is_empty() {
        return None;
    }
    let mut text = String::new();
    for (path, why) in &misplaced {
        let _ = writeln!(
            text,
            "--bills took {} as a bill, but it is {why}.",
            path.display()
        );
    }
    let moved: Vec<&OsStr> = misplaced.iter().map(|(p, _)| p.as_os_str()).collect();
    text.push_str("--bills takes every path after it; put the intake inputs before --bills:\n  ");
    text.push_str(&corrected(raw, &moved));
    Some(text)
}

/// The refusal for a command line clap could not parse for want of an
/// input, where the inputs were typed after `--bills`.
#[must_use]
pub fn refusal_of_raw(raw: &[OsString]) -> Option<String> {
    if !raw.iter().any(|a| a == "score") {
        return None;
    }
    let mut bills = Vec::new();
    let mut taking = false;
    for arg in raw.iter().skip(1) {
        if arg == "--bills" {
            taking = true;
        } else if arg.to_string_lossy().starts_with('-') {
            taking = false;
        } else if taking {
            bills.push(PathBuf::from(arg));
        }
    }
    refusal(&bills, raw)
}

/// `raw` with the `moved` paths taken from after `--bills` and put before
/// it, as a shell line (`airoi` first).
fn corrected(raw: &[OsString], moved: &[&OsStr]) -> String {
    let args: Vec<&OsStr> = raw.iter().skip(1).map(OsString::as_os_str).collect();
    let Some(at) = args.iter().position(|a| *a == "--bills") else {
        let moved: Vec<String> = moved.iter().map(|m| quoted(m)).collect();
        return format!("airoi score INPUT... {} --bills BILL...", moved.join(" "));
    };
    let mut line: Vec<&OsStr> = args[..at].to_vec();
    line.extend(moved);
    line.extend(args[at..].iter().filter(|a| !moved.contains(a)));
    let mut out = String::from("airoi");
    for a in line {
        out.push(' ');
        out.push_str(&quoted(a));
    }
    out
}

/// An argument as a shell reads it back: quoted when it holds anything
/// but plain path characters.
fn quoted(arg: &OsStr) -> String {
    let text = arg.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_intake_moves_before_the_bills_and_the_rest_stays() {
        let raw = os(&[
            "/bin/airoi",
            "score",
            "--bills",
            "bill.csv",
            "my portfolio.xlsx",
            "--json",
            "x.json",
        ]);
        assert_eq!(
            corrected(&raw, &[OsStr::new("my portfolio.xlsx")]),
            "airoi score 'my portfolio.xlsx' --bills bill.csv --json x.json"
        );
    }
}
