//! The plan table: the plan laid out as the seed documents lay it out, one
//! row per action under its priority, outcome and aim.

use leptos::prelude::*;

#[component]
pub fn PlanTable() -> impl IntoView {
    view! { <section class="plan-table" aria-label="Plan table"></section> }
}
