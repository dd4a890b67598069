//! Keeps the page's address (`location.hash`, read and written by
//! `crate::model::address`) and what the workbench shows in step. A screen
//! the user moves to gets a history entry of its own, so the browser's Back
//! and Forward move between screens; an address the page is given (a
//! reload, a bookmark, a shared link, Back or Forward) is shown, and where
//! the workbench itself corrects an address it replaces it rather than
//! adding an entry.
//!
//! Written here rather than with leptos_router: its 0.8 routes match the
//! URL's path, which a static host, the single file and a service worker's
//! precache would not serve for every screen, and using only its location
//! and navigate cost 42 KB of wasm (17 KB gzipped) where this costs 12 KB
//! (5.6 KB).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::state::{AddressProblem, Screen, Workbench};
use crate::model::address::{self, Address, PlanScreen};
use crate::model::Id;

fn page_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Writes an address into the page's URL without reloading: a new history
/// entry, or in place of the current one.
fn write_address(address: &Address, new_entry: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let hash = address.to_hash();
    // Only the fragment changes, which browsers allow on file:// too.
    let _ = if new_entry {
        history.push_state_with_url(&JsValue::NULL, "", Some(&hash))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
    };
}

fn screen_of(screen: PlanScreen) -> Screen {
    match screen {
        PlanScreen::Outline => Screen::Outline,
        PlanScreen::Diagram => Screen::Diagram,
        PlanScreen::Details => Screen::Details,
        PlanScreen::Table => Screen::Table,
        PlanScreen::Report => Screen::Report,
        PlanScreen::Measures => Screen::Measures,
        PlanScreen::Import => Screen::Import,
    }
}

fn open_plan_id(wb: Workbench) -> Option<Id> {
    wb.with_plan_untracked(|p| p.id.clone())
}

/// The address of what the workbench shows now (tracked: re-read when the
/// screen, the open plan or an address problem changes).
fn shown(wb: Workbench) -> Address {
    if let Some(problem) = wb.address_problem.get() {
        return problem.address;
    }
    let screen = wb.screen.get();
    let open = wb.is_open().then(|| open_plan_id(wb)).flatten();
    let plan_screen = match screen {
        Screen::Library => None,
        Screen::Outline => Some(PlanScreen::Outline),
        Screen::Diagram => Some(PlanScreen::Diagram),
        Screen::Details => Some(PlanScreen::Details),
        Screen::Table => Some(PlanScreen::Table),
        Screen::Report => Some(PlanScreen::Report),
        Screen::Measures => Some(PlanScreen::Measures),
        Screen::Import => Some(PlanScreen::Import),
    };
    match (open, plan_screen) {
        (Some(id), Some(screen)) => Address::Plan { id, screen },
        _ => Address::Library,
    }
}

/// Shows what `address` names. A plan this browser does not hold (or
/// holds from a newer version) is only reported: nothing is created,
/// stored or closed.
fn follow(wb: Workbench, address: Address) {
    match address {
        Address::Library => {
            if open_plan_id(wb).is_some() || wb.screen.get_untracked() != Screen::Library {
                // Asks first if the open plan's work would be lost.
                wb.close();
            } else {
                wb.show_screen(Screen::Library);
            }
        }
        Address::Plan { id, screen } => {
            if open_plan_id(wb).as_ref() == Some(&id) {
                // Back to the open plan while being asked about leaving it:
                // nothing is left, so the question is moot.
                wb.leaving.set(None);
                wb.show_screen(screen_of(screen));
                return;
            }
            let stored = wb
                .library
                .with_untracked(|l| l.iter().find(|e| e.id == id).map(|e| e.needs_newer));
            match stored {
                None => wb.address_problem.set(Some(AddressProblem {
                    address: Address::Plan { id, screen },
                    needs_newer: None,
                })),
                Some(Some(version)) => wb.address_problem.set(Some(AddressProblem {
                    address: Address::Plan { id, screen },
                    needs_newer: Some(version),
                })),
                Some(None) => {
                    wb.open(&id);
                    if open_plan_id(wb).as_ref() == Some(&id) {
                        wb.show_screen(screen_of(screen));
                    }
                }
            }
        }
    }
}

/// At start: shows what the page's address names. False when the page has
/// no address (or text that is not one), so the workbench shows what it
/// would without.
pub fn follow_page_address(wb: Workbench) -> bool {
    match address::parse(&page_hash()) {
        Some(address) => {
            follow(wb, address);
            true
        }
        None => false,
    }
}

/// Puts the address of what is shown in the URL, written as the workbench
/// writes it (`#/` becomes `#/library`, an unknown screen `.../outline`),
/// in place of the current entry.
fn correct_address(wb: Workbench) {
    let shown = untrack(|| shown(wb));
    if page_hash() != shown.to_hash() {
        write_address(&shown, false);
    }
}

/// Keeps the address and the screen in step from now on (once, at start).
pub fn keep_in_step(wb: Workbench) {
    // The address as the workbench started: a missing or mistyped one
    // becomes the address of what is shown.
    correct_address(wb);

    // The question "leave without saving?" was asked because of an
    // address (Back, Forward, a typed address), not a button.
    let asked_by_address = StoredValue::new(false);

    // Back, Forward, a typed or followed address. Moving through history
    // entries that differ in their fragment fires `hashchange` as well as
    // `popstate`, so one listener sees every change of address.
    window_event_listener(ev::hashchange, move |_| {
        let Some(address) = address::parse(&page_hash()) else {
            // Not an address (an in-page link, say): put back the one
            // shown.
            correct_address(wb);
            return;
        };
        follow(wb, address);
        if wb.leaving.with_untracked(Option::is_some) {
            // The address stays as asked for until the user answers.
            asked_by_address.set_value(true);
        } else {
            correct_address(wb);
        }
    });

    // The user moved to another screen or plan: a new history entry.
    Effect::new(move |_| {
        let shown = shown(wb);
        if wb.leaving.with(Option::is_some) {
            return;
        }
        if asked_by_address.get_value() {
            // The question an address raised is answered: leaving went
            // ahead (the address is already right) or the user stayed,
            // and the address goes back to the plan's.
            asked_by_address.set_value(false);
            if let Some(Address::Plan { id, screen }) = address::parse(&page_hash()) {
                if open_plan_id(wb).as_ref() == Some(&id) {
                    wb.show_screen(screen_of(screen));
                }
            }
            correct_address(wb);
            return;
        }
        // Every address the page was given has been rewritten as the
        // workbench writes it, so a different text is a different screen.
        if page_hash() != shown.to_hash() {
            write_address(&shown, true);
        }
    });
}

/// Shown in place of a screen when the address names a plan this browser
/// cannot show.
#[component]
pub fn AddressProblemScreen() -> impl IntoView {
    let wb = super::state::use_workbench();
    let needs_newer = wb
        .address_problem
        .with_untracked(|p| p.as_ref().and_then(|p| p.needs_newer));
    let (heading, text) = match needs_newer {
        None => (
            "No plan at this address",
            "This browser has no plan with that address. It may be stored in another browser, or not imported here yet.".to_owned(),
        ),
        Some(version) => (
            "This plan needs a newer version",
            format!(
                "The plan at this address was saved by a newer version of the workbench (format version {version}), so this version cannot open it. It is kept in this browser exactly as it is, and opens once the workbench is updated."
            ),
        ),
    };
    view! {
        <section class="address-problem" aria-labelledby="address-problem-heading">
            <h2 id="address-problem-heading">{heading}</h2>
            <p>{text}</p>
            <button type="button" on:click=move |_| wb.close()>
                "Go to the plan library"
            </button>
        </section>
    }
}
