// Native only, like the other model tests.
#![cfg(not(target_arch = "wasm32"))]

//! The copy a browser keeps of each plan (src/model/format/stored.rs): written and
//! read back unchanged, its revision read cheaply, a plan of a newer
//! version recognised as such (never called unreadable), every other
//! refusal saying what and where, and the plan file inside a stored or
//! set-aside text found for download. Also: the importer reads that
//! wrapper, a blank title saves and loads, and the newer-version error is
//! told apart from the others.

use chrono::{DateTime, Utc};
use plan_workbench::model::example::example_plan;
use plan_workbench::model::format::stored::{
    plan_file_in, read_stored, stored_revision, write_stored, StoredDoc, StoredError,
};
use plan_workbench::model::format::{export_plan, import_plan, FORMAT_VERSION};
use plan_workbench::model::keeping::export_reminder::ExportRecord;
use plan_workbench::model::Plan;
use serde_json::{json, Value};

fn when() -> DateTime<Utc> {
    "2026-12-01T20:40:00.123Z".parse().unwrap()
}

fn unreadable(text: &str) -> String {
    match read_stored(text) {
        Err(StoredError::Unreadable(why)) => {
            assert!(!why.is_empty());
            assert_eq!(read_stored(text).unwrap_err().to_string(), why);
            why
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

/// A stored text with the plan document changed by `f`.
fn stored_with(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&write_stored(
        &example_plan(),
        4,
        when(),
        &ExportRecord::default(),
    ))
    .unwrap();
    f(&mut v);
    serde_json::to_string(&v).unwrap()
}

#[test]
fn written_copies_read_back_unchanged() {
    let plan = example_plan();
    let text = write_stored(&plan, 12, when(), &ExportRecord::default());
    // The envelope as storage has always written it, revision first, with
    // what is known of the plan's exports before the plan.
    assert!(
        text.starts_with(&format!(
            r#"{{"revision":12,"changed":"2026-12-01T20:40:00.123Z","exported":null,"edits":0,"plan":{{"format":"improvement-plan","version":{FORMAT_VERSION},"plan":{{"#
        )),
        "{}",
        &text[..120]
    );
    assert_eq!(
        read_stored(&text),
        Ok(StoredDoc {
            plan,
            revision: 12,
            changed: when(),
            export: ExportRecord::default(),
        })
    );
    assert_eq!(stored_revision(&text), Some(12));
}

#[test]
fn the_export_date_and_edits_since_are_kept_with_the_plan() {
    let plan = example_plan();
    let export = ExportRecord {
        exported: Some("2026-11-03T14:05:00Z".parse().unwrap()),
        edits: 23,
    };
    let text = write_stored(&plan, 5, when(), &export);
    assert!(
        text.contains(r#""exported":"2026-11-03T14:05:00Z","edits":23,"plan":"#),
        "{}",
        &text[..140]
    );
    let doc = read_stored(&text).unwrap();
    assert_eq!((doc.plan, doc.export), (plan, export));
}

#[test]
fn a_copy_stored_before_export_dates_reads_as_never_exported() {
    let plan = example_plan();
    let old = stored_with(|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("exported");
        o.remove("edits");
    });
    assert!(!old.contains("exported") && !old.contains("edits"), "{old}");
    let doc = read_stored(&old).expect("an old copy still reads");
    assert_eq!(doc.plan, plan);
    assert_eq!(doc.export, ExportRecord::from_before_records(&plan));
    assert_eq!(doc.export.exported, None);
    assert!(doc.export.edits > 0, "its items count as work not on file");
}

#[test]
fn an_export_record_that_cannot_be_read_never_costs_the_plan() {
    let plan = example_plan();
    for (exported, edits, want) in [
        (
            json!("not a date"),
            json!(4),
            ExportRecord {
                exported: None,
                edits: 4,
            },
        ),
        (
            json!(7),
            json!(-1),
            ExportRecord::from_before_records(&plan),
        ),
        (
            json!("2026-11-03T14:05:00Z"),
            json!("many"),
            ExportRecord {
                exported: Some("2026-11-03T14:05:00Z".parse().unwrap()),
                ..ExportRecord::from_before_records(&plan)
            },
        ),
    ] {
        let text = stored_with(|v| {
            v["exported"] = exported.clone();
            v["edits"] = edits.clone();
        });
        let doc = read_stored(&text).unwrap_or_else(|e| panic!("{exported} {edits}: {e}"));
        assert_eq!(doc.plan, plan);
        assert_eq!(doc.export, want, "{exported} {edits}");
    }
}

#[test]
fn a_blank_title_saves_and_loads() {
    for title in ["", "   "] {
        let mut plan = example_plan();
        plan.meta.title = title.into();
        assert_eq!(plan.display_title(), "Untitled plan");
        let stored = read_stored(&write_stored(&plan, 1, when(), &ExportRecord::default()))
            .expect("a blank title reads");
        assert_eq!(stored.plan, plan);
        assert_eq!(import_plan(&export_plan(&plan)), Ok(plan));
    }
}

#[test]
fn the_revision_is_read_without_reading_the_plan() {
    let text = write_stored(&example_plan(), 99, when(), &ExportRecord::default());
    assert_eq!(stored_revision(&text), Some(99));
    // The plan after the revision is not read: a copy cut short still
    // gives its revision.
    assert_eq!(stored_revision(&text[..40]), Some(99));
    // Elsewhere in the object, it is still found.
    assert_eq!(
        stored_revision(r#"{"changed":"x","plan":{"a":[1,{"revision":5}]},"revision":3}"#),
        Some(3)
    );
    for none in [
        "",
        "not json",
        "[1,2]",
        r#"{"plan":{}}"#,
        r#"{"revision":"3"}"#,
        r#"{"revision":-1}"#,
        r#"{"revision":1.5}"#,
    ] {
        assert_eq!(stored_revision(none), None, "{none}");
    }
}

#[test]
fn a_newer_version_is_recognised_with_what_can_be_read_of_it() {
    let newer = FORMAT_VERSION + 1;
    let text = stored_with(|v| {
        v["plan"]["version"] = json!(newer);
        // A newer version may change anything inside its plan.
        v["plan"]["plan"]["actions"] = json!("something new");
    });
    let e = read_stored(&text).unwrap_err();
    assert_eq!(
        e,
        StoredError::NewerVersion {
            version: newer,
            title: Some(example_plan().meta.title),
            revision: 4,
            changed: Some(when()),
        }
    );
    assert_eq!(
        e.to_string(),
        format!("This plan needs a newer version of the workbench (format version {newer}; this version reads up to {FORMAT_VERSION}). It is kept as it is, and opens once the workbench is updated.")
    );
    // Even without a title, revision or date, it is still a newer version.
    let bare = json!({"plan": {"format": "improvement-plan", "version": 7, "plan": {"meta": 3}}});
    assert_eq!(
        read_stored(&bare.to_string()),
        Err(StoredError::NewerVersion {
            version: 7,
            title: None,
            revision: 0,
            changed: None
        })
    );
    let odd = json!({"revision": "x", "changed": 5, "plan": {"format": "improvement-plan", "version": newer}});
    assert!(matches!(
        read_stored(&odd.to_string()),
        Err(StoredError::NewerVersion {
            version,
            revision: 0,
            changed: None,
            ..
        }) if version == newer
    ));
}

#[test]
fn import_tells_a_newer_version_from_other_refusals() {
    let mut v: Value = serde_json::from_str(&export_plan(&example_plan())).unwrap();
    v["version"] = json!(FORMAT_VERSION + 2);
    let e = import_plan(&v.to_string()).unwrap_err();
    assert_eq!(e.newer_version(), Some(FORMAT_VERSION + 2));
    assert!(e.message.contains("newer version"), "{e}");
    v["version"] = json!(0);
    assert_eq!(
        import_plan(&v.to_string()).unwrap_err().newer_version(),
        None
    );
    assert_eq!(import_plan("{").unwrap_err().newer_version(), None);
    v["version"] = json!(1);
    v["plan"]["actions"][0]["percent"] = json!(300);
    assert_eq!(
        import_plan(&v.to_string()).unwrap_err().newer_version(),
        None
    );
}

#[test]
fn every_other_refusal_says_what_and_where() {
    assert_eq!(
        unreadable(""),
        "This stored copy is empty, so there is no plan in it."
    );
    assert_eq!(
        unreadable("{\"revision\": 1,\n oops}"),
        "This stored copy is not a stored plan: it is not valid JSON (line 2, column 2)."
    );
    assert!(
        unreadable(r#"{"revision": 1, "plan": {"#).contains("ends too early (line 1, column 25)")
    );
    assert_eq!(
        unreadable("[1, 2]"),
        "This stored copy is not a stored plan: it is valid JSON, but not a group of fields in curly brackets (at $)."
    );
    assert_eq!(
        unreadable(r#"{"revision": 1, "changed": "2026-12-01T20:40:00Z"}"#),
        "This stored copy has no plan in it (the field \"plan\" is missing) (at $)."
    );
    assert_eq!(
        unreadable(&stored_with(|v| {
            v.as_object_mut().unwrap().remove("revision");
        })),
        "This stored copy has no revision number (the field \"revision\" is missing) (at $)."
    );
    assert_eq!(
        unreadable(&stored_with(|v| v["revision"] = json!(-3))),
        "This stored copy's revision number should be a whole number such as 3, but it is -3 (at $.revision)."
    );
    assert_eq!(
        unreadable(&stored_with(|v| {
            v.as_object_mut().unwrap().remove("changed");
        })),
        "This stored copy does not say when it was last changed (the field \"changed\" is missing) (at $)."
    );
    assert_eq!(
        unreadable(&stored_with(|v| v["changed"] = json!("yesterday"))),
        "This stored copy's date of last change should be a date and time such as \"2026-12-01T20:40:00Z\", but it is \"yesterday\" (at $.changed)."
    );
    assert_eq!(
        unreadable(r#"{"revision": 1, "revision": 2, "plan": 1}"#),
        "The field \"revision\" is given twice (at $)."
    );
    // A problem inside the plan gives its path in the stored text.
    assert_eq!(
        unreadable(&stored_with(|v| v["plan"]["plan"]["actions"][1]["percent"] = json!(101))),
        "This action's progress is 101%, but progress cannot be more than 100% (at $.plan.plan.actions[1].percent)"
    );
    assert_eq!(
        unreadable(&stored_with(|v| v["plan"]["plan"]["actions"][0]["percent"] = json!("half"))),
        "This value has the wrong type: it is the text \"half\" but a whole number from 0 to 100 was expected (at $.plan.plan.actions[0].percent)"
    );
    assert!(
        unreadable(&stored_with(|v| v["plan"] = json!({"plan": {}})))
            .contains("no \"format\": \"improvement-plan\" marker"),
    );
}

#[test]
fn the_importer_reads_a_stored_copy() {
    let plan = example_plan();
    let text = write_stored(&plan, 3, when(), &ExportRecord::default());
    assert_eq!(import_plan(&text), Ok(plan.clone()));
    // Pretty-printed too (as a person might save it).
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        import_plan(&serde_json::to_string_pretty(&v).unwrap()),
        Ok(plan)
    );
    // Its errors point into the whole text: a path under "$.plan" ...
    let bad = stored_with(|v| v["plan"]["plan"]["measures"][0]["evidences"][0] = json!("nope"));
    let e = import_plan(&bad).unwrap_err();
    assert_eq!(
        e.location.as_deref(),
        Some("$.plan.plan.measures[0].evidences[0]")
    );
    // ... and a version too new is still told apart.
    let newer = stored_with(|v| v["plan"]["version"] = json!(FORMAT_VERSION + 1));
    assert_eq!(
        import_plan(&newer).unwrap_err().newer_version(),
        Some(FORMAT_VERSION + 1)
    );
    // A wrapper inside a wrapper is not a plan file.
    let twice = json!({"revision": 1, "plan": serde_json::from_str::<Value>(&text).unwrap()});
    assert!(import_plan(&twice.to_string()).is_err());
}

#[test]
fn an_error_inside_a_stored_copy_gives_its_line_and_column_in_the_whole_text() {
    // Nested too deeply inside the plan: the position is in the whole text.
    let deep = format!(
        "{{\"revision\": 1,\n \"plan\": {{\"format\": \"improvement-plan\", \"version\": 1, \"x\": {}{}}}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    let e = import_plan(&deep).unwrap_err();
    let loc = e.location.clone().unwrap();
    assert!(loc.starts_with("line 2, column "), "{e}");
    let column: usize = loc["line 2, column ".len()..].parse().unwrap();
    // Counted in the document, which is level 1: the 127th bracket is level
    // 128, one too many; columns count from 1.
    let line2 = deep.lines().nth(1).unwrap();
    let first = line2.find('[').unwrap() + 1;
    assert_eq!(column, first + 126, "{e}");
    assert!(e.message.contains(&loc), "{e}");
}

#[test]
fn the_plan_file_in_a_stored_or_set_aside_text() {
    let plan = example_plan();
    let file = export_plan(&plan);
    let stored = write_stored(&plan, 2, when(), &ExportRecord::default());
    assert_eq!(plan_file_in(&stored).as_deref(), Some(file.as_str()));
    assert_eq!(plan_file_in(&file).as_deref(), Some(file.as_str()));
    // A plan file written compactly comes out as the exporter writes it.
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(&file).unwrap()).unwrap();
    assert_eq!(plan_file_in(&compact).as_deref(), Some(file.as_str()));

    // A document that does not import (a newer version, a broken plan) is
    // given as it is, laid out, and reads as it did.
    let newer = stored.replacen(
        &format!("\"version\":{FORMAT_VERSION},"),
        "\"version\":9,",
        1,
    );
    let out = plan_file_in(&newer).unwrap();
    assert!(out.starts_with("{\n  \"format\": \"improvement-plan\",\n  \"version\": 9,\n  \"plan\": {\n    \"id\": "), "{out}");
    assert!(out.ends_with("}\n"));
    assert_eq!(import_plan(&out).unwrap_err().newer_version(), Some(9));
    let broken = stored_with(|v| v["plan"]["plan"]["actions"][0]["percent"] = json!(101));
    let out = plan_file_in(&broken).unwrap();
    let inner: Value = serde_json::from_str::<Value>(&broken).unwrap()["plan"].clone();
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), inner);
    assert_eq!(
        import_plan(&out).unwrap_err().location.as_deref(),
        Some("$.plan.actions[0].percent")
    );

    // No plan file in it: nothing.
    for none in [
        "",
        "not json",
        &stored[..stored.len() - 1],
        r#"{"revision": 1, "plan": {"id": "x"}}"#,
        r#"{"revision": 1, "plan": [1]}"#,
        r#"{"format": "something-else"}"#,
        "[]",
    ] {
        assert_eq!(plan_file_in(none), None, "{none}");
    }
}

#[test]
fn a_plan_read_from_storage_is_valid() {
    // The validator refuses what the importer refuses; nothing stored
    // bypasses it.
    let mut p: Plan = example_plan();
    p.actions[0].aims.push("ghost".into());
    let text = write_stored(&p, 1, when(), &ExportRecord::default());
    let why = unreadable(&text);
    assert!(why.contains("\"ghost\""), "{why}");
    assert!(why.contains("(at $.plan.plan.actions[0].aims["), "{why}");
}

#[test]
fn a_plan_file_is_not_a_stored_copy() {
    let file = export_plan(&example_plan());
    assert_eq!(
        unreadable(&file),
        "This stored copy is not a stored plan: it is a plan file itself (it has a \"format\" field), not a plan file kept with its revision and date (at $.format)."
    );
    // A list with more items than the envelope has fields.
    assert_eq!(
        unreadable("[1, 2, 3, 4, 5, 6]"),
        "This stored copy is not a stored plan: it is valid JSON, but not a group of fields in curly brackets (at $)."
    );
    // A field given twice, unless the text breaks further on.
    assert!(unreadable(r#"{"plan":1,"plan":01}"#).contains("not valid JSON (line 1, column 19)"));
}
