// Native only: the property tests use proptest, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

//! The editing session: random sequences of every kind of operation, undo
//! and redo on generated plans, with any text (empty, blank, control
//! characters, any Unicode), any date and any number typed into any field.
//! Each step undoes and redoes exactly, the plan stays valid and survives
//! export and import, and storage's write and read, unchanged (anything
//! the editor lets a user type must save and load), the session's index
//! finds every item, and the derived data a screen keeps (codes, counts and gaps, the layout),
//! recomputed only when a change says it must be, always equals the same
//! data computed from scratch.

use std::collections::HashMap;

use chrono::NaiveDate;
use plan_workbench::model::chain::{card_facts, CardFacts};
use plan_workbench::model::editing::{Change, Group, ItemEdit, MetaEdit, Op, Session};
use plan_workbench::model::format::stored::{read_stored, write_stored};
use plan_workbench::model::format::{export_plan, import_plan};
use plan_workbench::model::keeping::export_reminder::ExportRecord;
use plan_workbench::model::layout::{layout, Layout, Metrics};
use plan_workbench::model::summary::codes;
use plan_workbench::model::synthetic::synthetic_plan;
use plan_workbench::model::validate::validate;
use plan_workbench::model::{
    ChartKind, ChartSettings, DataPoint, DriverLevel, Id, Kind, Plan, Rag, Review, RunRules,
    Status, TrackingSettings, Update,
};
use proptest::prelude::*;

/// An operation described by indexes into the plan's items, turned into an
/// [`Op`] once the plan is known (an index past the end names a missing
/// item).
#[derive(Debug, Clone)]
enum Recipe {
    Add(usize, Option<usize>, bool),
    AddBeside(usize),
    AddNextStep(usize),
    Link(usize, usize),
    LinkEither(usize, usize),
    Unlink(usize, usize),
    Delete(usize),
    Move(usize, bool, Option<usize>),
    MoveTo(usize, usize),
    PlaceNextTo(usize, usize, bool),
    /// Typing into one card: `bool` continues the same group.
    SetText(usize, String, bool),
    Edit(usize, u8, String),
    /// A date field (or an update with a date and progress) of an item.
    Dated(usize, u8, NaiveDate, u8),
    /// A number field of an item, any `f64` (not-a-number included).
    Number(usize, u8, f64),
    Meta(u8, String),
    /// The plan period's start (`true`) or end.
    MetaDate(bool, Option<NaiveDate>),
    Undo,
    Redo,
}

/// Any text a user might type or paste: empty, blank, ordinary words,
/// lines, or any Unicode at all (control characters, U+FFFF...).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => "[ \t\n]{1,3}",
        3 => "[a-z ]{0,12}",
        1 => "[a-z\n]{0,8}",
        2 => any::<String>(),
    ]
}

/// Any date chrono holds (the browser's date field gives years 1 to
/// 275760; chrono holds about 262000 years either side of year 0).
fn date() -> impl Strategy<Value = NaiveDate> {
    use chrono::Datelike as _;
    prop_oneof![
        3 => 700_000..800_000i32,
        1 => NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
    ]
    .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("in range"))
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => -1000.0..1000.0f64,
        1 => any::<f64>(),
        1 => Just(-0.0),
        1 => Just(f64::MAX),
        1 => Just(f64::MIN_POSITIVE / 4.0),
    ]
}

fn recipe() -> impl Strategy<Value = Recipe> {
    let i = 0..40usize;
    prop_oneof![
        3 => (0..5usize, proptest::option::of(0..40usize), any::<bool>()).prop_map(|(k, p, s)| Recipe::Add(k, p, s)),
        1 => i.clone().prop_map(Recipe::AddBeside),
        1 => i.clone().prop_map(Recipe::AddNextStep),
        2 => (i.clone(), i.clone()).prop_map(|(a, b)| Recipe::Link(a, b)),
        2 => (i.clone(), i.clone()).prop_map(|(a, b)| Recipe::LinkEither(a, b)),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Recipe::Unlink(a, b)),
        1 => i.clone().prop_map(Recipe::Delete),
        1 => (i.clone(), any::<bool>(), proptest::option::of(0..40usize)).prop_map(|(a, u, p)| Recipe::Move(a, u, p)),
        1 => (i.clone(), 0..30usize).prop_map(|(a, n)| Recipe::MoveTo(a, n)),
        1 => (i.clone(), i.clone(), any::<bool>()).prop_map(|(a, b, after)| Recipe::PlaceNextTo(a, b, after)),
        3 => (i.clone(), prop_oneof!["[a-z ]{0,80}", text()], any::<bool>()).prop_map(|(a, t, g)| Recipe::SetText(a, t, g)),
        3 => (i.clone(), 0..34u8, prop_oneof!["[0-9a-z ]{0,6}", text()]).prop_map(|(a, f, v)| Recipe::Edit(a, f, v)),
        1 => (i.clone(), 0..5u8, date(), any::<u8>()).prop_map(|(a, f, d, p)| Recipe::Dated(a, f, d, p)),
        1 => (i, 0..3u8, number()).prop_map(|(a, f, x)| Recipe::Number(a, f, x)),
        2 => (0..12u8, text()).prop_map(|(f, v)| Recipe::Meta(f, v)),
        1 => (any::<bool>(), proptest::option::of(date())).prop_map(|(s, d)| Recipe::MetaDate(s, d)),
        2 => Just(Recipe::Undo),
        1 => Just(Recipe::Redo),
    ]
}

fn all(p: &Plan) -> Vec<Id> {
    Kind::ALL.iter().flat_map(|&k| p.ids_of_kind(k)).collect()
}

fn item_edit(field: u8, v: &str) -> ItemEdit {
    let date = NaiveDate::from_ymd_opt(2025, 3, 31);
    let number = v.len() as f64 * 17.5 - 10.0;
    match field {
        0 => ItemEdit::Code(v.into()),
        1 => ItemEdit::Description(v.into()),
        2 => ItemEdit::Owner(v.into()),
        3 => ItemEdit::Level(if v.is_empty() {
            DriverLevel::Primary
        } else {
            DriverLevel::Secondary
        }),
        4 => ItemEdit::TargetValue(v.into()),
        5 => ItemEdit::TargetBy(date.filter(|_| !v.is_empty())),
        6 => ItemEdit::Lead(v.into()),
        7 => ItemEdit::Start(date),
        8 => ItemEdit::Due(date.filter(|_| !v.is_empty())),
        9 => ItemEdit::Status(Status::ALL[v.len() % 4]),
        10 => ItemEdit::Percent(number),
        11 => ItemEdit::Rag(Rag::ALL.get(v.len()).copied()),
        12 => ItemEdit::AddUpdate(Update {
            date: date.unwrap(),
            text: v.into(),
            ..Update::default()
        }),
        13 => ItemEdit::UpdateText(v.len() % 2, v.into()),
        14 => ItemEdit::RemoveUpdate(v.len() % 2),
        15 => ItemEdit::Unit(v.into()),
        16 => ItemEdit::Source(v.into()),
        17 => ItemEdit::Frequency(v.into()),
        18 => ItemEdit::BaselinePeriod(v.into()),
        19 => ItemEdit::BaselineValue((!v.is_empty()).then_some(number)),
        20 => ItemEdit::AddPoint,
        21 => ItemEdit::PointPeriod(v.len() % 2, v.into()),
        22 => ItemEdit::PointValue(v.len() % 2, number),
        23 => ItemEdit::RemovePoint(v.len() % 2),
        24 => ItemEdit::UpdateDate(0, date.unwrap()),
        25 => ItemEdit::PointCounts(
            v.len() % 2,
            (!v.is_empty()).then_some((v.len() as u64, 2 * v.len() as u64)),
        ),
        // refused: a numerator above its denominator
        26 => ItemEdit::PointCounts(0, Some((3, 2))),
        27 => ItemEdit::PointNote(v.len() % 2, v.into()),
        28 => ItemEdit::PointExcluded(v.len() % 2, (!v.is_empty()).then(|| v.into())),
        29 => ItemEdit::PointNewPhase(v.len() % 2, !v.is_empty()),
        30 => ItemEdit::AddPoints(
            (0..v.len() % 4)
                .map(|k| DataPoint {
                    period: format!("{v} {k}"),
                    value: number + k as f64,
                    ..Default::default()
                })
                .collect(),
        ),
        31 => ItemEdit::Chart(ChartSettings {
            kind: [ChartKind::Run, ChartKind::Xmr, ChartKind::P][v.len() % 3],
            rules: if v.len() % 2 == 0 {
                RunRules::Anhoej
            } else {
                RunRules::Ihi
            },
            baseline_points: v.len(),
        }),
        32 => ItemEdit::PointPeriod(v.len() % 2, "2025/26 Q2".into()),
        _ => ItemEdit::Percent(f64::NAN),
    }
}

fn meta_edit(field: u8, v: &str) -> MetaEdit {
    match field {
        0 => MetaEdit::Title(v.into()),
        1 => MetaEdit::Partnership(v.into()),
        2 => MetaEdit::PeriodStart(NaiveDate::from_ymd_opt(2021, 8, 1)),
        3 => MetaEdit::PeriodEnd(None),
        4 => MetaEdit::Vision(v.into()),
        5 => MetaEdit::Principles(v.into()),
        6 => MetaEdit::AlignedPlans(v.into()),
        7 => MetaEdit::ReviewCycle(v.into()),
        // Tracking settings from the text's length and characters: some
        // make sense, some do not (a cycle of 0, green beyond amber,
        // thresholds over 100) and are refused.
        9 => {
            let n = v.chars().count() as u32;
            let b = v.bytes().fold(0u8, |a, x| a.wrapping_add(x));
            MetaEdit::Tracking(TrackingSettings {
                review_cycle_days: n * 7,
                green_within: b % 120,
                amber_within: (n as u8).wrapping_mul(9),
            })
        }
        10 => MetaEdit::AddReview(Review {
            date: NaiveDate::from_ymd_opt(2025, 1 + v.len() as u32 % 12, 28).unwrap(),
            note: v.into(),
        }),
        11 => MetaEdit::RemoveReview(v.len() % 3),
        _ => MetaEdit::Coordinator(v.into()),
    }
}

/// The operation a recipe describes on this plan, with its typing group.
fn op_of(plan: &Plan, r: &Recipe) -> (Op, Option<Group>) {
    let ids = all(plan);
    let pick = |i: usize| ids.get(i).cloned().unwrap_or_else(|| Id::from("missing"));
    let op = match r {
        Recipe::Add(k, parent, secondary) => Op::Add {
            kind: Kind::ALL[*k],
            text: "item".into(),
            parent: parent.map(pick),
            secondary: *secondary,
        },
        Recipe::AddBeside(a) => Op::AddBeside(pick(*a)),
        Recipe::AddNextStep(a) => Op::AddNextStep(pick(*a)),
        Recipe::Link(a, b) => Op::Link {
            child: pick(*a),
            parent: pick(*b),
        },
        Recipe::LinkEither(a, b) => Op::LinkEither(pick(*a), pick(*b)),
        Recipe::Unlink(a, b) => Op::Unlink {
            child: pick(*a),
            parent: pick(*b),
        },
        Recipe::Delete(a) => Op::Delete(pick(*a)),
        Recipe::Move(a, up, within) => Op::Move {
            id: pick(*a),
            up: *up,
            within: within.map(pick),
        },
        Recipe::MoveTo(a, index) => Op::MoveTo {
            id: pick(*a),
            index: *index,
        },
        Recipe::PlaceNextTo(a, b, after) => Op::PlaceNextTo {
            id: pick(*a),
            target: pick(*b),
            after: *after,
        },
        Recipe::SetText(a, text, grouped) => {
            let id = pick(*a);
            let group = grouped.then(|| Group(format!("text:{id}")));
            return (
                Op::SetText {
                    id,
                    text: text.clone(),
                },
                group,
            );
        }
        Recipe::Edit(a, field, v) => Op::Edit {
            id: pick(*a),
            edit: item_edit(*field, v),
        },
        Recipe::Dated(a, field, d, percent) => Op::Edit {
            id: pick(*a),
            edit: match field {
                0 => ItemEdit::TargetBy(Some(*d)),
                1 => ItemEdit::Start(Some(*d)),
                2 => ItemEdit::Due(Some(*d)),
                3 => ItemEdit::UpdateDate(0, *d),
                _ => ItemEdit::AddUpdate(Update {
                    date: *d,
                    text: String::new(),
                    percent: Some(*percent),
                    ..Update::default()
                }),
            },
        },
        Recipe::Number(a, field, x) => Op::Edit {
            id: pick(*a),
            edit: match field {
                0 => ItemEdit::Percent(*x),
                1 => ItemEdit::BaselineValue(Some(*x)),
                _ => ItemEdit::PointValue(0, *x),
            },
        },
        Recipe::MetaDate(start, d) => {
            return (
                Op::Meta(if *start {
                    MetaEdit::PeriodStart(*d)
                } else {
                    MetaEdit::PeriodEnd(*d)
                }),
                None,
            )
        }
        Recipe::Meta(field, v) => {
            return (
                Op::Meta(meta_edit(*field, v)),
                Some(Group(format!("meta:{field}"))),
            )
        }
        Recipe::Undo | Recipe::Redo => unreachable!("not an operation"),
    };
    (op, None)
}

/// What a screen derives from the plan, kept up to date the way the app
/// does: recomputed only when a change says it may differ.
struct Derived {
    codes: HashMap<Id, String>,
    facts: HashMap<Id, CardFacts>,
    layout: Layout,
}

impl Derived {
    fn of(plan: &Plan) -> Derived {
        Derived {
            codes: codes(plan),
            facts: card_facts(plan),
            layout: layout(plan, &Metrics::standard(), None),
        }
    }
    fn follow(&mut self, plan: &Plan, change: &Change) {
        if change.shape {
            self.codes = codes(plan);
            self.facts = card_facts(plan);
        }
        if change.relayout {
            self.layout = layout(plan, &Metrics::standard(), None);
        }
    }
}

fn run(start: Plan, recipes: Vec<Recipe>) -> Result<(), TestCaseError> {
    let mut s = Session::new(start.clone(), 1);
    let mut derived = Derived::of(s.plan());
    // versions[i] is the plan after i steps; `at` is where undo/redo stand.
    let mut versions = vec![start];
    let mut at = 0usize;
    for r in recipes {
        let change = match r {
            Recipe::Undo => {
                let change = s.undo();
                prop_assert_eq!(change.is_some(), at > 0);
                if change.is_some() {
                    at -= 1;
                    prop_assert_eq!(s.plan(), &versions[at]);
                }
                change
            }
            Recipe::Redo => {
                let change = s.redo();
                prop_assert_eq!(change.is_some(), at + 1 < versions.len());
                if change.is_some() {
                    at += 1;
                    prop_assert_eq!(s.plan(), &versions[at]);
                }
                change
            }
            ref r => {
                let (op, group) = op_of(s.plan(), r);
                let before = s.plan().clone();
                let n = all(&before).len();
                let steps = s.undo_steps();
                match s.apply(&op, group.clone()) {
                    Err(_) => {
                        prop_assert_eq!(s.plan(), &before);
                        None
                    }
                    Ok(change) if change.is_empty() => {
                        prop_assert_eq!(s.plan(), &before);
                        None
                    }
                    Ok(change) => {
                        let expected = match r {
                            Recipe::Add(..) | Recipe::AddBeside(_) | Recipe::AddNextStep(_) => {
                                n + 1
                            }
                            Recipe::Delete(_) => n - 1,
                            _ => n,
                        };
                        prop_assert_eq!(all(s.plan()).len(), expected);
                        // A burst of typing replaces the latest version
                        // rather than adding one.
                        let joined = s.undo_steps() == steps;
                        prop_assert!(!joined || group.is_some());
                        versions.truncate(at + 1);
                        if !joined {
                            versions.push(s.plan().clone());
                            at += 1;
                        } else {
                            versions[at] = s.plan().clone();
                        }
                        Some(change)
                    }
                }
            }
        };
        if let Some(change) = change {
            derived.follow(s.plan(), &change);
        }
        prop_assert_eq!(validate(s.plan()), Ok(()));
        // What the editor made saves and loads, as a file and as storage's
        // copy, unchanged.
        let file = export_plan(s.plan());
        prop_assert_eq!(
            &import_plan(&file).map_err(|e| e.to_string()),
            &Ok(s.plan().clone())
        );
        let changed = chrono::DateTime::from_timestamp(1_764_600_000, 123_456_789).unwrap();
        let stored = read_stored(&write_stored(
            s.plan(),
            7,
            changed,
            &ExportRecord::default(),
        ))
        .map_err(|e| e.to_string());
        prop_assert_eq!(
            stored.map(|d| (d.plan, d.revision, d.changed)),
            Ok((s.plan().clone(), 7, changed))
        );
        // The session's index finds every item where the plan holds it.
        for id in all(s.plan()) {
            prop_assert_eq!(s.item(&id), s.plan().item(&id));
        }
        prop_assert_eq!(s.item(&Id::from("missing")), None);
        let fresh = Derived::of(s.plan());
        prop_assert_eq!(&derived.codes, &fresh.codes);
        prop_assert_eq!(&derived.facts, &fresh.facts);
        prop_assert_eq!(&derived.layout, &fresh.layout);
    }
    // Every step back to the start, then forward again, exactly.
    while at > 0 {
        s.undo().expect("a step to undo");
        at -= 1;
        prop_assert_eq!(s.plan(), &versions[at]);
    }
    prop_assert!(!s.can_undo());
    while at + 1 < versions.len() {
        s.redo().expect("a step to redo");
        at += 1;
        prop_assert_eq!(s.plan(), &versions[at]);
    }
    prop_assert!(!s.can_redo());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_operation_undoes_and_redoes_exactly_from_an_empty_plan(
        recipes in proptest::collection::vec(recipe(), 1..60)
    ) {
        run(Plan::new_empty("Random"), recipes)?;
    }

    #[test]
    fn incremental_derived_data_equals_data_from_scratch_on_generated_plans(
        seed in 0..1000u64,
        recipes in proptest::collection::vec(recipe(), 1..40)
    ) {
        run(synthetic_plan(30, seed), recipes)?;
    }
}
