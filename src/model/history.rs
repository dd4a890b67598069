//! Undo and redo of changes to a plan. Each step keeps a whole copy of the
//! plan as it was: simple, exact for every kind of change, and cheap enough
//! (a 1,000-item plan is a few hundred kilobytes; see BENCHMARKS.md).

use std::collections::VecDeque;

use super::plan::Plan;

/// How many steps are kept; older ones are forgotten.
pub const UNDO_LIMIT: usize = 200;

/// Changes that share a group (typing into one field) make a single step,
/// so one undo takes back the whole burst of typing, not one letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group(pub String);

#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Plan>,
    redo: Vec<Plan>,
    /// The group of the most recent step, if it may still absorb changes.
    open_group: Option<Group>,
}

impl History {
    /// Records `before`, the plan as it was just before a change. A change
    /// in the same group as the previous one joins that step.
    pub fn record(&mut self, before: Plan, group: Option<Group>) {
        self.redo.clear();
        if self.continues(group.as_ref()) {
            return;
        }
        self.open_group = group;
        self.undo.push_back(before);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.pop_front();
        }
    }

    /// Whether a change in `group` would join the latest step, so there is
    /// no need to copy the plan before making it.
    pub fn continues(&self, group: Option<&Group>) -> bool {
        group.is_some() && group == self.open_group.as_ref() && !self.undo.is_empty()
    }

    /// Ends the current group: the next change starts a new step even if it
    /// is in the same group (the user moved to another field and back).
    pub fn seal(&mut self) {
        self.open_group = None;
    }

    /// Takes back the latest step: returns the plan to show, given the one
    /// shown now (which becomes redoable).
    pub fn undo(&mut self, current: &Plan) -> Option<Plan> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current.clone());
        self.open_group = None;
        Some(previous)
    }

    /// Puts back the latest undone step.
    pub fn redo(&mut self, current: &Plan) -> Option<Plan> {
        let next = self.redo.pop()?;
        self.undo.push_back(current.clone());
        self.open_group = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another plan was opened).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn plan_with(texts: &[&str]) -> Plan {
        let mut p = Plan::new_empty("Test");
        for t in texts {
            p.add_item(Kind::Priority, t, None).unwrap();
        }
        p
    }

    #[test]
    fn undo_then_redo_returns_each_version() {
        let mut h = History::default();
        let v0 = plan_with(&[]);
        let mut v1 = v0.clone();
        h.record(v1.clone(), None);
        v1.add_item(Kind::Priority, "One", None).unwrap();
        let back = h.undo(&v1).unwrap();
        assert_eq!(back, v0);
        assert!(!h.can_undo());
        let forward = h.redo(&back).unwrap();
        assert_eq!(forward, v1);
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut h = History::default();
        let p = plan_with(&["A"]);
        h.record(p.clone(), None);
        let _ = h.undo(&p);
        assert!(h.can_redo());
        h.record(p.clone(), None);
        assert!(!h.can_redo());
    }

    #[test]
    fn typing_in_one_field_is_one_step_until_sealed() {
        let mut h = History::default();
        let g = || Some(Group("text:x".into()));
        let a = plan_with(&["a"]);
        h.record(a.clone(), g());
        h.record(plan_with(&["ab"]), g());
        h.record(plan_with(&["abc"]), g());
        assert_eq!(h.undo(&plan_with(&["abcd"])), Some(a.clone()));
        assert!(!h.can_undo());
        h.record(a.clone(), g());
        h.seal();
        h.record(plan_with(&["x"]), g());
        assert!(h.undo(&a).is_some());
        assert!(h.undo(&a).is_some());
    }

    #[test]
    fn keeps_at_least_one_hundred_steps_and_forgets_beyond_the_limit() {
        let mut h = History::default();
        let plans: Vec<Plan> = (0..UNDO_LIMIT + 5)
            .map(|i| plan_with(&[&i.to_string()]))
            .collect();
        for p in &plans {
            h.record(p.clone(), None);
        }
        let mut steps = 0;
        let mut current = plan_with(&["now"]);
        while let Some(p) = h.undo(&current) {
            current = p;
            steps += 1;
        }
        assert!(UNDO_LIMIT >= 100);
        assert_eq!(steps, UNDO_LIMIT);
        // The oldest kept is the one recorded UNDO_LIMIT steps ago.
        assert_eq!(current, plans[5]);
    }
}
