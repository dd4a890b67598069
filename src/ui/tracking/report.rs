//! The progress report: the plan's progress as committees read it.

use leptos::prelude::*;

#[component]
pub fn ProgressReport() -> impl IntoView {
    view! { <section class="progress-report" aria-label="Progress report"></section> }
}
