//! Periods as UK plans write them: every form read to its tidy label and the
//! last day of the period, the financial-year quarter ends exactly,
//! impossible days and ill-matched financial years refused, and a label read
//! back to the same period.

use chrono::NaiveDate;
use plan_workbench::model::charts::periods::*;
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `text` reads as `label`, ending on `date`.
#[track_caller]
fn reads(text: &str, label: &str, date: NaiveDate) {
    let got = parse_period(text).unwrap_or_else(|| panic!("{text:?} was not understood"));
    assert_eq!(got.label, label, "label of {text:?}");
    assert_eq!(got.date, date, "date of {text:?}");
}

#[track_caller]
fn refused(text: &str) {
    assert_eq!(parse_period(text), None, "{text:?} should not be a period");
}

#[test]
fn days_day_first_with_any_separator() {
    let end_of_march = ymd(2025, 3, 31);
    for text in [
        "31/03/2025",
        "31/3/25",
        "31-03-2025",
        "31.03.2025",
        "31 March 2025",
        "31 Mar 2025",
        "31-Mar-2025",
        "31st March 2025",
        "2025-03-31",
    ] {
        reads(text, "31 Mar 2025", end_of_march);
    }
    // Day first: 01/02 is 1 February, not 2 January.
    reads("01/02/2025", "1 Feb 2025", ymd(2025, 2, 1));
    reads("2/1/24", "2 Jan 2024", ymd(2024, 1, 2));
}

#[test]
fn case_and_surrounding_spaces_do_not_matter() {
    reads("  31 MARCH 2025 ", "31 Mar 2025", ymd(2025, 3, 31));
    reads("\tmar 2025\n", "Mar 2025", ymd(2025, 3, 31));
    reads("2025/26 q2", "2025/26 Q2", ymd(2025, 9, 30));
    reads("31  Mar   2025", "31 Mar 2025", ymd(2025, 3, 31));
}

#[test]
fn impossible_days_are_refused() {
    refused("31/02/2025");
    refused("29/02/2025");
    refused("31/04/2025");
    refused("32/01/2025");
    refused("00/01/2025");
    refused("15/13/2025");
    refused("2025-02-30");
    refused("30 Feb 2025");
    // A leap year has its 29 February.
    reads("29/02/2024", "29 Feb 2024", ymd(2024, 2, 29));
}

#[test]
fn months_end_on_their_last_day() {
    for text in ["Mar 2025", "March 2025", "Mar-25", "03/2025", "3/2025"] {
        reads(text, "Mar 2025", ymd(2025, 3, 31));
    }
    reads("Feb 2024", "Feb 2024", ymd(2024, 2, 29));
    reads("Feb 2025", "Feb 2025", ymd(2025, 2, 28));
    reads("Sept 2025", "Sep 2025", ymd(2025, 9, 30));
    reads("Dec 2025", "Dec 2025", ymd(2025, 12, 31));
    refused("13/2025");
    refused("Marc 2025");
}

#[test]
fn financial_year_quarters_end_on_the_right_days() {
    // The UK financial year starts on 1 April.
    reads("2025/26 Q1", "2025/26 Q1", ymd(2025, 6, 30));
    reads("2025/26 Q2", "2025/26 Q2", ymd(2025, 9, 30));
    reads("2025/26 Q3", "2025/26 Q3", ymd(2025, 12, 31));
    reads("2025/26 Q4", "2025/26 Q4", ymd(2026, 3, 31));
}

#[test]
fn financial_year_quarters_in_every_spelling() {
    for text in [
        "2025/26 Q2",
        "2025-26 Q2",
        "Q2 2025/26",
        "2025/2026 Q2",
        "Q2 2025-26",
        "2025–26 Q2",
    ] {
        reads(text, "2025/26 Q2", ymd(2025, 9, 30));
    }
    // Across a century.
    reads("2099/00 Q4", "2099/00 Q4", ymd(2100, 3, 31));
    refused("2025/26 Q5");
    refused("2025/26 Q0");
}

#[test]
fn calendar_quarters_start_in_january() {
    reads("Q1 2025", "Q1 2025", ymd(2025, 3, 31));
    reads("2025 Q1", "Q1 2025", ymd(2025, 3, 31));
    reads("Q2 2025", "Q2 2025", ymd(2025, 6, 30));
    reads("Q3 2025", "Q3 2025", ymd(2025, 9, 30));
    reads("q4 2025", "Q4 2025", ymd(2025, 12, 31));
}

#[test]
fn financial_and_calendar_years() {
    for text in ["2025/26", "2025-26", "2025/2026"] {
        reads(text, "2025/26", ymd(2026, 3, 31));
    }
    reads("2025", "2025", ymd(2025, 12, 31));
}

#[test]
fn a_financial_year_must_run_into_the_next_year() {
    refused("2025/27");
    refused("2025/25");
    refused("2025/2027");
    refused("2025/27 Q1");
    refused("Q1 2025/2025");
}

#[test]
fn other_text_is_not_a_period() {
    for text in [
        "",
        "   ",
        "Baseline",
        "Target",
        "64.9",
        "1234",
        "25",
        "31//03/2025",
        "-2025",
        "2025.",
        "Q 2025",
        "Q2",
        "31 Mar",
        "Mar",
    ] {
        refused(text);
    }
}

#[test]
fn a_day_label_is_day_short_month_year() {
    assert_eq!(label_for_date(ymd(2025, 3, 31)), "31 Mar 2025");
    assert_eq!(label_for_date(ymd(2025, 9, 1)), "1 Sep 2025");
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2100, 1u32..=366).prop_filter_map("a day of that year", |(y, day)| {
        NaiveDate::from_yo_opt(y, day)
    })
}

proptest! {
    #[test]
    fn a_day_label_reads_back_as_that_day(d in any_date()) {
        let p = parse_period(&label_for_date(d)).expect("label understood");
        prop_assert_eq!(p.date, d);
        prop_assert_eq!(p.label, label_for_date(d));
    }

    #[test]
    fn numeric_and_iso_days_read_as_that_day(d in any_date()) {
        let uk = d.format("%d/%m/%Y").to_string();
        let iso = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_period(&uk).map(|p| p.date), Some(d));
        prop_assert_eq!(parse_period(&iso).map(|p| p.date), Some(d));
    }

    #[test]
    fn every_label_reads_back_as_its_own_period(
        y in 1900i32..2100, q in 1u32..=4, m in 1u32..=12, form in 0usize..5,
    ) {
        let text = match form {
            0 => format!("{y}/{} Q{q}", y + 1),
            1 => format!("Q{q} {y}"),
            2 => format!("{y}-{:02}", (y + 1) % 100),
            3 => format!("{m:02}/{y}"),
            _ => format!("{y}"),
        };
        let first = parse_period(&text).expect("understood");
        prop_assert_eq!(parse_period(&first.label), Some(first));
    }
}
