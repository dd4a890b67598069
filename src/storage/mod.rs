//! Persistence of the plan library in the browser's local storage.
//!
//! Each plan is one key, `ipw.plan.<plan id>`, holding an envelope with a
//! revision number and the plan in the export format. The library is the set
//! of such keys, so there is no separate index to fall out of step. The
//! revision lets a tab notice that another tab saved the plan since it last
//! read it, instead of silently writing over that change. What the stored
//! text holds, and how it is read, is the domain's (`model::format::stored`); this
//! module only moves it in and out of the browser.
//!
//! The browser's storage is reached through gloo-storage's `LocalStorage`
//! (the product's design names it): plan texts through its raw `Storage`,
//! so they are stored and read back byte for byte as `model::format::stored`
//! writes them, and the small records beside them through its JSON `get`
//! and `set`. Its accessor throws where storage is blocked, so it is only
//! called once [`available`] has said storage may be used.

use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage as _};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use crate::model::format::stored::{self, read_stored, write_stored, StoredError};
use crate::model::keeping::export_reminder::ExportRecord;
use crate::model::keeping::storage_use::{megabytes, stored_bytes};
use crate::model::{Id, Plan};

const PLAN_PREFIX: &str = "ipw.plan.";
/// Beside each plan, a small record of its title, last change and revision,
/// so listing the library does not read every plan.
const RECORD_PREFIX: &str = "ipw.record.";
const LAST_OPEN_KEY: &str = "ipw.last-open";
const ASIDE_PREFIX: &str = "ipw.unreadable.";
/// The set-aside copies whose notice the user has dismissed (a JSON list of
/// keys): they stay listed in the library, without a notice on every load.
const DISMISSED_KEY: &str = "ipw.unreadable-dismissed";

/// What is stored beside each plan (see `RECORD_PREFIX`).
#[derive(Serialize, Deserialize)]
struct Record {
    revision: u64,
    changed: DateTime<Utc>,
    title: String,
    /// Missing in a record written before export dates were kept: the
    /// plan is then read whole, once, and its record written again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    export: Option<ExportRecord>,
}

fn record_key(id: &Id) -> String {
    format!("{RECORD_PREFIX}{id}")
}

/// Writes the record beside a plan; if that fails, removes any older one
/// so the library reads the plan itself rather than a stale record.
fn write_record(id: &Id, record: &Record) {
    let ok = available() && LocalStorage::set(record_key(id), record).is_ok();
    if !ok {
        remove_key(&record_key(id));
    }
}

fn read_record(id: &Id) -> Option<Record> {
    available()
        .then(|| LocalStorage::get(record_key(id)).ok())
        .flatten()
}

/// What the record beside a stored plan says of its exports, if it has a
/// record that says.
pub fn export_record(id: &Id) -> Option<ExportRecord> {
    read_record(id)?.export
}

/// One row of the library: enough to list a plan without opening it.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryEntry {
    pub id: Id,
    pub title: String,
    pub changed: DateTime<Utc>,
    /// The plan was saved by a newer version of the workbench (this format
    /// version), which this one cannot read: it is kept as it is, listed,
    /// and opens once the workbench is updated.
    pub needs_newer: Option<u32>,
    /// When it was last exported, and how much it has changed since.
    pub export: ExportRecord,
}

/// A plan as read from storage, with the revision it was read at.
#[derive(Clone, Debug)]
pub struct StoredPlan {
    pub plan: Plan,
    pub revision: u64,
    pub changed: DateTime<Utc>,
    pub export: ExportRecord,
}

/// Stored text that could not be read as a plan. It has been moved to
/// `key` so that nothing overwrites it, and can be downloaded from there.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub key: String,
    pub reason: String,
}

/// Why a stored plan could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Unreadable: its text was set aside.
    SetAside(SetAside),
    /// Saved by a newer version of the workbench: left where it is.
    NeedsNewer(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The browser's storage for this site is full.
    Full,
    /// The plan alone is bigger than the browser keeps for a site (the
    /// sizes are in bytes, as browsers count them), so deleting other plans
    /// cannot make room for it.
    TooBig { plan: u64, others: u64 },
    /// Another tab saved this plan after we read it.
    Conflict { stored_revision: u64 },
    /// The browser does not let the site use local storage at all.
    Blocked,
    /// Local storage refused for another reason.
    Unavailable(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Full => f.write_str(
                "This browser's storage for the workbench is full, so your latest changes are not saved in the browser. They are still on screen: export the plan to a file to keep them, then delete plans you no longer need.",
            ),
            SaveError::TooBig { plan, others } => write!(
                f,
                "This plan is too big to keep in this browser: it needs about {} and browsers keep only about 5 MB for a site (other plans here use {}), so it cannot be saved here even if other plans are deleted. It stays open here: export it to a file to keep it.",
                megabytes(*plan),
                megabytes(*others)
            ),
            SaveError::Conflict { .. } => f.write_str(
                "This plan was changed in another tab or window after you opened it here. Your latest change has not been saved over it.",
            ),
            SaveError::Blocked => f.write_str(
                "This browser is not letting the workbench keep plans (its storage is turned off or blocked for this site), so nothing is saved in the browser. You can still work: export the plan to a file to keep it, or allow the site to store data and reload.",
            ),
            SaveError::Unavailable(why) => write!(
                f,
                "The browser would not let the workbench save ({why}). Your changes are still on screen: export the plan to a file to keep them."
            ),
        }
    }
}

pub fn plan_key(id: &Id) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// Whether a storage key holds the record beside a plan (another tab's
/// change to one changes the library's list).
pub fn is_record_key(key: &str) -> bool {
    key.starts_with(RECORD_PREFIX)
}

/// The plan id a storage key belongs to, if it is a plan key.
pub fn plan_id_of_key(key: &str) -> Option<Id> {
    key.strip_prefix(PLAN_PREFIX).map(Id::from)
}

/// Whether this browser lets the workbench use local storage: it can be
/// turned off, or blocked with cookies for the site (then reading
/// `window.localStorage` throws). Asked through web-sys, which hands back
/// that error; gloo's accessor throws it instead, so nothing calls gloo
/// before asking this.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// Local storage as gloo gives it, if it may be used.
fn raw() -> Option<web_sys::Storage> {
    available().then(LocalStorage::raw)
}

fn keys() -> Vec<String> {
    let Some(storage) = raw() else {
        return Vec::new();
    };
    (0..LocalStorage::length())
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// The raw text under a key, exactly as stored.
pub fn raw_text(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

/// Moves unreadable text out of the plan's key, so that it is kept as it was
/// and the library no longer trips over it.
fn set_aside(key: &str, text: &str, reason: String) -> SetAside {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%3f");
    let id = key.strip_prefix(PLAN_PREFIX).unwrap_or(key);
    let aside_key = format!("{ASIDE_PREFIX}{id}.{stamp}");
    // If even this fails (storage full), leave the text where it is: it is
    // still kept, and we will report it again next time.
    if raw_set(&aside_key, text).is_ok() {
        remove_key(key);
        if let Some(id) = plan_id_of_key(key) {
            remove_key(&record_key(&id));
        }
        SetAside {
            key: aside_key,
            reason,
        }
    } else {
        SetAside {
            key: key.to_owned(),
            reason,
        }
    }
}

/// Lists the stored plans, newest change first. Stored copies that cannot be
/// read are set aside and reported, never deleted.
pub fn list() -> (Vec<LibraryEntry>, Vec<SetAside>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for key in keys() {
        let Some(id) = plan_id_of_key(&key) else {
            continue;
        };
        // Plans keep a small record beside them; only a plan without one
        // (saved by an earlier version) is read whole, and gets one.
        // A plan saved by a newer version is never given a record by
        // this one (it is not touched at all), so it is always read here.
        if let Some(Record {
            title,
            changed,
            export: Some(export),
            ..
        }) = read_record(&id)
        {
            entries.push(LibraryEntry {
                id,
                title,
                changed,
                needs_newer: None,
                export,
            });
            continue;
        }
        let Some(text) = raw_text(&key) else { continue };
        match read_stored(&text) {
            Ok(stored) => {
                write_record(
                    &id,
                    &Record {
                        revision: stored.revision,
                        changed: stored.changed,
                        title: stored.plan.meta.title.clone(),
                        export: Some(stored.export.clone()),
                    },
                );
                entries.push(LibraryEntry {
                    id: stored.plan.id.clone(),
                    title: stored.plan.meta.title.clone(),
                    changed: stored.changed,
                    needs_newer: None,
                    export: stored.export,
                })
            }
            Err(StoredError::NewerVersion {
                version,
                title,
                changed,
                ..
            }) => entries.push(LibraryEntry {
                id,
                title: title.unwrap_or_default(),
                changed: changed.unwrap_or(DateTime::<Utc>::MIN_UTC),
                needs_newer: Some(version),
                export: ExportRecord::default(),
            }),
            Err(StoredError::Unreadable(reason)) => problems.push(set_aside(&key, &text, reason)),
        }
    }
    entries.sort_by(|a, b| b.changed.cmp(&a.changed).then(a.title.cmp(&b.title)));
    (entries, problems)
}

/// Texts set aside earlier, which the user may still want to download.
pub fn set_aside_keys() -> Vec<String> {
    let mut k: Vec<String> = keys()
        .into_iter()
        .filter(|k| k.starts_with(ASIDE_PREFIX))
        .collect();
    k.sort();
    k
}

/// One copy set aside as unreadable, for the library's list.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAsideCopy {
    pub key: String,
    /// When it was set aside (from its key), if that can be read.
    pub when: Option<DateTime<Utc>>,
    /// Why it cannot be read as a plan (read again now, so an updated
    /// workbench gives its own answer).
    pub reason: String,
}

/// The copies set aside as unreadable, oldest first.
pub fn set_aside_copies() -> Vec<SetAsideCopy> {
    let mut copies = set_aside_keys()
        .into_iter()
        .filter_map(|key| {
            let text = raw_text(&key)?;
            let reason = match read_stored(&text) {
                Ok(_) => "It can be read now: try to open it.".to_owned(),
                Err(e) => e.to_string(),
            };
            let when = key
                .rsplit('.')
                .next()
                .and_then(|stamp| {
                    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%3f").ok()
                })
                .map(|t| t.and_utc());
            Some(SetAsideCopy { key, when, reason })
        })
        .collect::<Vec<_>>();
    copies.sort_by(|a, b| a.when.cmp(&b.when).then(a.key.cmp(&b.key)));
    copies
}

/// The plan file inside a set-aside text, if it holds one, else the text
/// as it is: what "Download" gives.
pub fn set_aside_download(key: &str) -> Option<(bool, String)> {
    let text = raw_text(key)?;
    Some(match stored::plan_file_in(&text) {
        Some(file) => (true, file),
        None => (false, text),
    })
}

/// The set-aside copies whose notice was dismissed for good.
pub fn dismissed_set_aside() -> Vec<String> {
    available()
        .then(|| LocalStorage::get(DISMISSED_KEY).ok())
        .flatten()
        .unwrap_or_default()
}

/// Remembers that the notice about these set-aside copies was dismissed;
/// keys of copies no longer kept are forgotten.
pub fn dismiss_set_aside(keys: &[String]) {
    let kept = set_aside_keys();
    let mut dismissed: Vec<String> = dismissed_set_aside()
        .into_iter()
        .chain(keys.iter().cloned())
        .filter(|k| kept.contains(k))
        .collect();
    dismissed.sort();
    dismissed.dedup();
    if available() {
        let _ = LocalStorage::set(DISMISSED_KEY, &dismissed);
    }
}

pub fn remove_key(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// Reads one plan. `Ok(None)` when there is no such plan; `Err` when the
/// stored text was unreadable (it has been set aside) or needs a newer
/// version of the workbench (it is left as it is).
pub fn load(id: &Id) -> Result<Option<StoredPlan>, LoadError> {
    let key = plan_key(id);
    let Some(text) = raw_text(&key) else {
        return Ok(None);
    };
    match read_stored(&text) {
        Ok(stored) => Ok(Some(StoredPlan {
            plan: stored.plan,
            revision: stored.revision,
            changed: stored.changed,
            export: stored.export,
        })),
        Err(StoredError::NewerVersion { version, .. }) => {
            // A record written for it (by this version, before it was
            // replaced) would list it as readable.
            remove_key(&record_key(id));
            Err(LoadError::NeedsNewer(version))
        }
        Err(StoredError::Unreadable(reason)) => {
            Err(LoadError::SetAside(set_aside(&key, &text, reason)))
        }
    }
}

/// The revision currently stored for a plan, 0 if none or unreadable. It
/// is read from the plan's own text (the revision comes first, and the rest
/// is skipped unread), not from the record beside it, which a tab running
/// an earlier version would not have updated.
pub fn stored_revision(id: &Id) -> u64 {
    raw_text(&plan_key(id))
        .and_then(|t| stored::stored_revision(&t))
        .unwrap_or(0)
}

/// Saves a plan that was read at `base_revision` (0 for a new plan), with
/// what is known of its exports, and returns its new revision. Refuses
/// when another tab saved in between.
pub fn save(plan: &Plan, base_revision: u64, export: &ExportRecord) -> Result<u64, SaveError> {
    let stored = stored_revision(&plan.id);
    if stored != base_revision {
        return Err(SaveError::Conflict {
            stored_revision: stored,
        });
    }
    write(plan, stored + 1, export)
}

/// Saves a plan whatever is stored (the user chose to keep this version).
pub fn save_over(plan: &Plan, export: &ExportRecord) -> Result<u64, SaveError> {
    write(plan, stored_revision(&plan.id) + 1, export)
}

/// Saves what is known of an unchanged plan's exports (it was just
/// exported), like `save`, but keeping the date it was last changed: an
/// export is not a change to the plan.
pub fn save_export(
    plan: &Plan,
    base_revision: u64,
    export: &ExportRecord,
) -> Result<u64, SaveError> {
    let stored = stored_revision(&plan.id);
    if stored != base_revision {
        return Err(SaveError::Conflict {
            stored_revision: stored,
        });
    }
    let changed = read_record(&plan.id).map(|r| r.changed);
    write_at(plan, stored + 1, export, changed.unwrap_or_else(Utc::now))
}

fn write(plan: &Plan, revision: u64, export: &ExportRecord) -> Result<u64, SaveError> {
    write_at(plan, revision, export, Utc::now())
}

fn write_at(
    plan: &Plan,
    revision: u64,
    export: &ExportRecord,
    changed: DateTime<Utc>,
) -> Result<u64, SaveError> {
    let text = write_stored(plan, revision, changed, export);
    let key = plan_key(&plan.id);
    raw_set(&key, &text).map_err(|e| match e {
        SaveError::Full => too_big_or_full(&key, &text),
        e => e,
    })?;
    write_record(
        &plan.id,
        &Record {
            revision,
            changed,
            title: plan.meta.title.clone(),
            export: Some(export.clone()),
        },
    );
    Ok(revision)
}

/// A full storage: whether deleting other plans could make room. When
/// everything else stored takes less than a quarter of this plan's size,
/// it cannot, and the user is told the real reason.
fn too_big_or_full(key: &str, text: &str) -> SaveError {
    let plan = stored_bytes(key, text);
    let others = used_bytes_but(Some(key));
    if others * 4 < plan {
        SaveError::TooBig { plan, others }
    } else {
        SaveError::Full
    }
}

/// The bytes this site's local storage holds, as browsers count them.
pub fn used_bytes() -> u64 {
    used_bytes_but(None)
}

/// The bytes held under every key but `except`.
fn used_bytes_but(except: Option<&str>) -> u64 {
    keys()
        .iter()
        .filter(|k| Some(k.as_str()) != except)
        .map(|k| stored_bytes(k, &raw_text(k).unwrap_or_default()))
        .sum()
}

fn classify_error(err: wasm_bindgen::JsValue) -> SaveError {
    match err.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => SaveError::Full,
        Some(e) => SaveError::Unavailable(e.message()),
        None => SaveError::Unavailable(format!("{err:?}")),
    }
}

pub fn delete(id: &Id) {
    remove_key(&plan_key(id));
    remove_key(&record_key(id));
}

/// The plan that was open when the workbench was last used, if any.
pub fn last_open() -> Option<Id> {
    raw_text(LAST_OPEN_KEY).map(Id)
}

/// Remembers the open plan (or that none is open), to reopen it next time.
pub fn remember_open(id: Option<&Id>) {
    match id {
        Some(id) => {
            let _ = raw_set(LAST_OPEN_KEY, id.as_str());
        }
        None => remove_key(LAST_OPEN_KEY),
    }
}

/// Stores a small text under a key of the workbench's own (not a plan).
pub fn raw_set(key: &str, value: &str) -> Result<(), SaveError> {
    raw()
        .ok_or(SaveError::Blocked)?
        .set_item(key, value)
        .map_err(classify_error)
}
