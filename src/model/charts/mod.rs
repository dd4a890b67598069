//! Charts of a measure's values over time and the rules that read them, as
//! plain numbers with no dates and no web: run charts with the Anhøj and
//! IHI rules (`run_chart`) and SPC charts, XmR and P, with their special
//! cause tests (`spc`). Drawing them is elsewhere.

pub mod paste;
pub mod periods;
pub mod run_chart;
pub mod spc;
