//! The sample's performance review as a cost analyst reads it: the
//! Summary's pages hold whole sections with none left alone on a page;
//! "Allocated to projects" and "Unallocated AI spend" say what each
//! counts, in the same words everywhere; a model vendor the ruleset does
//! not know is named as the bill wrote it.

use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, run_at_root, stderr, zip_entry};

/// `score samples/portfolio.xlsx --bills BILLS --as-of 2026-05-01` with
/// the workbook and report in `wd`; stderr.
fn review(wd: &Workdir, bills: &Path) -> String {
    let path = |name: &str| wd.path(name).display().to_string();
    let out = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--bills",
        &bills.display().to_string(),
        "--as-of",
        "2026-05-01",
        "-o",
        &path("review.xlsx"),
        "--report",
        &path("review.html"),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    err
}

fn summary(book: &Path) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(book).expect("the workbook");
    book.worksheet_range("Summary").expect("a Summary sheet")
}

/// Column A of the Summary by row, from row 0.
fn first_column(range: &Range<Data>) -> Vec<String> {
    let start = range.start().map_or(0, |(r, _)| r) as usize;
    let mut out = vec![String::new(); start];
    out.extend(
        range
            .rows()
            .map(|r| r.first().map(ToString::to_string).unwrap_or_default()),
    );
    out
}

/// The rows the Summary's printed pages start at, after the first.
fn page_breaks(book: &Path) -> Vec<usize> {
    let xml = zip_entry(book, "xl/worksheets/sheet1.xml");
    xml.split("<brk id=\"")
        .skip(1)
        .map(|s| {
            s[..s.find('"').expect("a closing quote")]
                .parse()
                .expect("a row")
        })
        .collect()
}

#[test]
fn the_summary_prints_the_cloud_bills_with_another_section_and_splits_none() {
    let wd = Workdir::new();
    review(&wd, Path::new("samples/bills"));
    let book = wd.path("review.xlsx");
    let column = first_column(&summary(&book));
    let row = |title: &str| {
        column
            .iter()
            .position(|c| c == title)
            .unwrap_or_else(|| panic!("no {title:?} in {column:?}"))
    };
    let breaks = page_breaks(&book);
    // Each page starts at a section's title: none splits.
    let starts: Vec<&str> = breaks.iter().map(|&b| column[b].as_str()).collect();
    assert_eq!(starts, ["Provider mix (compute-weighted)", "By stage"]);
    // The bills print after the stages, on their page, not alone on a
    // third; the second page is no fuller than it must be.
    let bills = row("Cloud bills (USD)");
    assert!(
        row("By stage") == breaks[1] && bills > breaks[1],
        "{breaks:?}"
    );
    let end = column.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
    let (second, third) = (breaks[1] - breaks[0], end - breaks[1]);
    assert!(second >= 20 && third >= 20, "{second} and {third} rows");
}

#[test]
fn allocated_to_projects_and_unallocated_ai_spend_say_what_they_count() {
    let wd = Workdir::new();
    let err = review(&wd, Path::new("samples/bills"));
    // CS-006's Azure Kubernetes cluster (21,700) is allocated, and is no
    // AI service: "allocated" is the projects' compute, not AI spend.
    assert!(
        err.contains(
            "airoi: bills: USD 292,250 counted; allocated to projects: USD 282,250 \
             (4 of 13 projects); unallocated AI spend: USD 10,000 (of AI spend USD 258,550)\n"
        ),
        "{err}"
    );
    let note = "Allocated to projects: all spend the allocation rules give a project, AI \
                services or not (the project's compute); unallocated AI spend: only the AI and \
                Machine Learning service category, matched by no project.";
    assert!(err.contains(&format!("airoi: bills: {note}\n")), "{err}");

    let range = summary(&wd.path("review.xlsx"));
    let header: Vec<String> = range
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect::<Vec<_>>())
        .find(|cells| {
            cells.first().is_some_and(|c| c == "Provider") && cells.contains(&"Total".to_string())
        })
        .expect("the bills' provider table");
    assert_eq!(
        header[..4],
        [
            "Provider",
            "Allocated to projects",
            "Unallocated AI spend",
            "Total"
        ]
    );
    let text: String = range
        .rows()
        .filter_map(|r| r.get(1).map(ToString::to_string))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(note), "{text}");

    let html = std::fs::read_to_string(wd.path("review.html")).expect("the report");
    assert!(html.contains(
        "<th>Provider</th><th class=\"num\">Allocated to projects</th><th class=\"num\">Unallocated AI spend</th>"
    ));
    assert!(
        html.contains(&note.replace('\'', "&#x27;")),
        "no note in the report"
    );
}

#[test]
fn a_model_vendor_the_ruleset_does_not_know_is_named_as_billed() {
    let wd = Workdir::new();
    // MKT-004's Bedrock usage on a model AWS publishes (Amazon Nova): a
    // model vendor the ruleset does not list.
    std::fs::create_dir_all(wd.path("bills")).expect("a folder");
    for entry in std::fs::read_dir(crate::common::root().join("samples/bills")).expect("bills") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a bill");
        let text: Vec<String> = text
            .split('\n')
            .map(|l| match l.strip_prefix("AWS,OpenAI,AWS") {
                Some(rest) if l.to_lowercase().contains("mkt-004") => format!("AWS,AWS,AWS{rest}"),
                _ => l.to_string(),
            })
            .collect();
        let name = path.file_name().expect("a name").to_string_lossy();
        wd.write(&format!("bills/{name}"), text.join("\n"));
    }
    let err = review(&wd, &wd.path("bills"));
    let warning = "MKT-004: billed model vendor mix differs from the declared by 19.9 points: \
                   declared OpenAI 100, billed OpenAI 80.1 / AWS 19.9";
    assert!(
        err.contains(&format!("airoi: bills: warning: {warning}\n")),
        "{err}"
    );
    let html = std::fs::read_to_string(wd.path("review.html")).expect("the report");
    assert!(html.contains(&warning.replace('/', "&#x2f;")), "the report");
    let column: Vec<String> = summary(&wd.path("review.xlsx"))
        .rows()
        .filter_map(|r| r.get(1).map(ToString::to_string))
        .collect();
    assert!(
        column
            .iter()
            .any(|c| c.contains("billed OpenAI 80.1 / AWS 19.9")),
        "{column:?}"
    );
    assert!(!column.iter().any(|c| c.contains("aws 19.9")), "{column:?}");
}
