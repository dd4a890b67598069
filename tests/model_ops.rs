// Native only, like the other domain tests.
#![cfg(not(target_arch = "wasm32"))]

//! Operations on a plan: add, edit, delete, move, link and unlink. Random
//! sequences of every operation, with undo and redo, are the property
//! tests in `model_session.rs`.

use plan_workbench::model::ops::OpError;
use plan_workbench::model::validate::validate;
use plan_workbench::model::{Id, Kind, Plan};

struct Fixture {
    plan: Plan,
    pr: Id,
    o1: Id,
    o2: Id,
    a1: Id,
    a2: Id,
    acts: Vec<Id>,
    m: Id,
}

/// One priority, two outcomes, an aim under each, four actions alternating
/// between the two aims (act0, act2 -> a1; act1, act3 -> a2), and a measure
/// evidencing an outcome, an aim and an action.
fn fixture() -> Fixture {
    let mut plan = Plan::new_empty("Fixture");
    let pr = plan.add_item(Kind::Priority, "P", None).unwrap();
    let o1 = plan.add_item(Kind::Outcome, "O1", Some(&pr)).unwrap();
    let o2 = plan.add_item(Kind::Outcome, "O2", Some(&pr)).unwrap();
    let a1 = plan.add_item(Kind::Aim, "A1", Some(&o1)).unwrap();
    let a2 = plan.add_item(Kind::Aim, "A2", Some(&o2)).unwrap();
    let acts: Vec<Id> = (0..4)
        .map(|i| {
            let parent = if i % 2 == 0 { &a1 } else { &a2 };
            plan.add_item(Kind::Action, &format!("act{i}"), Some(parent))
                .unwrap()
        })
        .collect();
    let m = plan.add_item(Kind::Measure, "M", Some(&o1)).unwrap();
    plan.link(&m, &a1).unwrap();
    plan.link(&m, &acts[0]).unwrap();
    assert_eq!(validate(&plan), Ok(()));
    Fixture {
        plan,
        pr,
        o1,
        o2,
        a1,
        a2,
        acts,
        m,
    }
}

#[test]
fn add_and_edit() {
    let mut f = fixture();
    let id = f
        .plan
        .add_item(Kind::Action, "  New action ", Some(&f.a2))
        .unwrap();
    assert_eq!(f.plan.ids_of_kind(Kind::Action).last(), Some(&id));
    assert_eq!(f.plan.text_of(&id), Some("New action"));
    assert_eq!(f.plan.links_of(&id), &[f.a2.clone()]);
    f.plan.set_text(&id, " Renamed ").unwrap();
    assert_eq!(f.plan.action(&id).unwrap().title, "Renamed");
    f.plan.set_text(&f.m, "Measure name").unwrap();
    assert_eq!(f.plan.measure(&f.m).unwrap().name, "Measure name");
    assert_eq!(
        f.plan.set_text(&"gone".into(), "x"),
        Err(OpError::NotFound("gone".into()))
    );
    let free = f.plan.add_item(Kind::Aim, "", None).unwrap();
    assert!(f.plan.is_unlinked(&free));
    assert_eq!(validate(&f.plan), Ok(()));
}

#[test]
fn delete_removes_links_everywhere_and_no_other_item() {
    let mut f = fixture();
    let count = |p: &Plan| Kind::ALL.map(|k| p.ids_of_kind(k).len());
    let before = count(&f.plan);

    // Deleting an aim: actions and the measure lose the link but stay.
    f.plan.delete_item(&f.a1).unwrap();
    assert!(!f.plan.contains(&f.a1));
    assert_eq!(
        count(&f.plan),
        [before[0], before[1], before[2] - 1, before[3], before[4]]
    );
    assert!(f.plan.is_unlinked(&f.acts[0]));
    assert_eq!(f.plan.links_of(&f.m), &[f.o1.clone(), f.acts[0].clone()]);

    // Deleting the priority unlinks both outcomes.
    f.plan.delete_item(&f.pr).unwrap();
    assert!(f.plan.is_unlinked(&f.o1) && f.plan.is_unlinked(&f.o2));

    // Deleting an action removes the measure's link to it.
    f.plan.delete_item(&f.acts[0]).unwrap();
    assert_eq!(f.plan.links_of(&f.m), &[f.o1.clone()]);

    // Nothing links to any deleted id anywhere.
    for gone in [&f.a1, &f.pr, &f.acts[0]] {
        assert!(f.plan.linked_from(gone).is_empty());
    }
    assert_eq!(validate(&f.plan), Ok(()));
    assert_eq!(
        f.plan.delete_item(&f.a1),
        Err(OpError::NotFound(f.a1.clone()))
    );
}

#[test]
fn move_up_and_down() {
    let mut f = fixture();
    let a = &f.acts;
    assert_eq!(f.plan.move_item(&a[0], true, None), Ok(false));
    assert_eq!(f.plan.move_item(&a[3], false, None), Ok(false));
    assert_eq!(f.plan.move_item(&a[1], true, None), Ok(true));
    assert_eq!(
        f.plan.ids_of_kind(Kind::Action),
        vec![a[1].clone(), a[0].clone(), a[2].clone(), a[3].clone()]
    );
    assert_eq!(f.plan.move_item(&a[1], false, None), Ok(true));
    assert_eq!(f.plan.ids_of_kind(Kind::Action), *a);
}

#[test]
fn move_within_parent_skips_items_of_other_parents() {
    let mut f = fixture();
    let a = f.acts.clone();
    // act2 up within a1: its neighbour is act0, not act1 (which serves a2).
    assert_eq!(f.plan.move_item(&a[2], true, Some(&f.a1)), Ok(true));
    assert_eq!(
        f.plan.ids_of_kind(Kind::Action),
        vec![a[2].clone(), a[1].clone(), a[0].clone(), a[3].clone()]
    );
    // Now first within a1.
    assert_eq!(f.plan.move_item(&a[2], true, Some(&f.a1)), Ok(false));
    // act1 down within a2 swaps with act3.
    assert_eq!(f.plan.move_item(&a[1], false, Some(&f.a2)), Ok(true));
    assert_eq!(
        f.plan.ids_of_kind(Kind::Action),
        vec![a[2].clone(), a[3].clone(), a[0].clone(), a[1].clone()]
    );
    assert_eq!(f.plan.move_item(&a[1], false, Some(&f.a2)), Ok(false));
}

#[test]
fn move_to_position() {
    let mut f = fixture();
    let a = f.acts.clone();
    f.plan.move_to(&a[3], 0).unwrap();
    assert_eq!(
        f.plan.ids_of_kind(Kind::Action),
        vec![a[3].clone(), a[0].clone(), a[1].clone(), a[2].clone()]
    );
    f.plan.move_to(&a[3], 1000).unwrap();
    assert_eq!(f.plan.ids_of_kind(Kind::Action), a);
    f.plan.move_to(&a[0], 2).unwrap();
    assert_eq!(
        f.plan.ids_of_kind(Kind::Action),
        vec![a[1].clone(), a[2].clone(), a[0].clone(), a[3].clone()]
    );
    assert!(f.plan.move_to(&"gone".into(), 0).is_err());
}

#[test]
fn link_is_idempotent_and_unlink_is_forgiving() {
    let mut f = fixture();
    f.plan.link(&f.acts[0], &f.a2).unwrap();
    f.plan.link(&f.acts[0], &f.a2).unwrap();
    assert_eq!(f.plan.links_of(&f.acts[0]), &[f.a1.clone(), f.a2.clone()]);
    assert_eq!(
        f.plan.linked_from(&f.a2),
        vec![f.acts[0].clone(), f.acts[1].clone(), f.acts[3].clone()]
    );
    f.plan.unlink(&f.acts[0], &f.a1).unwrap();
    f.plan.unlink(&f.acts[0], &f.a1).unwrap();
    f.plan.unlink(&f.acts[0], &f.o1).unwrap();
    assert_eq!(f.plan.links_of(&f.acts[0]), &[f.a2.clone()]);
    assert_eq!(validate(&f.plan), Ok(()));
}

#[test]
fn link_refused_for_disallowed_kinds_leaves_plan_unchanged() {
    let f = fixture();
    let all: Vec<Id> = Kind::ALL
        .iter()
        .flat_map(|&k| f.plan.ids_of_kind(k))
        .collect();
    let mut refused = 0;
    for c in &all {
        for p in &all {
            let (ck, pk) = (f.plan.kind_of(c).unwrap(), f.plan.kind_of(p).unwrap());
            if plan_workbench::model::links::link_allowed(ck, pk) {
                continue;
            }
            let mut plan = f.plan.clone();
            assert_eq!(
                plan.link(c, p),
                Err(OpError::LinkNotAllowed {
                    child: ck,
                    parent: pk
                })
            );
            assert_eq!(plan, f.plan);
            refused += 1;
        }
    }
    assert!(refused > 50);
    let mut plan = f.plan.clone();
    let e = plan.link(&f.m, &f.pr).unwrap_err();
    assert_eq!(
        e.to_string(),
        "A measure cannot be linked to a priority. Measures can evidence outcomes, improvement aims or actions."
    );
    assert_eq!(
        plan.link(&f.m, &"gone".into()),
        Err(OpError::NotFound("gone".into()))
    );
    assert_eq!(
        plan.link(&"gone".into(), &f.a1),
        Err(OpError::NotFound("gone".into()))
    );
    assert_eq!(plan, f.plan);
}

#[test]
fn typed_accessors() {
    let mut f = fixture();
    assert!(f.plan.priority(&f.pr).is_some());
    assert!(f.plan.priority(&f.o1).is_none());
    f.plan.outcome_mut(&f.o1).unwrap().owner = "Group".into();
    assert_eq!(f.plan.outcome(&f.o1).unwrap().owner, "Group");
    f.plan.aim_mut(&f.a1).unwrap().code = "1.1.1".into();
    assert_eq!(f.plan.aim(&f.a1).unwrap().code, "1.1.1");
    f.plan.action_mut(&f.acts[1]).unwrap().set_percent(250);
    assert_eq!(f.plan.action(&f.acts[1]).unwrap().percent, 100);
    f.plan.measure_mut(&f.m).unwrap().unit = "%".into();
    assert_eq!(f.plan.measure(&f.m).unwrap().unit, "%");
    let copy = f.plan.with_new_id();
    assert_ne!(copy.id, f.plan.id);
    assert_eq!(copy.actions, f.plan.actions);
}

#[test]
fn a_line_drawn_either_way_makes_the_allowed_link() {
    let mut f = fixture();
    let act = f.plan.add_item(Kind::Action, "new", None).unwrap();
    // Drawn from the aim to the action: the action serves the aim.
    assert_eq!(
        f.plan.link_either(&f.a2, &act),
        Ok((act.clone(), f.a2.clone()))
    );
    assert!(f.plan.links_of(&act).contains(&f.a2));
    // Twice: refused with a reason, nothing changes.
    let before = f.plan.clone();
    let again = f.plan.link_either(&act, &f.a2).unwrap_err();
    assert_eq!(again.to_string(), "Those two are already linked.");
    assert_eq!(f.plan, before);
    // An outcome and an action: not allowed either way, and it says why.
    let refused = f.plan.link_either(&f.o1, &act).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "An outcome cannot be linked to an action. Outcomes can belong to priorities."
    );
    assert_eq!(f.plan, before);
}

#[test]
fn add_beside_copies_kind_links_and_level_and_sits_after() {
    let mut f = fixture();
    f.plan.aim_mut(&f.a1).unwrap().level = plan_workbench::model::DriverLevel::Secondary;
    let new = f.plan.add_beside(&f.a1).unwrap();
    assert_eq!(
        f.plan.ids_of_kind(Kind::Aim),
        vec![f.a1.clone(), new.clone(), f.a2.clone()]
    );
    assert_eq!(f.plan.links_of(&new), f.plan.links_of(&f.a1));
    assert_eq!(
        f.plan.aim(&new).unwrap().level,
        plan_workbench::model::DriverLevel::Secondary
    );
    assert_eq!(f.plan.text_of(&new), Some(""));
}

#[test]
fn add_next_step_goes_one_column_right_and_stops_at_measures() {
    let mut f = fixture();
    let aim = f.plan.add_next_step(&f.o1).unwrap();
    assert_eq!(f.plan.kind_of(&aim), Some(Kind::Aim));
    assert_eq!(f.plan.links_of(&aim), [f.o1.clone()]);
    let action = f.plan.add_next_step(&aim).unwrap();
    assert_eq!(
        (f.plan.kind_of(&action), f.plan.links_of(&action)),
        (Some(Kind::Action), &[aim.clone()][..])
    );
    let measure = f.plan.add_next_step(&action).unwrap();
    assert_eq!(f.plan.kind_of(&measure), Some(Kind::Measure));
    let before = f.plan.clone();
    assert!(f.plan.add_next_step(&measure).is_err());
    assert_eq!(f.plan, before);
}

#[test]
fn link_candidates_are_the_allowed_items_not_yet_linked_either_way() {
    let f = fixture();
    // An aim may drive outcomes, be served by actions and be evidenced by
    // measures. a1 already drives o1, is served by act0 and act2 and is
    // evidenced by m.
    let mut got = f.plan.link_candidates(&f.a1);
    got.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let mut want = vec![f.o2.clone(), f.acts[1].clone(), f.acts[3].clone()];
    want.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    assert_eq!(got, want);
    assert!(f.plan.link_candidates(&Id::from("missing")).is_empty());
}

#[test]
fn place_next_to_reorders_within_a_kind_only() {
    let mut f = fixture();
    let order = |p: &Plan| p.ids_of_kind(Kind::Action);
    f.plan.place_next_to(&f.acts[3], &f.acts[0], false).unwrap();
    assert_eq!(
        order(&f.plan),
        vec![
            f.acts[3].clone(),
            f.acts[0].clone(),
            f.acts[1].clone(),
            f.acts[2].clone()
        ]
    );
    f.plan.place_next_to(&f.acts[3], &f.acts[2], true).unwrap();
    assert_eq!(
        order(&f.plan),
        vec![
            f.acts[0].clone(),
            f.acts[1].clone(),
            f.acts[2].clone(),
            f.acts[3].clone()
        ]
    );
    let before = f.plan.clone();
    let err = f.plan.place_next_to(&f.acts[0], &f.a1, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "An action can only be moved among the other actions."
    );
    assert_eq!(f.plan, before);
}
