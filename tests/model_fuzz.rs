// Native only: proptest is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

//! Fuzzing the importer (`import_plan`) and the stored-copy reader
//! (`read_stored`, `stored_revision`, `plan_file_in`) with proptest:
//!
//! - arbitrary JSON texts: deep, wide, odd numbers, any Unicode, escapes,
//!   random bytes read as UTF-8, texts cut short;
//! - arbitrary mutations of valid plan files, starting from the small
//!   corpus in tests/fuzz_corpus/ (fields deleted, duplicated, replaced
//!   or given another type, texts cut short, version numbers changed, ids
//!   swapped, huge numbers put in);
//! - valid plans with any text, number and date in every field.
//!
//! Properties: nothing panics or hangs; every refusal has a message, and
//! says where when the text is not JSON; a plan that is accepted is valid
//! and exports and re-imports identically (and stores and reads back);
//! a valid plan always round-trips; reading with repairs
//! (`import_plan_repairing`) accepts what the strict reader accepts,
//! unchanged, and what it repairs is valid and round-trips.
//!
//! The short run is part of `make test` (`cargo test --test 'model_*'`).
//! `FUZZ_CASES=n` sets the cases per target; `FUZZ_SECONDS=s` instead
//! runs each target again and again for that long (`make fuzz`: ten
//! minutes, release build). Each target prints how many cases it ran.
//! A failure is kept by proptest in tests/model_fuzz.proptest-regressions
//! and runs first next time; a text worth keeping for ever goes into
//! tests/fuzz_corpus/.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use plan_workbench::model::format::stored::{
    plan_file_in, read_stored, stored_revision, write_stored, StoredError,
};
use plan_workbench::model::format::{
    export_plan, import_plan, import_plan_repairing, ImportError, Imported, NESTING_LIMIT,
};
use plan_workbench::model::keeping::export_reminder::ExportRecord;
use plan_workbench::model::synthetic::synthetic_plan;
use plan_workbench::model::validate::validate;
use plan_workbench::model::{DataPoint, Plan, Target, Update};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestError, TestRunner};
use serde_json::{Map, Value};

// ---------------------------------------------------------------- running

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// The longest one case may take before it counts as a hang.
fn slowest_allowed() -> Duration {
    Duration::from_secs(env_number("FUZZ_CASE_SECONDS").unwrap_or(10))
}

/// Runs `check` on values of `strategy`: `cases` of them (or `FUZZ_CASES`),
/// or, with `FUZZ_SECONDS`, batches of them until that time is up.
fn fuzz<S>(
    name: &str,
    cases: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let budget = env_number("FUZZ_SECONDS").map(Duration::from_secs);
    let cases = env_number("FUZZ_CASES").map_or(cases, |n| n as u32);
    let started = Instant::now();
    let mut total = 0u64;
    let mut slowest = Duration::ZERO;
    let slowest_ref = std::cell::Cell::new(Duration::ZERO);
    loop {
        let mut runner = TestRunner::new(Config {
            cases,
            source_file: Some(file!()),
            // tests/model_fuzz.proptest-regressions, found from the working
            // directory cargo gives tests (the package's).
            failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
                "proptest-regressions",
            ))),
            // Shrinking a failure of a big text can take long; enough to
            // get a small case.
            max_shrink_iters: 2048,
            ..Config::default()
        });
        let result = runner.run(&strategy, |v| {
            let t = Instant::now();
            let r = check(v);
            let took = t.elapsed();
            if took > slowest_ref.get() {
                slowest_ref.set(took);
            }
            prop_assert!(
                took <= slowest_allowed(),
                "one case took {took:?} (a hang?)"
            );
            r
        });
        slowest = slowest.max(slowest_ref.get());
        match result {
            Ok(()) => total += u64::from(cases),
            Err(TestError::Fail(why, value)) => {
                panic!(
                    "{name}: failed after {total} cases: {why}\nminimal failing input: {value:#?}"
                )
            }
            Err(TestError::Abort(why)) => panic!("{name}: aborted after {total} cases: {why}"),
        }
        match budget {
            Some(b) if started.elapsed() < b => continue,
            _ => break,
        }
    }
    eprintln!(
        "fuzz {name}: {total} cases in {:.1} s, slowest case {:.1} ms, no failure",
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1000.0
    );
}

// ------------------------------------------------------------- properties

fn when() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_600_000, 5_000_000).unwrap()
}

/// Everything checked for any text at all.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    let imported = import_plan(text);
    match &imported {
        Ok(plan) => check_accepted(plan)?,
        Err(e) => check_refusal(text, e)?,
    }
    let stored = read_stored(text);
    match &stored {
        Ok(doc) => {
            check_accepted(&doc.plan)?;
            let again = read_stored(&write_stored(
                &doc.plan,
                doc.revision,
                doc.changed,
                &doc.export,
            ));
            prop_assert_eq!(again.as_ref(), Ok(doc));
            // The importer reads a stored copy too, to the same plan.
            prop_assert_eq!(imported.as_ref().ok(), Some(&doc.plan));
        }
        Err(StoredError::Unreadable(why)) => {
            prop_assert!(!why.trim().is_empty(), "an empty refusal");
        }
        Err(e @ StoredError::NewerVersion { version, .. }) => {
            prop_assert!(*version > plan_workbench::model::format::FORMAT_VERSION);
            prop_assert!(e.to_string().contains("newer version"));
            // The importer says the same of the plan inside.
            if let Err(ie) = &imported {
                prop_assert_eq!(ie.newer_version(), Some(*version), "{}", ie);
            }
        }
    }
    // Reading with repairs: what the strict reader accepts comes back as
    // it is; anything else is refused with a message or comes back
    // repaired, valid, with every change described.
    match (import_plan_repairing(text), &imported) {
        (Ok(Imported::Valid(plan)), Ok(strict)) => prop_assert_eq!(&plan, strict),
        (Ok(Imported::Valid(_)), Err(e)) => {
            return Err(TestCaseError::fail(format!(
                "refused strictly ({e}) but valid when repairing"
            )))
        }
        (Ok(Imported::Repairable { plan, repairs }), Err(_)) => {
            check_accepted(&plan)?;
            prop_assert!(!repairs.is_empty());
            prop_assert!(repairs.iter().all(|r| !r.description.trim().is_empty()));
        }
        (Ok(Imported::Repairable { .. }), Ok(_)) => {
            return Err(TestCaseError::fail("a valid plan was repaired".to_owned()))
        }
        (Err(e), _) => {
            prop_assert!(imported.is_err(), "refused only when repairing: {}", e);
            prop_assert!(!e.message.trim().is_empty(), "an empty refusal");
        }
    }
    // The revision is read cheaply, but agrees with the full reading.
    let revision = stored_revision(text);
    if let Ok(doc) = &stored {
        prop_assert_eq!(revision, Some(doc.revision));
    }
    // The plan file for download: when the text imports, it is the export;
    // when there is one, the importer reads it as it read the text.
    let file = plan_file_in(text);
    if let Ok(plan) = &imported {
        let export = export_plan(plan);
        prop_assert_eq!(file.as_deref(), Some(export.as_str()));
    }
    if let Some(file) = &file {
        let again = import_plan(file);
        if let Ok(plan) = &imported {
            prop_assert_eq!(again.as_ref(), Ok(plan));
        } else {
            // A laid-out copy of a refused document is refused as well,
            // and a newer version is still known as one.
            prop_assert!(again.is_err(), "plan_file_in made a refused text readable");
            let newer = imported.as_ref().err().and_then(ImportError::newer_version);
            if newer.is_some() {
                prop_assert_eq!(again.unwrap_err().newer_version(), newer);
            }
        }
    }
    Ok(())
}

/// A plan that was accepted is valid and survives every way out and back.
fn check_accepted(plan: &Plan) -> Result<(), TestCaseError> {
    prop_assert_eq!(validate(plan), Ok(()));
    let file = export_plan(plan);
    let back = import_plan(&file);
    prop_assert_eq!(
        back.as_ref(),
        Ok(plan),
        "export then import changed the plan"
    );
    prop_assert_eq!(export_plan(back.as_ref().unwrap()), file);
    let stored = write_stored(plan, 3, when(), &ExportRecord::default());
    let doc = read_stored(&stored);
    prop_assert!(doc.is_ok(), "{:?}", doc);
    let doc = doc.unwrap();
    prop_assert_eq!(&doc.plan, plan);
    prop_assert_eq!((doc.revision, doc.changed), (3, when()));
    prop_assert_eq!(stored_revision(&stored), Some(3));
    Ok(())
}

/// A refusal says what, and where when the text is not JSON.
fn check_refusal(text: &str, e: &ImportError) -> Result<(), TestCaseError> {
    prop_assert!(!e.message.trim().is_empty(), "an empty refusal");
    let shown = e.to_string();
    prop_assert!(shown.contains(e.message.as_str()));
    if let Some(loc) = &e.location {
        prop_assert!(!loc.is_empty());
        prop_assert!(shown.contains(loc.as_str()), "{shown}");
        prop_assert!(
            loc.starts_with('$') || loc.starts_with("line "),
            "an odd location {loc}"
        );
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Read whole (every level held to the nesting limit), the text shows
    // its first problem.
    let whole = serde_json::from_str::<Value>(body);
    let deep = whole
        .as_ref()
        .err()
        .is_some_and(|je| je.to_string().starts_with("recursion limit"));
    if shown.contains("nested too deeply") {
        prop_assert!(deep, "called too deep, but it is not: {}", shown);
    }
    if let Err(je) = &whole {
        if !deep && !body.trim().is_empty() {
            // Not JSON (or JSON that cannot be read: a number too large,
            // an escape that is half a character, a nest too deep): the
            // refusal says where, and a line and column says what.
            prop_assert!(e.location.is_some(), "{}: no location for {}", je, shown);
            if e.location
                .as_deref()
                .is_some_and(|l| l.starts_with("line "))
            {
                prop_assert!(
                    shown.contains("not valid JSON")
                        || shown.contains("too large to be read")
                        || shown.contains("not a whole character")
                        || shown.contains("nested too deeply"),
                    "{je}: {shown}"
                );
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------- arbitrary JSON

/// Numbers as JSON can write them, ordinary and odd.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| format!("{x:?}")),
        (0..400u32).prop_map(|n| format!("1e{n}")),
        (0..400u32).prop_map(|n| format!("-1.5E-{n}")),
        Just("-0".to_owned()),
        Just("0.0".to_owned()),
        Just("100".to_owned()),
        Just("101".to_owned()),
        Just("256".to_owned()),
        Just("-1".to_owned()),
        Just("1.0".to_owned()),
        Just("123456789012345678901234567890".to_owned()),
        Just("0.1000000000000000055511151231257827".to_owned()),
        Just("1e-400".to_owned()),
        // Not JSON numbers.
        Just("01".to_owned()),
        Just("NaN".to_owned()),
        Just("Infinity".to_owned()),
        Just("+1".to_owned()),
        Just(".5".to_owned()),
    ]
}

/// A JSON string literal: any text, escaped or written raw, with odd
/// escapes (lone surrogates, which JSON can write and Rust cannot hold).
fn string_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>().prop_map(|s| Value::String(s).to_string()),
        2 => prop::sample::select(FIELD_WORDS).prop_map(|s| format!("\"{s}\"")),
        1 => "[a-z\\\\\"u0-9dD]{0,12}".prop_map(|s| format!("\"{s}\"")),
        1 => Just("\"\\ud800\"".to_owned()),
        1 => Just("\"\\udc00\\ud800\"".to_owned()),
        1 => Just("\"\\ud83d\\ude00\"".to_owned()),
        1 => Just("\"\\u0000\"".to_owned()),
        1 => Just("\"2024-02-30\"".to_owned()),
        1 => Just("\"2026-12-01T20:40:00Z\"".to_owned()),
        1 => Just("\"+262143-12-31\"".to_owned()),
    ]
}

/// Words a plan file uses, so arbitrary objects often look like parts of
/// plans.
const FIELD_WORDS: &[&str] = &[
    "format",
    "improvement-plan",
    "version",
    "plan",
    "revision",
    "changed",
    "id",
    "meta",
    "title",
    "priorities",
    "outcomes",
    "aims",
    "actions",
    "measures",
    "percent",
    "updates",
    "date",
    "value",
    "baseline",
    "data",
    "target",
    "by",
    "status",
    "rag",
    "level",
    "direction",
    "evidences",
    "statement",
    "name",
    "period",
    "in_progress",
    "green",
    "secondary",
    "lower_is_better",
];

fn key_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELD_WORDS).prop_map(|s| format!("\"{s}\"")),
        1 => string_text(),
    ]
}

/// White space between tokens, usually none.
fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["", "", "", " ", "\n", "\r\n\t ", "\u{a0}"][..])
}

/// JSON-like text: valid JSON mostly (any shape and size), now and then
/// with a flaw.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number_text(),
        string_text(),
    ];
    leaf.prop_recursive(8, 256, 12, |inner| {
        prop_oneof![
            (prop::collection::vec((space(), inner.clone()), 0..12)).prop_map(|items| {
                let parts: Vec<String> =
                    items.into_iter().map(|(s, v)| format!("{s}{v}")).collect();
                format!("[{}]", parts.join(","))
            }),
            (prop::collection::vec((key_text(), space(), inner), 0..10)).prop_map(|fields| {
                let parts: Vec<String> = fields
                    .into_iter()
                    .map(|(k, s, v)| format!("{k}:{s}{v}"))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }),
        ]
    })
}

/// Nests of arrays and objects around the limit serde_json reads.
fn deep_text() -> impl Strategy<Value = String> {
    (
        (NESTING_LIMIT - 8)..(NESTING_LIMIT + 8),
        prop::collection::vec(any::<bool>(), 1..4),
        any::<bool>(),
        prop::option::of(0..5usize),
    )
        .prop_map(|(depth, pattern, in_plan, cut)| {
            let mut open = String::new();
            let mut close = String::new();
            for i in 0..depth {
                if pattern[i % pattern.len()] {
                    open.push('[');
                    close.insert(0, ']');
                } else {
                    open.push_str("{\"a\":");
                    close.insert(0, '}');
                }
            }
            let nest = format!("{open}1{close}");
            let text = if in_plan {
                format!(
                    "{{\"format\":\"improvement-plan\",\"version\":1,\"plan\":{{\"id\":\"p\",\"meta\":{{\"title\":\"T\",\"x\":{nest}}}}}}}"
                )
            } else {
                nest
            };
            match cut {
                Some(n) => text[..text.len() - n].to_owned(),
                None => text,
            }
        })
}

/// Any text at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => json_text(),
        2 => json_text().prop_flat_map(|t| {
            let len = t.len();
            (Just(t), 0..=len)
        })
        .prop_map(|(t, n)| cut_at(&t, n)),
        2 => deep_text(),
        1 => prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => any::<String>(),
        1 => json_text().prop_map(|t| format!("\u{feff}{t}")),
        1 => (json_text(), json_text()).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// `t` cut at byte `n`, backed off to a character boundary.
fn cut_at(t: &str, mut n: usize) -> String {
    n = n.min(t.len());
    while !t.is_char_boundary(n) {
        n -= 1;
    }
    t[..n].to_owned()
}

// -------------------------------------------------- mutated plan files

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus")
}

/// The seed files, as texts, in name order.
fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
        .expect("tests/fuzz_corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// One change to a JSON document, at the node numbered `at` (in document
/// order, modulo the number of nodes).
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Replace(usize, Value),
    ChangeType(usize),
    Huge(usize, Value),
    Version(bool, Value),
    SwapIds(usize, usize),
    SameId(usize, usize),
    Nest(usize),
    /// A text field set to any text at all.
    Text(usize, String),
}

fn small_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        prop::sample::select(FIELD_WORDS).prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(Value::Object(Map::new())),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(Value::String),
    ]
}

fn huge() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(f64::MAX)),
        Just(Value::from(-f64::MAX)),
        Just(Value::from(1u64 << 53)),
        Just(Value::from((1u64 << 53) + 1)),
        Just(Value::from(u64::from(u32::MAX) + 1)),
        Just(Value::from(256)),
        Just(Value::from(101)),
        Just(Value::from(-1)),
        Just(Value::from(1e-320)),
        Just(Value::String("x".repeat(10_000))),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        3 => at.prop_map(Mutation::Delete),
        2 => at.prop_map(Mutation::Duplicate),
        3 => (at, small_value()).prop_map(|(a, v)| Mutation::Replace(a, v)),
        2 => at.prop_map(Mutation::ChangeType),
        2 => (at, huge()).prop_map(|(a, v)| Mutation::Huge(a, v)),
        2 => (any::<bool>(), prop_oneof![
            (0..6u64).prop_map(Value::from),
            Just(Value::from(u64::MAX)),
            Just(Value::from(-1)),
            Just(Value::from(1.0)),
            Just(Value::from("1")),
            Just(Value::Null),
        ]).prop_map(|(inner, v)| Mutation::Version(inner, v)),
        1 => (at, at).prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        1 => (at, at).prop_map(|(a, b)| Mutation::SameId(a, b)),
        1 => at.prop_map(Mutation::Nest),
        2 => (at, prop_oneof![Just(String::new()), any::<String>(), "[ \\t]{1,3}"]).prop_map(|(a, s)| Mutation::Text(a, s)),
    ]
}

/// Paths (as lists of keys and indexes) to every node, in document order.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(v: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack = vec![(v, Vec::new())];
    while let Some((v, path)) = stack.pop() {
        match v {
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate().rev() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((x, p));
                }
            }
            Value::Object(map) => {
                for (k, x) in map.iter().rev() {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((x, p));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut v = v;
    for s in path {
        v = match s {
            Step::Key(k) => v.get_mut(k.as_str())?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

fn node_ref<'a>(v: &'a Value, path: &[Step]) -> Option<&'a Value> {
    let mut v = v;
    for s in path {
        v = match s {
            Step::Key(k) => v.get(k.as_str())?,
            Step::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

/// The node `at` and its parent's path (the root has none).
fn pick(doc: &Value, at: usize) -> Vec<Step> {
    let all = paths(doc);
    all[at % all.len()].clone()
}

/// Paths to every `"id"` string.
fn id_paths(doc: &Value) -> Vec<Vec<Step>> {
    paths(doc)
        .into_iter()
        .filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == "id"))
        .collect()
}

fn apply(doc: &mut Value, m: &Mutation) {
    match m {
        Mutation::Delete(at) => {
            let path = pick(doc, *at);
            let Some((last, parent)) = path.split_last() else {
                *doc = Value::Null;
                return;
            };
            match (node(doc, parent), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.remove(k);
                }
                (Some(Value::Array(items)), Step::Index(i)) => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        Mutation::Duplicate(at) => {
            let path = pick(doc, *at);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            let copy = node(doc, &path).cloned().unwrap_or_default();
            match (node(doc, parent), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    // The same value under a key nearby (an object cannot
                    // hold a key twice; texts with a key twice come from
                    // the corpus).
                    map.insert(format!("{k}2"), copy);
                }
                (Some(Value::Array(items)), Step::Index(i)) => items.insert(*i, copy),
                _ => {}
            }
        }
        Mutation::Replace(at, v) | Mutation::Huge(at, v) => {
            let path = pick(doc, *at);
            if let Some(n) = node(doc, &path) {
                *n = v.clone();
            }
        }
        Mutation::ChangeType(at) => {
            let path = pick(doc, *at);
            if let Some(n) = node(doc, &path) {
                *n = match n.take() {
                    Value::String(s) => s
                        .parse::<f64>()
                        .map_or(Value::Array(vec![Value::String(s)]), Value::from),
                    Value::Number(x) => Value::String(x.to_string()),
                    Value::Array(items) => Value::Object(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (i.to_string(), v))
                            .collect(),
                    ),
                    Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
                    Value::Bool(b) => Value::from(u8::from(b)),
                    Value::Null => Value::String(String::new()),
                };
            }
        }
        Mutation::Version(inner, v) => {
            let target = if *inner {
                doc.get_mut("plan")
            } else {
                Some(&mut *doc)
            };
            if let Some(Value::Object(map)) = target {
                if map.contains_key("version") || !*inner {
                    map.insert("version".into(), v.clone());
                }
            }
        }
        Mutation::SwapIds(a, b) | Mutation::SameId(a, b) => {
            let ids = id_paths(doc);
            if ids.is_empty() {
                return;
            }
            let (pa, pb) = (&ids[a % ids.len()], &ids[b % ids.len()]);
            let va = node(doc, pa).cloned().unwrap_or_default();
            let vb = node(doc, pb).cloned().unwrap_or_default();
            if let Some(n) = node(doc, pa) {
                *n = vb;
            }
            if matches!(m, Mutation::SwapIds(..)) {
                if let Some(n) = node(doc, pb) {
                    *n = va;
                }
            }
        }
        Mutation::Nest(at) => {
            let path = pick(doc, *at);
            let copy = doc.clone();
            if let Some(n) = node(doc, &path) {
                *n = Value::Array(vec![copy]);
            }
        }
        Mutation::Text(at, s) => {
            let strings: Vec<Vec<Step>> = paths(doc)
                .into_iter()
                .filter(|p| matches!(node_ref(doc, p), Some(Value::String(_))))
                .collect();
            if strings.is_empty() {
                return;
            }
            let path = strings[at % strings.len()].clone();
            if let Some(n) = node(doc, &path) {
                *n = Value::String(s.clone());
            }
        }
    }
}

/// How a mutated document is written out, and what is then done to the
/// text.
#[derive(Clone, Debug)]
enum Writing {
    Compact,
    Pretty,
    /// Cut at this fraction (per thousand) of its length.
    Cut(u16),
    /// A stretch of bytes (start and length, per thousand) taken out.
    Hole(u16, u16),
    /// A character put in at this point (per thousand).
    Insert(u16, char),
}

fn writing() -> impl Strategy<Value = Writing> {
    prop_oneof![
        4 => Just(Writing::Compact),
        2 => Just(Writing::Pretty),
        1 => (0..1000u16).prop_map(Writing::Cut),
        1 => (0..1000u16, 0..50u16).prop_map(|(a, b)| Writing::Hole(a, b)),
        1 => (0..1000u16, prop_oneof![Just('"'), Just(','), Just('{'), Just(']'), Just('\\'), any::<char>()])
            .prop_map(|(a, c)| Writing::Insert(a, c)),
    ]
}

fn written(doc: &Value, how: &Writing) -> String {
    let compact = || serde_json::to_string(doc).unwrap();
    let at = |text: &str, per_mille: u16| {
        let mut n = text.len() * usize::from(per_mille) / 1000;
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        n
    };
    match how {
        Writing::Compact => compact(),
        Writing::Pretty => serde_json::to_string_pretty(doc).unwrap(),
        Writing::Cut(f) => {
            let t = compact();
            t[..at(&t, *f)].to_owned()
        }
        Writing::Hole(a, len) => {
            let t = compact();
            let start = at(&t, *a);
            let end = at(&t, (*a + *len).min(1000));
            format!("{}{}", &t[..start], &t[end..])
        }
        Writing::Insert(a, c) => {
            let mut t = compact();
            let n = at(&t, *a);
            t.insert(n, *c);
            t
        }
    }
}

// ---------------------------------------------------- valid plans, any text

/// A valid plan (links and all from the synthetic plans) with any text in
/// its text fields, any number in its numbers and any date in its dates.
fn valid_plan() -> impl Strategy<Value = Plan> {
    (
        0..40usize,
        any::<u64>(),
        prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                any::<String>(),
                "[ \\t\\n]{1,3}",
                "[a-z ]{0,10}"
            ],
            1..20,
        ),
        prop::collection::vec(
            prop_oneof![
                any::<f64>().prop_filter("finite", |x| x.is_finite()),
                -100.0..100.0f64
            ],
            1..8,
        ),
        prop::collection::vec(
            (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
                .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
            1..6,
        ),
        0..=100u8,
    )
        .prop_map(|(n, seed, texts, numbers, dates, percent)| {
            let mut p = synthetic_plan(n, seed);
            let mut t = texts.iter().cycle();
            let mut x = numbers.iter().cycle();
            let mut d = dates.iter().cycle();
            let mut text = || t.next().unwrap().clone();
            p.meta.title = text();
            p.meta.vision = text();
            p.meta.principles = vec![text(), text()];
            p.meta.period_start = d.next().copied();
            for o in &mut p.outcomes {
                o.statement = text();
                o.code = text();
                o.target = Some(Target {
                    value: text(),
                    by: d.next().copied(),
                });
            }
            for a in &mut p.actions {
                a.title = text();
                a.lead = text();
                a.percent = percent;
                a.due = d.next().copied();
                a.updates.push(Update {
                    date: *d.next().unwrap(),
                    text: text(),
                    percent: Some(percent),
                    ..Update::default()
                });
            }
            for m in &mut p.measures {
                m.name = text();
                m.baseline = Some(DataPoint {
                    period: text(),
                    value: *x.next().unwrap(),
                    date: d.next().copied(),
                    ..Default::default()
                });
                m.data.push(DataPoint {
                    period: text(),
                    value: *x.next().unwrap(),
                    date: None,
                    ..Default::default()
                });
            }
            p
        })
}

use chrono::Datelike as _;

// ------------------------------------------------------------------ tests

#[test]
fn fuzz_arbitrary_texts() {
    fuzz("arbitrary texts", 1500, any_text(), |text| {
        check_text(&text)
    });
}

#[test]
fn fuzz_mutated_plan_files() {
    let seeds = corpus();
    assert!(seeds.len() >= 4, "the corpus is missing");
    let docs: Vec<Value> = seeds
        .iter()
        .filter_map(|(_, t)| serde_json::from_str(t.trim_start_matches('\u{feff}')).ok())
        .collect();
    let strategy = (
        0..docs.len(),
        prop::collection::vec(mutation(), 1..5),
        writing(),
        any::<bool>(),
    );
    fuzz(
        "mutated plan files",
        500,
        strategy,
        |(i, mutations, how, wrap)| {
            let mut doc = docs[i].clone();
            for m in &mutations {
                apply(&mut doc, m);
            }
            if wrap {
                // As a stored copy, as the browser keeps it.
                doc = serde_json::json!({"revision": 5, "changed": "2026-12-01T20:40:00Z", "plan": doc});
            }
            check_text(&written(&doc, &how))
        },
    );
}

#[test]
fn fuzz_valid_plans_always_round_trip() {
    fuzz("valid plans", 150, valid_plan(), |plan| {
        prop_assert_eq!(validate(&plan), Ok(()));
        check_accepted(&plan)?;
        check_text(&export_plan(&plan))?;
        check_text(&write_stored(&plan, 1, when(), &ExportRecord::default()))
    });
}

/// Every corpus file as it is: no panic, and the valid ones (named
/// `valid-*`) are accepted and round-trip.
#[test]
fn corpus_files_are_read_as_expected() {
    for (name, text) in corpus() {
        check_text(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("valid-") {
            let ok = import_plan(&text).is_ok() || read_stored(&text).is_ok();
            assert!(ok, "{name} should be accepted: {:?}", import_plan(&text));
        } else if name.starts_with("refused-") {
            assert!(import_plan(&text).is_err(), "{name} should be refused");
        }
    }
}

/// Writes the example plan's export into the corpus (run by hand when the
/// example changes: `cargo test --test model_fuzz -- --ignored`).
#[test]
#[ignore]
fn write_example_into_the_corpus() {
    let plan = plan_workbench::model::example::example_plan();
    std::fs::write(corpus_dir().join("valid-example.json"), export_plan(&plan)).unwrap();
}
