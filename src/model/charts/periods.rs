//! Reading the period of a measure's data point as UK plans write it
//! ("31/03/2025", "Mar 2025", "2025/26 Q2", ...) into a tidy label and the
//! last day of the period, which orders and places the point on a chart.
//!
//! What is understood (case does not matter, surrounding spaces are ignored,
//! and an en dash counts as a hyphen):
//! - a day, day first: "31/03/2025", "31/3/25", "31-03-2025", "31.03.2025",
//!   "31 March 2025", "31 Mar 2025", "31st Mar 2025", "31-Mar-2025", or ISO
//!   "2025-03-31". Label "31 Mar 2025".
//! - a month: "Mar 2025", "March 2025", "Sept 2025", "Mar-25", "03/2025" (a
//!   month given as a number needs a four-digit year). Label "Mar 2025".
//! - a UK financial-year quarter, the year starting 1 April: "2025/26 Q2",
//!   "2025-26 Q2", "Q2 2025/26", "2025/2026 Q2". Q1 ends 30 June 2025, Q2
//!   30 September 2025, Q3 31 December 2025, Q4 31 March 2026. Label
//!   "2025/26 Q2".
//! - a calendar quarter: "Q1 2025" or "2025 Q1" (Q1 is January to March).
//!   Label "Q1 2025".
//! - a financial year: "2025/26", "2025-26", "2025/2026", ending 31 March
//!   2026. Label "2025/26".
//! - a calendar year: "2025", ending 31 December. Label "2025".
//!
//! Two-digit years are 20yy. Four-digit years must lie in 1900 to 2100, so
//! that a stray count such as "1234" is not taken for a year. Impossible days
//! ("31/02/2025", "29/02/2025") and financial years whose second year does not
//! follow the first ("2025/27") are not periods.
//!
//! Every label this module gives is itself understood and gives back the same
//! period.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::summary::uk_date;

/// A period a data point belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The tidy label to store, e.g. "2025/26 Q2", "Mar 2025", "31 Mar 2025".
    pub label: String,
    /// The last day of the period.
    pub date: NaiveDate,
}

/// Reads one form from the parts of a text, or gives `None`.
type Reader = fn(&[&str]) -> Option<Period>;

/// The period `text` names, or `None` if it is not one of the forms above.
pub fn parse_period(text: &str) -> Option<Period> {
    let parts = split_parts(text)?;
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let readers: [Reader; 6] = [
        day,
        month,
        financial_quarter,
        calendar_quarter,
        financial_year,
        calendar_year,
    ];
    readers.iter().find_map(|read| read(&parts))
}

/// The label of a single day: "31 Mar 2025".
pub fn label_for_date(d: NaiveDate) -> String {
    uk_date(d)
}

/// `text` lower-cased and cut at spaces, '/', '-' and '.', or `None` if two
/// separators meet or one starts or ends the text ("31//03", "-2025").
fn split_parts(text: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let tidy = words.join(" ").to_lowercase().replace(['–', '—'], "-");
    if tidy.is_empty() {
        return None;
    }
    let parts: Vec<String> = tidy
        .split([' ', '/', '-', '.'])
        .map(str::to_owned)
        .collect();
    if parts.iter().any(String::is_empty) {
        return None;
    }
    Some(parts)
}

// ---- the forms -------------------------------------------------------------

/// "31/03/2025", "31 Mar 2025", "31st March 25", or ISO "2025-03-31".
fn day(parts: &[&str]) -> Option<Period> {
    let [a, b, c] = parts else { return None };
    let date = if is_four_digits(a) {
        NaiveDate::from_ymd_opt(year(a)?, small_number(b)?, small_number(c)?)?
    } else {
        let d = small_number(strip_ordinal(a))?;
        let m = small_number(b).or_else(|| month_name(b))?;
        NaiveDate::from_ymd_opt(year(c)?, m, d)?
    };
    Some(Period {
        label: label_for_date(date),
        date,
    })
}

/// "Mar 2025", "March 2025", "Mar-25", "03/2025".
fn month(parts: &[&str]) -> Option<Period> {
    let [m, y] = parts else { return None };
    let (m, y) = match month_name(m) {
        Some(m) => (m, year(y)?),
        None if is_four_digits(y) => (small_number(m)?, year(y)?),
        None => return None,
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    Some(Period {
        label: first.format("%b %Y").to_string(),
        date: last_day_of_month(y, m)?,
    })
}

/// "2025/26 Q2", "2025-26 Q2", "2025/2026 Q2", "Q2 2025/26".
fn financial_quarter(parts: &[&str]) -> Option<Period> {
    let (start, q) = match parts {
        [a, b, q] | [q, a, b] if quarter(q).is_some() => (financial_year_start(a, b)?, quarter(q)?),
        _ => return None,
    };
    // Q1 is April to June, so quarter q ends 3q months after March ends.
    let end_month = 3 + 3 * q;
    let (y, m) = if end_month > 12 {
        (start + 1, end_month - 12)
    } else {
        (start, end_month)
    };
    Some(Period {
        label: format!("{} Q{q}", financial_year_label(start)),
        date: last_day_of_month(y, m)?,
    })
}

/// "Q1 2025" or "2025 Q1".
fn calendar_quarter(parts: &[&str]) -> Option<Period> {
    let (y, q) = match parts {
        [q, y] | [y, q] if is_four_digits(y) => (year(y)?, quarter(q)?),
        _ => return None,
    };
    Some(Period {
        label: format!("Q{q} {y}"),
        date: last_day_of_month(y, 3 * q)?,
    })
}

/// "2025/26", "2025-26", "2025/2026": 1 April 2025 to 31 March 2026.
fn financial_year(parts: &[&str]) -> Option<Period> {
    let [a, b] = parts else { return None };
    let start = financial_year_start(a, b)?;
    Some(Period {
        label: financial_year_label(start),
        date: NaiveDate::from_ymd_opt(start + 1, 3, 31)?,
    })
}

/// "2025".
fn calendar_year(parts: &[&str]) -> Option<Period> {
    let [y] = parts else { return None };
    if !is_four_digits(y) {
        return None;
    }
    let y = year(y)?;
    Some(Period {
        label: y.to_string(),
        date: NaiveDate::from_ymd_opt(y, 12, 31)?,
    })
}

// ---- the pieces ------------------------------------------------------------

fn is_four_digits(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// One or two digits: a day, a month or a quarter's number.
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A year of four digits (1900 to 2100) or two (20yy).
fn year(s: &str) -> Option<i32> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = s.parse().ok()?;
    match s.len() {
        2 => Some(2000 + n),
        4 if (1900..=2100).contains(&n) => Some(n),
        _ => None,
    }
}

/// "1st", "2nd", "3rd", "31st" → the digits.
fn strip_ordinal(s: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix))
        .unwrap_or(s)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's full name, its three-letter short name, or "sept" → 1 to 12.
fn month_name(s: &str) -> Option<u32> {
    let found = MONTHS
        .iter()
        .position(|name| *name == s || (s.len() == 3 && name.starts_with(s)));
    let index = match found {
        Some(i) => i,
        None if s == "sept" => 8,
        None => return None,
    };
    Some(index as u32 + 1)
}

/// "q1" to "q4" → 1 to 4.
fn quarter(s: &str) -> Option<u32> {
    let q: u32 = s.strip_prefix('q')?.parse().ok()?;
    (1..=4).contains(&q).then_some(q)
}

/// The calendar year a financial year starts in, from its two halves
/// ("2025" and "26" or "2026"); `None` unless the second year follows the
/// first.
fn financial_year_start(first: &str, second: &str) -> Option<i32> {
    if !is_four_digits(first) || !second.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let start = year(first)?;
    let n: i32 = second.parse().ok()?;
    let follows = match second.len() {
        2 => n == (start + 1) % 100,
        4 => n == start + 1,
        _ => false,
    };
    follows.then_some(start)
}

/// "2025/26" for the year starting 1 April 2025.
fn financial_year_label(start: i32) -> String {
    format!("{start}/{:02}", (start + 1) % 100)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    debug_assert_eq!(last.month(), m);
    Some(last)
}
