//! Reading a block pasted from Excel (or typed) into a measure's data grid:
//! one data point a row, all or nothing.
//!
//! The rules:
//! - Rows are lines (split on "\r\n" or "\n"); blank lines are skipped. At
//!   most [`MAX_ROWS`] rows that are not blank can be pasted at once.
//! - Cells are split on tabs (what Excel gives); a line with no tab is split
//!   on runs of two or more spaces, else on a comma if that gives exactly two
//!   cells ("Mar 2025,64.9"; "Mar 2025,1,234" stays one cell, a bad row).
//! - The block's width is its widest data row (empty cells at the end of a row
//!   do not count): 2 columns are period, value; 3 are period, numerator,
//!   denominator, the value being the percentage 100 × numerator /
//!   denominator; 4 are period, value, numerator, denominator, where a row may
//!   leave both numerator and denominator empty.
//! - The first row is a header, and skipped, when its second cell is there
//!   but is not a number and its first cell is not a period ("Month", "Rate").
//!   A row such as "Mar 2025, abc" is a bad row rather than a header.
//! - A number may have spaces around it, a "%" after it, commas between
//!   groups of three digits ("1,234") and a Unicode minus ("−3"). "64,9",
//!   NaN and infinities are not numbers.
//! - A period that [`parse_period`] understands is stored with its tidy label
//!   and date; any other text is kept as typed with no date ("Baseline"). An
//!   empty period is a bad row.
//! - A numerator or denominator must not be negative, the denominator must be
//!   more than 0 and the numerator must not be more than the denominator.
//! - If any row is bad, nothing is returned but the bad rows, every one of
//!   them, each with all that is wrong with it.

use std::fmt;

use chrono::NaiveDate;

use super::periods::parse_period;

/// The most rows that are not blank one paste may hold.
pub const MAX_ROWS: usize = 1000;

/// One row of a pasted block, ready to enter.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedPoint {
    /// The tidy label of a period that was understood, else the text as typed.
    pub period: String,
    /// The last day of the period, when it was understood.
    pub date: Option<NaiveDate>,
    pub value: f64,
    /// Counts are whole numbers: a row with a fraction is a bad row.
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
}

impl From<PastedPoint> for crate::model::plan::DataPoint {
    fn from(p: PastedPoint) -> Self {
        crate::model::plan::DataPoint {
            period: p.period,
            value: p.value,
            date: p.date,
            numerator: p.numerator,
            denominator: p.denominator,
            ..Default::default()
        }
    }
}

/// A row that cannot be entered, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line of the pasted text.
    pub line: usize,
    /// Plain UK English, with the line: "Line 4: “abc” is not a number".
    pub message: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl BadRow {
    fn new(line: usize, problems: &[String]) -> BadRow {
        BadRow {
            line,
            message: format!("Line {line}: {}", problems.join("; ")),
        }
    }
}

/// The points of a pasted block, or every row that is wrong with it.
pub fn parse_pasted(text: &str) -> Result<Vec<PastedPoint>, Vec<BadRow>> {
    let mut rows: Vec<(usize, Vec<&str>)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if rows.len() == MAX_ROWS {
            let problem = format!("at most {} rows can be pasted at once", thousands(MAX_ROWS));
            return Err(vec![BadRow::new(index + 1, &[problem])]);
        }
        rows.push((index + 1, cells(line)));
    }
    if rows.first().is_some_and(|(_, cells)| is_header(cells)) {
        rows.remove(0);
    }

    let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let mut points = Vec::new();
    let mut bad = Vec::new();
    for (line, cells) in &rows {
        match point(cells, width) {
            Ok(p) => points.push(p),
            Err(problems) => bad.push(BadRow::new(*line, &problems)),
        }
    }
    if bad.is_empty() {
        Ok(points)
    } else {
        Err(bad)
    }
}

/// A line's cells, trimmed, without empty cells at the end.
fn cells(line: &str) -> Vec<&str> {
    let mut cells: Vec<&str> = if line.contains('\t') {
        line.split('\t').map(str::trim).collect()
    } else if line.trim().contains("  ") {
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    } else {
        match line.split_once(',') {
            Some((a, b)) if !b.contains(',') => vec![a.trim(), b.trim()],
            _ => vec![line.trim()],
        }
    };
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// Column headings rather than a data point: a second cell that is not a
/// number beside a first that is not a period.
fn is_header(cells: &[&str]) -> bool {
    match cells {
        [period, value, ..] => {
            !value.is_empty() && parse_number(value).is_none() && parse_period(period).is_none()
        }
        _ => false,
    }
}

/// The point a row gives in a block `width` columns wide, or all that is
/// wrong with it.
fn point(cells: &[&str], width: usize) -> Result<PastedPoint, Vec<String>> {
    let mut problems = Vec::new();
    let cell = |i: usize| cells.get(i).copied().unwrap_or("");

    let period = cell(0);
    if period.is_empty() {
        problems.push("the period is empty".to_owned());
    }
    if cells.len() > 4 {
        problems.push(format!(
            "has {} columns; paste 2 (period, value), 3 (period, numerator, \
             denominator) or 4 (period, value, numerator, denominator)",
            cells.len()
        ));
        return Err(problems);
    }

    let (value, numerator, denominator) = match width {
        0 | 1 => {
            problems.push(
                "there is no value (put the period and the value in separate columns)".to_owned(),
            );
            (None, None, None)
        }
        2 => (required(cell(1), "value", &mut problems), None, None),
        3 => {
            let n = required(cell(1), "numerator", &mut problems);
            let d = required(cell(2), "denominator", &mut problems);
            let value = match (n, d) {
                (Some(n), Some(d)) if d > 0.0 => Some(100.0 * n / d),
                _ => None,
            };
            (value, n, d)
        }
        _ => {
            let value = required(cell(1), "value", &mut problems);
            let (n, d) = match (cell(2), cell(3)) {
                ("", "") => (None, None),
                (n, d) => (
                    required(n, "numerator", &mut problems),
                    required(d, "denominator", &mut problems),
                ),
            };
            (value, n, d)
        }
    };
    if let (Some(n), Some(d)) = (numerator, denominator) {
        check_fraction(n, d, cell_pair(cells, width), &mut problems);
    }

    match value {
        Some(value) if problems.is_empty() => {
            let (period, date) = match parse_period(period) {
                Some(p) => (p.label, Some(p.date)),
                None => (period.to_owned(), None),
            };
            Ok(PastedPoint {
                period,
                date,
                value,
                // checked whole and not negative above
                numerator: numerator.map(|n| n as u64),
                denominator: denominator.map(|d| d as u64),
            })
        }
        _ => Err(problems),
    }
}

/// The numerator and denominator cells as typed, for messages.
fn cell_pair<'a>(cells: &[&'a str], width: usize) -> (&'a str, &'a str) {
    let first = if width == 3 { 1 } else { 2 };
    let get = |i: usize| cells.get(i).copied().unwrap_or("");
    (get(first), get(first + 1))
}

/// The number in `cell`, noting a problem (naming the column as `what`) if it
/// is empty or not a number.
fn required(cell: &str, what: &str, problems: &mut Vec<String>) -> Option<f64> {
    if cell.is_empty() {
        problems.push(format!("there is no {what}"));
        return None;
    }
    let n = parse_number(cell);
    if n.is_none() {
        problems.push(format!("“{cell}” is not a number"));
    }
    n
}

fn check_fraction(n: f64, d: f64, typed: (&str, &str), problems: &mut Vec<String>) {
    let (typed_n, typed_d) = typed;
    if n < 0.0 {
        problems.push(format!("the numerator “{typed_n}” is negative"));
    }
    for (count, typed, what) in [(n, typed_n, "numerator"), (d, typed_d, "denominator")] {
        if count.fract() != 0.0 {
            problems.push(format!("the {what} “{typed}” is not a whole number"));
        }
    }
    if d <= 0.0 {
        problems.push(format!("the denominator “{typed_d}” must be more than 0"));
    } else if n > d {
        problems.push(format!(
            "the numerator “{typed_n}” is more than the denominator “{typed_d}”"
        ));
    }
}

/// A number as people type it into a spreadsheet: "64.9", "64.9%",
/// "1,234", " 12 ", "−3". `None` for anything else, NaN and infinities too.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
    let text = text.replace('−', "-");
    let plain = without_thousands_commas(&text)?;
    // Rust also reads "inf", "NaN" and "infinity"; a number has a digit.
    if !plain.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: f64 = plain.parse().ok()?;
    n.is_finite().then_some(n)
}

/// "1,234,567.5" → "1234567.5"; `None` if a comma is anywhere but between
/// groups of three digits before the point ("64,9", "1,23", ",5").
fn without_thousands_commas(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let digits = whole.strip_prefix(['-', '+']).unwrap_or(whole);
    let groups: Vec<&str> = digits.split(',').collect();
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let first_ok = groups[0].len() <= 3 && all_digits(groups[0]);
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3 && all_digits(g));
    if !(first_ok && rest_ok) {
        return None;
    }
    let mut plain = whole.replace(',', "");
    if let Some(f) = fraction {
        plain.push('.');
        plain.push_str(f);
    }
    Some(plain)
}

/// 1000 → "1,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
