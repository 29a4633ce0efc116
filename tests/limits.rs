//! Files built to exhaust memory are refused from cheap metadata, with a
//! message naming the cap; and over every fixture, sample and corpus file,
//! each row read is scored, rejected or counted as skipped.
//!
//! The refusals are checked by their exact message: only the up-front checks
//! of `import::limits` (zip directory sizes, declared dimensions) word it so,
//! so the message itself shows the file was refused before it was unpacked.

// Test files are built for clarity; an allocation per cell does not matter.
#![allow(clippy::format_collect)]

use crate::broken_files::{GOOD_ROW, HEADERS, raw_ods, text_row};
use crate::common::{Workdir, fixture, root, validate_json};

/// Runs validate on `bytes` saved as `name`; returns the refusal message.
fn refusal(wd: &Workdir, name: &str, bytes: &[u8], extra: &[&str]) -> String {
    let path = wd.write(name, bytes);
    let mut args = extra.to_vec();
    args.push(path.to_str().expect("utf-8 path"));
    let (code, json) = validate_json(wd, &args);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(json["inputs"][0]["state"], "unreadable", "{json:#}");
    let message = json["inputs"][0]["message"].as_str().unwrap_or_default();
    message.to_string()
}

/// Sets the uncompressed size every central-directory entry of a zip
/// declares, as a forged archive would.
fn declare_uncompressed(zip: &mut [u8], size: u32) {
    let mut at = 0;
    while let Some(i) = zip[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + i;
        zip[entry + 24..entry + 28].copy_from_slice(&size.to_le_bytes());
        at = entry + 4;
    }
}

#[test]
fn xlsx_sheet_that_inflates_past_the_cap() {
    let wd = Workdir::new();
    // Two megabytes of white space inside the sheet XML compress to a few
    // KB, as no real sheet does.
    let padding = " ".repeat(2 * 1024 * 1024);
    let bytes = crate::broken_files::one_sheet(format!("{}{padding}", text_row(1, &HEADERS)));
    let compressed = {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).expect("zip");
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .expect("sheet")
            .compressed_size()
    };
    let message = refusal(&wd, "bomb.xlsx", &bytes, &["--max-input-mb", "1"]);
    assert_eq!(
        message,
        format!(
            "the sheet xl/worksheets/sheet1.xml unpacks to 2 MB (from {} KB in the file, over 100 times, which no real sheet packs to), more than the 1 MB airoi reads from one file; raise --max-input-mb to read it anyway",
            compressed / 1024
        )
    );
}

#[test]
fn a_real_sheet_past_the_cap_is_streamed() {
    let wd = Workdir::new();
    // Over a megabyte of real rows: the sheet is streamed, never held, so
    // the cap does not stop it.
    let mut data = text_row(1, &HEADERS);
    let mut row = 2;
    while data.len() < 1536 * 1024 {
        let id = format!("P-{row}");
        let mut values = GOOD_ROW;
        values[0] = &id;
        data.push_str(&text_row(row, &values));
        row += 1;
    }
    let path = wd.write("big.xlsx", crate::broken_files::one_sheet(data));
    let (code, json) = validate_json(&wd, &["--max-input-mb", "1", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["inputs"][0]["state"], "read", "{json:#}");
    assert_eq!(json["projects"], row - 2, "{json:#}");
}

#[test]
fn zip_that_declares_gigabytes_is_refused_before_inflating() {
    let wd = Workdir::new();
    let mut bytes = crate::broken_files::one_sheet(text_row(1, &HEADERS));
    declare_uncompressed(&mut bytes, 0xFFF0_0000);
    let message = refusal(&wd, "forged.xlsx", &bytes, &[]);
    assert_eq!(
        message,
        "the part [Content_Types].xml unpacks to 4095 MB (from 245 bytes in the file), more than the 1024 MB airoi reads from one file; raise --max-input-mb to read it anyway"
    );
}

#[test]
fn ods_whose_repeats_span_the_whole_sheet() {
    let wd = Workdir::new();
    let cell = r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>"#;
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="1048576">{cell}</table:table-row>"#
    );
    let message = refusal(&wd, "bomb.ods", &raw_ods(&rows), &[]);
    assert_eq!(
        message,
        "sheet Projects spans 17179885568 cells from first to last, which this format reads into memory as a grid of about 917504 MB, more than the 1024 MB airoi reads from one file; raise --max-input-mb to read it anyway"
    );
}

#[test]
fn ods_within_the_cap_still_reads() {
    let wd = Workdir::new();
    let row = |values: &[&str]| {
        let cells: String = values
            .iter()
            .map(|v| format!(r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#))
            .collect();
        format!("<table:table-row>{cells}</table:table-row>")
    };
    let rows = format!(
        r#"{}{}<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        row(&HEADERS),
        row(&GOOD_ROW)
    );
    let path = wd.write("fine.ods", raw_ods(&rows));
    let (code, json) = validate_json(&wd, &[path.to_str().expect("utf-8")]);
    assert_eq!((code, json["projects"].as_u64()), (0, Some(1)), "{json:#}");
}

#[test]
fn xls_with_cells_at_a1_and_iv65536() {
    let wd = Workdir::new();
    let mut bytes = std::fs::read(fixture("intake/lo_units.xls")).expect("fixture");
    // Move the first RK number cell to the sheet's last row and column.
    let rk = bytes
        .windows(4)
        .position(|w| w == [0x7E, 0x02, 0x0A, 0x00])
        .expect("an RK record");
    bytes[rk + 4..rk + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    let message = refusal(&wd, "far.xls", &bytes, &["--max-input-mb", "100"]);
    assert_eq!(
        message,
        "sheet lo_units spans 16777252 cells from first to last, which this format reads into memory as a grid of about 896 MB, more than the 100 MB airoi reads from one file; raise --max-input-mb to read it anyway"
    );
}

#[test]
fn xls_whose_dimensions_record_claims_four_billion_rows() {
    let wd = Workdir::new();
    let mut bytes = std::fs::read(fixture("intake/lo_units.xls")).expect("fixture");
    let dims = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    bytes[dims + 8..dims + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    let message = refusal(&wd, "claims.xls", &bytes, &[]);
    assert_eq!(
        message,
        "sheet lo_units spans 51539607576 cells from first to last, which this format reads into memory as a grid of about 2752512 MB, more than the 1024 MB airoi reads from one file; raise --max-input-mb to read it anyway"
    );
}

#[test]
fn a_file_larger_than_the_cap() {
    let wd = Workdir::new();
    let csv = format!("{}\n{}\n", HEADERS.join(","), "x,".repeat(600_000));
    let message = refusal(&wd, "big.csv", csv.as_bytes(), &["--max-input-mb", "1"]);
    assert_eq!(
        message,
        "the file is 1 MB, more than the 1 MB airoi reads from one file; raise --max-input-mb to read it anyway"
    );
}

/// Every file under a folder, recursively.
fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_row_read_is_scored_rejected_or_skipped_in_every_fixture() {
    let wd = Workdir::new();
    let mut files = Vec::new();
    files_under(&root().join("tests/fixtures"), &mut files);
    files_under(&root().join("samples"), &mut files);
    // The fuzzers' corpora, when a local fuzzing run has left them.
    files_under(&root().join("fuzz/corpus"), &mut files);
    files.retain(|f| {
        f.extension()
            .is_none_or(|e| e != "py" && e != "rs" && e != "md")
    });
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    // Many files per run: the invariant holds per input, whatever the others hold.
    for chunk in files.chunks(250) {
        let mut args = vec!["--max-input-mb", "64"];
        args.extend(chunk.iter().map(|f| f.to_str().expect("utf-8")));
        let (_, json) = validate_json(&wd, &args);
        for input in json["inputs"].as_array().expect("inputs") {
            let n = |k: &str| input[k].as_u64().unwrap_or(u64::MAX);
            assert_eq!(
                n("rows_read"),
                n("projects") + n("cash_flow_rows") + n("rejected") + n("skipped"),
                "{input}"
            );
        }
    }
}
