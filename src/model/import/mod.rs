//! Bringing an existing plan in: a table pasted from Word, Excel, a web page
//! or a PDF (or a .csv file) is read into a [`Table`], each column is given a
//! [`Role`], and the rows become a [`Draft`]: a plan fragment with its links
//! and the warnings to show before anything changes. Plain Rust, tested
//! natively (tests/model_import_*.rs); the import screen (src/ui/import/)
//! only shows a [`Preview`] and hands its draft to the editing session.
//!
//! The pipeline, one module per step:
//! - [`html`] and [`text`]: clipboard HTML, tab-separated or PDF text, CSV
//!   → [`Table`] (cells as plain text, spans filled in).
//! - [`roles`]: which column is what, guessed from headers or content.
//! - [`mapper`]: rows → items and links ("same as above", repeated headers,
//!   continuation lines, headings), reading values with [`values`].

pub mod html;
pub mod mapper;
pub mod roles;
pub mod table;
pub mod text;
pub mod values;

pub use mapper::{Draft, Warning};
pub use roles::{Layout, Role, Section};
pub use table::{Row, Source, Table};

use crate::model::plan::Kind;
pub use values::Due;

/// More rows than any plan has: a paste this long is refused, not read.
pub const MAX_ROWS: usize = 5_000;

/// Why a paste is not read as a plan; the message says what to do.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NotAPlan {
    #[error("There is nothing to bring in: the clipboard held no table or text. Copy the plan's table in Word, Excel, a web page or a PDF, then paste it here.")]
    Empty,
    #[error("This table has {rows} rows, more than the {max} a plan can have. Copy the plan's own table, or split it and bring it in a part at a time.")]
    TooManyRows { rows: usize, max: usize },
    #[error("{0}")]
    NoItems(String),
}

/// What the import screen shows: the table as read, the column roles (which
/// the user may change) and what those roles make of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub table: Table,
    pub layout: Layout,
    pub draft: Draft,
}

/// Reads a paste: the clipboard's HTML when it holds a table, else its
/// plain text (tab-separated, or text copied out of a PDF).
pub fn read_paste(html: Option<&str>, text: &str) -> Result<Table, NotAPlan> {
    let table = html
        .and_then(html::read_html)
        .unwrap_or_else(|| text::read_text(text));
    check_size(table)
}

/// Reads a .csv file's text.
pub fn read_csv(text: &str) -> Result<Table, NotAPlan> {
    check_size(text::read_csv(text))
}

fn check_size(table: Table) -> Result<Table, NotAPlan> {
    if table
        .rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.trim().is_empty()))
    {
        return Err(NotAPlan::Empty);
    }
    if table.rows.len() > MAX_ROWS {
        return Err(NotAPlan::TooManyRows {
            rows: table.rows.len(),
            max: MAX_ROWS,
        });
    }
    Ok(table)
}

impl Preview {
    /// Guesses the roles and maps the table; refuses a table that gives no
    /// items at all.
    pub fn new(table: Table) -> Result<Preview, NotAPlan> {
        let layout = roles::guess(&table);
        Preview::with_layout(table, layout)
    }

    /// Maps the table with these roles (after the user changed one).
    pub fn with_layout(table: Table, layout: Layout) -> Result<Preview, NotAPlan> {
        let draft = mapper::map(&table, &layout)?;
        Ok(Preview {
            table,
            layout,
            draft,
        })
    }

    /// The same table with one column's role changed.
    pub fn set_role(&self, section: usize, column: usize, role: Role) -> Result<Preview, NotAPlan> {
        let mut layout = self.layout.clone();
        if let Some(slot) = layout
            .sections
            .get_mut(section)
            .and_then(|s| s.roles.get_mut(column))
        {
            *slot = role;
        }
        Preview::with_layout(self.table.clone(), layout)
    }
}

/// One item the import will create, as the preview lists it: its text and
/// the texts of the items it links to.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedItem {
    pub code: String,
    pub text: String,
    pub linked_to: Vec<String>,
}

impl Draft {
    /// The items per kind, in the plan's order, with their links.
    pub fn listing(&self) -> Vec<(Kind, Vec<ListedItem>)> {
        let p = &self.plan;
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let items = (0..)
                    .map_while(|i| p.item_at(kind, i))
                    .map(|item| ListedItem {
                        code: item.code().to_owned(),
                        text: item.text().to_owned(),
                        linked_to: item
                            .links()
                            .iter()
                            .filter_map(|id| p.text_of(id).map(str::to_owned))
                            .collect(),
                    })
                    .collect();
                (kind, items)
            })
            .collect()
    }

    /// The draft with every progress update dated `today`: a plan table's
    /// update column says how things stand on the day it is brought in.
    pub fn dated(mut self, today: chrono::NaiveDate) -> Draft {
        for a in &mut self.plan.actions {
            for u in &mut a.updates {
                u.date = today;
            }
        }
        self
    }

    /// "2 priorities, 6 outcomes, 22 improvement aims, 32 actions and 25
    /// measures": what the import will create.
    pub fn counts(&self) -> String {
        let p = &self.plan;
        let parts: Vec<String> = [
            (p.priorities.len(), "priority", "priorities"),
            (p.outcomes.len(), "outcome", "outcomes"),
            (p.aims.len(), "improvement aim", "improvement aims"),
            (p.actions.len(), "action", "actions"),
            (p.measures.len(), "measure", "measures"),
        ]
        .into_iter()
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        match parts.split_last() {
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}
