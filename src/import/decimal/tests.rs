use super::*;

fn shown(cell: &str, text: &str) -> Shown {
    Shown {
        cell: cell.into(),
        text: text.into(),
    }
}

#[test]
fn what_a_number_text_shows() {
    use DecimalMark::{Comma, Point};
    assert_eq!(number_reading("1200"), Some(Reading::Plain(1200.0)));
    assert_eq!(
        number_reading("1.234,50"),
        Some(Reading::Shows(Comma, 1234.5))
    );
    assert_eq!(
        number_reading("1,234.50"),
        Some(Reading::Shows(Point, 1234.5))
    );
    assert_eq!(number_reading("0,75"), Some(Reading::Shows(Comma, 0.75)));
    assert_eq!(number_reading("1,5"), Some(Reading::Shows(Comma, 1.5)));
    assert_eq!(number_reading("0.75"), Some(Reading::Shows(Point, 0.75)));
    assert_eq!(number_reading("0,750"), Some(Reading::Shows(Comma, 0.75)));
    assert_eq!(
        number_reading("1234,567"),
        Some(Reading::Shows(Comma, 1234.567))
    );
    assert_eq!(
        number_reading("1,200,000"),
        Some(Reading::Shows(Point, 1_200_000.0))
    );
    assert_eq!(
        number_reading("1.200.000"),
        Some(Reading::Shows(Comma, 1_200_000.0))
    );
    assert_eq!(
        number_reading("1.200"),
        Some(Reading::Ambiguous {
            point: 1.2,
            comma: 1200.0
        })
    );
    assert_eq!(
        number_reading("1,200"),
        Some(Reading::Ambiguous {
            point: 1200.0,
            comma: 1.2
        })
    );
    for bad in ["", ",", "1,2,3", "1.23.4", "1.234,5,6", "12a"] {
        assert_eq!(number_reading(bad), None, "{bad}");
    }
}

#[test]
fn a_file_reads_its_ambiguous_texts_as_its_evidence_says() {
    let ambiguous = number_reading("1.200").unwrap();
    let comma = DecimalConvention::from_evidence(false, Some(shown("D4", "1.234,50")), None, None);
    assert_eq!(comma.read("1.200", ambiguous), Ok(1200.0));
    assert_eq!(
        comma.describe(),
        "decimal comma, as \"1.234,50\" in D4 shows"
    );
    // The flag only sets the default: a file that shows a point keeps it.
    let point = DecimalConvention::from_evidence(true, None, Some(shown("D9", "1,234.50")), None);
    assert_eq!(point.read("1.200", ambiguous), Ok(1.2));
    assert_eq!(
        point.note(true).unwrap(),
        "numbers are read with a decimal point, as \"1,234.50\" in D9 shows; --decimal-comma applies only to files that show neither mark"
    );
    let none = DecimalConvention::from_evidence(true, None, None, Some(shown("C2", "1,200")));
    assert_eq!(none.from, DecidedBy::Flag);
    assert_eq!(
        none.read("1,200", number_reading("1,200").unwrap()),
        Ok(1.2)
    );
    assert_eq!(none.note(true), None);
    assert_eq!(
        DecimalConvention::default().read("1,200", number_reading("1,200").unwrap()),
        Ok(1200.0)
    );
}

#[test]
fn a_file_that_writes_both_ways_refuses_its_ambiguous_texts() {
    let both = DecimalConvention::from_evidence(
        false,
        Some(shown("D4", "1.234,50")),
        Some(shown("D9", "1,234.50")),
        Some(shown("C7", "1.200")),
    );
    assert_eq!(
        both.read("1.200", number_reading("1.200").unwrap()),
        Err("\"1.200\" could be 1,200 or 1.2: this file writes numbers both ways (\"1.234,50\" in D4, \"1,234.50\" in D9)".to_string())
    );
    assert_eq!(both.read("0,75", number_reading("0,75").unwrap()), Ok(0.75));
    assert_eq!(
        both.note(false).unwrap(),
        "this file writes numbers both ways (\"1.234,50\" in D4, \"1,234.50\" in D9): a number that reads either way, such as \"1.200\" in C7, is refused"
    );
    assert_eq!(grouped_text(1_234_567.5), "1,234,567.5");
    assert_eq!(grouped_text(-1200.0), "-1,200");
}
