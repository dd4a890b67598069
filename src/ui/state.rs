//! The workbench's state: the open plan (one signal, the single source of
//! truth every screen reads), the library, and the messages shown to the
//! user. Every change to the plan goes through `Workbench::edit`, which
//! records it for undo and saves it a moment later (at once when the page
//! is left or another plan opened).

use leptos::prelude::*;

use crate::model::history::{Group, History};
use crate::model::ops::OpError;
use crate::model::{Id, Plan};
use crate::storage::{self, LibraryEntry, SaveError, SetAside};

const LAST_OPEN_KEY: &str = "ipw.last-open";
const NOT_STORED: &str = "That plan is no longer stored in this browser.";

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
    /// A stored text set aside as unreadable, offered for download.
    pub download_key: Option<String>,
}

/// A plan read from a file whose id is already in the library: the user
/// chooses to replace the stored one or keep both.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub plan: Plan,
    pub existing_title: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Outline,
    Diagram,
    Details,
}

/// Whether undo and redo have anything to do, for the buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UndoState {
    pub can_undo: bool,
    pub can_redo: bool,
}

#[derive(Clone, Copy)]
pub struct Workbench {
    pub plan: RwSignal<Option<Plan>>,
    /// The stored revision the open plan was read at or last saved as.
    base_revision: StoredValue<u64>,
    pub screen: RwSignal<Screen>,
    pub library: RwSignal<Vec<LibraryEntry>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Why the latest change could not be saved, until a save succeeds.
    pub save_problem: RwSignal<Option<SaveError>>,
    pub pending_import: RwSignal<Option<PendingImport>>,
    next_serial: StoredValue<u64>,
    history: StoredValue<History>,
    pub undo_state: RwSignal<UndoState>,
    /// A change is waiting to be saved (see `save_soon`); shown in the top
    /// bar as "Saving…".
    pub save_pending: RwSignal<bool>,
}

/// How long a change waits before it is saved: long enough for the screen
/// to show it first and for a burst of typing to be saved once, short
/// enough that nothing is at risk. Leaving the page saves at once.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(60);

pub fn use_workbench() -> Workbench {
    expect_context::<Workbench>()
}

impl Workbench {
    /// Reads the library and reopens the plan that was open last time.
    pub fn start() -> Self {
        let wb = Workbench {
            plan: RwSignal::new(None),
            base_revision: StoredValue::new(0),
            screen: RwSignal::new(Screen::Library),
            library: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            save_problem: RwSignal::new(None),
            pending_import: RwSignal::new(None),
            next_serial: StoredValue::new(1),
            history: StoredValue::new(History::default()),
            undo_state: RwSignal::new(UndoState::default()),
            save_pending: RwSignal::new(false),
        };
        if !storage::available() {
            wb.notify(NoticeKind::Problem, SaveError::Blocked.to_string());
        }
        wb.refresh_library();
        for key in storage::set_aside_keys() {
            wb.report_set_aside(&SetAside {
                key,
                reason: String::new(),
            });
        }
        let last = storage::raw_text(LAST_OPEN_KEY);
        if let Some(id) = last {
            let id = Id(id);
            if wb.library.with_untracked(|l| l.iter().any(|e| e.id == id)) {
                wb.open(&id);
            }
        }
        wb
    }

    pub fn refresh_library(&self) {
        let (entries, problems) = storage::list();
        self.library.set(entries);
        for p in problems {
            self.report_set_aside(&p);
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
                "A plan stored in this browser could not be read{why}. Its text has been kept exactly as it was; download it to keep it or to send it for help."
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
            // Replace an identical message rather than stacking copies.
            n.retain(|old| old.text != text);
            n.push(Notice {
                serial,
                kind,
                text,
                download_key,
            });
        });
    }

    pub fn dismiss(&self, serial: u64) {
        self.notices.update(|n| n.retain(|x| x.serial != serial));
    }

    pub fn open(&self, id: &Id) {
        self.flush_save();
        match storage::load(id) {
            Ok(Some(stored)) => {
                self.base_revision.set_value(stored.revision);
                self.forget_history();
                self.plan.set(Some(stored.plan));
                self.save_problem.set(None);
                if self.screen.get_untracked() == Screen::Library {
                    self.screen.set(Screen::Outline);
                }
                let _ = storage::raw_set(LAST_OPEN_KEY, id.as_str());
            }
            Ok(None) => {
                self.notify(NoticeKind::Problem, NOT_STORED);
                self.refresh_library();
            }
            Err(aside) => {
                self.report_set_aside(&aside);
                self.refresh_library();
            }
        }
    }

    /// Stores a copy of a plan in the library under a new id.
    pub fn duplicate_stored(&self, id: &Id) {
        match storage::load(id) {
            Ok(Some(stored)) => {
                let title = format!("Copy of {}", stored.plan.meta.title);
                if let Err(e) = storage::save(&stored.plan.duplicate(&title), 0) {
                    self.notify(NoticeKind::Problem, e.to_string());
                }
            }
            Ok(None) => self.notify(NoticeKind::Problem, NOT_STORED),
            Err(aside) => self.report_set_aside(&aside),
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
                storage::save(&stored.plan, stored.revision)
                    .map_err(|e| self.notify(NoticeKind::Problem, e.to_string()))
                    .is_ok()
            }
            Ok(None) => {
                self.notify(NoticeKind::Problem, NOT_STORED);
                false
            }
            Err(aside) => {
                self.report_set_aside(&aside);
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

    pub fn close(&self) {
        self.flush_save();
        self.plan.set(None);
        self.save_problem.set(None);
        storage::remove_key(LAST_OPEN_KEY);
        self.refresh_library();
        self.screen.set(Screen::Library);
    }

    /// Stores a plan that is not yet in the library and opens it.
    pub fn add_to_library(&self, plan: Plan) {
        self.flush_save();
        match storage::save(&plan, 0) {
            Ok(_) => self.open(&plan.id),
            Err(e @ SaveError::Conflict { .. }) => self.notify(NoticeKind::Problem, e.to_string()),
            Err(e) => {
                // Storage full or blocked: open it anyway, with the problem
                // shown, so the user can work and export; a later change
                // saves it if space is freed.
                let text = e.to_string();
                self.notices.update(|n| n.retain(|old| old.text != text));
                self.base_revision.set_value(0);
                self.forget_history();
                self.plan.set(Some(plan));
                self.save_problem.set(Some(e));
                self.screen.set(Screen::Outline);
            }
        }
    }

    /// Applies a change to the open plan, records the step for undo and
    /// saves. Operations that fail leave the plan as it was; their message
    /// is shown to the user.
    pub fn edit<R>(&self, change: impl FnOnce(&mut Plan) -> Result<R, OpError>) -> Option<R> {
        self.edit_in(None, change)
    }

    /// Like `edit`, for typing into one field: `group` names the field, and
    /// a run of changes to it is one undo step.
    pub fn edit_typing<R>(
        &self,
        group: String,
        change: impl FnOnce(&mut Plan) -> Result<R, OpError>,
    ) -> Option<R> {
        self.edit_in(Some(Group(group)), change)
    }

    fn edit_in<R>(
        &self,
        group: Option<Group>,
        change: impl FnOnce(&mut Plan) -> Result<R, OpError>,
    ) -> Option<R> {
        let mut outcome = None;
        let mut changed = false;
        // Typing that continues the latest step needs no copy of the plan.
        let continues = self.history.with_value(|h| h.continues(group.as_ref()));
        let mut before = None;
        self.plan.update(|p| {
            if let Some(plan) = p.as_mut() {
                let snapshot = (!continues).then(|| plan.clone());
                let result = change(plan);
                // Steps that changed nothing (moving the first item up) are
                // not worth an undo or a save.
                changed = result.is_ok() && snapshot.as_ref().is_none_or(|s| s != plan);
                if changed {
                    before = snapshot;
                }
                outcome = Some(result);
            }
        });
        match outcome? {
            Ok(r) => {
                if changed {
                    if let Some(before) = before {
                        self.history.update_value(|h| h.record(before, group));
                        self.refresh_undo_state();
                    }
                    self.save_soon();
                }
                Some(r)
            }
            Err(e) => {
                self.notify(NoticeKind::Problem, e.to_string());
                None
            }
        }
    }

    /// Like `edit`, for changes that cannot fail (setting a field).
    pub fn set(&self, change: impl FnOnce(&mut Plan)) {
        self.edit(|p| {
            change(p);
            Ok::<(), OpError>(())
        });
    }

    /// Like `set`, for typing into the field named `group`.
    pub fn set_typing(&self, group: String, change: impl FnOnce(&mut Plan)) {
        self.edit_typing(group, |p| {
            change(p);
            Ok::<(), OpError>(())
        });
    }

    /// Takes back the latest change to the plan (and saves).
    pub fn undo(&self) {
        self.step(|h, current| h.undo(current), "There is nothing to undo.");
    }

    /// Puts back the latest undone change (and saves).
    pub fn redo(&self) {
        self.step(|h, current| h.redo(current), "There is nothing to redo.");
    }

    fn step(&self, take: impl FnOnce(&mut History, &Plan) -> Option<Plan>, nothing: &str) {
        let Some(current) = self.plan.get_untracked() else {
            return;
        };
        match self
            .history
            .try_update_value(|h| take(h, &current))
            .flatten()
        {
            Some(plan) => {
                self.plan.set(Some(plan));
                self.refresh_undo_state();
                self.save_soon();
            }
            None => self.notify(NoticeKind::Info, nothing),
        }
    }

    fn forget_history(&self) {
        self.history.update_value(History::clear);
        self.refresh_undo_state();
    }

    fn refresh_undo_state(&self) {
        let state = self.history.with_value(|h| UndoState {
            can_undo: h.can_undo(),
            can_redo: h.can_redo(),
        });
        if self.undo_state.get_untracked() != state {
            self.undo_state.set(state);
        }
    }

    /// Saves the open plan shortly (see `SAVE_DELAY`); changes made in the
    /// meantime go with it.
    fn save_soon(&self) {
        if self.save_pending.get_untracked() {
            return;
        }
        self.save_pending.set(true);
        let wb = *self;
        set_timeout(move || wb.flush_save(), SAVE_DELAY);
    }

    /// Saves now a change that is waiting to be saved.
    pub fn flush_save(&self) {
        if self.save_pending.get_untracked() {
            self.save();
            self.save_pending.set(false);
        }
    }

    fn save(&self) {
        let base = self.base_revision.get_value();
        let result = self
            .plan
            .with_untracked(|p| p.as_ref().map(|plan| storage::save(plan, base)));
        self.record_save(result);
    }

    fn record_save(&self, result: Option<Result<u64, SaveError>>) {
        match result {
            Some(Ok(rev)) => {
                self.base_revision.set_value(rev);
                if self.save_problem.get_untracked().is_some() {
                    self.save_problem.set(None);
                }
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
        let open = self
            .plan
            .with_untracked(|p| p.as_ref().map(|p| p.id == *id));
        if open != Some(true) {
            self.refresh_library();
            return;
        }
        if self.save_problem.get_untracked().is_some() {
            // We hold a change that is not saved; the banner offers choices.
            return;
        }
        match storage::load(id) {
            Ok(Some(stored)) if stored.revision != self.base_revision.get_value() => {
                self.base_revision.set_value(stored.revision);
                self.plan.set(Some(stored.plan));
            }
            Ok(Some(_)) => {}
            Ok(None) => {
                // Deleted elsewhere: keep it open here and let the next
                // change (or the button) save it again.
                self.base_revision.set_value(0);
                self.notify(
                    NoticeKind::Problem,
                    "This plan was deleted in another tab or window. It is still open here; your next change will save it again.",
                );
            }
            Err(aside) => self.report_set_aside(&aside),
        }
    }

    /// Conflict choice: keep this tab's version as a separate plan, then show
    /// the version the other tab saved. Nothing is lost.
    pub fn keep_mine_as_copy(&self) {
        let Some(mine) = self.plan.get_untracked() else {
            return;
        };
        let copy = mine.duplicate(&format!("{} (copy from another window)", mine.meta.title));
        if let Err(e) = storage::save(&copy, 0) {
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
            .plan
            .with_untracked(|p| p.as_ref().map(storage::save_over));
        self.record_save(result);
    }

    /// Try the save again (after the user freed storage space, say).
    pub fn retry_save(&self) {
        self.save();
    }
}
