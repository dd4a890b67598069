//! Chains through the plan: everything an item drives and everything that
//! drives it (for focus and the priority filter), and the counts and gaps
//! shown on each card.

use std::collections::{HashMap, HashSet};

use crate::model::links::{link_allowed, with_list, Item};
use crate::model::plan::{Id, Kind, Plan};

/// The item itself, every item it links to directly or indirectly (upward:
/// an action's aims, their outcomes, their priorities) and every item that
/// links to it directly or indirectly (downward: an outcome's aims, their
/// actions, the measures of any of them). Measures linked to any item of the
/// chain, above or below, are part of it too (they show how that item is
/// doing). An id that is not in the plan gives an empty set.
pub fn chain_of(plan: &Plan, id: &Id) -> HashSet<Id> {
    // Indexes, built once: each item's kind and links, and its children.
    let mut kinds: HashMap<&Id, Kind> = HashMap::new();
    let mut parents: HashMap<&Id, &[Id]> = HashMap::new();
    let mut children: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for kind in Kind::ALL {
        with_list!(plan, kind, |list| {
            for item in list.iter() {
                kinds.entry(item.id()).or_insert(kind);
                parents.entry(item.id()).or_insert(item.links());
                for link in item.links() {
                    children.entry(link).or_default().push(item.id());
                }
            }
        });
    }
    let Some((start, _)) = kinds.get_key_value(id) else {
        return HashSet::new();
    };

    let mut chain: HashSet<&Id> = HashSet::new();
    chain.insert(start);
    // Upward.
    let mut stack = vec![*start];
    while let Some(x) = stack.pop() {
        for p in parents.get(x).copied().unwrap_or(&[]) {
            if let Some((p, _)) = kinds.get_key_value(p) {
                if chain.insert(*p) {
                    stack.push(*p);
                }
            }
        }
    }
    // Downward.
    let mut stack = vec![*start];
    while let Some(x) = stack.pop() {
        for &c in children.get(x).map(Vec::as_slice).unwrap_or(&[]) {
            if chain.insert(c) {
                stack.push(c);
            }
        }
    }
    // Measures of any member.
    let members: Vec<&Id> = chain.iter().copied().collect();
    for m in members {
        for &c in children.get(m).map(Vec::as_slice).unwrap_or(&[]) {
            if kinds.get(c) == Some(&Kind::Measure) {
                chain.insert(c);
            }
        }
    }
    chain.into_iter().cloned().collect()
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

/// The gap shown on an aim that no action serves.
pub const GAP_AIM_NO_ACTION: &str = "No action serves this aim yet.";
/// The gap shown on an aim that has actions but no measure.
pub const GAP_AIM_NO_MEASURE: &str = "No measure shows whether this aim is improving.";
/// The gap shown on an outcome that no aim drives.
pub const GAP_OUTCOME_NO_AIM: &str = "No improvement aim drives this outcome yet.";

/// Facts for every item of the plan, in one pass over the links. Each
/// linking item counts once, however often it lists the same item.
pub fn card_facts(plan: &Plan) -> HashMap<Id, CardFacts> {
    let mut kinds: HashMap<&Id, Kind> = HashMap::new();
    for kind in Kind::ALL {
        with_list!(plan, kind, |list| {
            for item in list.iter() {
                kinds.entry(item.id()).or_insert(kind);
            }
        });
    }
    let mut facts: HashMap<&Id, CardFacts> =
        kinds.keys().map(|&id| (id, CardFacts::default())).collect();
    for kind in [Kind::Aim, Kind::Action, Kind::Measure] {
        with_list!(plan, kind, |list| {
            for item in list.iter() {
                let links = item.links();
                for (j, link) in links.iter().enumerate() {
                    let Some(&parent) = kinds.get(link) else {
                        continue;
                    };
                    if !link_allowed(kind, parent) || links[..j].contains(link) {
                        continue;
                    }
                    let f = facts.get_mut(link).expect("every item has facts");
                    match (kind, parent) {
                        (Kind::Aim, Kind::Outcome) => f.aims += 1,
                        (Kind::Action, Kind::Aim) => f.actions += 1,
                        (Kind::Measure, _) => f.measures += 1,
                        _ => {}
                    }
                }
            }
        });
    }
    facts
        .into_iter()
        .map(|(id, mut f)| {
            f.gap = match kinds[id] {
                Kind::Aim if f.actions == 0 => Some(GAP_AIM_NO_ACTION),
                Kind::Aim if f.measures == 0 => Some(GAP_AIM_NO_MEASURE),
                Kind::Outcome if f.aims == 0 => Some(GAP_OUTCOME_NO_AIM),
                _ => None,
            };
            (id.clone(), f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example::example_plan;
    use crate::model::synthetic::synthetic_plan;

    fn set(ids: &[&Id]) -> HashSet<Id> {
        ids.iter().map(|&x| x.clone()).collect()
    }

    struct Fx {
        p: Plan,
        pr: Id,
        o: Id,
        o2: Id,
        a: Id,
        a2: Id,
        x: Id,
        x2: Id,
        m_x: Id,
        m_o: Id,
        m_a2: Id,
    }

    /// P -> O -> A -> X (measured by m_x); O is measured by m_o; a second
    /// outcome O2 under P with aim A2 -> X2, measured by m_a2.
    fn fixture() -> Fx {
        let mut p = Plan::new_empty("t");
        let pr = p.add_item(Kind::Priority, "P", None).unwrap();
        let o = p.add_item(Kind::Outcome, "O", Some(&pr)).unwrap();
        let o2 = p.add_item(Kind::Outcome, "O2", Some(&pr)).unwrap();
        let a = p.add_item(Kind::Aim, "A", Some(&o)).unwrap();
        let a2 = p.add_item(Kind::Aim, "A2", Some(&o2)).unwrap();
        let x = p.add_item(Kind::Action, "X", Some(&a)).unwrap();
        let x2 = p.add_item(Kind::Action, "X2", Some(&a2)).unwrap();
        let m_x = p.add_item(Kind::Measure, "MX", Some(&x)).unwrap();
        let m_o = p.add_item(Kind::Measure, "MO", Some(&o)).unwrap();
        let m_a2 = p.add_item(Kind::Measure, "MA2", Some(&a2)).unwrap();
        Fx {
            p,
            pr,
            o,
            o2,
            a,
            a2,
            x,
            x2,
            m_x,
            m_o,
            m_a2,
        }
    }

    #[test]
    fn chain_of_an_action_goes_up_and_takes_measures_along() {
        let f = fixture();
        assert_eq!(
            chain_of(&f.p, &f.x),
            set(&[&f.x, &f.a, &f.o, &f.pr, &f.m_x, &f.m_o])
        );
    }

    #[test]
    fn chain_of_an_outcome_goes_down_but_not_sideways() {
        let f = fixture();
        assert_eq!(
            chain_of(&f.p, &f.o),
            set(&[&f.o, &f.pr, &f.a, &f.x, &f.m_x, &f.m_o])
        );
        let all = chain_of(&f.p, &f.pr);
        assert_eq!(all.len(), 10, "a priority's chain is all it drives");
        assert!(all.contains(&f.o2) && all.contains(&f.x2) && all.contains(&f.m_a2));
    }

    #[test]
    fn chain_of_a_measure_and_of_nothing() {
        let f = fixture();
        assert_eq!(
            chain_of(&f.p, &f.m_a2),
            set(&[&f.m_a2, &f.a2, &f.o2, &f.pr])
        );
        assert!(chain_of(&f.p, &"gone".into()).is_empty());
    }

    #[test]
    fn chain_of_a_shared_action_reaches_both_aims() {
        let mut f = fixture();
        f.p.link(&f.x, &f.a2).unwrap();
        let c = chain_of(&f.p, &f.x);
        assert!(c.contains(&f.a2) && c.contains(&f.o2) && c.contains(&f.m_a2));
        assert!(!c.contains(&f.x2));
    }

    #[test]
    fn facts_count_and_name_the_gaps() {
        let mut f = fixture();
        let lonely = f.p.add_item(Kind::Aim, "No actions", Some(&f.o)).unwrap();
        let empty_outcome = f.p.add_item(Kind::Outcome, "No aims", Some(&f.pr)).unwrap();
        f.p.link(&f.x2, &f.a).unwrap();
        let facts = card_facts(&f.p);
        assert_eq!(facts.len(), 12);
        let a = &facts[&f.a];
        assert_eq!((a.actions, a.measures, a.aims), (2, 0, 0));
        assert_eq!(a.gap, Some(GAP_AIM_NO_MEASURE));
        assert_eq!(
            facts[&f.a2],
            CardFacts {
                actions: 1,
                measures: 1,
                aims: 0,
                gap: None
            }
        );
        assert_eq!(facts[&lonely].gap, Some("No action serves this aim yet."));
        let o = &facts[&f.o];
        assert_eq!((o.aims, o.measures, o.actions, o.gap), (2, 1, 0, None));
        assert_eq!(
            facts[&empty_outcome].gap,
            Some("No improvement aim drives this outcome yet.")
        );
        assert_eq!(facts[&f.x].measures, 1);
        assert_eq!(facts[&f.x].gap, None);
        assert_eq!(facts[&f.pr], CardFacts::default());
        assert_eq!(facts[&f.m_x], CardFacts::default());
    }

    #[test]
    fn facts_of_the_example_plan_agree_with_the_queries() {
        let p = example_plan();
        let facts = card_facts(&p);
        for aim in &p.aims {
            let kids = p.linked_from(&aim.id);
            let count = |k| kids.iter().filter(|x| p.kind_of(x) == Some(k)).count();
            assert_eq!(facts[&aim.id].actions, count(Kind::Action));
            assert_eq!(facts[&aim.id].measures, count(Kind::Measure));
        }
    }

    #[test]
    fn large_plans_are_fine() {
        let p = synthetic_plan(5000, 1);
        let facts = card_facts(&p);
        assert_eq!(facts.len(), 5000);
        let c = chain_of(&p, &p.priorities[0].id);
        assert!(c.len() > 10);
    }
}
