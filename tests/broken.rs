//! The broken-file corpus: each file a business unit might really send,
//! damaged, hostile or strange, with the exact message airoi gives for it.
//! Binary files are built here byte by byte (`broken_files`), or copied
//! from `tests/fixtures/`; the last test sweeps every one of them, with
//! every fixture and sample, for the row invariant.

use serde_json::Value;

use crate::broken_files::{
    GOOD_ROW, HEADERS, RawSheet, ole_with_streams, one_sheet, raw_xlsx, text_cell, text_row,
};
use crate::common::{Workdir, fixture, problem_lines as problems, validate_json};

/// `validate --format json` of one file written into `wd`.
fn check(wd: &Workdir, name: &str, bytes: &[u8], extra: &[&str]) -> (i32, Value) {
    let path = wd.write(name, bytes);
    let mut args: Vec<&str> = extra.to_vec();
    args.push(path.to_str().expect("utf-8 path"));
    validate_json(wd, &args)
}

/// The message of a file that could not be read.
fn refusal(json: &Value) -> &str {
    assert_eq!(json["inputs"][0]["state"], "unreadable", "{json:#}");
    json["inputs"][0]["message"].as_str().unwrap_or_default()
}

fn notes(json: &Value) -> Vec<String> {
    json["inputs"][0]["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().unwrap_or_default().to_string())
        .collect()
}

/// A projects table: the header row, then one row per `rows`, as xlsx.
fn table(rows: &[[&str; 7]]) -> String {
    let mut data = text_row(1, &HEADERS);
    for (i, row) in rows.iter().enumerate() {
        data.push_str(&text_row(i as u32 + 2, row));
    }
    data
}

#[test]
fn empty_file() {
    let wd = Workdir::new();
    let (code, json) = check(&wd, "empty.xlsx", b"", &[]);
    assert_eq!(code, 2);
    assert_eq!(refusal(&json), "the file is empty");
}

#[test]
fn a_sheet_that_breaks_off_is_read_in_part() {
    let wd = Workdir::new();
    let ids: Vec<String> = (1..=60).map(|i| format!("P-{i}")).collect();
    let rows: Vec<[&str; 7]> = ids
        .iter()
        .map(|id| {
            let mut row = GOOD_ROW;
            row[0] = id;
            row
        })
        .collect();
    // Row 41 of the sheet is cut off inside its first cell.
    let data = table(&rows);
    let cut = data.find(r#"<row r="41">"#).expect("row 41") + 30;
    let (code, json) = check(&wd, "cut.xlsx", &one_sheet(data[..cut].to_string()), &[]);
    assert_eq!(code, 1, "{json:#}");
    let input = &json["inputs"][0];
    assert_eq!(input["state"], "damaged", "{json:#}");
    let message = input["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("sheet Projects: "), "{message}");
    // Row 40 was being gathered when the sheet broke off, so it is not
    // trusted: rows 2 to 39 are the projects read.
    assert!(
        message.ends_with("; the rows up to 39 were read, the rest of the sheet could not be"),
        "{message}"
    );
    assert_eq!(input["projects"], 38, "{json:#}");
    assert_eq!(json["projects"], 38, "{json:#}");
    // Said in the problems and the summary line, as read in part.
    let out = wd.run(&["score", "cut.xlsx", "-o", "cut.graded.xlsx"]);
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("cut.xlsx: damaged, read in part: sheet Projects: "),
        "{err}"
    );
    assert!(err.contains("38 projects scored"), "{err}");
    assert!(err.contains("0 files read, 1 read in part"), "{err}");
}

#[test]
fn header_only() {
    let wd = Workdir::new();
    let (code, json) = check(&wd, "header.csv", HEADERS.join(",").as_bytes(), &[]);
    assert_eq!(code, 2, "nothing to score");
    assert_eq!(json["inputs"][0]["state"], "read");
    assert_eq!(json["inputs"][0]["rows_read"], 0);
    assert_eq!(json["problems"], Value::Array(Vec::new()));
}

#[test]
fn truncated_random_html_and_csv_named_as_workbooks() {
    let wd = Workdir::new();
    for (name, expected) in [
        (
            "truncated.xlsx",
            "the workbook cannot be read: Zip error: invalid Zip archive: Could not find EOCD",
        ),
        (
            "random.xlsx",
            "the file is binary data, not a spreadsheet or text",
        ),
        (
            "export.xls",
            "the file is an HTML page, not a spreadsheet (some systems export HTML with an .xls name); save it from Excel or LibreOffice as .xlsx or .csv",
        ),
    ] {
        let bytes = std::fs::read(fixture(&format!("intake/{name}"))).expect("fixture");
        let (code, json) = check(&wd, name, &bytes, &[]);
        assert_eq!(code, 2, "{name}");
        assert_eq!(refusal(&json), expected, "{name}");
    }
    let csv = std::fs::read(fixture("intake/really_csv.xlsx")).expect("fixture");
    let (code, json) = check(&wd, "really_csv.xlsx", &csv, &[]);
    assert_eq!(
        (code, json["inputs"][0]["format"].as_str()),
        (0, Some("csv"))
    );
}

/// Found by the `import_xls` fuzz target: calamine panics on these damaged
/// files (a slice past the end of a sector, an assertion on a record); the
/// importer contains it as that file's read error instead of ending the run.
#[test]
fn xls_files_that_make_the_reader_panic() {
    let wd = Workdir::new();
    for (name, expected) in [
        (
            "reader_slice_panic.xls",
            "the workbook is damaged: its reader failed on it (slice index starts at 6144 but ends at 6121)",
        ),
        (
            "reader_assert_panic.xls",
            "the workbook is damaged: its reader failed on it (assertion `left == right` failed)",
        ),
    ] {
        let bytes = std::fs::read(fixture(&format!("broken/{name}"))).expect("fixture");
        let (code, json) = check(&wd, name, &bytes, &[]);
        assert_eq!(code, 2, "{name}");
        assert_eq!(refusal(&json), expected, "{name}");
    }
}

#[test]
fn password_protected_workbook() {
    let wd = Workdir::new();
    let bytes = ole_with_streams(&["EncryptionInfo", "EncryptedPackage"]);
    let (code, json) = check(&wd, "locked.xlsx", &bytes, &[]);
    assert_eq!(code, 2);
    assert_eq!(
        refusal(&json),
        "the file is a password-protected (encrypted) workbook; save an unprotected copy"
    );
}

#[test]
fn date_system_1904() {
    let wd = Workdir::new();
    let mut data = text_row(1, &[HEADERS.as_slice(), &["Start Date"]].concat());
    let row = text_row(2, &GOOD_ROW).replace("</row>", r#"<c r="H2"><v>0</v></c></row>"#);
    data.push_str(&row);
    let sheet = |data: String| RawSheet {
        name: "Projects",
        state: "visible",
        data,
        after: String::new(),
    };
    let (code, json) = check(
        &wd,
        "mac.xlsx",
        &raw_xlsx(&[sheet(data.clone())], true),
        &[],
    );
    assert_eq!(code, 0, "{json:#}");
    // Serial 0 is 1 January 1904 in the 1904 system; in the 1900 system it
    // is Excel's "0 January 1900", which is no date at all: a note, and the
    // project is scored with the default start.
    assert_eq!(
        start_date_notes("pc.xlsx", raw_xlsx(&[sheet(data)], false)),
        [
            "Projects!H2: start_date: \"0\" is not a date serial number; start_date takes its default"
        ]
    );
}

/// The notes of the one project read from a file, which must read.
fn start_date_notes(name: &str, bytes: Vec<u8>) -> Vec<String> {
    let intake = airoi::import::read_bytes(
        name,
        bytes,
        &airoi::import::ImportOptions::default(),
        &airoi::rules::default_ruleset(),
    );
    assert!(intake.rejected.is_empty(), "{:?}", intake.rejected);
    assert_eq!(intake.projects.len(), 1);
    assert_eq!(intake.projects[0].start_date, None);
    intake.projects[0].notes.clone()
}

#[test]
fn dates_before_1900() {
    let wd = Workdir::new();
    let csv = format!(
        "{},Start Date\n{},1899-12-31\n",
        HEADERS.join(","),
        GOOD_ROW.join(",").replace("aws:50;gcp:50", "aws")
    );
    let (code, json) = check(&wd, "old.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{json:#}");
    let serial = one_sheet(format!(
        "{}{}",
        text_row(1, &[HEADERS.as_slice(), &["Start Date"]].concat()),
        text_row(2, &GOOD_ROW).replace("</row>", r#"<c r="H2"><v>-5</v></c></row>"#)
    ));
    let (code, json) = check(&wd, "negative.xlsx", &serial, &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(
        start_date_notes("negative.xlsx", serial),
        [
            "Projects!H2: start_date: \"-5\" is not a date serial number; start_date takes its default"
        ]
    );
}

#[test]
fn error_cells() {
    let wd = Workdir::new();
    let mut data = text_row(1, &HEADERS);
    let row = text_row(2, &GOOD_ROW)
        .replace(
            &text_cell("C2", "100"),
            r#"<c r="C2" t="e"><v>#DIV/0!</v></c>"#,
        )
        .replace(
            &text_cell("D2", "400"),
            r#"<c r="D2" t="e"><v>#REF!</v></c>"#,
        );
    data.push_str(&row);
    let (code, json) = check(&wd, "errors.xlsx", &one_sheet(data), &[]);
    assert_eq!(code, 2);
    assert_eq!(
        problems(&json),
        [
            "Projects!C2: monthly_compute_cost: the cell shows the spreadsheet error #DIV/0!; expected a number",
            "Projects!D2: monthly_benefit: the cell shows the spreadsheet error #REF!; expected a number",
        ]
    );
}

#[test]
fn merged_and_duplicate_headers() {
    let wd = Workdir::new();
    // "Providers" merged across F1:G1 leaves G1 empty; the pattern column
    // moves to H and a second "Project Name" sits in I.
    let mut headers = HEADERS.to_vec();
    headers.insert(6, "");
    headers.push("Project Name");
    let mut values = GOOD_ROW.to_vec();
    values.insert(6, "");
    values.push("Shadow");
    let data = format!("{}{}", text_row(1, &headers), text_row(2, &values));
    let sheet = RawSheet {
        name: "Projects",
        state: "visible",
        data,
        after: r#"<mergeCells count="1"><mergeCell ref="F1:G1"/></mergeCells>"#.into(),
    };
    let (code, json) = check(&wd, "merged.xlsx", &raw_xlsx(&[sheet], false), &[]);
    // Two visible "Project Name" columns: which the unit meant cannot be told.
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(
        refusal(&json),
        "sheet Projects: the header in row 1 names project_name twice, in B \"Project Name\" and I \"Project Name\", both visible and both the field's own name; rename or delete one of them so airoi knows which to read"
    );
}

#[test]
fn hidden_sheet() {
    let wd = Workdir::new();
    let sheets = [
        RawSheet {
            name: "Cover",
            state: "visible",
            data: text_row(1, &["Read me"]),
            after: String::new(),
        },
        RawSheet {
            name: "Projects",
            state: "hidden",
            data: table(&[GOOD_ROW]),
            after: String::new(),
        },
    ];
    let bytes = raw_xlsx(&sheets, false);
    // Hidden sheets are read only when named.
    let (code, json) = check(&wd, "hidden.xlsx", &bytes, &[]);
    assert_eq!(code, 2);
    assert_eq!(
        refusal(&json),
        "the only tables are on hidden sheets (Projects); name one with --sheet to read it"
    );
    let (code, json) = check(&wd, "hidden.xlsx", &bytes, &["--sheet", "Projects"]);
    assert_eq!((code, json["projects"].as_u64()), (0, Some(1)));
    assert_eq!(
        notes(&json),
        ["sheet Projects is hidden; it was read like a visible one, as --sheet names it"]
    );
}

#[test]
fn ten_thousand_columns() {
    let wd = Workdir::new();
    let mut header: Vec<String> = HEADERS.iter().map(ToString::to_string).collect();
    let mut row: Vec<String> = GOOD_ROW.iter().map(ToString::to_string).collect();
    for i in 7..10_000 {
        header.push(format!("extra {i}"));
        row.push(i.to_string());
    }
    let csv = format!("{}\n{}\n", header.join(","), row.join(","));
    let (code, json) = check(&wd, "wide.csv", csv.as_bytes(), &[]);
    assert_eq!((code, json["projects"].as_u64()), (0, Some(1)));
}

/// Found by the `import_csv` fuzz target running at 17 inputs a second: each
/// header cell of the first 50 rows normalised every field alias again, and
/// each row looked its headers up one by one, so a sheet 16,384 columns wide
/// took minutes to read. `benches/run.sh` times 50 such rows; here a few
/// rows of a sheet as wide as Excel allows are each read as a project (every
/// extra row costs a test build about a third of a second).
#[test]
fn a_full_width_sheet_reads_every_row() {
    let wd = Workdir::new();
    let mut csv = String::new();
    let mut header: Vec<String> = HEADERS.iter().map(ToString::to_string).collect();
    header.extend((7..16_384).map(|i| format!("Extra Column {i}")));
    csv.push_str(&header.join(","));
    csv.push('\n');
    for r in 0..5 {
        let mut row: Vec<String> = GOOD_ROW.iter().map(ToString::to_string).collect();
        row[0] = format!("P-{r}");
        row.extend((7..16_384).map(|i| i.to_string()));
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let (code, json) = check(&wd, "full_width.csv", csv.as_bytes(), &[]);
    assert_eq!((code, json["projects"].as_u64()), (0, Some(5)));
}

#[test]
fn a_100000_character_cell() {
    let wd = Workdir::new();
    let long = "x".repeat(100_000);
    let mut row = GOOD_ROW;
    row[1] = &long;
    let (code, json) = check(&wd, "long.xlsx", &one_sheet(table(&[row])), &[]);
    assert_eq!(code, 2);
    assert_eq!(
        problems(&json),
        ["Projects!B2: project_name: the text is 100000 characters long; expected at most 32767"]
    );
}

#[test]
fn nan_and_infinity() {
    let wd = Workdir::new();
    let csv = format!(
        "{}\nP-1,Nan,NaN,inf,revenue,aws,workflow_agent\nP-2,Big,1e999,-inf,revenue,aws,workflow_agent\n",
        HEADERS.join(",")
    );
    let (code, json) = check(&wd, "nan.csv", csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert_eq!(
        problems(&json),
        [
            "nan!C2: monthly_compute_cost: \"NaN\" is not an amount",
            "nan!D2: monthly_benefit: \"inf\" is not an amount",
            "nan!C3: monthly_compute_cost: \"1e999\" is not an amount",
            "nan!D3: monthly_benefit: \"-inf\" is not an amount",
        ]
    );
    let inf = one_sheet(format!(
        "{}{}",
        text_row(1, &HEADERS),
        text_row(2, &GOOD_ROW).replace(&text_cell("C2", "100"), r#"<c r="C2"><v>1e999</v></c>"#)
    ));
    let (_, json) = check(&wd, "inf.xlsx", &inf, &[]);
    assert_eq!(
        problems(&json),
        ["Projects!C2: monthly_compute_cost: \"inf\" is not a finite amount"]
    );
}

#[test]
fn utf16_csv_is_decoded() {
    let wd = Workdir::new();
    let text = format!("{}\n{}\n", HEADERS.join("\t"), GOOD_ROW.join("\t"));
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (code, json) = check(&wd, "utf16.csv", &bytes, &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(notes(&json), ["decoded as UTF-16LE"]);
}

#[test]
fn invalid_utf8_csv_reads_as_windows_1252() {
    let wd = Workdir::new();
    let mut bytes = format!("{}\n", HEADERS.join(",")).into_bytes();
    bytes.extend_from_slice(b"P-1,Caf\xe9 \xff\xfe,100,400,revenue,aws,workflow_agent\n");
    let (code, json) = check(&wd, "latin.csv", &bytes, &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(notes(&json), ["decoded as windows-1252"]);
}
