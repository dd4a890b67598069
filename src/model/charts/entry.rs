//! What is typed into one cell of a measure's data grid, read as the value
//! it gives or the reason, in plain UK English, that it gives none. The
//! grid changes nothing for a cell it cannot read; it shows the reason next
//! to the cell. The rules are those of a pasted block ([`super::paste`]), so
//! a number reads the same typed or pasted.

use super::paste::{check_fraction, parse_number};
use crate::model::plan::DataPoint;

/// A point's value as typed: "64.9", "64.9%", "1,234", "−3".
pub fn value_cell(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("A point needs a value, for example 64.9.".to_owned());
    }
    parse_number(text)
        .ok_or_else(|| format!("“{text}” is not a number. Type it as, for example, 64.9 or 64.9%."))
}

/// What a point's numerator and denominator, typed as a pair, give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counts {
    /// Both empty: the point has no counts.
    Clear,
    /// Both whole numbers that make a proportion.
    Set(u64, u64),
    /// Only one is typed so far; the other is still to come.
    Waiting(&'static str),
}

/// The pair typed as a point's numerator (a count) and denominator (the
/// total it is part of), or all that is wrong with it.
pub fn counts_cells(numerator: &str, denominator: &str) -> Result<Counts, String> {
    let (n_text, d_text) = (numerator.trim(), denominator.trim());
    match (n_text.is_empty(), d_text.is_empty()) {
        (true, true) => return Ok(Counts::Clear),
        (false, true) => return Ok(Counts::Waiting("Give the denominator too.")),
        (true, false) => return Ok(Counts::Waiting("Give the numerator too.")),
        (false, false) => {}
    }
    let mut problems = Vec::new();
    let n = parse_number(n_text);
    let d = parse_number(d_text);
    for (value, typed, what) in [(n, n_text, "numerator"), (d, d_text, "denominator")] {
        if value.is_none() {
            problems.push(format!("the {what} “{typed}” is not a number"));
        }
    }
    if let (Some(n), Some(d)) = (n, d) {
        check_fraction(n, d, (n_text, d_text), &mut problems);
    }
    if problems.is_empty() {
        // Checked whole, not negative and with a denominator above 0.
        let (n, d) = (n.unwrap_or_default(), d.unwrap_or_default());
        Ok(Counts::Set(n as u64, d as u64))
    } else {
        Err(sentence(&problems.join("; ")))
    }
}

/// The number of points that set each phase's centre line, as typed.
pub fn baseline_points_cell(text: &str) -> Result<usize, String> {
    let text = text.trim();
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "The baseline is a whole number of points, at least 1; “{text}” is not."
        )),
    }
}

/// The points at the end of a measure's data that hold nothing yet (rows
/// added and never filled in), which a pasted block fills first.
pub fn blank_points_at_end(data: &[DataPoint]) -> usize {
    let blank = DataPoint::default();
    data.iter().rev().take_while(|p| **p == blank).count()
}

/// "the numerator …" → "The numerator ….".
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    out.push('.');
    out
}

/// Whether text pasted into a cell is a block of rows for the grid (more
/// than one line that is not blank, or cells split by a tab, as a
/// spreadsheet gives) rather than one value for that cell.
pub fn is_block(text: &str) -> bool {
    text.contains('\t') || text.lines().filter(|l| !l.trim().is_empty()).count() > 1
}
