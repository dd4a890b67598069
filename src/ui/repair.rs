//! The offer to open a plan file (or a set-aside copy) repaired: a dialog
//! listing every change the repair would make, with the choice to open the
//! repaired plan, download the original exactly as it was, or cancel. The
//! repairs themselves are `model::format::repair`'s; nothing is stored unless the
//! user opens the repaired plan.

use leptos::prelude::*;

use super::files;
use super::state::{use_workbench, Workbench};
use crate::model::format::repair::Repair;
use crate::model::Plan;

/// A plan read from a file or a set-aside copy that opens only repaired,
/// held while the user decides.
#[derive(Clone, Debug, PartialEq)]
pub struct RepairOffer {
    /// The file's name, or `None` for a set-aside copy.
    pub file_name: Option<String>,
    /// The set-aside copy it came from, removed once the plan is stored.
    pub from_aside: Option<String>,
    /// The text as it was read, byte for byte, for "Download the original".
    pub original: Vec<u8>,
    pub plan: Plan,
    pub repairs: Vec<Repair>,
}

/// Shows the offer (replacing any earlier one not yet answered).
pub fn offer(wb: Workbench, offer: RepairOffer) {
    wb.repair_offer.set(Some(offer));
}

/// The user's answer: open the repaired plan through the ordinary import
/// (which asks about a plan already in the library, and about unsaved
/// work), or leave everything as it was.
fn answer(wb: Workbench, open: bool) {
    let Some(offer) = wb.repair_offer.get_untracked() else {
        return;
    };
    wb.repair_offer.set(None);
    if open {
        wb.import(offer.plan, offer.from_aside);
    }
}

fn download_original(wb: Workbench, offer: &RepairOffer) {
    let name = offer
        .file_name
        .clone()
        .unwrap_or_else(|| "original-stored-copy.json".to_owned());
    if let Err(e) = files::download_bytes(&name, "application/json", &offer.original) {
        files::report_download_failure(wb, "the original", &e);
    }
}

/// The dialog, while an offer waits for an answer.
#[component]
pub fn RepairDialog() -> impl IntoView {
    let wb = use_workbench();
    move || {
        wb.repair_offer
            .get()
            .map(|offer| view! { <OfferDialog offer /> })
    }
}

#[component]
fn OfferDialog(offer: RepairOffer) -> impl IntoView {
    let wb = use_workbench();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let heading = NodeRef::<leptos::html::H2>::new();
    // Modal, so the page behind cannot be changed meanwhile; the heading
    // takes the focus so a screen reader starts at the top of the list.
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
    });
    // Every way of closing it (the buttons, Escape) ends here; only
    // "Open the repaired plan" sets this return value.
    const OPEN: &str = "open";
    let on_close = move |_| {
        let open = dialog
            .get_untracked()
            .is_some_and(|d| d.return_value() == OPEN);
        answer(wb, open);
    };
    let close_with = move |value: &str| {
        if let Some(d) = dialog.get_untracked() {
            d.close_with_return_value(value);
        }
    };
    let n = offer.repairs.len();
    let changes = if n == 1 {
        "this change".to_owned()
    } else {
        format!("these {n} changes")
    };
    let (title, source) = match &offer.file_name {
        Some(name) => (
            format!("“{name}” can be opened once it is repaired"),
            "the file",
        ),
        None => (
            "The copy that could not be read can be opened once it is repaired".to_owned(),
            "the copy",
        ),
    };
    let intro = format!(
        "As it is, {source} cannot be opened. The workbench can repair it with {changes}; nothing else in it is changed:"
    );
    let after = if offer.from_aside.is_some() {
        "The repaired plan is stored in this browser only if you open it; the copy then leaves the list of copies that could not be read. If you cancel, it stays there exactly as it was."
    } else {
        "The repaired plan is stored in this browser only if you open it. If you cancel, nothing is changed."
    };
    let items = offer
        .repairs
        .iter()
        .map(|r| view! { <li>{r.description.clone()}</li> })
        .collect_view();
    let original = StoredValue::new(offer);
    view! {
        <dialog
            class="repair-offer"
            node_ref=dialog
            aria-labelledby="repair-offer-heading"
            on:close=on_close
        >
            <h2 id="repair-offer-heading" tabindex="-1" node_ref=heading>{title}</h2>
            <p>{intro}</p>
            <ol class="repair-list">{items}</ol>
            <p>{after}</p>
            <div class="repair-choices">
                <button type="button" on:click=move |_| close_with(OPEN)>
                    "Open the repaired plan"
                </button>
                <button
                    type="button"
                    on:click=move |_| original.with_value(|o| download_original(wb, o))
                >
                    "Download the original"
                </button>
                <button type="button" on:click=move |_| close_with("")>
                    "Cancel"
                </button>
            </div>
        </dialog>
    }
}
