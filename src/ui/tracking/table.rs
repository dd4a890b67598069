//! The plan table: the plan laid out as the seed documents lay it out, one
//! row per action under its priority, outcome and aim, with merged cells
//! (the rows and their spans come from `model::progress::table`). Each
//! action row has an "Update" button that opens an editor for its status,
//! progress, RAG, lead and due date, and for adding a dated update; every
//! change is an operation on the Workbench (undoable).
//!
//! Fine-grained: the list of rows is worked out again only when the plan's
//! shape, the filters or the sort change; each cell reads its own item, so
//! editing one action redraws only that action's cells.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::editing::{ItemEdit, Op};
use crate::model::links::ItemRef;
use crate::model::progress::table::{
    self as rows, action_cells, compute_spans, elsewhere_text, measure_text, shown_rows, uk_text,
    Filter, RagChoice, Row, Sort,
};
use crate::model::progress::tracking::TrackingSettings;
use crate::model::{Action, Id, Rag, Status, Update};
use crate::ui::files;
use crate::ui::state::{use_workbench, NoticeKind, Workbench};

/// A table longer than this opens with this many rows drawn and a button
/// for the rest (printing draws them all).
const FIRST_ROWS: usize = 100;

/// The lead filter's value for actions with no lead.
const NO_LEAD: &str = "\u{1}no lead";

/// The action being edited, and the element to give the focus back to.
#[derive(Clone)]
struct Editing {
    action: Id,
    return_to: Option<web_sys::HtmlElement>,
}

#[derive(Clone, Copy)]
struct TableContext {
    settings: Memo<TrackingSettings>,
    today: NaiveDate,
    editing: RwSignal<Option<Editing>, LocalStorage>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn status_value(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not_started",
        Status::InProgress => "in_progress",
        Status::Completed => "completed",
        Status::Cancelled => "cancelled",
    }
}

fn status_of(v: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| status_value(*s) == v)
}

fn rag_value(r: Option<Rag>) -> &'static str {
    match r {
        Some(Rag::Red) => "red",
        Some(Rag::Amber) => "amber",
        Some(Rag::Green) => "green",
        None => "none",
    }
}

fn rag_of(v: &str) -> Option<Rag> {
    Rag::ALL.into_iter().find(|r| rag_value(Some(*r)) == v)
}

fn sort_value(s: Sort) -> &'static str {
    match s {
        Sort::Plan => "plan",
        Sort::Due => "due",
        Sort::Code => "code",
        Sort::Rag => "rag",
    }
}

/// "STRAT1.2 Title", or the text alone without a code.
fn code_and_text(item: ItemRef<'_>) -> String {
    let code = item.code().trim();
    if code.is_empty() {
        item.text().to_owned()
    } else {
        format!("{code} {}", item.text())
    }
}

fn read_action<R: Default>(wb: Workbench, id: &Id, f: impl FnOnce(&Action) -> R) -> R {
    wb.with_item(id, |item| match item {
        ItemRef::Action(a) => Some(f(a)),
        _ => None,
    })
    .flatten()
    .unwrap_or_default()
}

#[component]
pub fn PlanTable() -> impl IntoView {
    let wb = use_workbench();
    let today = super::today();
    let settings = Memo::new(move |_| wb.with_meta(|p| p.meta.tracking).unwrap_or_default());
    let editing = RwSignal::new_local(None::<Editing>);
    provide_context(TableContext {
        settings,
        today,
        editing,
    });

    // The controls' values.
    let priority = RwSignal::new(String::new());
    let lead = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let rag = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let due_within = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    let sort = RwSignal::new(Sort::Plan);

    let filter = Memo::new(move |_| Filter {
        priority: priority.with(|p| (!p.is_empty()).then(|| Id(p.clone()))),
        lead: lead.with(|l| match l.as_str() {
            "" => None,
            NO_LEAD => Some(String::new()),
            l => Some(l.to_owned()),
        }),
        status: status.with(|s| status_of(s)),
        rag: rag.with(|r| match r.as_str() {
            "" => None,
            "none" => Some(RagChoice::NotRated),
            r => rag_of(r).map(RagChoice::Rated),
        }),
        overdue: overdue.get(),
        due_within: due_within.with(|d| d.trim().parse::<u32>().ok()),
        changed_since_review: changed.get(),
    });
    // The rows shown: worked out again when the plan's shape, the filters
    // or the sort change (not when one action is edited; a row that no
    // longer matches stays until the filters change).
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        let sort = sort.get();
        if filter.changed_since_review {
            // The reviews are among the plan's details.
            wb.with_meta(|_| ());
        }
        wb.with_shape(|p| shown_rows(p, &filter, sort, today))
            .unwrap_or_default()
    });

    // The filters' option lists read the whole plan. While the row editor
    // (a modal dialog) is open the filter controls cannot be used, so the
    // lists are not worked out again on every keystroke typed in it; they
    // are brought up to date when it closes. Otherwise they follow every
    // change (an undo, say).
    let editor_open = move || editing.with(Option::is_some);
    let priorities = Memo::new(move |prev: Option<&Vec<(String, String)>>| {
        if let (true, Some(prev)) = (editor_open(), prev) {
            return prev.clone();
        }
        wb.with_plan(|p| {
            p.priorities
                .iter()
                .map(|x| {
                    let label = if x.code.trim().is_empty() {
                        x.title.clone()
                    } else {
                        format!("{} {}", x.code.trim(), x.title)
                    };
                    (x.id.0.clone(), label)
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let leads = Memo::new(move |prev: Option<&Vec<String>>| {
        if let (true, Some(prev)) = (editor_open(), prev) {
            return prev.clone();
        }
        wb.with_plan(rows::leads).unwrap_or_default()
    });
    let last_review = Memo::new(move |_| {
        wb.with_meta(|p| crate::model::progress::review::last_review(p, today))
            .flatten()
    });
    let title = move || {
        wb.with_meta(|p| p.display_title().to_owned())
            .unwrap_or_default()
    };
    let as_at = uk_text(today);

    // A long table opens with its first rows drawn and a button for the
    // rest (as the outline folds a large plan), so that it opens in a
    // moment; printing draws every row first.
    let limit = RwSignal::new(Some(FIRST_ROWS));
    let drawn = Memo::new(move |_| {
        shown.with(|rows| match limit.get() {
            Some(n) if rows.len() > n => {
                let mut first = rows[..n].to_vec();
                // The cells cut at the end span only the rows drawn.
                compute_spans(&mut first);
                first
            }
            _ => rows.clone(),
        })
    });
    let hidden = move || shown.with(Vec::len).saturating_sub(drawn.with(Vec::len));
    let more_rows = move || hidden() > 0;
    let print_listener = window_event_listener(leptos::ev::beforeprint, move |_| limit.set(None));
    on_cleanup(move || print_listener.remove());
    let count_ref = NodeRef::<leptos::html::P>::new();
    let show_all = move |_| {
        limit.set(None);
        if let Some(p) = count_ref.get_untracked() {
            let _ = p.focus();
        }
    };

    let count_text = move || {
        shown.with(|rows| {
            let actions: std::collections::HashSet<&Id> =
                rows.iter().filter_map(|r| r.action.as_ref()).collect();
            let n = rows.len();
            let a = actions.len();
            let first = drawn.with(Vec::len);
            let rows_text = if first < n {
                format!("Showing the first {first} of {n} rows")
            } else {
                format!("Showing {n} {}", if n == 1 { "row" } else { "rows" })
            };
            format!(
                "{rows_text} ({a} {}).",
                if a == 1 {
                    "action"
                } else {
                    "different actions"
                }
            )
        })
    };

    let download_csv = move |_| {
        let made = shown.with_untracked(|rows| {
            wb.with_plan_untracked(|p| {
                let name = format!(
                    "{}-plan-table.csv",
                    crate::model::format::file_stem_for(&p.meta.title)
                );
                (name, rows::csv_file(p, rows, today))
            })
        });
        if let Some((name, bytes)) = made {
            if let Err(e) = files::download_bytes(&name, "text/csv;charset=utf-8", &bytes) {
                files::report_download_failure(wb, "the table as CSV", &e);
            }
        }
    };
    let clear = move |_| {
        priority.set(String::new());
        lead.set(String::new());
        status.set(String::new());
        rag.set(String::new());
        overdue.set(false);
        due_within.set(String::new());
        changed.set(false);
        sort.set(Sort::Plan);
    };

    let select_value =
        |sig: RwSignal<String>| move |ev: web_sys::Event| sig.set(event_target_value(&ev));

    view! {
        <section class="plan-table" aria-label="Plan table">
            <fieldset class="table-controls">
                <legend>"Filter and sort the table"</legend>
                <label class="field">
                    <span>"Priority"</span>
                    <select on:change=select_value(priority) prop:value=move || priority.get()>
                        <option value="">"All priorities"</option>
                        <For
                            each=move || priorities.get()
                            key=|p| p.clone()
                            children=move |(id, label)| { let v = id.clone(); view! { <option value=id selected=move || priority.with(|p| *p == v)>{label}</option> } }
                        />
                    </select>
                </label>
                <label class="field">
                    <span>"Lead"</span>
                    <select on:change=select_value(lead) prop:value=move || lead.get()>
                        <option value="">"Any lead"</option>
                        <option value=NO_LEAD>"No lead named"</option>
                        <For
                            each=move || leads.get()
                            key=|l| l.clone()
                            children=move |l| { let v = l.clone(); let text = l.clone(); view! { <option value=l selected=move || lead.with(|x| *x == v)>{text}</option> } }
                        />
                    </select>
                </label>
                <label class="field">
                    <span>"Status"</span>
                    <select on:change=select_value(status) prop:value=move || status.get()>
                        <option value="">"Any status"</option>
                        {Status::ALL.iter().map(|s| view! { <option value=status_value(*s)>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"RAG rating"</span>
                    <select on:change=select_value(rag) prop:value=move || rag.get()>
                        <option value="">"Any rating"</option>
                        {Rag::ALL.iter().map(|r| view! { <option value=rag_value(Some(*r))>{r.label()}</option> }).collect_view()}
                        <option value="none">"Not rated"</option>
                    </select>
                </label>
                <label class="field">
                    <span>"Due within (days)"</span>
                    <input
                        type="number"
                        min="0"
                        inputmode="numeric"
                        prop:value=move || due_within.get()
                        on:input=move |ev| due_within.set(event_target_value(&ev))
                    />
                </label>
                <label class="tick">
                    <input type="checkbox" prop:checked=move || overdue.get() on:change=move |ev| overdue.set(event_target_checked(&ev)) />
                    "Overdue only"
                </label>
                <label class="tick">
                    <input type="checkbox" prop:checked=move || changed.get() on:change=move |ev| changed.set(event_target_checked(&ev)) />
                    {move || match last_review.get() {
                        Some(d) => format!("Changed since the last review ({})", uk_text(d)),
                        None => "Changed since the last review (no review recorded before today)".to_owned(),
                    }}
                </label>
                <label class="field">
                    <span>"Sort by"</span>
                    <select
                        prop:value=move || sort_value(sort.get())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(s) = Sort::ALL.into_iter().find(|s| sort_value(*s) == v) {
                                sort.set(s);
                            }
                        }
                    >
                        {Sort::ALL.iter().map(|s| view! { <option value=sort_value(*s)>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <div class="table-buttons">
                    <button type="button" on:click=clear>"Clear filters"</button>
                    <button type="button" class="download-csv" on:click=download_csv>"Download CSV"</button>
                </div>
            </fieldset>
            <p class="table-count" role="status" tabindex="-1" node_ref=count_ref>{count_text}</p>
            <div class="table-scroll">
                <table class="tracking-table">
                    <caption>
                        {move || format!("{}: the plan table as at {as_at}", title())}
                    </caption>
                    // Fixed column widths: the browser lays the table out
                    // without measuring every cell, so a change to one cell
                    // does not re-measure the whole table.
                    <colgroup>
                        <col class="col-priority" />
                        <col class="col-outcome" />
                        <col class="col-aim" />
                        <col class="col-action" />
                        <col class="col-lead" />
                        <col class="col-due" />
                        <col class="col-status" />
                        <col class="col-progress" />
                        <col class="col-rag" />
                        <col class="col-update" />
                        <col class="col-measures" />
                        <col class="col-change change-col" />
                    </colgroup>
                    <thead>
                        <tr class="print-header">
                            <td colspan="12">{move || format!("{} · Plan table · {}", title(), uk_text(today))}</td>
                        </tr>
                        <tr>
                            <th scope="col">"Priority"</th>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Improvement aim"</th>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Lead"</th>
                            <th scope="col">"Due"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Progress"</th>
                            <th scope="col">"RAG"</th>
                            <th scope="col">"Latest update"</th>
                            <th scope="col">"Measures"</th>
                            <th scope="col" class="change-col">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || drawn.get()
                            key=|r| r.clone()
                            children=move |r| view! { <TableRow row=r /> }
                        />
                    </tbody>
                </table>
            </div>
            <Show when=more_rows>
                <p class="more-rows">
                    <button type="button" class="show-all-rows" on:click=show_all>
                        {move || format!("Show all {} rows", shown.with(Vec::len))}
                    </button>
                </p>
            </Show>
            <RowEditor />
        </section>
    }
}

/// A priority's, outcome's or aim's merged cell.
fn group_cell(
    wb: Workbench,
    id: Option<Id>,
    span: usize,
    class: &'static str,
    none: &'static str,
) -> AnyView {
    if span == 0 {
        return ().into_any();
    }
    match id {
        Some(id) => {
            let text = move || wb.with_item(&id, code_and_text).unwrap_or_default();
            view! { <th scope="row" rowspan=span class=format!("group-cell {class}")>{text}</th> }
                .into_any()
        }
        None => view! { <td rowspan=span class=format!("group-cell none {class}")>{none}</td> }
            .into_any(),
    }
}

#[component]
fn TableRow(row: Row) -> impl IntoView {
    let wb = use_workbench();
    let ctx = expect_context::<TableContext>();
    let priority = group_cell(
        wb,
        row.priority.clone(),
        row.priority_span,
        "group-priority",
        "No priority",
    );
    let outcome = group_cell(
        wb,
        row.outcome.clone(),
        row.outcome_span,
        "group-outcome",
        "No outcome",
    );
    let aim = group_cell(
        wb,
        row.aim.clone(),
        row.aim_span,
        "group-aim",
        "No improvement aim",
    );
    let elsewhere = wb
        .with_plan_untracked(|p| elsewhere_text(p, &row))
        .flatten();
    let measures = row
        .measures
        .iter()
        .map(|m| {
            let (id, kind) = (m.measure.clone(), m.evidences);
            let text = move || {
                wb.with_item(&id, |item| match item {
                    ItemRef::Measure(m) => measure_text(m, kind),
                    _ => String::new(),
                })
                .unwrap_or_default()
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let measures = view! { <td class="measures"><ul>{measures}</ul></td> };
    let Some(action) = row.action.clone() else {
        return view! {
            <tr class="no-action">
                {priority}
                {outcome}
                {aim}
                <td colspan="7" class="none">"No action yet"</td>
                {measures}
                <td class="change-col"></td>
            </tr>
        }
        .into_any();
    };
    let id = StoredValue::new(action);
    let cells = Memo::new(move |_| {
        let (today, settings) = (ctx.today, ctx.settings.get());
        id.with_value(|id| read_action(wb, id, |a| Some(action_cells(a, today, &settings))))
    });
    let cell = move |f: fn(&rows::ActionCells) -> String| {
        move || cells.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let code = cell(|c| c.code.clone());
    let title = cell(|c| c.title.clone());
    let lead = cell(|c| c.lead.clone());
    let due = cell(|c| c.due.map(uk_text).unwrap_or_default());
    let due_iso = cell(|c| c.due.map(|d| d.to_string()).unwrap_or_default());
    let word = cell(|c| c.status_word.to_owned());
    let icon = cell(|c| c.icon.to_owned());
    let percent = cell(|c| format!("{}%", c.percent));
    let bar = cell(|c| format!("width: {}%", c.percent));
    let rag = cell(|c| c.rag.map(Rag::label).unwrap_or("Not rated").to_owned());
    let rag_key = cell(|c| rag_value(c.rag).to_owned());
    let suggested = cell(|c| {
        c.suggested_differs
            .map(|s| format!("Suggested: {}", s.label()))
            .unwrap_or_default()
    });
    let update_date = cell(|c| {
        c.latest_update
            .as_ref()
            .map(|(d, _)| uk_text(*d))
            .unwrap_or_default()
    });
    let update_text = cell(|c| {
        c.latest_update
            .as_ref()
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    });
    let has_update = move || cells.with(|c| c.as_ref().is_some_and(|c| c.latest_update.is_some()));
    let button_label = move || {
        cells.with(|c| {
            c.as_ref()
                .map(|c| {
                    let name = [c.code.trim(), c.title.trim()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    format!("Update action {name}")
                })
                .unwrap_or_default()
        })
    };
    let open = move |ev: web_sys::MouseEvent| {
        let return_to = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        ctx.editing.set(Some(Editing {
            action: id.get_value(),
            return_to,
        }));
    };
    view! {
        <tr class="action-row" data-action=move || id.get_value().0>
            {priority}
            {outcome}
            {aim}
            <td class="action-cell">
                <span class="code">{code}</span>" "<span class="title">{title}</span>
                {elsewhere.map(|t| view! { <span class="elsewhere">{t}</span> })}
            </td>
            <td class="lead">{lead}</td>
            <td class="due"><time datetime=due_iso>{due}</time></td>
            <td class=move || format!("status standing-{}", icon())>
                <span class="status-word">{word}</span>
            </td>
            <td class="progress">
                <span class="bar" aria-hidden="true"><span class="fill" style=bar></span></span>
                <span class="percent">{percent}</span>
            </td>
            <td class="rag" data-rag=rag_key>
                <span class="rag-word">{rag}</span>
                <span class="suggested">{suggested}</span>
            </td>
            <td class="latest-update">
                <Show when=has_update>
                    <span class="update-date">{update_date}</span>" "
                </Show>
                <span class="update-text">{update_text}</span>
            </td>
            {measures}
            <td class="change-col">
                <button type="button" class="row-update" aria-label=button_label on:click=open>
                    "Update"
                </button>
            </td>
        </tr>
    }
    .into_any()
}

/// The editor of one action, a modal dialog: its fields change the action
/// at once (each change an undoable operation); Escape or "Close" shuts it
/// and gives the focus back to the row's "Update" button.
#[component]
fn RowEditor() -> impl IntoView {
    let ctx = expect_context::<TableContext>();
    move || {
        ctx.editing
            .get()
            .map(|e| view! { <EditorDialog action=e.action /> })
    }
}

#[component]
fn EditorDialog(action: Id) -> impl IntoView {
    let wb = use_workbench();
    let ctx = expect_context::<TableContext>();
    let id = StoredValue::new(action);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let first = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            if let Some(f) = first.get() {
                let _ = f.focus();
            }
        }
    });
    let on_close = move |_| {
        let back = ctx
            .editing
            .with_untracked(|e| e.as_ref().and_then(|e| e.return_to.clone()));
        ctx.editing.set(None);
        if let Some(el) = back.filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let read = move |f: fn(&Action) -> String| move || id.with_value(|id| read_action(wb, id, f));
    let edit = move |edit: ItemEdit| {
        wb.apply(Op::Edit {
            id: id.get_value(),
            edit,
        });
    };
    let typing = move |field: &str, edit: ItemEdit| {
        let group = id.with_value(|id| format!("{}:table {field}", id.as_str()));
        wb.apply_typing(
            group,
            Op::Edit {
                id: id.get_value(),
                edit,
            },
        );
    };
    let heading = read(|a| {
        let name = [a.code.trim(), a.title.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        format!("Update action {name}")
    });
    let update_text = RwSignal::new(String::new());
    let update_date = RwSignal::new(ctx.today.to_string());
    let added = RwSignal::new(String::new());
    let add_update = move |_| {
        let text = update_text.get_untracked();
        if text.trim().is_empty() {
            added.set("Write what has happened before adding the update.".into());
            return;
        }
        let Some(date) = parse_date(&update_date.get_untracked()) else {
            added.set("Give the update a date.".into());
            return;
        };
        let state = id.with_value(|id| read_action(wb, id, |a| Some((a.status, a.percent, a.rag))));
        let Some((status, percent, rag)) = state else {
            return;
        };
        let done = wb.apply(Op::Edit {
            id: id.get_value(),
            edit: ItemEdit::AddUpdate(Update {
                date,
                text,
                status: Some(status),
                percent: Some(percent),
                rag,
            }),
        });
        if done.is_some() {
            update_text.set(String::new());
            added.set(format!("Update of {} added.", uk_text(date)));
        } else {
            wb.notify(NoticeKind::Problem, "The update could not be added.");
        }
    };
    view! {
        <dialog class="row-editor" node_ref=dialog aria-labelledby="row-editor-heading" on:close=on_close>
            <h2 id="row-editor-heading">{heading}</h2>
            <div class="row-editor-fields">
                <label class="field">
                    <span>"Status"</span>
                    <select
                        node_ref=first
                        prop:value=read(|a| status_value(a.status).to_owned())
                        on:change=move |ev| {
                            if let Some(s) = status_of(&event_target_value(&ev)) {
                                edit(ItemEdit::Status(s));
                            }
                        }
                    >
                        {Status::ALL.iter().map(|s| view! { <option value=status_value(*s)>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"Progress (%)"</span>
                    <input
                        type="number"
                        min="0"
                        max="100"
                        prop:value=read(|a| a.percent.to_string())
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                typing("progress", ItemEdit::Percent(v));
                            }
                        }
                    />
                </label>
                <label class="field">
                    <span>"RAG rating"</span>
                    <select
                        prop:value=read(|a| rag_value(a.rag).to_owned())
                        on:change=move |ev| edit(ItemEdit::Rag(rag_of(&event_target_value(&ev))))
                    >
                        <option value="none">"Not rated"</option>
                        {Rag::ALL.iter().map(|r| view! { <option value=rag_value(Some(*r))>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"Lead (person, role or group)"</span>
                    <input
                        type="text"
                        class="editor-lead"
                        prop:value=read(|a| a.lead.clone())
                        on:input=move |ev| typing("lead", ItemEdit::Lead(event_target_value(&ev)))
                    />
                </label>
                <label class="field">
                    <span>"Due date"</span>
                    <input
                        type="date"
                        prop:value=read(|a| a.due.map(|d| d.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if v.trim().is_empty() {
                                edit(ItemEdit::Due(None));
                            } else if let Some(d) = parse_date(&v) {
                                edit(ItemEdit::Due(Some(d)));
                            }
                        }
                    />
                </label>
            </div>
            <fieldset class="add-update">
                <legend>"Add a dated update"</legend>
                <label class="field">
                    <span>"Date of the update"</span>
                    <input
                        type="date"
                        prop:value=move || update_date.get()
                        on:input=move |ev| update_date.set(event_target_value(&ev))
                    />
                </label>
                <label class="field wide">
                    <span>"What has happened"</span>
                    <textarea
                        rows="3"
                        prop:value=move || update_text.get()
                        on:input=move |ev| update_text.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <p class="hint">"The update records the action's status, progress and RAG rating as they are now."</p>
                <button type="button" class="add-update-button" on:click=add_update>"Add update"</button>
                <p class="added" role="status">{move || added.get()}</p>
            </fieldset>
            <div class="row-editor-buttons">
                <button type="button" class="close-editor" on:click=close>"Close"</button>
            </div>
        </dialog>
    }
}
