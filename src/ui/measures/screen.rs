//! The Measures screen: every measure of the open plan with its standing
//! and its chart, filtered by priority, outcome and standing. Which
//! measures belong to a priority or an outcome is the domain's rule
//! (`model::charts::listing`); the filters are the screen's own state, not
//! the plan's.
//!
//! The list depends on the plan's shape only (which measures there are and
//! what they evidence), so editing one measure re-draws that measure's
//! section alone; each section reads its own measure. Filtering by standing
//! also reads each listed measure's data, and still re-draws no section
//! that stays listed.

use leptos::prelude::*;

use super::chart::{css_id, measure_reading, MeasureChartView};
use crate::model::charts::listing::{
    count_text, measures_in, outcomes_offered, standing_of_slug, standing_words, MeasureFilter,
    STANDINGS,
};
use crate::model::charts::reading::read_measure;
use crate::model::links::ItemRef;
use crate::model::Id;
use crate::ui::state::{use_workbench, Workbench};

/// The id a select holds: "" is "all".
fn chosen(value: &str) -> Option<Id> {
    (!value.is_empty()).then(|| Id::from(value))
}

/// Every measure of the open plan with its chart and standing.
#[component]
pub fn MeasuresScreen() -> impl IntoView {
    let wb = use_workbench();
    let priority = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let standing = RwSignal::new(String::new());

    let priorities = Memo::new(move |_| {
        wb.with_shape(|p| {
            p.priorities
                .iter()
                .map(|x| x.id.clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let outcomes = Memo::new(move |_| {
        let chosen_priority = priority.with(|p| chosen(p));
        wb.with_shape(|p| outcomes_offered(p, chosen_priority.as_ref()))
            .unwrap_or_default()
    });
    // A choice the plan no longer offers (deleted, another plan opened, or
    // an outcome of another priority) goes back to "all".
    Effect::new(move |_| {
        let p = priority.get();
        if !p.is_empty() && priorities.with(|ids| !ids.iter().any(|id| id.as_str() == p)) {
            priority.set(String::new());
        }
        let o = outcome.get();
        if !o.is_empty() && outcomes.with(|ids| !ids.iter().any(|id| id.as_str() == o)) {
            outcome.set(String::new());
        }
    });

    let total = Memo::new(move |_| wb.with_shape(|p| p.measures.len()).unwrap_or_default());
    let shown = Memo::new(move |_| {
        let filter = MeasureFilter {
            priority: priority.with(|p| chosen(p)),
            outcome: outcome.with(|o| chosen(o)),
        };
        let ids: Vec<Id> = wb
            .with_shape(|p| {
                measures_in(p, &filter)
                    .into_iter()
                    .map(|m| m.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        match standing.with(|s| standing_of_slug(s)) {
            None => ids,
            Some(wanted) => ids
                .into_iter()
                .filter(|id| {
                    wb.with_item(id, |item| match item {
                        ItemRef::Measure(m) => read_measure(m).standing == wanted,
                        _ => false,
                    })
                    .unwrap_or(false)
                })
                .collect(),
        }
    });
    let filtered = move || {
        !priority.with(String::is_empty)
            || !outcome.with(String::is_empty)
            || !standing.with(String::is_empty)
    };
    let clear = move |_| {
        priority.set(String::new());
        outcome.set(String::new());
        standing.set(String::new());
    };
    let select_value =
        |sig: RwSignal<String>| move |ev: web_sys::Event| sig.set(event_target_value(&ev));

    view! {
        <section class="measures-screen" aria-labelledby="measures-heading">
            <h2 id="measures-heading">"Measures"</h2>
            <Show
                when=move || total.get() != 0
                fallback=|| view! {
                    <p class="measures-empty">
                        "This plan has no measures yet. Add one in the outline or on the driver diagram, then enter its data in its details."
                    </p>
                }
            >
                <fieldset class="measures-filters">
                    <legend>"Filter the measures"</legend>
                    <label class="field">
                        <span>"Priority"</span>
                        <select on:change=select_value(priority) prop:value=move || priority.get()>
                            <option value="">"All priorities"</option>
                            <For
                                each=move || priorities.get()
                                key=|id| id.clone()
                                children=move |id| view! { <ItemOption id chosen=priority /> }
                            />
                        </select>
                    </label>
                    <label class="field">
                        <span>"Outcome"</span>
                        <select on:change=select_value(outcome) prop:value=move || outcome.get()>
                            <option value="">"All outcomes"</option>
                            <For
                                each=move || outcomes.get()
                                key=|id| id.clone()
                                children=move |id| view! { <ItemOption id chosen=outcome /> }
                            />
                        </select>
                    </label>
                    <label class="field">
                        <span>"Standing"</span>
                        <select on:change=select_value(standing) prop:value=move || standing.get()>
                            <option value="">"Any standing"</option>
                            {STANDINGS
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option
                                            value=s.slug()
                                            selected=move || standing.with(|v| v == s.slug())
                                        >
                                            {s.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <Show when=filtered>
                        <button type="button" class="clear-filters" on:click=clear>"Show all measures"</button>
                    </Show>
                </fieldset>
                <p class="measures-count" role="status">
                    {move || count_text(shown.with(Vec::len), total.get())}
                </p>
                <Show when=move || shown.with(Vec::is_empty)>
                    <p class="measures-empty">"No measure matches these filters."</p>
                </Show>
                <ol class="measure-list">
                    <For
                        each=move || shown.get()
                        key=|id| id.clone()
                        children=move |id| view! { <MeasureSection id /> }
                    />
                </ol>
            </Show>
        </section>
    }
}

/// A priority or an outcome as a filter's option: "1 Best start in life",
/// read from its item so a renamed one is renamed here alone.
#[component]
fn ItemOption(id: Id, chosen: RwSignal<String>) -> impl IntoView {
    let wb = use_workbench();
    let value = id.as_str().to_owned();
    let id = StoredValue::new(id);
    let label = move || {
        id.with_value(|id| {
            wb.with_item(id, |item| {
                let code = item.code().trim();
                let text = item.text().trim();
                let text = if text.is_empty() {
                    "(no text yet)"
                } else {
                    text
                };
                if code.is_empty() {
                    text.to_owned()
                } else {
                    format!("{code} {text}")
                }
            })
        })
        .unwrap_or_default()
    };
    let is_chosen = {
        let value = value.clone();
        move || chosen.with(|c| *c == value)
    };
    view! { <option value=value selected=is_chosen>{label}</option> }
}

/// One measure: its code and name, its standing in words (and against its
/// target), and its chart with the chart's words.
#[component]
fn MeasureSection(id: Id) -> impl IntoView {
    let wb: Workbench = use_workbench();
    let heading_id = format!("measure-heading-{}", css_id(id.as_str()));
    let chart_id = id.clone();
    let id = StoredValue::new(id);
    let reading = measure_reading(wb, id);
    let code = Memo::new(move |_| {
        id.with_value(|id| wb.with_item(id, |item| item.code().trim().to_owned()))
            .unwrap_or_default()
    });
    let name = move || {
        reading.with(|r| {
            r.as_ref()
                .map(|(name, _)| {
                    if name.trim().is_empty() {
                        "(no name yet)".to_owned()
                    } else {
                        name.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    let slug = move || {
        reading.with(|r| {
            r.as_ref()
                .map(|(_, chart)| chart.standing.slug())
                .unwrap_or_default()
        })
    };
    let words = move || {
        reading.with(|r| {
            r.as_ref()
                .map(|(_, chart)| standing_words(chart))
                .unwrap_or_default()
        })
    };
    let labelled_by = heading_id.clone();
    view! {
        <li class="measure-section" data-measure-id=id.with_value(|id| id.as_str().to_owned())>
            <section aria-labelledby=labelled_by>
                <h3 id=heading_id>
                    <span class="code">{move || code.get()}</span>
                    " "
                    <span class="name">{name}</span>
                </h3>
                <p class=move || format!("measure-standing chart-standing-{}", slug())>{words}</p>
                <MeasureChartView id=chart_id />
            </section>
        </li>
    }
}
