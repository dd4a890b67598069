//! A plan's measures as charts: one measure's chart with its reading in
//! words (`chart`), and the Measures screen listing every measure with its
//! chart and standing. The readings and the drawings are `model::charts`;
//! these components show them.

mod chart;

pub use chart::{measure_reading, MeasureChartView};

use leptos::prelude::*;

/// Every measure of the open plan with its chart and standing.
#[component]
pub fn MeasuresScreen() -> impl IntoView {
    view! { <section class="measures-screen" aria-labelledby="measures-heading"><h2 id="measures-heading">"Measures"</h2></section> }
}
