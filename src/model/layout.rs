//! The driver diagram's layout: where every card sits and the path of every
//! line, computed from the plan alone (no web dependencies) so it is tested
//! natively and timed by the benchmark.

use std::collections::HashSet;

use super::plan::{Id, Kind, Plan};

/// Sizes the layout works in (CSS pixels at zoom 1). Text width is
/// estimated from an average character width, on the generous side, so the
/// browser's own wrapping fits inside the box the layout gives a card.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub card_width: f64,
    pub font_px: f64,
    pub line_height: f64,
    /// Average character width as a fraction of `font_px`.
    pub char_width: f64,
    pub padding: f64,
    /// Height of the card's header line (code and counts).
    pub header_height: f64,
    pub column_gap: f64,
    pub row_gap: f64,
    /// Height of the column headings above the first card.
    pub heading_height: f64,
}

impl Metrics {
    /// The everyday view.
    pub fn standard() -> Self {
        todo!()
    }
    /// Workshop mode: large type for a projected screen (24 px text).
    pub fn workshop() -> Self {
        todo!()
    }
    /// How many characters fit on one line of a card.
    pub fn chars_per_line(&self) -> usize {
        todo!()
    }
}

/// The diagram's columns, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Outcomes,
    PrimaryAims,
    SecondaryAims,
    Actions,
    Measures,
}

impl Column {
    /// The heading a user sees.
    pub fn label(self) -> &'static str {
        todo!()
    }
    pub fn kind(self) -> Kind {
        todo!()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnBox {
    pub column: Column,
    pub x: f64,
    pub width: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CardBox {
    pub id: Id,
    pub kind: Kind,
    pub column: Column,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The card's text wrapped to its width (at least one line, maybe "").
    pub lines: Vec<String>,
}

/// One drawn line: from the right edge of the parent card (the item linked
/// to) to the left edge of the child card (the item holding the link).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPath {
    pub child: Id,
    pub parent: Id,
    /// SVG path data (a cubic Bézier curve).
    pub d: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Only the columns in use: SecondaryAims only when the plan (or the
    /// visible part of it) has secondary aims.
    pub columns: Vec<ColumnBox>,
    /// Cards in column order, then top to bottom.
    pub cards: Vec<CardBox>,
    pub links: Vec<LinkPath>,
    pub width: f64,
    pub height: f64,
    /// Aims, actions and measures not placed in a column because they are
    /// linked to nothing placed (the "ideas to place"), in plan order.
    pub unplaced: Vec<Id>,
}

impl Layout {
    pub fn card(&self, id: &Id) -> Option<&CardBox> {
        todo!()
    }
    /// The ids of the cards in one column, top to bottom.
    pub fn column_order(&self, column: Column) -> Vec<Id> {
        todo!()
    }
}

/// Lays out the plan. With `visible`, only those items are drawn (a
/// priority filter); items outside it are neither placed nor unplaced.
pub fn layout(plan: &Plan, metrics: &Metrics, visible: Option<&HashSet<Id>>) -> Layout {
    todo!()
}

/// Word wrap to at most `chars_per_line` characters a line; a word longer
/// than a line is broken. Always at least one line.
pub fn wrap(text: &str, chars_per_line: usize) -> Vec<String> {
    todo!()
}

/// How many pairs of lines cross between neighbouring columns (for tests
/// and the benchmark).
pub fn crossings(layout: &Layout) -> usize {
    todo!()
}
