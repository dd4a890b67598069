// Native only, like the other domain tests.
#![cfg(not(target_arch = "wasm32"))]

//! Version 3 of the file format added a measure's chart settings and a
//! data point's numerator, denominator, note, exclusion and phase start;
//! every version-2 file must read exactly as version 2 read it.
//!
//! `tests/format_v2/reads.json` records how the version-2 build read each
//! version-2 file in `tests/fuzz_corpus/`: as a plan file (`import_plan`),
//! offered for repair (`import_plan_repairing`) and as a stored copy
//! (`read_stored`), with the plan it gave or the refusal word for word.
//! The version-2 build is commit 7c714e1 on branch `lead`, the last before
//! the plan had the fields version 3 added. The record was made there, in
//! a scratch worktree, by a scratch test with a copy of `reads` below (the
//! same as in `tests/model_format_v1.rs`), run on a copy of the corpus
//! holding only its version-2 files:
//! `V2_CORPUS=<dir> V2_OUT=tests/format_v2/reads.json cargo test --test <scratch>`.
//! This build must read every one the same. The example plan exported as
//! version 2, and arbitrary plans exported so (the property test in
//! `model_format.rs`), read the same too.

#[path = "common/format_reads.rs"]
mod format_reads;

use format_reads::{corpus_dir, reads, recorded};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::format::stored::{read_stored, StoredError};
use plan_workbench::model::format::{
    export_plan, export_value, import_plan, import_plan_repairing, import_value, ImportError,
    Imported, FORMAT_VERSION,
};
use plan_workbench::model::{ChartKind, ChartSettings, DataPoint, Plan, RunRules};
use serde_json::{json, Value};

fn corpus_file(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).unwrap()
}

/// Whether a file in the corpus is a version-2 document (or a stored copy
/// of one).
fn is_version_2(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("\"version\":2,") || compact.contains("\"version\":\"2\"")
}

#[test]
fn every_version_2_file_in_the_corpus_reads_as_version_2_read_it() {
    let recorded = recorded("format_v2");
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut checked = 0;
    for name in &names {
        let text = corpus_file(name);
        let Some(then) = recorded.get(name) else {
            assert!(
                !is_version_2(&text),
                "{name} is a version-2 file with no record of how version 2 read it"
            );
            continue;
        };
        assert!(is_version_2(&text), "{name}");
        let now = reads(&text);
        for how in ["import_plan", "import_plan_repairing", "read_stored"] {
            assert_eq!(now[how], then[how], "{name}, {how}");
        }
        checked += 1;
    }
    assert_eq!(checked, recorded.len(), "a recorded file is missing");
    assert!(checked >= 4, "{checked}");
    // Among them, plans that open (as a file and as a stored copy), a
    // refusal and a repair.
    let opened = |how: &str| {
        recorded
            .values()
            .filter(|r| r[how].get("plan").is_some())
            .count()
    };
    assert!(opened("import_plan") >= 3);
    assert!(opened("read_stored") >= 1);
    assert!(recorded
        .values()
        .any(|r| r["import_plan"].get("refused").is_some()
            && r["import_plan_repairing"].get("repairs").is_some()));
}

/// A data point as version 2 had it: without the fields version 3 added.
fn plain(d: &DataPoint) -> DataPoint {
    DataPoint {
        period: d.period.clone(),
        value: d.value,
        date: d.date,
        ..Default::default()
    }
}

/// Removes from a plan document the fields version 3 added.
fn remove_version_3_fields(doc: &mut Value) {
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
}

/// Whether a plan has none of the fields version 3 added (all defaults).
fn has_no_version_3_fields(plan: &Plan) -> bool {
    plan.measures.iter().all(|m| {
        m.chart == ChartSettings::default()
            && m.baseline.iter().chain(&m.data).all(|d| *d == plain(d))
    })
}

/// The fields version 3 added: a version-2 file that has them anyway
/// (nonsense ones, one given twice, one nested deeper than a JSON value
/// may be) reads as version 2 read it, without them.
#[test]
fn fields_of_later_versions_in_a_version_2_file_are_ignored_as_before() {
    let text = corpus_file("valid-v2-with-fields-of-later-versions.json");
    for later in [
        "\"chart\": 5",
        "\"note\": 7",
        "\"new_phase\": \"yes\"",
        "\"numerator\": -1",
        "\"denominator\": \"many\"",
        "\"excluded\": true",
    ] {
        assert!(text.contains(later), "{later}");
    }
    let plan = import_plan(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(has_no_version_3_fields(&plan));
    // Version 2's own fields are read.
    assert_eq!(plan.meta.tracking.review_cycle_days, 30);
    assert_eq!(plan.meta.reviews.len(), 1);
    assert_eq!(plan.measures[0].data.len(), 2);
    // Read from the text and read as a JSON value (through the migration)
    // alike, except that the value cannot hold the deep unknown field.
    let deep = format!(", \"x_deep\": {}{}", "[".repeat(300), "]".repeat(300));
    assert!(text.contains(&deep));
    let doc: Value = serde_json::from_str(&text.replacen(&deep, "", 1)).unwrap();
    assert_eq!(import_value(doc), Ok(plan.clone()));
    // The stored copy of a version-2 plan with fields of version 3 too.
    let stored = read_stored(&corpus_file("valid-stored-v2.json")).unwrap();
    assert!(has_no_version_3_fields(&stored.plan));
    // As a version-3 file, the same fields are read, and refused.
    let v3 = text.replacen("\"version\": 2,", "\"version\": 3,", 1);
    assert_ne!(v3, text);
    let e = import_plan(&v3).unwrap_err();
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.measures[0].baseline.denominator")
    );
}

/// The example plan, with some of the fields version 3 added, written as
/// version 2 wrote it (without them) reads as the example without them;
/// so does the same file with them left in.
#[test]
fn the_example_exported_as_version_2_reads_the_same() {
    let mut plan = example_plan();
    let m = &mut plan.measures[0];
    m.chart = ChartSettings {
        kind: ChartKind::P,
        rules: RunRules::Ihi,
        baseline_points: 6,
    };
    m.data[0].numerator = Some(41);
    m.data[0].denominator = Some(63);
    m.data[1].note = "New survey".into();
    m.data[1].new_phase = true;
    m.data[2].excluded = Some("Half the schools did not take part".into());
    m.baseline.as_mut().unwrap().note = "Before the plan".into();
    assert!(!has_no_version_3_fields(&plan));

    let mut with_new_fields = export_value(&plan);
    assert_eq!(with_new_fields["version"], json!(FORMAT_VERSION));
    with_new_fields["version"] = json!(2);
    let mut doc = with_new_fields.clone();
    remove_version_3_fields(&mut doc);
    assert_ne!(doc, with_new_fields);

    let expected = {
        let mut p = plan.clone();
        for m in &mut p.measures {
            m.chart = ChartSettings::default();
            m.baseline = m.baseline.as_ref().map(plain);
            m.data = m.data.iter().map(plain).collect();
        }
        p
    };
    assert!(has_no_version_3_fields(&expected));
    for d in [&doc, &with_new_fields] {
        let text = serde_json::to_string_pretty(d).unwrap();
        assert_eq!(import_plan(&text), Ok(expected.clone()));
        assert_eq!(import_value(d.clone()), Ok(expected.clone()));
    }
    // Exported again, it is a file of the current version, the same
    // document but for its version.
    let mut again = export_value(&expected);
    assert_eq!(again["version"], json!(FORMAT_VERSION));
    again["version"] = json!(2);
    assert_eq!(again, doc);
    assert!(export_plan(&expected).contains(&format!("\"version\": {FORMAT_VERSION},")));
    // The version-2 copy of the example kept in the corpus reads too, as
    // a valid plan.
    let old = import_plan(&corpus_file("valid-example-v2.json")).unwrap();
    assert_eq!(old.id, plan.id);
    assert_eq!(old.meta.title, plan.meta.title);
    assert!(has_no_version_3_fields(&old));
}

/// Refusals of a version-2 file read from its text and as a JSON value
/// (through the migration) are the same, word for word and path.
#[test]
fn a_version_2_file_is_refused_alike_from_text_and_as_a_value() {
    let v2 = |f: &dyn Fn(&mut Value)| {
        let mut doc = export_value(&example_plan());
        doc["version"] = json!(2);
        f(&mut doc);
        doc
    };
    let cases = [
        v2(&|d| {
            d["plan"]["actions"][2]
                .as_object_mut()
                .unwrap()
                .remove("title");
        }),
        v2(&|d| {
            d["plan"]["meta"].as_object_mut().unwrap().remove("title");
        }),
        v2(&|d| d["plan"]["meta"] = json!(5)),
        v2(&|d| d["plan"]["actions"][2]["percent"] = json!("fifty")),
        v2(&|d| d["plan"]["actions"][0]["percent"] = json!(150)),
        v2(&|d| d["plan"]["aims"][0]["outcomes"] = json!(["no-such-item"])),
        v2(&|d| d["plan"]["meta"]["period_start"] = json!("1 Aug 2024")),
        v2(&|d| d["plan"]["meta"]["tracking"] = json!({"review_cycle_days": 0})),
        v2(&|d| d["plan"]["meta"]["reviews"] = json!([{"date": "31/03/2026"}])),
        v2(&|d| d["plan"]["measures"][1]["data"][3]["value"] = json!("high")),
        v2(&|d| d["plan"]["measures"][1]["data"] = json!([5])),
        v2(&|d| d["plan"]["measures"][0]["baseline"] = json!("61.5")),
        // The measure's chart (unknown to version 2) is not what is wrong.
        v2(&|d| {
            let m = d["plan"]["measures"][2].as_object_mut().unwrap();
            m.insert("chart".into(), json!({"baseline_points": 0}));
            m.remove("name");
        }),
        // Nor a data point's denominator of 0.
        v2(&|d| {
            let p = d["plan"]["measures"][2]["data"][1].as_object_mut().unwrap();
            p.insert("denominator".into(), json!(0));
            p.insert("value".into(), json!(null));
        }),
    ];
    for doc in cases {
        let from_text = import_plan(&serde_json::to_string_pretty(&doc).unwrap());
        let e = from_text.clone().unwrap_err();
        let at = e.location.clone().unwrap_or_default();
        assert!(!at.contains("chart") && !at.contains("denominator"), "{e}");
        assert_eq!(from_text, import_value(doc.clone()), "{doc}");
        let repairing = |r: Result<Imported, ImportError>| r.map(|_| ()).map_err(|e| e.message);
        assert_eq!(
            repairing(import_plan_repairing(
                &serde_json::to_string_pretty(&doc).unwrap()
            ))
            .is_ok(),
            e.message.contains("linked") || e.message.contains("progress"),
            "{e}"
        );
    }
}

/// A version 4 is a newer version: refused, and a stored copy of it kept
/// untouched.
#[test]
fn version_4_needs_a_newer_workbench() {
    assert_eq!(FORMAT_VERSION, 3);
    let mut doc = export_value(&example_plan());
    doc["version"] = json!(4);
    let e = import_plan(&doc.to_string()).unwrap_err();
    assert_eq!(e.newer_version(), Some(4));
    assert_eq!(
        e.message,
        "This plan was saved by a newer version of the workbench (format version 4); this version reads up to version 3. Please update the workbench."
    );
    let text = corpus_file("refused-newer-version-stored.json");
    assert!(matches!(
        read_stored(&text),
        Err(StoredError::NewerVersion { version: 4, .. })
    ));
}
