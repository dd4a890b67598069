//! Bringing a fragment of a plan (the items read from a pasted table) into
//! a plan as one change, so one undo takes the whole import back.
//!
//! With `under` a priority, the fragment's outcomes that belong to no
//! priority are linked to it. With `under` an outcome, the fragment's
//! priorities and outcomes are dropped (the outcome stands for them) and
//! the aims that drive no outcome are linked to it.

use crate::model::editing::patch::{locate, Scope};
use crate::model::ops::OpError;
use crate::model::plan::{Id, Kind, Plan};

/// Every id in the fragment that would be added under `under`.
pub fn scope(items: &Plan, under: Option<&Id>, plan: &Plan) -> Scope {
    let dropped = under_outcome(plan, under);
    let mut ids: Vec<Id> = Vec::new();
    if !dropped {
        ids.extend(items.priorities.iter().map(|x| x.id.clone()));
        ids.extend(items.outcomes.iter().map(|x| x.id.clone()));
    }
    ids.extend(items.aims.iter().map(|x| x.id.clone()));
    ids.extend(items.actions.iter().map(|x| x.id.clone()));
    ids.extend(items.measures.iter().map(|x| x.id.clone()));
    Scope::items(ids)
}

fn under_outcome(plan: &Plan, under: Option<&Id>) -> bool {
    under.is_some_and(|u| matches!(locate(plan, u), Some((Kind::Outcome, _))))
}

/// Adds the fragment's items; on an error the plan is as it was.
pub fn apply(plan: &mut Plan, items: &Plan, under: Option<&Id>) -> Result<(), OpError> {
    let kind = match under {
        Some(u) => Some(
            locate(plan, u)
                .ok_or_else(|| OpError::NotFound(u.clone()))?
                .0,
        ),
        None => None,
    };
    if let Some(k) = kind {
        if !matches!(k, Kind::Priority | Kind::Outcome) {
            return Err(OpError::InvalidValue(
                "Items can be brought in only under a priority or an outcome.".into(),
            ));
        }
    }
    let new = scope(items, under, plan);
    if let Some(clash) = new.items.iter().find(|id| locate(plan, id).is_some()) {
        return Err(OpError::InvalidValue(format!(
            "The plan already has an item with the id {clash}, so nothing was brought in."
        )));
    }
    let mut items = items.clone();
    match (kind, under) {
        (Some(Kind::Priority), Some(u)) => {
            for o in items
                .outcomes
                .iter_mut()
                .filter(|o| o.priorities.is_empty())
            {
                o.priorities.push(u.clone());
            }
        }
        (Some(Kind::Outcome), Some(u)) => {
            let dropped: Vec<Id> = items.outcomes.iter().map(|o| o.id.clone()).collect();
            for a in items.aims.iter_mut() {
                a.outcomes.retain(|o| !dropped.contains(o));
                if a.outcomes.is_empty() {
                    a.outcomes.push(u.clone());
                }
            }
            items.priorities.clear();
            items.outcomes.clear();
        }
        _ => {}
    }
    plan.priorities.extend(items.priorities);
    plan.outcomes.extend(items.outcomes);
    plan.aims.extend(items.aims);
    plan.actions.extend(items.actions);
    plan.measures.extend(items.measures);
    Ok(())
}
