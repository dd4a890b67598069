//! The tracking rules for one action: overdue, neglected ("check
//! progress"), unassigned, the progress expected by a date, and the RAG
//! that progress suggests. The rules and their thresholds are written down
//! in docs/PROGRESS.md.
//!
//! "Today" is always an argument, never read from the clock, so that the
//! rules give the same answer in a test as on the day they describe.

use chrono::NaiveDate;

use crate::model::plan::{Action, Rag, Status};

// The settings are the plan's own (kept in its file with its details).
pub use crate::model::plan::TrackingSettings;

/// Completed and cancelled actions are finished: nothing is expected of
/// them any more.
fn is_finished(action: &Action) -> bool {
    matches!(action.status, Status::Completed | Status::Cancelled)
}

/// The due date has passed and the action is neither completed nor
/// cancelled. Due today is not overdue.
pub fn is_overdue(action: &Action, today: NaiveDate) -> bool {
    !is_finished(action) && action.due.is_some_and(|due| due < today)
}

/// The date of the action's latest progress update, if it has one.
pub fn last_update(action: &Action) -> Option<NaiveDate> {
    action.updates.iter().map(|u| u.date).max()
}

/// No update for longer than the review cycle, for an action that is not
/// finished. The gap is counted from the latest update, or, for an action
/// never updated, from its start date; an action with neither is not
/// called neglected, because there is no date to count from (it is shown
/// as not started or in progress, and as unassigned if it has no lead).
/// An action that has not started yet is not neglected.
pub fn is_neglected(action: &Action, today: NaiveDate, settings: &TrackingSettings) -> bool {
    if is_finished(action) {
        return false;
    }
    let Some(since) = last_update(action).or(action.start) else {
        return false;
    };
    since < today && (today - since).num_days() > i64::from(settings.review_cycle_days)
}

/// No lead named (blank or spaces only).
pub fn is_unassigned(action: &Action) -> bool {
    action.lead.trim().is_empty()
}

/// The progress expected by `today` for an action with a start and a due
/// date: the share of that time elapsed, as a whole percentage (rounded to
/// the nearest), 0 before the start and 100 from the due date on. `None`
/// without both dates, or with the due date before the start.
pub fn expected_percent(action: &Action, today: NaiveDate) -> Option<u8> {
    let (start, due) = (action.start?, action.due?);
    if due < start {
        return None;
    }
    if today >= due {
        return Some(100);
    }
    if today <= start {
        return Some(0);
    }
    let elapsed = (today - start).num_days() as f64;
    let whole = (due - start).num_days() as f64;
    Some((100.0 * elapsed / whole).round() as u8)
}

/// The RAG that the action's progress suggests against the time elapsed:
/// green when actual progress is at most `green_within` points behind the
/// expected, amber at most `amber_within`, red further behind; ahead of
/// time is green. A completed action is green; a cancelled one, or one
/// without the dates to expect anything, has no suggestion.
pub fn suggested_rag(
    action: &Action,
    today: NaiveDate,
    settings: &TrackingSettings,
) -> Option<Rag> {
    match action.status {
        Status::Completed => return Some(Rag::Green),
        Status::Cancelled => return None,
        Status::NotStarted | Status::InProgress => {}
    }
    let expected = expected_percent(action, today)?;
    let behind = expected.saturating_sub(action.percent.min(100));
    Some(if behind <= settings.green_within {
        Rag::Green
    } else if behind <= settings.amber_within {
        Rag::Amber
    } else {
        Rag::Red
    })
}

/// The user's own RAG where it differs from the suggestion, for the
/// screens to say so quietly: `Some(suggestion)` then, else `None`. The
/// user's RAG always wins; with no RAG of their own there is nothing to
/// differ from.
pub fn rag_differs_from_suggestion(
    action: &Action,
    today: NaiveDate,
    settings: &TrackingSettings,
) -> Option<Rag> {
    let own = action.rag?;
    let suggested = suggested_rag(action, today, settings)?;
    (own != suggested).then_some(suggested)
}

/// Where an action stands in a progress report's legend, the first that
/// applies in this order: Cancelled; Overdue; Neglected (check progress);
/// Unassigned; Completed; In progress; Not started. Finished actions are
/// neither overdue nor neglected, so a completed action without a lead is
/// shown as completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Cancelled,
    Overdue,
    Neglected,
    Unassigned,
    Completed,
    InProgress,
    NotStarted,
}

impl Standing {
    /// The word a user sees (never a colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Standing::Cancelled => "Cancelled",
            Standing::Overdue => "Overdue",
            Standing::Neglected => "Check progress",
            Standing::Unassigned => "Unassigned",
            Standing::Completed => "Completed",
            Standing::InProgress => "In progress",
            Standing::NotStarted => "Not started",
        }
    }

    /// The key of its icon (`standing-<key>` in the style sheets), which
    /// screens and reports draw beside the word, never instead of it.
    pub fn icon_key(self) -> &'static str {
        match self {
            Standing::Cancelled => "cancelled",
            Standing::Overdue => "overdue",
            Standing::Neglected => "check-progress",
            Standing::Unassigned => "unassigned",
            Standing::Completed => "completed",
            Standing::InProgress => "in-progress",
            Standing::NotStarted => "not-started",
        }
    }
}

pub fn standing(action: &Action, today: NaiveDate, settings: &TrackingSettings) -> Standing {
    match action.status {
        Status::Cancelled => Standing::Cancelled,
        Status::Completed => Standing::Completed,
        _ if is_overdue(action, today) => Standing::Overdue,
        _ if is_neglected(action, today, settings) => Standing::Neglected,
        _ if is_unassigned(action) => Standing::Unassigned,
        Status::InProgress => Standing::InProgress,
        Status::NotStarted => Standing::NotStarted,
    }
}
