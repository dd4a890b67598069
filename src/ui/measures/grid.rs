//! A measure's data entered in its details: the baseline, a grid of data
//! points typed by keyboard (Enter goes down a row, adding one at the end)
//! or pasted from a spreadsheet, and how the chart reads them. What a cell
//! or a pasted block means, and why one is refused, is
//! `model::charts::entry` and `model::charts::paste`; this draws the grid
//! and turns its gestures into edits.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::charts::entry::{
    baseline_points_cell, blank_points_at_end, counts_cells, is_block, value_cell, Counts,
};
use crate::model::charts::paste::parse_pasted;
use crate::model::editing::{ItemEdit, Op};
use crate::model::links::ItemRef;
use crate::model::{ChartKind, ChartSettings, DataPoint, Id, Measure, RunRules};
use crate::ui::state::{use_workbench, Workbench};

/// Reads from the measure `id` (re-run only when that measure changes).
fn read<V: Default>(wb: Workbench, id: StoredValue<Id>, f: impl Fn(&Measure) -> V) -> V {
    id.with_value(|id| {
        wb.with_item(id, |item| match item {
            ItemRef::Measure(m) => Some(f(m)),
            _ => None,
        })
    })
    .flatten()
    .unwrap_or_default()
}

fn read_untracked<V: Default>(wb: Workbench, id: StoredValue<Id>, f: impl Fn(&Measure) -> V) -> V {
    untrack(|| read(wb, id, f))
}

/// Reads point `i` of the measure (the default for a point not there).
fn point<V: Default>(
    wb: Workbench,
    id: StoredValue<Id>,
    i: usize,
    f: impl Fn(&DataPoint) -> V,
) -> V {
    read(wb, id, |m| m.data.get(i).map(&f).unwrap_or_default())
}

fn write(wb: Workbench, id: StoredValue<Id>, edit: ItemEdit) -> bool {
    wb.apply(Op::Edit {
        id: id.get_value(),
        edit,
    })
    .is_some()
}

/// Like `write`, for typing into one field: one undo step a burst.
fn write_typing(wb: Workbench, id: StoredValue<Id>, field: &str, edit: ItemEdit) -> bool {
    let group = id.with_value(|id| format!("{}:{field}", id.as_str()));
    wb.apply_typing(
        group,
        Op::Edit {
            id: id.get_value(),
            edit,
        },
    )
    .is_some()
}

/// The grid's columns, in order; Enter keeps to the column it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Col {
    Period,
    Value,
    Numerator,
    Denominator,
    Note,
    Excluded,
    NewPhase,
    Remove,
}

/// Which message a row's cell shows: a value's, or the counts' (shown once
/// for the pair).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Problem {
    Value,
    Counts,
}

/// Each grid on the page gets its own ids (a measure's details may be open
/// in the outline and in the diagram's panel).
static NEXT_GRID: AtomicUsize = AtomicUsize::new(1);

#[derive(Clone, Copy)]
struct Grid {
    wb: Workbench,
    id: StoredValue<Id>,
    prefix: StoredValue<String>,
    /// What was typed into a cell and not (yet) entered: a number that
    /// cannot be read, or half of a numerator and denominator pair.
    drafts: RwSignal<HashMap<(usize, Col), String>>,
    problems: RwSignal<HashMap<(usize, Problem), String>>,
    /// The latest paste or block added, said to screen readers too.
    status: RwSignal<String>,
    /// Every row of a block that cannot be entered.
    bad_rows: RwSignal<Vec<String>>,
    /// Where Tab started across the row being typed: Enter goes back to
    /// that column in the next row, as in a spreadsheet.
    tab_start: StoredValue<Option<(usize, Col)>>,
}

impl Grid {
    fn cell_id(&self, row: usize, col: Col) -> String {
        format!("{}-r{row}-{col:?}", self.prefix.get_value())
    }

    fn problem_id(&self, row: usize, p: Problem) -> String {
        format!("{}-r{row}-{p:?}-problem", self.prefix.get_value())
    }

    fn count(&self) -> usize {
        read(self.wb, self.id, |m| m.data.len())
    }

    fn draft(&self, row: usize, col: Col) -> Option<String> {
        self.drafts.with(|d| d.get(&(row, col)).cloned())
    }

    fn problem(&self, row: usize, p: Problem) -> Option<String> {
        self.problems.with(|d| d.get(&(row, p)).cloned())
    }

    fn set_problem(&self, row: usize, p: Problem, message: Option<String>) {
        let now = self.problems.with_untracked(|d| d.get(&(row, p)).cloned());
        if now != message {
            self.problems.update(|d| match message {
                Some(m) => {
                    d.insert((row, p), m);
                }
                None => {
                    d.remove(&(row, p));
                }
            });
        }
    }

    fn set_draft(&self, row: usize, col: Col, text: Option<String>) {
        let now = self.drafts.with_untracked(|d| d.get(&(row, col)).cloned());
        if now != text {
            self.drafts.update(|d| match text {
                Some(t) => {
                    d.insert((row, col), t);
                }
                None => {
                    d.remove(&(row, col));
                }
            });
        }
    }

    /// Enters what was typed as point `row`'s value, unless it cannot be
    /// read: then it stays in the cell with the reason beside it.
    fn commit_value(&self, row: usize, text: &str) {
        match value_cell(text) {
            Ok(v) => {
                self.set_draft(row, Col::Value, None);
                self.set_problem(row, Problem::Value, None);
                let now = read_untracked(self.wb, self.id, |m| m.data.get(row).map(|p| p.value));
                if now != Some(v) {
                    write(self.wb, self.id, ItemEdit::PointValue(row, v));
                }
            }
            Err(why) => {
                self.set_draft(row, Col::Value, Some(text.to_owned()));
                self.set_problem(row, Problem::Value, Some(why));
            }
        }
    }

    /// Enters point `row`'s numerator and denominator once both are typed
    /// and make a proportion; `col` is the one just typed as `text`.
    fn commit_counts(&self, row: usize, col: Col, text: &str) {
        self.set_draft(row, col, Some(text.to_owned()));
        let typed = |c: Col, model: fn(&DataPoint) -> Option<u64>| {
            untrack(|| self.draft(row, c)).unwrap_or_else(|| {
                read_untracked(self.wb, self.id, |m| {
                    m.data.get(row).and_then(model).map(|n| n.to_string())
                })
                .unwrap_or_default()
            })
        };
        let n = typed(Col::Numerator, |p| p.numerator);
        let d = typed(Col::Denominator, |p| p.denominator);
        let now = read_untracked(self.wb, self.id, |m| {
            m.data.get(row).and_then(|p| p.numerator.zip(p.denominator))
        });
        let entered = match counts_cells(&n, &d) {
            Ok(Counts::Set(n, d)) => Some(Some((n, d))),
            Ok(Counts::Clear) => Some(None),
            Ok(Counts::Waiting(what)) => {
                self.set_problem(row, Problem::Counts, Some(what.to_owned()));
                None
            }
            Err(why) => {
                self.set_problem(row, Problem::Counts, Some(why));
                None
            }
        };
        if let Some(counts) = entered {
            self.set_draft(row, Col::Numerator, None);
            self.set_draft(row, Col::Denominator, None);
            self.set_problem(row, Problem::Counts, None);
            if counts != now {
                write(self.wb, self.id, ItemEdit::PointCounts(row, counts));
            }
        }
    }

    /// Focuses a cell once the frame with the latest changes is drawn (a
    /// row just added is there by then), selecting what it holds so that
    /// typing replaces it.
    fn focus_cell(&self, row: usize, col: Col) {
        let id = self.cell_id(row, col);
        request_animation_frame(move || {
            let Some(el) = document().get_element_by_id(&id) else {
                return;
            };
            if let Ok(el) = el.clone().dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                if input.type_() == "text" {
                    input.select();
                }
            }
        });
    }

    /// Enter in a cell: what was typed is entered and the next row takes
    /// the focus (a row is added after the last), in the same column, or in
    /// the column where Tab started across this row (Period, Tab, Value,
    /// Enter: the next row's period); Shift+Enter goes up a row.
    fn on_keydown(&self, ev: &web_sys::KeyboardEvent, row: usize, col: Col) {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing() {
            return;
        }
        if ev.key() == "Tab" && !ev.shift_key() {
            if self.tab_start.get_value().is_none_or(|(r, _)| r != row) {
                self.tab_start.set_value(Some((row, col)));
            }
            return;
        }
        if ev.key() != "Enter" {
            return;
        }
        let col_now = col;
        let col = match self.tab_start.get_value() {
            Some((r, c)) if r == row => c,
            _ => col,
        };
        self.tab_start.set_value(None);
        ev.prevent_default();
        let text = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        match col_now {
            Col::Value => self.commit_value(row, &text),
            Col::Numerator | Col::Denominator => self.commit_counts(row, col_now, &text),
            _ => {}
        }
        if ev.shift_key() {
            if let Some(up) = row.checked_sub(1) {
                self.focus_cell(up, col);
            }
            return;
        }
        let next = row + 1;
        if next >= read_untracked(self.wb, self.id, |m| m.data.len())
            && !write(self.wb, self.id, ItemEdit::AddPoint)
        {
            return;
        }
        self.focus_cell(next, col);
    }

    /// Enters a pasted or typed block of rows, all or nothing: appended
    /// after the last point (filling the empty rows at the end first) as
    /// one undo step, or every bad row listed and nothing changed.
    fn add_block(&self, text: &str) -> bool {
        let points = match parse_pasted(text) {
            Ok(points) if points.is_empty() => {
                self.bad_rows.set(vec![
                    "There are no rows to add: give a period and a value on each line.".into(),
                ]);
                return false;
            }
            Ok(points) => points,
            Err(bad) => {
                self.bad_rows
                    .set(bad.iter().map(ToString::to_string).collect());
                self.status.set(String::new());
                return false;
            }
        };
        let added = points.len();
        let (count, blanks) = read_untracked(self.wb, self.id, |m| {
            (m.data.len(), blank_points_at_end(&m.data))
        });
        // One group, used once: the removals and the block make one step.
        static NEXT_BLOCK: AtomicUsize = AtomicUsize::new(1);
        let group = format!("block {}", NEXT_BLOCK.fetch_add(1, Ordering::Relaxed));
        for k in 0..blanks {
            write_typing(
                self.wb,
                self.id,
                &group,
                ItemEdit::RemovePoint(count - 1 - k),
            );
        }
        let points: Vec<DataPoint> = points.into_iter().map(Into::into).collect();
        if !write_typing(self.wb, self.id, &group, ItemEdit::AddPoints(points)) {
            return false;
        }
        self.drafts.update(HashMap::clear);
        self.problems.update(HashMap::clear);
        self.bad_rows.set(Vec::new());
        self.status.set(if added == 1 {
            "1 point added".to_owned()
        } else {
            format!("{added} points added")
        });
        true
    }

    /// A paste into any cell that holds rows (not one value) enters them.
    fn on_paste(&self, ev: &web_sys::ClipboardEvent) {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        if is_block(&text) {
            ev.prevent_default();
            self.add_block(&text);
        }
    }

    fn remove(&self, row: usize) {
        if write(self.wb, self.id, ItemEdit::RemovePoint(row)) {
            // The rows after it move up: what was typed there is gone.
            self.drafts.update(HashMap::clear);
            self.problems.update(HashMap::clear);
            let count = read_untracked(self.wb, self.id, |m| m.data.len());
            if count == 0 {
                let add = format!("{}-add", self.prefix.get_value());
                request_animation_frame(move || {
                    if let Some(el) = document()
                        .get_element_by_id(&add)
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                });
            } else {
                self.focus_cell(row.min(count - 1), Col::Remove);
            }
        }
    }
}

/// A measure's baseline, data points and chart settings.
#[component]
pub fn MeasureData(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let prefix = format!("md{}", NEXT_GRID.fetch_add(1, Ordering::Relaxed));
    let grid = Grid {
        wb,
        id,
        prefix: StoredValue::new(prefix.clone()),
        drafts: RwSignal::new(HashMap::new()),
        problems: RwSignal::new(HashMap::new()),
        status: RwSignal::new(String::new()),
        bad_rows: RwSignal::new(Vec::new()),
        tab_start: StoredValue::new(None),
    };
    let rows = move || (0..grid.count()).collect::<Vec<usize>>();
    let add_id = format!("{prefix}-add");
    let block = RwSignal::new(String::new());
    let block_id = format!("{prefix}-block");
    let block_hint_id = format!("{prefix}-block-hint");
    let add_row = move |_| {
        if write(wb, id, ItemEdit::AddPoint) {
            let last = read_untracked(wb, id, |m| m.data.len()).saturating_sub(1);
            grid.focus_cell(last, Col::Period);
        }
    };
    view! {
        <fieldset class="data wide">
            <legend>"Baseline and data"</legend>
            <Baseline id=id.get_value() />
            <div
                class="data-grid-scroll"
                tabindex="0"
                role="region"
                aria-label="Data points (the table scrolls sideways on a narrow screen)"
            >
                <table class="data-grid" on:paste=move |ev| grid.on_paste(&ev)>
                    <caption>
                        "Data points, oldest first. Enter goes down a row and adds one after the last; rows copied from a spreadsheet can be pasted into any cell."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Period"</th>
                            <th scope="col">"Value"</th>
                            <th scope="col">"Numerator"</th>
                            <th scope="col">"Denominator"</th>
                            <th scope="col">"Note"</th>
                            <th scope="col">"Left out of the rules (reason)"</th>
                            <th scope="col">"New phase"</th>
                            <th scope="col">"Remove"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|i| *i children=move |i| view! { <PointRow grid i /> } />
                    </tbody>
                </table>
            </div>
            <div class="data-grid-after">
                <button type="button" id=add_id on:click=add_row>
                    "Add a data point"
                </button>
                <p class="grid-status" role="status">{move || grid.status.get()}</p>
            </div>
            <Show when=move || grid.bad_rows.with(|b| !b.is_empty())>
                <div class="paste-problems field-problem" role="alert">
                    <p>"Nothing was added. Put these rows right and paste them again:"</p>
                    <ul>
                        {move || {
                            grid.bad_rows
                                .get()
                                .into_iter()
                                .map(|message| view! { <li>{message}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            <div class="paste-block">
                <label for=block_id.clone()>"Paste rows from a spreadsheet"</label>
                <small id=block_hint_id.clone()>
                    "One point a line: period and value, or period, numerator and denominator, or period, value, numerator and denominator, split by tabs (as a spreadsheet copies them)."
                </small>
                <textarea
                    id=block_id
                    rows="4"
                    aria-describedby=block_hint_id
                    prop:value=move || block.get()
                    on:input=move |ev| block.set(event_target_value(&ev))
                ></textarea>
                <button
                    type="button"
                    on:click=move |_| {
                        if grid.add_block(&block.get_untracked()) {
                            block.set(String::new());
                        }
                    }
                >
                    "Add these rows"
                </button>
            </div>
        </fieldset>
        <ChartSettingsFields id=id.get_value() />
    }
}

/// One data point as a row of cells.
#[component]
fn PointRow(grid: Grid, i: usize) -> impl IntoView {
    let Grid { wb, id, .. } = grid;
    let n = i + 1;
    let excluded = move || point(wb, id, i, |p| p.excluded.is_some());
    let value_problem = move || grid.problem(i, Problem::Value);
    let counts_problem = move || grid.problem(i, Problem::Counts);
    let value_problem_id = grid.problem_id(i, Problem::Value);
    let counts_problem_id = grid.problem_id(i, Problem::Counts);
    let described = |problem_id: String, has: fn(&Grid, usize) -> bool| {
        move || has(&grid, i).then(|| problem_id.clone())
    };
    let has_value_problem: fn(&Grid, usize) -> bool = |g, i| g.problem(i, Problem::Value).is_some();
    let has_counts_problem: fn(&Grid, usize) -> bool =
        |g, i| g.problem(i, Problem::Counts).is_some();
    let count_cell = |col: Col, label: String, model: fn(&DataPoint) -> Option<u64>| {
        let counts_problem_id = counts_problem_id.clone();
        view! {
            <input
                type="text"
                inputmode="numeric"
                id=grid.cell_id(i, col)
                aria-label=label
                aria-invalid=move || has_counts_problem(&grid, i).then_some("true")
                aria-describedby=described(counts_problem_id.clone(), has_counts_problem)
                prop:value=move || {
                    grid.draft(i, col)
                        .unwrap_or_else(|| point(wb, id, i, |p| model(p).map(|n| n.to_string()).unwrap_or_default()))
                }
                on:change=move |ev| grid.commit_counts(i, col, &event_target_value(&ev))
                on:keydown=move |ev| grid.on_keydown(&ev, i, col)
            />
        }
    };
    view! {
        <tr class:excluded=excluded>
            <td>
                <input
                    type="text"
                    id=grid.cell_id(i, Col::Period)
                    aria-label=format!("Period of point {n}")
                    prop:value=move || point(wb, id, i, |p| p.period.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        write_typing(wb, id, &format!("period {i}"), ItemEdit::PointPeriod(i, v));
                    }
                    on:keydown=move |ev| grid.on_keydown(&ev, i, Col::Period)
                />
            </td>
            <td>
                <input
                    type="text"
                    inputmode="decimal"
                    id=grid.cell_id(i, Col::Value)
                    aria-label=format!("Value of point {n}")
                    aria-invalid=move || has_value_problem(&grid, i).then_some("true")
                    aria-describedby=described(value_problem_id.clone(), has_value_problem)
                    prop:value=move || {
                        grid.draft(i, Col::Value)
                            .unwrap_or_else(|| point(wb, id, i, |p| p.value.to_string()))
                    }
                    on:change=move |ev| grid.commit_value(i, &event_target_value(&ev))
                    on:keydown=move |ev| grid.on_keydown(&ev, i, Col::Value)
                />
                <Show when=move || value_problem().is_some()>
                    <span class="cell-problem" id=value_problem_id.clone() role="status">
                        {value_problem}
                    </span>
                </Show>
            </td>
            <td>{count_cell(Col::Numerator, format!("Numerator of point {n}"), |p| p.numerator)}</td>
            <td>
                {count_cell(Col::Denominator, format!("Denominator of point {n}"), |p| p.denominator)}
                <Show when=move || counts_problem().is_some()>
                    <span class="cell-problem" id=counts_problem_id.clone() role="status">
                        {counts_problem}
                    </span>
                </Show>
            </td>
            <td>
                <input
                    type="text"
                    id=grid.cell_id(i, Col::Note)
                    aria-label=format!("Note at point {n}")
                    prop:value=move || point(wb, id, i, |p| p.note.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        write_typing(wb, id, &format!("note {i}"), ItemEdit::PointNote(i, v));
                    }
                    on:keydown=move |ev| grid.on_keydown(&ev, i, Col::Note)
                />
            </td>
            <td>
                <input
                    type="text"
                    id=grid.cell_id(i, Col::Excluded)
                    aria-label=format!("Reason point {n} is left out of the rules")
                    prop:value=move || point(wb, id, i, |p| p.excluded.clone().unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let reason = (!v.trim().is_empty()).then_some(v);
                        write_typing(wb, id, &format!("excluded {i}"), ItemEdit::PointExcluded(i, reason));
                    }
                    on:keydown=move |ev| grid.on_keydown(&ev, i, Col::Excluded)
                />
            </td>
            <td class="new-phase">
                <input
                    type="checkbox"
                    id=grid.cell_id(i, Col::NewPhase)
                    aria-label=format!("Start a new phase here, at point {n}")
                    prop:checked=move || point(wb, id, i, |p| p.new_phase)
                    on:change=move |ev| {
                        write(wb, id, ItemEdit::PointNewPhase(i, event_target_checked(&ev)));
                    }
                    on:keydown=move |ev| grid.on_keydown(&ev, i, Col::NewPhase)
                />
            </td>
            <td>
                <button
                    type="button"
                    id=grid.cell_id(i, Col::Remove)
                    aria-label=format!("Remove point {n}")
                    on:click=move |_| grid.remove(i)
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// The measure's baseline: the period and value it started from.
#[component]
fn Baseline(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let baseline_period = move || {
        read(wb, id, |m| {
            m.baseline
                .as_ref()
                .map(|b| b.period.clone())
                .unwrap_or_default()
        })
    };
    let baseline_value = move || {
        read(wb, id, |m| {
            m.baseline
                .as_ref()
                .map(|b| b.value.to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="update">
            <label class="field">
                <span>"Baseline period"</span>
                <input
                    type="text"
                    placeholder="e.g. 2020/21"
                    prop:value=baseline_period
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        write_typing(wb, id, "Baseline period", ItemEdit::BaselinePeriod(v));
                    }
                />
            </label>
            <label class="field">
                <span>"Baseline value"</span>
                <input
                    type="number"
                    step="any"
                    prop:value=baseline_value
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
                            Some(v) => {
                                write(wb, id, ItemEdit::BaselineValue(Some(v)));
                            }
                            None if text.trim().is_empty() => {
                                write(wb, id, ItemEdit::BaselineValue(None));
                            }
                            None => {}
                        }
                    }
                />
            </label>
        </div>
    }
}

/// How the chart reads the data: its kind, the run chart rules and the
/// points that set each phase's centre line.
#[component]
fn ChartSettingsFields(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let prefix = format!("cs{}", NEXT_GRID.fetch_add(1, Ordering::Relaxed));
    let settings = Memo::new(move |_| read(wb, id, |m| m.chart));
    let change = move |f: &dyn Fn(&mut ChartSettings)| {
        let mut next = settings.get_untracked();
        f(&mut next);
        if next != settings.get_untracked() {
            write(wb, id, ItemEdit::Chart(next));
        }
    };
    let kinds = [
        (ChartKind::Run, "Run chart"),
        (ChartKind::Xmr, "XmR chart (individuals)"),
        (ChartKind::P, "P chart (proportions)"),
    ];
    let kind_name = format!("{prefix}-kind");
    let kind_choices = kinds
        .into_iter()
        .map(|(kind, label)| {
            view! {
                <label class="tick">
                    <input
                        type="radio"
                        name=kind_name.clone()
                        prop:checked=move || settings.get().kind == kind
                        on:change=move |_| change(&|s| s.kind = kind)
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    let rules = [
        (RunRules::Anhoej, "Anhøj rules (recommended)"),
        (RunRules::Ihi, "IHI rules"),
    ];
    let rules_name = format!("{prefix}-rules");
    let rule_choices = move || {
        rules
            .into_iter()
            .map(|(rule, label)| {
                view! {
                    <label class="tick">
                        <input
                            type="radio"
                            name=rules_name.clone()
                            prop:checked=move || settings.get().rules == rule
                            on:change=move |_| change(&|s| s.rules = rule)
                        />
                        {label}
                    </label>
                }
            })
            .collect_view();
    };
    let baseline_id = format!("{prefix}-baseline");
    let hint_id = format!("{prefix}-baseline-hint");
    let problem_id = format!("{prefix}-baseline-problem");
    let problem = RwSignal::new(None::<String>);
    let draft = RwSignal::new(None::<String>);
    let described = {
        let (hint_id, problem_id) = (hint_id.clone(), problem_id.clone());
        move || {
            if problem.with(Option::is_some) {
                format!("{hint_id} {problem_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <fieldset class="chart-settings wide">
            <legend>"Chart"</legend>
            <div class="chart-settings-fields">
                <fieldset class="choices">
                    <legend>"Kind of chart"</legend>
                    {kind_choices}
                </fieldset>
                // The rules apply to run charts only; SPC charts have their own tests.
                <Show when=move || settings.get().kind == ChartKind::Run>
                    <fieldset class="choices">
                        <legend>"Run chart rules"</legend>
                        {rule_choices()}
                    </fieldset>
                </Show>
                <div class="field">
                    <label for=baseline_id.clone()>"Baseline (points)"</label>
                    <input
                        id=baseline_id
                        type="number"
                        inputmode="numeric"
                        min="1"
                        step="1"
                        aria-describedby=described
                        aria-invalid=move || problem.with(Option::is_some).then_some("true")
                        prop:value=move || {
                            draft.get().unwrap_or_else(|| settings.get().baseline_points.to_string())
                        }
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            match baseline_points_cell(&text) {
                                Ok(n) => {
                                    draft.set(None);
                                    problem.set(None);
                                    change(&|s| s.baseline_points = n);
                                }
                                Err(why) => {
                                    draft.set(Some(text));
                                    problem.set(Some(why));
                                }
                            }
                        }
                    />
                    <small id=hint_id>
                        {move || {
                            let n = settings.get().baseline_points;
                            if n == 1 {
                                "The first point of each phase sets its centre line; later points are judged against it.".to_owned()
                            } else {
                                format!("The first {n} points of each phase set its centre line; later points are judged against it.")
                            }
                        }}
                    </small>
                    <Show when=move || problem.with(Option::is_some)>
                        <p class="field-problem" id=problem_id.clone() role="status">
                            {move || problem.get().unwrap_or_default()}
                        </p>
                    </Show>
                </div>
            </div>
            <super::MeasureChartView id=id.get_value() />
        </fieldset>
    }
}
