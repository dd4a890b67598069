// Native only: the property test uses proptest, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

//! Repairing a plan file instead of refusing it whole: each kind of
//! repair, several at once, what is still refused, that a valid plan is
//! left alone, and a property test that corrupting valid plans with
//! dangling links, duplicate ids and out-of-range percentages always gives
//! back a valid plan whose other content is unchanged.

use chrono::NaiveDate;
use plan_workbench::model::example::example_plan;
use plan_workbench::model::format::repair::{repair, unrepairable, Change, Repair};
use plan_workbench::model::format::{
    export_plan, export_value, import_plan, import_plan_repairing, Imported,
};
use plan_workbench::model::links::Item;
use plan_workbench::model::synthetic::synthetic_plan;
use plan_workbench::model::validate::{validate, validate_all, Problem};
use plan_workbench::model::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// A small valid plan: a priority, an outcome, an aim, two actions and a
/// measure, with codes.
fn base() -> Plan {
    let mut p = Plan::new_empty("Repairs");
    p.id = "plan".into();
    p.priorities.push(Priority {
        id: "p1".into(),
        code: "P1".into(),
        title: "Safer families".into(),
        ..Default::default()
    });
    p.outcomes.push(Outcome {
        id: "o1".into(),
        code: "O1".into(),
        statement: "Fewer children harmed".into(),
        priorities: vec!["p1".into()],
        ..Default::default()
    });
    p.aims.push(Aim {
        id: "a1".into(),
        code: "A1".into(),
        statement: "Earlier help".into(),
        outcomes: vec!["o1".into()],
        ..Default::default()
    });
    for (n, title) in ["Train staff", "Open family hubs"].iter().enumerate() {
        p.actions.push(Action {
            id: format!("act{n}").as_str().into(),
            code: format!("1.{}", n + 1),
            title: (*title).into(),
            aims: vec!["a1".into()],
            percent: 40,
            ..Default::default()
        });
    }
    p.measures.push(Measure {
        id: "m1".into(),
        code: "M1".into(),
        name: "Referrals".into(),
        evidences: vec!["o1".into(), "act0".into()],
        ..Default::default()
    });
    assert_eq!(validate(&p), Ok(()));
    p
}

fn changes(repairs: &[Repair]) -> Vec<Change> {
    repairs.iter().map(|r| r.change).collect()
}

/// Imports `plan`'s file through the repairing importer, which must offer
/// it repaired; checks what every repaired plan must be.
fn repaired_file(text: &str) -> (Plan, Vec<Repair>) {
    match import_plan_repairing(text) {
        Ok(Imported::Repairable { plan, repairs }) => {
            assert_eq!(validate(&plan), Ok(()), "the repaired plan validates");
            assert!(!repairs.is_empty());
            // It exports and imports as it is.
            let again = export_plan(&plan);
            assert_eq!(import_plan(&again), Ok(plan.clone()));
            assert_eq!(
                import_plan_repairing(&again),
                Ok(Imported::Valid(plan.clone()))
            );
            // The strict reader (stored copies) still refuses the original.
            assert!(import_plan(text).is_err(), "strict import refuses it");
            (plan, repairs)
        }
        other => panic!("expected a repairable file, got {other:?}"),
    }
}

fn repaired(p: &Plan) -> (Plan, Vec<Repair>) {
    repaired_file(&export_plan(p))
}

#[test]
fn a_link_to_an_item_that_is_not_there_is_removed() {
    let mut p = base();
    p.actions[1].aims.insert(0, "aim-9".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(changes(&repairs), [Change::RemovedMissingLink]);
    assert_eq!(repairs[0].path, "$.actions[1].aims[0]");
    assert_eq!(
        repairs[0].description,
        "The action 1.2 “Open family hubs” was linked to an item with id “aim-9” that is not in the plan; that link is removed from the improvement aims it serves."
    );
    assert_eq!(fixed.actions[1].aims, vec![Id::from("a1")]);
    assert_eq!(fixed, base(), "nothing else changed");
}

#[test]
fn a_duplicate_id_gets_a_new_id_and_links_to_it_go_to_each_item_that_had_it() {
    let mut p = base();
    p.outcomes.push(Outcome {
        id: "o1".into(),
        code: "O2".into(),
        statement: "More children safe at home".into(),
        ..Default::default()
    });
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [
            Change::NewIdForDuplicate,
            Change::LinkToEach,
            Change::LinkToEach
        ]
    );
    assert_eq!(repairs[0].path, "$.outcomes[1].id");
    assert_eq!(
        repairs[0].description,
        "The outcome O2 “More children safe at home” had the id “o1”, which the outcome O1 “Fewer children harmed” has too; it now has its own id, “o1-2”. Links to “o1” stay with every item that had it and that may be linked to, so none is lost."
    );
    // The first keeps the id; the later one has a new, readable one.
    assert_eq!(fixed.outcomes[0].id, Id::from("o1"));
    assert_eq!(fixed.outcomes[1].id, Id::from("o1-2"));
    assert_eq!(fixed.outcomes[1].statement, "More children safe at home");
    // The aim and the measure that linked to "o1" now link to both.
    assert_eq!(fixed.aims[0].outcomes, vec![Id::from("o1"), "o1-2".into()]);
    assert_eq!(
        fixed.measures[0].evidences,
        vec![Id::from("o1"), "o1-2".into(), "act0".into()]
    );
    assert_eq!(repairs[1].path, "$.aims[0].outcomes[0]");
    assert!(
        repairs[1].description.starts_with(
            "The improvement aim A1 “Earlier help” was linked to “o1”, an id the outcome O1 “Fewer children harmed” and the outcome O2 “More children safe at home” had; it is now linked to both (in the outcomes it drives)."
        ),
        "{}",
        repairs[1].description
    );
}

#[test]
fn a_duplicate_id_of_another_kind_keeps_each_link_where_it_may_go() {
    let mut p = base();
    // An action with the outcome's id, and a measure with the plan's.
    p.actions.push(Action {
        id: "o1".into(),
        title: "Audit cases".into(),
        ..Default::default()
    });
    p.measures.push(Measure {
        id: "plan".into(),
        name: "Waiting times".into(),
        ..Default::default()
    });
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [
            Change::NewIdForDuplicate,
            Change::NewIdForDuplicate,
            Change::LinkToEach
        ]
    );
    assert!(repairs[1].description.contains("the plan itself"));
    // An aim may drive only outcomes: its link stays with the outcome.
    assert_eq!(fixed.aims[0].outcomes, vec![Id::from("o1")]);
    // A measure may evidence outcomes and actions: it evidences both.
    assert_eq!(
        fixed.measures[0].evidences,
        vec![Id::from("o1"), "o1-2".into(), "act0".into()]
    );
    assert_eq!(repairs[2].path, "$.measures[0].evidences[0]");
    assert_eq!(fixed.actions[2].id, Id::from("o1-2"));
    assert_eq!(fixed.measures[1].id, Id::from("plan-2"));
    assert_eq!(fixed.id, Id::from("plan"));
}

#[test]
fn a_link_that_only_the_renamed_item_may_take_goes_to_it() {
    let mut p = base();
    // A priority and an outcome share an id; an outcome links to it.
    p.outcomes.push(Outcome {
        id: "p1".into(),
        statement: "Shares the priority's id".into(),
        ..Default::default()
    });
    p.aims[0].outcomes.push("p1".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [Change::NewIdForDuplicate, Change::LinkMoved]
    );
    assert_eq!(fixed.aims[0].outcomes, vec![Id::from("o1"), "p1-2".into()]);
    // The outcome that links to the priority still does.
    assert_eq!(fixed.outcomes[0].priorities, vec![Id::from("p1")]);
    assert!(
        repairs[1]
            .description
            .contains("it is now linked to the outcome “Shares the priority's id”, the only one of them it may be linked to"),
        "{}",
        repairs[1].description
    );
}

#[test]
fn a_new_id_never_makes_a_dangling_link_point_somewhere() {
    let mut p = base();
    p.outcomes.push(Outcome {
        id: "o1".into(),
        statement: "Twin".into(),
        ..Default::default()
    });
    // "o1-2" is what the twin would get, but a link already names it.
    p.actions[0].aims.push("o1-2".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(fixed.outcomes[1].id, Id::from("o1-3"));
    assert_eq!(fixed.actions[0].aims, vec![Id::from("a1")]);
    assert!(changes(&repairs).contains(&Change::RemovedMissingLink));
}

#[test]
fn links_of_the_wrong_kind_or_to_the_plan_are_removed() {
    let mut p = base();
    p.actions[0].aims.push("p1".into());
    p.outcomes[0].priorities.push("plan".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [Change::RemovedWrongKindLink, Change::RemovedWrongKindLink]
    );
    assert_eq!(
        repairs[0].description,
        "The outcome O1 “Fewer children harmed” was linked to the plan itself, but outcomes can only belong to priorities; that link is removed from the priorities it belongs to."
    );
    assert_eq!(
        repairs[1].description,
        "The action 1.1 “Train staff” was linked to the priority P1 “Safer families”, but actions can only serve improvement aims; that link is removed from the improvement aims it serves."
    );
    assert_eq!(fixed, base());
}

#[test]
fn a_link_listed_twice_is_kept_once() {
    let mut p = base();
    p.measures[0].evidences.push("o1".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(changes(&repairs), [Change::RemovedRepeatedLink]);
    assert_eq!(repairs[0].path, "$.measures[0].evidences[2]");
    assert_eq!(
        repairs[0].description,
        "The measure M1 “Referrals” was linked to the outcome O1 “Fewer children harmed” twice in what it evidences; the second link is removed."
    );
    assert_eq!(fixed, base());
}

#[test]
fn progress_over_100_becomes_100() {
    let mut p = base();
    p.actions[0].percent = 150;
    p.actions[1].updates.push(Update {
        date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        text: "Going well".into(),
        percent: Some(255),
        ..Default::default()
    });
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [Change::ClampedPercent, Change::ClampedPercent]
    );
    assert_eq!(
        repairs[0].description,
        "The action 1.1 “Train staff” had its progress as 150%; it is now 100%, the most it can be."
    );
    assert_eq!(
        repairs[1].description,
        "The update of 1 May 2026 on the action 1.2 “Open family hubs” gave progress as 255%; it is now 100%, the most it can be."
    );
    assert_eq!(fixed.actions[0].percent, 100);
    assert_eq!(fixed.actions[1].updates[0].percent, Some(100));
}

#[test]
fn progress_no_percentage_can_hold_is_brought_into_range() {
    let mut doc = export_value(&base());
    doc["plan"]["actions"][0]["percent"] = json!(-5);
    doc["plan"]["actions"][1]["percent"] = json!(300);
    doc["plan"]["actions"][1]["updates"] =
        json!([{"date": "2026-05-01", "text": "Ahead", "percent": 18446744073709551615u64}]);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    // Refused by the strict reader, as today.
    let e = import_plan(&text).unwrap_err();
    assert!(e.message.contains("0 to 100"), "{e}");
    let (fixed, repairs) = repaired_file(&text);
    assert_eq!(changes(&repairs), [Change::ClampedPercent; 3]);
    assert_eq!(fixed.actions[0].percent, 0);
    assert_eq!(fixed.actions[1].percent, 100);
    assert_eq!(fixed.actions[1].updates[0].percent, Some(100));
    assert_eq!(
        repairs[0].description,
        "The action 1.1 “Train staff” had its progress as -5%; it is now 0%, the least it can be."
    );
    assert_eq!(
        repairs[2].description,
        "The update of 1 May 2026 on the action 1.2 “Open family hubs” gave progress as a number too large; it is now 100%, the most it can be."
    );
    assert_eq!(repairs[2].path, "$.actions[1].updates[0].percent");
}

#[test]
fn blank_ids_are_given_new_ones() {
    let mut p = base();
    p.id = Id(String::new());
    p.priorities.push(Priority {
        id: Id("  ".into()),
        title: "No id".into(),
        ..Default::default()
    });
    // A link to a blank id points at nothing: it is removed.
    p.outcomes[0].priorities.push(Id("  ".into()));
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [
            Change::NewPlanId,
            Change::NewIdForBlank,
            Change::RemovedMissingLink
        ]
    );
    assert!(!fixed.id.as_str().trim().is_empty());
    assert!(!fixed.priorities[1].id.as_str().trim().is_empty());
    assert_eq!(fixed.outcomes[0].priorities, vec![Id::from("p1")]);
    assert_eq!(
        repairs[1].description,
        "The priority “No id” had no id; it now has one."
    );
}

#[test]
fn an_item_with_no_code_or_text_is_named_by_its_place() {
    let mut p = base();
    p.aims.push(Aim {
        id: "a2".into(),
        outcomes: vec!["gone".into()],
        ..Default::default()
    });
    let (_, repairs) = repaired(&p);
    assert!(
        repairs[0].description.starts_with(
            "Improvement aim number 2 in the list of improvement aims (it has no code or text) was linked"
        ),
        "{}",
        repairs[0].description
    );
}

#[test]
fn several_problems_at_once_are_all_repaired_and_listed_in_plan_order() {
    let mut p = base();
    p.actions[0].aims.push("missing".into());
    p.actions[1].aims.push("a1".into());
    p.actions[1].percent = 120;
    p.aims.push(Aim {
        id: "a1".into(),
        code: "A2".into(),
        statement: "Copy of an aim".into(),
        outcomes: vec!["o1".into()],
        ..Default::default()
    });
    p.measures[0].evidences.push("p1".into());
    let (fixed, repairs) = repaired(&p);
    assert_eq!(
        changes(&repairs),
        [
            Change::NewIdForDuplicate,
            Change::LinkToEach,
            Change::RemovedMissingLink,
            Change::LinkToEach,
            Change::RemovedRepeatedLink,
            Change::RemovedWrongKindLink,
            Change::ClampedPercent,
        ]
    );
    assert_eq!(fixed.aims[1].id, Id::from("a1-2"));
    assert_eq!(fixed.actions[0].aims, vec![Id::from("a1"), "a1-2".into()]);
    assert_eq!(fixed.actions[1].aims, vec![Id::from("a1"), "a1-2".into()]);
    assert_eq!(fixed.measures[0].evidences, base().measures[0].evidences);
    assert_eq!(fixed.actions[1].percent, 100);
    for r in &repairs {
        assert!(r.description.ends_with('.'), "{}", r.description);
        assert!(r.path.starts_with("$."), "{}", r.path);
    }
    // Repairing the same file again gives the same plan and the same list.
    let again = repaired(&p);
    assert_eq!(again, (fixed, repairs));
}

#[test]
fn a_stored_copy_that_needs_repair_is_offered_repaired_too() {
    let mut p = base();
    p.actions[0].aims.push("missing".into());
    let stored =
        json!({"revision": 4, "changed": "2026-11-01T10:00:00Z", "plan": export_value(&p)});
    let (fixed, repairs) = repaired_file(&stored.to_string());
    assert_eq!(changes(&repairs), [Change::RemovedMissingLink]);
    assert_eq!(fixed, base());
}

#[test]
fn a_valid_plan_is_left_as_it_is() {
    for p in [base(), example_plan(), synthetic_plan(300, 7)] {
        assert_eq!(repair(p.clone()), (p.clone(), vec![]));
        assert_eq!(
            import_plan_repairing(&export_plan(&p)),
            Ok(Imported::Valid(p.clone()))
        );
    }
}

#[test]
fn a_file_with_a_problem_repair_cannot_mend_is_still_refused() {
    let mut p = base();
    p.actions[0].aims.push("missing".into());
    let mut doc = export_value(&p);
    // Progress as text: which number was meant is not known.
    doc["plan"]["actions"][1]["percent"] = json!("lots");
    let e = import_plan_repairing(&doc.to_string()).unwrap_err();
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[1].percent"));
    assert_eq!(e, import_plan(&doc.to_string()).unwrap_err());
    // A required field missing.
    let mut doc = export_value(&p);
    doc["plan"]["actions"][1]
        .as_object_mut()
        .unwrap()
        .remove("title");
    let e = import_plan_repairing(&doc.to_string()).unwrap_err();
    assert!(e.message.contains("\"title\" is missing"), "{e}");
    // A fraction of a percent.
    let mut doc = export_value(&p);
    doc["plan"]["actions"][1]["percent"] = json!(150.5);
    assert!(import_plan_repairing(&doc.to_string()).is_err());
    // Not JSON at all.
    assert!(import_plan_repairing("{ not json").is_err());
}

#[test]
fn a_field_given_twice_is_refused_even_beside_a_percentage_to_mend() {
    let mut doc = export_value(&base());
    doc["plan"]["actions"][0]["percent"] = json!(300);
    let text = doc.to_string();
    // The second action's title given twice, after the percentage (which
    // a JSON value, keeping only the last, would hide).
    let twice = text.replacen(
        "\"title\":\"Open family hubs\"",
        "\"title\":\"Open family hubs\",\"title\":\"Other\"",
        1,
    );
    assert_ne!(twice, text);
    let e = import_plan_repairing(&twice).unwrap_err();
    assert!(e.message.contains("given twice"), "{e}");
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[1]"));
}

#[test]
fn a_number_that_is_not_an_ordinary_number_is_not_repaired() {
    let mut p = base();
    p.actions[0].aims.push("missing".into());
    p.measures[0].data.push(DataPoint {
        period: "Q1".into(),
        value: f64::NAN,
        ..Default::default()
    });
    let problems = validate_all(&p);
    let left = unrepairable(&problems);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].problem, Problem::NotFinite);
    // Repair mends what it can and leaves the rest for the refusal.
    let (fixed, repairs) = repair(p);
    assert_eq!(changes(&repairs), [Change::RemovedMissingLink]);
    assert_eq!(
        validate_all(&fixed)
            .into_iter()
            .map(|e| e.problem)
            .collect::<Vec<_>>(),
        [Problem::NotFinite]
    );
}

// ------------------------------------------------------- property test

/// What marks an item put in by the test, so it can be taken out again.
const INSERTED: &str = "⟨inserted by the test⟩";

#[derive(Clone, Debug)]
enum Corruption {
    /// A link to an id nothing has, into an item's links at a place.
    Dangling { kind: usize, item: usize, at: usize },
    /// A later item with an earlier item's id (or the plan's): a copy in
    /// the same list, or a new item with no links in a later list.
    Duplicate {
        kind: usize,
        item: usize,
        into: usize,
        at: usize,
    },
    /// An action's progress (or an update's) over 100.
    Percent {
        action: usize,
        update: bool,
        value: u8,
    },
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        (1..5usize, any::<usize>(), any::<usize>())
            .prop_map(|(kind, item, at)| Corruption::Dangling { kind, item, at }),
        (0..6usize, any::<usize>(), 0..5usize, any::<usize>()).prop_map(
            |(kind, item, into, at)| Corruption::Duplicate {
                kind,
                item,
                into,
                at
            }
        ),
        (any::<usize>(), any::<bool>(), 101u8..=255).prop_map(|(action, update, value)| {
            Corruption::Percent {
                action,
                update,
                value,
            }
        }),
    ]
}

fn list_len(p: &Plan, kind: Kind) -> usize {
    match kind {
        Kind::Priority => p.priorities.len(),
        Kind::Outcome => p.outcomes.len(),
        Kind::Aim => p.aims.len(),
        Kind::Action => p.actions.len(),
        Kind::Measure => p.measures.len(),
    }
}

fn links_mut(p: &mut Plan, kind: Kind, i: usize) -> Option<&mut Vec<Id>> {
    match kind {
        Kind::Priority => None,
        Kind::Outcome => p.outcomes[i].links_mut(),
        Kind::Aim => p.aims[i].links_mut(),
        Kind::Action => p.actions[i].links_mut(),
        Kind::Measure => p.measures[i].links_mut(),
    }
}

/// Inserts a new item of `kind` with this id and no links at `at`, or a
/// copy of the item at `copy_of` (same kind) with its links.
fn insert(p: &mut Plan, kind: Kind, at: usize, id: Id, copy_of: Option<usize>) {
    let text = INSERTED.to_owned();
    macro_rules! put {
        ($list:expr) => {{
            let mut x = match copy_of {
                Some(i) => $list[i].clone(),
                None => Item::new_item(id.clone(), text.clone()),
            };
            x.id = id;
            x.set_text(text);
            $list.insert(at, x);
        }};
    }
    match kind {
        Kind::Priority => put!(p.priorities),
        Kind::Outcome => put!(p.outcomes),
        Kind::Aim => put!(p.aims),
        Kind::Action => put!(p.actions),
        Kind::Measure => put!(p.measures),
    }
}

/// Applies the corruptions; returns the plan as the repair should give it
/// back once the inserted items (and links to them) are taken out, and how
/// many dangling links and duplicate ids were put in.
fn corrupt(plan: &mut Plan, corruptions: &[Corruption]) -> (Plan, usize, usize) {
    let mut expected = plan.clone();
    let (mut dangling, mut duplicates) = (0, 0);
    for (n, c) in corruptions.iter().enumerate() {
        match *c {
            Corruption::Dangling { kind, item, at } => {
                let kind = Kind::ALL[kind];
                let len = list_len(plan, kind);
                if len == 0 {
                    continue;
                }
                let links = links_mut(plan, kind, item % len).expect("not a priority");
                let at = at % (links.len() + 1);
                links.insert(at, Id(format!("missing-{n}")));
            }
            Corruption::Duplicate {
                kind,
                item,
                into,
                at,
            } => {
                // kind 5 stands for the plan itself.
                let (id, from) = if kind == 5 {
                    (plan.id.clone(), None)
                } else {
                    let k = Kind::ALL[kind];
                    let len = list_len(plan, k);
                    if len == 0 {
                        continue;
                    }
                    let i = item % len;
                    (plan.item_at(k, i).unwrap().id().clone(), Some((k, i)))
                };
                // Into the same list after the item, or into a later list.
                let into = match from {
                    Some((k, _)) => {
                        Kind::ALL[into.max(Kind::ALL.iter().position(|x| *x == k).unwrap())]
                    }
                    None => Kind::ALL[into],
                };
                let len = list_len(plan, into);
                match from {
                    Some((k, i)) if k == into => {
                        let at = i + 1 + at % (len - i);
                        insert(plan, into, at, id, Some(i));
                    }
                    _ => insert(plan, into, at % (len + 1), id, None),
                }
                duplicates += 1;
            }
            Corruption::Percent {
                action,
                update,
                value,
            } => {
                let len = plan.actions.len();
                if len == 0 {
                    continue;
                }
                let a = action % len;
                if update && !plan.actions[a].updates.is_empty() {
                    plan.actions[a].updates[0].percent = Some(value);
                    // The first update of the same action in `expected` is
                    // the same update: inserts only add actions marked as
                    // inserted, and those are taken out before comparing.
                } else {
                    plan.actions[a].percent = value;
                }
                mark_percent(&mut expected, plan, a, update);
            }
        }
    }
    // A copy made after a dangling link was put in carries it too.
    for kind in Kind::ALL {
        for i in 0..list_len(plan, kind) {
            let links = plan.item_at(kind, i).unwrap().links();
            dangling += links
                .iter()
                .filter(|l| l.as_str().starts_with("missing-"))
                .count();
        }
    }
    (expected, dangling, duplicates)
}

/// Records in `expected` that the action at `a` in `plan` (found by its
/// id among the original actions) has progress 100 after repair.
fn mark_percent(expected: &mut Plan, plan: &Plan, a: usize, update: bool) {
    let action = &plan.actions[a];
    if action.title == INSERTED {
        return;
    }
    let Some(e) = expected.actions.iter_mut().find(|x| x.id == action.id) else {
        return;
    };
    if update && !e.updates.is_empty() {
        e.updates[0].percent = Some(100);
    } else {
        e.percent = 100;
    }
}

/// The plan with the items the test put in taken out, and every link to
/// them.
fn without_inserted(mut p: Plan) -> Plan {
    let mut gone: Vec<Id> = Vec::new();
    macro_rules! take_out {
        ($list:expr) => {{
            gone.extend(
                $list
                    .iter()
                    .filter(|x| x.text() == INSERTED)
                    .map(|x| x.id.clone()),
            );
            $list.retain(|x| x.text() != INSERTED);
        }};
    }
    take_out!(p.priorities);
    take_out!(p.outcomes);
    take_out!(p.aims);
    take_out!(p.actions);
    take_out!(p.measures);
    for o in &mut p.outcomes {
        o.priorities.retain(|l| !gone.contains(l));
    }
    for a in &mut p.aims {
        a.outcomes.retain(|l| !gone.contains(l));
    }
    for a in &mut p.actions {
        a.aims.retain(|l| !gone.contains(l));
    }
    for m in &mut p.measures {
        m.evidences.retain(|l| !gone.contains(l));
    }
    p
}

fn count(repairs: &[Repair], change: Change) -> usize {
    repairs.iter().filter(|r| r.change == change).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn corrupted_valid_plans_are_repaired_to_valid_plans_with_nothing_else_changed(
        items in 0usize..60,
        seed in any::<u64>(),
        corruptions in proptest::collection::vec(corruption(), 1..8),
        json_percent in proptest::option::of((any::<usize>(), prop_oneof![i64::MIN..0i64, 256i64..=i64::MAX])),
    ) {
        let original = synthetic_plan(items, seed);
        prop_assert_eq!(validate(&original), Ok(()));
        let mut plan = original.clone();
        let (mut expected, dangling, duplicates) = corrupt(&mut plan, &corruptions);

        // Optionally a percentage no whole number from 0 to 100 holds, put
        // straight into the file.
        let mut doc = export_value(&plan);
        if let Some((a, value)) = json_percent {
            let originals: Vec<usize> = (0..plan.actions.len())
                .filter(|&i| plan.actions[i].title != INSERTED)
                .collect();
            if !originals.is_empty() {
                let i = originals[a % originals.len()];
                doc["plan"]["actions"][i]["percent"] = Value::from(value);
                let id = &plan.actions[i].id;
                if let Some(e) = expected.actions.iter_mut().find(|x| x.id == *id) {
                    e.percent = if value < 0 { 0 } else { 100 };
                }
            }
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();

        let outcome = import_plan_repairing(&text);
        let (fixed, repairs) = match outcome {
            Ok(Imported::Repairable { plan, repairs }) => (plan, repairs),
            Ok(Imported::Valid(p)) => {
                // Only if nothing was corrupted in the end (every
                // corruption skipped for want of items).
                prop_assert_eq!(&p, &original);
                prop_assert_eq!(dangling + duplicates, 0);
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(format!("refused: {e}"))),
        };
        prop_assert_eq!(validate(&fixed), Ok(()));
        prop_assert!(repairs.iter().all(|r| !r.description.is_empty()));
        prop_assert_eq!(count(&repairs, Change::RemovedMissingLink), dangling);
        prop_assert_eq!(count(&repairs, Change::NewIdForDuplicate), duplicates);
        // It exports and imports as it is.
        prop_assert_eq!(import_plan(&export_plan(&fixed)), Ok(fixed.clone()));
        // Everything else is as it was.
        prop_assert_eq!(without_inserted(fixed.clone()), expected);
        // The repair at the plan level agrees with the file's.
        if json_percent.is_none() {
            prop_assert_eq!(repair(plan), (fixed, repairs));
        }
    }
}
