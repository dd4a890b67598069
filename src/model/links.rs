//! Link rules (which kind of item may be linked to which) and read-only
//! queries over a plan's items and links.
//!
//! Links are held by the item on the right-hand side of the driver diagram:
//! an outcome lists its priorities, an aim its outcomes, an action its aims,
//! and a measure the outcomes, aims or actions it evidences.

use std::collections::HashMap;

use super::plan::{Action, Aim, Id, Kind, Measure, Outcome, Plan, Priority};

/// Whether an item of kind `child` may be linked to an item of kind `parent`:
/// Outcome -> Priority, Aim -> Outcome, Action -> Aim and
/// Measure -> Outcome, Aim or Action. Nothing else.
pub fn link_allowed(child: Kind, parent: Kind) -> bool {
    matches!(
        (child, parent),
        (Kind::Outcome, Kind::Priority)
            | (Kind::Aim, Kind::Outcome)
            | (Kind::Action, Kind::Aim)
            | (Kind::Measure, Kind::Outcome)
            | (Kind::Measure, Kind::Aim)
            | (Kind::Measure, Kind::Action)
    )
}

/// "a priority", "an outcome", "an improvement aim", ...
pub(crate) fn with_article(kind: Kind) -> String {
    let label = kind.label();
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {label}")
}

/// The plural a user sees: "priorities", "improvement aims", ...
pub(crate) fn plural(kind: Kind) -> &'static str {
    match kind {
        Kind::Priority => "priorities",
        Kind::Outcome => "outcomes",
        Kind::Aim => "improvement aims",
        Kind::Action => "actions",
        Kind::Measure => "measures",
    }
}

/// What an item of this kind may be linked to, as a plain sentence ending
/// "... can only ...": used in error messages.
pub(crate) fn allowed_parents_phrase(kind: Kind) -> &'static str {
    match kind {
        Kind::Priority => "are not linked to anything (they sit at the top of the plan)",
        Kind::Outcome => "belong to priorities",
        Kind::Aim => "drive outcomes",
        Kind::Action => "serve improvement aims",
        Kind::Measure => "evidence outcomes, improvement aims or actions",
    }
}

/// Common access to the five kinds of item, used by the operations so each
/// rule is written once.
pub trait Item {
    const KIND: Kind;
    fn id(&self) -> &Id;
    /// The main text: a priority's or action's title, an outcome's or aim's
    /// statement, a measure's name.
    fn text(&self) -> &str;
    fn set_text(&mut self, text: String);
    /// The item's own list of parent links (empty for a priority).
    fn links(&self) -> &[Id];
    /// The list of parent links, or `None` for a priority, which has none.
    fn links_mut(&mut self) -> Option<&mut Vec<Id>>;
    /// A new item with this id and text and no links.
    fn new_item(id: Id, text: String) -> Self;
    /// The id (to change), code, text and links (to change) at once, for
    /// code that mends an item's id and links in one pass.
    fn parts_mut(&mut self) -> ItemParts<'_>;
}

/// An item's id and links to change, with its code and text to name it.
pub struct ItemParts<'a> {
    pub id: &'a mut Id,
    pub code: &'a str,
    pub text: &'a str,
    /// `None` for a priority, which has no links.
    pub links: Option<&'a mut Vec<Id>>,
}

macro_rules! impl_item {
    ($ty:ty, $kind:expr, $text:ident, $links:ident) => {
        impl Item for $ty {
            const KIND: Kind = $kind;
            fn id(&self) -> &Id {
                &self.id
            }
            fn text(&self) -> &str {
                &self.$text
            }
            fn set_text(&mut self, text: String) {
                self.$text = text;
            }
            fn links(&self) -> &[Id] {
                &self.$links
            }
            fn links_mut(&mut self) -> Option<&mut Vec<Id>> {
                Some(&mut self.$links)
            }
            fn new_item(id: Id, text: String) -> Self {
                Self {
                    id,
                    $text: text,
                    ..Default::default()
                }
            }
            fn parts_mut(&mut self) -> ItemParts<'_> {
                ItemParts {
                    id: &mut self.id,
                    code: &self.code,
                    text: &self.$text,
                    links: Some(&mut self.$links),
                }
            }
        }
    };
}

impl Item for Priority {
    const KIND: Kind = Kind::Priority;
    fn id(&self) -> &Id {
        &self.id
    }
    fn text(&self) -> &str {
        &self.title
    }
    fn set_text(&mut self, text: String) {
        self.title = text;
    }
    fn links(&self) -> &[Id] {
        &[]
    }
    fn links_mut(&mut self) -> Option<&mut Vec<Id>> {
        None
    }
    fn new_item(id: Id, text: String) -> Self {
        Priority {
            id,
            title: text,
            ..Default::default()
        }
    }
    fn parts_mut(&mut self) -> ItemParts<'_> {
        ItemParts {
            id: &mut self.id,
            code: &self.code,
            text: &self.title,
            links: None,
        }
    }
}
impl_item!(Outcome, Kind::Outcome, statement, priorities);
impl_item!(Aim, Kind::Aim, statement, outcomes);
impl_item!(Action, Kind::Action, title, aims);
impl_item!(Measure, Kind::Measure, name, evidences);

/// One item of any kind, borrowed from a plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ItemRef<'a> {
    Priority(&'a Priority),
    Outcome(&'a Outcome),
    Aim(&'a Aim),
    Action(&'a Action),
    Measure(&'a Measure),
}

macro_rules! each_kind {
    ($item:expr, |$x:ident| $body:expr) => {
        match $item {
            ItemRef::Priority($x) => $body,
            ItemRef::Outcome($x) => $body,
            ItemRef::Aim($x) => $body,
            ItemRef::Action($x) => $body,
            ItemRef::Measure($x) => $body,
        }
    };
}

impl<'a> ItemRef<'a> {
    pub fn kind(self) -> Kind {
        each_kind!(self, |x| item_kind(x))
    }
    pub fn id(self) -> &'a Id {
        each_kind!(self, |x| &x.id)
    }
    /// The main text: a title, statement or name.
    pub fn text(self) -> &'a str {
        each_kind!(self, |x| x.text())
    }
    /// The item's own list of parent links (empty for a priority).
    pub fn links(self) -> &'a [Id] {
        each_kind!(self, |x| x.links())
    }
    /// The item's code ("STRAT1.4"), as typed.
    pub fn code(self) -> &'a str {
        each_kind!(self, |x| &x.code)
    }
}

fn item_kind<T: Item>(_: &T) -> Kind {
    T::KIND
}

impl Plan {
    /// The item at `index` in the list of `kind`, if there is one.
    pub fn item_at(&self, kind: Kind, index: usize) -> Option<ItemRef<'_>> {
        match kind {
            Kind::Priority => self.priorities.get(index).map(ItemRef::Priority),
            Kind::Outcome => self.outcomes.get(index).map(ItemRef::Outcome),
            Kind::Aim => self.aims.get(index).map(ItemRef::Aim),
            Kind::Action => self.actions.get(index).map(ItemRef::Action),
            Kind::Measure => self.measures.get(index).map(ItemRef::Measure),
        }
    }

    /// The item with this id, found by searching the plan.
    pub fn item(&self, id: &Id) -> Option<ItemRef<'_>> {
        Kind::ALL.into_iter().find_map(|k| {
            let i = with_list!(self, k, |list| list.iter().position(|x| x.id() == id))?;
            self.item_at(k, i)
        })
    }
}

/// Runs `$body` with `$list` bound to the plan's list (a `Vec` of items) for
/// `$kind`; the body is compiled once per kind, so it may use [`Item`].
macro_rules! with_list {
    ($plan:expr, $kind:expr, |$list:ident| $body:expr) => {
        match $kind {
            $crate::model::plan::Kind::Priority => {
                let $list = &$plan.priorities;
                $body
            }
            $crate::model::plan::Kind::Outcome => {
                let $list = &$plan.outcomes;
                $body
            }
            $crate::model::plan::Kind::Aim => {
                let $list = &$plan.aims;
                $body
            }
            $crate::model::plan::Kind::Action => {
                let $list = &$plan.actions;
                $body
            }
            $crate::model::plan::Kind::Measure => {
                let $list = &$plan.measures;
                $body
            }
        }
    };
    ($plan:expr, $kind:expr, |mut $list:ident| $body:expr) => {
        match $kind {
            $crate::model::plan::Kind::Priority => {
                let $list = &mut $plan.priorities;
                $body
            }
            $crate::model::plan::Kind::Outcome => {
                let $list = &mut $plan.outcomes;
                $body
            }
            $crate::model::plan::Kind::Aim => {
                let $list = &mut $plan.aims;
                $body
            }
            $crate::model::plan::Kind::Action => {
                let $list = &mut $plan.actions;
                $body
            }
            $crate::model::plan::Kind::Measure => {
                let $list = &mut $plan.measures;
                $body
            }
        }
    };
}
pub(crate) use with_list;

fn find<'a, T: Item>(list: &'a [T], id: &Id) -> Option<&'a T> {
    list.iter().find(|x| x.id() == id)
}

impl Plan {
    /// The kind of the item with this id, or `None` if it is not in the plan.
    pub fn kind_of(&self, id: &Id) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|&k| with_list!(self, k, |list| find(list, id).is_some()))
    }

    /// The main text of an item: a priority's or action's title, an
    /// outcome's or aim's statement, a measure's name.
    pub fn text_of(&self, id: &Id) -> Option<&str> {
        self.item(id).map(ItemRef::text)
    }

    /// The item's own list of parent links (an outcome's priorities, an
    /// aim's outcomes, an action's aims, a measure's evidences); an empty
    /// slice for a priority or an id that is not in the plan.
    pub fn links_of(&self, id: &Id) -> &[Id] {
        self.item(id).map(ItemRef::links).unwrap_or(&[])
    }

    /// The ids of the items whose link list contains `id` (its children in
    /// the driver diagram), in plan order: outcomes, aims, actions, measures.
    pub fn linked_from(&self, id: &Id) -> Vec<Id> {
        let mut out = Vec::new();
        for kind in Kind::ALL {
            with_list!(self, kind, |list| out.extend(
                list.iter()
                    .filter(|x| x.links().contains(id))
                    .map(|x| x.id().clone())
            ));
        }
        out
    }

    /// For every item, the items that link to it with their kinds, in the
    /// order of [`Plan::linked_from`]: all of the plan's links in one pass.
    pub fn linked_from_all(&self) -> HashMap<Id, Vec<(Kind, Id)>> {
        let mut out: HashMap<Id, Vec<(Kind, Id)>> = HashMap::new();
        for kind in Kind::ALL {
            with_list!(self, kind, |list| {
                for child in list.iter() {
                    for parent in child.links() {
                        out.entry(parent.clone())
                            .or_default()
                            .push((kind, child.id().clone()));
                    }
                }
            });
        }
        out
    }

    /// Whether an item with this id is in the plan.
    pub fn contains(&self, id: &Id) -> bool {
        self.kind_of(id).is_some()
    }

    /// The ids of all items of one kind, in plan order.
    pub fn ids_of_kind(&self, kind: Kind) -> Vec<Id> {
        with_list!(self, kind, |list| list
            .iter()
            .map(|x| x.id().clone())
            .collect())
    }

    /// The items `id` could be linked to, either way round, that it is not
    /// linked to already: the keyboard list of link targets.
    pub fn link_candidates(&self, id: &Id) -> Vec<Id> {
        let Some(kind) = self.kind_of(id) else {
            return Vec::new();
        };
        Kind::ALL
            .into_iter()
            .filter(|&k| link_allowed(kind, k) || link_allowed(k, kind))
            .flat_map(|k| self.ids_of_kind(k))
            .filter(|other| {
                !self.links_of(id).contains(other) && !self.links_of(other).contains(id)
            })
            .collect()
    }

    /// Whether this is an item other than a priority whose link list is
    /// empty (an outcome with no priority, an action serving no aim, ...).
    pub fn is_unlinked(&self, id: &Id) -> bool {
        match self.kind_of(id) {
            None | Some(Kind::Priority) => false,
            Some(_) => self.links_of(id).is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Plan {
        let mut p = Plan::default();
        p.priorities
            .push(Priority::new_item("p".into(), "P".into()));
        let mut o = Outcome::new_item("o".into(), "O".into());
        o.priorities.push("p".into());
        p.outcomes.push(o);
        let mut a = Aim::new_item("a".into(), "A".into());
        a.outcomes.push("o".into());
        p.aims.push(a);
        p.aims.push(Aim::new_item("a2".into(), "A2".into()));
        let mut m = Measure::new_item("m".into(), "M".into());
        m.evidences = vec!["a".into(), "o".into()];
        p.measures.push(m);
        p
    }

    #[test]
    fn rules() {
        use Kind::*;
        let allowed = [
            (Outcome, Priority),
            (Aim, Outcome),
            (Action, Aim),
            (Measure, Outcome),
            (Measure, Aim),
            (Measure, Action),
        ];
        for c in Kind::ALL {
            for p in Kind::ALL {
                assert_eq!(
                    link_allowed(c, p),
                    allowed.contains(&(c, p)),
                    "{c:?}->{p:?}"
                );
            }
        }
    }

    #[test]
    fn queries() {
        let p = small();
        assert_eq!(p.kind_of(&"a2".into()), Some(Kind::Aim));
        assert_eq!(p.kind_of(&"zz".into()), None);
        assert_eq!(p.text_of(&"m".into()), Some("M"));
        assert_eq!(p.text_of(&"p".into()), Some("P"));
        assert_eq!(p.links_of(&"m".into()), &[Id::from("a"), Id::from("o")]);
        assert!(p.links_of(&"p".into()).is_empty());
        assert!(p.links_of(&"zz".into()).is_empty());
        assert_eq!(
            p.linked_from(&"o".into()),
            vec![Id::from("a"), Id::from("m")]
        );
        assert_eq!(p.linked_from(&"p".into()), vec![Id::from("o")]);
        let all = p.linked_from_all();
        for id in ["p", "o", "a", "a2", "m"] {
            let id = Id::from(id);
            let ids: Vec<Id> = all
                .get(&id)
                .into_iter()
                .flatten()
                .map(|(_, c)| c.clone())
                .collect();
            assert_eq!(ids, p.linked_from(&id));
            for (k, c) in all.get(&id).into_iter().flatten() {
                assert_eq!(p.kind_of(c), Some(*k));
            }
        }
        assert!(p.contains(&"o".into()));
        assert!(!p.contains(&"zz".into()));
        assert_eq!(
            p.ids_of_kind(Kind::Aim),
            vec![Id::from("a"), Id::from("a2")]
        );
        assert!(p.is_unlinked(&"a2".into()));
        assert!(!p.is_unlinked(&"a".into()));
        assert!(!p.is_unlinked(&"p".into()));
        assert!(!p.is_unlinked(&"zz".into()));
    }

    #[test]
    fn articles() {
        assert_eq!(with_article(Kind::Aim), "an improvement aim");
        assert_eq!(with_article(Kind::Outcome), "an outcome");
        assert_eq!(with_article(Kind::Measure), "a measure");
    }
}
