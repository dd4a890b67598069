//! Pointer and keyboard gestures on the diagram: drawing links, moving and
//! placing cards, panning and zooming, and moving the selection.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::view::{
    fit, focus_viewport, to_canvas, toggle_workshop, viewport_size, zoom_by, DiagramView, Drag,
    ZOOM_STEP,
};
use crate::model::layout::CardBox;
use crate::model::Id;

/// How far (CSS pixels) a pointer must travel before a press on a card
/// becomes a drag rather than a click.
const DRAG_THRESHOLD: f64 = 5.0;
const PAN_STEP: f64 = 80.0;

fn client_of(e: &web_sys::PointerEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

/// The card under a point of the page, if any.
fn card_at(client: (f64, f64)) -> Option<Id> {
    let el = document().element_from_point(client.0 as f32, client.1 as f32)?;
    let card = el.closest("[data-card-id]").ok()??;
    card.get_attribute("data-card-id").map(Id)
}

/// Sends every move and release of this pointer to the viewport, wherever
/// it goes, so a drag from the ideas area onto the diagram ends here.
fn capture(view: &DiagramView, e: &web_sys::PointerEvent) {
    if let Some(el) = view.viewport.get_untracked() {
        let _ = el.set_pointer_capture(e.pointer_id());
    }
}

pub fn on_handle_pointer_down(view: DiagramView, id: Id, e: web_sys::PointerEvent) {
    e.stop_propagation();
    e.prevent_default();
    let to = to_canvas(&view, client_of(&e));
    view.select(Some(id.clone()));
    view.drag.set(Some(Drag::Link { from: id, to }));
    capture(&view, &e);
}

pub fn on_card_pointer_down(view: DiagramView, id: Id, e: web_sys::PointerEvent) {
    if e.button() != 0 {
        return;
    }
    e.stop_propagation();
    let start = client_of(&e);
    view.drag.set(Some(Drag::Move {
        card: id,
        start,
        to: start,
        moved: false,
    }));
    capture(&view, &e);
}

pub fn on_background_pointer_down(view: DiagramView, e: web_sys::PointerEvent) {
    // Only the background itself pans: a press on a column's button must
    // stay a click (capturing the pointer would take the click away).
    let on_control = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| {
            t.closest("button, input, textarea, select, .column-head")
                .ok()
                .flatten()
        })
        .is_some();
    if e.button() != 0 || on_control {
        return;
    }
    view.selected.set(None);
    view.selected_link.set(None);
    view.drag.set(Some(Drag::Pan {
        last: client_of(&e),
    }));
    capture(&view, &e);
    focus_viewport(&view);
}

pub fn on_pointer_move(view: DiagramView, e: web_sys::PointerEvent) {
    let Some(drag) = view.drag.get_untracked() else {
        return;
    };
    let client = client_of(&e);
    match drag {
        Drag::Link { from, .. } => view.drag.set(Some(Drag::Link {
            from,
            to: to_canvas(&view, client),
        })),
        Drag::Move {
            card, start, moved, ..
        } => {
            let moved = moved || (client.0 - start.0).hypot(client.1 - start.1) > DRAG_THRESHOLD;
            view.drag.set(Some(Drag::Move {
                card,
                start,
                to: client,
                moved,
            }));
        }
        Drag::Pan { last } => {
            view.pan.update(|(x, y)| {
                *x += client.0 - last.0;
                *y += client.1 - last.1;
            });
            view.drag.set(Some(Drag::Pan { last: client }));
        }
    }
}

pub fn on_pointer_up(view: DiagramView, e: web_sys::PointerEvent) {
    let Some(drag) = view.drag.get_untracked() else {
        return;
    };
    view.drag.set(None);
    let client = client_of(&e);
    match drag {
        Drag::Link { from, .. } => match card_at(client) {
            Some(target) if target != from => {
                view.link(&from, &target);
                view.select(Some(from));
            }
            _ => view.wb.notify(
                crate::ui::state::NoticeKind::Info,
                "To link two cards, drop the line on the other card.",
            ),
        },
        Drag::Move {
            card, moved: false, ..
        } => view.select(Some(card)),
        Drag::Move { card, .. } => {
            let Some(target) = card_at(client).filter(|t| *t != card) else {
                return;
            };
            let same_column = view.layout.with_untracked(|l| {
                matches!((l.card(&card), l.card(&target)), (Some(a), Some(b)) if a.column == b.column)
            });
            if same_column {
                let after = view
                    .layout
                    .with_untracked(|l| l.card(&target).map(|b| b.y + b.height / 2.0))
                    .is_some_and(|middle| to_canvas(&view, client).1 > middle);
                view.place(&card, &target, after);
            } else {
                view.link(&card, &target);
            }
            view.select(Some(card));
        }
        Drag::Pan { .. } => {}
    }
}

pub fn on_wheel(view: DiagramView, e: web_sys::WheelEvent) {
    if e.ctrl_key() {
        e.prevent_default();
        zoom_by(
            &view,
            if e.delta_y() < 0.0 {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            },
        );
    } else {
        view.pan.update(|(x, y)| {
            *x -= e.delta_x();
            *y -= e.delta_y();
        });
    }
}

/// Moves the selection with the arrow keys: up and down a column; left to
/// what the card is linked to, right to what links to it (or the nearest
/// card in that column).
fn step_selection(view: &DiagramView, key: &str) {
    let layout = view.layout;
    // Home takes the first card, selected or not.
    if key == "Home" {
        if let Some(first) = layout.with_untracked(|l| l.cards.first().map(|c| c.id.clone())) {
            view.select(Some(first));
        }
        return;
    }
    let Some(sel) = view.selected.get_untracked() else {
        // Nothing selected yet: an arrow takes the card nearest the middle
        // of what is on screen, so the first key pressed on the diagram
        // selects rather than pans.
        if let Some(start) = card_nearest_the_middle(view) {
            view.select(Some(start));
        }
        return;
    };
    let next = layout.with_untracked(|l| {
        let here = l.card(&sel)?;
        let col = l.columns.iter().position(|c| c.column == here.column)?;
        match key {
            "ArrowUp" | "ArrowDown" => {
                let order = l.column_order(here.column);
                let i = order.iter().position(|x| *x == sel)?;
                let j = if key == "ArrowUp" {
                    i.checked_sub(1)?
                } else {
                    i + 1
                };
                order.get(j).cloned()
            }
            _ => {
                let col = if key == "ArrowLeft" {
                    col.checked_sub(1)?
                } else {
                    col + 1
                };
                let column = l.columns.get(col)?.column;
                let candidates = l.column_order(column);
                let linked = view.untracked(|p| {
                    candidates
                        .iter()
                        .find(|c| p.links_of(&sel).contains(c) || p.links_of(c).contains(&sel))
                        .cloned()
                });
                linked.or_else(|| {
                    let middle = here.y + here.height / 2.0;
                    candidates.into_iter().min_by(|a, b| {
                        let d = |id: &Id| {
                            l.card(id)
                                .map_or(f64::MAX, |c| (c.y + c.height / 2.0 - middle).abs())
                        };
                        d(a).total_cmp(&d(b))
                    })
                })
            }
        }
    });
    if let Some(next) = next {
        view.select(Some(next));
    }
}

/// The card whose centre is nearest the middle of the viewport, preferring
/// cards wholly on screen (selecting one of those does not scroll).
fn card_nearest_the_middle(view: &DiagramView) -> Option<Id> {
    let (w, h) = viewport_size(view);
    let (px, py) = view.pan.get_untracked();
    let z = view.zoom.get_untracked();
    view.layout.with_untracked(|l| {
        let on_screen = |c: &CardBox| {
            let (left, top) = (c.x * z + px, c.y * z + py);
            left >= 0.0 && top >= 0.0 && left + c.width * z <= w && top + c.height * z <= h
        };
        let distance = |c: &CardBox| {
            let (cx, cy) = (
                (c.x + c.width / 2.0) * z + px,
                (c.y + c.height / 2.0) * z + py,
            );
            (cx - w / 2.0).hypot(cy - h / 2.0)
        };
        let nearest = |cards: &mut dyn Iterator<Item = &CardBox>| {
            cards
                .min_by(|a, b| distance(a).total_cmp(&distance(b)))
                .map(|c| c.id.clone())
        };
        nearest(&mut l.cards.iter().filter(|c| on_screen(c)))
            .or_else(|| nearest(&mut l.cards.iter()))
    })
}

pub fn on_key(view: DiagramView, e: web_sys::KeyboardEvent) {
    if e.ctrl_key() || e.meta_key() || view.editing.get_untracked().is_some() {
        return;
    }
    // Keys typed into the side panel's fields are not commands.
    if e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
    {
        return;
    }
    let key = e.key();
    let selected = view.selected.get_untracked();
    let handled = match key.as_str() {
        "ArrowUp" | "ArrowDown" if e.alt_key() && selected.is_some() => {
            view.reorder_selected(key == "ArrowUp");
            true
        }
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if e.shift_key() => {
            let (dx, dy) = match key.as_str() {
                "ArrowUp" => (0.0, PAN_STEP),
                "ArrowDown" => (0.0, -PAN_STEP),
                "ArrowLeft" => (PAN_STEP, 0.0),
                _ => (-PAN_STEP, 0.0),
            };
            view.pan.update(|(x, y)| {
                *x += dx;
                *y += dy;
            });
            true
        }
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" => {
            step_selection(&view, &key);
            true
        }
        "Enter" | "F2" => {
            match selected {
                Some(id) => view.editing.set(Some(id)),
                None => step_selection(&view, "Home"),
            }
            true
        }
        "Delete" | "Backspace" => {
            if selected.is_some() {
                view.delete_selected();
            } else {
                view.unlink_selected_line();
            }
            true
        }
        "l" | "L" if selected.is_some() => {
            view.picking_link_for.set(selected);
            true
        }
        "n" | "N" => {
            if selected.is_some() {
                view.add_sibling();
            } else {
                view.add_to(crate::model::layout::Column::Outcomes);
            }
            true
        }
        "a" | "A" if selected.is_some() => {
            view.add_child();
            true
        }
        "w" | "W" => {
            toggle_workshop(view.workshop);
            true
        }
        "f" | "F" => {
            view.focus.update(|f| *f = !*f);
            true
        }
        "Escape" => {
            if view.focus.get_untracked() {
                view.focus.set(false);
            } else {
                view.selected.set(None);
                view.selected_link.set(None);
                focus_viewport(&view);
            }
            true
        }
        "+" | "=" => {
            zoom_by(&view, ZOOM_STEP);
            true
        }
        "-" => {
            zoom_by(&view, 1.0 / ZOOM_STEP);
            true
        }
        "0" => {
            fit(&view);
            true
        }
        _ => false,
    };
    if handled {
        e.prevent_default();
        e.stop_propagation();
    }
}
