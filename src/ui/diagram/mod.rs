//! The driver diagram: the plan drawn as columns of cards joined by lines,
//! edited directly by pointer (mouse, pen, touch) and keyboard. Positions
//! come from the domain's layout; this module only draws them and turns
//! gestures into calls on the plan.

mod card;
mod gestures;
mod panel;
mod picture;
mod toolbar;
mod view;

use leptos::prelude::*;

use super::state::use_workbench;
use crate::model::culling::{cards_in, links_in};
pub use view::WorkshopMode;
use view::{DiagramView, Drag};

/// What the keys do, read out when the diagram takes the focus and shown
/// under it.
const KEYS_HELP: &str = "Driver diagram. Keys: an arrow or Home selects a card, then arrows move between cards (Shift+arrows pan); Enter edits a card's text; N adds a card beside it; A adds a linked card in the next column; L links it to another card; Alt+Up or Down moves it; Delete deletes it; F focuses on its chain; W turns workshop mode on or off; + and − zoom; 0 fits the diagram to the screen.";

#[component]
pub fn Diagram() -> impl IntoView {
    let wb = use_workbench();
    let workshop = expect_context::<WorkshopMode>().0;
    let view = DiagramView::new(wb, workshop);
    provide_context(view);
    let panel_open = RwSignal::new(false);
    provide_context(panel::PanelOpen(panel_open));

    // An item that is deleted (by undo, say) is no longer selected.
    Effect::new(move |_| {
        if let Some(sel) = view.selected.get() {
            if !view.with_shape(|p| p.contains(&sel)) {
                view.selected.set(None);
            }
        }
    });

    watch_viewport_size(view);
    let card_ids = move || {
        view.area
            .with(|area| view.layout.with(|l| cards_in(l, area)))
    };
    // The lines on screen, each drawn once and kept while it stays on
    // screen: when the layout moves it, only its path changes.
    let line_paths = Memo::new(move |_| {
        view.area.with(|area| {
            view.layout.with(|l| {
                links_in(l, area)
                    .into_iter()
                    .map(|i| {
                        let link = &l.links[i];
                        ((link.child.clone(), link.parent.clone()), link.d())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    provide_context(card::LinePaths(line_paths));
    let links =
        move || line_paths.with(|p| p.iter().map(|(pair, _)| pair.clone()).collect::<Vec<_>>());
    let columns = move || view.layout.with(|l| l.columns.clone());
    let canvas_style = move || {
        let (x, y) = view.pan.get();
        let (w, h) = view.layout.with(|l| (l.width, l.height));
        format!(
            "transform: translate({x}px, {y}px) scale({}); width: {w}px; height: {h}px;",
            view.zoom.get()
        )
    };
    // The lines are drawn in a box the size of the part on screen, not of
    // the whole plan (a 5,000-item plan is 290,000 px tall), with a
    // viewBox in layout coordinates.
    let svg_box = Memo::new(move |_| {
        let (w, h) = view.layout.with(|l| (l.width, l.height));
        view.area.with(|a| a.clipped_to(w, h))
    });
    let drag_line = move || {
        let Some(Drag::Link { from, to }) = view.drag.get() else {
            return None;
        };
        let b = view.card_box(&from)?;
        let (x1, y1) = (b.x + b.width, b.y + b.height / 2.0);
        Some(format!("M {x1:.1} {y1:.1} L {:.1} {:.1}", to.0, to.1))
    };

    view! {
        <section
            class="diagram-screen"
            class:has-selection=move || view.selected.with(Option::is_some)
            aria-label="Driver diagram"
        >
            <toolbar::Toolbar />
            <toolbar::Ideas />
            <div class="diagram-body" class:panel-open=move || panel_open.get()>
                <div
                    class="viewport"
                    node_ref=view.viewport
                    tabindex="0"
                    role="application"
                    aria-roledescription="driver diagram"
                    aria-label=KEYS_HELP
                    on:keydown=move |e| gestures::on_key(view, e)
                    on:pointerdown=move |e| gestures::on_background_pointer_down(view, e)
                    on:pointermove=move |e| gestures::on_pointer_move(view, e)
                    on:pointerup=move |e| gestures::on_pointer_up(view, e)
                    on:pointercancel=move |_| view.drag.set(None)
                    on:wheel=move |e| gestures::on_wheel(view, e)
                >
                    <div class="canvas" style=canvas_style>
                        <For
                            each=columns
                            key=|c| (c.column, c.x as i64)
                            children=move |c| view! { <card::ColumnHead column=c.column x=c.x width=c.width /> }
                        />
                        <svg
                            class="lines"
                            aria-hidden="true"
                            style=move || svg_box.with(|b| format!("left: {}px; top: {}px;", b.x, b.y))
                            width=move || svg_box.with(|b| b.width)
                            height=move || svg_box.with(|b| b.height)
                            viewBox=move || svg_box.with(|b| format!("{} {} {} {}", b.x, b.y, b.width, b.height))
                        >
                            <For
                                each=links
                                key=|pair| pair.clone()
                                children=move |(child, parent)| view! { <card::Line child parent /> }
                            />
                            {move || drag_line().map(|d| view! { <path class="drag-line" d=d /> })}
                        </svg>
                        <For each=card_ids key=|id| id.clone() children=move |id| view! { <card::Card id /> } />
                    </div>
                </div>
                <panel::SidePanel />
            </div>
            <p class="hint keys-help not-in-workshop">{KEYS_HELP}</p>
            <panel::LinkPicker />
        </section>
    }
}

/// Keeps `screen_size` equal to the viewport's size (window resized, side
/// panel hidden by workshop mode, full screen).
fn watch_viewport_size(view: DiagramView) {
    use wasm_bindgen::prelude::*;
    Effect::new(move |_| {
        let Some(el) = view.viewport.get() else {
            return;
        };
        let measure = {
            let el = el.clone();
            move || {
                let size = (f64::from(el.client_width()), f64::from(el.client_height()));
                if view.screen_size.try_get_untracked() != Some(size) {
                    view.screen_size.try_set(size);
                }
            }
        };
        measure();
        let callback = Closure::<dyn FnMut()>::new(measure);
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&el);
            on_cleanup(move || observer.disconnect());
        }
        // One small closure per mount of the diagram screen; the observer
        // is disconnected when the screen goes.
        callback.forget();
    });
}
