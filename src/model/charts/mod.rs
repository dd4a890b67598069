//! Charts of a measure's data: the centre lines, limits and signals, computed
//! as plain numbers (drawing them is elsewhere).
pub mod spc;
