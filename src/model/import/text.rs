//! Pasted text and .csv files → a [`Table`]: tab-separated text as Excel
//! writes it (quoted cells may hold tabs, line breaks and doubled quotes),
//! text copied out of a PDF (tab-separated lines, some holding only the
//! continuation of a cell), and comma-separated files.
//!
//! Every line is a row, numbered by the line it starts on; a blank line is
//! kept as a blank row (the mapper passes over it), and the empty line
//! after a final line break is not a row. Non-breaking spaces are read as
//! spaces.

use super::table::{Row, Source, Table};

/// Tab-separated text. A cell is quoted only if its first character is a
/// quote and the closing quote ends the cell (a tab or the end of a line
/// follows it): so `5" screen` and a PDF's stray quote are text, and a
/// quote that never closes does not swallow the rest of the paste. A quoted
/// cell that holds no tab, line break or quote was not quoted by Excel
/// (which quotes only those), so its quotes are the text's own and kept:
/// `"Our children ..."` copied out of a PDF keeps them.
pub fn read_text(text: &str) -> Table {
    let text = text.replace('\u{a0}', " ");
    let mut rows = Vec::new();
    let mut at = 0;
    let mut line = 1;
    while at < text.len() {
        let (cells, end) = read_row(&text, at);
        rows.push(Row { cells, line });
        line += text[at..end].matches('\n').count();
        at = end;
    }
    Table {
        source: Source::Text,
        rows,
    }
}

/// The cells of the row starting at byte `at`, and where the next row
/// starts (after the line break that ends this one).
fn read_row(text: &str, mut at: usize) -> (Vec<String>, usize) {
    let mut cells = Vec::new();
    loop {
        let (cell, end) = quoted_cell(text, at).unwrap_or_else(|| plain_cell(text, at));
        cells.push(cell);
        let rest = &text[end..];
        if rest.starts_with('\t') {
            at = end + 1;
        } else if rest.starts_with("\r\n") {
            return (cells, end + 2);
        } else {
            // The end of the text, '\n', or the '\r' that ends the text.
            return (cells, (end + 1).min(text.len()));
        }
    }
}

/// The cell at `at` up to the next tab or line break, as written (without
/// the '\r' of a "\r\n").
fn plain_cell(text: &str, at: usize) -> (String, usize) {
    let rest = &text[at..];
    let len = rest.find(['\t', '\n']).unwrap_or(rest.len());
    let mut cell = &rest[..len];
    if !rest[len..].starts_with('\t') {
        cell = cell.strip_suffix('\r').unwrap_or(cell);
    }
    (cell.to_owned(), at + cell.len())
}

/// The quoted cell at `at`, if one starts and properly ends there: its text
/// with doubled quotes made single and "\r\n" made "\n", and the byte after
/// its closing quote.
fn quoted_cell(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text[at..].strip_prefix('"')?;
    let mut cell = String::new();
    let mut from = 0;
    loop {
        let quote = from + rest[from..].find('"')?;
        cell.push_str(&rest[from..quote]);
        let after = &rest[quote + 1..];
        if after.starts_with('"') {
            cell.push('"');
            from = quote + 2;
            continue;
        }
        let ends_cell = matches!(after, "" | "\r")
            || after.starts_with(['\t', '\n'])
            || after.starts_with("\r\n");
        if !ends_cell {
            return None;
        }
        let end = at + 1 + quote + 1;
        if !cell.contains(['\t', '\n', '"']) {
            return Some((text[at..end].to_owned(), end));
        }
        return Some((cell.replace("\r\n", "\n"), end));
    }
}

/// A .csv file (RFC 4180, through the `csv` crate): every record is a row,
/// the first too (headers are the column guesser's business), rows may
/// differ in length. A file whose first line has semicolons and no comma is
/// read with semicolons, as Excel writes it where the comma is the decimal
/// mark. Blank lines are passed over.
pub fn read_csv(text: &str) -> Table {
    // One line ending, so that lines are counted as the crate splits them
    // (it also ends a record at a lone '\r').
    let text = text
        .replace('\u{a0}', " ")
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The record's line is counted from its byte offset: the crate's own
    // count lags where a record follows a blank line.
    let (mut line, mut counted_to) = (1, 0);
    // The text is UTF-8 and rows may be ragged, so reading cannot fail.
    while reader.read_record(&mut record).unwrap_or(false) {
        let offset = record.position().map_or(0, |p| p.byte() as usize);
        let start = offset + text[offset..].find(|c| c != '\n').unwrap_or(0);
        line += text[counted_to..start].matches('\n').count();
        counted_to = start;
        rows.push(Row {
            cells: record.iter().map(str::to_owned).collect(),
            line,
        });
    }
    Table {
        source: Source::Csv,
        rows,
    }
}
