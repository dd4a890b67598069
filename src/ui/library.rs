//! The plan library: the plans stored in this browser, and the ways to start
//! a new one.

use leptos::prelude::*;

use super::state::use_workbench;
use crate::model::example::example_plan_on;
use crate::model::keeping::export_reminder::export_line;
use crate::model::keeping::storage_use;
use crate::model::plan::title_to_show;
use crate::model::summary::uk_date_time;
use crate::model::Plan;
use crate::storage::{LibraryEntry, SetAsideCopy};

/// "31 Jul 2023, 14:05" in the browser's local time, with the offset in
/// force on that date (summer time or not), not today's.
fn when(entry: &LibraryEntry) -> String {
    uk_date_time(entry.changed, &chrono::Local)
}

/// The single-file build (`make single`) runs from file://, where browsers
/// keep storage per profile and may share it between every file opened
/// that way, so the library says so.
fn opened_from_file() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

#[component]
pub fn Library() -> impl IntoView {
    let wb = use_workbench();
    let new_title = RwSignal::new(String::new());

    let create = move || {
        let title = new_title.get_untracked();
        let title = title.trim();
        let title = if title.is_empty() {
            "Untitled plan"
        } else {
            title
        };
        wb.add_to_library(Plan::new_empty(title));
        new_title.set(String::new());
    };
    let open_example = move |_| {
        // A fresh copy each time, so the example can be played with freely;
        // as at today, so its overdue and neglected actions stay so.
        let example = example_plan_on(super::tracking::today()).with_new_id();
        wb.add_to_library(example);
    };

    view! {
        <section class="library" aria-labelledby="library-heading">
            <h2 id="library-heading">"Plans in this browser"</h2>
            <p class="hint">
                "Plans are saved in this browser as you work. To share a plan or keep a copy elsewhere, export it as a file."
            </p>
            <StorageUse />
            <Show when=opened_from_file>
                <p class="file-notice" role="note">
                    "Opened from a file: plans are kept in this browser's storage for files, which this browser may share between all files opened this way. Export plans to keep copies."
                </p>
            </Show>
            <form
                class="new-plan"
                on:submit=move |ev| {
                    ev.prevent_default();
                    create();
                }
            >
                <label for="new-plan-title">"Title of a new plan"</label>
                <input
                    id="new-plan-title"
                    type="text"
                    placeholder="e.g. Children's Services Plan 2026-29"
                    prop:value=move || new_title.get()
                    on:input=move |ev| new_title.set(event_target_value(&ev))
                />
                <button type="submit">"Create plan"</button>
                <button type="button" on:click=open_example>
                    "Open the example plan"
                </button>
            </form>
            <Show
                when=move || wb.library.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty">"No plans yet. Create one, open the example, or import a plan file."</p> }
            >
                <ul class="plan-list">
                    <For
                        each=move || wb.library.get()
                        key=|e| (e.id.clone(), e.title.clone(), e.changed, e.needs_newer, e.export.clone())
                        children=move |entry| {
                            if entry.needs_newer.is_some() {
                                view! { <NewerPlanRow entry /> }.into_any()
                            } else {
                                view! { <LibraryRow entry /> }.into_any()
                            }
                        }
                    />
                </ul>
            </Show>
            <Show when=move || wb.set_aside.with(|s| !s.is_empty())>
                <section class="set-aside" aria-labelledby="set-aside-heading">
                    <h3 id="set-aside-heading">"Copies that could not be read"</h3>
                    <p class="hint">
                        "These were stored in this browser but could not be read as plans. Each is kept exactly as it was until you delete it."
                    </p>
                    <ul class="plan-list">
                        <For
                            each=move || wb.set_aside.get()
                            key=|c| (c.key.clone(), c.reason.clone())
                            children=move |copy| view! { <SetAsideRow copy /> }
                        />
                    </ul>
                </section>
            </Show>
            <p class="hint version">{super::updates::running_version()}</p>
        </section>
    }
}

/// How much of the browser's storage the plans use, a warning before it is
/// full, and whether the browser agreed to keep it.
#[component]
fn StorageUse() -> impl IntoView {
    let wb = use_workbench();
    let line = move || {
        format!(
            "{} {}",
            storage_use::use_text(wb.storage_used.get()),
            storage_use::keeping_text(wb.persisted.get())
        )
    };
    view! {
        <Show when=crate::storage::available>
            <p class="hint storage-use">{line}</p>
            {move || storage_use::warning(wb.storage_used.get()).map(|w| view! {
                <p class="notice storage-warning" role="status">{w}</p>
            })}
        </Show>
    }
}

/// A plan saved by a newer version of the workbench: listed, kept as it is,
/// and not opened (or changed) by this one.
#[component]
fn NewerPlanRow(entry: LibraryEntry) -> impl IntoView {
    let title = title_to_show(&entry.title).to_owned();
    let version = entry.needs_newer.unwrap_or_default();
    view! {
        <li class="plan-row needs-newer">
            <div class="plan-row-main">
                <span class="plan-row-title">{title}</span>
                <span class="changed">
                    "Needs a newer version of the workbench (format version " {version} "). It is kept here unchanged and opens once the workbench is updated."
                </span>
            </div>
        </li>
    }
}

/// A stored copy that could not be read: try it again, download it, or
/// delete it (after asking).
#[component]
fn SetAsideRow(copy: SetAsideCopy) -> impl IntoView {
    let wb = use_workbench();
    let confirming = RwSignal::new(false);
    let key = StoredValue::new(copy.key.clone());
    let when = copy
        .when
        .map(|w| format!("Set aside {}", uk_date_time(w, &chrono::Local)))
        .unwrap_or_else(|| "Set aside".to_owned());
    let name = format!("copy {when}").to_lowercase();
    let reason = copy.reason.clone();
    view! {
        <li class="plan-row set-aside-row">
            <div class="plan-row-main">
                <span class="plan-row-title">{when.clone()}</span>
                <span class="changed">{reason}</span>
            </div>
            <div class="plan-row-actions">
                <button type="button" aria-label=format!("Try to open the {name}") on:click=move |_| wb.try_open_set_aside(&key.get_value())>
                    "Try to open"
                </button>
                <button type="button" aria-label=format!("Download the {name}") on:click=move |_| super::files::download_set_aside(wb, &key.get_value())>
                    "Download"
                </button>
                <button type="button" aria-label=format!("Delete the {name}") on:click=move |_| confirming.set(true)>
                    "Delete"
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label="Confirm deletion">
                    <p>"Delete this copy from this browser? This cannot be undone; download it first if you may need it."</p>
                    <button type="button" class="danger" on:click=move |_| wb.delete_set_aside(&key.get_value())>"Delete copy"</button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep copy"</button>
                </div>
            </Show>
        </li>
    }
}

#[component]
fn LibraryRow(entry: LibraryEntry) -> impl IntoView {
    let wb = use_workbench();
    let confirming = RwSignal::new(false);
    let renaming = RwSignal::new(false);
    let title = title_to_show(&entry.title).to_owned();
    let id = StoredValue::new(entry.id.clone());
    let new_name = RwSignal::new(entry.title.clone());

    let duplicate = move |_| wb.duplicate_stored(&id.get_value());
    let rename = move || {
        if wb.rename_stored(&id.get_value(), &new_name.get_untracked()) {
            renaming.set(false);
        }
    };
    let delete = move |_| wb.delete_stored(&id.get_value());
    let changed = when(&entry);
    let exported = export_line(&entry.export, &chrono::Local);
    let label_open = format!("Open {title}");
    let label_rename = format!("Rename {title}");
    let label_duplicate = format!("Duplicate {title}");
    let label_delete = format!("Delete {title}");
    let confirm_text = format!(
        "Delete “{title}” from this browser? This cannot be undone; export it first if you may need it."
    );

    view! {
        <li class="plan-row">
            <div class="plan-row-main">
                <button type="button" class="link-like" aria-label=label_open.clone() on:click=move |_| wb.open(&id.get_value())>
                    {title.clone()}
                </button>
                <span class="changed">"Last changed " {changed}</span>
                <span class="exported">{exported}</span>
            </div>
            <div class="plan-row-actions">
                <button type="button" aria-label=label_rename on:click=move |_| renaming.set(true)>
                    "Rename"
                </button>
                <button type="button" aria-label=label_duplicate on:click=duplicate>
                    "Duplicate"
                </button>
                <button type="button" aria-label=label_delete on:click=move |_| confirming.set(true)>
                    "Delete"
                </button>
            </div>
            <Show when=move || renaming.get()>
                <form class="rename" on:submit=move |ev| { ev.prevent_default(); rename(); }>
                    <label>
                        "New title"
                        <input
                            type="text"
                            prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit">"Save title"</button>
                    <button type="button" on:click=move |_| renaming.set(false)>"Cancel"</button>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label="Confirm deletion">
                    <p>{confirm_text.clone()}</p>
                    <button type="button" class="danger" on:click=delete>"Delete plan"</button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep plan"</button>
                </div>
            </Show>
        </li>
    }
}
