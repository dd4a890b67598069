//! Blocks pasted from Excel into a measure's data grid: a real-looking block
//! with a header and CRLF, the two-, three- and four-column shapes, numbers
//! as spreadsheets show them, and bad rows reported all together, by line,
//! with nothing entered.

use chrono::NaiveDate;
use plan_workbench::model::charts::paste::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[track_caller]
fn ok(text: &str) -> Vec<PastedPoint> {
    match parse_pasted(text) {
        Ok(points) => points,
        Err(bad) => panic!("{text:?} gave bad rows: {bad:?}"),
    }
}

#[track_caller]
fn bad(text: &str) -> Vec<BadRow> {
    match parse_pasted(text) {
        Ok(points) => panic!("{text:?} should have bad rows, gave {points:?}"),
        Err(bad) => bad,
    }
}

fn messages(rows: &[BadRow]) -> Vec<String> {
    rows.iter().map(ToString::to_string).collect()
}

#[test]
fn an_excel_block_of_twelve_months_with_a_header_and_crlf() {
    let months = [
        "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24", "Nov-24", "Dec-24",
        "Jan-25", "Feb-25", "Mar-25",
    ];
    let mut text = String::from("Month\tPercentage seen within 18 weeks\r\n");
    for (i, m) in months.iter().enumerate() {
        text.push_str(&format!("{m}\t{}%\r\n", 60 + i));
    }
    let points = ok(&text);
    assert_eq!(points.len(), 12);
    assert_eq!(points[0].period, "Apr 2024");
    assert_eq!(points[0].date, Some(ymd(2024, 4, 30)));
    assert_eq!(points[0].value, 60.0);
    assert_eq!(points[10].period, "Feb 2025");
    assert_eq!(points[10].date, Some(ymd(2025, 2, 28)));
    assert_eq!(points[11].period, "Mar 2025");
    assert_eq!(points[11].date, Some(ymd(2025, 3, 31)));
    assert_eq!(points[11].value, 71.0);
    assert!(points
        .iter()
        .all(|p| p.numerator.is_none() && p.denominator.is_none()));
}

#[test]
fn numbers_as_spreadsheets_show_them() {
    let points =
        ok("Q1 2025\t64.9%\nQ2 2025\t1,234\nQ3 2025\t 12 \nQ4 2025\t−3\n2026\t1,234,567.25\n");
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    assert_eq!(values, [64.9, 1234.0, 12.0, -3.0, 1_234_567.25]);
}

#[test]
fn what_is_not_a_number() {
    for text in [
        "abc",
        "NaN",
        "inf",
        "-infinity",
        "64,9",
        "1,23",
        "1,2345",
        ",5",
        "1.5,0",
        "%",
        "1e999",
    ] {
        assert_eq!(parse_number(text), None, "{text:?}");
    }
    assert_eq!(parse_number("64.9 %"), Some(64.9));
    assert_eq!(parse_number("-1,000"), Some(-1000.0));
}

#[test]
fn blank_lines_are_skipped_and_lines_still_counted() {
    let text = "\nMar 2025\t10\n\n  \n\t\t\nApr 2025\tabc\n";
    let rows = bad(text);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 6);
    assert_eq!(rows[0].to_string(), "Line 6: “abc” is not a number");

    let points = ok("\r\nMar 2025\t10\r\n\r\n\r\nApr 2025\t11\r\n\r\n");
    assert_eq!(points.len(), 2);
    assert_eq!(points[1].value, 11.0);
}

#[test]
fn every_bad_row_is_reported_by_line_and_nothing_is_entered() {
    let text = "Period\tValue\n\
                Mar 2025\t10\n\
                Apr 2025\tabc\n\
                \t12\n\
                May 2025\t13\n\
                Jun 2025\n\
                Jul 2025\tNaN\n";
    let rows = bad(text);
    assert_eq!(
        messages(&rows),
        [
            "Line 3: “abc” is not a number",
            "Line 4: the period is empty",
            "Line 6: there is no value",
            "Line 7: “NaN” is not a number",
        ]
    );
    assert_eq!(
        rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [3, 4, 6, 7]
    );
}

#[test]
fn a_row_with_two_problems_says_both() {
    let rows = bad("Mar 2025\t1\n\tabc\n");
    assert_eq!(
        messages(&rows),
        ["Line 2: the period is empty; “abc” is not a number"]
    );
}

#[test]
fn only_the_first_row_can_be_a_header() {
    let rows = bad("Month\tValue\nMar 2025\t1\nMonth\tValue\n");
    assert_eq!(messages(&rows), ["Line 3: “Value” is not a number"]);
    // A first row with a period beside a word is a mistake, not a header.
    let rows = bad("Mar 2025\tabc\nApr 2025\t2\n");
    assert_eq!(messages(&rows), ["Line 1: “abc” is not a number"]);
}

#[test]
fn periods_not_understood_are_kept_as_typed() {
    let points = ok("Baseline\t50\n2025/26 q1\t55\n 31/3/25 \t60\n");
    assert_eq!(points[0].period, "Baseline");
    assert_eq!(points[0].date, None);
    assert_eq!(points[1].period, "2025/26 Q1");
    assert_eq!(points[1].date, Some(ymd(2025, 6, 30)));
    assert_eq!(points[2].period, "31 Mar 2025");
    assert_eq!(points[2].date, Some(ymd(2025, 3, 31)));
}

#[test]
fn three_columns_are_numerator_and_denominator() {
    let points = ok("Quarter\tSeen\tReferred\nQ1 2025\t45\t60\nQ2 2025\t0\t8\n");
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].value, 75.0);
    assert_eq!(points[0].numerator, Some(45));
    assert_eq!(points[0].denominator, Some(60));
    assert_eq!(points[1].value, 0.0);
}

#[test]
fn four_columns_are_value_numerator_and_denominator() {
    let points = ok("Q1 2025\t75\t45\t60\nQ2 2025\t80\t\t\n");
    assert_eq!(points[0].value, 75.0);
    assert_eq!(points[0].numerator, Some(45));
    assert_eq!(points[0].denominator, Some(60));
    // Numerator and denominator may both be left empty.
    assert_eq!(points[1].value, 80.0);
    assert_eq!(points[1].numerator, None);
    assert_eq!(points[1].denominator, None);
}

#[test]
fn impossible_fractions_are_bad_rows() {
    let rows =
        bad("Q1 2025\t45\t0\nQ2 2025\t61\t60\nQ3 2025\t-1\t60\nQ4 2025\t30\t60\nQ1 2026\t5\n");
    assert_eq!(
        messages(&rows),
        [
            "Line 1: the denominator “0” must be more than 0",
            "Line 2: the numerator “61” is more than the denominator “60”",
            "Line 3: the numerator “-1” is negative",
            "Line 5: there is no denominator",
        ]
    );
    let rows = bad("Q1 2025\t75\t45\t\nQ2 2025\t75\t61\t60\n");
    assert_eq!(
        messages(&rows),
        [
            "Line 1: there is no denominator",
            "Line 2: the numerator “61” is more than the denominator “60”",
        ]
    );
}

#[test]
fn counts_must_be_whole_numbers() {
    let rows = bad("Q1 2025\t45.5\t60\nQ2 2025\t45\t60.2\n");
    assert_eq!(
        messages(&rows),
        [
            "Line 1: the numerator “45.5” is not a whole number",
            "Line 2: the denominator “60.2” is not a whole number",
        ]
    );
}

#[test]
fn too_many_columns_is_a_bad_row() {
    let rows = bad("Q1 2025\t1\t2\t3\t4\nQ2 2025\t5\n");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].line, 1);
    assert!(
        rows[0].message.starts_with("Line 1: has 5 columns"),
        "{}",
        rows[0]
    );
}

#[test]
fn without_tabs_two_spaces_or_one_comma_separate_cells() {
    let points = ok("Mar 2025   64.9\nApr 2025,65\nBaseline  1,234\n");
    let got: Vec<(&str, f64)> = points
        .iter()
        .map(|p| (p.period.as_str(), p.value))
        .collect();
    assert_eq!(
        got,
        [("Mar 2025", 64.9), ("Apr 2025", 65.0), ("Baseline", 1234.0)]
    );
    // Two commas could be a thousands comma: not split, so no value.
    let rows = bad("Mar 2025,1,234\n");
    assert_eq!(
        messages(&rows),
        ["Line 1: there is no value (put the period and the value in separate columns)"]
    );
}

#[test]
fn at_most_a_thousand_rows_at_once() {
    let block = |n: usize| {
        (1..=n)
            .map(|i| format!("Row {i}\t{i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(ok(&block(1000)).len(), 1000);
    let rows = bad(&block(1001));
    assert_eq!(
        rows,
        [BadRow {
            line: 1001,
            message: "Line 1001: at most 1,000 rows can be pasted at once".into(),
        }]
    );
    // Blank lines do not count as rows, even past line 1000.
    let with_gaps = format!("\n\n{}\n\n", block(1000));
    assert_eq!(ok(&with_gaps).len(), 1000);
}

#[test]
fn nothing_pasted_is_no_points() {
    assert_eq!(ok(""), []);
    assert_eq!(ok("\r\n\n"), []);
}
