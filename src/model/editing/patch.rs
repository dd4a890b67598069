//! Copies of part of a plan: the items an operation may touch (and the
//! plan's details if it may touch them), taken before and after it, so undo
//! and redo put back only what changed instead of keeping whole plans.
//!
//! Restoring is exact as long as an operation moves, adds or removes only
//! the items in its scope: every other item keeps its place relative to the
//! others, so taking the scope's items out and putting each back at its
//! recorded index rebuilds each list as it was.

use crate::model::links::{with_list, Item, ItemRef};
use crate::model::plan::{Action, Aim, Id, Kind, Measure, Outcome, Plan, PlanMeta, Priority};

/// What an operation may change: these items (existing ones; items it
/// creates are added to the scope afterwards) and, if `meta`, the plan's
/// own details.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    pub items: Vec<Id>,
    pub meta: bool,
}

impl Scope {
    pub fn items(items: Vec<Id>) -> Scope {
        Scope { items, meta: false }
    }
    pub fn meta() -> Scope {
        Scope {
            items: Vec::new(),
            meta: true,
        }
    }
    /// Whether everything in `self` is also in `other`.
    pub fn within(&self, other: &Scope) -> bool {
        (!self.meta || other.meta) && self.items.iter().all(|i| other.items.contains(i))
    }
}

/// One item of any kind.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyItem {
    Priority(Priority),
    Outcome(Outcome),
    Aim(Aim),
    Action(Action),
    Measure(Measure),
}

impl AnyItem {
    pub fn as_ref(&self) -> ItemRef<'_> {
        match self {
            AnyItem::Priority(x) => ItemRef::Priority(x),
            AnyItem::Outcome(x) => ItemRef::Outcome(x),
            AnyItem::Aim(x) => ItemRef::Aim(x),
            AnyItem::Action(x) => ItemRef::Action(x),
            AnyItem::Measure(x) => ItemRef::Measure(x),
        }
    }
    /// Whether the two differ in anything that places or labels a card
    /// other than its text: links, code or driver level.
    pub fn same_shape(&self, other: &AnyItem) -> bool {
        let level = |x: &AnyItem| match x {
            AnyItem::Aim(a) => Some(a.level),
            _ => None,
        };
        let (a, b) = (self.as_ref(), other.as_ref());
        a.kind() == b.kind()
            && a.links() == b.links()
            && a.code() == b.code()
            && level(self) == level(other)
    }
}

/// Where an item is in the plan: its kind and its index in that kind's list.
pub fn locate(plan: &Plan, id: &Id) -> Option<(Kind, usize)> {
    Kind::ALL.into_iter().find_map(|k| {
        with_list!(plan, k, |list| list.iter().position(|x| x.id() == id)).map(|i| (k, i))
    })
}

/// An item as it was, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub index: usize,
    pub item: AnyItem,
}

/// A copy of the items of a scope (`None` for an id not in the plan) and,
/// if the scope includes them, of the plan's details.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patch {
    pub meta: Option<PlanMeta>,
    pub items: Vec<(Id, Option<Slot>)>,
}

impl Patch {
    pub fn capture(plan: &Plan, scope: &Scope) -> Patch {
        let mut items: Vec<(Id, Option<Slot>)> = Vec::with_capacity(scope.items.len());
        for id in &scope.items {
            if items.iter().any(|(i, _)| i == id) {
                continue;
            }
            let slot = locate(plan, id).map(|(kind, index)| Slot {
                index,
                item: clone_at(plan, kind, index),
            });
            items.push((id.clone(), slot));
        }
        Patch {
            meta: scope.meta.then(|| plan.meta.clone()),
            items,
        }
    }

    /// The scope this patch covers.
    pub fn scope(&self) -> Scope {
        Scope {
            items: self.items.iter().map(|(id, _)| id.clone()).collect(),
            meta: self.meta.is_some(),
        }
    }

    /// Puts the plan's items of this scope back as they were when the patch
    /// was taken.
    pub fn restore(&self, plan: &mut Plan) {
        if let Some(meta) = &self.meta {
            plan.meta = meta.clone();
        }
        for (id, _) in &self.items {
            if let Some((kind, index)) = locate(plan, id) {
                with_list!(plan, kind, |mut list| {
                    list.remove(index);
                });
            }
        }
        let mut slots: Vec<&Slot> = self.items.iter().filter_map(|(_, s)| s.as_ref()).collect();
        slots.sort_by_key(|s| s.index);
        for slot in slots {
            insert_at(plan, slot.index, slot.item.clone());
        }
    }
}

fn clone_at(plan: &Plan, kind: Kind, index: usize) -> AnyItem {
    match kind {
        Kind::Priority => AnyItem::Priority(plan.priorities[index].clone()),
        Kind::Outcome => AnyItem::Outcome(plan.outcomes[index].clone()),
        Kind::Aim => AnyItem::Aim(plan.aims[index].clone()),
        Kind::Action => AnyItem::Action(plan.actions[index].clone()),
        Kind::Measure => AnyItem::Measure(plan.measures[index].clone()),
    }
}

fn insert_at(plan: &mut Plan, index: usize, item: AnyItem) {
    fn put<T>(list: &mut Vec<T>, index: usize, item: T) {
        let index = index.min(list.len());
        list.insert(index, item);
    }
    match item {
        AnyItem::Priority(x) => put(&mut plan.priorities, index, x),
        AnyItem::Outcome(x) => put(&mut plan.outcomes, index, x),
        AnyItem::Aim(x) => put(&mut plan.aims, index, x),
        AnyItem::Action(x) => put(&mut plan.actions, index, x),
        AnyItem::Measure(x) => put(&mut plan.measures, index, x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_puts_back_moved_changed_added_and_removed_items() {
        let mut p = Plan::new_empty("T");
        let ids: Vec<Id> = (0..5)
            .map(|i| p.add_item(Kind::Action, &i.to_string(), None).unwrap())
            .collect();
        let original = p.clone();
        let scope = Scope::items(vec![ids[0].clone(), ids[3].clone(), ids[4].clone()]);
        let before = Patch::capture(&p, &scope);
        p.move_to(&ids[0], 3).unwrap();
        p.set_text(&ids[3], "changed").unwrap();
        p.delete_item(&ids[4]).unwrap();
        let new = p.add_item(Kind::Action, "new", None).unwrap();
        let mut scope = scope;
        scope.items.push(new);
        let after = Patch::capture(&p, &scope);
        let changed = p.clone();
        let before = Patch {
            items: scope
                .items
                .iter()
                .map(|id| {
                    let old = before.items.iter().find(|(i, _)| i == id);
                    (id.clone(), old.and_then(|(_, s)| s.clone()))
                })
                .collect(),
            meta: None,
        };
        before.restore(&mut p);
        assert_eq!(p, original);
        after.restore(&mut p);
        assert_eq!(p, changed);
    }
}
