//! Op::Import: a fragment of a plan brought in as one undo step.

use plan_workbench::model::editing::{Op, Session};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::plan::{Action, Aim, Id, Outcome, Plan, Priority};

/// A priority → outcome → aim → action chain with fresh ids.
fn fragment() -> Plan {
    let mut f = Plan::new_empty("fragment");
    f.priorities.push(Priority {
        id: "p-new".into(),
        title: "New priority".into(),
        ..Default::default()
    });
    f.outcomes.push(Outcome {
        id: "o-new".into(),
        statement: "New outcome".into(),
        priorities: vec!["p-new".into()],
        ..Default::default()
    });
    f.outcomes.push(Outcome {
        id: "o-loose".into(),
        statement: "Outcome of no priority".into(),
        ..Default::default()
    });
    f.aims.push(Aim {
        id: "a-new".into(),
        statement: "New aim".into(),
        outcomes: vec!["o-new".into()],
        ..Default::default()
    });
    f.actions.push(Action {
        id: "x-new".into(),
        title: "New action".into(),
        aims: vec!["a-new".into()],
        ..Default::default()
    });
    f
}

fn import(under: Option<Id>) -> Op {
    Op::Import {
        items: Box::new(fragment()),
        under,
    }
}

#[test]
fn import_then_one_undo_gives_the_plan_as_before_and_redo_brings_it_back() {
    let before = example_plan();
    let mut s = Session::new(before.clone(), 0);
    s.apply(&import(None), None).unwrap();
    let after = s.plan().clone();
    assert_eq!(after.actions.len(), before.actions.len() + 1);
    assert!(after.outcomes.iter().any(|o| o.id == Id::from("o-loose")));
    s.undo().unwrap();
    assert_eq!(s.plan(), &before);
    s.redo().unwrap();
    assert_eq!(s.plan(), &after);
}

#[test]
fn under_a_priority_links_outcomes_of_no_priority_to_it() {
    let plan = example_plan();
    let p = plan.priorities[0].id.clone();
    let mut s = Session::new(plan, 0);
    s.apply(&import(Some(p.clone())), None).unwrap();
    let find = |id: &str| {
        s.plan()
            .outcomes
            .iter()
            .find(|o| o.id == Id::from(id))
            .unwrap()
            .clone()
    };
    assert_eq!(find("o-loose").priorities, vec![p]);
    assert_eq!(find("o-new").priorities, vec![Id::from("p-new")]);
}

#[test]
fn under_an_outcome_drops_priorities_and_outcomes_and_links_aims_to_it() {
    let plan = example_plan();
    let o = plan.outcomes[0].id.clone();
    let (priorities, outcomes) = (plan.priorities.len(), plan.outcomes.len());
    let mut s = Session::new(plan, 0);
    s.apply(&import(Some(o.clone())), None).unwrap();
    assert_eq!(s.plan().priorities.len(), priorities);
    assert_eq!(s.plan().outcomes.len(), outcomes);
    let aim = s
        .plan()
        .aims
        .iter()
        .find(|a| a.id == Id::from("a-new"))
        .unwrap();
    assert_eq!(aim.outcomes, vec![o]);
    s.undo().unwrap();
    assert!(s.plan().aims.iter().all(|a| a.id != Id::from("a-new")));
}

#[test]
fn refused_and_nothing_changed_when_an_id_already_exists() {
    let plan = example_plan();
    let clash = plan.actions[0].id.clone();
    let before = plan.clone();
    let mut f = fragment();
    f.actions[0].id = clash;
    let mut s = Session::new(plan.clone(), 0);
    let op = Op::Import {
        items: Box::new(f),
        under: None,
    };
    assert!(s.apply(&op, None).is_err());
    assert_eq!(s.plan(), &before);
    assert!(!s.can_undo());
}
