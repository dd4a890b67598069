// Native only, like the other domain tests.
#![cfg(not(target_arch = "wasm32"))]

//! Version 2 of the file format added the plan's tracking settings and its
//! reviews; every version-1 file must read exactly as version 1 read it.
//!
//! `tests/format_v1/reads.json` records how the version-1 build read each
//! version-1 file in `tests/fuzz_corpus/`: as a plan file (`import_plan`),
//! offered for repair (`import_plan_repairing`) and as a stored copy
//! (`read_stored`), with the plan it gave or the refusal word for word.
//! The version-1 build is commit f5d7075 on branch `lead`, the last before
//! the plan had the fields version 2 added. The record was made there by a
//! scratch test with a copy of `reads` below, run on a copy of the corpus
//! without the files that are not version 1:
//! `V1_CORPUS=<dir> V1_OUT=tests/format_v1/reads.json cargo test --test <scratch>`.
//! This build must read every one the same. The example plan exported as
//! version 1, and arbitrary plans exported so (the property test in
//! `model_format.rs`), read the same too.

#[path = "common/format_reads.rs"]
mod format_reads;

use format_reads::{corpus_dir, reads, recorded};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::format::{
    export_plan, export_value, import_plan, import_value, FORMAT_VERSION,
};
use plan_workbench::model::{DataPoint, PlanMeta, TrackingSettings};
use serde_json::{json, Value};

/// Whether a file in the corpus is a version-1 document (or a stored copy
/// of one).
fn is_version_1(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("\"version\":1,") || compact.contains("\"version\":\"1\"")
}

#[test]
fn every_version_1_file_in_the_corpus_reads_as_version_1_read_it() {
    let recorded = recorded("format_v1");
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut checked = 0;
    for name in &names {
        let text = std::fs::read_to_string(corpus_dir().join(name)).unwrap();
        let Some(then) = recorded.get(name) else {
            assert!(
                !is_version_1(&text),
                "{name} is a version-1 file with no record of how version 1 read it"
            );
            continue;
        };
        assert!(is_version_1(&text), "{name}");
        let now = reads(&text);
        for how in ["import_plan", "import_plan_repairing", "read_stored"] {
            assert_eq!(now[how], then[how], "{name}, {how}");
        }
        checked += 1;
    }
    assert_eq!(checked, recorded.len(), "a recorded file is missing");
    assert!(checked >= 12, "{checked}");
    // Among them, plans that open and refusals of every kind.
    let opened = recorded
        .values()
        .filter(|r| r["import_plan"].get("plan").is_some())
        .count();
    assert!(opened >= 6, "{opened}");
}

/// The file version 2 added fields to: a version-1 file that has them
/// anyway (nonsense ones, here) reads as version 1 read it, without them.
#[test]
fn fields_of_later_versions_in_a_version_1_file_are_ignored_as_before() {
    let text =
        std::fs::read_to_string(corpus_dir().join("valid-v1-with-fields-of-later-versions.json"))
            .unwrap();
    let plan = import_plan(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.meta.tracking, TrackingSettings::default());
    assert!(plan.meta.reviews.is_empty());
    // Read from the text and read as a JSON value (through the migration)
    // alike, except that the value cannot hold the deep unknown field.
    let deep = format!(", \"x_deep\": {}{}", "[".repeat(300), "]".repeat(300));
    assert!(text.contains(&deep));
    let doc: Value = serde_json::from_str(&text.replacen(&deep, "", 1)).unwrap();
    assert_eq!(import_value(doc), Ok(plan.clone()));
    // As a version-2 file, the same fields are read, and refused.
    let v2 = text.replacen("\"version\": 1,", "\"version\": 2,", 1);
    assert_ne!(v2, text);
    let e = import_plan(&v2).unwrap_err();
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.meta.tracking.green_within")
    );
}

/// The example plan, written as version 1 wrote it (without the fields
/// version 2 added), reads as the example without them.
#[test]
fn the_example_exported_as_version_1_reads_the_same() {
    // The example without the fields version 3 added, which version 1
    // never wrote.
    let mut plan = example_plan();
    for m in &mut plan.measures {
        m.chart = Default::default();
        for d in m.data.iter_mut().chain(m.baseline.as_mut()) {
            *d = DataPoint {
                period: d.period.clone(),
                value: d.value,
                date: d.date,
                ..Default::default()
            };
        }
    }
    let mut doc = export_value(&plan);
    assert_eq!(doc["version"], json!(FORMAT_VERSION));
    doc["version"] = json!(1);
    let meta = doc["plan"]["meta"].as_object_mut().unwrap();
    meta.remove("tracking");
    meta.remove("reviews");
    let expected = {
        let mut p = plan.clone();
        p.meta = PlanMeta {
            tracking: TrackingSettings::default(),
            reviews: Vec::new(),
            ..p.meta
        };
        p
    };
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert_eq!(import_plan(&text), Ok(expected.clone()));
    assert_eq!(import_value(doc.clone()), Ok(expected.clone()));
    // Exported again, it is a file of the current version.
    assert!(export_plan(&expected).contains(&format!("\"version\": {FORMAT_VERSION},")));
    // The version-1 copy of the example kept in the corpus reads too, as
    // a valid plan.
    let kept = std::fs::read_to_string(corpus_dir().join("valid-example-v1.json")).unwrap();
    let old = import_plan(&kept).unwrap();
    assert_eq!(old.id, plan.id);
    assert_eq!(old.meta.title, plan.meta.title);
}

/// Refusals of a version-1 file read from its text and as a JSON value
/// (through the migration) are the same, word for word and path.
#[test]
fn a_version_1_file_is_refused_alike_from_text_and_as_a_value() {
    let v1 = |f: &dyn Fn(&mut Value)| {
        let mut doc = export_value(&example_plan());
        doc["version"] = json!(1);
        f(&mut doc);
        doc
    };
    let cases = [
        v1(&|d| {
            d["plan"]["actions"][2]
                .as_object_mut()
                .unwrap()
                .remove("title");
        }),
        v1(&|d| {
            d["plan"]["meta"].as_object_mut().unwrap().remove("title");
        }),
        v1(&|d| d["plan"]["meta"] = json!(5)),
        v1(&|d| d["plan"]["actions"][2]["percent"] = json!("fifty")),
        v1(&|d| d["plan"]["actions"][0]["percent"] = json!(150)),
        v1(&|d| d["plan"]["aims"][0]["outcomes"] = json!(["no-such-item"])),
        v1(&|d| d["plan"]["meta"]["period_start"] = json!("1 Aug 2024")),
    ];
    for doc in cases {
        let from_text = import_plan(&serde_json::to_string_pretty(&doc).unwrap());
        assert!(from_text.is_err(), "{doc}");
        assert_eq!(from_text, import_value(doc.clone()), "{doc}");
    }
}
