//! Measures at a glance (`model::charts::listing`): which measures the
//! Measures screen lists for a priority or an outcome, its count, the
//! standing in words, the card's words, and the card's room for its
//! sparkline in the diagram's layout and in what a change re-lays out.

use plan_workbench::model::charts::listing::{
    card_has_sparkline, card_name_words, card_words, count_text, measures_in, outcomes_offered,
    standing_of_slug, standing_words, MeasureFilter, STANDINGS,
};
use plan_workbench::model::charts::reading::{read_measure, Standing};
use plan_workbench::model::editing::{ItemEdit, Op, Session};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::layout::{layout, same_card_height, Metrics};
use plan_workbench::model::links::ItemRef;
use plan_workbench::model::plan::{DataPoint, Measure, Target};
use plan_workbench::model::{Id, Plan};

fn codes(p: &Plan, f: &MeasureFilter) -> Vec<String> {
    measures_in(p, f).iter().map(|m| m.code.clone()).collect()
}

fn filter(priority: Option<&str>, outcome: Option<&str>) -> MeasureFilter {
    MeasureFilter {
        priority: priority.map(Id::from),
        outcome: outcome.map(Id::from),
    }
}

#[test]
fn a_measure_belongs_to_what_it_evidences_and_everything_above() {
    let p = example_plan();
    assert_eq!(
        codes(&p, &filter(None, None)),
        ["M1", "M2", "M3", "M4", "M5", "M6"]
    );
    assert_eq!(codes(&p, &filter(Some("ex-p1"), None)), ["M1", "M2"]);
    // M4 evidences only aims: it belongs to their outcome and priority.
    assert_eq!(codes(&p, &filter(Some("ex-p2"), None)), ["M3", "M4"]);
    assert_eq!(codes(&p, &filter(None, Some("ex-o2-2"))), ["M4"]);
    assert_eq!(codes(&p, &filter(None, Some("ex-o1-2"))), ["M2"]);
    // Both chosen: what belongs to both.
    assert_eq!(codes(&p, &filter(Some("ex-p1"), Some("ex-o1-2"))), ["M2"]);
    assert!(codes(&p, &filter(Some("ex-p2"), Some("ex-o1-2"))).is_empty());
    // A deleted choice keeps nothing rather than everything.
    assert!(codes(&p, &filter(Some("gone"), None)).is_empty());
    assert!(filter(None, None).is_empty());
}

#[test]
fn a_measure_evidencing_an_action_belongs_to_the_actions_priority() {
    let mut p = example_plan();
    let action = p.actions[0].id.clone();
    p.measures[5].evidences = vec![action];
    let shown = codes(&p, &filter(Some("ex-p1"), None));
    assert!(shown.contains(&"M6".to_string()), "{shown:?}");
    // Counted once however many paths lead to it.
    assert_eq!(shown.iter().filter(|c| *c == "M6").count(), 1);
}

#[test]
fn the_outcome_filter_offers_the_chosen_prioritys_outcomes() {
    let p = example_plan();
    assert_eq!(outcomes_offered(&p, None).len(), p.outcomes.len());
    let ids: Vec<String> = outcomes_offered(&p, Some(&Id::from("ex-p1")))
        .iter()
        .map(|i| i.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["ex-o1-1", "ex-o1-2"]);
}

#[test]
fn the_count_says_how_many_of_how_many() {
    assert_eq!(count_text(4, 6), "Showing 4 of 6 measures");
    assert_eq!(count_text(1, 1), "Showing 1 of 1 measure");
    assert_eq!(count_text(0, 3), "Showing 0 of 3 measures");
    assert_eq!(count_text(0, 0), "No measures yet");
}

#[test]
fn standings_in_words_with_the_target() {
    let p = example_plan();
    let chart = |code: &str| read_measure(p.measures.iter().find(|m| m.code == code).unwrap());
    assert_eq!(chart("M2").standing, Standing::Improving);
    assert_eq!(standing_words(&chart("M2")), "Improving · Off target");
    assert_eq!(standing_words(&chart("M1")), "Too few points · Off target");
    assert_eq!(standing_words(&chart("M5")), "No signal · Off target");
    for s in STANDINGS {
        assert_eq!(standing_of_slug(s.slug()), Some(s));
    }
    assert_eq!(standing_of_slug("nonsense"), None);
}

#[test]
fn the_card_says_the_latest_value_against_the_target() {
    let p = example_plan();
    let m1 = &p.measures[0];
    assert_eq!(
        card_words(&read_measure(m1)).as_deref(),
        Some("65.9% · target 67.5%")
    );
    let mut m = Measure {
        unit: "days".into(),
        data: vec![DataPoint {
            period: "Apr 2025".into(),
            value: 12.4,
            ..Default::default()
        }],
        ..Default::default()
    };
    assert_eq!(card_words(&read_measure(&m)).as_deref(), Some("12.4 days"));
    m.target = Some(Target {
        value: "10".into(),
        by: None,
    });
    assert_eq!(
        card_words(&read_measure(&m)).as_deref(),
        Some("12.4 days · target 10 days")
    );
    // A target that is not a number is not shown as one.
    m.target = Some(Target {
        value: "10% fewer".into(),
        by: None,
    });
    assert_eq!(card_words(&read_measure(&m)).as_deref(), Some("12.4 days"));
    m.data.clear();
    assert_eq!(card_words(&read_measure(&m)), None);
    assert_eq!(card_name_words(&read_measure(&m)), None);
}

#[test]
fn a_measure_card_with_data_has_room_for_its_sparkline() {
    let mut p = example_plan();
    p.measures[3].data.clear();
    for metrics in [Metrics::standard(), Metrics::workshop()] {
        let l = layout(&p, &metrics, None);
        for m in &p.measures {
            let card = l.card(&m.id).expect("placed");
            assert_eq!(card.sparkline, card_has_sparkline(m));
            let expected = metrics.card_height(card.lines)
                + if card.sparkline {
                    metrics.sparkline_height
                } else {
                    0.0
                };
            assert_eq!(card.height, expected, "{}", m.code);
        }
        // Other cards are as tall as their text.
        for c in l.cards.iter().filter(|c| !c.sparkline) {
            assert_eq!(c.height, metrics.card_height(c.lines));
        }
    }
}

#[test]
fn a_measures_first_point_re_lays_out_the_diagram_and_a_later_one_does_not() {
    let p = example_plan();
    let with = p.measures[0].clone();
    let mut without = with.clone();
    without.data.clear();
    assert!(!same_card_height(
        ItemRef::Measure(&with),
        ItemRef::Measure(&without)
    ));
    let mut more = with.clone();
    more.data.push(DataPoint {
        period: "2026/27 Q1".into(),
        value: 66.0,
        ..Default::default()
    });
    assert!(same_card_height(
        ItemRef::Measure(&with),
        ItemRef::Measure(&more)
    ));

    // Through the session: the first point re-lays out, the second not.
    let mut p2 = example_plan();
    p2.measures[0].data.clear();
    let mut s = Session::new(p2, 0);
    let id = s.plan().measures[0].id.clone();
    let add = Op::Edit {
        id: id.clone(),
        edit: ItemEdit::AddPoint,
    };
    let first = s.apply(&add, None).expect("applied");
    assert!(first.relayout, "the card grows to hold its sparkline");
    let second = s.apply(&add, None).expect("applied");
    assert!(!second.relayout, "the card is already tall enough");
    assert_eq!(second.items, [id]);
}
