//! The plan table: the plan laid out as the seed documents lay it out,
//! Priority / Outcome / Improvement aim / Action / Lead / Due / Status /
//! Progress / RAG / Latest update / Measures, one row per path from a
//! priority through an outcome and an aim to an action.
//!
//! The rules (written down in docs/PROGRESS.md, "The plan table"):
//! - One row per (priority, outcome, aim, action) path, in plan order. An
//!   action serving two aims has a row under each, and each of its rows
//!   says where else it appears. An outcome under two priorities, or an aim
//!   under two outcomes, likewise appears under each.
//! - Nothing is hidden: a priority with no outcome, an outcome with no aim
//!   and an aim with no action still get a row (with the later cells
//!   empty); outcomes with no priority, aims with no outcome and actions
//!   with no aim get rows at the end, with the missing cells empty.
//! - Merged cells: a priority, outcome or aim cell spans the run of
//!   consecutive rows shown that share it (and everything to its left).
//!   Spans are always computed over the rows shown, after filtering and
//!   sorting, so a sorted or filtered table is merged only where rows that
//!   share a cell happen to be next to each other.
//! - Measures column: on an action's row, the measures evidencing that
//!   action; on the row where an aim's (or outcome's) cell starts, the
//!   measures evidencing that aim (or outcome) too, each marked with what
//!   it evidences. So each measure shows beside the item it evidences, once
//!   per place that item's cell is shown; one evidencing several items of
//!   a row is listed once, for the most specific (action, then aim).
//!
//! "Today" is an argument, as for every tracking rule.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::review::{changes_since, last_review};
use super::tracking::{self, Standing};
use crate::model::charts::reading::read_measure;
use crate::model::charts::words::short_status;
use crate::model::plan::{Action, Id, Kind, Measure, Plan, Rag, Status};

/// One row of the table: which priority, outcome, aim and action it
/// shows (any may be missing), and how many rows its merged cells span.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub priority: Option<Id>,
    pub outcome: Option<Id>,
    pub aim: Option<Id>,
    pub action: Option<Id>,
    /// The number of rows the priority cell that starts on this row spans;
    /// 0 where the row is covered by a priority cell from a row above.
    pub priority_span: usize,
    pub outcome_span: usize,
    pub aim_span: usize,
    /// The other places (priority, outcome, aim) where this row's action
    /// also appears; empty for an action that appears once.
    pub elsewhere: Vec<Place>,
    /// The measures shown in this row's Measures cell, with what each
    /// evidences (see the module's rules).
    pub measures: Vec<MeasureRef>,
}

/// Where a row sits: its priority, outcome and aim.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub priority: Option<Id>,
    pub outcome: Option<Id>,
    pub aim: Option<Id>,
}

/// A measure shown in a row, and the item of the row it evidences.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MeasureRef {
    pub measure: Id,
    pub evidences: Kind,
}

impl Row {
    /// A key unique among the rows of one table (the ids of its path).
    pub fn key(&self) -> String {
        let part = |id: &Option<Id>| id.as_ref().map(Id::as_str).unwrap_or("-").to_owned();
        format!(
            "{}/{}/{}/{}",
            part(&self.priority),
            part(&self.outcome),
            part(&self.aim),
            part(&self.action)
        )
    }

    pub fn place(&self) -> Place {
        Place {
            priority: self.priority.clone(),
            outcome: self.outcome.clone(),
            aim: self.aim.clone(),
        }
    }
}

fn row(p: Option<&Id>, o: Option<&Id>, a: Option<&Id>, x: Option<&Id>) -> Row {
    Row {
        priority: p.cloned(),
        outcome: o.cloned(),
        aim: a.cloned(),
        action: x.cloned(),
        priority_span: 1,
        outcome_span: 1,
        aim_span: 1,
        elsewhere: Vec::new(),
        measures: Vec::new(),
    }
}

/// Every row of the table in plan order, with spans and measures for the
/// rows as they are (all of them, unsorted).
pub fn plan_rows(plan: &Plan) -> Vec<Row> {
    let priorities: HashSet<&Id> = plan.priorities.iter().map(|p| &p.id).collect();
    let outcome_ids: HashSet<&Id> = plan.outcomes.iter().map(|o| &o.id).collect();
    let aim_ids: HashSet<&Id> = plan.aims.iter().map(|a| &a.id).collect();

    // Children in plan order, by parent (links to missing items ignored).
    let mut outcomes_of: HashMap<&Id, Vec<&Id>> = HashMap::new();
    let mut orphan_outcomes = Vec::new();
    for o in &plan.outcomes {
        let mut placed = false;
        let mut seen = HashSet::new();
        for p in o.priorities.iter().filter(|p| priorities.contains(p)) {
            if seen.insert(p) {
                outcomes_of.entry(p).or_default().push(&o.id);
                placed = true;
            }
        }
        if !placed {
            orphan_outcomes.push(&o.id);
        }
    }
    let mut aims_of: HashMap<&Id, Vec<&Id>> = HashMap::new();
    let mut orphan_aims = Vec::new();
    for a in &plan.aims {
        let mut placed = false;
        let mut seen = HashSet::new();
        for o in a.outcomes.iter().filter(|o| outcome_ids.contains(o)) {
            if seen.insert(o) {
                aims_of.entry(o).or_default().push(&a.id);
                placed = true;
            }
        }
        if !placed {
            orphan_aims.push(&a.id);
        }
    }
    let mut actions_of: HashMap<&Id, Vec<&Id>> = HashMap::new();
    let mut orphan_actions = Vec::new();
    for x in &plan.actions {
        let mut placed = false;
        let mut seen = HashSet::new();
        for a in x.aims.iter().filter(|a| aim_ids.contains(a)) {
            if seen.insert(a) {
                actions_of.entry(a).or_default().push(&x.id);
                placed = true;
            }
        }
        if !placed {
            orphan_actions.push(&x.id);
        }
    }

    let mut rows = Vec::new();
    let aim_rows =
        |rows: &mut Vec<Row>, p: Option<&Id>, o: Option<&Id>, a: &Id| match actions_of.get(a) {
            Some(xs) => rows.extend(xs.iter().map(|x| row(p, o, Some(a), Some(x)))),
            None => rows.push(row(p, o, Some(a), None)),
        };
    let outcome_rows = |rows: &mut Vec<Row>, p: Option<&Id>, o: &Id| match aims_of.get(o) {
        Some(aims) => {
            for a in aims {
                aim_rows(rows, p, Some(o), a);
            }
        }
        None => rows.push(row(p, Some(o), None, None)),
    };
    for p in &plan.priorities {
        match outcomes_of.get(&p.id) {
            Some(os) => {
                for o in os {
                    outcome_rows(&mut rows, Some(&p.id), o);
                }
            }
            None => rows.push(row(Some(&p.id), None, None, None)),
        }
    }
    for o in orphan_outcomes {
        outcome_rows(&mut rows, None, o);
    }
    for a in orphan_aims {
        aim_rows(&mut rows, None, None, a);
    }
    for x in orphan_actions {
        rows.push(row(None, None, None, Some(x)));
    }

    // Where else each action appears.
    let mut places: HashMap<Id, Vec<Place>> = HashMap::new();
    for r in &rows {
        if let Some(x) = &r.action {
            places.entry(x.clone()).or_default().push(r.place());
        }
    }
    for r in &mut rows {
        if let Some(all) = r.action.as_ref().and_then(|x| places.get(x)) {
            if all.len() > 1 {
                let own = r.place();
                r.elsewhere = all.iter().filter(|p| **p != own).cloned().collect();
            }
        }
    }
    let mut rows = rows;
    finish(plan, &mut rows);
    rows
}

/// Computes the spans of the rows as shown (runs of consecutive rows that
/// share a cell) and each row's measures.
fn finish(plan: &Plan, rows: &mut [Row]) {
    compute_spans(rows);
    let mut evidencing: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for m in &plan.measures {
        let mut seen = HashSet::new();
        for e in &m.evidences {
            if seen.insert(e) {
                evidencing.entry(e).or_default().push(&m.id);
            }
        }
    }
    for r in rows.iter_mut() {
        let mut measures: Vec<MeasureRef> = Vec::new();
        // The most specific first: a measure evidencing both the action and
        // its aim (or outcome) is listed once, for the action.
        let mut add = |id: &Option<Id>, kind: Kind| {
            if let Some(ms) = id.as_ref().and_then(|id| evidencing.get(id)) {
                for m in ms {
                    if !measures.iter().any(|x| x.measure == **m) {
                        measures.push(MeasureRef {
                            measure: (*m).clone(),
                            evidences: kind,
                        });
                    }
                }
            }
        };
        add(&r.action, Kind::Action);
        if r.aim_span > 0 {
            add(&r.aim, Kind::Aim);
        }
        if r.outcome_span > 0 {
            add(&r.outcome, Kind::Outcome);
        }
        r.measures = measures;
    }
}

/// The spans of the merged cells over `rows` as they stand: a cell spans
/// the run of consecutive rows with the same item in it and in every
/// column to its left (an empty cell merges with empty cells too).
pub fn compute_spans(rows: &mut [Row]) {
    fn spans<K: PartialEq>(rows: &mut [Row], key: impl Fn(&Row) -> K, set: fn(&mut Row, usize)) {
        let mut start = 0;
        while start < rows.len() {
            let k = key(&rows[start]);
            let mut end = start + 1;
            while end < rows.len() && key(&rows[end]) == k {
                end += 1;
            }
            set(&mut rows[start], end - start);
            for r in &mut rows[start + 1..end] {
                set(r, 0);
            }
            start = end;
        }
    }
    spans(rows, |r| r.priority.clone(), |r, n| r.priority_span = n);
    spans(
        rows,
        |r| (r.priority.clone(), r.outcome.clone()),
        |r, n| r.outcome_span = n,
    );
    spans(
        rows,
        |r| (r.priority.clone(), r.outcome.clone(), r.aim.clone()),
        |r, n| r.aim_span = n,
    );
}

/// A RAG filter's choice: a rating, or none given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RagChoice {
    Rated(Rag),
    NotRated,
}

/// What the table shows. Every filter set must hold for a row to be shown;
/// a filter on anything about an action leaves out rows with no action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Rows under this priority.
    pub priority: Option<Id>,
    /// Actions whose lead is this (compared trimmed, ignoring case); an
    /// empty text means actions with no lead.
    pub lead: Option<String>,
    /// Actions with this status (as set on the action).
    pub status: Option<Status>,
    pub rag: Option<RagChoice>,
    /// Overdue actions only (tracking::is_overdue).
    pub overdue: bool,
    /// Unfinished actions due from today to this many days after today.
    pub due_within: Option<u32>,
    /// Actions that changed since the plan's last review before today
    /// (review::changes_since); with no review before today, none.
    pub changed_since_review: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
    fn about_actions(&self) -> bool {
        self.lead.is_some()
            || self.status.is_some()
            || self.rag.is_some()
            || self.overdue
            || self.due_within.is_some()
            || self.changed_since_review
    }
}

/// The orders the table can be sorted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Priority, outcome, aim, action, as the plan lists them.
    #[default]
    Plan,
    /// Earliest due date first; no due date last.
    Due,
    /// By action code, numbers in codes compared as numbers ("1.2" before
    /// "1.10").
    Code,
    /// Red, amber, green, then not rated.
    Rag,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Plan, Sort::Due, Sort::Code, Sort::Rag];
    pub fn label(self) -> &'static str {
        match self {
            Sort::Plan => "Plan order",
            Sort::Due => "Due date",
            Sort::Code => "Action code",
            Sort::Rag => "RAG rating",
        }
    }
}

/// Compares codes with runs of digits as numbers: "STRAT1.2" < "STRAT1.10".
pub fn compare_codes(a: &str, b: &str) -> Ordering {
    fn parts(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, run)) if *d == digit => run.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(pb.iter()) {
        let o = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            _ => x.1.to_lowercase().cmp(&y.1.to_lowercase()),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

fn rag_rank(r: Option<Rag>) -> u8 {
    match r {
        Some(Rag::Red) => 0,
        Some(Rag::Amber) => 1,
        Some(Rag::Green) => 2,
        None => 3,
    }
}

/// The rows shown for `filter`, in the order `sort`, with spans and
/// measures recomputed over them.
pub fn shown_rows(plan: &Plan, filter: &Filter, sort: Sort, today: NaiveDate) -> Vec<Row> {
    let all = plan_rows(plan);
    if filter.is_empty() && sort == Sort::Plan {
        return all;
    }
    let actions: HashMap<&Id, &Action> = plan.actions.iter().map(|a| (&a.id, a)).collect();
    let changed: Option<HashSet<Id>> =
        filter
            .changed_since_review
            .then(|| match last_review(plan, today) {
                Some(since) => changes_since(plan, since, today)
                    .actions
                    .into_iter()
                    .map(|c| c.id)
                    .collect(),
                None => HashSet::new(),
            });
    let lead = filter.lead.as_ref().map(|l| l.trim().to_lowercase());
    let keep = |r: &Row| -> bool {
        if filter.priority.is_some() && r.priority != filter.priority {
            return false;
        }
        if !filter.about_actions() {
            return true;
        }
        let Some(a) = r.action.as_ref().and_then(|x| actions.get(x)) else {
            return false;
        };
        if lead
            .as_ref()
            .is_some_and(|l| a.lead.trim().to_lowercase() != *l)
        {
            return false;
        }
        if filter.status.is_some_and(|s| a.status != s) {
            return false;
        }
        match filter.rag {
            Some(RagChoice::Rated(r)) if a.rag != Some(r) => return false,
            Some(RagChoice::NotRated) if a.rag.is_some() => return false,
            _ => {}
        }
        if filter.overdue && !tracking::is_overdue(a, today) {
            return false;
        }
        if let Some(days) = filter.due_within {
            if !due_within(a, today, days) {
                return false;
            }
        }
        if let Some(changed) = &changed {
            if !changed.contains(&a.id) {
                return false;
            }
        }
        true
    };
    let mut rows: Vec<Row> = all.into_iter().filter(keep).collect();
    let action_of = |r: &Row| r.action.as_ref().and_then(|x| actions.get(x)).copied();
    // Stable sorts: ties keep plan order; rows without an action go last.
    match sort {
        Sort::Plan => {}
        Sort::Due => rows.sort_by_key(|r| {
            let a = action_of(r);
            (
                a.is_none(),
                a.and_then(|a| a.due).is_none(),
                a.and_then(|a| a.due),
            )
        }),
        Sort::Code => rows.sort_by(|x, y| match (action_of(x), action_of(y)) {
            (Some(a), Some(b)) => compare_codes(&a.code, &b.code),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }),
        Sort::Rag => rows.sort_by_key(|r| {
            let a = action_of(r);
            (a.is_none(), rag_rank(a.and_then(|a| a.rag)))
        }),
    }
    finish(plan, &mut rows);
    rows
}

/// Due from today up to `days` days after today, and not finished.
pub fn due_within(action: &Action, today: NaiveDate, days: u32) -> bool {
    let finished = matches!(action.status, Status::Completed | Status::Cancelled);
    !finished
        && action
            .due
            .is_some_and(|d| d >= today && (d - today).num_days() <= i64::from(days))
}

/// What the action cells of a row show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionCells {
    pub code: String,
    pub title: String,
    pub lead: String,
    pub due: Option<NaiveDate>,
    pub standing: Standing,
    /// The standing's word, e.g. "Overdue".
    pub status_word: &'static str,
    pub icon: &'static str,
    pub percent: u8,
    /// The user's own RAG.
    pub rag: Option<Rag>,
    /// The suggestion, where the user's RAG differs from it (shown quietly).
    pub suggested_differs: Option<Rag>,
    /// The latest update (by date; of one day, the last written).
    pub latest_update: Option<(NaiveDate, String)>,
}

pub fn action_cells(
    action: &Action,
    today: NaiveDate,
    settings: &tracking::TrackingSettings,
) -> ActionCells {
    let standing = tracking::standing(action, today, settings);
    let latest = action
        .updates
        .iter()
        .enumerate()
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| (u.date, u.text.clone()));
    ActionCells {
        code: action.code.clone(),
        title: action.title.clone(),
        lead: action.lead.clone(),
        due: action.due,
        standing,
        status_word: standing.label(),
        icon: standing.icon_key(),
        percent: action.percent.min(100),
        rag: action.rag,
        suggested_differs: tracking::rag_differs_from_suggestion(action, today, settings),
        latest_update: latest,
    }
}

/// A date as council reports print it in tables: "31-Mar-2023".
pub fn uk_text(d: NaiveDate) -> String {
    d.format("%d-%b-%Y").to_string()
}

/// A measure as its cell lists it, with the latest value, the trend word
/// and the signal as its chart reads them (`words::short_status`): "M1
/// Name: latest 72.9% (2021/22 Q1) · Improving · Off target", or "no data
/// yet"; with "(evidences the aim)" where it evidences the row's aim or
/// outcome rather than the action.
pub fn measure_text(measure: &Measure, evidences: Kind) -> String {
    let name = if measure.code.trim().is_empty() {
        measure.name.clone()
    } else {
        format!("{} {}", measure.code.trim(), measure.name)
    };
    let latest = if measure.data.is_empty() {
        "no data yet".into()
    } else {
        let status = short_status(&read_measure(measure));
        // "Latest …" reads on after the name's colon as "latest …".
        match status.strip_prefix("Latest ") {
            Some(rest) => format!("latest {rest}"),
            None => status,
        }
    };
    match evidences {
        Kind::Aim | Kind::Outcome => {
            format!("{name}: {latest} (evidences the {})", evidences.label())
        }
        _ => format!("{name}: {latest}"),
    }
}

/// Where else a row's action appears, as its cell says it: "Same action
/// also under A1.2, A3.1". Each place is named by its aim's code (its text
/// where it has none), with its outcome's added where the aim alone would
/// not tell the places apart (the same aim under two outcomes).
pub fn elsewhere_text(plan: &Plan, row: &Row) -> Option<String> {
    if row.elsewhere.is_empty() {
        return None;
    }
    let name = |id: &Option<Id>, none: &str| -> String {
        id.as_ref()
            .and_then(|id| plan.item(id))
            .map(|i| {
                if i.code().trim().is_empty() {
                    format!("“{}”", i.text())
                } else {
                    i.code().trim().to_owned()
                }
            })
            .unwrap_or_else(|| none.to_owned())
    };
    let parts: Vec<String> = row
        .elsewhere
        .iter()
        .map(|p| {
            let shared =
                p.aim == row.aim || row.elsewhere.iter().filter(|q| q.aim == p.aim).count() > 1;
            if shared || p.aim.is_none() {
                format!(
                    "{} (outcome {})",
                    name(&p.aim, "no aim"),
                    name(&p.outcome, "none")
                )
            } else {
                name(&p.aim, "no aim")
            }
        })
        .collect();
    Some(format!("Same action also under {}", parts.join(", ")))
}

/// The header of the table's CSV.
pub const CSV_HEADER: [&str; 17] = [
    "Priority",
    "Outcome",
    "Improvement aim",
    "Action code",
    "Action",
    "Also under",
    "Lead",
    "Due (ISO)",
    "Due",
    "Status",
    "Progress (%)",
    "RAG",
    "Suggested RAG",
    "Latest update date (ISO)",
    "Latest update date",
    "Latest update",
    "Measures",
];

/// The rows shown as CSV cells, in the order of [`CSV_HEADER`]. A CSV file
/// cannot merge cells, so a priority, outcome or aim is written on every
/// row under it.
pub fn csv_cells(plan: &Plan, rows: &[Row], today: NaiveDate) -> Vec<Vec<String>> {
    let item_text = |id: &Option<Id>| -> String {
        id.as_ref()
            .and_then(|id| plan.item(id))
            .map(|i| {
                if i.code().trim().is_empty() {
                    i.text().to_owned()
                } else {
                    format!("{} {}", i.code().trim(), i.text())
                }
            })
            .unwrap_or_default()
    };
    let actions: HashMap<&Id, &Action> = plan.actions.iter().map(|a| (&a.id, a)).collect();
    let measures: HashMap<&Id, &Measure> = plan.measures.iter().map(|m| (&m.id, m)).collect();
    let iso = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let uk = |d: Option<NaiveDate>| d.map(uk_text).unwrap_or_default();
    rows.iter()
        .map(|r| {
            let measures_text = r
                .measures
                .iter()
                .filter_map(|m| {
                    measures
                        .get(&m.measure)
                        .map(|x| measure_text(x, m.evidences))
                })
                .collect::<Vec<_>>()
                .join("; ");
            let mut cells = vec![
                item_text(&r.priority),
                item_text(&r.outcome),
                item_text(&r.aim),
            ];
            match r.action.as_ref().and_then(|x| actions.get(x)) {
                Some(a) => {
                    let c = action_cells(a, today, &plan.meta.tracking);
                    let (update_date, update_text) = match c.latest_update {
                        Some((d, t)) => (Some(d), t),
                        None => (None, String::new()),
                    };
                    cells.extend([
                        c.code,
                        c.title,
                        elsewhere_text(plan, r).unwrap_or_default(),
                        c.lead,
                        iso(c.due),
                        uk(c.due),
                        c.status_word.to_owned(),
                        c.percent.to_string(),
                        c.rag.map(Rag::label).unwrap_or("").to_owned(),
                        c.suggested_differs.map(Rag::label).unwrap_or("").to_owned(),
                        iso(update_date),
                        uk(update_date),
                        update_text,
                    ]);
                }
                None => cells.extend(std::iter::repeat_n(String::new(), 13)),
            }
            cells.push(measures_text);
            cells
        })
        .collect()
}

/// The table's CSV file (UTF-8 with a byte-order mark, RFC 4180).
pub fn csv_file(plan: &Plan, rows: &[Row], today: NaiveDate) -> Vec<u8> {
    crate::model::format::csv::csv_bytes(&CSV_HEADER, csv_cells(plan, rows, today))
}

/// The distinct leads of the plan's actions (trimmed, first spelling kept),
/// in alphabetical order, for the lead filter.
pub fn leads(plan: &Plan) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out: Vec<String> = plan
        .actions
        .iter()
        .map(|a| a.lead.trim())
        .filter(|l| !l.is_empty() && seen.insert(l.to_lowercase()))
        .map(str::to_owned)
        .collect();
    out.sort_by_key(|l| l.to_lowercase());
    out
}
