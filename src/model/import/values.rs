//! The values a plan's table writes in words: UK dates ("31-Mar-2023",
//! "By 30 September 2020", "2020/21 Q4"), percentages, status and RAG words.
//! Each reader gives `None` for what it cannot read; the mapper keeps that
//! text and warns.
//!
//! Case never matters, surrounding spaces and non-breaking spaces are
//! ignored, and an empty cell gives `None` from every reader (the mapper
//! treats an empty cell as nothing, so there is nothing to warn about).

use chrono::NaiveDate;

use crate::model::charts::paste::parse_number;
use crate::model::charts::periods::parse_period;
use crate::model::plan::{Rag, Status};

/// What a due-date cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// A date (a month or quarter is read as its last day).
    On(NaiveDate),
    /// "Ongoing", "N/A", "TBC": no date, and nothing to warn about.
    NoDate,
}

/// Words that say an action has no due date on purpose. "Ongoing" may be
/// followed by a span of years ("Ongoing 2021 – 2023"): still no date.
const NO_DATE: [&str; 8] = ["n/a", "na", "not applicable", "tbc", "tbd", "-", "–", "—"];

/// The longest run of words a date is written in ("31 March 2021").
const LONGEST_DATE: usize = 3;

/// A due date as plans write it: every form [`parse_period`] reads (a day,
/// a month, a financial-year quarter "2020/21 Q4" or "Q4 2020/21", a
/// financial year "2021/22", a year), also inside words: "By 30 September
/// 2020", "By end of Year 1 31 July 2022". When a cell names more than one
/// date the last is taken ("March 2022 (was Dec 2021)" is an exception we
/// accept: plans put the current date last far more often).
pub fn read_due(text: &str) -> Option<Due> {
    let tidy = tidy(text);
    if tidy.is_empty() {
        return None;
    }
    let lower = tidy.to_lowercase();
    if NO_DATE.contains(&lower.as_str()) || lower.starts_with("ongoing") {
        return Some(Due::NoDate);
    }
    last_date_in(&tidy).map(Due::On)
}

/// The last date written in `text`: each word from the end is tried as the
/// last word of a date, the longest reading first, so that "31 July 2022"
/// is read as a day and not as the year 2022. A reading that a mistyped
/// date left over is refused: "32 March 2021" is not March 2021, and
/// "Q5 2021/22" is not the year 2021/22.
fn last_date_in(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']')))
        .map(|w| w.strip_suffix('.').unwrap_or(w))
        .collect();
    (1..=words.len()).rev().find_map(|end| {
        let (start, date) = (1..=LONGEST_DATE.min(end)).rev().find_map(|len| {
            parse_period(&words[end - len..end].join(" ")).map(|p| (end - len, p.date))
        })?;
        match start.checked_sub(1).map(|i| words[i].to_lowercase()) {
            Some(before) if is_left_over(&before, words[start]) => None,
            _ => Some(date),
        }
    })
}

/// Whether the word `before` a date reading shows that the date was meant to
/// start earlier: a day number before a month ("32 March 2021"), or a
/// quarter before a year ("Q5 2021/22").
fn is_left_over(before: &str, first: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let day = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|o| before.strip_suffix(o))
        .map_or(digits(before), digits);
    let quarter = before.strip_prefix('q').is_some_and(digits);
    let month_first = first.chars().all(char::is_alphabetic);
    (day && month_first) || quarter
}

/// "16%", "16 %", "16", "16.5%" → 16, 16, 16, 17: a whole percentage from 0
/// to 100; more than 100 or less than 0 is not a progress figure.
pub fn read_percent(text: &str) -> Option<u8> {
    let n = parse_number(&tidy(text))?;
    (0.0..=100.0).contains(&n).then(|| n.round() as u8)
}

/// The status words of council reports. "Overdue" is read as in progress:
/// whether an action is overdue follows from its due date and status, so it
/// is not stored. "Closed" is read as completed. Only the cell's first
/// clause is read, so "Completed – see report" is completed.
pub fn read_status(text: &str) -> Option<Status> {
    let phrase = first_clause(text).replace('-', " ");
    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let status = match phrase.as_str() {
        "not started" | "not yet started" | "yet to start" => Status::NotStarted,
        "in progress" | "ongoing" | "on going" | "on track" | "underway" | "under way"
        | "started" | "overdue" => Status::InProgress,
        "complete" | "completed" | "done" | "achieved" | "closed" => Status::Completed,
        "cancelled" | "canceled" | "withdrawn" => Status::Cancelled,
        _ => return None,
    };
    Some(status)
}

/// "R", "Red", "A", "Amber", "G", "Green", also after "RAG" ("RAG: G").
/// Two ratings together ("Amber/Green", "Red-Amber", "A/G") are read as the
/// worse of the two, so that an action partly at risk is not shown as fine.
pub fn read_rag(text: &str) -> Option<Rag> {
    let lower = tidy(text).to_lowercase();
    let rating = match lower.strip_prefix("rag") {
        Some(rest) if !rest.starts_with(char::is_alphabetic) => {
            rest.trim_start_matches([':', ' ', '=', '-', '–'])
        }
        _ => &lower,
    };
    let ratings: Vec<Rag> = first_clause(rating)
        .split(['/', '-', ' ', '&'])
        .filter(|w| !w.is_empty() && *w != "and")
        .map(|w| match w {
            "r" | "red" => Some(Rag::Red),
            "a" | "amber" => Some(Rag::Amber),
            "g" | "green" => Some(Rag::Green),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if ratings.len() > 2 {
        return None;
    }
    ratings.into_iter().min_by_key(|r| match r {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
    })
}

/// `text` with non-breaking spaces as spaces and the ends trimmed.
fn tidy(text: &str) -> String {
    text.replace('\u{a0}', " ").trim().to_owned()
}

/// The text up to the first ':', ',', ';', '(', '.', line break or a dash
/// between spaces, lower-cased and trimmed: "Completed – see report" →
/// "completed".
fn first_clause(text: &str) -> String {
    let lower = tidy(text).to_lowercase();
    let cut = [":", ",", ";", "(", ".", " - ", " – ", " — ", "\n"]
        .iter()
        .filter_map(|sep| lower.find(sep))
        .min()
        .unwrap_or(lower.len());
    lower[..cut].trim().to_owned()
}
