//! The outline editor: priorities > outcomes > improvement aims > actions,
//! with the measures that evidence each. An item linked to two parents
//! appears under both; items not yet linked are listed, never hidden.

use leptos::html;
use leptos::prelude::*;

use super::details::ItemDetails;
use super::state::{use_workbench, Workbench};
use crate::model::editing::Op;
use std::collections::HashMap;

use crate::model::{Id, Kind, Plan};

/// Which new item should take the keyboard focus once it is drawn.
#[derive(Clone, Copy)]
struct FocusRequest(RwSignal<Option<Id>>);

/// For each item, the items that link to it: worked out once per change
/// to the plan's shape and shared by every row of the outline.
#[derive(Clone, Copy)]
struct LinkedFrom(Memo<HashMap<Id, Vec<(Kind, Id)>>>);

/// Ids of the items of `kind` that link to `parent`, in plan order.
fn children_signal(parent: Id, kind: Kind) -> impl Fn() -> Vec<Id> + Copy + 'static {
    let index = expect_context::<LinkedFrom>().0;
    let parent = StoredValue::new(parent);
    move || {
        index.with(|ix| {
            parent.with_value(|id| {
                ix.get(id)
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, c)| c.clone())
                    .collect()
            })
        })
    }
}

/// Items of `kind` with no links at all (only for kinds that can link).
fn unplaced(wb: Workbench, kind: Kind) -> impl Fn() -> Vec<Id> + Copy + 'static {
    move || {
        wb.with_shape(|p| {
            p.ids_of_kind(kind)
                .into_iter()
                .filter(|id| p.is_unlinked(id))
                .collect()
        })
        .unwrap_or_default()
    }
}

fn add_child(wb: Workbench, focus: FocusRequest, kind: Kind, parent: Option<Id>) {
    let added = wb.apply(Op::Add {
        kind,
        text: String::new(),
        parent,
        secondary: false,
    });
    if let Some(new_id) = added.and_then(|c| c.created) {
        focus.0.set(Some(new_id));
    }
}

#[component]
pub fn Outline() -> impl IntoView {
    let wb = use_workbench();
    let focus = FocusRequest(RwSignal::new(None));
    provide_context(focus);
    provide_context(LinkedFrom(Memo::new(move |_| {
        wb.with_shape(Plan::linked_from_all).unwrap_or_default()
    })));
    let priorities = move || {
        wb.with_shape(|p| p.ids_of_kind(Kind::Priority))
            .unwrap_or_default()
    };
    let loose_outcomes = unplaced(wb, Kind::Outcome);
    let loose_aims = unplaced(wb, Kind::Aim);
    let loose_actions = unplaced(wb, Kind::Action);
    let loose_measures = unplaced(wb, Kind::Measure);
    let anything_loose = move || {
        !(loose_outcomes().is_empty()
            && loose_aims().is_empty()
            && loose_actions().is_empty()
            && loose_measures().is_empty())
    };

    view! {
        <section class="outline" aria-label="Outline of the plan">
            <ol class="tree priorities">
                <For
                    each=priorities
                    key=|id| id.clone()
                    children=move |id| view! { <PriorityNode id /> }
                />
            </ol>
            <button
                type="button"
                class="add add-priority"
                on:click=move |_| add_child(wb, focus, Kind::Priority, None)
            >
                "Add a priority"
            </button>
            <Show when=anything_loose>
                <section class="unplaced" aria-labelledby="unplaced-heading">
                    <h3 id="unplaced-heading">"Not yet linked"</h3>
                    <p class="hint">
                        "These items are not linked to anything above. Open their details to link them."
                    </p>
                    <ol class="tree">
                        <For each=loose_outcomes key=|id| id.clone() children=move |id| view! { <OutcomeNode id /> } />
                        <For each=loose_aims key=|id| id.clone() children=move |id| view! { <AimNode id /> } />
                        <For each=loose_actions key=|id| id.clone() children=move |id| view! { <ActionNode id /> } />
                        <For each=loose_measures key=|id| id.clone() children=move |id| view! { <ItemRow id kind=Kind::Measure /> } />
                    </ol>
                </section>
            </Show>
            <p class="add-loose">
                <button type="button" class="add" on:click=move |_| add_child(wb, focus, Kind::Measure, None)>
                    "Add a measure"
                </button>
            </p>
        </section>
    }
}

/// Plans with more items than this open with each priority's part of the
/// outline folded, so a very large plan opens (and leaves the outline) in
/// a moment; each part unfolds with one button.
const FOLD_ABOVE_ITEMS: usize = 400;

#[component]
fn PriorityNode(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let outcomes = children_signal(id.clone(), Kind::Outcome);
    let large = wb
        .with_plan_untracked(|p| {
            p.outcomes.len() + p.aims.len() + p.actions.len() + p.measures.len() > FOLD_ABOVE_ITEMS
        })
        .unwrap_or(false);
    let open = RwSignal::new(!large);
    let toggle_label = move || {
        let n = outcomes().len();
        let outcomes = if n == 1 { "outcome" } else { "outcomes" };
        if open.get() {
            format!("Fold away its {n} {outcomes}")
        } else {
            format!("Show its {n} {outcomes}")
        }
    };
    view! {
        <ItemRow id=id.clone() kind=Kind::Priority>
            <button
                type="button"
                class="fold"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {toggle_label}
            </button>
            <Show when=move || open.get()>
                <ol class="tree">
                    <For each=outcomes key=|c| c.clone() children=move |c| view! { <OutcomeNode id=c /> } />
                </ol>
                <AddButtons parent=id.clone() kinds=&[Kind::Outcome] />
            </Show>
        </ItemRow>
    }
}

#[component]
fn OutcomeNode(id: Id) -> impl IntoView {
    let aims = children_signal(id.clone(), Kind::Aim);
    view! {
        <ItemRow id=id.clone() kind=Kind::Outcome>
            <Measures parent=id.clone() />
            <ol class="tree">
                <For each=aims key=|c| c.clone() children=move |c| view! { <AimNode id=c /> } />
            </ol>
            <AddButtons parent=id kinds=&[Kind::Aim, Kind::Measure] />
        </ItemRow>
    }
}

#[component]
fn AimNode(id: Id) -> impl IntoView {
    let actions = children_signal(id.clone(), Kind::Action);
    view! {
        <ItemRow id=id.clone() kind=Kind::Aim>
            <Measures parent=id.clone() />
            <ol class="tree">
                <For each=actions key=|c| c.clone() children=move |c| view! { <ActionNode id=c /> } />
            </ol>
            <AddButtons parent=id kinds=&[Kind::Action, Kind::Measure] />
        </ItemRow>
    }
}

#[component]
fn ActionNode(id: Id) -> impl IntoView {
    view! {
        <ItemRow id=id.clone() kind=Kind::Action>
            <Measures parent=id.clone() />
            <AddButtons parent=id kinds=&[Kind::Measure] />
        </ItemRow>
    }
}

/// The measures that evidence an item, drawn under it.
#[component]
fn Measures(parent: Id) -> impl IntoView {
    let measures = children_signal(parent, Kind::Measure);
    view! {
        <ol class="tree measures">
            <For each=measures key=|c| c.clone() children=move |c| view! { <ItemRow id=c kind=Kind::Measure /> } />
        </ol>
    }
}

#[component]
fn AddButtons(parent: Id, kinds: &'static [Kind]) -> impl IntoView {
    let wb = use_workbench();
    let focus = expect_context::<FocusRequest>();
    let parent = StoredValue::new(parent);
    let parent_text = move || {
        parent
            .with_value(|id| wb.with_item(id, |item| item.text().to_owned()))
            .unwrap_or_default()
    };
    kinds
        .iter()
        .map(|&kind| {
            let label = move || format!("Add {} to: {}", kind.label(), parent_text());
            view! {
                <button
                    type="button"
                    class="add"
                    aria-label=label
                    on:click=move |_| add_child(wb, focus, kind, Some(parent.get_value()))
                >
                    "+ " {capitalised(kind.label())}
                </button>
            }
        })
        .collect_view()
}

pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One item: its main text, editable in place, its commands, its details
/// when opened, and whatever sits under it in the outline.
#[component]
fn ItemRow(id: Id, kind: Kind, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let wb = use_workbench();
    let focus = expect_context::<FocusRequest>();
    let id = StoredValue::new(id);
    let text = Memo::new(move |_| {
        id.with_value(|id| wb.with_item(id, |item| item.text().to_owned()))
            .unwrap_or_default()
    });
    let code = Memo::new(move |_| {
        id.with_value(|id| wb.with_shape(|p| crate::model::summary::code_of(p, id)))
            .flatten()
            .unwrap_or_default()
    });
    let summary = Memo::new(move |_| {
        id.with_value(|id| wb.with_item(id, crate::model::summary::summary_of_item))
            .unwrap_or_default()
    });
    let open = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let input = NodeRef::<html::Textarea>::new();

    // A newly added item takes the focus so typing can start at once.
    Effect::new(move |_| {
        if focus.0.with(|f| f.as_ref() == Some(&id.get_value())) {
            if let Some(el) = input.get() {
                let _ = el.focus();
                focus.0.set(None);
            }
        }
    });

    let kind_label = capitalised(kind.label());
    let field_label = match kind {
        Kind::Priority | Kind::Action => format!("{kind_label} title"),
        Kind::Measure => "Measure name".to_owned(),
        _ => format!("{kind_label} statement"),
    };
    let name = move || {
        let t = text.get();
        if t.is_empty() {
            format!("new {}", kind.label())
        } else {
            t
        }
    };
    let details_label = move || format!("Details of {}", name());
    let up_label = move || format!("Move up: {}", name());
    let down_label = move || format!("Move down: {}", name());
    let delete_label = move || format!("Delete {}: {}", kind.label(), name());

    // Moving within the parent drawn above (if any): the outline passes it
    // through the nearest enclosing item via context.
    let parent = StoredValue::new(use_context::<ParentId>().map(|p| p.0));
    provide_context(ParentId(id.get_value()));
    let move_by = move |up: bool| {
        wb.apply(Op::Move {
            id: id.get_value(),
            up,
            within: parent.get_value(),
        });
    };
    let placeholder = format!("Type the {} here", kind.label());

    view! {
        <li class=format!("item item-{kind:?}").to_lowercase()>
            <div class="row">
                <span class="kind">{kind_label.clone()} {move || { let c = code.get(); if c.is_empty() { String::new() } else { format!(" {c}") } }}</span>
                <textarea
                    class="item-text"
                    rows="1"
                    node_ref=input
                    aria-label=field_label.clone()
                    placeholder=placeholder
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        let group = id.with_value(|id| format!("{}:text", id.as_str()));
                        wb.apply_typing(group, Op::SetText { id: id.get_value(), text: value });
                    }
                ></textarea>
                <span class="commands">
                    <button
                        type="button"
                        aria-expanded=move || open.get().to_string()
                        aria-label=details_label
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        "Details"
                    </button>
                    <button type="button" aria-label=up_label on:click=move |_| move_by(true)>"↑"</button>
                    <button type="button" aria-label=down_label on:click=move |_| move_by(false)>"↓"</button>
                    <button type="button" aria-label=delete_label on:click=move |_| confirming.set(true)>
                        "Delete"
                    </button>
                </span>
            </div>
            <Show when=move || !summary.get().is_empty()>
                <p class="summary">{move || summary.get()}</p>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label="Confirm deletion">
                    <p>
                        {format!("Delete this {}? Its links go with it; items linked to it are kept.", kind.label())}
                    </p>
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| {
                            wb.apply(Op::Delete(id.get_value()));
                        }
                    >
                        {format!("Delete {}", kind.label())}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Show>
            <Show when=move || open.get()>
                <ItemDetails id=id.get_value() kind />
            </Show>
            {children.map(|c| c())}
        </li>
    }
}

/// The item an outline row is drawn under, for "move up/down" among siblings.
#[derive(Clone)]
struct ParentId(Id);
