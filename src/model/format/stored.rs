//! The copy of a plan kept in the browser's storage, as text: an envelope
//! `{"revision": 7, "changed": "2026-12-01T20:40:00Z", "plan": <a plan
//! file>}`. The revision lets a tab notice that another tab saved the plan
//! since it read it; `changed` is when it was last saved. `exported` and
//! `edits` say when the plan was last exported to a file and how much it
//! has changed since (`model::keeping::export_reminder`); a copy stored before they
//! were kept reads without them.
//!
//! This is plain Rust so the reader is tested and fuzzed natively; the
//! storage layer only moves these texts in and out of the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{
    document, export_plan, import_text, is_too_deep, not_json, readable, Document, Subject,
    FORMAT_NAME, FORMAT_VERSION,
};
use crate::model::keeping::export_reminder::ExportRecord;
use crate::model::plan::Plan;

/// A stored copy, read.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredDoc {
    pub plan: Plan,
    pub revision: u64,
    pub changed: DateTime<Utc>,
    pub export: ExportRecord,
}

/// Why a stored copy could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredError {
    /// Written by a newer version of the workbench: must be kept untouched,
    /// listed, and opened once the app can read it.
    NewerVersion {
        version: u32,
        title: Option<String>,
        revision: u64,
        changed: Option<DateTime<Utc>>,
    },
    /// Not readable as a stored plan; the text says what and where, in
    /// plain UK English.
    Unreadable(String),
}

impl std::fmt::Display for StoredError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoredError::NewerVersion { version, .. } => write!(
                f,
                "This plan needs a newer version of the workbench (format version {version}; this version reads up to {FORMAT_VERSION}). It is kept as it is, and opens once the workbench is updated."
            ),
            StoredError::Unreadable(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for StoredError {}

const STORED: Subject = Subject {
    this: "This stored copy",
    a: "a stored plan",
};

/// What is written: the plan is serialised straight from the open plan,
/// not copied into a JSON value first. The revision comes first so that
/// [`stored_revision`] finds it at once.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    revision: u64,
    changed: DateTime<Utc>,
    exported: Option<DateTime<Utc>>,
    edits: u32,
    plan: Document<'a>,
}

/// What is read, each member kept as its text so that each gets its own
/// plain message; the plan document is then read like a plan file,
/// straight from its text into the plan.
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    #[serde(borrow, default)]
    revision: Option<&'a RawValue>,
    #[serde(borrow, default)]
    changed: Option<&'a RawValue>,
    #[serde(borrow, default)]
    exported: Option<&'a RawValue>,
    #[serde(borrow, default)]
    edits: Option<&'a RawValue>,
    #[serde(borrow, default)]
    plan: Option<&'a RawValue>,
    /// Not in a stored copy: only in a plan file.
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
}

/// The text stored for a plan at a revision, changed at `changed`, with
/// what is known of its exports.
pub fn write_stored(
    plan: &Plan,
    revision: u64,
    changed: DateTime<Utc>,
    export: &ExportRecord,
) -> String {
    serde_json::to_string(&EnvelopeOut {
        revision,
        changed,
        exported: export.exported,
        edits: export.edits,
        plan: document(plan),
    })
    .expect("a plan always serialises")
}

/// Reads a stored copy: the whole plan, valid, with its revision and date
/// of last change; or why not.
pub fn read_stored(text: &str) -> Result<StoredDoc, StoredError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(StoredError::Unreadable(
            "This stored copy is empty, so there is no plan in it.".into(),
        ));
    }
    let env = envelope(text)?;
    let Some(plan_text) = env.plan.map(RawValue::get) else {
        return Err(StoredError::Unreadable(
            "This stored copy has no plan in it (the field \"plan\" is missing) (at $).".into(),
        ));
    };
    let revision = revision_of(env.revision);
    let changed = changed_of(env.changed);
    let plan = match import_text(plan_text, false) {
        Ok(plan) => plan,
        Err(e) => {
            if let Some(version) = e.newer_version() {
                return Err(StoredError::NewerVersion {
                    version,
                    title: title_in(plan_text),
                    revision: revision.unwrap_or(0),
                    changed: changed.ok().flatten(),
                });
            }
            return Err(StoredError::Unreadable(
                e.inside(text, plan_text).to_string(),
            ));
        }
    };
    let revision = match (env.revision, revision) {
        (_, Some(r)) => r,
        (None, None) => {
            return Err(StoredError::Unreadable(
                "This stored copy has no revision number (the field \"revision\" is missing) (at $)."
                    .into(),
            ))
        }
        (Some(raw), None) => {
            return Err(StoredError::Unreadable(format!(
                "This stored copy's revision number should be a whole number such as 3, but it is {} (at $.revision).",
                shortened(raw.get())
            )))
        }
    };
    let changed = match changed {
        Ok(Some(c)) => c,
        Ok(None) => {
            return Err(StoredError::Unreadable(
                "This stored copy does not say when it was last changed (the field \"changed\" is missing) (at $)."
                    .into(),
            ))
        }
        Err(why) => return Err(StoredError::Unreadable(why)),
    };
    let export = export_of(env.exported, env.edits, &plan);
    Ok(StoredDoc {
        plan,
        revision,
        changed,
        export,
    })
}

/// What the envelope says of the plan's exports. These only decide a date
/// shown and a reminder, so one that cannot be read never costs the plan:
/// a date that is not one is taken as no export, and a count that is not
/// one as a copy stored before counts were kept.
fn export_of(exported: Option<&RawValue>, edits: Option<&RawValue>, plan: &Plan) -> ExportRecord {
    let edits = edits.and_then(|raw| serde_json::from_str::<u32>(raw.get()).ok());
    let exported = exported.and_then(|raw| serde_json::from_str(raw.get()).ok());
    match edits {
        Some(edits) => ExportRecord { exported, edits },
        None => ExportRecord {
            exported,
            ..ExportRecord::from_before_records(plan)
        },
    }
}

/// The envelope's members, or why the text is not one.
fn envelope(text: &str) -> Result<EnvelopeIn<'_>, StoredError> {
    // serde reads a struct from a list too: only an object is an envelope.
    let object = is_object(text);
    // Members read as raw text are not held to serde_json's nesting limit;
    // read whole, text nested too deeply is found where it first is.
    let too_deep = || {
        serde_json::from_str::<serde_json::Value>(text)
            .err()
            .filter(is_too_deep)
    };
    let unreadable = |e: &serde_json::Error| StoredError::Unreadable(not_json(e, STORED).message);
    match serde_json::from_str::<EnvelopeIn>(text) {
        Err(e) if e.is_syntax() || e.is_eof() => match serde_json::from_str::<serde_json::Value>(text) {
            Err(first) => Err(unreadable(&first)),
            // Valid JSON after all: a list with too many items for the
            // envelope's fields.
            Ok(_) if !object => Err(not_an_object()),
            Ok(_) => Err(unreadable(&e)),
        },
        // An object, but a member is given twice (unless the text is
        // broken further on: reading stopped at the second one).
        Err(e) if object => Err(match serde_json::from_str::<serde_json::Value>(text) {
            Err(first) => unreadable(&first),
            Ok(_) => StoredError::Unreadable(format!("{} (at $).", readable(&e.to_string()))),
        }),
        Ok(env) if object && env.format.is_some() => Err(StoredError::Unreadable(
            "This stored copy is not a stored plan: it is a plan file itself (it has a \"format\" field), not a plan file kept with its revision and date (at $.format)."
                .into(),
        )),
        Ok(env) if object => Ok(env),
        _ => Err(match too_deep() {
            Some(e) => unreadable(&e),
            None => not_an_object(),
        }),
    }
}

fn not_an_object() -> StoredError {
    StoredError::Unreadable(
        "This stored copy is not a stored plan: it is valid JSON, but not a group of fields in curly brackets (at $)."
            .into(),
    )
}

/// Whether JSON text is an object (rather than a list or a single value).
fn is_object(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

fn revision_of(raw: Option<&RawValue>) -> Option<u64> {
    serde_json::from_str(raw?.get()).ok()
}

/// The date of last change: `Ok(None)` if there is none, `Err` if it is
/// not a date and time.
fn changed_of(raw: Option<&RawValue>) -> Result<Option<DateTime<Utc>>, String> {
    let Some(raw) = raw else { return Ok(None) };
    serde_json::from_str(raw.get()).map(Some).map_err(|_| {
        format!(
            "This stored copy's date of last change should be a date and time such as \"2026-12-01T20:40:00Z\", but it is {} (at $.changed).",
            shortened(raw.get())
        )
    })
}

/// A value quoted in a message, cut short if it is long.
fn shortened(raw: &str) -> String {
    const MAX: usize = 40;
    if raw.chars().count() <= MAX {
        raw.to_owned()
    } else {
        let cut: String = raw.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The title in a plan document (`plan.meta.title`) if it has one, read
/// without minding anything else in it (a newer version may differ).
fn title_in(doc: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Doc {
        plan: Option<PlanPart>,
    }
    #[derive(Deserialize)]
    struct PlanPart {
        meta: Option<Meta>,
    }
    #[derive(Deserialize)]
    struct Meta {
        title: Option<serde_json::Value>,
    }
    let d: Doc = serde_json::from_str(doc).ok()?;
    match d.plan?.meta?.title? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

/// The revision of a stored copy, read cheaply: reading stops as soon as
/// the revision is found (it comes first in what [`write_stored`] writes),
/// and the plan after it is not looked at. `None` if there is none.
pub fn stored_revision(text: &str) -> Option<u64> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
    use std::cell::Cell;

    struct FindRevision<'c>(&'c Cell<Option<u64>>);
    impl<'de> Visitor<'de> for FindRevision<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a stored plan")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "revision" {
                    self.0.set(Some(map.next_value::<u64>()?));
                    // Stop here: serde_json then complains that the object
                    // is not finished, which is ignored.
                    return Ok(());
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = (&mut de).deserialize_map(FindRevision(&found));
    found.get()
}

/// The plan file held in a stored or set-aside text, as an exported plan
/// file would be written, if the text holds one: the envelope's `"plan"`
/// member when it is a plan document, or the text itself when it already
/// is one. A document that imports is written by `export_plan`; one that
/// does not (a newer version, a broken plan) is its own text, indented,
/// with nothing in it changed. Used so that "Download" of a set-aside copy
/// gives a file the importer reads (or one a person can mend).
pub fn plan_file_in(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Whatever the importer reads (a plan file, a stored copy) is given
    // as it would export it.
    if let Ok(plan) = import_text(text, true) {
        return Some(export_plan(&plan));
    }
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(borrow, default)]
        format: Option<&'a RawValue>,
        #[serde(borrow, default)]
        plan: Option<&'a RawValue>,
    }
    let is_document = |top: &Top| {
        top.format
            .and_then(|f| serde_json::from_str::<&str>(f.get()).ok())
            == Some(FORMAT_NAME)
    };
    let read = |text| {
        serde_json::from_str::<Top>(text)
            .ok()
            .filter(|_| is_object(text))
    };
    let top = read(text)?;
    let doc = if is_document(&top) {
        text
    } else {
        let inner = top.plan?.get();
        if !is_document(&read(inner)?) {
            return None;
        }
        inner
    };
    Some(match import_text(doc, false) {
        Ok(plan) => export_plan(&plan),
        Err(_) => indented(doc),
    })
}

/// Valid JSON text laid out as `export_plan` lays out a file (two spaces
/// per level, `"key": value`, a final newline), changing nothing else: no
/// key is reordered and no number is rewritten. Works without recursion,
/// so any depth is safe.
fn indented(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut chars = json.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    chars.next();
                }
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_matches_the_exporter_and_changes_nothing_else() {
        let plan = crate::model::example::example_plan();
        let pretty = export_plan(&plan);
        let compact = serde_json::to_string(&document(&plan)).unwrap();
        assert_eq!(indented(&compact), pretty);
        assert_eq!(indented(&pretty), pretty);
        // Keys keep their order, numbers their digits, strings their text.
        assert_eq!(
            indented(r#"{"z":1,"a":[],"b":{},"n":123456789012345678901234567890,"s":"a,b:{[\"]}"}"#),
            "{\n  \"z\": 1,\n  \"a\": [],\n  \"b\": {},\n  \"n\": 123456789012345678901234567890,\n  \"s\": \"a,b:{[\\\"]}\"\n}\n"
        );
    }
}
