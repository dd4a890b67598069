//! When each plan was last exported to a file, how much it has changed
//! since, and when to remind the user to export it again. Browsers may
//! delete a site's stored data, so a plan that has changed a lot since its
//! last copy on file is worth a reminder; at most once a visit, so that it
//! never nags.
//!
//! "How much it has changed" is counted in edits: one for each undo step
//! (a burst of typing into one field is one edit, as is each item added,
//! deleted, linked or moved, and each undo or redo). That is what a person
//! would have to do again if the stored copy were lost, and it is simple
//! to count and to explain.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::plan::{Id, Plan};

/// From this many edits since the plan was last in a file, it "has
/// changed a lot": about a dozen new items with their text, which takes a
/// while to write again.
pub const A_LOT_OF_EDITS: u32 = 20;

/// What is kept with a stored plan about its copies on file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExportRecord {
    /// When the plan was last exported to a file from this browser.
    #[serde(default)]
    pub exported: Option<DateTime<Utc>>,
    /// Edits since the plan was last in a file: exported from here, or
    /// imported (the imported file holds it as it was then).
    #[serde(default)]
    pub edits: u32,
}

impl ExportRecord {
    /// For a plan stored before export dates were kept: never exported as
    /// far as anyone knows, with at least one edit for each item in it (each
    /// took at least one to write), so a plan with real work in it is
    /// reminded of rather than taken to be safe.
    pub fn from_before_records(plan: &Plan) -> Self {
        let items = plan.priorities.len()
            + plan.outcomes.len()
            + plan.aims.len()
            + plan.actions.len()
            + plan.measures.len();
        ExportRecord {
            exported: None,
            edits: u32::try_from(items).unwrap_or(u32::MAX),
        }
    }

    /// One more edit.
    pub fn edited(&mut self) {
        self.edits = self.edits.saturating_add(1);
    }

    /// The plan was exported to a file at `at`: everything in it so far is
    /// kept there.
    pub fn exported_at(&mut self, at: DateTime<Utc>) {
        self.exported = Some(at);
        self.edits = 0;
    }

    /// The record of a copy of the plan (a duplicate): the copy itself was
    /// never exported, and what the original had not put in a file, the
    /// copy has not either.
    pub fn for_a_copy(&self) -> Self {
        ExportRecord {
            exported: None,
            edits: self.edits,
        }
    }

    /// The record of a plan read from a file over the stored plan with its
    /// id: its content is in that file (no edits yet), and the last export
    /// from this browser is still when it was.
    pub fn replaced_from_a_file(&self) -> Self {
        ExportRecord {
            exported: self.exported,
            edits: 0,
        }
    }

    /// The record when this version of a plan is saved over another one's
    /// (another tab's): this version's edits, and the later of the two
    /// exports (the plan was last exported then, whichever tab did it).
    pub fn saved_over(&self, theirs: &ExportRecord) -> Self {
        ExportRecord {
            exported: self.exported.max(theirs.exported),
            edits: self.edits,
        }
    }

    /// Whether the plan has changed a lot since it was last in a file.
    pub fn changed_a_lot(&self) -> bool {
        self.edits >= A_LOT_OF_EDITS
    }
}

/// "3 November 2026 at 14:05", in the time zone `tz` (the browser's own,
/// `chrono::Local`, on screen), with the offset in force on that date.
pub fn uk_date_at_time<Tz: chrono::TimeZone>(t: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(tz).format("%-d %B %Y at %H:%M").to_string()
}

/// What the library says of a plan's exports.
pub fn export_line<Tz: chrono::TimeZone>(record: &ExportRecord, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match record.exported {
        Some(at) => format!("Last exported {}", uk_date_at_time(at, tz)),
        None => "Not exported yet".to_owned(),
    }
}

/// The reminder's words for the plan titled `title` (as shown).
pub fn reminder_text<Tz: chrono::TimeZone>(
    title: &str,
    exported: Option<DateTime<Utc>>,
    tz: &Tz,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let what = match exported {
        Some(at) => format!(
            "“{title}” has changed a lot since it was last exported on {}.",
            uk_date_at_time(at, tz)
        ),
        None => format!("“{title}” has changed a lot and has not been exported yet."),
    };
    format!("{what} Export a copy to keep it safe: browsers can delete stored data.")
}

/// The reminders of one visit (one page load): each plan is reminded of at
/// most once, whether the reminder was then dismissed, acted on or left. A
/// reload is a new visit, where a plan still not exported is reminded of
/// again.
#[derive(Clone, Debug, Default)]
pub struct Visit {
    reminded: HashSet<Id>,
}

impl Visit {
    /// The first of `plans` that has changed a lot and has had no reminder
    /// in this visit; it is counted as reminded from now on.
    pub fn next_reminder<'a>(
        &mut self,
        plans: impl IntoIterator<Item = (&'a Id, &'a ExportRecord)>,
    ) -> Option<Id> {
        let due = plans
            .into_iter()
            .find(|(id, record)| record.changed_a_lot() && !self.reminded.contains(*id))
            .map(|(id, _)| id.clone())?;
        self.reminded.insert(due.clone());
        Some(due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 3, h, m, 0).unwrap()
    }

    #[test]
    fn a_lot_is_the_threshold_of_edits_since_the_last_file() {
        let mut r = ExportRecord::default();
        for _ in 1..A_LOT_OF_EDITS {
            r.edited();
        }
        assert!(!r.changed_a_lot(), "{} edits", A_LOT_OF_EDITS - 1);
        r.edited();
        assert!(r.changed_a_lot(), "{A_LOT_OF_EDITS} edits");
        r.exported_at(at(14, 5));
        assert_eq!(r.exported, Some(at(14, 5)));
        assert!(!r.changed_a_lot(), "an export starts the count again");
        assert_eq!(r.edits, 0);
    }

    #[test]
    fn copies_files_and_other_tabs_keep_what_is_known() {
        let mut r = ExportRecord::default();
        r.exported_at(at(9, 0));
        r.edits = 7;
        assert_eq!(
            r.for_a_copy(),
            ExportRecord {
                exported: None,
                edits: 7
            },
            "a copy was never exported, and has the original's edits"
        );
        assert_eq!(
            r.replaced_from_a_file(),
            ExportRecord {
                exported: Some(at(9, 0)),
                edits: 0
            }
        );
        let theirs = ExportRecord {
            exported: Some(at(10, 0)),
            edits: 30,
        };
        assert_eq!(
            r.saved_over(&theirs),
            ExportRecord {
                exported: Some(at(10, 0)),
                edits: 7
            }
        );
        assert_eq!(
            theirs.saved_over(&r).exported,
            Some(at(10, 0)),
            "the later export is kept either way"
        );
        assert_eq!(ExportRecord::default().saved_over(&r).exported, r.exported);
    }

    #[test]
    fn plans_stored_before_records_count_an_edit_an_item() {
        let example = crate::model::example::example_plan();
        let items = example.priorities.len()
            + example.outcomes.len()
            + example.aims.len()
            + example.actions.len()
            + example.measures.len();
        let r = ExportRecord::from_before_records(&example);
        assert_eq!(r.exported, None);
        assert_eq!(r.edits as usize, items);
        assert_eq!(
            ExportRecord::from_before_records(&Plan::new_empty("Empty")),
            ExportRecord::default()
        );
    }

    #[test]
    fn dates_are_written_the_uk_way_in_local_time() {
        let bst = FixedOffset::east_opt(3600).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 13, 5, 0).unwrap();
        assert_eq!(uk_date_at_time(summer, &bst), "15 July 2026 at 14:05");
        assert_eq!(
            export_line(
                &ExportRecord {
                    exported: Some(at(14, 5)),
                    edits: 0
                },
                &Utc
            ),
            "Last exported 3 November 2026 at 14:05"
        );
        assert_eq!(
            export_line(&ExportRecord::default(), &Utc),
            "Not exported yet"
        );
    }

    #[test]
    fn the_reminder_says_when_and_what_to_do() {
        let since = reminder_text("Safer families", Some(at(14, 5)), &Utc);
        assert_eq!(
            since,
            "“Safer families” has changed a lot since it was last exported on 3 November 2026 at 14:05. Export a copy to keep it safe: browsers can delete stored data."
        );
        let never = reminder_text("Safer families", None, &Utc);
        assert!(
            never.starts_with("“Safer families” has changed a lot and has not been exported yet."),
            "{never}"
        );
    }

    #[test]
    fn each_plan_is_reminded_of_once_a_visit() {
        let (a, b, c) = (Id::from("a"), Id::from("b"), Id::from("c"));
        let little = ExportRecord::default();
        let lot = ExportRecord {
            exported: None,
            edits: A_LOT_OF_EDITS,
        };
        let mut visit = Visit::default();
        assert_eq!(
            visit.next_reminder([(&a, &little), (&b, &lot), (&c, &lot)]),
            Some(b.clone()),
            "the first plan that changed a lot"
        );
        assert_eq!(
            visit.next_reminder([(&a, &little), (&b, &lot), (&c, &lot)]),
            Some(c.clone())
        );
        let more = ExportRecord {
            exported: None,
            edits: 5 * A_LOT_OF_EDITS,
        };
        assert_eq!(
            visit.next_reminder([(&b, &more), (&c, &more)]),
            None,
            "not again in this visit, however much more it changes"
        );
        assert_eq!(
            Visit::default().next_reminder([(&b, &more)]),
            Some(b),
            "a new visit reminds again"
        );
    }
}
