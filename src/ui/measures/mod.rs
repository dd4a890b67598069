//! A plan's measures as charts: one measure's chart with its reading in
//! words (`chart`), its data entered in its details (`grid`), and the
//! Measures screen listing every measure with its chart and standing
//! (`screen`). The readings and the drawings are `model::charts`; these
//! components show them.

mod chart;
mod grid;
mod screen;

pub use chart::MeasureChartView;
pub use grid::MeasureData;
pub use screen::MeasuresScreen;
