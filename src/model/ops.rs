//! Operations that change a plan: add, edit, delete, reorder, link and
//! unlink items. Every operation either succeeds completely or leaves the
//! plan unchanged and returns an [`OpError`] a user can read.

use super::links::{allowed_parents_phrase, link_allowed, plural, with_article, with_list, Item};
use super::plan::{Action, Aim, DataPoint, Id, Kind, Measure, Outcome, Plan, PlanMeta, Priority};

/// Why an operation was refused, in words a council officer understands.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    #[error("That item no longer exists in the plan.")]
    NotFound(Id),
    #[error("{}", link_not_allowed_message(*.child, *.parent))]
    LinkNotAllowed { child: Kind, parent: Kind },
    #[error("{0}")]
    InvalidValue(String),
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn link_not_allowed_message(child: Kind, parent: Kind) -> String {
    format!(
        "{} cannot be linked to {}. {} can {}.",
        capitalise(&with_article(child)),
        with_article(parent),
        capitalise(plural(child)),
        allowed_parents_phrase(child)
    )
}

fn position<T: Item>(list: &[T], id: &Id) -> Option<usize> {
    list.iter().position(|x| x.id() == id)
}

macro_rules! accessors {
    ($get:ident, $get_mut:ident, $field:ident, $ty:ty) => {
        /// The item of this kind with this id, if any.
        pub fn $get(&self, id: &Id) -> Option<&$ty> {
            self.$field.iter().find(|x| &x.id == id)
        }
        /// The item of this kind with this id, for changing it in place.
        pub fn $get_mut(&mut self, id: &Id) -> Option<&mut $ty> {
            self.$field.iter_mut().find(|x| &x.id == id)
        }
    };
}

impl Plan {
    /// A new plan with a fresh id, the given title and no items.
    pub fn new_empty(title: &str) -> Plan {
        Plan {
            id: Id::new(),
            meta: PlanMeta {
                title: title.trim().to_owned(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    accessors!(priority, priority_mut, priorities, Priority);
    accessors!(outcome, outcome_mut, outcomes, Outcome);
    accessors!(aim, aim_mut, aims, Aim);
    accessors!(action, action_mut, actions, Action);
    accessors!(measure, measure_mut, measures, Measure);

    fn kind_or_not_found(&self, id: &Id) -> Result<Kind, OpError> {
        self.kind_of(id)
            .ok_or_else(|| OpError::NotFound(id.clone()))
    }

    /// Appends a new item of `kind` whose main text is `text` (trimmed),
    /// with a fresh id, linked to `parent` if one is given. If the link is
    /// not allowed or the parent is missing, nothing is added.
    pub fn add_item(&mut self, kind: Kind, text: &str, parent: Option<&Id>) -> Result<Id, OpError> {
        if let Some(parent) = parent {
            let parent_kind = self.kind_or_not_found(parent)?;
            if !link_allowed(kind, parent_kind) {
                return Err(OpError::LinkNotAllowed {
                    child: kind,
                    parent: parent_kind,
                });
            }
        }
        let id = Id::new();
        let text = text.trim().to_owned();
        with_list!(self, kind, |mut list| {
            let mut item = Item::new_item(id.clone(), text);
            if let (Some(parent), Some(links)) = (parent, Item::links_mut(&mut item)) {
                links.push(parent.clone());
            }
            list.push(item);
        });
        Ok(id)
    }

    /// Replaces an item's main text (title, statement or name), trimmed.
    pub fn set_text(&mut self, id: &Id, text: &str) -> Result<(), OpError> {
        let kind = self.kind_or_not_found(id)?;
        let text = text.trim().to_owned();
        with_list!(self, kind, |mut list| {
            if let Some(item) = list.iter_mut().find(|x| x.id() == id) {
                item.set_text(text);
            }
        });
        Ok(())
    }

    /// Removes the item and every link to it from every link list. No other
    /// item is removed: an action whose only aim is deleted stays in the plan,
    /// unlinked.
    pub fn delete_item(&mut self, id: &Id) -> Result<(), OpError> {
        let kind = self.kind_or_not_found(id)?;
        with_list!(self, kind, |mut list| list.retain(|x| x.id() != id));
        for k in Kind::ALL {
            with_list!(self, k, |mut list| {
                for item in list.iter_mut() {
                    if let Some(links) = item.links_mut() {
                        links.retain(|l| l != id);
                    }
                }
            });
        }
        Ok(())
    }

    /// Swaps the item with the previous (`up`) or next item of the same kind.
    /// With `within_parent`, the neighbour is the nearest item of the same
    /// kind that also links to that parent, so an action can be reordered
    /// inside one aim's list. Returns `Ok(false)` if it is already first or
    /// last (and nothing changed).
    pub fn move_item(
        &mut self,
        id: &Id,
        up: bool,
        within_parent: Option<&Id>,
    ) -> Result<bool, OpError> {
        let kind = self.kind_or_not_found(id)?;
        let Some(other) = self.move_neighbour(id, up, within_parent) else {
            return Ok(false);
        };
        with_list!(self, kind, |mut list| {
            let i = position(list, id).expect("kind_of found it");
            let j = position(list, &other).expect("the neighbour is in the list");
            list.swap(i, j);
        });
        Ok(true)
    }

    /// The item `move_item` would swap `id` with, if any.
    pub fn move_neighbour(&self, id: &Id, up: bool, within_parent: Option<&Id>) -> Option<Id> {
        let kind = self.kind_of(id)?;
        with_list!(self, kind, |list| {
            let i = position(list, id)?;
            let qualifies = |x: &_| within_parent.is_none_or(|p| Item::links(x).contains(p));
            let j = if up {
                list[..i].iter().rposition(qualifies)
            } else {
                list[i + 1..].iter().position(qualifies).map(|j| i + 1 + j)
            }?;
            Some(list[j].id().clone())
        })
    }

    /// Moves the item to position `index` in its kind's list (clamped to the
    /// end of the list).
    pub fn move_to(&mut self, id: &Id, index: usize) -> Result<(), OpError> {
        let kind = self.kind_or_not_found(id)?;
        with_list!(self, kind, |mut list| {
            let i = position(list, id).expect("kind_of found it");
            let item = list.remove(i);
            let index = index.min(list.len());
            list.insert(index, item);
        });
        Ok(())
    }

    /// Links `child` to `parent` (adds `parent` to the child's link list).
    /// Linking twice has no further effect.
    pub fn link(&mut self, child: &Id, parent: &Id) -> Result<(), OpError> {
        let child_kind = self.kind_or_not_found(child)?;
        let parent_kind = self.kind_or_not_found(parent)?;
        if !link_allowed(child_kind, parent_kind) {
            return Err(OpError::LinkNotAllowed {
                child: child_kind,
                parent: parent_kind,
            });
        }
        with_list!(self, child_kind, |mut list| {
            if let Some(links) = list
                .iter_mut()
                .find(|x| x.id() == child)
                .and_then(|x| x.links_mut())
            {
                if !links.contains(parent) {
                    links.push(parent.clone());
                }
            }
        });
        Ok(())
    }

    /// Adds an empty item beside `sibling`: the same kind, the same links
    /// (and driver level), just after it in the plan.
    pub fn add_beside(&mut self, sibling: &Id) -> Result<Id, OpError> {
        let kind = self.kind_or_not_found(sibling)?;
        let parents = self.links_of(sibling).to_vec();
        let level = self.aim(sibling).map(|a| a.level);
        let id = self.add_item(kind, "", None)?;
        for parent in &parents {
            self.link(&id, parent)?;
        }
        if let (Some(level), Some(aim)) = (level, self.aim_mut(&id)) {
            aim.level = level;
        }
        self.place_next_to(&id, sibling, true)?;
        Ok(id)
    }

    /// Adds an empty item one step down the driver diagram, linked to
    /// `parent`: an aim driving an outcome, an action serving an aim, a
    /// measure evidencing an action.
    pub fn add_next_step(&mut self, parent: &Id) -> Result<Id, OpError> {
        let kind = match self.kind_or_not_found(parent)? {
            Kind::Priority => Kind::Outcome,
            Kind::Outcome => Kind::Aim,
            Kind::Aim => Kind::Action,
            Kind::Action => Kind::Measure,
            Kind::Measure => {
                return Err(OpError::InvalidValue(
                    "A measure is the last step of the diagram: nothing links to it.".into(),
                ))
            }
        };
        self.add_item(kind, "", Some(parent))
    }

    /// Links two items whichever way the rules allow (a line drawn from an
    /// aim to an outcome, or from the outcome to the aim, is the same link).
    /// Returns (child, parent). Refused with the reason when neither way is
    /// allowed or the two are already linked.
    pub fn link_either(&mut self, a: &Id, b: &Id) -> Result<(Id, Id), OpError> {
        let ka = self.kind_or_not_found(a)?;
        let kb = self.kind_or_not_found(b)?;
        let (child, parent) = if link_allowed(ka, kb) {
            (a, b)
        } else if link_allowed(kb, ka) {
            (b, a)
        } else {
            return Err(OpError::LinkNotAllowed {
                child: ka,
                parent: kb,
            });
        };
        if self.links_of(child).contains(parent) {
            return Err(OpError::InvalidValue(
                "Those two are already linked.".into(),
            ));
        }
        self.link(child, parent)?;
        Ok((child.clone(), parent.clone()))
    }

    /// Moves `id` in its kind's list to just before (or after) `target`, an
    /// item of the same kind: reordering by drag and drop.
    pub fn place_next_to(&mut self, id: &Id, target: &Id, after: bool) -> Result<(), OpError> {
        let kind = self.kind_or_not_found(id)?;
        let target_kind = self.kind_or_not_found(target)?;
        if kind != target_kind {
            return Err(OpError::InvalidValue(format!(
                "{} can only be moved among the other {}.",
                capitalise(&with_article(kind)),
                plural(kind)
            )));
        }
        if id == target {
            return Ok(());
        }
        with_list!(self, kind, |mut list| {
            let item = list.remove(position(list, id).expect("kind_of found it"));
            let t = position(list, target).expect("kind_of found it");
            list.insert(if after { t + 1 } else { t }, item);
        });
        Ok(())
    }

    /// Removes the link from `child` to `parent`; fine if there was none.
    pub fn unlink(&mut self, child: &Id, parent: &Id) -> Result<(), OpError> {
        let kind = self.kind_or_not_found(child)?;
        with_list!(self, kind, |mut list| {
            if let Some(links) = list
                .iter_mut()
                .find(|x| x.id() == child)
                .and_then(|x| x.links_mut())
            {
                links.retain(|l| l != parent);
            }
        });
        Ok(())
    }

    /// A copy of the plan with a fresh plan id; item ids are kept.
    pub fn with_new_id(&self) -> Plan {
        Plan {
            id: Id::new(),
            ..self.clone()
        }
    }

    /// A copy of the plan with a fresh plan id and a new title.
    pub fn duplicate(&self, title: &str) -> Plan {
        let mut p = self.with_new_id();
        p.meta.title = title.trim().to_owned();
        p
    }
}

impl Action {
    /// Sets progress, clamped to 0..=100.
    pub fn set_percent(&mut self, p: i64) {
        self.percent = p.clamp(0, 100) as u8;
    }
}

impl DataPoint {
    /// A data point with no date; the value must be a finite number.
    pub fn new(period: &str, value: f64) -> Result<DataPoint, OpError> {
        if !value.is_finite() {
            return Err(OpError::InvalidValue(
                "A measure's value must be an ordinary number (for example 72.9).".to_owned(),
            ));
        }
        Ok(DataPoint {
            period: period.trim().to_owned(),
            value,
            date: None,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> (Plan, Id, Id, Id, Id) {
        let mut p = Plan::new_empty(" Test ");
        let pr = p.add_item(Kind::Priority, "P", None).unwrap();
        let o = p.add_item(Kind::Outcome, "O", Some(&pr)).unwrap();
        let a = p.add_item(Kind::Aim, "A", Some(&o)).unwrap();
        let act = p.add_item(Kind::Action, "  Act  ", Some(&a)).unwrap();
        (p, pr, o, a, act)
    }

    #[test]
    fn add_links_and_trims() {
        let (p, pr, o, a, act) = plan();
        assert_eq!(p.meta.title, "Test");
        assert_eq!(p.outcome(&o).unwrap().priorities, vec![pr]);
        assert_eq!(p.action(&act).unwrap().title, "Act");
        assert_eq!(p.action(&act).unwrap().aims, vec![a]);
    }

    #[test]
    fn add_refused_leaves_plan_unchanged() {
        let (mut p, pr, ..) = plan();
        let before = p.clone();
        let e = p.add_item(Kind::Measure, "M", Some(&pr)).unwrap_err();
        assert_eq!(
            e,
            OpError::LinkNotAllowed {
                child: Kind::Measure,
                parent: Kind::Priority
            }
        );
        assert_eq!(
            e.to_string(),
            "A measure cannot be linked to a priority. Measures can evidence outcomes, improvement aims or actions."
        );
        assert_eq!(
            p.add_item(Kind::Priority, "x", Some(&pr)),
            Err(OpError::LinkNotAllowed {
                child: Kind::Priority,
                parent: Kind::Priority
            })
        );
        assert_eq!(
            p.add_item(Kind::Aim, "x", Some(&"gone".into())),
            Err(OpError::NotFound("gone".into()))
        );
        assert_eq!(p, before);
    }

    #[test]
    fn messages() {
        assert_eq!(
            OpError::NotFound("x".into()).to_string(),
            "That item no longer exists in the plan."
        );
        assert_eq!(
            OpError::LinkNotAllowed {
                child: Kind::Action,
                parent: Kind::Outcome
            }
            .to_string(),
            "An action cannot be linked to an outcome. Actions can serve improvement aims."
        );
    }

    #[test]
    fn set_percent_clamps() {
        let mut a = Action::default();
        a.set_percent(150);
        assert_eq!(a.percent, 100);
        a.set_percent(-5);
        assert_eq!(a.percent, 0);
        a.set_percent(42);
        assert_eq!(a.percent, 42);
    }

    #[test]
    fn data_point_must_be_finite() {
        assert!(DataPoint::new("Q1", f64::NAN).is_err());
        assert!(DataPoint::new("Q1", f64::INFINITY).is_err());
        assert_eq!(DataPoint::new(" Q1 ", 2.5).unwrap().period, "Q1");
    }

    #[test]
    fn duplicate_keeps_item_ids() {
        let (p, ..) = plan();
        let d = p.duplicate("Copy");
        assert_ne!(d.id, p.id);
        assert_eq!(d.meta.title, "Copy");
        assert_eq!(d.actions, p.actions);
    }

    #[test]
    fn move_to_clamps() {
        let (mut p, ..) = plan();
        let ids: Vec<Id> = (0..3)
            .map(|i| p.add_item(Kind::Measure, &i.to_string(), None).unwrap())
            .collect();
        p.move_to(&ids[0], 99).unwrap();
        assert_eq!(
            p.ids_of_kind(Kind::Measure),
            vec![ids[1].clone(), ids[2].clone(), ids[0].clone()]
        );
        p.move_to(&ids[0], 0).unwrap();
        assert_eq!(p.ids_of_kind(Kind::Measure), ids);
    }
}
