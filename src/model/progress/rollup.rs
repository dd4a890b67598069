//! Roll-ups for a priority, an outcome or an improvement aim: what its
//! actions and measures add up to, for a report's "Overall progress" row.
//!
//! An action belongs to an aim it serves, to the outcomes those aims
//! drive and to those outcomes' priorities; it is counted once in a group
//! however many paths lead to it. A measure belongs to a group when it
//! evidences the group or anything under it.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::tracking::is_overdue;
use crate::model::plan::{Action, DataPoint, Direction, Id, Kind, Measure, Plan, Rag, Status};

/// Whether a measure's latest value meets its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetStanding {
    OnTarget,
    OffTarget,
    /// No data, no target, or a target that is not a plain number ("10%
    /// more" is relative to something the plan does not say).
    Unknown,
}

/// What a group's actions and measures add up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollup {
    pub actions: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub completed: usize,
    pub cancelled: usize,
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub no_rag: usize,
    pub overdue: usize,
    /// The mean progress of the actions that are not cancelled (a
    /// completed action counts as 100%); `None` with none.
    pub mean_percent: Option<f64>,
    /// The same weighted by each action's duration in days (start to
    /// due), over the actions that have both dates; `None` with none.
    pub weighted_percent: Option<f64>,
    pub measures_on_target: usize,
    pub measures_off_target: usize,
    pub measures_unknown: usize,
}

/// An action's progress as a report counts it: completed is 100%.
pub fn progress_of(action: &Action) -> f64 {
    if action.status == Status::Completed {
        100.0
    } else {
        f64::from(action.percent.min(100))
    }
}

/// A target's value as a number, where it is one: "90", "90%", "1,250".
pub fn target_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    t.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The measure's latest data point: the one with the latest date, or the
/// last listed where points have no dates.
pub fn latest_point(measure: &Measure) -> Option<&DataPoint> {
    let dated = measure
        .data
        .iter()
        .filter(|p| p.date.is_some())
        .max_by_key(|p| p.date);
    dated.or(measure.data.last())
}

/// The measure's latest value (see [`latest_point`]).
pub fn latest_value(measure: &Measure) -> Option<f64> {
    latest_point(measure).map(|p| p.value)
}

pub fn target_standing(measure: &Measure) -> TargetStanding {
    let target = measure
        .target
        .as_ref()
        .and_then(|t| target_number(&t.value));
    let (Some(target), Some(latest)) = (target, latest_value(measure)) else {
        return TargetStanding::Unknown;
    };
    let met = match measure.direction {
        Direction::HigherIsBetter => latest >= target,
        Direction::LowerIsBetter => latest <= target,
    };
    if met {
        TargetStanding::OnTarget
    } else {
        TargetStanding::OffTarget
    }
}

/// The ids of the group and of everything under it (outcomes, aims and
/// actions), for a priority, an outcome or an aim.
pub fn under(plan: &Plan, group: &Id, kind: Kind) -> HashSet<Id> {
    let mut ids = HashSet::from([group.clone()]);
    let mut outcomes: HashSet<&Id> = HashSet::new();
    match kind {
        Kind::Priority => outcomes.extend(
            plan.outcomes
                .iter()
                .filter(|o| o.priorities.contains(group))
                .map(|o| &o.id),
        ),
        Kind::Outcome => {
            outcomes.insert(group);
        }
        _ => {}
    }
    let mut aims: HashSet<&Id> = plan
        .aims
        .iter()
        .filter(|a| a.outcomes.iter().any(|o| outcomes.contains(o)))
        .map(|a| &a.id)
        .collect();
    if kind == Kind::Aim {
        aims.insert(group);
    }
    for action in &plan.actions {
        if action.aims.iter().any(|a| aims.contains(a)) {
            ids.insert(action.id.clone());
        }
    }
    ids.extend(outcomes.into_iter().cloned());
    ids.extend(aims.into_iter().cloned());
    ids
}

/// The roll-up of a priority, outcome or aim (`kind` says which) on
/// `today`. Any other kind gives an empty roll-up.
pub fn rollup(plan: &Plan, group: &Id, kind: Kind, today: NaiveDate) -> Rollup {
    if !matches!(kind, Kind::Priority | Kind::Outcome | Kind::Aim) {
        return Rollup::default();
    }
    let ids = under(plan, group, kind);
    rollup_over(
        plan.actions.iter().filter(|a| ids.contains(&a.id)),
        plan.measures
            .iter()
            .filter(|m| m.evidences.iter().any(|e| ids.contains(e))),
        today,
    )
}

/// The roll-up of the whole plan: every action and measure, each once.
pub fn plan_rollup(plan: &Plan, today: NaiveDate) -> Rollup {
    rollup_over(plan.actions.iter(), plan.measures.iter(), today)
}

/// The roll-up of the actions and measures given (each should be given
/// once), by the same rules as a group's.
pub fn rollup_over<'a>(
    actions: impl IntoIterator<Item = &'a Action>,
    measures: impl IntoIterator<Item = &'a Measure>,
    today: NaiveDate,
) -> Rollup {
    let mut r = Rollup::default();
    let (mut sum, mut counted) = (0.0, 0usize);
    let (mut weighted_sum, mut weight) = (0.0, 0.0);
    for action in actions {
        r.actions += 1;
        match action.status {
            Status::NotStarted => r.not_started += 1,
            Status::InProgress => r.in_progress += 1,
            Status::Completed => r.completed += 1,
            Status::Cancelled => r.cancelled += 1,
        }
        match action.rag {
            Some(Rag::Red) => r.red += 1,
            Some(Rag::Amber) => r.amber += 1,
            Some(Rag::Green) => r.green += 1,
            None => r.no_rag += 1,
        }
        if is_overdue(action, today) {
            r.overdue += 1;
        }
        if action.status == Status::Cancelled {
            continue;
        }
        sum += progress_of(action);
        counted += 1;
        if let (Some(start), Some(due)) = (action.start, action.due) {
            let days = (due - start).num_days();
            if days > 0 {
                weighted_sum += progress_of(action) * days as f64;
                weight += days as f64;
            }
        }
    }
    r.mean_percent = (counted > 0).then(|| sum / counted as f64);
    r.weighted_percent = (weight > 0.0).then(|| weighted_sum / weight);
    for measure in measures {
        match target_standing(measure) {
            TargetStanding::OnTarget => r.measures_on_target += 1,
            TargetStanding::OffTarget => r.measures_off_target += 1,
            TargetStanding::Unknown => r.measures_unknown += 1,
        }
    }
    r
}
