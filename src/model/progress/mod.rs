//! Tracking a plan through its year: where each action stands against its
//! dates and updates (`tracking`), and what the actions and measures of a
//! priority, outcome or aim add up to (`rollup`). The rules take "today" as
//! an argument. `review` says where an action stood on a date and what
//! changed since the last review; `settings` which tracking settings make
//! sense. `table` lays the plan out as the plan table's rows and `report`
//! as the progress report.

pub mod report;
pub mod review;
pub mod rollup;
pub mod settings;
pub mod table;
pub mod tracking;
