//! The screens of a plan's year: the plan table, where leads update their
//! actions (`table`), and the progress report taken to committees
//! (`report`). The rules they show are in `model::progress`.

mod report;
mod table;

pub use report::ProgressReport;
pub use table::PlanTable;

/// Today in the user's own time zone: the one place the screens
/// read the clock (the rules in `model::progress` take it as an argument).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
