//! The graded workbook as a reader sees it and prints it: the Summary's
//! chart data hidden, "n/a" and headers aligned with their numbers, pages
//! breaking between sections; charts with whole-number counts, named
//! points, a target line across the axis and providers by name; Findings
//! that wrap their thresholds, name each input's file and cell, and align
//! to the top; a Changes sheet with labels, no empty column, and room for
//! its before and after.

use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, root, stderr, zip_entry};

/// `airoi score` of the sample into the work dir, with any extra arguments.
fn sample_workbook(wd: &Workdir, extra: &[&str]) -> PathBuf {
    let sample = root().join("samples/portfolio.xlsx");
    let mut args = vec![
        "score",
        sample.to_str().unwrap(),
        "-o",
        "graded.xlsx",
        "--as-of",
        "2026-01-31",
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    wd.path("graded.xlsx")
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap()
}

/// The text of a cell (0-based, from A1), empty when blank.
fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The 0-based row whose column A reads `label`.
fn row_of(range: &Range<Data>, label: &str) -> u32 {
    (0..=range.end().unwrap().0)
        .find(|r| text(range, *r, 0) == label)
        .unwrap_or_else(|| panic!("no row {label:?}"))
}

/// The attribute `name` of the XML element opening at the start of `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// Each cell format's `<xf>` element, by index.
fn cell_formats(book: &Path) -> Vec<String> {
    let styles = zip_entry(book, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xfs = &xfs[..xfs.find("</cellXfs>").unwrap()];
    xfs.split("<xf ").skip(1).map(str::to_owned).collect()
}

/// The `<c>` element of cell `a1` in a sheet's XML.
fn cell_xml<'a>(sheet_xml: &'a str, a1: &str) -> &'a str {
    let at = sheet_xml
        .find(&format!("<c r=\"{a1}\""))
        .unwrap_or_else(|| panic!("no cell {a1}"));
    &sheet_xml[at..]
}

/// How a cell is aligned: (horizontal, vertical) of its format.
fn alignment(book: &Path, sheet_xml: &str, a1: &str) -> (Option<String>, Option<String>) {
    let index: usize = attr(cell_xml(sheet_xml, a1), "s").map_or(0, |s| s.parse().unwrap());
    let xf = &cell_formats(book)[index];
    let Some(at) = xf.find("<alignment") else {
        return (None, None);
    };
    let tag = &xf[at..];
    (
        attr(tag, "horizontal").map(str::to_owned),
        attr(tag, "vertical").map(str::to_owned),
    )
}

/// The width of column `col` (1-based, as the sheet XML counts).
fn col_width(sheet_xml: &str, col: u32) -> f64 {
    sheet_xml
        .match_indices("<col ")
        .map(|(at, _)| &sheet_xml[at..])
        .find(|tag| {
            let bound = |name| attr(tag, name).unwrap().parse::<u32>().unwrap();
            bound("min") <= col && col <= bound("max")
        })
        .and_then(|tag| attr(tag, "width"))
        .unwrap_or_else(|| panic!("no width for column {col}"))
        .parse()
        .unwrap()
}

fn a1(row: u32, col: u16) -> String {
    format!("{}{}", rust_xlsxwriter::column_number_to_name(col), row + 1)
}

#[test]
fn summary_hides_the_chart_data_and_aligns_na_and_headers_with_numbers() {
    let wd = Workdir::new();
    let book = sample_workbook(&wd, &[]);
    let summary = sheet(&book, "Summary");
    let xml = zip_entry(&book, "xl/worksheets/sheet1.xml");
    // No row a reader sees names the chart's helper table.
    let (rows, _) = summary.get_size();
    for r in 0..rows as u32 {
        assert!(
            !text(&summary, r, 0).contains("(chart)"),
            "row {r}: {}",
            text(&summary, r, 0)
        );
    }
    // The target line's two points sit in the last two rows, both hidden.
    let last = summary.end().unwrap().0;
    for row in [last - 1, last] {
        let tag = &xml[xml.find(&format!("<row r=\"{}\"", row + 1)).unwrap()..];
        assert_eq!(attr(tag, "hidden"), Some("1"), "row {}", row + 1);
        assert_eq!(summary.get_value((row, 1)), Some(&Data::Float(3.0)));
    }
    // The line runs from 0 to the end of the chart's x axis.
    assert_eq!(summary.get_value((last - 1, 0)), Some(&Data::Float(0.0)));
    assert_eq!(summary.get_value((last, 0)), Some(&Data::Float(700_000.0)));

    // R&D has no compute: its ratio "n/a" stands right-aligned, clear of
    // the benefit on its left, and the headers stand over their numbers.
    let by_unit = row_of(&summary, "By business unit");
    let rnd = (by_unit..=summary.end().unwrap().0)
        .find(|r| text(&summary, *r, 0) == "R&D")
        .unwrap();
    assert_eq!(text(&summary, rnd, 4), "n/a");
    assert_eq!(
        alignment(&book, &xml, &a1(rnd, 4)).0.as_deref(),
        Some("right")
    );
    let header = by_unit + 1;
    assert_eq!(text(&summary, header, 4), "Ratio");
    assert_eq!(alignment(&book, &xml, &a1(header, 0)).0, None);
    for col in 1..=6 {
        assert_eq!(
            alignment(&book, &xml, &a1(header, col)).0.as_deref(),
            Some("right"),
            "{}",
            text(&summary, header, u32::from(col))
        );
    }
}

#[test]
fn summary_prints_one_page_wide_with_pages_breaking_between_sections() {
    let wd = Workdir::new();
    let book = sample_workbook(&wd, &[]);
    let summary = sheet(&book, "Summary");
    let xml = zip_entry(&book, "xl/worksheets/sheet1.xml");
    let setup = &xml[xml.find("<pageSetup").unwrap()..];
    assert_eq!(attr(setup, "orientation"), Some("landscape"));
    assert_eq!(attr(setup, "fitToHeight"), Some("0"));
    assert!(
        xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "fit to width"
    );
    // Every page break falls just before a section's title: the sample's
    // first page holds the charts and the tables up to the grades, the
    // second starts with the provider mix.
    let breaks: Vec<u32> = xml
        .match_indices("<brk ")
        .map(|(at, _)| attr(&xml[at..], "id").unwrap().parse().unwrap())
        .collect();
    assert_eq!(
        breaks,
        [row_of(&summary, "Provider mix (compute-weighted)")]
    );
}

#[test]
fn charts_count_in_whole_numbers_name_their_points_and_providers() {
    let wd = Workdir::new();
    let book = sample_workbook(&wd, &[]);
    let grades = zip_entry(&book, "xl/charts/chart1.xml");
    let counts = &grades[grades.find("<c:valAx>").unwrap()..];
    assert!(counts.contains("<c:majorUnit val=\"1\"/>"), "{counts}");
    assert!(counts.contains("<c:numFmt formatCode=\"0\""), "{counts}");

    // Each of the 13 points is labelled with its project's ID, in order,
    // but for four whose labels would cover one another (ratios 2.2:1 to
    // 2.4:1, spend 118,000 to 275,000): one label above the leftmost names
    // them, the others have none. RND-008 has no ratio, so no point.
    let scatter = zip_entry(&book, "xl/charts/chart2.xml");
    let labels: Vec<&str> = scatter
        .split("<c:dLbl>")
        .skip(1)
        .map(|l| {
            l.find("<a:t>").map_or("", |at| {
                let t = &l[at + 5..];
                &t[..t.find("</a:t>").unwrap()]
            })
        })
        .collect();
    assert_eq!(
        labels,
        [
            "FIN-001",
            "OPS-002",
            "HR-003",
            "",
            "LEG-005",
            "CS-006",
            "IT-007",
            "",
            "",
            "SAL-010, ENG-012, FIN-009, MKT-004",
            "PRC-011",
            "",
            "DOC-013"
        ]
    );
    // The x axis ends where the target line does.
    let x_axis = &scatter[scatter.find("<c:valAx>").unwrap()..];
    assert!(x_axis.contains("<c:max val=\"700000\"/>"), "{x_axis}");

    // The provider mix (and the pie drawn from it) names providers as
    // people write them.
    let summary = sheet(&book, "Summary");
    let mix = row_of(&summary, "Provider mix (compute-weighted)") + 2;
    let names: Vec<String> = (mix..mix + 4).map(|r| text(&summary, r, 0)).collect();
    assert_eq!(names, ["Azure", "AWS", "Google Cloud", "On-premises"]);
    assert_eq!(
        text(&summary, row_of(&summary, "Largest provider"), 1),
        "Azure"
    );
    let pie = zip_entry(&book, "xl/charts/chart3.xml");
    assert!(
        pie.contains(&format!("<c:f>Summary!$A${}:$A${}</c:f>", mix + 1, mix + 4)),
        "{pie}"
    );
}

#[test]
fn findings_wrap_thresholds_name_source_files_and_align_to_the_top() {
    let wd = Workdir::new();
    let book = sample_workbook(&wd, &[]);
    let findings = sheet(&book, "Findings");
    let xml = zip_entry(&book, "xl/worksheets/sheet3.xml");
    assert_eq!(text(&findings, 0, 8), "Thresholds");
    assert_eq!(text(&findings, 0, 10), "Inputs Used (source cells)");
    // FIN-001's compute comes from the sample's cell H2, named by file
    // name and cell; the path is in the run record.
    let inputs = text(&findings, 1, 10);
    assert!(
        inputs.contains("(portfolio.xlsx · Projects!H2)"),
        "{inputs}"
    );
    assert!(!inputs.contains("samples/"), "{inputs}");
    // The thresholds wrap in a column of their own width, like the other
    // long texts, and every cell below the header starts at its top.
    let thresholds = alignment(&book, &xml, "I2");
    assert_eq!(thresholds.1.as_deref(), Some("top"));
    let xf = &cell_formats(&book)[attr(cell_xml(&xml, "I2"), "s")
        .unwrap()
        .parse::<usize>()
        .unwrap()];
    assert!(xf.contains("wrapText=\"1\""), "{xf}");
    assert!(col_width(&xml, 9) >= 30.0, "{}", col_width(&xml, 9));
    for row in 1..=3 {
        for col in 0..12 {
            let at = a1(row, col);
            if xml.contains(&format!("<c r=\"{at}\"")) {
                assert_eq!(
                    alignment(&book, &xml, &at).1.as_deref(),
                    Some("top"),
                    "{at}"
                );
            }
        }
    }
}

#[test]
fn changes_sheet_shows_labels_in_named_columns_wide_enough() {
    let wd = Workdir::new();
    // The baseline: the sample a month earlier, when FIN-001's benefit was
    // 20,000 a month and its ROI check failed.
    let csv = std::fs::read_to_string(root().join("samples/portfolio.csv")).unwrap();
    let before = csv.replacen(",15000,10000,0%,50000,", ",15000,10000,0%,20000,", 1);
    assert_ne!(before, csv);
    let old = wd.write("old.csv", before);
    let out = wd.run(&[
        "score",
        old.to_str().unwrap(),
        "-o",
        "old.xlsx",
        "--json",
        "old.json",
        "--as-of",
        "2025-12-31",
    ]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let book = sample_workbook(&wd, &["--baseline", "old.json"]);
    let changes = sheet(&book, "Changes");
    let xml = zip_entry(&book, "xl/worksheets/sheet2.xml");

    // The figure's name spans the first two columns: no unnamed column.
    let header = row_of(&changes, "Portfolio") + 1;
    let heads: Vec<String> = (0..5).map(|c| text(&changes, header, c)).collect();
    assert_eq!(heads, ["Figure", "", "Before", "After", "Change"]);
    assert!(
        xml.contains(&format!("<mergeCell ref=\"A{0}:B{0}\"/>", header + 1)),
        "the figure column spans A:B"
    );
    assert_eq!(text(&changes, header + 1, 0), "Projects scored");

    // The status change names the check by its title, and its before and
    // after fit their columns.
    let status = row_of(&changes, "Check status changes") + 2;
    assert_eq!(text(&changes, status, 0), "FIN-001");
    assert_eq!(text(&changes, status, 2), "ROI quantifiable");
    let (before, after) = (text(&changes, status, 3), text(&changes, status, 4));
    assert_eq!(before, "fail (Below 2:1)");
    assert_eq!(after, "pass (Quantified 3:1)");
    for (col, shown) in [(4, &before), (5, &after)] {
        let width = col_width(&xml, col);
        assert!(
            width > shown.chars().count() as f64 + 2.0,
            "column {col}: {width}"
        );
    }
}

#[test]
fn findings_name_files_by_path_where_two_inputs_share_a_name() {
    let wd = Workdir::new();
    let csv = std::fs::read_to_string(root().join("samples/portfolio.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    for (unit, rows) in [("finance", &lines[1..2]), ("ops", &lines[2..3])] {
        std::fs::create_dir_all(wd.path(unit)).unwrap();
        let body = [&lines[..1], rows].concat().join("\n");
        wd.write(&format!("{unit}/portfolio.csv"), body);
    }
    let out = wd.run(&[
        "score",
        "finance/portfolio.csv",
        "ops/portfolio.csv",
        "-o",
        "graded.xlsx",
        "--as-of",
        "2026-01-31",
    ]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let findings = sheet(&wd.path("graded.xlsx"), "Findings");
    let (fin, ops) = (text(&findings, 1, 10), text(&findings, 4, 10));
    assert!(
        fin.contains("(finance/portfolio.csv · portfolio!H2)"),
        "{fin}"
    );
    assert!(ops.contains("(ops/portfolio.csv · portfolio!H2)"), "{ops}");
}
