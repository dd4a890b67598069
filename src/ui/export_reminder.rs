//! The reminder to export a plan that has changed a lot since it was last
//! in a file: shown in the status area (announced politely, never taking
//! the focus), once a visit for each plan, with the export at hand.

use leptos::prelude::*;

use super::files;
use super::state::use_workbench;
use crate::model::keeping::export_reminder::reminder_text;

#[component]
pub fn ExportReminderNotice() -> impl IntoView {
    let wb = use_workbench();
    move || {
        wb.export_reminder.get().map(|r| {
            let text = reminder_text(&r.title, r.exported, &chrono::Local);
            // Named after the plan: the top bar has an "Export plan file"
            // too, which exports the open plan, and this may be another.
            let export_name = format!("Export plan file of “{}”", r.title);
            let id = StoredValue::new(r.id);
            view! {
                <div class="notice export-reminder">
                    <p>{text}</p>
                    <button
                        type="button"
                        aria-label=export_name
                        on:click=move |_| files::export_plan_by_id(wb, &id.get_value())
                    >
                        "Export plan file"
                    </button>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label="Dismiss the export reminder"
                        on:click=move |_| wb.dismiss_export_reminder()
                    >
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
