//! The diagram's toolbar (quick capture, filter, focus, zoom, workshop mode,
//! pictures) and the area of ideas waiting to be placed.

use leptos::prelude::*;

use super::view::{
    dom_id, fit, move_offset, toggle_workshop, zoom_by, DiagramView, WorkshopMode, ZOOM_STEP,
};
use super::{card, gestures, panel, picture};
use crate::model::editing::Op;
use crate::model::{Id, Kind};

#[component]
pub fn Toolbar() -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let workshop = expect_context::<WorkshopMode>().0;
    let panel_open = expect_context::<panel::PanelOpen>().0;
    let idea = RwSignal::new(String::new());
    let capture = move || {
        let text = idea.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let added = view.wb.apply(Op::Add {
            kind: Kind::Action,
            text: text.trim().to_owned(),
            parent: None,
            secondary: false,
        });
        if added.is_some() {
            idea.set(String::new());
        }
    };
    let priorities = move || {
        view.wb
            .with_plan(|p| {
                p.priorities
                    .iter()
                    .map(|x| {
                        let name = match (x.code.is_empty(), x.title.is_empty()) {
                            (_, true) => "(untitled priority)".to_owned(),
                            (true, false) => x.title.clone(),
                            (false, false) => format!("{} {}", x.code, x.title),
                        };
                        (x.id.clone(), name)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <div class="diagram-toolbar" role="toolbar" aria-label="Diagram tools">
            <label class="quick-capture">
                <span>"Quick capture"</span>
                <input
                    type="text"
                    placeholder="Type an idea and press Enter"
                    prop:value=move || idea.get()
                    on:input=move |e| idea.set(event_target_value(&e))
                    on:keydown=move |e| {
                        if e.key() == "Enter" {
                            e.prevent_default();
                            capture();
                        }
                    }
                />
            </label>
            <label>
                <span>"Show"</span>
                <select on:change=move |e| {
                    let v = event_target_value(&e);
                    view.priority.set((!v.is_empty()).then_some(Id(v)));
                }>
                    <option value="" selected=move || view.priority.with(Option::is_none)>"All priorities"</option>
                    <For
                        each=priorities
                        key=|(id, name)| (id.clone(), name.clone())
                        children=move |(id, name)| {
                            let chosen = id.clone();
                            view! {
                                <option
                                    value=id.as_str().to_owned()
                                    selected=move || view.priority.with(|p| p.as_ref() == Some(&chosen))
                                >
                                    {name}
                                </option>
                            }
                        }
                    />
                </select>
            </label>
            <button
                type="button"
                class="not-in-workshop"
                on:click=move |_| {
                    // Its title is typed in the side panel: on a narrow
                    // screen, open it.
                    panel_open.set(true);
                    view.add_priority();
                }
            >
                "Add a priority"
            </button>
            <button
                type="button"
                aria-pressed=move || view.focus.get().to_string()
                on:click=move |_| view.focus.update(|f| *f = !*f)
            >
                "Focus on selected chain"
            </button>
            <span class="zoom" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom out" on:click=move |_| zoom_by(&view, 1.0 / ZOOM_STEP)>"−"</button>
                <span class="zoom-level" aria-live="polite">{move || format!("{:.0}%", view.zoom.get() * 100.0)}</span>
                <button type="button" aria-label="Zoom in" on:click=move |_| zoom_by(&view, ZOOM_STEP)>"+"</button>
                <button type="button" on:click=move |_| fit(&view)>"Fit to screen"</button>
            </span>
            <button
                type="button"
                aria-pressed=move || workshop.get().to_string()
                on:click=move |_| toggle_workshop(workshop)
            >
                "Workshop mode"
            </button>
            <span class="not-in-workshop" role="group" aria-label="Download the diagram">
                <button type="button" on:click=move |_| picture::download_svg(&view)>"Download SVG"</button>
                <button type="button" on:click=move |_| picture::download_png(&view)>"Download PNG"</button>
            </span>
            <panel::PanelToggle />
        </div>
    }
}

/// Cards linked to nothing in the diagram: quick-capture ideas and other
/// unlinked items. Always shown, never hidden; drag one onto a card (or
/// select it and press L) to link it.
#[component]
pub fn Ideas() -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let ideas = move || view.layout.with(|l| l.unplaced.clone());
    view! {
        <section class="ideas" aria-labelledby="ideas-heading">
            <h3 id="ideas-heading">"Ideas to place"</h3>
            <Show
                when=move || view.layout.with(|l| !l.unplaced.is_empty())
                fallback=|| view! { <p class="hint">"Nothing waiting. Ideas typed into Quick capture appear here."</p> }
            >
                <p class="hint">"Drag an idea onto the card it belongs to, or select it and press L."</p>
                <ul class="idea-list">
                    <For each=ideas key=|id| id.clone() children=move |id| view! { <Idea id /> } />
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn Idea(id: Id) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let id = StoredValue::new(id);
    let text = move || {
        id.with_value(|id| {
            view.with_item(id, |item| {
                let t = item.text();
                if t.trim().is_empty() {
                    "(no text yet)".to_owned()
                } else {
                    t.to_owned()
                }
            })
        })
    };
    let kind = move || id.with_value(|id| view.with_item(id, |item| item.kind().label()));
    let selected = move || id.with_value(|id| view.selected.with(|s| s.as_ref() == Some(id)));
    let is_editing = move || id.with_value(|id| view.editing.with(|s| s.as_ref() == Some(id)));
    let offset = move || id.with_value(|id| move_offset(&view, id));
    let style = move || {
        offset()
            .map(|(dx, dy)| format!("transform: translate({dx}px, {dy}px);"))
            .unwrap_or_default()
    };
    // The list item holds the idea's button: a list's children must be
    // list items, and a list item cannot be a button.
    view! {
        <li class="idea-item">
            <div
                id=move || id.with_value(dom_id)
                class="idea card"
                class:selected=selected
                class:moving=move || offset().is_some()
                data-card-id=move || id.get_value().as_str().to_owned()
                style=style
                // No button while its text is edited in place: the editor is.
                role=move || (!is_editing()).then_some("button")
                tabindex=move || (!is_editing()).then_some("0")
                aria-pressed=move || (!is_editing()).then(|| selected().to_string())
                aria-label=move || (!is_editing()).then(|| format!("Idea to place ({}): {}", kind(), text()))
                // The same move gesture as on the diagram: an idea is placed by
                // dropping it on a card.
                on:pointerdown=move |e| gestures::on_card_pointer_down(view, id.get_value(), e)
                on:focus=move |_| {
                    if !selected() {
                        view.selected.set(Some(id.get_value()));
                    }
                }
                on:keydown=move |e| gestures::on_key(view, e)
            >
                <span class="kind-tag">{kind}</span>
                " "
                <Show when=is_editing fallback=move || view! { <span class="idea-text">{text}</span> }>
                    <card::InPlaceEditor id=id.get_value() />
                </Show>
            </div>
        </li>
    }
}
