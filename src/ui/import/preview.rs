//! The import preview: the table as read with each column's role (which the
//! user can change), what will be created with its links, and the warnings
//! by row. Every cell is shown as text.

use leptos::prelude::*;

use crate::model::import::{Preview, Role};

use super::Shown;

/// Rows of the pasted table shown; the rest are counted.
const ROWS_SHOWN: usize = 30;

#[component]
pub fn PreviewView(preview: Preview, shown: RwSignal<Shown>) -> impl IntoView {
    let counts = preview.draft.counts();
    let sections = preview.layout.sections.len();
    let width = preview.table.width();
    let tables = preview
        .layout
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            let end = preview
                .layout
                .sections
                .get(s + 1)
                .map_or(preview.table.rows.len(), |n| n.start);
            let rows = &preview.table.rows[section.start.min(end)..end];
            let more = rows.len().saturating_sub(ROWS_SHOWN);
            let selects = (0..width)
                .map(|c| {
                    let header = section.headers.get(c).cloned().unwrap_or_default();
                    let name = if header.trim().is_empty() {
                        format!("Role of column {} in table {}", c + 1, s + 1)
                    } else {
                        format!("Role of column {} ({}) in table {}", c + 1, header.trim(), s + 1)
                    };
                    let current = section.roles.get(c).copied().unwrap_or(Role::Ignore);
                    let p = preview.clone();
                    let id = format!("import-role-{s}-{c}");
                    let change = move |e: leptos::ev::Event| {
                        if let Some(role) = Role::from_key(&event_target_value(&e)) {
                            shown.set(Some(p.set_role(s, c, role).map_err(|e| e.to_string())));
                            // The preview is drawn again: the keyboard stays on
                            // the same column's select.
                            let id = format!("import-role-{s}-{c}");
                            request_animation_frame(move || focus_by_id(&id));
                        }
                    };
                    view! {
                        <th scope="col">
                            <select id=id aria-label=name on:change=change>
                                {Role::ALL
                                    .into_iter()
                                    .map(|r| view! { <option value=r.key() selected=r == current>{r.label()}</option> })
                                    .collect_view()}
                            </select>
                        </th>
                    }
                })
                .collect_view();
            let body = rows
                .iter()
                .take(ROWS_SHOWN)
                .map(|r| {
                    let cells = (0..width)
                        .map(|c| view! { <td>{r.cell(c).to_owned()}</td> })
                        .collect_view();
                    view! { <tr><th scope="row">{r.line}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="import-table">
                    <table>
                        <caption>{format!("Table {} of {sections} as read", s + 1)}</caption>
                        <thead><tr><th scope="col">"Row"</th>{selects}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                    {(more > 0).then(|| view! { <p>{format!("…and {more} more rows.")}</p> })}
                </div>
            }
        })
        .collect_view();
    let listing = preview
        .draft
        .listing()
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(kind, items)| {
            let n = items.len();
            let list = items
                .into_iter()
                .map(|i| {
                    let code = (!i.code.is_empty()).then(|| format!("{} ", i.code));
                    let links = (!i.linked_to.is_empty())
                        .then(|| view! { <span class="import-links">{format!(" (linked to: {})", i.linked_to.join("; "))}</span> });
                    view! { <li>{code}{i.text}{links}</li> }
                })
                .collect_view();
            view! {
                <details class="import-kind">
                    <summary>{format!("{} ({n})", kind_heading(kind))}</summary>
                    <ul>{list}</ul>
                </details>
            }
        })
        .collect_view();
    let warnings = preview.draft.warnings.clone();
    let n_warnings = warnings.len();
    view! {
        <div class="import-preview">
            <p class="import-counts" role="status">{format!("Will create {counts}.")}</p>
            {tables}
            <h4>"What will be created"</h4>
            {listing}
            <h4>{format!("Warnings ({n_warnings})")}</h4>
            {if warnings.is_empty() {
                view! { <p>"None: every value was read."</p> }.into_any()
            } else {
                view! {
                    <ul class="import-warnings">
                        {warnings.into_iter().map(|w| view! { <li>{w.message}</li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn kind_heading(kind: crate::model::Kind) -> &'static str {
    use crate::model::Kind;
    match kind {
        Kind::Priority => "Priorities",
        Kind::Outcome => "Outcomes",
        Kind::Aim => "Improvement aims",
        Kind::Action => "Actions",
        Kind::Measure => "Measures",
    }
}
