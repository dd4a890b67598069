//! The import screen (`#/plan/<id>/import`): a table pasted from Word,
//! Excel, a web page or a PDF, or a .csv file, is read by
//! `model::import` into a preview; nothing changes until the user creates a
//! new plan from it or adds it to the open plan, as one undo step.

mod preview;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::editing::op::Op;
use crate::model::import::{self, NotAPlan, Preview, Table};
use crate::model::{Id, Plan};
use crate::ui::state::{use_workbench, NoticeKind, Screen, Workbench};

/// What the screen holds: nothing yet, a preview, or why the paste was
/// not read.
type Shown = Option<Result<Preview, String>>;

fn show(table: Result<Table, NotAPlan>) -> Shown {
    Some(table.and_then(Preview::new).map_err(|e| e.to_string()))
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let shown: RwSignal<Shown> = RwSignal::new(None);

    let on_paste = move |e: web_sys::ClipboardEvent| {
        e.prevent_default();
        let data = e.clipboard_data();
        let get = |kind: &str| data.as_ref().and_then(|d| d.get_data(kind).ok());
        let html = get("text/html").filter(|h| !h.trim().is_empty());
        let text = get("text/plain").unwrap_or_default();
        shown.set(show(import::read_paste(html.as_deref(), &text)));
    };
    let read_file = move |file: web_sys::File| {
        let name = file.name();
        if !name.to_lowercase().ends_with(".csv") {
            shown.set(Some(Err(format!(
                "“{name}” is not a .csv file. Save the sheet as CSV, or copy its table and paste it here. Nothing was changed."
            ))));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            match text.ok().and_then(|t| t.as_string()) {
                Some(text) => shown.set(show(import::read_csv(&text))),
                None => shown.set(Some(Err(format!(
                    "Could not read the file “{name}”. Nothing was changed."
                )))),
            }
        });
    };
    let on_choose = move |e: web_sys::Event| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
        // The same file can be chosen again after a change to it.
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_drop = move |e: web_sys::DragEvent| {
        // A table dropped here is for this screen, not a plan file to open.
        e.prevent_default();
        e.stop_propagation();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
    };

    view! {
        <section class="import-screen" aria-labelledby="import-heading">
            <h3 id="import-heading">"Bring in an existing plan"</h3>
            <p>
                "Copy the plan's table in Word, Excel, a web page or a PDF, then paste it in the box below (press Ctrl+V, or right-click and choose Paste). You will see what it becomes before anything changes."
            </p>
            <div class="import-inputs" on:drop=on_drop>
                <label for="import-paste">"Paste a table"</label>
                <textarea
                    id="import-paste"
                    class="import-paste"
                    rows="4"
                    placeholder="Paste the table here"
                    on:paste=on_paste
                ></textarea>
                <label for="import-csv">"Or choose a .csv file (you can also drop one here)"</label>
                <input id="import-csv" type="file" accept=".csv,text/csv" on:change=on_choose />
            </div>
            {move || match shown.get() {
                None => ().into_any(),
                Some(Err(message)) => view! {
                    <p class="import-problem" role="alert">{message}</p>
                }
                    .into_any(),
                Some(Ok(p)) => view! {
                    <preview::PreviewView preview=p shown />
                    <ImportActions shown />
                }
                    .into_any(),
            }}
        </section>
    }
}

/// "Create a new plan" and "Add to this plan" (under a chosen priority or
/// outcome).
#[component]
fn ImportActions(shown: RwSignal<Shown>) -> impl IntoView {
    let wb = use_workbench();
    let under = RwSignal::new(String::new());
    let parents = move || {
        wb.with_shape(|p| {
            let priorities = p
                .priorities
                .iter()
                .map(|x| (x.id.clone(), format!("Priority: {}", x.title)));
            let outcomes = p
                .outcomes
                .iter()
                .map(|x| (x.id.clone(), format!("Outcome: {}", x.statement)));
            priorities.chain(outcomes).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let draft = move || {
        shown.with_untracked(|s| match s {
            Some(Ok(p)) => Some(p.draft.clone()),
            _ => None,
        })
    };
    let create = move |_| {
        let Some(d) = draft() else { return };
        let plan = Plan::new_empty("Imported plan");
        let id = plan.id.clone();
        wb.add_to_library(plan);
        // Only into the new plan: if it did not open, nothing is brought in.
        if wb.with_plan_untracked(|p| p.id == id) == Some(true) {
            bring_in(wb, d, None);
        }
    };
    let add = move |_| {
        let Some(d) = draft() else { return };
        let target = under.get_untracked();
        bring_in(wb, d, (!target.is_empty()).then(|| Id(target)));
    };
    view! {
        <div class="import-actions">
            <button type="button" on:click=create>"Create a new plan"</button>
            <label for="import-under">"Put under"</label>
            <select id="import-under" on:change=move |e| under.set(event_target_value(&e))>
                <option value="">"(the top level)"</option>
                {move || {
                    parents()
                        .into_iter()
                        .map(|(id, label)| view! { <option value=id.0>{label}</option> })
                        .collect_view()
                }}
            </select>
            <button type="button" on:click=add>"Add to this plan"</button>
        </div>
    }
}

/// Applies the draft to the open plan as one undo step, then shows the
/// outline and says what came in.
fn bring_in(wb: Workbench, draft: import::Draft, under: Option<Id>) {
    let counts = draft.counts();
    let draft = draft.dated(crate::ui::tracking::today());
    let op = Op::Import {
        items: Box::new(draft.plan),
        under,
    };
    if wb.apply(op).is_some() {
        wb.show_screen(Screen::Outline);
        wb.notify(
            NoticeKind::Info,
            format!("Brought in {counts}. Ctrl+Z (Undo) takes it all back."),
        );
    }
}
