//! A measure's values over time, the rules that read them and the chart
//! that shows them, with no web: the shared walks over a series (`series`),
//! run charts with the Anhøj and IHI rules (`run_chart`), SPC charts, XmR
//! and P, with their special-cause tests (`spc`), a measure read as a chart
//! with its phases, baseline, exclusions and direction (`reading`), the
//! periods and pasted blocks its data is entered as (`periods`, `paste`),
//! the chart drawn as SVG, full size and as a card's sparkline (`svg`), and
//! the words under the chart, its text alternative (`words`).

pub mod listing;
pub mod paste;
pub mod periods;
pub mod reading;
pub mod run_chart;
pub mod series;
pub mod spc;
pub mod svg;
pub mod words;
