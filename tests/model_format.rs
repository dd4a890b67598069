// Native only: the property tests use proptest, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

//! The plan file format: stable export, every import error, the example
//! plan, the documented example in docs/FORMAT.md, and a round-trip property
//! test over arbitrary valid plans.

use chrono::NaiveDate;
use plan_workbench::model::example::example_plan;
use plan_workbench::model::format::{
    export_plan, export_value, import_plan, import_value, ImportError, FORMAT_NAME, FORMAT_VERSION,
};
use plan_workbench::model::validate::validate;
use plan_workbench::model::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn err(r: Result<Plan, ImportError>) -> ImportError {
    r.expect_err("import should fail")
}

fn example_doc() -> Value {
    export_value(&example_plan())
}

#[test]
fn export_is_byte_identical_and_ends_with_newline() {
    let p = example_plan();
    let a = export_plan(&p);
    let b = export_plan(&p.clone());
    assert_eq!(a, b);
    assert!(a.ends_with("}\n"));
    assert!(a.starts_with(
        "{\n  \"format\": \"improvement-plan\",\n  \"version\": 3,\n  \"plan\": {\n    \"id\""
    ));
    // Absent options are left out rather than written as null.
    assert!(!a.contains("null"));
    // Re-exporting an imported file gives the same bytes.
    assert_eq!(export_plan(&import_plan(&a).unwrap()), a);
}

#[test]
fn example_validates_and_round_trips() {
    let p = example_plan();
    assert_eq!(validate(&p), Ok(()));
    assert_eq!(import_plan(&export_plan(&p)), Ok(p.clone()));
    assert_eq!(import_value(export_value(&p)), Ok(p));
}

#[test]
fn export_value_has_the_envelope() {
    let v = example_doc();
    assert_eq!(v["format"], json!(FORMAT_NAME));
    assert_eq!(v["version"], json!(FORMAT_VERSION));
    assert_eq!(v["plan"]["id"], json!("ex-plan-glenmuir"));
}

#[test]
fn not_json_gives_line_and_column() {
    let text = "{\n  \"format\": \"improvement-plan\",\n  oops\n}\n";
    let e = err(import_plan(text));
    assert_eq!(e.location.as_deref(), Some("line 3, column 3"));
    assert_eq!(
        e.message,
        "This file is not a plan file: it is not valid JSON (line 3, column 3)."
    );
    assert_eq!(e.to_string(), e.message);
    let e = err(import_plan("Title,Lead\nA,B\n"));
    assert!(
        e.message
            .starts_with("This file is not a plan file: it is not valid JSON"),
        "{e}"
    );
    assert_eq!(e.location.as_deref(), Some("line 1, column 1"));
    let e = err(import_plan("{\"format\": \"improvement-plan\""));
    assert!(e.message.contains("ends too early"), "{e}");
    let e = err(import_plan("   \n"));
    assert!(e.message.contains("empty"), "{e}");
}

#[test]
fn other_format_or_no_marker() {
    let msg = "This file is not an improvement plan file: it has no \"format\": \"improvement-plan\" marker.";
    for doc in [
        json!({"cells": []}),
        json!({"format": "drawio", "version": 1, "plan": {}}),
        json!([1, 2, 3]),
        json!("improvement-plan"),
    ] {
        let e = err(import_plan(&doc.to_string()));
        assert_eq!(e.message, msg);
        assert_eq!(e.location, None);
        assert_eq!(e.to_string(), msg);
    }
}

#[test]
fn newer_version_is_refused() {
    let mut doc = example_doc();
    doc["version"] = json!(4);
    let e = err(import_value(doc));
    assert_eq!(
        e.message,
        "This plan was saved by a newer version of the workbench (format version 4); this version reads up to version 3. Please update the workbench."
    );
    assert_eq!(e.location.as_deref(), Some("$.version"));
}

#[test]
fn bad_versions_are_refused() {
    for (v, needle) in [
        (json!(0), "version 0"),
        (json!(1.5), "whole number"),
        (json!("1"), "whole number"),
        (json!(-1), "whole number"),
    ] {
        let mut doc = example_doc();
        doc["version"] = v;
        let e = err(import_value(doc));
        assert!(e.message.contains(needle), "{e}");
        assert_eq!(e.location.as_deref(), Some("$.version"));
    }
    let mut doc = example_doc();
    doc.as_object_mut().unwrap().remove("version");
    let e = err(import_value(doc));
    assert!(e.message.contains("no format version"), "{e}");
}

#[test]
fn missing_plan_or_field_names_the_path() {
    let mut doc = example_doc();
    doc.as_object_mut().unwrap().remove("plan");
    let e = err(import_value(doc));
    assert_eq!(e.message, "A required field \"plan\" is missing");

    let mut doc = example_doc();
    doc["plan"]["actions"][2]
        .as_object_mut()
        .unwrap()
        .remove("title");
    let e = err(import_value(doc));
    assert_eq!(e.message, "A required field \"title\" is missing");
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[2]"));
    assert_eq!(
        e.to_string(),
        "A required field \"title\" is missing (at $.plan.actions[2])"
    );

    let mut doc = example_doc();
    doc["plan"]["meta"].as_object_mut().unwrap().remove("title");
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.meta"));
}

#[test]
fn wrong_type_names_the_path() {
    let mut doc = example_doc();
    doc["plan"]["actions"][2]["percent"] = json!("fifty");
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[2].percent"));
    assert_eq!(
        e.message,
        "This value has the wrong type: it is the text \"fifty\" but a whole number from 0 to 100 was expected"
    );

    let mut doc = example_doc();
    doc["plan"]["measures"][1]["data"][3]["value"] = json!("high");
    let e = err(import_value(doc));
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.measures[1].data[3].value")
    );
    assert!(e.message.contains("a number was expected"), "{e}");

    let mut doc = example_doc();
    doc["plan"]["actions"][0]["due"] = json!("31/07/2025");
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[0].due"));
    assert!(e.message.contains("YYYY-MM-DD"), "{e}");

    let mut doc = example_doc();
    doc["plan"]["actions"][0]["rag"] = json!("purple");
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[0].rag"));
    assert!(
        e.message
            .contains("\"purple\" is not one of the allowed values"),
        "{e}"
    );

    let mut doc = example_doc();
    doc["plan"]["actions"][1]["percent"] = json!(300);
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[1].percent"));
}

#[test]
fn validation_errors_are_import_errors_with_plan_paths() {
    let mut doc = example_doc();
    let first = doc["plan"]["actions"][0]["id"].clone();
    doc["plan"]["actions"][2]["id"] = first;
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[2].id"));
    assert!(e.message.contains("\"ex-act-1.1\""), "{e}");
    assert!(e.message.contains("first used by action 1"), "{e}");

    let mut doc = example_doc();
    doc["plan"]["actions"][2]["aims"][0] = json!("no-such-aim");
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[2].aims[0]"));
    assert_eq!(
        e.message,
        "This action is linked to an item with id \"no-such-aim\" that is not in the plan"
    );

    let mut doc = example_doc();
    doc["plan"]["actions"][1]["percent"] = json!(150);
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.actions[1].percent"));

    // A blank title is not an error: the editor lets a user clear it.
    let mut doc = example_doc();
    doc["plan"]["meta"]["title"] = json!("   ");
    assert_eq!(import_value(doc).unwrap().meta.title, "   ");
}

#[test]
fn the_tracking_settings_and_reviews_are_kept_and_checked() {
    let mut p = example_plan();
    p.meta.tracking = TrackingSettings {
        review_cycle_days: 91,
        green_within: 5,
        amber_within: 5,
    };
    p.meta.reviews = vec![
        Review {
            date: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            note: "Quarter 4 review".into(),
        },
        Review {
            date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            note: String::new(),
        },
    ];
    let text = export_plan(&p);
    assert!(text.contains(
        "\"tracking\": {\n        \"review_cycle_days\": 91,\n        \"green_within\": 5,\n        \"amber_within\": 5\n      },\n      \"reviews\": [\n        {\n          \"date\": \"2026-03-31\",\n          \"note\": \"Quarter 4 review\"\n        },\n        {\n          \"date\": \"2026-06-30\"\n        }\n      ]"
    ), "{text}");
    assert_eq!(import_plan(&text), Ok(p.clone()));
    // Default settings and no reviews are left out.
    let mut plain = p.clone();
    plain.meta.tracking = TrackingSettings::default();
    plain.meta.reviews.clear();
    let text = export_plan(&plain);
    assert!(!text.contains("\"tracking\"") && !text.contains("\"reviews\""));
    // A setting left out takes its default.
    let mut doc = example_doc();
    doc["plan"]["meta"]["tracking"] = json!({"green_within": 0});
    let read = import_value(doc).unwrap().meta.tracking;
    assert_eq!(
        read,
        TrackingSettings {
            green_within: 0,
            ..TrackingSettings::default()
        }
    );
    // Settings that make no sense are refused, saying what and where.
    for (tracking, at, says) in [
        (json!({"review_cycle_days": 0}), "$.plan.meta.tracking.review_cycle_days",
         "The review cycle is 0 days, but it must be at least 1 day"),
        (json!({"green_within": 40}), "$.plan.meta.tracking.amber_within",
         "\"Green within\" (40 percentage points) is more than \"amber within\" (25 percentage points), but green must allow no more points behind than amber"),
        (json!({"amber_within": 101}), "$.plan.meta.tracking.amber_within",
         "\"Amber within\" is 101 percentage points, but it must be from 0 to 100"),
        (json!({"green_within": 300}), "$.plan.meta.tracking.green_within",
         "This value is not allowed: it is the number 300 but a whole number from 0 to 100 was expected"),
        (json!({"review_cycle_days": -7}), "$.plan.meta.tracking.review_cycle_days",
         "This value is not allowed: it is the number -7 but a whole number was expected"),
    ] {
        let mut doc = example_doc();
        doc["plan"]["meta"]["tracking"] = tracking;
        for e in [
            err(import_value(doc.clone())),
            err(import_plan(&serde_json::to_string_pretty(&doc).unwrap())),
        ] {
            assert_eq!(e.location.as_deref(), Some(at), "{e}");
            assert_eq!(e.message, says);
        }
    }
    // A review needs a date written as a date.
    let mut doc = example_doc();
    doc["plan"]["meta"]["reviews"] = json!([{"note": "Q1"}]);
    let e = err(import_value(doc));
    assert_eq!(e.message, "A required field \"date\" is missing");
    assert_eq!(e.location.as_deref(), Some("$.plan.meta.reviews[0]"));
    let mut doc = example_doc();
    doc["plan"]["meta"]["reviews"] = json!([{"date": "31/03/2026"}]);
    let e = err(import_value(doc));
    assert_eq!(e.location.as_deref(), Some("$.plan.meta.reviews[0].date"));
    assert!(e.message.contains("YYYY-MM-DD"), "{e}");
}

/// Settings that make no sense are not mended: which value was meant is
/// not known, so the file is refused even when repairs are offered.
#[test]
fn tracking_settings_that_make_no_sense_are_not_repaired() {
    use plan_workbench::model::format::import_plan_repairing;
    let mut doc = example_doc();
    doc["plan"]["meta"]["tracking"] = json!({"review_cycle_days": 0});
    // With a repairable problem too.
    doc["plan"]["actions"][0]["aims"] = json!(["no-such-aim"]);
    let e = import_plan_repairing(&doc.to_string()).unwrap_err();
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.meta.tracking.review_cycle_days")
    );
}

/// Version 3's fields: a measure's chart settings and a data point's
/// numerator, denominator, note, exclusion and phase start are written
/// only when set, read back, and checked.
#[test]
fn the_chart_settings_and_point_fields_are_kept_and_checked() {
    use plan_workbench::model::format::import_plan_repairing;
    let mut p = example_plan();
    let m = &mut p.measures[0];
    m.chart = ChartSettings {
        kind: ChartKind::P,
        rules: RunRules::Ihi,
        baseline_points: 8,
    };
    m.data[0] = DataPoint {
        numerator: Some(41),
        denominator: Some(63),
        note: "New survey questions".into(),
        excluded: Some("Two schools closed by snow".into()),
        new_phase: true,
        ..m.data[0].clone()
    };
    let text = export_plan(&p);
    assert!(text.contains(
        "\"date\": \"2024-06-30\",\n            \"numerator\": 41,\n            \"denominator\": 63,\n            \"note\": \"New survey questions\",\n            \"excluded\": \"Two schools closed by snow\",\n            \"new_phase\": true\n          }"
    ), "{text}");
    assert!(text.contains(
        "\"chart\": {\n          \"kind\": \"p\",\n          \"rules\": \"ihi\",\n          \"baseline_points\": 8\n        }"
    ), "{text}");
    assert_eq!(import_plan(&text), Ok(p.clone()));
    assert_eq!(import_value(export_value(&p)), Ok(p.clone()));
    // Unset, they are left out (the example sets them on some measures).
    let mut plain = example_plan();
    for m in &mut plain.measures {
        m.chart = ChartSettings::default();
        for d in &mut m.data {
            *d = DataPoint {
                period: d.period.clone(),
                value: d.value,
                date: d.date,
                ..DataPoint::default()
            };
        }
    }
    let text = export_plan(&plain);
    for field in [
        "chart",
        "numerator",
        "denominator",
        "note\": \"N",
        "excluded",
        "new_phase",
    ] {
        assert!(!text.contains(&format!("\"{field}")), "{field}");
    }
    // A setting left out takes its default.
    let mut doc = example_doc();
    doc["plan"]["measures"][0]["chart"] = json!({"kind": "xmr"});
    let read = import_value(doc).unwrap().measures[0].chart;
    assert_eq!(
        read,
        ChartSettings {
            kind: ChartKind::Xmr,
            ..ChartSettings::default()
        }
    );
    assert_eq!(read.baseline_points, 12);
    // What makes no sense is refused, saying what and where, and not
    // repaired: which number was meant is not known.
    let data = "$.plan.measures[0].data[1]";
    for (field, value, at, says) in [
        ("denominator", json!(0), format!("{data}.denominator"),
         "This point's denominator is 0, but a proportion needs a total of at least 1"),
        ("numerator", json!(64), format!("{data}.numerator"),
         "This point's numerator is 64, more than its denominator of 63: a count cannot be more than the total it is out of"),
        ("numerator", json!(-1), format!("{data}.numerator"),
         "This value is not allowed: it is the number -1 but a whole number was expected"),
        ("new_phase", json!("yes"), format!("{data}.new_phase"),
         "This value has the wrong type: it is the text \"yes\" but true or false was expected"),
    ] {
        let mut doc = example_doc();
        let point = &mut doc["plan"]["measures"][0]["data"][1];
        point["denominator"] = json!(63);
        point[field] = value;
        let text = serde_json::to_string_pretty(&doc).unwrap();
        // Offered for repair, with a repairable problem too.
        let mut with_link = doc.clone();
        with_link["plan"]["actions"][0]["aims"] = json!(["no-such-aim"]);
        for e in [
            err(import_value(doc.clone())),
            err(import_plan(&text)),
            import_plan_repairing(&with_link.to_string()).unwrap_err(),
        ] {
            assert_eq!(e.location.as_deref(), Some(at.as_str()), "{e}");
            assert_eq!(e.message, says);
        }
    }
    // So is the baseline's, and a numerator or denominator alone is kept.
    let mut doc = example_doc();
    doc["plan"]["measures"][0]["baseline"]["denominator"] = json!(0);
    let e = err(import_value(doc));
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.measures[0].baseline.denominator")
    );
    for (field, n) in [("numerator", 5), ("denominator", 7)] {
        let mut doc = example_doc();
        doc["plan"]["measures"][0]["data"][1][field] = json!(n);
        let p = import_value(doc).unwrap();
        let d = &p.measures[0].data[1];
        assert_eq!(
            (d.numerator, d.denominator),
            if field == "numerator" {
                (Some(5), None)
            } else {
                (None, Some(7))
            }
        );
    }
    for (chart, at, says) in [
        (json!({"baseline_points": 0}), "$.plan.measures[0].chart.baseline_points",
         "This chart's baseline is 0 points, but it must be at least 1 point (the first points of each phase set its centre line)"),
        (json!({"kind": "c"}), "$.plan.measures[0].chart.kind",
         "\"c\" is not one of the allowed values; use \"run\", \"xmr\", \"p\""),
        (json!(5), "$.plan.measures[0].chart",
         "This value has the wrong type: it is the number 5 but a group of fields in curly brackets was expected"),
    ] {
        let mut doc = example_doc();
        doc["plan"]["measures"][0]["chart"] = chart;
        let text = serde_json::to_string_pretty(&doc).unwrap();
        for e in [
            err(import_value(doc.clone())),
            err(import_plan(&text)),
            import_plan_repairing(&text).unwrap_err(),
        ] {
            assert_eq!(e.location.as_deref(), Some(at), "{e}");
            assert_eq!(e.message, says);
        }
    }
}

#[test]
fn nulls_and_absent_optional_fields_are_accepted() {
    let doc = json!({
        "format": "improvement-plan",
        "version": 1,
        "plan": {
            "id": "x",
            "meta": {"title": "T", "period_start": null},
            "actions": [{"id": "a", "title": "Do it", "rag": null}]
        }
    });
    let p = import_value(doc).unwrap();
    assert_eq!(p.actions[0].rag, None);
    assert_eq!(p.actions[0].status, Status::NotStarted);
}

#[test]
fn byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", export_plan(&example_plan()));
    assert_eq!(import_plan(&text), Ok(example_plan()));
}

#[test]
fn documented_example_imports() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FORMAT.md")).unwrap();
    let start = doc.find("```json\n").expect("a json block") + "```json\n".len();
    let len = doc[start..].find("```").unwrap();
    let p = import_plan(&doc[start..start + len]).unwrap_or_else(|e| panic!("{e}"));
    for k in Kind::ALL {
        assert_eq!(p.ids_of_kind(k).len(), 1, "{k:?}");
    }
    assert_eq!(p.measure(&"m1".into()).unwrap().evidences.len(), 3);
    assert_eq!(p.meta.tracking.review_cycle_days, 92);
    assert_eq!(p.meta.reviews.len(), 1);
    assert_eq!(p.meta.reviews[0].date.to_string(), "2024-12-31");
    let m = p.measure(&"m1".into()).unwrap();
    assert_eq!(m.chart.kind, ChartKind::P);
    assert_eq!(m.chart.baseline_points, 8);
    let d = &m.data[1];
    assert_eq!((d.numerator, d.denominator), (Some(2612), Some(4186)));
    assert!(d.new_phase && !d.note.is_empty() && d.excluded.is_none());
}

// ---- Property test: arbitrary valid plans round-trip exactly. ----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,16}",
        2 => "(?s).{0,12}",
        1 => Just("<script>alert(\"hi\")</script>".to_owned()),
        1 => Just("Quote \" backslash \\ slash / tab \t newline \n".to_owned()),
        1 => Just("Gàidhlig: Clann is òigridh 🧒 — “quoted”".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        -1000.0..1000.0f64,
        (-100i32..100).prop_map(f64::from),
    ]
}

fn target() -> impl Strategy<Value = Option<Target>> {
    proptest::option::of(
        (text(), proptest::option::of(date())).prop_map(|(value, by)| Target { value, by }),
    )
}

/// A data point with any of the fields version 3 added or none: a
/// numerator and denominator that make a proportion (or either alone),
/// a note, an exclusion with its reason (blank included), a new phase.
fn point() -> impl Strategy<Value = DataPoint> {
    let counts = prop_oneof![
        2 => Just((None, None)),
        2 => prop_oneof![1u64..100, 1u64..=u64::MAX]
            .prop_flat_map(|d| (0..=d, Just(d)))
            .prop_map(|(n, d)| (Some(n), Some(d))),
        1 => any::<u64>().prop_map(|n| (Some(n), None)),
        1 => (1u64..=u64::MAX).prop_map(|d| (None, Some(d))),
    ];
    let note = prop_oneof![Just(String::new()), text()];
    let excluded = proptest::option::of(prop_oneof![Just(String::new()), text()]);
    (
        (text(), finite(), proptest::option::of(date())),
        (counts, note, excluded, any::<bool>()),
    )
        .prop_map(
            |((period, value, date), ((numerator, denominator), note, excluded, new_phase))| {
                DataPoint {
                    period,
                    value,
                    date,
                    numerator,
                    denominator,
                    note,
                    excluded,
                    new_phase,
                }
            },
        )
}

/// Chart settings that make sense: the defaults half the time, else any
/// kind, rules and a baseline of at least one point.
fn chart() -> impl Strategy<Value = ChartSettings> {
    prop_oneof![
        Just(ChartSettings::default()),
        (
            proptest::sample::select(vec![ChartKind::Run, ChartKind::Xmr, ChartKind::P]),
            any::<bool>(),
            prop_oneof![1usize..40, 1usize..=u32::MAX as usize],
        )
            .prop_map(|(kind, ihi, baseline_points)| ChartSettings {
                kind,
                rules: if ihi { RunRules::Ihi } else { RunRules::Anhoej },
                baseline_points,
            }),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(Status::ALL.to_vec())
}

fn rag() -> impl Strategy<Value = Option<Rag>> {
    proptest::option::of(proptest::sample::select(Rag::ALL.to_vec()))
}

fn update() -> impl Strategy<Value = Update> {
    (
        date(),
        text(),
        proptest::option::of(status()),
        proptest::option::of(0u8..=100),
        rag(),
    )
        .prop_map(|(date, text, status, percent, rag)| Update {
            date,
            text,
            status,
            percent,
            rag,
        })
}

type Links = Vec<usize>;
fn links() -> impl Strategy<Value = Links> {
    proptest::collection::vec(0usize..64, 0..4)
}

fn resolve(raw: &[usize], pool: &[Id]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    if pool.is_empty() {
        return out;
    }
    for i in raw {
        let id = pool[i % pool.len()].clone();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Tracking settings that make sense: the defaults half the time, else
/// any review cycle of at least a day and any thresholds from 0 to 100
/// with green no more than amber (equal included).
fn tracking() -> impl Strategy<Value = TrackingSettings> {
    prop_oneof![
        Just(TrackingSettings::default()),
        (1u32..=u32::MAX, 0u8..=100, 0u8..=100).prop_map(|(review_cycle_days, a, b)| {
            TrackingSettings {
                review_cycle_days,
                green_within: a.min(b),
                amber_within: a.max(b),
            }
        }),
        (1u32..400, 0u8..=100).prop_map(|(review_cycle_days, t)| TrackingSettings {
            review_cycle_days,
            green_within: t,
            amber_within: t,
        }),
    ]
}

/// A plan's reviews, in date order as the workbench keeps them (the same
/// date more than once included), each with any note or none.
fn reviews() -> impl Strategy<Value = Vec<Review>> {
    proptest::collection::vec((date(), prop_oneof![Just(String::new()), text()]), 0..5).prop_map(
        |mut list| {
            list.sort_by_key(|(date, _)| *date);
            list.into_iter()
                .map(|(date, note)| Review { date, note })
                .collect()
        },
    )
}

prop_compose! {
    fn meta()(title in text().prop_filter("title", |t| !t.trim().is_empty()), partnership in text(),
              period_start in proptest::option::of(date()), period_end in proptest::option::of(date()),
              vision in text(), principles in proptest::collection::vec(text(), 0..4),
              aligned_plans in proptest::collection::vec(text(), 0..3), review_cycle in text(),
              coordinator in text(), tracking in tracking(), reviews in reviews()) -> PlanMeta {
        PlanMeta { title, partnership, period_start, period_end, vision, principles, aligned_plans, review_cycle, coordinator, tracking, reviews }
    }
}

prop_compose! {
    fn plan()(
        meta in meta(),
        id_style in any::<bool>(),
        priorities in proptest::collection::vec((text(), text(), text()), 0..8),
        outcomes in proptest::collection::vec((text(), text(), target(), text(), links()), 0..8),
        aims in proptest::collection::vec((text(), text(), any::<bool>(), target(), text(), links()), 0..8),
        actions in proptest::collection::vec(
            ((text(), text(), text(), proptest::option::of(date()), proptest::option::of(date())),
             (status(), 0u8..=100, rag(), proptest::collection::vec(update(), 0..3), links())), 0..8),
        measures in proptest::collection::vec(
            ((text(), text(), text(), any::<bool>(), proptest::option::of(point())),
             (target(), proptest::collection::vec(point(), 0..8), text(), text(), links(), chart())), 0..8),
    ) -> Plan {
        // Ids: either fresh UUIDs or readable ones with awkward characters.
        let mk = |prefix: &str, i: usize| -> Id {
            if id_style { Id::new() } else { Id(format!("{prefix}-{i} \"é\"")) }
        };
        let pids: Vec<Id> = (0..priorities.len()).map(|i| mk("p", i)).collect();
        let oids: Vec<Id> = (0..outcomes.len()).map(|i| mk("o", i)).collect();
        let aids: Vec<Id> = (0..aims.len()).map(|i| mk("a", i)).collect();
        let actids: Vec<Id> = (0..actions.len()).map(|i| mk("act", i)).collect();
        let evidence_pool: Vec<Id> = oids.iter().chain(&aids).chain(&actids).cloned().collect();
        Plan {
            id: mk("plan", 0),
            meta,
            priorities: priorities.into_iter().zip(&pids).map(|((code, title, description), id)| Priority {
                id: id.clone(), code, title, description,
            }).collect(),
            outcomes: outcomes.into_iter().zip(&oids).map(|((code, statement, target, owner, l), id)| Outcome {
                id: id.clone(), code, statement, target, owner, priorities: resolve(&l, &pids),
            }).collect(),
            aims: aims.into_iter().zip(&aids).map(|((code, statement, sec, target, owner, l), id)| Aim {
                id: id.clone(), code, statement,
                level: if sec { DriverLevel::Secondary } else { DriverLevel::Primary },
                target, owner, outcomes: resolve(&l, &oids),
            }).collect(),
            actions: actions.into_iter().zip(&actids).map(|(((code, title, lead, start, due), (status, percent, rag, updates, l)), id)| Action {
                id: id.clone(), code, title, lead, start, due, status, percent, rag, updates, aims: resolve(&l, &aids),
            }).collect(),
            measures: measures.into_iter().enumerate().map(|(i, ((code, name, unit, lower, baseline), (target, data, source, frequency, l, chart)))| Measure {
                id: mk("m", i), code, name, unit,
                direction: if lower { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
                baseline, target, data, source, frequency, evidences: resolve(&l, &evidence_pool),
                chart,
            }).collect(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_valid_plans_round_trip(p in plan()) {
        prop_assert_eq!(validate(&p), Ok(()));
        let text = export_plan(&p);
        prop_assert_eq!(import_plan(&text), Ok(p.clone()));
        prop_assert_eq!(import_value(export_value(&p)), Ok(p.clone()));
        prop_assert_eq!(export_plan(&import_plan(&text).unwrap()), text);
    }

    /// A version-1 document (an export with the version set to 1 and
    /// without the fields versions 2 and 3 added) imports as the same plan
    /// with the default settings, no reviews and plain data points, from
    /// its text and as a JSON value, and the fields later versions added,
    /// left in a version-1 file, are ignored as version 1 ignored them.
    #[test]
    fn version_1_documents_read_as_before(p in plan()) {
        let expected = Plan {
            meta: PlanMeta { tracking: TrackingSettings::default(), reviews: Vec::new(), ..p.meta.clone() },
            ..as_version_2(&p)
        };
        read_as_before(&p, 1, &expected)?;
    }

    /// A version-2 document (an export with the version set to 2 and
    /// without the fields version 3 added) imports as the same plan with
    /// the default chart settings and plain data points, from its text
    /// and as a JSON value, and the fields version 3 added, left in a
    /// version-2 file, are ignored as version 2 ignored them.
    #[test]
    fn version_2_documents_read_as_before(p in plan()) {
        read_as_before(&p, 2, &as_version_2(&p))?;
    }
}

/// `p` as a version-2 file holds it: without the fields version 3 added.
fn as_version_2(p: &Plan) -> Plan {
    let point = |d: &DataPoint| DataPoint {
        period: d.period.clone(),
        value: d.value,
        date: d.date,
        ..Default::default()
    };
    let mut p = p.clone();
    for m in &mut p.measures {
        m.chart = ChartSettings::default();
        m.baseline = m.baseline.as_ref().map(point);
        m.data = m.data.iter().map(point).collect();
    }
    p
}

/// `p` exported, with its version set to `version` (1 or 2), reads as
/// `expected` (`p` without the fields later versions added), with those
/// fields or without them; without them, it is the current export of
/// `expected` but for its version.
fn read_as_before(p: &Plan, version: u32, expected: &Plan) -> Result<(), TestCaseError> {
    let mut with_new_fields = export_value(p);
    with_new_fields["version"] = json!(version);
    let mut doc = with_new_fields.clone();
    if version < 2 {
        let meta = doc["plan"]["meta"].as_object_mut().unwrap();
        meta.remove("tracking");
        meta.remove("reviews");
    }
    let strip = |d: &mut Value| {
        for field in ["numerator", "denominator", "note", "excluded", "new_phase"] {
            d.as_object_mut().unwrap().remove(field);
        }
    };
    for m in doc["plan"]["measures"].as_array_mut().unwrap() {
        let m = m.as_object_mut().unwrap();
        m.remove("chart");
        for (field, v) in m.iter_mut() {
            match field.as_str() {
                "baseline" => strip(v),
                "data" => v.as_array_mut().unwrap().iter_mut().for_each(strip),
                _ => {}
            }
        }
    }
    for d in [&doc, &with_new_fields] {
        let text = serde_json::to_string_pretty(d).unwrap();
        prop_assert_eq!(import_plan(&text), Ok(expected.clone()));
        prop_assert_eq!(import_value(d.clone()), Ok(expected.clone()));
    }
    let mut again = export_value(expected);
    prop_assert_eq!(&again["version"], &json!(FORMAT_VERSION));
    again["version"] = json!(version);
    prop_assert_eq!(again, doc);
    Ok(())
}

#[test]
fn export_file_names_follow_the_title() {
    use plan_workbench::model::format::file_name_for;
    assert_eq!(
        file_name_for("Children’s Services Plan 2026–29"),
        "childrens-services-plan-2026-29.json"
    );
    assert_eq!(
        file_name_for("  Child's plan: draft!  "),
        "childs-plan-draft.json"
    );
    assert_eq!(file_name_for("Cynllun Plant Ŷ"), "cynllun-plant-ŷ.json");
    assert_eq!(file_name_for("***"), "plan.json");
    assert_eq!(file_name_for(""), "plan.json");
}

/// A name over 255 bytes makes the browser give no file at all, so names
/// are cut to at most 80 bytes: after a whole word where one ends late
/// enough, never inside a character, never ending in a dash.
#[test]
fn file_names_are_cut_to_a_safe_length() {
    use plan_workbench::model::format::{file_name_for, file_stem_for, MAX_STEM_BYTES};
    assert_eq!(MAX_STEM_BYTES, 80);
    let check = |title: &str| {
        let stem = file_stem_for(title);
        assert!(stem.len() <= MAX_STEM_BYTES, "{} bytes: {stem}", stem.len());
        assert!(!stem.ends_with('-') && !stem.starts_with('-'), "{stem}");
        assert!(!stem.is_empty());
        stem
    };
    // 235 characters of words: cut at the end of a word.
    let title =
        "Children and young people's services improvement plan for the partnership ".repeat(4);
    let title = &title[..235];
    assert_eq!(title.chars().count(), 235);
    let stem = check(title);
    assert_eq!(
        stem,
        "children-and-young-peoples-services-improvement-plan-for-the-partnership"
    );
    assert_eq!(file_name_for(title), format!("{stem}.json"));
    // A word cut there would be a prefix of a whole word of the title.
    let words: Vec<&str> = stem.split('-').collect();
    assert_eq!(*words.last().unwrap(), "partnership");
    // One word of 300 letters: cut inside it, at 80 bytes.
    assert_eq!(check(&"a".repeat(300)), "a".repeat(80));
    // A dash too early to keep most of the name: cut inside the long word.
    assert_eq!(
        check(&format!("Go {}", "b".repeat(300))),
        format!("go-{}", "b".repeat(77))
    );
    // Letters of two and three bytes: whole characters only.
    assert_eq!(check(&"É".repeat(100)), "é".repeat(40));
    assert_eq!(check(&"漢".repeat(100)), "漢".repeat(26));
    assert_eq!(
        check(&format!("a{}", "漢".repeat(100))),
        format!("a{}", "漢".repeat(26))
    );
    let gaelic =
        "Plana Leasachaidh Seirbheisean Cloinne agus Òigridh Comhairle nan Eilean Siar ".repeat(3);
    let stem = check(&gaelic);
    assert!(
        stem.starts_with("plana-leasachaidh-seirbheisean-cloinne-agus-òigridh"),
        "{stem}"
    );
    assert!(
        gaelic
            .to_lowercase()
            .replace(' ', "-")
            .starts_with(&format!("{stem}-")),
        "{stem}"
    );
    // An accent written as a letter and a combining mark stays with its
    // letter, and is never cut off it.
    let decomposed = "Cafe\u{301} plan";
    assert_eq!(file_stem_for(decomposed), "cafe\u{301}-plan");
    let stem = check(&"e\u{301}".repeat(60));
    assert_eq!(stem, "e\u{301}".repeat(26));
    // Short names are unchanged (the cases above still hold).
    assert_eq!(
        file_stem_for("Children’s Services Plan 2026–29"),
        "childrens-services-plan-2026-29"
    );
    // Exactly 80 bytes is kept; 81 is cut.
    assert_eq!(check(&"c".repeat(80)), "c".repeat(80));
    assert_eq!(check(&format!("{} dd", "c".repeat(78))), "c".repeat(78));
}

/// A current-version file is read straight from its text into the plan
/// (no JSON value of the whole plan first); every refusal must read the
/// same, with the same path, as reading the document as a value.
#[test]
fn reading_from_text_refuses_exactly_as_reading_the_value() {
    let mut cases: Vec<Value> = Vec::new();
    let mut doc = example_doc();
    doc["plan"]["actions"][2]
        .as_object_mut()
        .unwrap()
        .remove("title");
    cases.push(doc);
    let mut doc = example_doc();
    doc["plan"]["meta"].as_object_mut().unwrap().remove("title");
    cases.push(doc);
    let mut doc = example_doc();
    doc["plan"]["actions"][2]["percent"] = json!("fifty");
    cases.push(doc);
    let mut doc = example_doc();
    doc["plan"]["actions"][0]["percent"] = json!(150);
    cases.push(doc);
    let mut doc = example_doc();
    doc["plan"]["measures"][1]["data"][3]["value"] = json!("high");
    cases.push(doc);
    let mut doc = example_doc();
    doc["plan"]["aims"][0]["outcomes"] = json!(["no-such-item"]);
    cases.push(doc);
    let mut doc = example_doc();
    doc.as_object_mut().unwrap().remove("plan");
    cases.push(doc);
    let mut doc = example_doc();
    doc["version"] = json!(7);
    cases.push(doc);
    let mut doc = example_doc();
    doc["format"] = json!("something-else");
    cases.push(doc);
    cases.push(json!([1, 2, 3]));
    for doc in cases {
        let from_text = import_plan(&serde_json::to_string_pretty(&doc).unwrap());
        assert!(from_text.is_err(), "{doc}");
        assert_eq!(from_text, import_value(doc.clone()), "{doc}");
    }
}

/// Valid JSON nested deeper than serde_json reads (127 levels; the 128th
/// is refused) is said to be too deep, with where, not called "not valid
/// JSON"; just under the limit it is read, and refused for what it is.
#[test]
fn deeply_nested_json_is_said_to_be_too_deep() {
    use plan_workbench::model::format::stored::{read_stored, StoredError};
    use plan_workbench::model::format::NESTING_LIMIT;
    assert_eq!(NESTING_LIMIT, 127);
    let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let too_deep = |text: &str, column: usize| {
        let list = text.starts_with('[');
        let e = err(import_plan(text));
        let loc = format!("line 1, column {column}");
        assert_eq!(e.location.as_deref(), Some(loc.as_str()), "{e}");
        assert_eq!(
            e.message,
            format!("This file is not a plan file: its contents are nested too deeply (more than 127 levels, at {loc}); a plan file nests only a few levels.")
        );
        assert_eq!(e.to_string(), e.message);
        match read_stored(text) {
            // An object is read as a stored copy whose members beyond the
            // three it has are skipped unread (any depth): what is wrong
            // with it is said then, here that it holds no plan.
            Err(StoredError::Unreadable(why)) if !list => {
                assert!(why.contains("deeply") || why.contains("no plan"), "{why}")
            }
            Err(StoredError::Unreadable(why)) => assert_eq!(
                why,
                format!("This stored copy is not a stored plan: its contents are nested too deeply (more than 127 levels, at {loc}); a stored plan nests only a few levels.")
            ),
            other => panic!("{other:?}"),
        }
    };
    too_deep(&arrays(10_000), 128);
    too_deep(&arrays(128), 128);
    too_deep(&"[".repeat(10_000), 128);
    // Objects: each level is `{"a":` (5 characters).
    too_deep(&objects(128), 5 * 127 + 1);
    too_deep(&objects(5000), 5 * 127 + 1);
    // Inside a plan file, in a field the plan does not have: skipped
    // unread like any unknown field, at any depth.
    let in_plan = |n: usize| {
        format!(
            "{{\"format\":\"improvement-plan\",\"version\":1,\"plan\":{{\"id\":\"p\",\"meta\":{{\"title\":\"T\",\"x\":{}}}}}}}",
            arrays(n)
        )
    };
    assert_eq!(import_plan(&in_plan(200)).unwrap().meta.title, "T");
    assert_eq!(import_plan(&in_plan(100_000)).unwrap().meta.title, "T");
    // In a field the plan has, a nest is refused for its type before any
    // depth is reached.
    let in_field = format!(
        "{{\"format\":\"improvement-plan\",\"version\":1,\"plan\":{{\"id\":\"p\",\"meta\":{{\"title\":\"T\",\"principles\":{}}}}}}}",
        arrays(200)
    );
    assert_eq!(
        err(import_plan(&in_field)).location.as_deref(),
        Some("$.plan.meta.principles[0]")
    );
    // A million levels, cut short: too deep comes first, and no stack
    // overflow.
    let prefix = "{\"format\":\"improvement-plan\",\"plan\":";
    too_deep(
        &format!("{prefix}{}", "[".repeat(1_000_000)),
        prefix.len() + 127,
    );
    // Just under the limit: read, and refused as JSON that is not a plan.
    for text in [arrays(127), objects(127), arrays(100)] {
        let e = err(import_plan(&text));
        assert!(
            e.message
                .contains("no \"format\": \"improvement-plan\" marker"),
            "{e}"
        );
        assert!(
            matches!(read_stored(&text), Err(StoredError::Unreadable(why)) if !why.contains("deeply"))
        );
    }
}

/// Cases the fuzzer (tests/model_fuzz.rs) found, each said plainly and
/// where.
#[test]
fn what_the_fuzzer_found_is_refused_plainly() {
    // A field given twice at the top: which was meant is not known (it
    // used to read as the last one, silently).
    let twice = r#"{"format":"improvement-plan","version":1,"plan":{"id":"p","meta":{"title":"A"}},"plan":{"id":"q","meta":{"title":"B"}}}"#;
    let e = err(import_plan(twice));
    assert_eq!(e.to_string(), "The field \"plan\" is given twice (at $)");
    // ... unless the text breaks further on: that is said instead.
    let e = err(import_plan(r#"{"version":null,"version":01}"#));
    assert_eq!(
        e.to_string(),
        "This file is not a plan file: it is not valid JSON (line 1, column 28)."
    );
    // A list with more items than a plan file has fields is a list, not
    // broken JSON.
    let e = err(import_plan(
        r#"[null,null,{"format":"improvement-plan"},1]"#,
    ));
    assert!(
        e.message
            .contains("no \"format\": \"improvement-plan\" marker"),
        "{e}"
    );
    // A number too large to read, and half a character, where read.
    let mut doc = example_doc();
    doc["plan"]["actions"][0]["percent"] = json!(7);
    let text =
        serde_json::to_string(&doc)
            .unwrap()
            .replacen("\"percent\":7", "\"percent\":1e400", 1);
    let e = err(import_plan(&text));
    assert!(
        e.message.starts_with(
            "This file is not a plan file: it holds a number too large to be read (line 1, column "
        ),
        "{e}"
    );
    let e = err(import_plan(
        r#"{"format":"improvement-plan","version":1,"plan":{"id":"p","meta":{"title":"\ud800"}}}"#,
    ));
    assert_eq!(
        e.to_string(),
        "This file is not a plan file: it holds a \\u escape that is not a whole character, such as \\ud800 alone (line 1, column 82)."
    );
    // A half character in a part skipped unread, with nothing else to
    // say where: where the JSON breaks.
    let e = err(import_plan(r#"{"\ud800":1,"plan":true}"#));
    assert_eq!(e.location.as_deref(), Some("line 1, column 9"), "{e}");
    // A wrapper with a plan file but no revision still imports.
    let wrapped = format!("{{\"plan\":{}}}", export_plan(&example_plan()));
    assert_eq!(import_plan(&wrapped), Ok(example_plan()));
}
