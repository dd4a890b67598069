//! The values of a pasted plan read from their words: each due-date form
//! real plans use, percentages, status and RAG words, and the text that must
//! not be read as any of them.

use chrono::NaiveDate;
use plan_workbench::model::import::values::*;
use plan_workbench::model::{Rag, Status};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[track_caller]
fn due_on(text: &str, date: NaiveDate) {
    assert_eq!(read_due(text), Some(Due::On(date)), "due date of {text:?}");
}

#[test]
fn due_days_as_plans_write_them() {
    due_on("31-Mar-2023", ymd(2023, 3, 31));
    due_on("31/03/2021", ymd(2021, 3, 31));
    due_on("31/3/21", ymd(2021, 3, 31));
    due_on("31 March 2021", ymd(2021, 3, 31));
    due_on("31st March 2021", ymd(2021, 3, 31));
    due_on("2nd Feb 2022", ymd(2022, 2, 2));
    due_on("2021-03-31", ymd(2021, 3, 31));
    due_on("  30\u{a0}June\u{a0}2022 ", ymd(2022, 6, 30));
}

#[test]
fn due_month_is_its_last_day() {
    due_on("March 2021", ymd(2021, 3, 31));
    due_on("Mar 2021", ymd(2021, 3, 31));
    due_on("Feb 2024", ymd(2024, 2, 29));
    due_on("Sept 2022", ymd(2022, 9, 30));
}

#[test]
fn due_date_inside_words_last_one_taken() {
    due_on("By 30 September 2020", ymd(2020, 9, 30));
    due_on("By end of Year 1 31 July 2022", ymd(2022, 7, 31));
    due_on("By end of Year 2 (31 July 2023)", ymd(2023, 7, 31));
    due_on("End of March 2022", ymd(2022, 3, 31));
    due_on("Dec 2021, revised to 31/03/2022.", ymd(2022, 3, 31));
    due_on("by 2023", ymd(2023, 12, 31));
}

#[test]
fn due_financial_quarters_and_years() {
    // Q1 is April to June, so Q4 of 2020/21 ends in March 2021.
    due_on("2020/21 Q4", ymd(2021, 3, 31));
    due_on("Q4 2020/21", ymd(2021, 3, 31));
    due_on("2021/22 Q1", ymd(2021, 6, 30));
    due_on("Q3 2021/22", ymd(2021, 12, 31));
    due_on("2021/22", ymd(2022, 3, 31));
    due_on("By 2022-23", ymd(2023, 3, 31));
}

#[test]
fn due_without_a_date_on_purpose() {
    for text in [
        "Ongoing",
        "ongoing",
        "Ongoing 2021 – 2023",
        "N/A",
        "n/a",
        "TBC",
        "-",
        "–",
    ] {
        assert_eq!(read_due(text), Some(Due::NoDate), "{text:?}");
    }
}

#[test]
fn due_not_read() {
    // Empty is nothing (the mapper skips it), not "no date".
    for text in [
        "",
        "   ",
        "Soon",
        "Year 1",
        "31/02/2021",
        "2021/23",
        "12",
        "When the review reports",
        "Q5 2021/22",
        "32 March 2021",
    ] {
        assert_eq!(read_due(text), None, "{text:?} should not be a due date");
    }
}

#[test]
fn percentages() {
    for (text, n) in [
        ("16%", 16),
        ("16 %", 16),
        ("16", 16),
        ("16.5%", 17),
        ("16.4 %", 16),
        ("0%", 0),
        ("100%", 100),
        ("\u{a0}75%\u{a0}", 75),
    ] {
        assert_eq!(read_percent(text), Some(n), "{text:?}");
    }
}

#[test]
fn percentages_not_read() {
    for text in [
        "", "101%", "150", "-5%", "−5", "half", "50-75%", "n/a", "16%%", "1,000",
    ] {
        assert_eq!(
            read_percent(text),
            None,
            "{text:?} should not be a percentage"
        );
    }
}

#[test]
fn status_words_of_council_reports() {
    use Status::*;
    for (text, status) in [
        ("Not started", NotStarted),
        ("not yet started", NotStarted),
        ("In progress", InProgress),
        ("In-progress", InProgress),
        ("IN PROGRESS", InProgress),
        ("Ongoing", InProgress),
        ("On track", InProgress),
        ("Underway", InProgress),
        ("Started", InProgress),
        // Overdue follows from the due date; the action is still going.
        ("Overdue", InProgress),
        ("Complete", Completed),
        ("Completed", Completed),
        ("Done", Completed),
        ("Achieved", Completed),
        ("Closed", Completed),
        ("Completed – see report to CPC", Completed),
        ("Cancelled", Cancelled),
        ("Withdrawn", Cancelled),
        (" cancelled. ", Cancelled),
    ] {
        assert_eq!(read_status(text), Some(status), "{text:?}");
    }
}

#[test]
fn status_not_read() {
    for text in [
        "",
        "Work has started on the review",
        "Green",
        "50%",
        "Not",
        "Completion due March",
    ] {
        assert_eq!(read_status(text), None, "{text:?} should not be a status");
    }
}

#[test]
fn rag_words() {
    use Rag::*;
    for (text, rag) in [
        ("R", Red),
        ("Red", Red),
        ("red", Red),
        ("A", Amber),
        ("Amber", Amber),
        ("G", Green),
        ("GREEN", Green),
        ("RAG: G", Green),
        ("RAG - A", Amber),
        ("Green (on track)", Green),
        // Two ratings read as the worse.
        ("Amber/Green", Amber),
        ("A/G", Amber),
        ("Red-Amber", Red),
    ] {
        assert_eq!(read_rag(text), Some(rag), "{text:?}");
    }
}

#[test]
fn rag_not_read() {
    for text in [
        "",
        "Blue",
        "RAG",
        "Rating",
        "Agreed",
        "Great progress",
        "R/A/G",
        "On track",
    ] {
        assert_eq!(read_rag(text), None, "{text:?} should not be a RAG rating");
    }
}
