//! A plan's measures as charts: one measure's chart with its reading in
//! words (`chart`), and the Measures screen listing every measure with its
//! chart and standing (`screen`). The readings and the drawings are `model::charts`;
//! these components show them.

mod chart;
mod screen;

pub use chart::{measure_reading, MeasureChartView};
pub use screen::MeasuresScreen;
