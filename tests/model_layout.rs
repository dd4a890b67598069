// Native only: large synthetic plans, kept out of the browser test run.
#![cfg(not(target_arch = "wasm32"))]

//! The driver diagram across the domain: layouts of synthetic plans of
//! several sizes (no overlap, every link drawn once, fewer crossings than
//! plan order), the priority filter through `chain_of`, the card facts
//! against the drawn lines, and the SVG picture of a large plan.

use std::collections::{HashMap, HashSet};

use plan_workbench::model::chain::{card_facts, chain_of};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::layout::{
    crossings, layout, layout_in_plan_order, Column, Layout, Metrics,
};
use plan_workbench::model::picture::svg_picture;
use plan_workbench::model::synthetic::synthetic_plan;
use plan_workbench::model::validate::validate;
use plan_workbench::model::{Id, Kind, Plan};

/// Every link a plan holds between two visible items, as (child, parent).
fn plan_links(p: &Plan, visible: Option<&HashSet<Id>>) -> Vec<(Id, Id)> {
    let shown = |id: &Id| visible.is_none_or(|v| v.contains(id));
    let mut out = Vec::new();
    let mut add = |id: &Id, links: &[Id]| {
        for l in links {
            if shown(id) && shown(l) {
                out.push((id.clone(), l.clone()));
            }
        }
    };
    p.aims.iter().for_each(|x| add(&x.id, &x.outcomes));
    p.actions.iter().for_each(|x| add(&x.id, &x.aims));
    p.measures.iter().for_each(|x| add(&x.id, &x.evidences));
    out
}

fn assert_sound(p: &Plan, l: &Layout, m: &Metrics, visible: Option<&HashSet<Id>>) {
    // No two cards overlap: same column means same x, and y ranges apart.
    let mut by_col: HashMap<Column, Vec<(f64, f64)>> = HashMap::new();
    for c in &l.cards {
        by_col
            .entry(c.column)
            .or_default()
            .push((c.y, c.y + c.height));
    }
    for spans in by_col.values() {
        for w in spans.windows(2) {
            assert!(w[0].1 + m.row_gap <= w[1].0 + 1e-9, "cards overlap");
        }
    }
    for w in l.columns.windows(2) {
        assert!(w[0].x + w[0].width < w[1].x);
    }
    // Every link between placed items drawn exactly once, nothing else.
    let cards: HashSet<&Id> = l.cards.iter().map(|c| &c.id).collect();
    let expected: HashSet<(Id, Id)> = plan_links(p, visible)
        .into_iter()
        .filter(|(c, p)| cards.contains(c) && cards.contains(p))
        .collect();
    let drawn: Vec<(Id, Id)> = l
        .links
        .iter()
        .map(|x| (x.child.clone(), x.parent.clone()))
        .collect();
    assert_eq!(drawn.len(), expected.len());
    assert_eq!(drawn.into_iter().collect::<HashSet<_>>(), expected);
    // Placed or unplaced, never both; nothing hidden shows.
    for u in &l.unplaced {
        assert!(!cards.contains(u));
    }
    if let Some(v) = visible {
        assert!(cards.iter().all(|id| v.contains(*id)));
        assert!(l.unplaced.iter().all(|id| v.contains(id)));
    }
}

#[test]
fn synthetic_plans_lay_out_soundly_with_fewer_crossings() {
    for (n, seed) in [(100, 1), (1000, 2), (5000, 3)] {
        let p = synthetic_plan(n, seed);
        validate(&p).unwrap();
        for m in [Metrics::standard(), Metrics::workshop()] {
            let l = layout(&p, &m, None);
            assert_sound(&p, &l, &m, None);
            let placed = l.cards.len() + l.unplaced.len();
            assert_eq!(placed, n - p.priorities.len());
            let plain = layout_in_plan_order(&p, &m, None);
            assert_sound(&p, &plain, &m, None);
            let (ours, base) = (crossings(&l), crossings(&plain));
            assert!(
                ours <= base,
                "{n} items: {ours} crossings, plan order {base}"
            );
        }
    }
}

#[test]
fn the_example_plan_crosses_no_more_than_plan_order() {
    let p = example_plan();
    let m = Metrics::standard();
    let l = layout(&p, &m, None);
    assert_sound(&p, &l, &m, None);
    assert!(crossings(&l) <= crossings(&layout_in_plan_order(&p, &m, None)));
    assert!(l.unplaced.is_empty());
}

#[test]
fn a_priority_filter_shows_its_chain_only() {
    let p = synthetic_plan(1000, 4);
    let m = Metrics::standard();
    for pr in p.priorities.iter().take(5) {
        let visible = chain_of(&p, &pr.id);
        let l = layout(&p, &m, Some(&visible));
        assert_sound(&p, &l, &m, Some(&visible));
        for c in &l.cards {
            assert!(visible.contains(&c.id));
        }
        // Every outcome of the priority is shown.
        for o in p.outcomes.iter().filter(|o| o.priorities.contains(&pr.id)) {
            assert!(l.card(&o.id).is_some());
        }
    }
}

#[test]
fn card_facts_agree_with_the_drawn_lines() {
    let p = synthetic_plan(1000, 6);
    let l = layout(&p, &Metrics::standard(), None);
    let facts = card_facts(&p);
    let kinds: HashMap<&Id, Kind> = l.cards.iter().map(|c| (&c.id, c.kind)).collect();
    let mut actions: HashMap<&Id, usize> = HashMap::new();
    for link in &l.links {
        if kinds[&link.child] == Kind::Action {
            *actions.entry(&link.parent).or_default() += 1;
        }
    }
    for c in l.cards.iter().filter(|c| c.kind == Kind::Aim) {
        let drawn = actions.get(&c.id).copied().unwrap_or(0);
        // Actions linked to an aim that is placed are placed, so all are drawn.
        assert_eq!(facts[&c.id].actions, drawn);
        assert_eq!(
            facts[&c.id].gap.is_some(),
            drawn == 0 || facts[&c.id].measures == 0
        );
    }
}

#[test]
fn the_picture_of_a_large_plan_holds_every_card() {
    let p = synthetic_plan(1000, 8);
    let l = layout(&p, &Metrics::standard(), None);
    let s = svg_picture(&p, &l, &p.meta.title, "1 April 2026");
    assert_eq!(s.matches("<path ").count(), l.links.len());
    assert_eq!(s.matches("<rect ").count(), l.cards.len() + 1);
    assert_eq!(
        s.matches("<tspan ").count(),
        l.cards.iter().map(|c| c.lines).sum::<usize>()
    );
    assert!(s.contains("Synthetic plan (1000 items)") && s.contains("1 April 2026"));
}
