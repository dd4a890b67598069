//! The user interface: components that draw the workbench's state and turn
//! gestures into calls on the domain (`crate::model`). No plan rules here.

mod address;
mod details;
mod diagram;
mod export_reminder;
mod files;
mod import;
mod library;
mod measures;
mod notices;
mod outline;
pub mod panic_screen;
mod probe;
mod repair;
mod state;
mod tracking;
mod updates;

use leptos::ev;
use leptos::prelude::*;

pub use state::{use_workbench, Screen, Workbench};

const LEAVE_WARNING: &str = "Your latest changes are not saved in this browser. Stay on the page and export the plan to a file to keep them.";

#[component]
pub fn App() -> impl IntoView {
    let wb = Workbench::start();
    provide_context(wb);
    address::keep_in_step(wb);
    provide_context(updates::start());
    let workshop = RwSignal::new(false);
    provide_context(diagram::WorkshopMode(workshop));

    // Undo and redo anywhere (outline, details or diagram). A card's text
    // being typed in place keeps the browser's own undo of its letters.
    window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        let in_place_editor = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|t| t.has_attribute("data-native-undo"));
        // Not while the repair offer (a modal dialog) hides the plan.
        let offer_open = wb.repair_offer.with_untracked(Option::is_some);
        if in_place_editor || offer_open || wb.with_plan_untracked(|_| ()).is_none() {
            return;
        }
        match e.key().to_lowercase().as_str() {
            "z" if e.shift_key() => wb.redo(),
            "z" => wb.undo(),
            "y" => wb.redo(),
            _ => return,
        }
        e.prevent_default();
    });

    // Leaving or hiding the page saves a change that is waiting; if the
    // latest changes cannot be saved (and are not exported), the browser
    // asks before the page goes. Browsers show their own words; ours are
    // for those that still show a page's text.
    window_event_listener(ev::beforeunload, move |e: web_sys::BeforeUnloadEvent| {
        wb.flush_save();
        if wb.work_at_risk() {
            e.prevent_default();
            e.set_return_value(LEAVE_WARNING);
        }
    });
    window_event_listener(ev::pagehide, move |_| wb.flush_save());
    window_event_listener(ev::visibilitychange, move |_| wb.flush_save());

    // Another tab saved or removed a plan: show it, never write over it.
    window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        let Some(key) = e.key() else {
            // localStorage.clear() in another tab.
            wb.refresh_library();
            return;
        };
        if let Some(id) = crate::storage::plan_id_of_key(&key) {
            wb.stored_copy_changed(&id);
        } else if crate::storage::is_record_key(&key) {
            wb.refresh_library();
        }
    });

    let saved = move || !wb.save_pending.get() && wb.save_problem.with(Option::is_none);
    let title = move || {
        wb.with_meta(|p| p.display_title().to_owned())
            .unwrap_or_default()
    };

    view! {
        <div class="app" class:workshop=move || workshop.get() on:dragover=files::allow_drop on:drop=move |e| files::on_drop(wb, e)>
            <header class="topbar">
                <h1 class="app-name">"Improvement plan workbench"</h1>
                <nav aria-label="Workbench">
                    <button
                        type="button"
                        aria-current=move || (wb.screen.get() == Screen::Library && wb.address_problem.with(Option::is_none)).then_some("page")
                        on:click=move |_| wb.close()
                    >
                        "Plan library"
                    </button>
                    <Show when=move || wb.is_open()>
                        <ScreenButton screen=Screen::Outline label="Outline" />
                        <ScreenButton screen=Screen::Diagram label="Driver diagram" />
                        <ScreenButton screen=Screen::Details label="Plan details" />
                        <ScreenButton screen=Screen::Table label="Plan table" />
                        <ScreenButton screen=Screen::Report label="Progress report" />
                        <ScreenButton screen=Screen::Measures label="Measures" />
                        <ScreenButton screen=Screen::Import label="Bring in a table" />
                        <button type="button" class="not-in-workshop" on:click=move |_| files::export_open_plan(wb)>
                            "Export plan file"
                        </button>
                        <button
                            type="button"
                            class="keep-in-workshop"
                            aria-keyshortcuts="Control+Z"
                            aria-disabled=move || (!wb.undo_state.get().can_undo).to_string()
                            on:click=move |_| wb.undo()
                        >
                            "Undo"
                        </button>
                        <button
                            type="button"
                            class="keep-in-workshop"
                            aria-keyshortcuts="Control+Shift+Z Control+Y"
                            aria-disabled=move || (!wb.undo_state.get().can_redo).to_string()
                            on:click=move |_| wb.redo()
                        >
                            "Redo"
                        </button>
                    </Show>
                    <files::ImportButton />
                </nav>
                <Show when=move || wb.is_open()>
                    <span class="save-state" data-saved=move || saved().to_string()>
                        {move || if saved() { "Saved in this browser" } else if wb.save_problem.with(Option::is_some) { "Not saved" } else { "Saving…" }}
                    </span>
                </Show>
            </header>
            <notices::Notices />
            <updates::UpdateNotice />
            <main>
                {move || match wb.screen.get() {
                    _ if wb.address_problem.with(Option::is_some) => view! { <address::AddressProblemScreen /> }.into_any(),
                    Screen::Library => view! { <library::Library /> }.into_any(),
                    Screen::Outline => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <outline::Outline />
                        }
                            .into_any()
                    }
                    Screen::Diagram => {
                        view! {
                            <h2 class="plan-title not-in-workshop">{title}</h2>
                            <diagram::Diagram />
                        }
                            .into_any()
                    }
                    Screen::Details => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <details::PlanDetails />
                        }
                            .into_any()
                    }
                    Screen::Table => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <tracking::PlanTable />
                        }
                            .into_any()
                    }
                    Screen::Report => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <tracking::ProgressReport />
                        }
                            .into_any()
                    }
                    Screen::Measures => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <measures::MeasuresScreen />
                        }
                            .into_any()
                    }
                    Screen::Import => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <import::ImportScreen />
                        }
                            .into_any()
                    }
                }}
            </main>
        </div>
    }
}

/// A top-bar button that shows one of the open plan's screens.
#[component]
fn ScreenButton(screen: Screen, label: &'static str) -> impl IntoView {
    let wb = use_workbench();
    view! {
        <button
            type="button"
            aria-current=move || (wb.screen.get() == screen && wb.address_problem.with(Option::is_none)).then_some("page")
            on:click=move |_| wb.show_screen(screen)
        >
            {label}
        </button>
    }
}
