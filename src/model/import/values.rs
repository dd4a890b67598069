//! The values a plan's table writes in words: UK dates ("31-Mar-2023",
//! "By 30 September 2020", "2020/21 Q4"), percentages, status and RAG words.
//! Each reader gives `None` for what it cannot read; the mapper keeps that
//! text and warns.

use chrono::NaiveDate;

use crate::model::plan::{Rag, Status};

/// What a due-date cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// A date (a month or quarter is read as its last day).
    On(NaiveDate),
    /// "Ongoing", "N/A", "TBC": no date, and nothing to warn about.
    NoDate,
}

pub fn read_due(_text: &str) -> Option<Due> {
    None
}

/// "16%", "16", "16.5 %" → 16 (rounded, 0 to 100).
pub fn read_percent(_text: &str) -> Option<u8> {
    None
}

pub fn read_status(_text: &str) -> Option<Status> {
    None
}

pub fn read_rag(_text: &str) -> Option<Rag> {
    None
}
