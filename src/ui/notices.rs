//! Messages to the user: problems (role="alert"), information
//! (role="status"), a save that failed, and the choice an import may need.

use leptos::prelude::*;

use super::files;
use super::state::{use_workbench, NoticeKind};
use crate::storage::SaveError;

#[component]
pub fn Notices() -> impl IntoView {
    let wb = use_workbench();
    let problems = move || {
        wb.notices.with(|n| {
            n.iter()
                .filter(|x| x.kind == NoticeKind::Problem)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let infos = move || {
        wb.notices.with(|n| {
            n.iter()
                .filter(|x| x.kind == NoticeKind::Info)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let notice_view = move |n: super::state::Notice| {
        let serial = n.serial;
        let download = n.download_key.clone().map(|key| {
            view! {
                <button type="button" on:click=move |_| files::download_set_aside(wb, &key)>
                    "Download the kept copy"
                </button>
            }
        });
        view! {
            <div class="notice">
                <p>{n.text}</p>
                {download}
                <button type="button" class="dismiss" on:click=move |_| wb.dismiss(serial)>
                    "Dismiss"
                </button>
            </div>
        }
    };

    view! {
        <div class="notices">
            <div role="alert" class="problems">
                <For each=problems key=|n| n.serial children=notice_view />
                <SaveProblem />
                <LeaveQuestion />
                <ImportChoice />
            </div>
            <div role="status" class="infos">
                <super::export_reminder::ExportReminderNotice />
                <For each=infos key=|n| n.serial children=notice_view />
            </div>
            <super::repair::RepairDialog />
        </div>
    }
}

/// Shown while the latest change is not saved in the browser.
#[component]
fn SaveProblem() -> impl IntoView {
    let wb = use_workbench();
    move || {
        wb.save_problem.get().map(|problem| {
            let conflict = matches!(problem, SaveError::Conflict { .. });
            // Trying again cannot help a plan bigger than the storage.
            let may_retry = !matches!(problem, SaveError::TooBig { .. });
            let choices = if conflict {
                view! {
                    <button type="button" on:click=move |_| wb.keep_mine_as_copy()>
                        "Keep both: save my version as a copy"
                    </button>
                    <button type="button" on:click=move |_| wb.save_mine_over()>
                        "Save my version over the other one"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" on:click=move |_| files::export_open_plan(wb)>
                        "Export plan file"
                    </button>
                    <Show when=move || may_retry>
                        <button type="button" on:click=move |_| wb.retry_save()>
                            "Try saving again"
                        </button>
                    </Show>
                }
                .into_any()
            };
            view! {
                <div class="notice save-problem">
                    <p>{problem.to_string()}</p>
                    {choices}
                </div>
            }
        })
    }
}

/// Asked before the open plan is put away while its latest changes are
/// kept nowhere (not saved in the browser, not exported since).
#[component]
fn LeaveQuestion() -> impl IntoView {
    let wb = use_workbench();
    let title = move || {
        wb.with_meta(|p| p.display_title().to_owned())
            .unwrap_or_default()
    };
    move || {
        wb.leaving.with(Option::is_some).then(|| {
            view! {
                <div class="notice leave-question" role="group" aria-label="Unsaved plan">
                    <p>
                        "“" {title} "” is not saved in this browser, and your latest changes are not in an exported file either. If you leave it now, they are lost. Export the plan to a file to keep them."
                    </p>
                    <button type="button" on:click=move |_| {
                        wb.leaving.set(None);
                        files::export_open_plan(wb);
                    }>
                        "Export plan file"
                    </button>
                    <button type="button" on:click=move |_| wb.answer_leave(false)>
                        "Stay with this plan"
                    </button>
                    <button type="button" class="danger" on:click=move |_| wb.answer_leave(true)>
                        "Leave without saving"
                    </button>
                </div>
            }
        })
    }
}

/// An imported plan has the same identity as one in the library.
#[component]
fn ImportChoice() -> impl IntoView {
    let wb = use_workbench();
    move || {
        wb.pending_import.get().map(|pending| {
            let text = format!(
                "The file holds a plan that is already in this browser (“{}”). Replace the stored plan with the one in the file, or keep both?",
                pending.existing_title
            );
            view! {
                <div class="notice import-choice">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| files::resolve_import(wb, files::ImportChoice::Replace)>
                        "Replace the stored plan"
                    </button>
                    <button type="button" on:click=move |_| files::resolve_import(wb, files::ImportChoice::KeepBoth)>
                        "Keep both"
                    </button>
                    <button type="button" on:click=move |_| files::resolve_import(wb, files::ImportChoice::Cancel)>
                        "Cancel import"
                    </button>
                </div>
            }
        })
    }
}
