//! Synthetic plans of a given size with realistic link density, for the
//! benchmark and for tests. Deterministic: the same size and seed give the
//! same plan.

use super::plan::Plan;

/// A plan with `items` items in all (priorities, outcomes, aims, actions and
/// measures in proportions like the real plans).
pub fn synthetic_plan(items: usize, seed: u64) -> Plan {
    todo!()
}
