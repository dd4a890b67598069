//! Chains through the plan: everything an item drives and everything that
//! drives it (for focus and the priority filter), and the counts and gaps
//! shown on each card.

use std::collections::{HashMap, HashSet};

use super::plan::{Id, Plan};

/// The item itself, every item it links to directly or indirectly (upward:
/// an action's aims, their outcomes, their priorities) and every item that
/// links to it directly or indirectly (downward: an outcome's aims, their
/// actions, the measures of any of them).
pub fn chain_of(plan: &Plan, id: &Id) -> HashSet<Id> {
    todo!()
}

/// What a card shows in a workshop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardFacts {
    /// Actions serving this item (aims only; 0 otherwise).
    pub actions: usize,
    /// Measures evidencing this item.
    pub measures: usize,
    /// Aims driving this item (outcomes only; 0 otherwise).
    pub aims: usize,
    /// A gap in the plan, in words ("No action serves this aim."), or None.
    pub gap: Option<&'static str>,
}

/// Facts for every item of the plan, in one pass over the links.
pub fn card_facts(plan: &Plan) -> HashMap<Id, CardFacts> {
    todo!()
}
