//! The driver diagram's layout: where every card sits and the path of every
//! line, computed from the plan alone (no web dependencies) so it is tested
//! natively and timed by the benchmark.
//!
//! How it works: every outcome is placed; an aim, action or measure is
//! placed when it links to at least one placed item. Outcomes keep plan
//! order; each later column is sorted (stably) by the barycentre of its
//! cards' placed parents, where a parent's position is its rank in its own
//! column normalised to 0..1, with ties falling back to plan order. Because
//! the order depends only on links and ranks, never on card heights,
//! editing an item's text never reorders anything. Cards are then stacked
//! top to bottom, each pushed down (never up) towards the middle of its
//! parents so children sit beside what they serve.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::model::charts::listing::card_has_sparkline;
use crate::model::links::{link_allowed, Item, ItemRef};
use crate::model::plan::{DriverLevel, Id, Kind, Plan};

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
    /// The widest border a card is drawn with (a card marked as a gap has
    /// a thicker one): its text has this much less room on each side.
    pub border: f64,
    /// Height of the card's header line (code and counts).
    pub header_height: f64,
    pub column_gap: f64,
    pub row_gap: f64,
    /// Height of the column headings above the first card.
    pub heading_height: f64,
    /// The room a measure card with data gives its sparkline and the words
    /// beside it (latest value and target), under its text.
    pub sparkline_height: f64,
}

impl Metrics {
    /// The everyday view.
    pub fn standard() -> Self {
        Metrics {
            card_width: 240.0,
            font_px: 15.0,
            line_height: 20.0,
            char_width: AVERAGE_CHAR_EM,
            padding: 10.0,
            border: 2.0,
            header_height: 22.0,
            column_gap: 80.0,
            row_gap: 16.0,
            heading_height: 48.0,
            sparkline_height: 44.0,
        }
    }
    /// Workshop mode: large type for a projected screen (24 px text).
    pub fn workshop() -> Self {
        Metrics {
            card_width: 360.0,
            font_px: 26.0,
            line_height: 34.0,
            char_width: AVERAGE_CHAR_EM,
            padding: 14.0,
            border: 4.0,
            header_height: 34.0,
            column_gap: 110.0,
            row_gap: 24.0,
            heading_height: 70.0,
            sparkline_height: 70.0,
        }
    }
    /// The room for text on one line of a card, in characters of average
    /// width (`char_width` em each); [`wrap`] measures each character
    /// against it.
    pub fn chars_per_line(&self) -> usize {
        let room = self.card_width - 2.0 * (self.padding + self.border);
        let per_char = self.font_px * self.char_width;
        if !(room > 0.0 && per_char > 0.0) {
            return 1;
        }
        ((room / per_char).floor() as usize).max(1)
    }
    /// The height of a card showing `lines` lines of text.
    pub fn card_height(&self, lines: usize) -> f64 {
        self.padding * 2.0 + self.header_height + lines as f64 * self.line_height
    }
    /// The height of a card showing `lines` lines of text, and a sparkline
    /// under them when `sparkline` (a measure with data).
    pub fn card_height_with(&self, lines: usize, sparkline: bool) -> f64 {
        self.card_height(lines)
            + if sparkline {
                self.sparkline_height
            } else {
                0.0
            }
    }
}

/// Whether a card with text `a` is as tall as with text `b` in every
/// drawing of the diagram (standard and workshop): if so, changing one to
/// the other moves no card and the layout need not be run again.
pub fn same_height(a: &str, b: &str) -> bool {
    let mut scratch = String::new();
    [Metrics::standard(), Metrics::workshop()].iter().all(|m| {
        let cpl = m.chars_per_line();
        line_count(a, cpl, &mut scratch) == line_count(b, cpl, &mut scratch)
    })
}

/// Whether item `a`'s card is as tall as `b`'s in every drawing of the
/// diagram: the same text height ([`same_height`]) and, for a measure, a
/// sparkline in both or in neither (its first data point added, or its
/// last removed, changes the card's height).
pub fn same_card_height(a: ItemRef<'_>, b: ItemRef<'_>) -> bool {
    let sparkline = |i: ItemRef<'_>| match i {
        ItemRef::Measure(m) => card_has_sparkline(m),
        _ => false,
    };
    sparkline(a) == sparkline(b) && same_height(a.text(), b.text())
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
        match self {
            Column::Outcomes => "Outcomes",
            Column::PrimaryAims => "Improvement aims",
            Column::SecondaryAims => "Secondary drivers",
            Column::Actions => "Actions",
            Column::Measures => "Measures",
        }
    }
    pub fn kind(self) -> Kind {
        match self {
            Column::Outcomes => Kind::Outcome,
            Column::PrimaryAims | Column::SecondaryAims => Kind::Aim,
            Column::Actions => Kind::Action,
            Column::Measures => Kind::Measure,
        }
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
    /// How many lines the card's text takes at its width (at least one).
    /// The layout keeps no text: cards show their item's own text.
    pub lines: usize,
    /// A measure card with data: room is kept under the text for its
    /// sparkline (see [`Metrics::sparkline_height`]).
    pub sparkline: bool,
}

/// One drawn line: from the right edge of the parent card (the item linked
/// to) to the left edge of the child card (the item holding the link).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPath {
    pub child: Id,
    pub parent: Id,
    /// Where the line starts (the parent's right edge) and ends (the
    /// child's left edge); the curve stays between the two.
    pub from: (f64, f64),
    pub to: (f64, f64),
}

impl LinkPath {
    /// SVG path data: a cubic Bézier curve. Made when a line is drawn, not
    /// for every line each time the layout runs.
    pub fn d(&self) -> String {
        curve(self.from.0, self.from.1, self.to.0, self.to.1)
    }
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
    /// The card of this item, if it is placed (a linear scan; for many
    /// look-ups build [`Layout::cards_by_id`] once).
    pub fn card(&self, id: &Id) -> Option<&CardBox> {
        self.cards.iter().find(|c| &c.id == id)
    }
    /// The ids of the cards in one column, top to bottom.
    pub fn column_order(&self, column: Column) -> Vec<Id> {
        self.cards
            .iter()
            .filter(|c| c.column == column)
            .map(|c| c.id.clone())
            .collect()
    }
    /// Every placed card by id, for many look-ups.
    pub fn cards_by_id(&self) -> HashMap<&Id, &CardBox> {
        self.cards.iter().map(|c| (&c.id, c)).collect()
    }
}

/// Lays out the plan. With `visible`, only those items are drawn (a
/// priority filter); items outside it are neither placed nor unplaced.
pub fn layout(plan: &Plan, metrics: &Metrics, visible: Option<&HashSet<Id>>) -> Layout {
    layout_with(plan, metrics, visible, true)
}

/// The same layout with every column in plan order (no ordering by
/// barycentre): the baseline the tests and the benchmark compare against.
pub fn layout_in_plan_order(
    plan: &Plan,
    metrics: &Metrics,
    visible: Option<&HashSet<Id>>,
) -> Layout {
    layout_with(plan, metrics, visible, false)
}

/// One item that may be drawn, with its placed parents as node indices.
struct Node<'a> {
    id: &'a Id,
    kind: Kind,
    column: Column,
    text: &'a str,
    /// Drawn with a sparkline (a measure with data).
    sparkline: bool,
    parents: Vec<usize>,
}

fn push_nodes<'a, T: Item>(
    list: &'a [T],
    column_of: impl Fn(&T) -> Column,
    sparkline: impl Fn(&T) -> bool,
    visible: Option<&HashSet<Id>>,
    nodes: &mut Vec<Node<'a>>,
    index: &mut HashMap<&'a Id, usize>,
    links: &mut Vec<&'a [Id]>,
) {
    for item in list {
        let id = item.id();
        if visible.is_some_and(|v| !v.contains(id)) || index.contains_key(id) {
            continue;
        }
        index.insert(id, nodes.len());
        nodes.push(Node {
            id,
            kind: T::KIND,
            column: column_of(item),
            text: item.text(),
            sparkline: sparkline(item),
            parents: Vec::new(),
        });
        links.push(item.links());
    }
}

fn layout_with(
    plan: &Plan,
    metrics: &Metrics,
    visible: Option<&HashSet<Id>>,
    by_barycentre: bool,
) -> Layout {
    // Every item that may be drawn, in kind order then plan order, so a
    // node's parents (always of an earlier kind) come before it.
    let total = plan.outcomes.len() + plan.aims.len() + plan.actions.len() + plan.measures.len();
    let mut nodes: Vec<Node> = Vec::with_capacity(total);
    let mut index: HashMap<&Id, usize> = HashMap::with_capacity(total);
    let mut own_links: Vec<&[Id]> = Vec::with_capacity(total);
    push_nodes(
        &plan.outcomes,
        |_| Column::Outcomes,
        |_| false,
        visible,
        &mut nodes,
        &mut index,
        &mut own_links,
    );
    push_nodes(
        &plan.aims,
        |a| match a.level {
            DriverLevel::Primary => Column::PrimaryAims,
            DriverLevel::Secondary => Column::SecondaryAims,
        },
        |_| false,
        visible,
        &mut nodes,
        &mut index,
        &mut own_links,
    );
    push_nodes(
        &plan.actions,
        |_| Column::Actions,
        |_| false,
        visible,
        &mut nodes,
        &mut index,
        &mut own_links,
    );
    push_nodes(
        &plan.measures,
        |_| Column::Measures,
        card_has_sparkline,
        visible,
        &mut nodes,
        &mut index,
        &mut own_links,
    );

    // Placement, and each node's placed parents (deduplicated, in link order).
    let mut placed = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        if nodes[i].kind == Kind::Outcome {
            placed[i] = true;
            continue;
        }
        let mut parents = Vec::new();
        for link in own_links[i] {
            if let Some(&p) = index.get(link) {
                if placed[p] && link_allowed(nodes[i].kind, nodes[p].kind) && !parents.contains(&p)
                {
                    parents.push(p);
                }
            }
        }
        placed[i] = !parents.is_empty();
        nodes[i].parents = parents;
    }
    let unplaced: Vec<Id> = nodes
        .iter()
        .zip(&placed)
        .filter(|(_, &p)| !p)
        .map(|(n, _)| n.id.clone())
        .collect();

    // Columns in use.
    let has_secondary = nodes
        .iter()
        .zip(&placed)
        .any(|(n, &p)| p && n.column == Column::SecondaryAims);
    let mut column_list = vec![Column::Outcomes, Column::PrimaryAims];
    if has_secondary {
        column_list.push(Column::SecondaryAims);
    }
    column_list.extend([Column::Actions, Column::Measures]);
    let column_index = |c: Column| column_list.iter().position(|&x| x == c).unwrap_or(0);
    let stride = metrics.card_width + metrics.column_gap;
    let columns: Vec<ColumnBox> = column_list
        .iter()
        .enumerate()
        .map(|(i, &column)| ColumnBox {
            column,
            x: i as f64 * stride,
            width: metrics.card_width,
        })
        .collect();

    // Each column's nodes, in plan order.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); column_list.len()];
    let mut col_of = vec![0usize; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        if placed[i] {
            let c = column_index(n.column);
            col_of[i] = c;
            order[c].push(i);
        }
    }

    // Order: outcomes in plan order; every later column by barycentre.
    let mut rank = vec![0usize; nodes.len()];
    let mut key = vec![0f64; nodes.len()];
    let mut values: Vec<f64> = Vec::new();
    for c in 0..order.len() {
        if by_barycentre && c > 0 {
            for &i in &order[c] {
                values.clear();
                values.extend(
                    nodes[i]
                        .parents
                        .iter()
                        .map(|&p| (rank[p] as f64 + 0.5) / order[col_of[p]].len() as f64),
                );
                // Sorted before summing so the same parents always give
                // exactly the same number, whatever the link order.
                values.sort_by(f64::total_cmp);
                key[i] = values.iter().sum::<f64>() / values.len() as f64;
            }
            // Stable: ties keep plan order.
            order[c].sort_by(|&a, &b| key[a].total_cmp(&key[b]));
        }
        for (r, &i) in order[c].iter().enumerate() {
            rank[i] = r;
        }
    }

    // Positions: stack each column, pushing a card down towards the middle
    // of its parents when there is room.
    let cpl = metrics.chars_per_line();
    let mut scratch = String::new();
    let mut ys = vec![0f64; nodes.len()];
    let mut heights = vec![0f64; nodes.len()];
    let mut cards = Vec::with_capacity(order.iter().map(Vec::len).sum());
    let mut bottom = metrics.heading_height;
    for (c, col) in order.iter().enumerate() {
        let x = columns[c].x;
        let mut cursor = metrics.heading_height;
        for &i in col {
            let lines = line_count(nodes[i].text, cpl, &mut scratch);
            let sparkline = nodes[i].sparkline;
            let h = metrics.card_height_with(lines, sparkline);
            let parents = &nodes[i].parents;
            let mut y = cursor;
            if !parents.is_empty() {
                let mid = parents
                    .iter()
                    .map(|&p| ys[p] + heights[p] / 2.0)
                    .sum::<f64>()
                    / parents.len() as f64;
                y = y.max(mid - h / 2.0);
            }
            ys[i] = y;
            heights[i] = h;
            cursor = y + h + metrics.row_gap;
            bottom = bottom.max(y + h);
            cards.push(CardBox {
                id: nodes[i].id.clone(),
                kind: nodes[i].kind,
                column: column_list[c],
                x,
                y,
                width: metrics.card_width,
                height: h,
                lines,
                sparkline,
            });
        }
    }

    // Links, in card order, each child's in its own link order.
    let mut links = Vec::new();
    for col in &order {
        for &i in col {
            for &p in &nodes[i].parents {
                let x1 = columns[col_of[p]].x + metrics.card_width;
                let y1 = ys[p] + heights[p] / 2.0;
                let x2 = columns[col_of[i]].x;
                let y2 = ys[i] + heights[i] / 2.0;
                links.push(LinkPath {
                    child: nodes[i].id.clone(),
                    parent: nodes[p].id.clone(),
                    from: (x1, y1),
                    to: (x2, y2),
                });
            }
        }
    }

    let width = columns.last().map(|c| c.x + c.width).unwrap_or(0.0);
    Layout {
        columns,
        cards,
        links,
        width,
        height: bottom + metrics.row_gap,
        unplaced,
    }
}

/// Appends a number with at most one decimal place, and no ".0" (written
/// from whole tenths: much faster than formatting a float).
pub(crate) fn num(out: &mut String, x: f64) {
    let tenths = (x * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let a = tenths.unsigned_abs();
    let _ = write!(out, "{}", a / 10);
    if a % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// `M x1 y1 C cx1 y1 cx2 y2 x2 y2`, the control points half way across.
fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let half = (x2 - x1) / 2.0;
    let mut d = String::with_capacity(48);
    d.push('M');
    for (i, v) in [x1, y1, x1 + half, y1, x2 - half, y2, x2, y2]
        .into_iter()
        .enumerate()
    {
        if i == 2 {
            d.push_str(" C");
        }
        d.push(' ');
        num(&mut d, v);
    }
    d
}

/// The average width of a character of card text, in em, that
/// [`Metrics::chars_per_line`] counts in.
pub const AVERAGE_CHAR_EM: f64 = 0.56;

/// How wide a character is drawn, in thousandths of an em: DejaVu Sans's
/// widths (the face `system-ui` falls back to on Linux, wider than Segoe
/// UI, San Francisco or Arial, so the estimate errs on the roomy side).
fn char_width_milli_em(c: char) -> u32 {
    // ASCII from the space (32) to the tilde (126), measured in Chromium.
    #[rustfmt::skip]
    const ASCII: [u16; 95] = [
        // ' ' to '/'
        318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337,
        // '0' to '?'
        637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531,
        // '@' to 'O'
        1000, 685, 687, 699, 771, 632, 576, 775, 752, 295, 295, 656, 558, 863, 749, 788,
        // 'P' to '_'
        604, 788, 695, 635, 611, 732, 685, 989, 686, 611, 686, 391, 337, 391, 838, 500,
        // '`' to 'o'
        500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
        // 'p' to '~'
        635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
    ];
    match c as u32 {
        n @ 32..=126 => u32::from(ASCII[(n - 32) as usize]),
        // Chinese, Japanese, Korean, emoji and other wide characters.
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFD => 1000,
        // Accented letters and most other characters are a little narrower.
        _ => 700,
    }
}

/// Where the browser may break a line inside a word: after a hyphen, a
/// dash or a question mark (as Chromium does), besides at spaces.
fn breaks_after(c: char) -> bool {
    matches!(c, '-' | '?' | '\u{2010}' | '\u{2013}' | '\u{2014}')
}

/// The spaces a line may break at. No-break spaces hold words together,
/// as in CSS.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Word wrap as a card's text is wrapped by the browser (CSS
/// `overflow-wrap: anywhere`): lines break at spaces and after hyphens
/// and dashes, and a word wider than a whole line is broken where the line
/// is full. Each character is measured (see [`char_width_milli_em`])
/// against a line of `chars_per_line` characters of average width. The
/// text itself is never changed: the lines hold every character but the
/// spaces broken at. Always at least one line.
pub fn wrap(text: &str, chars_per_line: usize) -> Vec<String> {
    let mut lines = Vec::new();
    wrap_each(text, chars_per_line, &mut String::new(), |l| {
        lines.push(l.to_owned())
    });
    lines
}

/// How many lines [`wrap`] gives, using `scratch` instead of allocating.
pub fn line_count(text: &str, chars_per_line: usize, scratch: &mut String) -> usize {
    let mut n = 0;
    wrap_each(text, chars_per_line, scratch, |_| n += 1);
    n
}

/// The word wrap itself: hands each line to `emit`, built in `line`.
fn wrap_each(text: &str, chars_per_line: usize, line: &mut String, mut emit: impl FnMut(&str)) {
    let per_char = (AVERAGE_CHAR_EM * 1000.0).round() as u32;
    let room = u32::try_from(chars_per_line.max(1))
        .unwrap_or(u32::MAX)
        .saturating_mul(per_char);
    let space = char_width_milli_em(' ');
    line.clear();
    let mut lines = 0usize;
    // The width of `line` so far, in thousandths of an em.
    let mut width = 0u32;
    for word in text.split(is_break_space).filter(|w| !w.is_empty()) {
        // The word's pieces between the places it may break.
        let mut rest = word;
        let mut first = true;
        while !rest.is_empty() {
            let end = rest
                .char_indices()
                .find(|&(_, c)| breaks_after(c))
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            let (piece, after) = rest.split_at(end);
            rest = after;
            let gap = if first { space } else { 0 };
            let piece_width: u32 = piece.chars().map(char_width_milli_em).sum();
            if !line.is_empty() && width + gap + piece_width <= room {
                if first {
                    line.push(' ');
                }
                line.push_str(piece);
                width += gap + piece_width;
                first = false;
                continue;
            }
            if !line.is_empty() {
                emit(line);
                lines += 1;
                line.clear();
                width = 0;
            }
            first = false;
            // A piece wider than the line is broken where the line is full
            // (at least one character a line).
            for ch in piece.chars() {
                let w = char_width_milli_em(ch);
                if !line.is_empty() && width + w > room {
                    emit(line);
                    lines += 1;
                    line.clear();
                    width = 0;
                }
                line.push(ch);
                width += w;
            }
        }
    }
    if !line.is_empty() || lines == 0 {
        emit(line);
    }
}

/// How many pairs of lines cross (for tests and the benchmark). Lines are
/// compared only with lines joining the same pair of columns (neighbouring
/// or not, e.g. outcomes to measures): two lines (a -> b) and (c -> d) with
/// a, c in one column and b, d in the other cross when a is above c and b
/// below d, or the other way round. Lines sharing an end never cross, and
/// lines between different pairs of columns are not counted.
pub fn crossings(layout: &Layout) -> usize {
    let mut pos: HashMap<&Id, (usize, usize)> = HashMap::with_capacity(layout.cards.len());
    let mut next_rank: HashMap<Column, usize> = HashMap::new();
    for card in &layout.cards {
        let r = next_rank.entry(card.column).or_insert(0);
        let c = layout
            .columns
            .iter()
            .position(|b| b.column == card.column)
            .unwrap_or(usize::MAX);
        pos.insert(&card.id, (c, *r));
        *r += 1;
    }
    let mut groups: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    for link in &layout.links {
        if let (Some(&(pc, pr)), Some(&(cc, cr))) = (pos.get(&link.parent), pos.get(&link.child)) {
            groups.entry((pc, cc)).or_default().push((pr, cr));
        }
    }
    groups
        .into_values()
        .map(|mut pairs| {
            pairs.sort_unstable();
            let mut ranks: Vec<usize> = pairs.into_iter().map(|(_, c)| c).collect();
            let mut buf = vec![0; ranks.len()];
            inversions(&mut ranks, &mut buf)
        })
        .sum()
}

/// Pairs i < j with v[i] > v[j] (strictly), by merge sort; sorts `v`.
fn inversions(v: &mut [usize], buf: &mut [usize]) -> usize {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count =
        inversions(&mut v[..mid], &mut buf[..mid]) + inversions(&mut v[mid..], &mut buf[mid..]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if v[j] < v[i] {
            count += mid - i;
            buf[k] = v[j];
            j += 1;
        } else {
            buf[k] = v[i];
            i += 1;
        }
        k += 1;
    }
    buf[k..k + mid - i].copy_from_slice(&v[i..mid]);
    k += mid - i;
    buf[k..k + n - j].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buf[..n]);
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example::example_plan;
    use crate::model::plan::Aim;
    use crate::model::synthetic::synthetic_plan;
    use proptest::prelude::*;

    fn std_layout(p: &Plan) -> Layout {
        layout(p, &Metrics::standard(), None)
    }

    /// Checks everything a layout promises about a plan, with or without a
    /// visible set.
    fn check(plan: &Plan, l: &Layout, visible: Option<&HashSet<Id>>) {
        let m = Metrics::standard();
        let shown = |id: &Id| visible.is_none_or(|v| v.contains(id));
        // Columns left to right, disjoint.
        for w in l.columns.windows(2) {
            assert!(w[0].x + w[0].width <= w[1].x, "columns overlap");
        }
        let col_box = |c: Column| {
            l.columns
                .iter()
                .find(|b| b.column == c)
                .expect("column in use")
        };
        // Cards: unique, in their column, in column order, no overlap.
        let mut seen = HashSet::new();
        let mut last_col = 0;
        for (i, c) in l.cards.iter().enumerate() {
            assert!(seen.insert(&c.id), "card drawn twice");
            assert!(shown(&c.id));
            let b = col_box(c.column);
            let ci = l.columns.iter().position(|x| x.column == c.column).unwrap();
            assert!(ci >= last_col, "cards not in column order");
            last_col = ci;
            assert_eq!(c.x, b.x);
            assert_eq!(c.width, b.width);
            assert_eq!(c.kind, c.column.kind());
            assert!(c.y >= m.heading_height);
            assert!(c.lines >= 1);
            assert_eq!(c.height, m.card_height_with(c.lines, c.sparkline));
            assert!(!c.sparkline || c.kind == Kind::Measure);
            assert!(c.x + c.width <= l.width + 1e-9 && c.y + c.height <= l.height + 1e-9);
            if i > 0 && l.cards[i - 1].column == c.column {
                let p = &l.cards[i - 1];
                assert!(p.y + p.height + m.row_gap <= c.y + 1e-9, "cards overlap");
            }
        }
        // Every visible outcome placed; placed others link to something placed.
        for o in &plan.outcomes {
            assert_eq!(seen.contains(&o.id), shown(&o.id));
        }
        let link_ok = |from: &Id, to: &Id| shown(from) && shown(to) && seen.contains(to);
        let mut expected_unplaced = Vec::new();
        let mut expected_links = HashSet::new();
        let mut consider = |id: &Id, links: &[Id]| {
            if !shown(id) {
                assert!(!seen.contains(id));
                return;
            }
            let placed_links: Vec<&Id> = links.iter().filter(|t| link_ok(id, t)).collect();
            if seen.contains(id) {
                assert!(
                    !placed_links.is_empty(),
                    "placed but linked to nothing placed"
                );
                for t in placed_links {
                    expected_links.insert((id.clone(), t.clone()));
                }
            } else {
                assert!(
                    placed_links.is_empty(),
                    "unplaced but linked to a placed item"
                );
                expected_unplaced.push(id.clone());
            }
        };
        // Aims then actions then measures: parents are decided first.
        for a in &plan.aims {
            consider(&a.id, &a.outcomes);
        }
        for a in &plan.actions {
            consider(&a.id, &a.aims);
        }
        for x in &plan.measures {
            consider(&x.id, &x.evidences);
        }
        assert_eq!(l.unplaced, expected_unplaced);
        let drawn: Vec<(Id, Id)> = l
            .links
            .iter()
            .map(|x| (x.child.clone(), x.parent.clone()))
            .collect();
        let drawn_set: HashSet<(Id, Id)> = drawn.iter().cloned().collect();
        assert_eq!(drawn.len(), drawn_set.len(), "a link drawn twice");
        assert_eq!(drawn_set, expected_links);
        // Secondary column only when there is a placed secondary aim.
        let has_secondary = l.cards.iter().any(|c| c.column == Column::SecondaryAims);
        assert_eq!(
            l.columns.iter().any(|c| c.column == Column::SecondaryAims),
            has_secondary
        );
    }

    /// A plan of the given size and shape, built with the operations.
    fn build(ops: &[(u8, String, usize, usize, bool)]) -> Plan {
        let mut p = Plan::new_empty("Random");
        let mut ids: Vec<(Kind, Id)> = Vec::new();
        for (k, text, a, b, flag) in ops {
            let kind = Kind::ALL[*k as usize % 5];
            let parents: Vec<&Id> = ids
                .iter()
                .filter(|(pk, _)| crate::model::links::link_allowed(kind, *pk))
                .map(|(_, id)| id)
                .collect();
            let parent = if parents.is_empty() || *a % 7 == 0 {
                None
            } else {
                Some(parents[a % parents.len()].clone())
            };
            let id = p.add_item(kind, text, parent.as_ref()).unwrap();
            if !parents.is_empty() && b % 3 == 0 {
                p.link(&id, &parents[b % parents.len()].clone()).unwrap();
            }
            if kind == Kind::Aim && *flag {
                p.aim_mut(&id).unwrap().level = DriverLevel::Secondary;
            }
            ids.push((kind, id));
        }
        p
    }

    fn ops() -> impl Strategy<Value = Vec<(u8, String, usize, usize, bool)>> {
        prop::collection::vec(
            (
                0u8..5,
                "[a-z]{0,12}( [a-z]{1,9}){0,12}",
                any::<usize>(),
                any::<usize>(),
                any::<bool>(),
            ),
            0..70,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn random_plans_never_overlap_and_draw_every_link_once(ops in ops()) {
            let p = build(&ops);
            let l = std_layout(&p);
            check(&p, &l, None);
            prop_assert_eq!(l.cards.len() + l.unplaced.len(),
                p.outcomes.len() + p.aims.len() + p.actions.len() + p.measures.len());
        }

        #[test]
        fn random_visible_sets_are_respected(ops in ops(), mask in prop::collection::vec(any::<bool>(), 70)) {
            let p = build(&ops);
            let all: Vec<Id> = Kind::ALL.iter().flat_map(|&k| p.ids_of_kind(k)).collect();
            let visible: HashSet<Id> = all.iter().zip(&mask).filter(|(_, &m)| m).map(|(id, _)| id.clone()).collect();
            let l = layout(&p, &Metrics::standard(), Some(&visible));
            check(&p, &l, Some(&visible));
        }

        #[test]
        fn wrap_keeps_every_character_and_fits_the_line(text in "\\PC{0,200}", n in 1usize..40) {
            let lines = wrap(&text, n);
            prop_assert!(!lines.is_empty());
            let room = n as u32 * 560;
            for line in &lines {
                let width: u32 = line.chars().map(char_width_milli_em).sum();
                prop_assert!(width <= room || line.chars().count() == 1, "{line:?} is too wide");
                prop_assert!(!line.starts_with(is_break_space) && !line.ends_with(is_break_space));
            }
            // Nothing is added or taken but the spaces broken at.
            let squash = |s: &str| s.chars().filter(|c| !is_break_space(*c)).collect::<String>();
            prop_assert_eq!(squash(&lines.concat()), squash(&text));
        }
    }

    #[test]
    fn metrics() {
        let s = Metrics::standard();
        assert_eq!(s.card_width, 240.0);
        // 240 px less 10 px of padding and 2 px of border each side, at
        // 0.56 × 15 px a character.
        assert_eq!(s.chars_per_line(), 25);
        assert_eq!(Metrics::workshop().chars_per_line(), 22);
        let tiny = Metrics {
            card_width: 10.0,
            ..Metrics::standard()
        };
        assert_eq!(tiny.chars_per_line(), 1);
    }

    #[test]
    fn wrap_examples() {
        assert_eq!(wrap("", 10), vec![String::new()]);
        assert_eq!(wrap("   ", 10), vec![String::new()]);
        // 10 average characters: 5.6 em.
        assert_eq!(wrap("one two three", 10), vec!["one two", "three"]);
        assert_eq!(wrap("one two three", 100), vec!["one two three"]);
        // A word wider than a line is broken where the line is full;
        // narrow letters fit more to a line than wide ones.
        assert_eq!(wrap("abcdefghij xy", 4), vec!["abc", "defg", "hij", "xy"]);
        assert_eq!(wrap("iiiiiiiiii", 4), vec!["iiiiiiii", "ii"]);
        assert_eq!(wrap("WWWW", 4), vec!["WW", "WW"]);
        assert_eq!(wrap("a abcdefghij", 4), vec!["a", "abc", "defg", "hij"]);
        // Hyphens and dashes are places to break; no-break spaces are not.
        assert_eq!(wrap("well-being-led", 9), vec!["well-", "being-led"]);
        assert_eq!(wrap("a\u{a0}b", 1), vec!["a", "\u{a0}", "b"]);
        // Characters, not bytes.
        assert_eq!(wrap("éééé ü", 4), vec!["ééé", "é ü"]);
        assert_eq!(wrap("x", 0), vec!["x"]);
    }

    /// Long words and web addresses are wrapped without a character added
    /// or lost, and take as many lines as Chromium gives them on a card
    /// (measured with DejaVu Sans: 3 lines and 1 line in the everyday
    /// view; 4 and 1 in workshop mode), or one more, never fewer.
    #[test]
    fn long_words_wrap_as_on_a_card() {
        let url =
            "https://www.example.org/publications/children-services-plan-2026-final-version.pdf";
        let markup = "</script><b>x</b>";
        let standard = Metrics::standard().chars_per_line();
        let workshop = Metrics::workshop().chars_per_line();
        for (text, on_screen_standard, on_screen_workshop) in [(url, 3, 4), (markup, 1, 1)] {
            for (cpl, shown) in [
                (standard, on_screen_standard),
                (workshop, on_screen_workshop),
            ] {
                let lines = wrap(text, cpl);
                assert_eq!(lines.concat(), text, "{lines:?}");
                assert!(
                    (shown..=shown + 1).contains(&lines.len()),
                    "{text} in {} lines at {cpl}: {lines:?}",
                    lines.len()
                );
                assert_eq!(line_count(text, cpl, &mut String::new()), lines.len());
            }
        }
        // Too wide for Chromium's line before: wide letters, and
        // lowercase letters without a space.
        let wide = "W".repeat(40);
        assert_eq!(line_count(&wide, standard, &mut String::new()), 3);
        assert_eq!(line_count(&wide, workshop, &mut String::new()), 4);
        let letters = "abcdefghijklmnopqrstuvwxyz".repeat(2);
        assert_eq!(line_count(&letters, standard, &mut String::new()), 3);
    }

    #[test]
    fn columns_and_labels() {
        assert_eq!(Column::PrimaryAims.label(), "Improvement aims");
        assert_eq!(Column::SecondaryAims.label(), "Secondary drivers");
        assert_eq!(Column::SecondaryAims.kind(), Kind::Aim);
        assert_eq!(Column::Measures.kind(), Kind::Measure);
    }

    #[test]
    fn example_plan_lays_out() {
        let p = example_plan();
        let l = std_layout(&p);
        check(&p, &l, None);
        let cols: Vec<Column> = l.columns.iter().map(|c| c.column).collect();
        assert_eq!(
            cols,
            [
                Column::Outcomes,
                Column::PrimaryAims,
                Column::SecondaryAims,
                Column::Actions,
                Column::Measures
            ]
        );
        assert_eq!(l.columns[1].x, 320.0);
        assert_eq!(
            l.column_order(Column::Outcomes),
            p.ids_of_kind(Kind::Outcome)
        );
        assert!(l
            .links
            .iter()
            .all(|x| x.d().starts_with("M ") && x.d().contains(" C ")));
        let o = &p.outcomes[0].id;
        assert_eq!(l.card(o).unwrap().y, Metrics::standard().heading_height);
        assert!(l.card(&"nothing".into()).is_none());
        assert_eq!(l.cards_by_id().len(), l.cards.len());
        assert!(crossings(&l) <= crossings(&layout_in_plan_order(&p, &Metrics::standard(), None)));
        let w = layout(&p, &Metrics::workshop(), None);
        check_workshop(&w);
    }

    fn check_workshop(l: &Layout) {
        let m = Metrics::workshop();
        assert!(l
            .cards
            .iter()
            .all(|c| c.width == 360.0 && c.height == m.card_height_with(c.lines, c.sparkline)));
    }

    #[test]
    fn paths_join_parent_right_edge_to_child_left_edge() {
        let mut p = Plan::new_empty("t");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let a = p.add_item(Kind::Aim, "A", Some(&o)).unwrap();
        let l = std_layout(&p);
        let (oc, ac) = (l.card(&o).unwrap(), l.card(&a).unwrap());
        let y1 = oc.y + oc.height / 2.0;
        let y2 = ac.y + ac.height / 2.0;
        assert_eq!(y1, 48.0 + 31.0);
        assert_eq!(
            l.links[0].d(),
            format!("M 240 {y1} C 280 {y1} 280 {y2} 320 {y2}")
        );
        assert_eq!(l.links[0].child, a);
        assert_eq!(l.links[0].parent, o);
        let mut s = String::new();
        num(&mut s, 12.25);
        s.push(' ');
        num(&mut s, -0.01);
        s.push(' ');
        num(&mut s, 3.96);
        for x in [-12.5, 1234.0, 0.05, -0.04] {
            s.push(' ');
            num(&mut s, x);
        }
        assert_eq!(s, "12.3 0 4 -12.5 1234 0.1 0");
    }

    #[test]
    fn card_height_grows_with_text() {
        let mut p = Plan::new_empty("t");
        let short = p.add_item(Kind::Outcome, "Short", None).unwrap();
        let long = p
            .add_item(Kind::Outcome, &"word ".repeat(40), None)
            .unwrap();
        let empty = p.add_item(Kind::Outcome, "", None).unwrap();
        let l = std_layout(&p);
        let h = |id| l.card(id).unwrap().height;
        assert!(h(&long) > h(&short));
        assert_eq!(h(&short), h(&empty));
        assert_eq!(l.card(&empty).unwrap().lines, 1);
    }

    #[test]
    fn unplaced_are_the_ideas_linked_to_nothing_placed() {
        let mut p = Plan::new_empty("t");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let lone_aim = p.add_item(Kind::Aim, "idea aim", None).unwrap();
        let act_on_lone = p.add_item(Kind::Action, "act", Some(&lone_aim)).unwrap();
        let m_on_lone = p.add_item(Kind::Measure, "m", Some(&act_on_lone)).unwrap();
        let m_on_o = p.add_item(Kind::Measure, "m2", Some(&o)).unwrap();
        p.link(&m_on_o, &act_on_lone).unwrap();
        let l = std_layout(&p);
        check(&p, &l, None);
        assert_eq!(l.unplaced, vec![lone_aim, act_on_lone, m_on_lone]);
        assert_eq!(l.links.len(), 1);
        assert_eq!(l.column_order(Column::Measures), vec![m_on_o]);
    }

    #[test]
    fn secondary_column_only_when_needed() {
        let mut p = Plan::new_empty("t");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        p.add_item(Kind::Aim, "A", Some(&o)).unwrap();
        let s = p.add_item(Kind::Aim, "S", None).unwrap();
        p.aim_mut(&s).unwrap().level = DriverLevel::Secondary;
        let cols = |l: &Layout| l.columns.iter().map(|c| c.column).collect::<Vec<_>>();
        // An unplaced secondary aim does not open the column.
        assert_eq!(
            cols(&std_layout(&p)),
            [
                Column::Outcomes,
                Column::PrimaryAims,
                Column::Actions,
                Column::Measures
            ]
        );
        p.link(&s, &o).unwrap();
        let l = std_layout(&p);
        assert_eq!(l.columns.len(), 5);
        assert_eq!(l.columns[2].column, Column::SecondaryAims);
        assert_eq!(l.column_order(Column::SecondaryAims), vec![s.clone()]);
        // Hidden by the filter: no column.
        let visible: HashSet<Id> = [o.clone()].into_iter().collect();
        assert_eq!(
            layout(&p, &Metrics::standard(), Some(&visible))
                .columns
                .len(),
            4
        );
    }

    #[test]
    fn visible_filter_hides_items_and_their_links() {
        let p = example_plan();
        let o = &p.outcomes[0].id;
        let visible = crate::model::chain::chain_of(&p, o);
        let l = layout(&p, &Metrics::standard(), Some(&visible));
        check(&p, &l, Some(&visible));
        assert_eq!(l.column_order(Column::Outcomes), vec![o.clone()]);
        assert!(l.unplaced.is_empty());
        let empty = HashSet::new();
        let l = layout(&p, &Metrics::standard(), Some(&empty));
        assert!(l.cards.is_empty() && l.links.is_empty() && l.unplaced.is_empty());
    }

    #[test]
    fn children_follow_their_parents() {
        // Actions listed against the plan order of their aims end up beside them.
        let mut p = Plan::new_empty("t");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let a1 = p.add_item(Kind::Aim, "A1", Some(&o)).unwrap();
        let a2 = p.add_item(Kind::Aim, "A2", Some(&o)).unwrap();
        let x2 = p.add_item(Kind::Action, "for a2", Some(&a2)).unwrap();
        let x1 = p.add_item(Kind::Action, "for a1", Some(&a1)).unwrap();
        let x1b = p.add_item(Kind::Action, "also for a1", Some(&a1)).unwrap();
        let l = std_layout(&p);
        assert_eq!(
            l.column_order(Column::Actions),
            vec![x1.clone(), x1b.clone(), x2.clone()]
        );
        assert_eq!(crossings(&l), 0);
        let plain = layout_in_plan_order(&p, &Metrics::standard(), None);
        assert_eq!(plain.column_order(Column::Actions), vec![x2, x1, x1b]);
        assert_eq!(crossings(&plain), 2);
    }

    fn orders(l: &Layout) -> Vec<Vec<Id>> {
        l.columns.iter().map(|c| l.column_order(c.column)).collect()
    }

    #[test]
    fn editing_text_or_adding_an_idea_moves_nothing() {
        for p in [example_plan(), synthetic_plan(400, 7)] {
            let before = orders(&std_layout(&p));
            let mut q = p.clone();
            let id = q.actions[q.actions.len() / 2].id.clone();
            q.set_text(&id, &"a much longer title for this action ".repeat(6))
                .unwrap();
            assert_eq!(orders(&std_layout(&q)), before);
            let mut q = p.clone();
            q.add_item(Kind::Action, "A new idea", None).unwrap();
            assert_eq!(orders(&std_layout(&q)), before);
        }
    }

    #[test]
    fn adding_a_linked_action_keeps_the_others_in_order() {
        let p = example_plan();
        let before = orders(&std_layout(&p));
        for aim in &p.aims {
            let mut q = p.clone();
            let new = q
                .add_item(Kind::Action, "New action", Some(&aim.id))
                .unwrap();
            let after: Vec<Vec<Id>> = orders(&std_layout(&q))
                .into_iter()
                .map(|c| c.into_iter().filter(|x| x != &new).collect())
                .collect();
            assert_eq!(after, before);
        }
    }

    #[test]
    fn barycentre_crosses_less_than_plan_order() {
        for (n, seed) in [(50, 1), (200, 2), (1000, 3)] {
            let p = synthetic_plan(n, seed);
            let l = std_layout(&p);
            check(&p, &l, None);
            let plain = layout_in_plan_order(&p, &Metrics::standard(), None);
            assert!(
                crossings(&l) <= crossings(&plain),
                "{n}: {} > {}",
                crossings(&l),
                crossings(&plain)
            );
        }
    }

    #[test]
    fn crossings_counts_inverted_pairs() {
        let mut v = vec![3, 1, 2, 2, 0];
        let mut buf = vec![0; 5];
        assert_eq!(inversions(&mut v, &mut buf), 7);
        assert_eq!(v, vec![0, 1, 2, 2, 3]);
        assert_eq!(crossings(&Layout::default()), 0);
    }

    #[test]
    fn a_secondary_aim_only_example() {
        let mut p = Plan::new_empty("t");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        p.aims.push(Aim {
            id: "s".into(),
            statement: "S".into(),
            level: DriverLevel::Secondary,
            outcomes: vec![o.clone(), o.clone(), "missing".into()],
            ..Default::default()
        });
        let l = std_layout(&p);
        assert_eq!(l.links.len(), 1, "a repeated link is drawn once");
    }
}
