//! The side panel (the selected item's fields and links, or the selected
//! line) and the keyboard way to link: a list of the cards the selected one
//! may be linked to.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::view::{focus_card, DiagramView};
use crate::model::editing::Op;
use crate::model::{Id, Kind};
use crate::ui::details::ItemDetails;

/// "A1.2 Reduce drift" for lists of cards.
fn name_of(view: &DiagramView, id: &Id) -> String {
    view.with_item(id, |item| {
        let text = if item.text().trim().is_empty() {
            "(no text yet)"
        } else {
            item.text()
        };
        if item.code().is_empty() {
            text.to_owned()
        } else {
            format!("{} {text}", item.code())
        }
    })
}

/// Whether the side panel is open over the canvas. Below the width set in
/// style/main.css (50rem) the panel would leave the canvas a sliver beside
/// it, so it is hidden until its button opens it; wider, it is always shown
/// beside the canvas and this only keeps the button's state.
#[derive(Clone, Copy)]
pub struct PanelOpen(pub RwSignal<bool>);

pub const PANEL_ID: &str = "diagram-side-panel";
const TOGGLE_ID: &str = "diagram-panel-toggle";

/// The button that opens and closes the panel on narrow screens (hidden by
/// the style sheet where the panel is always beside the canvas).
#[component]
pub fn PanelToggle() -> impl IntoView {
    let open = expect_context::<PanelOpen>().0;
    view! {
        <button
            type="button"
            id=TOGGLE_ID
            class="panel-toggle not-in-workshop"
            aria-controls=PANEL_ID
            aria-expanded=move || open.get().to_string()
            on:click=move |_| {
                let now = !open.get_untracked();
                open.set(now);
                // Opened from the keyboard, the panel is far away in the tab
                // order (after every card): take the focus there.
                if now {
                    focus_by_id(PANEL_ID);
                }
            }
            on:keydown=move |e| {
                if e.key() == "Escape" && open.get_untracked() {
                    e.prevent_default();
                    open.set(false);
                }
            }
        >
            {move || if open.get() { "Hide details" } else { "Show details" }}
        </button>
    }
}

/// Focuses an element once the frame with the latest changes is drawn
/// (a panel just opened is not focusable until it is displayed).
fn focus_by_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Escape in the panel while it lies over the canvas closes it and gives
/// the focus back to its button. Where the panel is beside the canvas (the
/// button is not displayed) Escape does nothing here.
fn close_on_escape(open: RwSignal<bool>, e: web_sys::KeyboardEvent) {
    if e.key() != "Escape" || !open.get_untracked() {
        return;
    }
    let toggle = document()
        .get_element_by_id(TOGGLE_ID)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(toggle) = toggle.filter(|t| t.offset_width() > 0) else {
        return;
    };
    e.prevent_default();
    e.stop_propagation();
    open.set(false);
    let _ = toggle.focus();
}

#[component]
pub fn SidePanel() -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let open = expect_context::<PanelOpen>().0;
    // A memo: the panel is rebuilt when another item is selected, not on
    // every change to the plan (which would take the focus from its fields).
    let selected_item = Memo::new(move |_| {
        let id = view.selected.get()?;
        let kind = view.with_shape(|p| p.kind_of(&id))?;
        Some((id, kind))
    });
    view! {
        // A named section, not an <aside>: a complementary landmark must not
        // sit inside the page's main landmark.
        <section
            id=PANEL_ID
            class="side-panel not-in-workshop"
            aria-label="Selected item"
            tabindex="-1"
            on:keydown=move |e| close_on_escape(open, e)
        >
            {move || match (selected_item.get(), view.selected_link.get()) {
                (Some((id, kind)), _) => view! { <ItemPanel id kind /> }.into_any(),
                (None, Some((child, parent))) => view! { <LinePanel child parent /> }.into_any(),
                (None, None) => view! {
                    <p class="hint">
                        "Select a card to see and edit its details. Drag from a card's arrow to another card to link them, or select a card and press L."
                    </p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn ItemPanel(id: Id, kind: Kind) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let sid = StoredValue::new(id.clone());
    // A memo, so the field is only rewritten when the stored text changes
    // (the plan trims it: a trailing space being typed must stay).
    let text =
        Memo::new(move |_| sid.with_value(|id| view.with_item(id, |item| item.text().to_owned())));
    let field_label = match kind {
        Kind::Priority | Kind::Action => "Title",
        Kind::Measure => "Measure name",
        _ => "Statement",
    };
    // Lines to and from this card, each with a way to remove it.
    let lines = move || {
        sid.with_value(|id| {
            view.with_shape(|p| {
                let up = p
                    .links_of(id)
                    .iter()
                    .map(|parent| (id.clone(), parent.clone(), parent.clone()));
                let down = p
                    .linked_from(id)
                    .into_iter()
                    .map(|child| (child.clone(), id.clone(), child));
                up.chain(down).collect::<Vec<_>>()
            })
        })
    };
    view! {
        <h3>{crate::ui::outline::capitalised(kind.label())}</h3>
        <label class="field wide">
            <span>{field_label}</span>
            <textarea
                rows="3"
                prop:value=text
                on:input=move |e| {
                    let v = event_target_value(&e);
                    let group = sid.with_value(|id| format!("{}:text", id.as_str()));
                    view.wb.apply_typing(group, Op::SetText { id: sid.get_value(), text: v });
                }
            ></textarea>
        </label>
        <section class="card-links" aria-label="Links of this card">
            <h4>"Links"</h4>
            <Show when=move || !lines().is_empty() fallback=|| view! { <p class="hint">"Not linked to anything yet."</p> }>
                <ul>
                    <For
                        each=lines
                        key=|l| l.clone()
                        children=move |(child, parent, other)| {
                            let label = name_of(&view, &other);
                            let remove_label = format!("Remove link with {label}");
                            view! {
                                <li>
                                    {label}
                                    " "
                                    <button
                                        type="button"
                                        aria-label=remove_label
                                        on:click=move |_| {
                                            view.wb.apply(Op::Unlink { child: child.clone(), parent: parent.clone() });
                                        }
                                    >
                                        "Remove link"
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <button type="button" on:click=move |_| view.picking_link_for.set(Some(sid.get_value()))>
                "Link to…"
            </button>
        </section>
        <ItemDetails id kind without_link_ticks=true />
    }
}

#[component]
fn LinePanel(child: Id, parent: Id) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let description = format!("{} → {}", name_of(&view, &parent), name_of(&view, &child));
    view! {
        <h3>"Link"</h3>
        <p>{description}</p>
        <button type="button" class="danger" on:click=move |_| view.unlink_selected_line()>
            "Remove this link"
        </button>
    }
}

/// The keyboard way to link: the cards the chosen one may be linked to, in
/// either direction, that it is not linked to already.
#[component]
pub fn LinkPicker() -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let query = RwSignal::new(String::new());
    // Every card it may be linked to, named once when the list opens.
    let all = Memo::new(move |_| {
        let Some(from) = view.picking_link_for.get() else {
            return Vec::new();
        };
        let ids = view.untracked(|p| p.link_candidates(&from));
        ids.into_iter()
            .map(|id| {
                let kind = view
                    .untracked(|p| p.kind_of(&id).map(|k| k.label()))
                    .unwrap_or_default();
                let label = format!("{} ({kind})", name_of(&view, &id));
                (id, label)
            })
            .collect::<Vec<_>>()
    });
    // Those whose name holds what was typed in the find box.
    let shown = move || {
        let q = query.get().trim().to_lowercase();
        all.with(|all| {
            all.iter()
                .filter(|(_, label)| q.is_empty() || label.to_lowercase().contains(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let close = move || {
        if let Some(id) = view.picking_link_for.get_untracked() {
            view.picking_link_for.set(None);
            focus_card(&view, &id);
        }
    };
    let pick = move |target: &Id| {
        if let Some(from) = view.picking_link_for.get_untracked() {
            view.link(&from, target);
        }
        close();
    };
    // The find box takes the keyboard focus when the list opens.
    Effect::new(move |_| {
        if view.picking_link_for.with(Option::is_some) {
            query.set(String::new());
            request_animation_frame(|| {
                if let Ok(Some(el)) = document().query_selector(".link-picker input") {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            });
        }
    });
    let title = move || {
        view.picking_link_for
            .get()
            .map(|id| format!("Link “{}” to…", name_of(&view, &id)))
            .unwrap_or_default()
    };
    view! {
        <Show when=move || view.picking_link_for.with(Option::is_some)>
            <div
                class="link-picker"
                role="dialog"
                aria-modal="true"
                aria-labelledby="link-picker-title"
                on:keydown=move |e| {
                    if e.key() == "Escape" {
                        e.prevent_default();
                        e.stop_propagation();
                        close();
                    }
                }
            >
                <h3 id="link-picker-title">{title}</h3>
                <label class="field">
                    <span>"Find a card to link to"</span>
                    <input
                        type="search"
                        placeholder="Type part of its text, then Enter for the first match"
                        prop:value=move || query.get()
                        on:input=move |e| query.set(event_target_value(&e))
                        on:keydown=move |e| {
                            if e.key() == "Enter" {
                                e.prevent_default();
                                if let Some((first, _)) = shown().into_iter().next() {
                                    pick(&first);
                                }
                            }
                        }
                    />
                </label>
                <Show
                    when=move || !shown().is_empty()
                    fallback=move || {
                        let text = if all.with(Vec::is_empty) {
                            "There is nothing this card can be linked to yet."
                        } else {
                            "No card it can be linked to has that text."
                        };
                        view! { <p>{text}</p> }
                    }
                >
                    <ul>
                        <For
                            each=shown
                            key=|(id, _)| id.clone()
                            children=move |(target, label)| {
                                view! {
                                    <li>
                                        <button type="button" class="pick" on:click=move |_| pick(&target)>
                                            {label}
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
                <button type="button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </Show>
    }
}
