//! The diagram's shared view state: selection, editing, focus, filter,
//! zoom, pan and drag, the memos derived from the plan (layout,
//! counts, chains), and the maths of zooming, panning and dragging. The
//! diagram's cards, panel, toolbar and gestures all import it from here.

use std::collections::{HashMap, HashSet};

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::arrange;
use crate::model::chain::{card_facts, chain_of, CardFacts};
use crate::model::culling::Area;
use crate::model::editing::Op;
use crate::model::layout::{layout, CardBox, Column, Layout, Metrics};
use crate::model::links::ItemRef;
use crate::model::{Id, Kind, Plan};
use crate::ui::state::{NoticeKind, Workbench};

const ZOOM_LIMITS: (f64, f64) = (0.1, 3.0);
/// How much one press of + or − zooms.
pub const ZOOM_STEP: f64 = 1.2;

/// How far beyond the edges of the viewport (CSS pixels) cards are built,
/// so panning shows them at once.
const CULLING_MARGIN: f64 = 300.0;

/// Large type, high contrast and fewer controls, for a projected screen.
#[derive(Clone, Copy)]
pub struct WorkshopMode(pub RwSignal<bool>);

/// A drag in progress: drawing a link from a card's handle, moving a card
/// (to reorder it, or to place an idea by dropping it on another card), or
/// panning the background.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    Link {
        from: Id,
        to: (f64, f64),
    },
    Move {
        card: Id,
        start: (f64, f64),
        to: (f64, f64),
        moved: bool,
    },
    Pan {
        last: (f64, f64),
    },
}

/// What the diagram screen shows, beyond the plan itself.
#[derive(Clone, Copy)]
pub struct DiagramView {
    pub wb: Workbench,
    pub selected: RwSignal<Option<Id>>,
    /// A line chosen by clicking it: (child, parent).
    pub selected_link: RwSignal<Option<(Id, Id)>>,
    /// The card whose text is being edited in place.
    pub editing: RwSignal<Option<Id>>,
    /// Focus: light up the selected card's chain and dim the rest.
    pub focus: RwSignal<bool>,
    /// Show one priority's part of the plan only.
    pub priority: RwSignal<Option<Id>>,
    pub zoom: RwSignal<f64>,
    pub pan: RwSignal<(f64, f64)>,
    /// The card whose keyboard link list is open.
    pub picking_link_for: RwSignal<Option<Id>>,
    pub drag: RwSignal<Option<Drag>>,
    pub metrics: Memo<Metrics>,
    /// The items a priority filter shows (all when None).
    pub visible: Memo<Option<HashSet<Id>>>,
    pub layout: Memo<Layout>,
    /// Where each card is in `layout.cards`.
    index: Memo<HashMap<Id, usize>>,
    pub facts: Memo<HashMap<Id, CardFacts>>,
    /// The chain lit up by focus, if focus is on and a card is selected.
    pub lit: Memo<Option<HashSet<Id>>>,
    pub viewport: NodeRef<html::Div>,
    /// The viewport's size in CSS pixels, kept up to date as it changes.
    pub screen_size: RwSignal<(f64, f64)>,
    /// The part of the layout on screen (with a margin): only the cards and
    /// lines in it are built.
    pub area: Memo<Area>,
    pub workshop: RwSignal<bool>,
}

impl DiagramView {
    pub fn new(wb: Workbench, workshop: RwSignal<bool>) -> Self {
        let priority = RwSignal::new(None::<Id>);
        let visible = Memo::new(move |_| {
            let chosen = priority.get()?;
            wb.with_shape(|p| chain_of(p, &chosen))
        });
        let metrics = Memo::new(move |_| {
            if workshop.get() {
                Metrics::workshop()
            } else {
                Metrics::standard()
            }
        });
        let layout = Memo::new(move |_| {
            let metrics = metrics.get();
            visible.with(|v| {
                wb.with_layout_input(|p| {
                    crate::ui::probe::count("layout");
                    layout(p, &metrics, v.as_ref())
                })
                .unwrap_or_default()
            })
        });
        let index = Memo::new(move |_| {
            layout.with(|l| {
                l.cards
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.clone(), i))
                    .collect()
            })
        });
        let facts = Memo::new(move |_| wb.with_shape(card_facts).unwrap_or_default());
        let selected = RwSignal::new(None::<Id>);
        let focus = RwSignal::new(false);
        let lit = Memo::new(move |_| {
            if !focus.get() {
                return None;
            }
            let id = selected.get()?;
            wb.with_shape(|p| chain_of(p, &id))
        });
        let zoom = RwSignal::new(1.0);
        let pan = RwSignal::new((0.0, 0.0));
        let screen_size = RwSignal::new((1600.0, 1000.0));
        let area = Memo::new(move |_| {
            Area::on_screen(screen_size.get(), pan.get(), zoom.get(), CULLING_MARGIN)
        });
        DiagramView {
            wb,
            selected,
            selected_link: RwSignal::new(None),
            editing: RwSignal::new(None),
            focus,
            priority,
            zoom,
            pan,
            picking_link_for: RwSignal::new(None),
            drag: RwSignal::new(None),
            metrics,
            visible,
            layout,
            index,
            facts,
            lit,
            viewport: NodeRef::new(),
            screen_size,
            area,
            workshop,
        }
    }

    /// Where a card is drawn now (tracked).
    pub fn card_box(&self, id: &Id) -> Option<CardBox> {
        let i = self.index.with(|ix| ix.get(id).copied())?;
        self.layout.with(|l| l.cards.get(i).cloned())
    }

    /// Reads one item of the open plan (tracked: re-run when it changes).
    pub fn with_item<R: Default>(&self, id: &Id, f: impl FnOnce(ItemRef<'_>) -> R) -> R {
        self.wb.with_item(id, f).unwrap_or_default()
    }

    /// Reads the open plan's shape (tracked: re-run when items are added,
    /// removed, moved or relinked).
    pub fn with_shape<R: Default>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.wb.with_shape(f).unwrap_or_default()
    }

    /// Reads the open plan, untracked (for gestures).
    pub fn untracked<R: Default>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.wb.with_plan_untracked(f).unwrap_or_default()
    }

    /// The kind of an item, untracked (for gestures).
    pub fn kind_of(&self, id: &Id) -> Option<Kind> {
        self.untracked(|p| p.kind_of(id))
    }

    /// Selects a card, brings it into view and moves the keyboard focus to
    /// it.
    pub fn select(&self, id: Option<Id>) {
        self.selected_link.set(None);
        self.selected.set(id.clone());
        if let Some(id) = id {
            // Only cards on screen are built: bring it into view first.
            scroll_into_view(self, &id);
            focus_card(self, &id);
        }
    }

    /// Links two cards whichever way the rules allow; a refusal says why.
    pub fn link(&self, a: &Id, b: &Id) {
        self.wb.apply(Op::LinkEither(a.clone(), b.clone()));
    }

    /// Adds a card to a column. It is linked to the selected card when that
    /// is one it can be linked to; otherwise it waits among the ideas to
    /// place (outcomes are always placed). Text is then typed in place.
    pub fn add_to(&self, column: Column) {
        let kind = column.kind();
        let parent = self.selected.get_untracked().filter(|s| {
            self.kind_of(s)
                .is_some_and(|k| crate::model::links::link_allowed(kind, k))
        });
        let added = self.wb.apply(Op::Add {
            kind,
            text: String::new(),
            parent,
            secondary: column == Column::SecondaryAims,
        });
        if let Some(id) = added.and_then(|c| c.created) {
            self.start_typing(id);
        }
    }

    /// Adds a card in the next column linked to the selected card: an aim
    /// driving the selected outcome, an action serving the selected aim, a
    /// measure evidencing the selected action.
    pub fn add_child(&self) {
        let Some(sel) = self.selected.get_untracked() else {
            return;
        };
        if let Some(id) = self.wb.apply(Op::AddNextStep(sel)).and_then(|c| c.created) {
            self.start_typing(id);
        }
    }

    /// Selects a new card and lets the user type its text in place (on
    /// the diagram, or among the ideas to place).
    fn start_typing(&self, id: Id) {
        // Selected without moving the focus to the card: the editor takes it.
        self.selected_link.set(None);
        self.selected.set(Some(id.clone()));
        scroll_into_view(self, &id);
        self.editing.set(Some(id));
    }

    /// Adds a priority (priorities head the plan; the diagram shows them as
    /// the filter) and lets the user type its title in the side panel.
    pub fn add_priority(&self) {
        let added = self.wb.apply(Op::Add {
            kind: Kind::Priority,
            text: String::new(),
            parent: None,
            secondary: false,
        });
        if let Some(id) = added.and_then(|c| c.created) {
            self.select(Some(id));
            request_animation_frame(|| {
                if let Ok(Some(el)) = document().query_selector(".side-panel textarea") {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    }

    /// Adds a card beside the selected one: same column, same links.
    pub fn add_sibling(&self) {
        let Some(sel) = self.selected.get_untracked() else {
            return;
        };
        if let Some(id) = self.wb.apply(Op::AddBeside(sel)).and_then(|c| c.created) {
            self.start_typing(id);
        }
    }

    /// Deletes the selected card and its links (undo brings it back).
    pub fn delete_selected(&self) {
        let Some(sel) = self.selected.get_untracked() else {
            return;
        };
        if self.wb.apply(Op::Delete(sel)).is_some() {
            self.selected.set(None);
            self.wb.notify(
                NoticeKind::Info,
                "The card and its links were deleted. Undo (Ctrl+Z) brings them back.",
            );
            focus_viewport(self);
        }
    }

    /// Removes the line chosen by clicking it.
    pub fn unlink_selected_line(&self) {
        if let Some((child, parent)) = self.selected_link.get_untracked() {
            if self.wb.apply(Op::Unlink { child, parent }).is_some() {
                self.selected_link.set(None);
            }
        }
    }

    /// Moves the selected card one place up or down its column (the
    /// domain refuses, with the reason, a move that would not show).
    pub fn reorder_selected(&self, up: bool) {
        let Some(sel) = self.selected.get_untracked() else {
            return;
        };
        let metrics = self.metrics.get_untracked();
        let planned = self.visible.with_untracked(|visible| {
            self.untracked(|p| {
                Some(arrange::move_in_column(
                    p,
                    &metrics,
                    visible.as_ref(),
                    &sel,
                    up,
                ))
            })
        });
        match planned {
            Some(Ok(Some(op))) => {
                self.wb.apply(op);
            }
            Some(Err(e)) => self.wb.notify(NoticeKind::Problem, e.to_string()),
            _ => {}
        }
        focus_card(self, &sel);
    }

    /// Drops a moved card on another card of its column: it takes that
    /// card's place (before it, or after it when dropped on its lower half).
    pub fn place(&self, id: &Id, target: &Id, after: bool) {
        let metrics = self.metrics.get_untracked();
        let planned = self.visible.with_untracked(|visible| {
            self.untracked(|p| {
                Some(arrange::place(
                    p,
                    &metrics,
                    visible.as_ref(),
                    id,
                    target,
                    after,
                ))
            })
        });
        match planned {
            Some(Ok(op)) => {
                self.wb.apply(op);
            }
            Some(Err(e)) => self.wb.notify(NoticeKind::Problem, e.to_string()),
            None => {}
        }
    }
}

/// The DOM id of a card, so keyboard focus can follow the selection.
pub fn dom_id(id: &Id) -> String {
    format!("card-{}", id.as_str())
}

/// Moves the keyboard focus to a card once it is drawn, unless the user
/// is by then typing somewhere (a new card's editor opened in between).
pub fn focus_card(view: &DiagramView, id: &Id) {
    let dom = dom_id(id);
    let editing = view.editing;
    request_animation_frame(move || {
        // A card's editor opened in the meantime (it may not have taken the
        // focus yet): focusing a card now would select that card and scroll
        // the editor away.
        let typing = document()
            .active_element()
            .is_some_and(|a| a.matches("textarea, input, select").unwrap_or(false));
        if typing || editing.try_with_untracked(Option::is_some).unwrap_or(false) {
            return;
        }
        if let Some(el) = document().get_element_by_id(&dom) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

pub fn focus_viewport(view: &DiagramView) {
    if let Some(el) = view.viewport.get_untracked() {
        let _ = el.focus();
    }
}

/// A point on the page in the canvas's own coordinates (zoom 1, no pan).
pub fn to_canvas(view: &DiagramView, client: (f64, f64)) -> (f64, f64) {
    let Some(el) = view.viewport.get_untracked() else {
        return client;
    };
    let rect = el.get_bounding_client_rect();
    let (px, py) = view.pan.get_untracked();
    let z = view.zoom.get_untracked();
    (
        (client.0 - rect.left() - px) / z,
        (client.1 - rect.top() - py) / z,
    )
}

/// Zooms about the middle of the viewport.
pub fn zoom_by(view: &DiagramView, factor: f64) {
    let (w, h) = viewport_size(view);
    let old = view.zoom.get_untracked();
    let new = (old * factor).clamp(ZOOM_LIMITS.0, ZOOM_LIMITS.1);
    view.pan.update(|(x, y)| {
        *x = w / 2.0 - (w / 2.0 - *x) * new / old;
        *y = h / 2.0 - (h / 2.0 - *y) * new / old;
    });
    view.zoom.set(new);
}

pub fn viewport_size(view: &DiagramView) -> (f64, f64) {
    view.viewport
        .get_untracked()
        .map(|el| (f64::from(el.client_width()), f64::from(el.client_height())))
        .unwrap_or((800.0, 600.0))
}

/// Shows the whole diagram (never enlarged beyond its natural size).
pub fn fit(view: &DiagramView) {
    let (w, h) = viewport_size(view);
    let (lw, lh) = view
        .layout
        .with_untracked(|l| (l.width.max(1.0), l.height.max(1.0)));
    let z = (w / lw).min(h / lh).min(1.0).max(ZOOM_LIMITS.0);
    view.zoom.set(z);
    view.pan
        .set(((w - lw * z) / 2.0, ((h - lh * z) / 2.0).max(0.0)));
}

/// Keeps a card in view when the keyboard moves the selection to it.
pub fn scroll_into_view(view: &DiagramView, id: &Id) {
    let Some(b) = view.layout.with_untracked(|l| l.card(id).cloned()) else {
        return;
    };
    let (w, h) = viewport_size(view);
    let z = view.zoom.get_untracked();
    view.pan.update(|(x, y)| {
        let (left, top) = (b.x * z + *x, b.y * z + *y);
        let (right, bottom) = (left + b.width * z, top + b.height * z);
        if left < 0.0 || right > w {
            *x -= left - (w - b.width * z) / 2.0;
        }
        if top < 0.0 || bottom > h {
            *y -= top - (h - b.height * z) / 2.0;
        }
    });
}

/// The drag offset of a card being moved, in page pixels (for drawing it
/// under the pointer).
pub fn move_offset(view: &DiagramView, id: &Id) -> Option<(f64, f64)> {
    view.drag.with(|d| match d {
        Some(Drag::Move {
            card,
            start,
            to,
            moved: true,
        }) if card == id => Some((to.0 - start.0, to.1 - start.1)),
        _ => None,
    })
}

/// Turns workshop mode on or off, with full screen where the browser
/// allows it (it may refuse; the mode works in a window too).
pub fn toggle_workshop(workshop: RwSignal<bool>) {
    let on = !workshop.get_untracked();
    workshop.set(on);
    let doc = document();
    if on {
        if let Some(root) = doc.document_element() {
            let _ = root.request_fullscreen();
        }
    } else if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    }
}
