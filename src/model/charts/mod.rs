//! Charts of a measure's values over time and the rules that read them,
//! in plain Rust with no dates and no web.

pub mod run_chart;
