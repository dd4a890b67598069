//! Clipboard HTML → a [`Table`]: the largest table of a paste from Word,
//! Excel, Google Docs or a web page, with rowspan and colspan spread, line
//! breaks, paragraphs and list items inside a cell kept as lines, and
//! entities (&nbsp;) and Word's markup reduced to text.
//!
//! Parsed by a small tokenizer of our own ([`tokens`], [`entities`]), not a
//! crate, because it costs least in the wasm. Measured as release cdylibs
//! for wasm32 (opt-level z, LTO, wasm-opt -Oz), over a baseline that holds
//! what the app already has (formatting, Vec, String): this whole reader
//! adds 17.7 KB (8.9 KB gzipped), its tokenizer alone 10.1 KB (5.1 KB);
//! html5gum's tokenizer alone adds 111.9 KB (37.8 KB, mostly the WHATWG
//! entity table) and tl's parser 22.1 KB (10.7 KB) without decoding any
//! entity. The browser's DOMParser would cost nothing but cannot run in the
//! native tests. Clipboard HTML needs no tree: only tables, rows, cells and
//! the tags that break a line matter.

mod entities;
mod tokens;

use super::table::{Row, Source, Table};
use tokens::{Tag, Token};

/// No plan has this many columns; a larger colspan is cut to it so that a
/// hostile paste cannot make millions of cells.
const MAX_COLSPAN: usize = 50;

/// Tags that start a new line inside a cell, at their start and their end.
const LINE_BREAKS: [&str; 18] = [
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "hr",
    "caption",
];

/// The paste's table, or `None` if the HTML holds none (or only empty
/// ones): the one with the most cells, the first of equals. A table inside
/// a cell is read as that cell's text.
pub fn read_html(html: &str) -> Option<Table> {
    let mut reader = Reader::default();
    for token in tokens::tokens(html) {
        reader.take(token);
    }
    reader.end_table();
    let rows = reader
        .tables
        .into_iter()
        .map(spread)
        .filter(|rows| cell_count(rows) > 0)
        .reduce(|best, rows| {
            if cell_count(&rows) > cell_count(&best) {
                rows
            } else {
                best
            }
        })?;
    Some(Table {
        source: Source::Html,
        rows,
    })
}

fn cell_count(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.cells.len()).sum()
}

/// A table as its markup gives it, before the spans are spread.
#[derive(Default)]
struct RawTable {
    rows: Vec<Vec<RawCell>>,
}

struct RawCell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

/// Follows the tokens, building the top-level tables.
#[derive(Default)]
struct Reader {
    tables: Vec<RawTable>,
    /// How many tables the reader is inside: 1 is a top-level table's own
    /// rows and cells, more is a table inside one of its cells.
    depth: usize,
    table: RawTable,
    /// The open cell's text, lines separated by '\n', not yet tidied.
    cell: Option<RawCell>,
    /// Open `<span>`s, and the depth of the one whose text is skipped:
    /// Word's list bullet (`mso-list:Ignore`).
    spans: usize,
    skipping_from: Option<usize>,
}

impl Reader {
    fn take(&mut self, token: Token) {
        match token {
            Token::Start(tag) => self.start(&tag),
            Token::End(name) => self.end(&name),
            Token::Text(text) => {
                if self.skipping_from.is_none() {
                    if let Some(cell) = &mut self.cell {
                        // A line break in the source is a space: only
                        // markup (<br>, </p>, <li> ...) breaks a line.
                        cell.text
                            .push_str(&entities::decode(text).replace(['\n', '\r'], " "));
                    }
                }
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag.name.as_str() {
            "table" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.table = RawTable::default();
                } else {
                    self.line_break();
                }
            }
            "tr" if self.depth == 1 => {
                self.end_cell();
                self.table.rows.push(Vec::new());
            }
            "td" | "th" if self.depth == 1 => {
                self.end_cell();
                if self.table.rows.is_empty() {
                    self.table.rows.push(Vec::new());
                }
                self.cell = Some(RawCell {
                    text: String::new(),
                    rowspan: span(tag.attribute("rowspan"), 1),
                    colspan: span(tag.attribute("colspan"), 1).clamp(1, MAX_COLSPAN),
                });
            }
            "tr" | "td" | "th" => self.line_break(),
            "span" => {
                self.spans += 1;
                let style = tag.attribute("style").unwrap_or("").to_ascii_lowercase();
                if self.skipping_from.is_none()
                    && style.replace(' ', "").contains("mso-list:ignore")
                {
                    self.skipping_from = Some(self.spans);
                }
            }
            name if LINE_BREAKS.contains(&name) => self.line_break(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" if self.depth == 1 => self.end_table(),
            "table" if self.depth > 1 => {
                self.depth -= 1;
                self.line_break();
            }
            "td" | "th" | "tr" if self.depth == 1 => self.end_cell(),
            "td" | "th" | "tr" => self.line_break(),
            "span" => {
                if self.skipping_from == Some(self.spans) {
                    self.skipping_from = None;
                }
                self.spans = self.spans.saturating_sub(1);
            }
            name if LINE_BREAKS.contains(&name) => self.line_break(),
            _ => {}
        }
    }

    fn line_break(&mut self) {
        if let Some(cell) = &mut self.cell {
            cell.text.push('\n');
        }
    }

    fn end_cell(&mut self) {
        if let Some(mut cell) = self.cell.take() {
            cell.text = tidy(&cell.text);
            if let Some(row) = self.table.rows.last_mut() {
                row.push(cell);
            }
        }
        self.spans = 0;
        self.skipping_from = None;
    }

    /// Ends the top-level table (also at the end of the HTML, for a paste
    /// cut short).
    fn end_table(&mut self) {
        if self.depth == 0 {
            return;
        }
        self.end_cell();
        self.depth = 0;
        self.tables.push(std::mem::take(&mut self.table));
    }
}

/// A rowspan or colspan attribute's number ("3", " 3 "), or `default`.
fn span(value: Option<&str>, default: usize) -> usize {
    value
        .and_then(|v| {
            let v = v.trim();
            let digits = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
            v[..digits].parse().ok()
        })
        .unwrap_or(default)
}

/// A cell's text as a reader sees it: spaces (and non-breaking spaces) run
/// together, each line trimmed, blank lines dropped.
fn tidy(text: &str) -> String {
    text.replace('\u{ad}', "")
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table's rows with its spans spread: a cell spanning rows has its text
/// in each row it covers (as if the user had typed it again), a cell
/// spanning columns has it in the first and leaves the others empty. A
/// rowspan of 0 (or past the last row) reaches the last row.
fn spread(table: RawTable) -> Vec<Row> {
    let count = table.rows.len();
    let mut grid: Vec<Vec<Option<String>>> = vec![Vec::new(); count];
    for (r, cells) in table.rows.into_iter().enumerate() {
        let mut column = 0;
        for cell in cells {
            while grid[r].get(column).is_some_and(Option::is_some) {
                column += 1;
            }
            let down = match cell.rowspan {
                0 => count - r,
                n => n.min(count - r),
            };
            for row in &mut grid[r..r + down] {
                if row.len() < column + cell.colspan {
                    row.resize(column + cell.colspan, None);
                }
                row[column] = Some(cell.text.clone());
                for covered in &mut row[column + 1..column + cell.colspan] {
                    *covered = Some(String::new());
                }
            }
            column += cell.colspan;
        }
    }
    grid.into_iter()
        .enumerate()
        .map(|(i, cells)| Row {
            cells: cells.into_iter().map(Option::unwrap_or_default).collect(),
            line: i + 1,
        })
        .collect()
}
