//! One card, a column heading and a line of the driver diagram.

use leptos::html;
use leptos::prelude::*;

use super::gestures;
use super::view::{dom_id, focus_card, focus_viewport, move_offset, DiagramView};
use crate::model::chain::CardFacts;
use crate::model::charts::listing::{card_has_sparkline, card_name_words, card_words};
use crate::model::charts::reading::read_measure;
use crate::model::charts::svg::sparkline_svg;
use crate::model::editing::Op;
use crate::model::layout::Column;
use crate::model::links::{with_article, ItemRef};
use crate::model::{Id, Kind};

/// "3 actions · 2 measures": the counts that matter in a workshop.
fn counts_text(kind: Kind, f: &CardFacts) -> String {
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    match kind {
        Kind::Outcome => format!(
            "{} · {}",
            n(f.aims, "aim", "aims"),
            n(f.measures, "measure", "measures")
        ),
        Kind::Aim => format!(
            "{} · {}",
            n(f.actions, "action", "actions"),
            n(f.measures, "measure", "measures")
        ),
        Kind::Action => n(f.measures, "measure", "measures"),
        Kind::Measure | Kind::Priority => String::new(),
    }
}

#[component]
pub fn ColumnHead(column: Column, x: f64, width: f64) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let label = column.label();
    let add_label = format!("Add {}", with_article(column.kind()));
    view! {
        <div class="column-head" style=format!("left: {x}px; width: {width}px;")>
            <h3>{label}</h3>
            <button type="button" class="add" aria-label=add_label on:click=move |_| view.add_to(column)>
                "+ Add"
            </button>
        </div>
    }
}

/// The lines on screen, in the layout's order: (child, parent) and the SVG
/// path of each.
#[derive(Clone, Copy)]
pub struct LinePaths(pub Memo<Vec<((Id, Id), String)>>);

#[component]
pub fn Line(child: Id, parent: Id) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let paths = expect_context::<LinePaths>().0;
    let pair = (child, parent);
    let pair_for_path = pair.clone();
    let d = Memo::new(move |_| {
        paths.with(|p| {
            p.iter()
                .find(|(pair, _)| *pair == pair_for_path)
                .map(|(_, d)| d.clone())
                .unwrap_or_default()
        })
    });
    let pair_for_class = pair.clone();
    let pair_for_end = pair.clone();
    let state = move || {
        let (c, p) = &pair_for_class;
        let chosen = view
            .selected_link
            .with(|s| s.as_ref().is_some_and(|s| s.0 == *c && s.1 == *p));
        let touches = view
            .selected
            .with(|s| s.as_ref().is_some_and(|s| s == c || s == p));
        let dim = view.lit.with(|lit| {
            lit.as_ref()
                .is_some_and(|lit| !(lit.contains(c) && lit.contains(p)))
        });
        let mut class = String::from("line");
        if chosen {
            class.push_str(" chosen");
        }
        if touches {
            class.push_str(" touching");
        }
        if dim {
            class.push_str(" dimmed");
        }
        class
    };
    let ends = move || {
        let (c, p) = &pair_for_end;
        format!("{} {}", dom_id(p), dom_id(c))
    };
    view! {
        <g class=state data-ends=ends>
            <path class="line-hit" d=move || d.get() on:pointerdown=move |e| {
                e.stop_propagation();
                view.selected.set(None);
                view.selected_link.set(Some(pair.clone()));
                focus_viewport(&view);
            } />
            <path class="line-path" d=move || d.get() />
        </g>
    }
}

/// A measure card's sparkline size (CSS pixels at zoom 1 in the standard
/// view; the stylesheet scales it in workshop mode).
const SPARK_WIDTH: f64 = 120.0;
const SPARK_HEIGHT: f64 = 22.0;

/// What a measure card with data shows under its text.
#[derive(Clone, PartialEq)]
struct Glance {
    svg: String,
    words: String,
    name: String,
    standing: &'static str,
}

#[component]
pub fn Card(id: Id) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let id = StoredValue::new(id);
    let placement = Memo::new(move |_| id.with_value(|id| view.card_box(id)));
    let kind = Memo::new(move |_| placement.with(|b| b.as_ref().map(|b| b.kind)));
    let code =
        Memo::new(move |_| id.with_value(|id| view.with_item(id, |item| item.code().to_owned())));
    let facts = Memo::new(move |_| {
        id.with_value(|id| view.facts.with(|f| f.get(id).cloned().unwrap_or_default()))
    });
    // The card's own text, read from its item: typing into it notifies
    // this card only (the layout is run again only if the card's height
    // changes).
    let text = Memo::new(move |_| {
        id.with_value(|id| {
            view.with_item(id, |item| {
                crate::ui::probe::count("cardText");
                item.text().to_owned()
            })
        })
    });
    // A measure with data: its sparkline, the latest value against the
    // target in words, and what the card's name adds (re-read only when
    // this measure changes).
    let glance = Memo::new(move |_| {
        id.with_value(|id| {
            view.with_item(id, |item| match item {
                ItemRef::Measure(m) if card_has_sparkline(m) => {
                    let chart = read_measure(m);
                    Some(Glance {
                        svg: sparkline_svg(&chart, SPARK_WIDTH, SPARK_HEIGHT),
                        words: card_words(&chart).unwrap_or_default(),
                        name: card_name_words(&chart).unwrap_or_default(),
                        standing: chart.standing.slug(),
                    })
                }
                _ => None,
            })
        })
    });
    let is_selected =
        Memo::new(move |_| id.with_value(|id| view.selected.with(|s| s.as_ref() == Some(id))));
    let is_editing =
        Memo::new(move |_| id.with_value(|id| view.editing.with(|s| s.as_ref() == Some(id))));
    let dimmed = Memo::new(move |_| {
        id.with_value(|id| {
            view.lit
                .with(|lit| lit.as_ref().is_some_and(|lit| !lit.contains(id)))
        })
    });
    let lit = Memo::new(move |_| {
        id.with_value(|id| {
            view.lit
                .with(|lit| lit.as_ref().is_some_and(|lit| lit.contains(id)))
        })
    });

    let offset = Memo::new(move |_| id.with_value(|id| move_offset(&view, id)));
    let style = move || {
        let (dx, dy) = offset.get().unwrap_or_default();
        let z = view.zoom.get_untracked();
        placement.with(|b| {
            b.as_ref()
                .map(|b| {
                    format!(
                        "transform: translate({}px, {}px); width: {}px; height: {}px;",
                        b.x + dx / z,
                        b.y + dy / z,
                        b.width,
                        b.height
                    )
                })
                .unwrap_or_default()
        })
    };
    let class = move || {
        let k = kind
            .get()
            .map(|k| format!("{k:?}").to_lowercase())
            .unwrap_or_default();
        format!("card kind-{k}")
    };
    let shown_text = move || {
        let t = text.get();
        if t.trim().is_empty() {
            "(no text yet)".to_owned()
        } else {
            t
        }
    };
    let name = move || {
        let k = kind.get().map(|k| k.label()).unwrap_or("item");
        let c = code.get();
        let gap = facts.with(|f| f.gap.map(|g| format!(" Gap: {g}")).unwrap_or_default());
        let counts = kind
            .get()
            .map(|k| counts_text(k, &facts.get()))
            .unwrap_or_default();
        let counts = if counts.is_empty() {
            String::new()
        } else {
            format!(" ({counts})")
        };
        let code = if c.is_empty() {
            String::new()
        } else {
            format!(" {c}")
        };
        let glance = glance.with(|g| {
            g.as_ref()
                .map(|g| format!(" {}", g.name))
                .unwrap_or_default()
        });
        format!(
            "{}{code}: {}{counts}.{glance}{gap}",
            crate::ui::outline::capitalised(k),
            shown_text()
        )
    };

    view! {
        <div
            id=move || id.with_value(dom_id)
            class=class
            class:selected=move || is_selected.get()
            class:dimmed=move || dimmed.get()
            class:lit=move || lit.get()
            class:gap=move || facts.with(|f| f.gap.is_some())
            class:moving=move || offset.with(Option::is_some)
            data-card-id=move || id.get_value().as_str().to_owned()
            style=style
            // While its text is edited in place the card is no button: the
            // editor inside it is the control (and is named on its own).
            role=move || (!is_editing.get()).then_some("button")
            aria-pressed=move || (!is_editing.get()).then(|| is_selected.get().to_string())
            aria-label=move || (!is_editing.get()).then(&name)
            tabindex=move || match (is_editing.get(), is_selected.get()) {
                (true, _) => None,
                (false, true) => Some("0"),
                (false, false) => Some("-1"),
            }
            on:pointerdown=move |e| gestures::on_card_pointer_down(view, id.get_value(), e)
            on:dblclick=move |_| view.editing.set(Some(id.get_value()))
            on:focus=move |_| {
                if !is_selected.get_untracked() {
                    view.select(Some(id.get_value()));
                }
            }
        >
            <div class="card-head" aria-hidden="true">
                <span class="code">{move || code.get()}</span>
                <Show when=move || facts.with(|f| f.gap.is_some())>
                    <span class="gap-mark" title=move || facts.with(|f| f.gap.unwrap_or_default())>"Gap"</span>
                </Show>
                <span class="counts">{move || kind.get().map(|k| counts_text(k, &facts.get())).unwrap_or_default()}</span>
            </div>
            <Show
                when=move || is_editing.get()
                fallback=move || view! { <p class="card-text" aria-hidden="true">{shown_text}</p> }
            >
                <InPlaceEditor id=id.get_value() />
            </Show>
            {move || {
                glance
                    .get()
                    .map(|g| {
                        // The domain escapes everything it draws; the
                        // picture is hidden from assistive technology (the
                        // card's name says it).
                        view! {
                            <div class=format!("card-glance chart-standing-{}", g.standing) aria-hidden="true">
                                <span class="sparkline" inner_html=g.svg></span>
                                <span class="glance-words">{g.words}</span>
                            </div>
                        }
                    })
            }}
            // For the pointer only, and hidden from assistive technology: a
            // control inside the card (itself a button) would be nested
            // interactive content. The keyboard links with L.
            <span
                class="link-handle"
                aria-hidden="true"
                title="Drag to another card to link them"
                on:pointerdown=move |e| gestures::on_handle_pointer_down(view, id.get_value(), e)
            >
                "→"
            </span>
        </div>
    }
}

/// Ends editing in place: keeps `value` (if given and changed) and gives
/// the focus back to the card. Called from the editor's own events, even
/// while the editor is being removed, so it uses no state of the editor.
fn finish_editing(view: DiagramView, id: &Id, value: Option<String>) {
    if let Some(value) = value {
        let value = value.trim();
        // Applying the same text changes nothing and records no step.
        view.wb.apply(Op::SetText {
            id: id.clone(),
            text: value.to_owned(),
        });
    }
    view.editing.set(None);
    focus_card(&view, id);
}

/// Editing a card's text where it stands: Enter keeps it, Escape puts the
/// old text back.
#[component]
pub fn InPlaceEditor(id: Id) -> impl IntoView {
    let view = expect_context::<DiagramView>();
    let original = view.untracked(|p| p.text_of(&id).map(str::to_owned).unwrap_or_default());
    let input = NodeRef::<html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    let on_blur_id = id.clone();
    view! {
        <textarea
            class="card-editor"
            node_ref=input
            aria-label="Card text (Enter to finish, Escape to cancel)"
            data-native-undo="true"
            prop:value=original
            on:pointerdown=|e| e.stop_propagation()
            on:keydown=move |e| {
                e.stop_propagation();
                match e.key().as_str() {
                    "Enter" if !e.shift_key() => {
                        e.prevent_default();
                        finish_editing(view, &id, Some(event_target_value(&e)));
                    }
                    "Escape" => {
                        e.prevent_default();
                        finish_editing(view, &id, None);
                    }
                    _ => {}
                }
            }
            on:blur=move |e| {
                // Leaving the editor (a click elsewhere) keeps the text.
                if view.editing.get_untracked().as_ref() == Some(&on_blur_id) {
                    finish_editing(view, &on_blur_id, Some(event_target_value(&e)));
                }
            }
        ></textarea>
    }
}
