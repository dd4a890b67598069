//! Undo and redo. Each step keeps only the items the change touched, as
//! they were before it and after it (see `patch`), so a step costs what it
//! changed, not the size of the plan.

use std::collections::VecDeque;

use super::patch::{Patch, Scope};

/// How many steps are kept; older ones are forgotten.
pub const UNDO_LIMIT: usize = 200;

/// Changes that share a group (typing into one field) make a single step,
/// so one undo takes back the whole burst of typing, not one letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group(pub String);

/// One undoable change: the touched part of the plan before and after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub before: Patch,
    pub after: Patch,
}

#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// The group of the most recent step, if it may still absorb changes.
    open_group: Option<Group>,
}

impl History {
    /// Records a new step; it ends any redo.
    pub fn push(&mut self, step: Step, group: Option<Group>) {
        self.redo.clear();
        self.open_group = group;
        self.undo.push_back(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.pop_front();
        }
    }

    /// The latest step, if a change in `group` touching `scope` joins it
    /// (the same field typed into again).
    pub fn open_step(&mut self, group: Option<&Group>, scope: &Scope) -> Option<&mut Step> {
        if group.is_none() || group != self.open_group.as_ref() {
            return None;
        }
        self.undo
            .back_mut()
            .filter(|s| scope.within(&s.after.scope()))
    }

    /// Ends the current group: the next change starts a new step even if it
    /// is in the same group (the user moved to another field and back).
    pub fn seal(&mut self) {
        self.open_group = None;
    }

    /// The latest step, to be undone; the caller hands it to `undone`.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.open_group = None;
        self.undo.pop_back()
    }

    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// The latest undone step, to be redone; the caller hands it to `redone`.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.open_group = None;
        self.redo.pop()
    }

    pub fn redone(&mut self, step: Step) {
        self.undo.push_back(step);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another plan, or another tab's version, opened).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}
