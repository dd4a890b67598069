//! Reviews: where each action stood on a date, read from its dated
//! progress updates, and what changed between the plan's last review and
//! today. The rules are written down in docs/PROGRESS.md.

use chrono::NaiveDate;

use crate::model::plan::{Action, Id, Measure, Plan, Rag, Status};
use crate::model::progress::tracking;

/// Where an action stood on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionState {
    pub status: Status,
    pub percent: u8,
    pub rag: Option<Rag>,
}

/// Where an action stood at the end of `date`: each of status, progress
/// and RAG as the latest update dated on or before that day recorded it
/// (an update that left one out carries the one before it). Before any
/// update, an action had not started, at 0% and with no RAG.
pub fn state_on(action: &Action, date: NaiveDate) -> ActionState {
    let mut dated: Vec<_> = action.updates.iter().filter(|u| u.date <= date).collect();
    // Stable: updates of the same day keep the order they were written in.
    dated.sort_by_key(|u| u.date);
    let mut state = ActionState {
        status: Status::NotStarted,
        percent: 0,
        rag: None,
    };
    for u in dated {
        if let Some(status) = u.status {
            state.status = status;
        }
        if let Some(percent) = u.percent {
            state.percent = percent;
        }
        if u.rag.is_some() {
            state.rag = u.rag;
        }
    }
    state
}

/// Where the action stands now: its own fields, whatever its updates say.
pub fn state_now(action: &Action) -> ActionState {
    ActionState {
        status: action.status,
        percent: action.percent,
        rag: action.rag,
    }
}

/// The latest review dated before today: the one "since the last review"
/// counts from. A review dated today is the one being held, so changes
/// are still counted from the one before it.
pub fn last_review(plan: &Plan, today: NaiveDate) -> Option<NaiveDate> {
    plan.meta
        .reviews
        .iter()
        .map(|r| r.date)
        .filter(|&d| d < today)
        .max()
}

/// What changed for one action between a review and today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionChange {
    pub id: Id,
    /// Not started at the review, under way or completed now.
    pub started: bool,
    /// Completed now and not at the review.
    pub completed: bool,
    /// Overdue today and not on the review's day.
    pub newly_overdue: bool,
    /// The status at the review and now, where they differ (so that an
    /// action cancelled, or put back to not started, is listed too).
    pub status: Option<(Status, Status)>,
    /// The RAG at the review and now, where they differ.
    pub rag: Option<(Option<Rag>, Option<Rag>)>,
    /// The progress at the review and now, where they differ.
    pub percent: Option<(u8, u8)>,
    /// Updates dated after the review, up to and including today.
    pub new_updates: usize,
}

impl ActionChange {
    pub fn is_change(&self) -> bool {
        self.started
            || self.completed
            || self.newly_overdue
            || self.status.is_some()
            || self.rag.is_some()
            || self.percent.is_some()
            || self.new_updates > 0
    }
}

/// A measure with data dated after the review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureChange {
    pub id: Id,
    pub new_points: usize,
}

/// Everything that changed since a review, in plan order; only actions and
/// measures that changed are listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub actions: Vec<ActionChange>,
    pub measures: Vec<MeasureChange>,
}

impl Changes {
    pub fn action(&self, id: &Id) -> Option<&ActionChange> {
        self.actions.iter().find(|c| &c.id == id)
    }
    pub fn measure(&self, id: &Id) -> Option<&MeasureChange> {
        self.measures.iter().find(|c| &c.id == id)
    }
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.measures.is_empty()
    }
}

/// What changed for one action between the end of `since` and today.
pub fn action_change(action: &Action, since: NaiveDate, today: NaiveDate) -> ActionChange {
    let then = state_on(action, since);
    let now = state_now(action);
    let under_way = |s: Status| matches!(s, Status::InProgress | Status::Completed);
    // Overdue "then" is judged with the status the action had then.
    let was_overdue = {
        let mut as_then = action.clone();
        as_then.status = then.status;
        tracking::is_overdue(&as_then, since)
    };
    ActionChange {
        id: action.id.clone(),
        started: then.status == Status::NotStarted && under_way(now.status),
        completed: then.status != Status::Completed && now.status == Status::Completed,
        newly_overdue: tracking::is_overdue(action, today) && !was_overdue,
        status: (then.status != now.status).then_some((then.status, now.status)),
        rag: (then.rag != now.rag).then_some((then.rag, now.rag)),
        percent: (then.percent != now.percent).then_some((then.percent, now.percent)),
        new_updates: action
            .updates
            .iter()
            .filter(|u| u.date > since && u.date <= today)
            .count(),
    }
}

/// Data points dated after the review, up to and including today. Points
/// with no date cannot be placed in time and are not counted.
pub fn new_points(measure: &Measure, since: NaiveDate, today: NaiveDate) -> usize {
    measure
        .data
        .iter()
        .filter(|p| p.date.is_some_and(|d| d > since && d <= today))
        .count()
}

/// Everything that changed between the end of `since` and today.
pub fn changes_since(plan: &Plan, since: NaiveDate, today: NaiveDate) -> Changes {
    Changes {
        actions: plan
            .actions
            .iter()
            .map(|a| action_change(a, since, today))
            .filter(ActionChange::is_change)
            .collect(),
        measures: plan
            .measures
            .iter()
            .map(|m| MeasureChange {
                id: m.id.clone(),
                new_points: new_points(m, since, today),
            })
            .filter(|c| c.new_points > 0)
            .collect(),
    }
}
