//! A table as read from a paste or a file: rows of cells as plain text,
//! with merged cells already spread (see `html`) and each row's place in
//! the source, so warnings can say where.

/// Where a table came from: the mapper joins continuation lines only in
/// text, where a cell broken across lines arrives as two rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// Clipboard HTML (Word, Excel, Google Docs, a web page).
    Html,
    /// Tab-separated text (Excel) or text copied out of a PDF.
    #[default]
    Text,
    /// A .csv file.
    Csv,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The cells, left to right, as plain text (line breaks inside a cell
    /// kept as '\n'). Rows may have fewer cells than the widest row.
    pub cells: Vec<String>,
    /// The row's number as the user would count it: its line in pasted
    /// text, its row in a table (1-based).
    pub line: usize,
}

impl Row {
    /// The cell at `column`, or "" past the row's end.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub source: Source,
    pub rows: Vec<Row>,
}

impl Table {
    /// The number of columns: the widest row's.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}
