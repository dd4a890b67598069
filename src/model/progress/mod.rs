//! Tracking a plan through its year: where each action stands against its
//! dates and updates (`tracking`). The rules take "today" as an argument.

pub mod tracking;
