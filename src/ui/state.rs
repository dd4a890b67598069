//! The workbench's state: the open plan (one editing session, the single
//! source of truth every screen reads), the library, and the messages shown
//! to the user. Every change to the plan is an operation handed to
//! `Workbench::apply`, which records it for undo, tells only the readers of
//! what it touched, and saves once changes pause (at once when
//! the page is left or another plan opened).

use std::collections::HashMap;

use leptos::prelude::*;

use crate::model::editing::{Change, Group, Op, Session};
use crate::model::keeping::export_reminder::{ExportRecord, Visit};
use crate::model::links::ItemRef;
use crate::model::{title_to_show, Id, Plan};
use crate::storage::{
    self, LibraryEntry, LoadError, SaveError, SetAside, SetAsideCopy, StoredPlan,
};

const NOT_STORED: &str = "That plan is no longer stored in this browser.";

fn needs_newer_text(version: u32) -> String {
    format!(
        "This plan was saved by a newer version of the workbench (format version {version}), so this version cannot open it. It is kept in this browser exactly as it is, and opens once the workbench is updated."
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something went wrong or needs the user's attention (role="alert").
    Problem,
    /// Something the user may like to know (role="status").
    Info,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub serial: u64,
    pub kind: NoticeKind,
    pub text: String,
    /// A stored text set aside as unreadable, offered for download; its
    /// notice, once dismissed, is not shown again.
    pub download_key: Option<String>,
}

/// A plan read from a file (or from a set-aside copy) whose id is already
/// in the library: the user chooses to replace the stored one or keep both.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub plan: Plan,
    pub existing_title: String,
    /// The set-aside copy it came from, removed once the plan is stored.
    pub from_aside: Option<String>,
}

/// Something that would put the open plan away (go to the library, open or
/// import another plan), held while the user is asked: the open plan has
/// changes kept nowhere else.
#[derive(Clone, Debug, PartialEq)]
pub enum Leave {
    Close,
    Open(Id),
    Add {
        plan: Plan,
        from_aside: Option<String>,
    },
}

/// The reminder to export a plan that has changed a lot since it was last
/// in a file (see `model::keeping::export_reminder`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportReminder {
    pub id: Id,
    /// The plan's title as shown.
    pub title: String,
    pub exported: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Outline,
    Diagram,
    Details,
    /// The plan as a tracking table (ui::tracking::table).
    Table,
    /// The progress report (ui::tracking::report).
    Report,
    /// Every measure with its chart and standing (ui::measures).
    Measures,
    Import,
}

/// An address (a bookmark, a shared link, Back or Forward) names a plan
/// this browser cannot show; the screen says so and nothing is changed.
#[derive(Clone, Debug, PartialEq)]
pub struct AddressProblem {
    pub address: crate::model::address::Address,
    /// The plan is stored here, but by a newer version (its format).
    pub needs_newer: Option<u32>,
}

/// Whether undo and redo have anything to do, for the buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UndoState {
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The workbench's state. The open plan lives in a plain-Rust [`Session`]
/// (plan, undo history, stored revision); the reactive layer only tells
/// readers when what they read has changed: a reader of one item is
/// notified when that item changes, a reader of the plan's shape (codes,
/// counts, chains) when items are added, removed, moved or relinked, and
/// the diagram's layout when a card may move.
#[derive(Clone, Copy)]
pub struct Workbench {
    session: StoredValue<Option<Session>>,
    /// Another plan was opened, or the open one replaced or closed: every
    /// reader of the plan.
    opened: Trigger,
    /// Any change at all (readers of the whole plan).
    any_change: Trigger,
    shape: Trigger,
    relayout: Trigger,
    meta: Trigger,
    /// One trigger per item that something on screen reads.
    item_triggers: StoredValue<HashMap<Id, ArcTrigger>>,
    pub screen: RwSignal<Screen>,
    /// Shown instead of the screen while set (see `AddressProblem`).
    pub address_problem: RwSignal<Option<AddressProblem>>,
    pub library: RwSignal<Vec<LibraryEntry>>,
    /// Stored copies that could not be read, kept as they were.
    pub set_aside: RwSignal<Vec<SetAsideCopy>>,
    /// Bytes of local storage the site uses (read with the library).
    pub storage_used: RwSignal<u64>,
    /// Whether the browser agreed to keep the site's storage (`None`: it
    /// was not asked, or has not answered).
    pub persisted: RwSignal<Option<bool>>,
    /// The user is being asked before the open, unsaved plan is put away.
    pub leaving: RwSignal<Option<Leave>>,
    /// The change count when the open plan was last exported to a file
    /// (`None`: not since it was opened).
    exported_at: StoredValue<Option<u64>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Why the latest change could not be saved, until a save succeeds.
    pub save_problem: RwSignal<Option<SaveError>>,
    pub pending_import: RwSignal<Option<PendingImport>>,
    /// A file or set-aside copy that opens only repaired, while the user
    /// decides (see `ui::repair`).
    pub repair_offer: RwSignal<Option<super::repair::RepairOffer>>,
    next_serial: StoredValue<u64>,
    pub undo_state: RwSignal<UndoState>,
    /// A change is waiting to be saved (see `save_soon`); shown in the top
    /// bar as "Saving…".
    pub save_pending: RwSignal<bool>,
    /// When the oldest unsaved change was made (ms since the epoch).
    save_pending_since: StoredValue<f64>,
    /// Counts changes, so a save timer knows whether another came since.
    changes: StoredValue<u64>,
    /// The reminder to export a plan that has changed a lot, while shown.
    pub export_reminder: RwSignal<Option<ExportReminder>>,
    /// The plans reminded of in this visit: never twice.
    reminded: StoredValue<Visit>,
}

/// A change is saved once the plan has been left alone this long (a pause
/// in typing), so a burst of typing is saved once and serialising a large
/// plan never runs between keystrokes...
const SAVE_WHEN_QUIET: std::time::Duration = std::time::Duration::from_millis(250);
/// ...and at the latest this long after the first unsaved change, however
/// long the typing goes on. Leaving the page saves at once.
const SAVE_AT_LATEST_MS: f64 = 2000.0;

pub fn use_workbench() -> Workbench {
    expect_context::<Workbench>()
}

impl Workbench {
    /// Reads the library and shows what the page's address names, or
    /// without one reopens the plan that was open last time.
    pub fn start() -> Self {
        let wb = Workbench {
            session: StoredValue::new(None),
            opened: Trigger::new(),
            any_change: Trigger::new(),
            shape: Trigger::new(),
            relayout: Trigger::new(),
            meta: Trigger::new(),
            item_triggers: StoredValue::new(HashMap::new()),
            screen: RwSignal::new(Screen::Library),
            address_problem: RwSignal::new(None),
            library: RwSignal::new(Vec::new()),
            set_aside: RwSignal::new(Vec::new()),
            storage_used: RwSignal::new(0),
            persisted: RwSignal::new(None),
            leaving: RwSignal::new(None),
            exported_at: StoredValue::new(None),
            notices: RwSignal::new(Vec::new()),
            save_problem: RwSignal::new(None),
            pending_import: RwSignal::new(None),
            repair_offer: RwSignal::new(None),
            next_serial: StoredValue::new(1),
            undo_state: RwSignal::new(UndoState::default()),
            save_pending: RwSignal::new(false),
            save_pending_since: StoredValue::new(0.0),
            changes: StoredValue::new(0),
            export_reminder: RwSignal::new(None),
            reminded: StoredValue::new(Visit::default()),
        };
        if storage::available() {
            wb.ask_to_keep_storage();
        } else {
            wb.notify(NoticeKind::Problem, SaveError::Blocked.to_string());
        }
        wb.refresh_library();
        // Copies set aside on an earlier visit, unless their notice was
        // dismissed (they stay listed in the library either way). Copies
        // set aside just now were reported above, once.
        let dismissed = storage::dismissed_set_aside();
        for copy in wb.set_aside.get_untracked() {
            if !dismissed.contains(&copy.key) {
                wb.report_set_aside(&SetAside {
                    key: copy.key,
                    reason: copy.reason,
                });
            }
        }
        // The page's address (a reload, a bookmark) wins over the plan
        // open last time.
        let followed = super::address::follow_page_address(wb);
        match storage::last_open() {
            Some(id)
                if !followed && wb.library.with_untracked(|l| l.iter().any(|e| e.id == id)) =>
            {
                wb.open(&id)
            }
            _ => {}
        }
        wb.check_export_reminder();
        wb
    }

    /// Asks the browser to keep the site's storage rather than delete it
    /// when the disk runs short or the site goes unvisited; the library
    /// says what it answered.
    fn ask_to_keep_storage(&self) {
        let persisted = self.persisted;
        leptos::task::spawn_local(async move {
            let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
                return;
            };
            // Missing where the page is not a secure context.
            let has_manager =
                js_sys::Reflect::get(&navigator, &"storage".into()).is_ok_and(|m| m.is_object());
            if !has_manager {
                return;
            }
            let Ok(promise) = navigator.storage().persist() else {
                return;
            };
            if let Ok(answer) = wasm_bindgen_futures::JsFuture::from(promise).await {
                persisted.set(answer.as_bool());
            }
        });
    }

    pub fn refresh_library(&self) {
        let (entries, problems) = storage::list();
        self.library.set(entries);
        self.storage_used.set(storage::used_bytes());
        for p in problems {
            self.report_set_aside(&p);
        }
        let copies = storage::set_aside_copies();
        if self.set_aside.with_untracked(|old| *old != copies) {
            self.set_aside.set(copies);
        }
    }

    fn report_set_aside(&self, aside: &SetAside) {
        let why = if aside.reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", aside.reason)
        };
        self.notify_with_download(
            NoticeKind::Problem,
            format!(
                "A plan stored in this browser could not be read{why}. Its text has been kept exactly as it was, and is listed in the plan library under “Copies that could not be read”, where you can try to open it, download it or delete it."
            ),
            Some(aside.key.clone()),
        );
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        self.notify_with_download(kind, text.into(), None);
    }

    fn notify_with_download(&self, kind: NoticeKind, text: String, download_key: Option<String>) {
        let serial = self.next_serial.get_value();
        self.next_serial.set_value(serial + 1);
        self.notices.update(|n| {
            // Replace an identical message (or one about the same stored
            // copy) rather than stacking copies.
            n.retain(|old| {
                old.text != text && (download_key.is_none() || old.download_key != download_key)
            });
            n.push(Notice {
                serial,
                kind,
                text,
                download_key,
            });
        });
    }

    /// Dismisses a notice; one about a set-aside copy is not shown again.
    pub fn dismiss(&self, serial: u64) {
        let aside = self.notices.with_untracked(|n| {
            n.iter()
                .find(|x| x.serial == serial)
                .and_then(|x| x.download_key.clone())
        });
        if let Some(key) = aside {
            storage::dismiss_set_aside(&[key]);
        }
        self.notices.update(|n| n.retain(|x| x.serial != serial));
    }

    /// The open plan has changes kept nowhere: not saved in this browser,
    /// and not exported to a file since.
    pub fn work_at_risk(&self) -> bool {
        self.save_problem.with_untracked(Option::is_some)
            && self.session.with_value(Option::is_some)
            && self.exported_at.get_value() != Some(self.changes.get_value())
    }

    /// The open plan was just exported to a file: its changes so far are
    /// kept there. The date is stored with the plan at once (with any change
    /// still waiting), without counting as a change to the plan.
    pub fn exported(&self) {
        self.exported_at.set_value(Some(self.changes.get_value()));
        let now = chrono::Utc::now();
        let done = self.session.try_update_value(|s| {
            s.as_mut().map(|s| {
                let changed = s.unsaved();
                s.exported(now);
                (s.plan().id.clone(), changed)
            })
        });
        let Some(Some((id, changed))) = done else {
            return;
        };
        if changed {
            self.save_pending.set(false);
            self.save();
        } else {
            // The plan itself is stored already: if only its export date
            // cannot be, nothing of the user's work is at risk, so no
            // "Not saved" banner for it.
            let result = self.session.with_value(|s| {
                s.as_ref()
                    .map(|s| storage::save_export(s.plan(), s.revision(), s.export()))
            });
            if let Some(Ok(rev)) = result {
                self.record_save(Some(Ok(rev)));
            }
        }
        self.reminder_acted_on(&id);
    }

    /// A stored plan, read to be exported; a problem reading it is said.
    pub fn stored_for_export(&self, id: &Id) -> Option<StoredPlan> {
        match storage::load(id) {
            Ok(Some(stored)) => Some(stored),
            Ok(None) => {
                self.notify(NoticeKind::Problem, NOT_STORED);
                None
            }
            Err(e) => {
                self.report_load_error(&e);
                None
            }
        }
    }

    /// A stored plan (not the open one) was just exported to a file.
    pub fn exported_stored(&self, stored: StoredPlan) {
        let mut export = stored.export;
        export.exported_at(chrono::Utc::now());
        if let Err(e) = storage::save_export(&stored.plan, stored.revision, &export) {
            self.notify(NoticeKind::Problem, e.to_string());
        }
        self.refresh_library();
        self.reminder_acted_on(&stored.plan.id);
    }

    /// Shows the reminder to export a plan that has changed a lot since it
    /// was last in a file (the open plan first, then the library's), unless
    /// one is shown; each plan at most once a visit.
    fn check_export_reminder(&self) {
        if self.export_reminder.with_untracked(Option::is_some) {
            return;
        }
        let open = self.session.with_value(|s| {
            s.as_ref().map(|s| {
                let p = s.plan();
                (
                    p.id.clone(),
                    p.display_title().to_owned(),
                    s.export().clone(),
                )
            })
        });
        let open_id = open.as_ref().map(|(id, _, _)| id.clone());
        let mut plans: Vec<(Id, String, ExportRecord)> = open.into_iter().collect();
        self.library.with_untracked(|l| {
            plans.extend(
                l.iter()
                    .filter(|e| e.needs_newer.is_none() && Some(&e.id) != open_id.as_ref())
                    .map(|e| {
                        let title = title_to_show(&e.title).to_owned();
                        (e.id.clone(), title, e.export.clone())
                    }),
            )
        });
        let due = self
            .reminded
            .try_update_value(|v| v.next_reminder(plans.iter().map(|(id, _, r)| (id, r))))
            .flatten();
        if let Some((id, title, record)) = due.and_then(|d| plans.into_iter().find(|p| p.0 == d)) {
            self.export_reminder.set(Some(ExportReminder {
                id,
                title,
                exported: record.exported,
            }));
        }
    }

    /// The user dismissed the export reminder: not shown again this visit.
    pub fn dismiss_export_reminder(&self) {
        self.export_reminder.set(None);
    }

    /// The plan `id` was exported: a reminder about it has done its job.
    fn reminder_acted_on(&self, id: &Id) {
        if self
            .export_reminder
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.id == *id))
        {
            self.export_reminder.set(None);
        }
    }

    /// Whether `leave` may go ahead now; if the open plan's work would be
    /// lost, it is held and the user asked instead.
    fn may_leave(&self, leave: &Leave) -> bool {
        self.flush_save();
        if self.work_at_risk() {
            self.leaving.set(Some(leave.clone()));
            false
        } else {
            true
        }
    }

    /// The user's answer to the question `may_leave` asked: go ahead and
    /// lose the unsaved changes, or stay.
    pub fn answer_leave(&self, go: bool) {
        let Some(leave) = self.leaving.get_untracked() else {
            return;
        };
        self.leaving.set(None);
        if !go {
            return;
        }
        // The changes are dropped on the user's word.
        self.save_problem.set(None);
        self.save_pending.set(false);
        match leave {
            Leave::Close => self.close(),
            Leave::Open(id) => self.open(&id),
            Leave::Add { plan, from_aside } => {
                self.add_to_library_from(plan, from_aside);
            }
        }
    }

    pub fn open(&self, id: &Id) {
        if !self.may_leave(&Leave::Open(id.clone())) {
            return;
        }
        match storage::load(id) {
            Ok(Some(stored)) => {
                self.show(Some(
                    Session::new(stored.plan, stored.revision).with_export(stored.export),
                ));
                self.save_problem.set(None);
                self.address_problem.set(None);
                if self.screen.get_untracked() == Screen::Library {
                    self.screen.set(Screen::Outline);
                }
                storage::remember_open(Some(id));
                self.check_export_reminder();
            }
            Ok(None) => {
                self.notify(NoticeKind::Problem, NOT_STORED);
                self.refresh_library();
            }
            Err(e) => {
                self.report_load_error(&e);
                self.refresh_library();
            }
        }
    }

    fn report_load_error(&self, e: &LoadError) {
        match e {
            LoadError::SetAside(aside) => self.report_set_aside(aside),
            LoadError::NeedsNewer(version) => {
                self.notify(NoticeKind::Problem, needs_newer_text(*version))
            }
        }
    }

    /// Stores a copy of a plan in the library under a new id.
    pub fn duplicate_stored(&self, id: &Id) {
        match storage::load(id) {
            Ok(Some(stored)) => {
                let title = format!("Copy of {}", stored.plan.meta.title);
                let copy = stored.plan.duplicate(&title);
                if let Err(e) = storage::save(&copy, 0, &stored.export.for_a_copy()) {
                    self.notify(NoticeKind::Problem, e.to_string());
                }
            }
            Ok(None) => self.notify(NoticeKind::Problem, NOT_STORED),
            Err(e) => self.report_load_error(&e),
        }
        self.refresh_library();
    }

    /// Renames a stored plan. Returns false (and says why) if it was not
    /// renamed; an empty title is refused.
    pub fn rename_stored(&self, id: &Id, title: &str) -> bool {
        let title = title.trim();
        if title.is_empty() {
            self.notify(NoticeKind::Problem, "A plan needs a title.");
            return false;
        }
        let renamed = match storage::load(id) {
            Ok(Some(mut stored)) => {
                stored.plan.meta.title = title.to_owned();
                storage::save(&stored.plan, stored.revision, &stored.export)
                    .map_err(|e| self.notify(NoticeKind::Problem, e.to_string()))
                    .is_ok()
            }
            Ok(None) => {
                self.notify(NoticeKind::Problem, NOT_STORED);
                false
            }
            Err(e) => {
                self.report_load_error(&e);
                false
            }
        };
        self.refresh_library();
        renamed
    }

    /// Deletes a stored plan (the user has confirmed).
    pub fn delete_stored(&self, id: &Id) {
        storage::delete(id);
        self.refresh_library();
        self.notify(NoticeKind::Info, "The plan was deleted from this browser.");
    }

    /// Deletes a copy set aside as unreadable (the user has confirmed).
    pub fn delete_set_aside(&self, key: &str) {
        storage::remove_key(key);
        storage::dismiss_set_aside(&[]);
        self.notices
            .update(|n| n.retain(|x| x.download_key.as_deref() != Some(key)));
        self.refresh_library();
        self.notify(
            NoticeKind::Info,
            "The copy that could not be read was deleted from this browser.",
        );
    }

    /// Reads a set-aside copy again (the workbench may have been updated,
    /// or the copy may hold a plan inside the storage wrapper) and, if it
    /// is a plan, stores and opens it; the copy is removed once the plan
    /// is stored. A copy that opens only repaired is offered repaired. If
    /// it still cannot be read, says why and keeps it.
    pub fn try_open_set_aside(&self, key: &str) {
        let Some(text) = storage::raw_text(key) else {
            self.notify(
                NoticeKind::Problem,
                "That copy is no longer in this browser.",
            );
            self.refresh_library();
            return;
        };
        use crate::model::format::{import_plan_repairing, Imported};
        match import_plan_repairing(&text) {
            Ok(Imported::Valid(plan)) => self.import(plan, Some(key.to_owned())),
            Ok(Imported::Repairable { plan, repairs }) => super::repair::offer(
                *self,
                super::repair::RepairOffer {
                    file_name: None,
                    from_aside: Some(key.to_owned()),
                    original: text.into_bytes(),
                    plan,
                    repairs,
                },
            ),
            Err(e) => self.notify(
                NoticeKind::Problem,
                format!("This copy still cannot be opened: {e} It is kept as it was."),
            ),
        }
    }

    /// A plan read from a file (or a set-aside copy) joins the library, or,
    /// if the library already holds a plan with its id, the user chooses.
    pub fn import(&self, plan: Plan, from_aside: Option<String>) {
        // Read the library afresh: plans created or imported since it was
        // last listed must count as already here.
        self.refresh_library();
        let existing = self
            .library
            .with_untracked(|l| l.iter().find(|e| e.id == plan.id).map(|e| e.title.clone()));
        match existing {
            Some(existing_title) => self.pending_import.set(Some(PendingImport {
                plan,
                existing_title,
                from_aside,
            })),
            None => self.add_to_library_from(plan, from_aside),
        }
    }

    /// A set-aside copy has become a stored plan again.
    pub(crate) fn restored(&self, from_aside: Option<String>) {
        if let Some(key) = from_aside {
            storage::remove_key(&key);
            storage::dismiss_set_aside(&[]);
            self.notices
                .update(|n| n.retain(|x| x.download_key.as_ref() != Some(&key)));
            self.refresh_library();
        }
    }

    pub fn close(&self) {
        if !self.may_leave(&Leave::Close) {
            return;
        }
        self.show(None);
        self.save_problem.set(None);
        storage::remember_open(None);
        self.refresh_library();
        self.show_screen(Screen::Library);
        self.check_export_reminder();
    }

    /// Shows one of the workbench's screens (in place of a problem with
    /// the address, if one was shown).
    pub fn show_screen(&self, screen: Screen) {
        self.address_problem.set(None);
        self.screen.set(screen);
    }

    /// Stores a plan that is not yet in the library and opens it.
    pub fn add_to_library(&self, plan: Plan) {
        self.add_to_library_from(plan, None);
    }

    fn add_to_library_from(&self, plan: Plan, from_aside: Option<String>) {
        let leave = Leave::Add { plan, from_aside };
        if !self.may_leave(&leave) {
            return;
        }
        let Leave::Add { plan, from_aside } = leave else {
            return;
        };
        // A new plan, the example, or a plan read from a file: nothing in it
        // yet that is not in a file (or in the workbench itself).
        match storage::save(&plan, 0, &ExportRecord::default()) {
            Ok(_) => {
                self.open(&plan.id);
                self.restored(from_aside);
            }
            Err(e @ SaveError::Conflict { .. }) => self.notify(NoticeKind::Problem, e.to_string()),
            Err(e) => {
                // Storage full or blocked: open it anyway, with the problem
                // shown, so the user can work and export; a later change
                // saves it if space is freed.
                let text = e.to_string();
                self.notices.update(|n| n.retain(|old| old.text != text));
                self.show(Some(Session::new(plan, 0)));
                self.save_problem.set(Some(e));
                self.show_screen(Screen::Outline);
            }
        }
    }

    /// Shows a session (another plan, another tab's version, or none):
    /// every reader of the plan is told.
    fn show(&self, session: Option<Session>) {
        self.session.set_value(session);
        self.exported_at.set_value(None);
        self.item_triggers.update_value(HashMap::clear);
        self.opened.notify();
        self.refresh_undo_state();
    }

    /// Whether a plan is open (tracked).
    pub fn is_open(&self) -> bool {
        self.opened.track();
        self.session.with_value(Option::is_some)
    }

    fn read<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.session.with_value(|s| s.as_ref().map(|s| f(s.plan())))
    }

    /// Reads the whole open plan; re-run on any change. For readers that
    /// truly depend on all of it (exports, lists of everything).
    pub fn with_plan<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.opened.track();
        self.any_change.track();
        self.read(f)
    }

    /// Reads the open plan without subscribing (event handlers).
    pub fn with_plan_untracked<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.read(f)
    }

    /// Reads what depends only on the plan's shape: which items there are,
    /// their order, links, codes and driver levels (codes, counts, gaps,
    /// chains). Not re-run when only a text or a detail changes.
    pub fn with_shape<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.opened.track();
        self.shape.track();
        self.read(f)
    }

    /// Reads what the diagram's layout depends on: the shape, and texts
    /// only when one changes a card's height.
    pub fn with_layout_input<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.opened.track();
        self.relayout.track();
        self.read(f)
    }

    /// Reads the plan's own details (title, period, vision...).
    pub fn with_meta<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.opened.track();
        self.meta.track();
        self.read(f)
    }

    /// Reads one item, found in constant time; re-run only when that item
    /// changes. `None` when the plan does not hold it.
    pub fn with_item<R>(&self, id: &Id, f: impl FnOnce(ItemRef<'_>) -> R) -> Option<R> {
        self.opened.track();
        let trigger = self
            .item_triggers
            .try_update_value(|t| t.entry(id.clone()).or_default().clone());
        if let Some(trigger) = trigger {
            trigger.track();
        }
        self.session
            .with_value(|s| s.as_ref().and_then(|s| s.item(id)).map(f))
    }

    /// Tells the readers of what `change` touched.
    fn notify_change(&self, change: &Change) {
        self.item_triggers.with_value(|t| {
            for id in &change.items {
                if let Some(trigger) = t.get(id) {
                    trigger.notify();
                }
            }
        });
        if change.shape {
            self.shape.notify();
        }
        if change.relayout {
            self.relayout.notify();
        }
        if change.meta {
            self.meta.notify();
        }
        self.any_change.notify();
    }

    /// Applies an operation to the open plan, records it for undo and saves
    /// soon. A refused operation leaves the plan as it was and its reason
    /// is shown; an operation that changes nothing notifies nobody.
    pub fn apply(&self, op: Op) -> Option<Change> {
        self.apply_in(None, op)
    }

    /// Like `apply`, for typing into one field: `group` names the field,
    /// and a burst of changes to it is one undo step.
    pub fn apply_typing(&self, group: String, op: Op) -> Option<Change> {
        self.apply_in(Some(Group(group)), op)
    }

    fn apply_in(&self, group: Option<Group>, op: Op) -> Option<Change> {
        let result = self
            .session
            .try_update_value(|s| s.as_mut().map(|s| s.apply(&op, group)))
            .flatten()?;
        match result {
            Ok(change) => {
                if !change.is_empty() {
                    self.notify_change(&change);
                    self.refresh_undo_state();
                    self.save_soon();
                }
                Some(change)
            }
            Err(e) => {
                self.notify(NoticeKind::Problem, e.to_string());
                None
            }
        }
    }

    /// Takes back the latest change to the plan (and saves).
    pub fn undo(&self) {
        self.step(Session::undo, "There is nothing to undo.");
    }

    /// Puts back the latest undone change (and saves).
    pub fn redo(&self) {
        self.step(Session::redo, "There is nothing to redo.");
    }

    fn step(&self, take: fn(&mut Session) -> Option<Change>, nothing: &str) {
        let change = self
            .session
            .try_update_value(|s| s.as_mut().map(take))
            .flatten();
        match change {
            Some(Some(change)) => {
                self.notify_change(&change);
                self.refresh_undo_state();
                self.save_soon();
            }
            Some(None) => self.notify(NoticeKind::Info, nothing),
            None => {}
        }
    }

    fn refresh_undo_state(&self) {
        let state = self.session.with_value(|s| {
            s.as_ref()
                .map(|s| UndoState {
                    can_undo: s.can_undo(),
                    can_redo: s.can_redo(),
                })
                .unwrap_or_default()
        });
        if self.undo_state.get_untracked() != state {
            self.undo_state.set(state);
        }
    }

    /// Saves the open plan once changes pause (see `SAVE_WHEN_QUIET`);
    /// changes made in the meantime go with it.
    fn save_soon(&self) {
        let now = js_sys::Date::now();
        if !self.save_pending.get_untracked() {
            self.save_pending.set(true);
            self.save_pending_since.set_value(now);
        }
        let change = self.changes.get_value() + 1;
        self.changes.set_value(change);
        let wb = *self;
        set_timeout(
            move || {
                let quiet = wb.changes.get_value() == change;
                let overdue =
                    js_sys::Date::now() - wb.save_pending_since.get_value() >= SAVE_AT_LATEST_MS;
                if quiet || overdue {
                    wb.flush_save();
                }
            },
            SAVE_WHEN_QUIET,
        );
    }

    /// Saves now a change that is waiting to be saved.
    pub fn flush_save(&self) {
        if self.save_pending.get_untracked() {
            self.save();
            self.save_pending.set(false);
        }
    }

    fn save(&self) {
        let result = self.session.with_value(|s| {
            s.as_ref()
                .map(|s| storage::save(s.plan(), s.revision(), s.export()))
        });
        self.record_save(result);
    }

    fn record_save(&self, result: Option<Result<u64, SaveError>>) {
        match result {
            Some(Ok(rev)) => {
                self.session.update_value(|s| {
                    if let Some(s) = s {
                        s.saved(rev);
                    }
                });
                if self.save_problem.get_untracked().is_some() {
                    self.save_problem.set(None);
                }
                self.check_export_reminder();
            }
            Some(Err(e)) => self.save_problem.set(Some(e)),
            None => {}
        }
    }

    /// Another tab saved (or deleted) the open plan. With nothing unsaved
    /// here, show their version; otherwise leave the choice to the user.
    pub fn stored_copy_changed(&self, id: &Id) {
        // A change of ours still waiting is saved first, so a clash with the
        // other tab's version is noticed rather than hidden.
        self.flush_save();
        let open = self.read(|p| p.id == *id);
        if open != Some(true) {
            self.refresh_library();
            return;
        }
        if self.save_problem.get_untracked().is_some() {
            // We hold a change that is not saved; the banner offers choices.
            return;
        }
        let revision = self
            .session
            .with_value(|s| s.as_ref().map(Session::revision));
        match storage::load(id) {
            Ok(Some(stored)) if Some(stored.revision) != revision => {
                // Their version, with a fresh history: an undo here must
                // never take back their work.
                self.show(Some(
                    Session::new(stored.plan, stored.revision).with_export(stored.export),
                ));
            }
            Ok(Some(_)) => {}
            Ok(None) => {
                // Deleted elsewhere: keep it open here and let the next
                // change (or the button) save it again.
                self.session.update_value(|s| {
                    if let Some(s) = s {
                        s.forget_revision();
                    }
                });
                self.notify(
                    NoticeKind::Problem,
                    "This plan was deleted in another tab or window. It is still open here; your next change will save it again.",
                );
            }
            Err(e) => self.report_load_error(&e),
        }
    }

    /// Conflict choice: keep this tab's version as a separate plan, then show
    /// the version the other tab saved. Nothing is lost.
    pub fn keep_mine_as_copy(&self) {
        let Some((mine, export)) = self.session.with_value(|s| {
            s.as_ref()
                .map(|s| (s.plan().clone(), s.export().for_a_copy()))
        }) else {
            return;
        };
        let copy = mine.duplicate(&format!("{} (copy from another window)", mine.meta.title));
        if let Err(e) = storage::save(&copy, 0, &export) {
            self.notify(NoticeKind::Problem, e.to_string());
            return;
        }
        self.save_problem.set(None);
        self.open(&mine.id);
        self.notify(
            NoticeKind::Info,
            format!(
                "Your version was saved as a separate plan: “{}”.",
                copy.meta.title
            ),
        );
    }

    /// Conflict choice: this tab's version replaces the stored one.
    pub fn save_mine_over(&self) {
        let result = self
            .session
            .try_update_value(|s| {
                s.as_mut().map(|s| {
                    let theirs = storage::export_record(&s.plan().id).unwrap_or_default();
                    s.set_export(s.export().saved_over(&theirs));
                    storage::save_over(s.plan(), s.export())
                })
            })
            .flatten();
        self.record_save(result);
    }

    /// Try the save again (after the user freed storage space, say).
    pub fn retry_save(&self) {
        self.save();
    }
}
