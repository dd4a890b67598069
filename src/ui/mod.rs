//! The user interface: components that draw the workbench's state and turn
//! gestures into calls on the domain (`crate::model`). No plan rules here.

mod details;
mod files;
mod library;
mod notices;
mod outline;
pub mod panic_screen;
mod state;

use leptos::ev;
use leptos::prelude::*;

pub use state::{use_workbench, Screen, Workbench};

#[component]
pub fn App() -> impl IntoView {
    let wb = Workbench::start();
    provide_context(wb);

    // Another tab saved or removed a plan: show it, never write over it.
    window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        let Some(key) = e.key() else {
            // localStorage.clear() in another tab.
            wb.refresh_library();
            return;
        };
        if let Some(id) = crate::storage::plan_id_of_key(&key) {
            wb.stored_copy_changed(&id);
        }
    });

    let title = move || {
        wb.plan
            .with(|p| p.as_ref().map(|p| p.meta.title.clone()))
            .unwrap_or_default()
    };

    view! {
        <div class="app" on:dragover=files::allow_drop on:drop=move |e| files::on_drop(wb, e)>
            <header class="topbar">
                <h1 class="app-name">"Improvement plan workbench"</h1>
                <nav aria-label="Workbench">
                    <button
                        type="button"
                        aria-current=move || (wb.screen.get() == Screen::Library).then_some("page")
                        on:click=move |_| wb.close()
                    >
                        "Plan library"
                    </button>
                    <Show when=move || wb.plan.with(Option::is_some)>
                        <button
                            type="button"
                            aria-current=move || (wb.screen.get() == Screen::Outline).then_some("page")
                            on:click=move |_| wb.screen.set(Screen::Outline)
                        >
                            "Outline"
                        </button>
                        <button
                            type="button"
                            aria-current=move || (wb.screen.get() == Screen::Details).then_some("page")
                            on:click=move |_| wb.screen.set(Screen::Details)
                        >
                            "Plan details"
                        </button>
                        <button type="button" on:click=move |_| files::export_open_plan(wb)>
                            "Export plan file"
                        </button>
                    </Show>
                    <files::ImportButton />
                </nav>
            </header>
            <notices::Notices />
            <main>
                {move || match wb.screen.get() {
                    Screen::Library => view! { <library::Library /> }.into_any(),
                    Screen::Outline => {
                        view! {
                            <h2 class="plan-title">{title}</h2>
                            <outline::Outline />
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
                }}
            </main>
        </div>
    }
}
