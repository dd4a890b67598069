//! The open plan, its undo history and the stored revision it was read at,
//! as one plain-Rust value: the app's single source of truth for the plan.
//! The reactive layer reads it and notifies the readers a [`Change`] names;
//! everything here is tested natively.

use std::collections::HashMap;

use super::history::{Group, History, Step};
use super::op::Op;
use super::patch::Patch;
use crate::model::keeping::export_reminder::ExportRecord;
use crate::model::layout::same_card_height;
use crate::model::links::ItemRef;
use crate::model::ops::OpError;
use crate::model::plan::{Id, Kind, Plan};

/// What a change (or an undo or redo) did, so that only what depends on it
/// is recomputed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// Items whose content changed, were added or were removed.
    pub items: Vec<Id>,
    /// Items were added, removed, reordered or relinked, or a code or a
    /// driver level changed: codes, counts, gaps and chains may differ.
    pub shape: bool,
    /// Some card may have moved or changed size: the diagram's layout must
    /// be run again. A text edit that keeps each card's height moves none.
    pub relayout: bool,
    /// The plan's own details changed.
    pub meta: bool,
    /// The item an operation created.
    pub created: Option<Id>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && !self.meta
    }
}

/// What changed from `from` to `to`, two patches of the same scope.
fn diff(from: &Patch, to: &Patch) -> Change {
    let mut change = Change {
        meta: from.meta != to.meta,
        ..Change::default()
    };
    for ((id, a), (_, b)) in from.items.iter().zip(&to.items) {
        if a == b {
            continue;
        }
        change.items.push(id.clone());
        match (a, b) {
            (Some(a), Some(b)) => {
                if a.index != b.index || !a.item.same_shape(&b.item) {
                    change.shape = true;
                    change.relayout = true;
                } else if !same_card_height(a.item.as_ref(), b.item.as_ref()) {
                    change.relayout = true;
                }
            }
            _ => {
                change.shape = true;
                change.relayout = true;
            }
        }
    }
    change
}

#[derive(Debug)]
pub struct Session {
    plan: Plan,
    history: History,
    /// The stored revision the plan was read at or last saved as (0: not
    /// stored yet).
    revision: u64,
    /// Changed since it was last saved.
    unsaved: bool,
    /// When the plan was last exported and how many edits (undo steps
    /// made, undone or redone) it has had since; saved with it.
    export: ExportRecord,
    /// Where each item is, so screens find one in constant time. Kept up
    /// to date by every change that adds, removes or moves items.
    index: HashMap<Id, (Kind, usize)>,
}

fn index_of(plan: &Plan) -> HashMap<Id, (Kind, usize)> {
    let mut index = HashMap::new();
    for kind in Kind::ALL {
        let mut i = 0;
        while let Some(item) = plan.item_at(kind, i) {
            index.insert(item.id().clone(), (kind, i));
            i += 1;
        }
    }
    index
}

impl Session {
    /// A plan as read from storage at `revision` (0 when not stored).
    pub fn new(plan: Plan, revision: u64) -> Session {
        Session {
            index: index_of(&plan),
            plan,
            history: History::default(),
            revision,
            unsaved: false,
            export: ExportRecord::default(),
        }
    }

    /// The session with what is known of the plan's exports (as stored).
    pub fn with_export(mut self, export: ExportRecord) -> Session {
        self.export = export;
        self
    }

    /// What is known of the plan's exports, as just saved.
    pub fn set_export(&mut self, export: ExportRecord) {
        self.export = export;
    }

    /// When the plan was last exported and how much it has changed since.
    pub fn export(&self) -> &ExportRecord {
        &self.export
    }

    /// The plan was exported to a file at `at`; saving keeps that.
    pub fn exported(&mut self, at: chrono::DateTime<chrono::Utc>) {
        self.export.exported_at(at);
        self.unsaved = true;
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The item with this id, if the plan holds it.
    pub fn item(&self, id: &Id) -> Option<ItemRef<'_>> {
        let &(kind, i) = self.index.get(id)?;
        self.plan.item_at(kind, i).filter(|x| x.id() == id)
    }

    /// Keeps the index in step after a change that moved items.
    fn after(&mut self, change: Change) -> Change {
        if change.shape {
            self.index = index_of(&self.plan);
        }
        change
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether a change has not been saved yet.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// The plan was saved as `revision`.
    pub fn saved(&mut self, revision: u64) {
        self.revision = revision;
        self.unsaved = false;
    }

    /// The stored copy was deleted elsewhere: the next save stores it anew.
    pub fn forget_revision(&mut self) {
        self.revision = 0;
        self.unsaved = true;
    }

    /// Another tab's version replaces ours. The history starts afresh, so
    /// an undo here can never take back their work.
    pub fn replace(&mut self, plan: Plan, revision: u64) {
        *self = Session::new(plan, revision);
    }

    /// Applies an operation. A failed one leaves the plan as it was; one
    /// that changes nothing records no step (the change is empty). Changes
    /// in the same `group` that touch the same items make one undo step.
    pub fn apply(&mut self, op: &Op, group: Option<Group>) -> Result<Change, OpError> {
        let mut scope = op.scope(&self.plan);
        if let Some(step) = self.history.open_step(group.as_ref(), &scope) {
            let previous = step.after.clone();
            if let Err(e) = op.apply(&mut self.plan) {
                previous.restore(&mut self.plan);
                return Err(e);
            }
            // Typing continues a step: it creates nothing, and its scope is
            // within the step's, so the step's "after" is taken again.
            let after = Patch::capture(&self.plan, &previous.scope());
            let change = diff(&previous, &after);
            step.after = after;
            self.unsaved |= !change.is_empty();
            return Ok(self.after(change));
        }
        let mut before = Patch::capture(&self.plan, &scope);
        let created = match op.apply(&mut self.plan) {
            Ok(created) => created,
            Err(e) => {
                before.restore(&mut self.plan);
                return Err(e);
            }
        };
        if let Some(id) = &created {
            scope.items.push(id.clone());
            before.items.push((id.clone(), None));
        }
        let after = Patch::capture(&self.plan, &scope);
        let mut change = diff(&before, &after);
        change.created = created;
        if !change.is_empty() {
            self.history.push(Step { before, after }, group);
            self.unsaved = true;
            self.export.edited();
        }
        Ok(self.after(change))
    }

    /// Ends a burst of typing: the next change is a step of its own.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Takes back the latest step; `None` if there is none.
    pub fn undo(&mut self) -> Option<Change> {
        let step = self.history.take_undo()?;
        step.before.restore(&mut self.plan);
        let change = diff(&step.after, &step.before);
        self.history.undone(step);
        self.unsaved = true;
        self.export.edited();
        Some(self.after(change))
    }

    /// Puts back the latest undone step; `None` if there is none.
    pub fn redo(&mut self) -> Option<Change> {
        let step = self.history.take_redo()?;
        step.after.restore(&mut self.plan);
        let change = diff(&step.before, &step.after);
        self.history.redone(step);
        self.unsaved = true;
        self.export.edited();
        Some(self.after(change))
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// How many steps can be undone.
    pub fn undo_steps(&self) -> usize {
        self.history.undo_steps()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::editing::op::{ItemEdit, MetaEdit};
    use crate::model::plan::Kind;

    fn session() -> (Session, Id) {
        let mut p = Plan::new_empty("T");
        let o = p.add_item(Kind::Outcome, "Outcome", None).unwrap();
        p.add_item(Kind::Aim, "Aim", Some(&o)).unwrap();
        (Session::new(p, 3), o)
    }

    fn typing(id: &Id, text: &str) -> Op {
        Op::SetText {
            id: id.clone(),
            text: text.into(),
        }
    }

    #[test]
    fn edit_undo_redo_and_save() {
        let (mut s, o) = session();
        let original = s.plan().clone();
        assert!(!s.unsaved());
        let change = s.apply(&typing(&o, "New"), None).unwrap();
        assert_eq!(change.items, vec![o.clone()]);
        assert!(!change.shape && !change.relayout && !change.meta);
        assert!(s.unsaved());
        let edited = s.plan().clone();
        s.saved(4);
        assert_eq!((s.revision(), s.unsaved()), (4, false));
        let undo = s.undo().unwrap();
        assert_eq!(undo.items, vec![o.clone()]);
        assert_eq!(s.plan(), &original);
        assert!(s.unsaved());
        s.redo().unwrap();
        assert_eq!(s.plan(), &edited);
        assert!(s.undo().is_some() && s.undo().is_none());
    }

    #[test]
    fn typing_in_one_field_is_one_step_until_sealed() {
        let (mut s, o) = session();
        let original = s.plan().clone();
        let g = || Some(Group(format!("text:{o}")));
        for text in ["a", "ab", "abc"] {
            s.apply(&typing(&o, text), g()).unwrap();
        }
        s.undo().unwrap();
        assert_eq!(s.plan(), &original);
        assert!(!s.can_undo());
        s.apply(&typing(&o, "x"), g()).unwrap();
        s.seal();
        s.apply(&typing(&o, "xy"), g()).unwrap();
        s.undo().unwrap();
        assert_eq!(s.plan().text_of(&o), Some("x"));
    }

    #[test]
    fn a_failed_or_empty_edit_changes_nothing_and_records_nothing() {
        let (mut s, o) = session();
        let before = s.plan().clone();
        let refused = Op::Add {
            kind: Kind::Measure,
            text: "M".into(),
            parent: Some(Id::from("gone")),
            secondary: false,
        };
        assert!(s.apply(&refused, None).is_err());
        let bad_field = Op::Edit {
            id: o.clone(),
            edit: ItemEdit::Lead("x".into()),
        };
        assert!(s.apply(&bad_field, None).is_err());
        assert_eq!(s.plan(), &before);
        let same = s.apply(&typing(&o, "Outcome"), None).unwrap();
        assert!(same.is_empty());
        assert!(!s.can_undo() && !s.unsaved());
    }

    #[test]
    fn edits_are_counted_an_undo_step_each_and_an_export_starts_again() {
        use chrono::TimeZone;
        let (s, o) = session();
        let then = chrono::Utc.with_ymd_and_hms(2026, 11, 3, 14, 5, 0).unwrap();
        let mut s = s.with_export(ExportRecord {
            exported: Some(then),
            edits: 2,
        });
        let g = || Some(Group(format!("text:{o}")));
        for text in ["a", "ab", "abc"] {
            s.apply(&typing(&o, text), g()).unwrap();
        }
        assert_eq!(s.export().edits, 3, "a burst of typing is one edit");
        s.seal();
        s.apply(&typing(&o, "abcd"), g()).unwrap();
        s.apply(
            &Op::Add {
                kind: Kind::Measure,
                text: "M".into(),
                parent: Some(o.clone()),
                secondary: false,
            },
            None,
        )
        .unwrap();
        assert_eq!(s.export().edits, 5);
        // Refused and empty changes are not edits; undo and redo are.
        assert!(s.apply(&typing(&Id::from("gone"), "x"), None).is_err());
        assert!(s.apply(&typing(&o, "abcd"), None).unwrap().is_empty());
        assert_eq!(s.export().edits, 5);
        s.undo().unwrap();
        s.redo().unwrap();
        assert_eq!(s.export().edits, 7);
        assert_eq!(s.export().exported, Some(then));
        s.saved(4);
        let now = then + chrono::Duration::days(1);
        s.exported(now);
        assert_eq!(
            s.export(),
            &ExportRecord {
                exported: Some(now),
                edits: 0
            }
        );
        assert!(s.unsaved(), "the export date is saved with the plan");
    }

    #[test]
    fn another_tabs_version_starts_a_fresh_history() {
        let (mut s, o) = session();
        s.apply(&typing(&o, "Mine"), None).unwrap();
        let mut theirs = s.plan().clone();
        theirs.set_text(&o, "Theirs").unwrap();
        s.replace(theirs.clone(), 9);
        assert!(!s.can_undo() && s.undo().is_none());
        assert_eq!(s.plan(), &theirs);
        assert_eq!((s.revision(), s.unsaved()), (9, false));
    }

    #[test]
    fn changes_say_what_must_be_recomputed() {
        let (mut s, o) = session();
        let add = s.apply(&Op::AddNextStep(o.clone()), None).unwrap();
        assert!(add.shape && add.relayout);
        let new = add.created.clone().unwrap();
        assert_eq!(add.items, vec![new.clone()]);
        let long = "a long statement ".repeat(12);
        let taller = s.apply(&typing(&new, &long), None).unwrap();
        assert!(!taller.shape && taller.relayout);
        let meta = s
            .apply(&Op::Meta(MetaEdit::Vision("V".into())), None)
            .unwrap();
        assert!(meta.meta && meta.items.is_empty());
        let code = s
            .apply(
                &Op::Edit {
                    id: new,
                    edit: ItemEdit::Code("1.1".into()),
                },
                None,
            )
            .unwrap();
        assert!(code.shape);
    }
}
