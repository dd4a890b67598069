//! The plan file format (JSON, format version 3; see docs/FORMAT.md):
//! export, import with plain-English errors, and migration of older
//! versions.
//!
//! A file is `{"format": "improvement-plan", "version": 3, "plan": {...}}`.
//! Import reads the version first, migrates older documents step by step to
//! the current version, reads the plan and validates it; it either returns a
//! whole valid plan or an error, never part of one. A file whose only
//! problems can be mended is offered repaired (`repair`); the copy kept in
//! the browser's storage wraps the same document (`stored`).

pub mod csv;
pub mod repair;
pub mod stored;

use serde::Serialize;
use serde_json::Value;

use self::repair::{clamp_percents_in_json, repair, unrepairable, Repair};
use crate::model::plan::Plan;
use crate::model::validate::validate_all;

/// The value of the `"format"` marker.
pub const FORMAT_NAME: &str = "improvement-plan";
/// The format version this build writes and the newest it reads.
/// Version 2 added the plan's tracking settings and its reviews
/// (`meta.tracking`, `meta.reviews`); version 3, a measure's chart
/// settings (`chart`) and a data point's `numerator`, `denominator`,
/// `note`, `excluded` and `new_phase`.
pub const FORMAT_VERSION: u32 = 3;

/// One migration step: takes a whole document of version `n` and returns
/// it as version `n + 1` (the chain updates `"version"` itself).
pub(crate) type MigrationStep = fn(Value) -> Result<Value, ImportError>;

/// The migration steps, indexed by from-version minus one: `MIGRATIONS[0]`
/// turns version 1 into version 2. To add version 4:
/// - write `fn v3_to_v4(doc: Value) -> Result<Value, ImportError>`, which
///   removes whatever fields version 4 adds (version 3 ignored them as
///   unknown fields, so an older file holding them must still read as it
///   did) and makes any other change; append it here and raise
///   `FORMAT_VERSION` (the assertion below keeps the two in step);
/// - give the module `old` a reading of version 3 (as it has of versions 1
///   and 2; `read_text` picks one by the file's version), and copies of
///   the types as they were in each older version that version 4 changes,
///   so that files of older versions read from their text still read as
///   their versions read them (the assertion in `old` stops the build
///   until this is done);
/// - first of all, before the plan's types change: record, with the
///   version-3 build, how it reads every version-3 file in
///   `tests/fuzz_corpus/` (as `tests/format_v2/reads.json` was made; see
///   `tests/model_format_v2.rs`), and test that the new build reads them
///   alike.
const MIGRATIONS: &[MigrationStep] = &[v1_to_v2, v2_to_v3];

/// Version 1 to 2. Version 2 gave the plan's details two new fields,
/// `tracking` (the tracking rules' settings) and `reviews`. A version-1
/// file has neither, and reads with the default settings and no reviews.
/// Version 1 ignored fields it did not know, so a version-1 file that
/// happens to hold a `tracking` or `reviews` of its own (written by some
/// other program) must still read as it did: those two are dropped, as
/// version 1 dropped them. Nothing else changes.
fn v1_to_v2(mut doc: Value) -> Result<Value, ImportError> {
    if let Some(meta) = doc
        .get_mut("plan")
        .and_then(|p| p.get_mut("meta"))
        .and_then(Value::as_object_mut)
    {
        meta.remove("tracking");
        meta.remove("reviews");
    }
    Ok(doc)
}

/// Version 2 to 3. Version 3 gave each measure its chart settings
/// (`chart`) and each data point (the baseline and every point in `data`)
/// `numerator`, `denominator`, `note`, `excluded` and `new_phase`. Version
/// 2 ignored fields it did not know, so these are removed from a version-2
/// file, whatever they hold: it reads with the default chart settings and
/// plain data points, exactly the plan version 2 read. Nothing else
/// changes; a measure or data point that is not an object is left for
/// reading to refuse.
fn v2_to_v3(mut doc: Value) -> Result<Value, ImportError> {
    const NEW_IN_POINTS: [&str; 5] = ["numerator", "denominator", "note", "excluded", "new_phase"];
    let strip = |point: &mut Value| {
        if let Some(point) = point.as_object_mut() {
            for field in NEW_IN_POINTS {
                point.remove(field);
            }
        }
    };
    let measures = doc
        .get_mut("plan")
        .and_then(|p| p.get_mut("measures"))
        .and_then(Value::as_array_mut);
    for measure in measures.into_iter().flatten() {
        let Some(measure) = measure.as_object_mut() else {
            continue;
        };
        measure.remove("chart");
        if let Some(baseline) = measure.get_mut("baseline") {
            strip(baseline);
        }
        if let Some(data) = measure.get_mut("data").and_then(Value::as_array_mut) {
            data.iter_mut().for_each(strip);
        }
    }
    Ok(doc)
}

const _: () = assert!(MIGRATIONS.len() + 1 == FORMAT_VERSION as usize);

/// Why a file could not be imported, with where in it the problem is: a JSON
/// path such as `$.plan.actions[2].percent`, or `line 14, column 3` when the
/// file is not valid JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub message: String,
    pub location: Option<String>,
    /// The format version of a plan written by a newer workbench.
    newer: Option<u32>,
}

impl ImportError {
    pub(crate) fn new(message: impl Into<String>, location: Option<String>) -> Self {
        ImportError {
            message: message.into(),
            location,
            newer: None,
        }
    }

    /// The file's format version, when the file was refused only because a
    /// newer version of the workbench wrote it (so it is worth keeping as it
    /// is, to open once the workbench is updated).
    pub fn newer_version(&self) -> Option<u32> {
        self.newer
    }

    /// The same error for a document found at `part` inside `whole` (the
    /// `"plan"` member of a stored copy): a line and column, or a JSON
    /// path, then point into `whole` rather than into `part`.
    pub(crate) fn inside(mut self, whole: &str, part: &str) -> Self {
        let Some(old) = self.location.take() else {
            return self;
        };
        let new = if let Some(rest) = old.strip_prefix('$') {
            format!("$.plan{rest}")
        } else if let Some((line, column)) = parse_line_column(&old) {
            let (line, column) = position_in(whole, part, line, column);
            format!("line {line}, column {column}")
        } else {
            old.clone()
        };
        self.message = self.message.replace(&old, &new);
        self.location = Some(new);
        self
    }
}

/// Reads back a "line L, column C" location.
fn parse_line_column(loc: &str) -> Option<(usize, usize)> {
    let (line, column) = loc.strip_prefix("line ")?.split_once(", column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// Where line `line`, column `column` (counted from 1, as serde_json does,
/// in bytes) of `part`, a slice of `whole`, is in `whole`.
fn position_in(whole: &str, part: &str, line: usize, column: usize) -> (usize, usize) {
    let start = (part.as_ptr() as usize)
        .checked_sub(whole.as_ptr() as usize)
        .filter(|&o| o <= whole.len())
        .unwrap_or(0);
    let before = &whole[..start];
    let lines_before = before.matches('\n').count();
    let column_before = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    if line <= 1 {
        (lines_before + 1, column_before + column)
    } else {
        (lines_before + line, column)
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            // A syntax error already names its line and column in the message.
            Some(loc) if !self.message.contains(loc.as_str()) => {
                write!(f, "{} (at {loc})", self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// A plan file's contents (marker, version and the plan), borrowing the
/// plan: serialised as it stands, with no copy of the plan made first.
#[derive(Serialize)]
pub struct Document<'a> {
    format: &'static str,
    version: u32,
    plan: &'a Plan,
}

pub fn document(plan: &Plan) -> Document<'_> {
    Document {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        plan,
    }
}

/// The plan as a pretty-printed JSON file ending in a newline. Keys follow
/// the field order of the types, so the same plan always gives the same
/// bytes.
pub fn export_plan(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(&document(plan)).expect("a plan always serialises");
    s.push('\n');
    s
}

/// The plan as a JSON value (the whole document with its envelope), for
/// storage.
pub fn export_value(plan: &Plan) -> Value {
    serde_json::to_value(document(plan)).expect("a plan always serialises")
}

/// Reads a plan file's text. See [`import_value`]. A copy stored by the
/// browser (`{"revision": .., "changed": .., "plan": <a plan file>}`, as a
/// set-aside copy is downloaded) is read too: the plan file inside it is
/// imported, and errors point into the whole text.
pub fn import_plan(text: &str) -> Result<Plan, ImportError> {
    read_text(text, true, Mode::Strict)
        .map(|(plan, _)| plan)
        .map_err(|e| refined(text, e))
}

/// What reading a file gave, when it holds a plan that can be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// The plan, valid as it is.
    Valid(Plan),
    /// The file's only problems are ones a repair mends (see
    /// `model::format::repair`): the repaired plan, valid, and every change made.
    /// It is to be opened only if the user agrees.
    Repairable { plan: Plan, repairs: Vec<Repair> },
}

/// Reads a plan file's text as [`import_plan`] does, but a file whose only
/// problems are repairable is not refused: it comes back repaired, with the
/// list of changes, for the user to accept or not. Any other problem
/// refuses the file, as `import_plan` does (naming a problem the repair
/// cannot mend).
pub fn import_plan_repairing(text: &str) -> Result<Imported, ImportError> {
    read_text(text, true, Mode::Repair)
        .map(|(plan, repairs)| {
            if repairs.is_empty() {
                Imported::Valid(plan)
            } else {
                Imported::Repairable { plan, repairs }
            }
        })
        .map_err(|e| refined(text, e))
}

/// A refusal that cannot say where (the marker is missing) while the
/// text is not wholly readable JSON (a half character or a nest too
/// deep in what was skipped unread): that problem, and where, is
/// the one to say.
fn refined(text: &str, e: ImportError) -> ImportError {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if e.location.is_some() || body.trim().is_empty() {
        return e;
    }
    match serde_json::from_str::<Value>(body) {
        Err(je) => not_json(&je, FILE),
        Ok(_) => e,
    }
}

/// Whether reading refuses any problem (`Strict`: stored copies, and
/// `import_plan`) or mends the repairable ones (`Repair`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Repair,
}

/// Reads a plan file's text; a stored copy's wrapper only if `wrapped` is
/// allowed (one level: a wrapper inside a wrapper is not a plan file).
pub(crate) fn import_text(text: &str, wrapped: bool) -> Result<Plan, ImportError> {
    read_text(text, wrapped, Mode::Strict).map(|(plan, _)| plan)
}

/// Reads a plan file's text, with the repairs made (none when `Strict`).
fn read_text(text: &str, wrapped: bool, mode: Mode) -> Result<(Plan, Vec<Repair>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new(
            "This file is empty, so it is not a plan file.",
            None,
        ));
    }
    // A first pass checks that the text is JSON and reads the marker and
    // version, skipping over the plan without keeping any of it.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<Value>,
        version: Option<Value>,
        plan: Option<serde::de::IgnoredAny>,
    }
    let head = match serde_json::from_str::<Head>(text) {
        // serde reads a struct from a list too; a list is not a plan file.
        Ok(_) if !text.trim_start().starts_with('{') => {
            return import_value_with(
                serde_json::from_str(text).map_err(|e| not_json(&e, FILE))?,
                mode,
            )
        }
        Ok(head) => head,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return match serde_json::from_str::<Value>(text) {
                Err(e) => Err(not_json(&e, FILE)),
                // Valid JSON after all: a list read as a struct has too
                // many items. A list is not a plan file, as the full
                // reading says.
                Ok(v) => import_value_with(v, mode),
            };
        }
        // An object with a field given twice: which one was meant is not
        // known, so it is refused (as inside the plan).
        Err(e) if text.trim_start().starts_with('{') => {
            // Unless the text is broken further on (a first pass stops at
            // the second one).
            if let Err(e) = serde_json::from_str::<Value>(text) {
                return Err(not_json(&e, FILE));
            }
            return Err(ImportError::new(readable(&e.to_string()), Some("$".into())));
        }
        // Valid JSON but not an object: not a plan file; the full reading
        // below says so as for any other document.
        Err(_) => {
            return import_value_with(
                serde_json::from_str(text).map_err(|e| not_json(&e, FILE))?,
                mode,
            )
        }
    };
    // No marker, but a plan: a stored copy, whose plan is a plan file (or a
    // file with no marker at all, which the plan inside then says).
    if wrapped && head.format.is_none() && head.plan.is_some() {
        #[derive(serde::Deserialize)]
        struct Wrapper<'a> {
            #[serde(borrow)]
            plan: &'a serde_json::value::RawValue,
        }
        if let Ok(w) = serde_json::from_str::<Wrapper>(text) {
            let inner = w.plan.get();
            return read_text(inner, false, mode).map_err(|e| e.inside(text, inner));
        }
    }
    let version = head.version.as_ref().and_then(Value::as_u64);
    let marked =
        head.format.as_ref().and_then(Value::as_str) == Some(FORMAT_NAME) && head.plan.is_some();
    let current = version == Some(u64::from(FORMAT_VERSION));
    // A file of an older version is read straight from its text too, as
    // its version read it (`old`: the migrations done while reading), so
    // that one its version opened (one with an unknown field nested deeper
    // than a JSON value may be, say) still opens.
    let older = matches!(version, Some(1 | 2));
    if !marked || !(current || older) {
        // Other versions go through the migrations, and every refusal is
        // worded there: both need the document as a JSON value.
        return import_value_with(
            serde_json::from_str(text).map_err(|e| not_json(&e, FILE))?,
            mode,
        );
    }
    // The plan is read straight from the text, so a large file is never
    // held twice.
    let mut de = serde_json::Deserializer::from_str(text);
    let read = match version {
        Some(1) => read_body::<old::PlanV1>(&mut de),
        Some(2) => read_body::<old::PlanV2>(&mut de),
        _ => read_body::<Plan>(&mut de),
    };
    let plan: Plan = match read {
        Ok(plan) => plan,
        // What the first pass skipped over unchecked: a nest too deep, a
        // number too large, an escape that is half a character.
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => {
            return Err(not_json(e.inner(), FILE))
        }
        // A percentage that no whole number from 0 to 100 can hold may
        // be mended: that needs the document as a JSON value, which keeps
        // only the last of a field given twice, so such a field (which
        // is refused: which one was meant is not known) is looked for
        // first.
        Err(e) if mode == Mode::Repair && at_percent(e.path()) => {
            no_field_twice(text)?;
            return import_value_with(
                serde_json::from_str(text).map_err(|e| not_json(&e, FILE))?,
                mode,
            );
        }
        Err(e) => {
            let location = json_path("$", e.path());
            return Err(ImportError::new(
                readable(&e.inner().to_string()),
                Some(location),
            ));
        }
    };
    checked(plan, mode)
}

/// Reads a document's `"plan"` as a `P` (the current plan, or an older
/// version's, see `old`) and gives it as the current plan.
fn read_body<'de, P>(
    de: &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
) -> Result<Plan, serde_path_to_error::Error<serde_json::Error>>
where
    P: serde::Deserialize<'de> + Into<Plan>,
{
    #[derive(serde::Deserialize)]
    struct Body<P> {
        plan: P,
    }
    serde_path_to_error::deserialize::<_, Body<P>>(de).map(|b| b.plan.into())
}

/// Plans of older versions as those versions read them. Each is the
/// current plan but for the parts a later version changed, which are read
/// as its version had them: a field a later version added is, in an older
/// file, an unknown field, skipped unread as its version skipped it (even
/// one given twice, or nested deeper than a JSON value may be). Each
/// reads exactly as the migrations from its version, then the current
/// reading, would; the tests compare the two (`tests/model_format_v1.rs`
/// and `tests/model_format_v2.rs`).
mod old {
    use chrono::NaiveDate;
    use serde::Deserialize;

    use crate::model::plan::{
        Action, Aim, DataPoint, Direction, Id, Measure, Outcome, Plan, PlanMeta, Priority, Target,
    };

    // The types below reuse version 3's for everything versions 1 and 2
    // had unchanged: a version 4 that changes one of those must give them
    // a copy as it was (see `MIGRATIONS`).
    const _: () = assert!(
        super::FORMAT_VERSION == 3,
        "check that the readings of older versions in `old` still read as those versions did"
    );

    /// A version-1 plan: its details without the two fields version 2
    /// added (`tracking`, `reviews`), its measures as in version 2.
    pub(super) type PlanV1 = OldPlan<MetaV1>;
    /// A version-2 plan: its measures without the fields version 3 added.
    pub(super) type PlanV2 = OldPlan<PlanMeta>;

    /// A plan of version 1 or 2, with its details (`meta`) as `Meta`.
    #[derive(Deserialize)]
    pub(super) struct OldPlan<Meta> {
        id: Id,
        meta: Meta,
        #[serde(default)]
        priorities: Vec<Priority>,
        #[serde(default)]
        outcomes: Vec<Outcome>,
        #[serde(default)]
        aims: Vec<Aim>,
        #[serde(default)]
        actions: Vec<Action>,
        #[serde(default)]
        measures: Vec<MeasureV2>,
    }

    /// `PlanMeta` as it was in version 1, field for field.
    #[derive(Deserialize)]
    pub(super) struct MetaV1 {
        title: String,
        #[serde(default)]
        partnership: String,
        #[serde(default)]
        period_start: Option<NaiveDate>,
        #[serde(default)]
        period_end: Option<NaiveDate>,
        #[serde(default)]
        vision: String,
        #[serde(default)]
        principles: Vec<String>,
        #[serde(default)]
        aligned_plans: Vec<String>,
        #[serde(default)]
        review_cycle: String,
        #[serde(default)]
        coordinator: String,
    }

    /// `Measure` as it was in versions 1 and 2, field for field.
    #[derive(Deserialize)]
    struct MeasureV2 {
        id: Id,
        #[serde(default)]
        code: String,
        name: String,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        direction: Direction,
        #[serde(default)]
        baseline: Option<PointV2>,
        #[serde(default)]
        target: Option<Target>,
        #[serde(default)]
        data: Vec<PointV2>,
        #[serde(default)]
        source: String,
        #[serde(default)]
        frequency: String,
        #[serde(default)]
        evidences: Vec<Id>,
    }

    /// `DataPoint` as it was in versions 1 and 2, field for field.
    #[derive(Deserialize)]
    struct PointV2 {
        period: String,
        value: f64,
        #[serde(default)]
        date: Option<NaiveDate>,
    }

    impl From<MetaV1> for PlanMeta {
        fn from(m: MetaV1) -> PlanMeta {
            PlanMeta {
                title: m.title,
                partnership: m.partnership,
                period_start: m.period_start,
                period_end: m.period_end,
                vision: m.vision,
                principles: m.principles,
                aligned_plans: m.aligned_plans,
                review_cycle: m.review_cycle,
                coordinator: m.coordinator,
                // New in version 2: a version-1 plan has the default
                // settings and no reviews.
                ..PlanMeta::default()
            }
        }
    }

    impl From<PointV2> for DataPoint {
        fn from(p: PointV2) -> DataPoint {
            DataPoint {
                period: p.period,
                value: p.value,
                date: p.date,
                // New in version 3: none of them.
                ..DataPoint::default()
            }
        }
    }

    impl From<MeasureV2> for Measure {
        fn from(m: MeasureV2) -> Measure {
            Measure {
                id: m.id,
                code: m.code,
                name: m.name,
                unit: m.unit,
                direction: m.direction,
                baseline: m.baseline.map(DataPoint::from),
                target: m.target,
                data: m.data.into_iter().map(DataPoint::from).collect(),
                source: m.source,
                frequency: m.frequency,
                evidences: m.evidences,
                // New in version 3: the default chart settings.
                ..Measure::default()
            }
        }
    }

    impl<Meta: Into<PlanMeta>> From<OldPlan<Meta>> for Plan {
        fn from(p: OldPlan<Meta>) -> Plan {
            Plan {
                id: p.id,
                meta: p.meta.into(),
                priorities: p.priorities,
                outcomes: p.outcomes,
                aims: p.aims,
                actions: p.actions,
                measures: p.measures.into_iter().map(Measure::from).collect(),
            }
        }
    }
}

/// Whether a reading error is about a `percent` field.
fn at_percent(path: &serde_path_to_error::Path) -> bool {
    matches!(
        path.iter().next_back(),
        Some(serde_path_to_error::Segment::Map { key }) if key == "percent"
    )
}

/// Refuses JSON text in which an object has a field given twice, saying
/// where.
fn no_field_twice(text: &str) -> Result<(), ImportError> {
    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;

    struct Checked;
    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Checked)
        }
    }
    impl<'de> Visitor<'de> for Checked {
        type Value = Checked;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if seen.contains(&key) {
                    return Err(A::Error::custom(format!("duplicate field `{key}`")));
                }
                map.next_value::<Checked>()?;
                seen.insert(key);
            }
            Ok(Checked)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
            while seq.next_element::<Checked>()?.is_some() {}
            Ok(Checked)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_unit<E>(self) -> Result<Checked, E> {
            Ok(Checked)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, Checked>(&mut de)
        .map(|_| ())
        .map_err(|e| {
            // The key was read when the problem was found: the path is the
            // object's.
            let location = json_path("$", e.path());
            ImportError::new(readable(&e.inner().to_string()), Some(location))
        })
}

/// How an error names what was being read: "This file is not a plan file".
pub(crate) struct Subject {
    pub this: &'static str,
    pub a: &'static str,
}

const FILE: Subject = Subject {
    this: "This file",
    a: "a plan file",
};

/// The most levels of arrays and objects inside each other that serde_json
/// reads (its recursion limit: the 128th level is refused).
pub const NESTING_LIMIT: usize = 127;

/// Whether serde_json stopped because the text nests deeper than it reads
/// (valid JSON, only too deep).
pub(crate) fn is_too_deep(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// A text that is not JSON, or nests too deeply to be read, with where.
pub(crate) fn not_json(e: &serde_json::Error, what: Subject) -> ImportError {
    let loc = format!("line {}, column {}", e.line(), e.column());
    let Subject { this, a } = what;
    let why = e.to_string();
    let message = if is_too_deep(e) {
        format!(
            "{this} is not {a}: its contents are nested too deeply (more than {NESTING_LIMIT} levels, at {loc}); {a} nests only a few levels."
        )
    } else if why.starts_with("number out of range") {
        format!("{this} is not {a}: it holds a number too large to be read ({loc}).")
    } else if why.contains("surrogate")
        || why.contains("hex escape")
        || why.starts_with("invalid unicode code point")
    {
        format!(
            "{this} is not {a}: it holds a \\u escape that is not a whole character, such as \\ud800 alone ({loc})."
        )
    } else if e.is_eof() {
        format!("{this} is not {a}: it is not valid JSON, it ends too early ({loc}).")
    } else {
        format!("{this} is not {a}: it is not valid JSON ({loc}).")
    };
    ImportError::new(message, Some(loc))
}

/// Reads a plan document (the envelope and the plan) already parsed as
/// JSON: checks the marker, reads the version, migrates older versions,
/// reads the plan and validates it.
pub fn import_value(doc: Value) -> Result<Plan, ImportError> {
    import_value_with(doc, Mode::Strict).map(|(plan, _)| plan)
}

fn import_value_with(doc: Value, mode: Mode) -> Result<(Plan, Vec<Repair>), ImportError> {
    let not_ours = || {
        ImportError::new(
            format!(
                "This file is not an improvement plan file: it has no \"format\": \"{FORMAT_NAME}\" marker."
            ),
            None,
        )
    };
    let Some(obj) = doc.as_object() else {
        return Err(not_ours());
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(not_ours());
    }
    let version = read_version(obj.get("version"))?;
    let mut doc = migrate_with(doc, version, MIGRATIONS)?;
    let mut plan_value = match doc.get_mut("plan") {
        Some(v) => v.take(),
        None => {
            return Err(ImportError::new(
                "A required field \"plan\" is missing",
                Some("$".into()),
            ))
        }
    };
    let clamped = match mode {
        Mode::Repair => clamp_percents_in_json(&mut plan_value),
        Mode::Strict => Vec::new(),
    };
    let plan: Plan = serde_path_to_error::deserialize(plan_value).map_err(|e| {
        let location = json_path("$.plan", e.path());
        ImportError::new(readable(&e.inner().to_string()), Some(location))
    })?;
    let (plan, repairs) = checked(plan, mode)?;
    let mut all = clamped;
    all.extend(repairs);
    Ok((plan, all))
}

/// The plan if it is valid, else why not, with the path in the file. When
/// repairing, a plan whose problems are all repairable comes back
/// repaired with the changes made; otherwise the first problem the repair
/// cannot mend is given.
fn checked(plan: Plan, mode: Mode) -> Result<(Plan, Vec<Repair>), ImportError> {
    let problems = validate_all(&plan);
    let refusal = match mode {
        _ if problems.is_empty() => return Ok((plan, Vec::new())),
        Mode::Strict => &problems[0],
        Mode::Repair => match unrepairable(&problems).first() {
            Some(e) => *e,
            None => return Ok(repair(plan)),
        },
    };
    let rest = refusal.path.strip_prefix('$').unwrap_or(&refusal.path);
    Err(ImportError::new(
        refusal.message.clone(),
        Some(format!("$.plan{rest}")),
    ))
}

fn read_version(v: Option<&Value>) -> Result<u32, ImportError> {
    let loc = Some("$.version".to_owned());
    let v =
        match v {
            None | Some(Value::Null) => return Err(ImportError::new(
                "This plan file has no format version number (\"version\"), so it cannot be read.",
                Some("$".into()),
            )),
            Some(v) => v,
        };
    match v.as_u64() {
        Some(0) => Err(ImportError::new(
            "This plan file says it is format version 0, which does not exist: the first version is 1.",
            loc,
        )),
        Some(n) => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
        None => Err(ImportError::new(
            format!(
                "This plan file's format version should be a whole number such as 1, but it is {v}."
            ),
            loc,
        )),
    }
}

/// Runs the migration steps from `from_version` up to the newest version
/// the steps reach (`steps.len() + 1`), setting `"version"` after each step.
pub(crate) fn migrate_with(
    mut doc: Value,
    from_version: u32,
    steps: &[MigrationStep],
) -> Result<Value, ImportError> {
    let current = steps.len() as u64 + 1;
    let from = u64::from(from_version);
    if from == 0 {
        return Err(ImportError::new(
            "This plan file says it is format version 0, which does not exist: the first version is 1.",
            Some("$.version".into()),
        ));
    }
    if from > current {
        let mut e = ImportError::new(
            format!(
                "This plan was saved by a newer version of the workbench (format version {from}); this version reads up to version {current}. Please update the workbench."
            ),
            Some("$.version".into()),
        );
        e.newer = Some(from_version);
        return Err(e);
    }
    for v in from..current {
        doc = steps[(v - 1) as usize](doc)?;
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("version".into(), Value::from(v + 1));
        }
    }
    Ok(doc)
}

fn json_path(prefix: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = prefix.to_owned();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push('.');
                    out.push_str(key);
                } else {
                    out.push_str(&format!("[{}]", Value::from(key.as_str())));
                }
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Describes serde's "found" part ("string \"abc\"", "integer `5`") plainly.
fn found(s: &str) -> String {
    let s = s.trim();
    let strip_ticks = |x: &str| x.trim().trim_matches('`').to_owned();
    if let Some(rest) = s.strip_prefix("string ") {
        format!("the text {rest}")
    } else if let Some(rest) = s.strip_prefix("integer ") {
        format!("the number {}", strip_ticks(rest))
    } else if let Some(rest) = s.strip_prefix("floating point ") {
        format!("the number {}", strip_ticks(rest))
    } else if let Some(rest) = s.strip_prefix("boolean ") {
        format!("{} (a yes/no value)", strip_ticks(rest))
    } else {
        match s {
            "null" => "empty (null)".into(),
            "sequence" => "a list".into(),
            "map" => "a group of fields".into(),
            other => other.to_owned(),
        }
    }
}

/// Describes serde's "expected" part ("u8", "a string") plainly.
fn expected(s: &str) -> String {
    let s = s.trim();
    match s {
        "u8" => "a whole number from 0 to 100".into(),
        "u32" | "u64" | "usize" => "a whole number".into(),
        "f64" | "f32" => "a number".into(),
        "a string" => "text in quotes".into(),
        "a sequence" => "a list in square brackets".into(),
        "a map" => "a group of fields in curly brackets".into(),
        "a boolean" => "true or false".into(),
        "a formatted date string" | "a NaiveDate" => "a date written as YYYY-MM-DD".into(),
        _ if s.starts_with("struct ") => "a group of fields in curly brackets".into(),
        _ if s.starts_with("enum ") => "one of the allowed words".into(),
        _ => s.to_owned(),
    }
}

/// Turns a serde error message into plain English.
pub(crate) fn readable(msg: &str) -> String {
    // serde_json appends " at line X column Y" only for text input; values
    // have none, but strip it to be safe.
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("A required field \"{}\" is missing", rest.trim_matches('`'));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("The field \"{}\" is given twice", rest.trim_matches('`'));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((f, e)) = rest.split_once(", expected ") {
            return format!(
                "This value has the wrong type: it is {} but {} was expected",
                found(f),
                expected(e)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((f, e)) = rest.split_once(", expected ") {
            return format!(
                "This value is not allowed: it is {} but {} was expected",
                found(f),
                expected(e)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        if let Some((v, e)) = rest.split_once(", expected ") {
            let allowed = e.trim_start_matches("one of ").replace('`', "\"");
            return format!(
                "\"{}\" is not one of the allowed values; use {allowed}",
                v.trim_matches('`')
            );
        }
    }
    // chrono's date parse errors.
    if msg.starts_with("input ")
        || msg.starts_with("premature end of input")
        || msg.starts_with("trailing input")
        || msg.starts_with("no possible date")
    {
        return "This date is not valid: dates are written as YYYY-MM-DD, for example 2024-08-01"
            .into();
    }
    let mut m = msg.to_owned();
    if let Some(first) = m.get(0..1) {
        let up = first.to_uppercase();
        m.replace_range(0..1, &up);
    }
    m
}

/// The name an exported plan file gets: its title in lower case, words
/// joined by dashes, apostrophes dropped ("Children's Plan" gives
/// `childrens-plan.json`), or `plan.json` for a title with no letters.
pub fn file_name_for(title: &str) -> String {
    format!("{}.json", file_stem_for(title))
}

/// A file name without its extension, made from a title as above ("plan"
/// for a title with no letters); other downloads (pictures) use it too.
/// It is at most [`MAX_STEM_BYTES`] bytes long, cut after a whole word where
/// one ends late enough: file systems refuse names over 255 bytes, and the
/// browser then makes no file at all.
pub fn file_stem_for(title: &str) -> String {
    let mut name = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() || (combining(c) && !name.is_empty() && !name.ends_with('-')) {
            name.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}') {
            // "Children's" is one word.
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = shortened_stem(name.trim_end_matches('-'));
    if name.is_empty() {
        "plan".to_owned()
    } else {
        name.to_owned()
    }
}

/// The longest stem a download gets, in bytes of UTF-8: with the longest
/// ending added (`-driver-diagram.svg`) a name stays far below the 255
/// bytes file systems allow, and readable.
pub const MAX_STEM_BYTES: usize = 80;

/// A combining accent (as in a decomposed "é"), part of the letter before
/// it rather than a break between words.
fn combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// `name` cut to at most [`MAX_STEM_BYTES`]: at the last dash between
/// words if that keeps at least half the length, else at the last whole
/// letter (never inside a character, nor between a letter and its accent);
/// never ending in a dash.
fn shortened_stem(name: &str) -> &str {
    if name.len() <= MAX_STEM_BYTES {
        return name;
    }
    let mut end = MAX_STEM_BYTES;
    while !name.is_char_boundary(end) || name[end..].starts_with(combining) {
        end -= 1;
    }
    let cut = &name[..end];
    let cut = if name[end..].starts_with('-') {
        cut
    } else {
        match cut.rfind('-') {
            Some(dash) if dash >= MAX_STEM_BYTES / 2 => &cut[..dash],
            _ => cut,
        }
    };
    cut.trim_end_matches('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn add_note(mut doc: Value) -> Result<Value, ImportError> {
        doc["plan"]["meta"]["vision"] = json!("migrated to 2");
        Ok(doc)
    }
    fn rename_title(mut doc: Value) -> Result<Value, ImportError> {
        let t = doc["plan"]["meta"]["name"].take();
        doc["plan"]["meta"]["title"] = t;
        Ok(doc)
    }
    fn fail(_: Value) -> Result<Value, ImportError> {
        Err(ImportError::new("step failed", None))
    }

    #[test]
    fn migration_chain_runs_each_step_in_order() {
        let doc = json!({"format": FORMAT_NAME, "version": 1, "plan": {"meta": {"name": "T"}}});
        let steps: &[MigrationStep] = &[rename_title, add_note];
        let out = migrate_with(doc.clone(), 1, steps).unwrap();
        assert_eq!(out["version"], json!(3));
        assert_eq!(out["plan"]["meta"]["title"], json!("T"));
        assert_eq!(out["plan"]["meta"]["vision"], json!("migrated to 2"));
        // Starting at version 2 skips the first step.
        let out = migrate_with(doc.clone(), 2, steps).unwrap();
        assert_eq!(out["plan"]["meta"]["title"], json!(null));
        assert_eq!(out["plan"]["meta"]["vision"], json!("migrated to 2"));
        // Current version: no steps run.
        assert_eq!(migrate_with(doc.clone(), 3, steps).unwrap(), doc);
        // Newer than the steps reach.
        let e = migrate_with(doc.clone(), 4, steps).unwrap_err();
        assert!(e.message.contains("format version 4"), "{e}");
        assert!(e.message.contains("reads up to version 3"), "{e}");
        assert!(migrate_with(doc.clone(), 0, steps).is_err());
        // A failing step fails the import.
        assert_eq!(
            migrate_with(doc, 1, &[fail]).unwrap_err().message,
            "step failed"
        );
    }

    #[test]
    fn the_steps_reach_the_current_version() {
        assert_eq!(FORMAT_VERSION, 3);
        assert_eq!(MIGRATIONS.len() + 1, FORMAT_VERSION as usize);
    }

    #[test]
    fn version_1_to_2_drops_only_what_version_1_ignored() {
        let doc = json!({"format": FORMAT_NAME, "version": 1, "plan": {"id": "p", "meta": {
            "title": "T", "review_cycle": "Quarterly",
            "tracking": {"review_cycle_days": 0}, "reviews": "not a list"}}});
        let out = migrate_with(doc, 1, &MIGRATIONS[..1]).unwrap();
        assert_eq!(
            out,
            json!({"format": FORMAT_NAME, "version": 2, "plan": {"id": "p", "meta": {
                "title": "T", "review_cycle": "Quarterly"}}})
        );
        // A document with no plan, or a plan that is not an object, is left
        // for reading to refuse as before.
        for odd in [
            json!({"format": FORMAT_NAME, "version": 1}),
            json!({"format": FORMAT_NAME, "version": 1, "plan": [1]}),
            json!({"format": FORMAT_NAME, "version": 1, "plan": {"meta": 5}}),
        ] {
            let mut expected = odd.clone();
            expected["version"] = json!(2);
            assert_eq!(migrate_with(odd, 1, &MIGRATIONS[..1]).unwrap(), expected);
        }
    }

    #[test]
    fn version_2_to_3_drops_only_what_version_2_ignored() {
        let point = json!({"period": "Q1", "value": 1.5, "date": "2024-06-30",
            "numerator": -1, "denominator": "many", "note": 7, "excluded": true,
            "new_phase": "yes", "x": 1});
        let doc = json!({"format": FORMAT_NAME, "version": 2, "plan": {"id": "p",
            "meta": {"title": "T", "tracking": {"review_cycle_days": 9}},
            "measures": [
                {"id": "m", "name": "M", "chart": 5, "baseline": point, "data": [point, 3]},
                "not a measure",
                {"id": "n", "name": "N", "baseline": null, "data": "not a list"}]}});
        let out = migrate_with(doc, 2, MIGRATIONS).unwrap();
        let plain = json!({"period": "Q1", "value": 1.5, "date": "2024-06-30", "x": 1});
        assert_eq!(
            out,
            json!({"format": FORMAT_NAME, "version": 3, "plan": {"id": "p",
                "meta": {"title": "T", "tracking": {"review_cycle_days": 9}},
                "measures": [
                    {"id": "m", "name": "M", "baseline": plain, "data": [plain, 3]},
                    "not a measure",
                    {"id": "n", "name": "N", "baseline": null, "data": "not a list"}]}})
        );
        // A document with no plan, or no measures, is left as it was.
        for odd in [
            json!({"format": FORMAT_NAME, "version": 2}),
            json!({"format": FORMAT_NAME, "version": 2, "plan": [1]}),
            json!({"format": FORMAT_NAME, "version": 2, "plan": {"measures": 5}}),
        ] {
            let mut expected = odd.clone();
            expected["version"] = json!(3);
            assert_eq!(migrate_with(odd, 2, MIGRATIONS).unwrap(), expected);
        }
    }

    #[test]
    fn readable_messages() {
        assert_eq!(
            readable("missing field `title`"),
            "A required field \"title\" is missing"
        );
        assert_eq!(
            readable("invalid type: string \"abc\", expected u8"),
            "This value has the wrong type: it is the text \"abc\" but a whole number from 0 to 100 was expected"
        );
        assert!(
            readable("unknown variant `purple`, expected one of `red`, `amber`, `green`")
                .starts_with("\"purple\" is not one of the allowed values")
        );
    }

    #[test]
    fn display_does_not_repeat_location() {
        let e = ImportError::new("Bad (line 1, column 2).", Some("line 1, column 2".into()));
        assert_eq!(e.to_string(), "Bad (line 1, column 2).");
        let e = ImportError::new("Bad", Some("$.plan".into()));
        assert_eq!(e.to_string(), "Bad (at $.plan)");
        assert_eq!(ImportError::new("Bad", None).to_string(), "Bad");
    }
}
