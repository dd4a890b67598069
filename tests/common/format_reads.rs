//! How this build reads a file, every way it can be read, and the records
//! of how older builds read the corpus: shared by the tests that each
//! older version's files still read as they did (model_format_v1.rs,
//! model_format_v2.rs).

use plan_workbench::model::format::stored::{read_stored, StoredError};
use plan_workbench::model::format::{import_plan, import_plan_repairing, ImportError, Imported};
use serde_json::{json, Value};
use std::path::PathBuf;

fn err(e: &ImportError) -> Value {
    json!({"message": e.message, "location": e.location})
}

/// How this build reads one file, every way it can be read.
pub fn reads(text: &str) -> Value {
    let strict = match import_plan(text) {
        Ok(p) => json!({"plan": serde_json::to_value(&p).unwrap()}),
        Err(e) => json!({"refused": err(&e)}),
    };
    let repairing = match import_plan_repairing(text) {
        Ok(Imported::Valid(p)) => json!({"plan": serde_json::to_value(&p).unwrap()}),
        Ok(Imported::Repairable { plan, repairs }) => json!({
            "repaired": serde_json::to_value(&plan).unwrap(),
            "repairs": repairs.iter().map(|r| r.description.clone()).collect::<Vec<_>>(),
        }),
        Err(e) => json!({"refused": err(&e)}),
    };
    let stored = match read_stored(text) {
        Ok(s) => json!({
            "plan": serde_json::to_value(&s.plan).unwrap(),
            "revision": s.revision,
            "changed": s.changed.to_rfc3339(),
        }),
        Err(StoredError::NewerVersion {
            version,
            title,
            revision,
            ..
        }) => json!({"newer": version, "title": title, "revision": revision}),
        Err(StoredError::Unreadable(why)) => json!({"unreadable": why}),
    };
    json!({"import_plan": strict, "import_plan_repairing": repairing, "read_stored": stored})
}

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus")
}

/// The record `tests/<dir>/reads.json` of how an older build read the
/// corpus, by file name.
pub fn recorded(dir: &str) -> serde_json::Map<String, Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join("reads.json");
    match serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap() {
        Value::Object(m) => m,
        other => panic!("{other}"),
    }
}
