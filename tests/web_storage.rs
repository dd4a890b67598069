//! Browser tests (wasm-bindgen-test in headless Chromium) of saving and
//! restoring plans in local storage, a full storage and unreadable stored
//! copies.
#![cfg(target_arch = "wasm32")]

use plan_workbench::model::example::example_plan;
use plan_workbench::model::keeping::export_reminder::ExportRecord;
use plan_workbench::model::{Kind, Plan};
use plan_workbench::storage::{self, SaveError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A fresh start for the next test: nothing stored, and no address left in
/// the page by an app an earlier test mounted (the app follows the address
/// over the plan open last time).
fn clear() {
    local().clear().unwrap();
    let window = web_sys::window().unwrap();
    let location = window.location();
    let without_hash = format!(
        "{}{}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without_hash))
        .unwrap();
}

/// Fills local storage until the browser refuses more; returns the keys used.
fn fill_storage() -> Vec<String> {
    let chunk = "x".repeat(512 * 1024);
    let mut keys = Vec::new();
    for size in [chunk.len(), 64 * 1024, 4 * 1024, 256, 16] {
        let piece = &chunk[..size];
        loop {
            let key = format!("filler.{}", keys.len());
            if local().set_item(&key, piece).is_err() {
                break;
            }
            keys.push(key);
        }
    }
    keys
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn a_saved_plan_is_restored_exactly() {
    clear();
    let plan = example_plan();
    let rev = storage::save(&plan, 0, &ExportRecord::default()).expect("saves");
    assert_eq!(rev, 1);
    let stored = storage::load(&plan.id).expect("readable").expect("present");
    assert_eq!(stored.plan, plan);
    assert_eq!(stored.revision, 1);
    let (library, problems) = storage::list();
    assert!(problems.is_empty());
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].title, plan.meta.title);
}

#[wasm_bindgen_test]
fn a_save_based_on_an_old_revision_is_refused() {
    clear();
    let mut plan = Plan::new_empty("Two tabs");
    storage::save(&plan, 0, &ExportRecord::default()).unwrap();
    // The other tab saves revision 2 ...
    let mut theirs = plan.clone();
    theirs.add_item(Kind::Priority, "Theirs", None).unwrap();
    assert_eq!(storage::save(&theirs, 1, &ExportRecord::default()), Ok(2));
    // ... so ours, still based on revision 1, must not overwrite it.
    plan.add_item(Kind::Priority, "Ours", None).unwrap();
    assert_eq!(
        storage::save(&plan, 1, &ExportRecord::default()),
        Err(SaveError::Conflict { stored_revision: 2 })
    );
    assert_eq!(storage::load(&plan.id).unwrap().unwrap().plan, theirs);
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_and_the_stored_plan_kept() {
    clear();
    let plan = example_plan();
    storage::save(&plan, 0, &ExportRecord::default()).unwrap();
    let filler = fill_storage();
    let mut bigger = plan.clone();
    bigger.meta.vision = "v".repeat(100_000);
    let result = storage::save(&bigger, 1, &ExportRecord::default());
    for k in &filler {
        local().remove_item(k).unwrap();
    }
    assert_eq!(result, Err(SaveError::Full));
    assert!(SaveError::Full.to_string().contains("full"));
    assert_eq!(storage::load(&plan.id).unwrap().unwrap().plan, plan);
}

#[wasm_bindgen_test]
fn unreadable_stored_text_is_set_aside_not_lost() {
    clear();
    let good = example_plan();
    storage::save(&good, 0, &ExportRecord::default()).unwrap();
    let broken = r#"{"revision": 3, "changed": "2026-01-01T00:00:00Z", "plan": {"format": "improvement-plan", "version": 1, "plan": {"id": 5"#;
    local().set_item("ipw.plan.broken", broken).unwrap();

    let (library, problems) = storage::list();
    assert_eq!(library.len(), 1, "the readable plan is still listed");
    assert_eq!(problems.len(), 1);
    let aside = &problems[0];
    assert!(aside.key.starts_with("ipw.unreadable.broken."));
    assert_eq!(storage::raw_text(&aside.key).as_deref(), Some(broken));
    assert_eq!(storage::raw_text("ipw.plan.broken"), None);
    assert_eq!(storage::set_aside_keys(), vec![aside.key.clone()]);
}

#[wasm_bindgen_test]
fn a_plan_of_a_newer_version_is_listed_and_left_as_it_is() {
    clear();
    let newer = r#"{"revision": 4, "changed": "2026-11-01T00:00:00Z", "plan": {"format": "improvement-plan", "version": 9, "plan": {"id": "n1", "meta": {"title": "Later plan"}, "new_field": []}}}"#;
    local().set_item("ipw.plan.n1", newer).unwrap();
    let (library, problems) = storage::list();
    assert!(problems.is_empty());
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].title, "Later plan");
    assert_eq!(library[0].needs_newer, Some(9));
    assert_eq!(
        storage::load(&plan_workbench::model::Id::from("n1")).unwrap_err(),
        storage::LoadError::NeedsNewer(9)
    );
    assert_eq!(storage::raw_text("ipw.plan.n1").as_deref(), Some(newer));
    assert!(storage::set_aside_keys().is_empty());
}

fn mount_app() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), plan_workbench::ui::App);
    handle.forget();
    host
}

fn alert_text(host: &web_sys::HtmlElement) -> String {
    host.query_selector("[role=alert]")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_app_starts_despite_unreadable_data_and_offers_it() {
    clear();
    local()
        .set_item("ipw.plan.junk", "not json at all")
        .unwrap();
    let host = mount_app();
    next_tick().await;
    let alert = alert_text(&host);
    assert!(alert.contains("could not be read"), "alert was: {alert}");
    let buttons = host.query_selector_all("button").unwrap();
    let offers_download = (0..buttons.length()).any(|i| {
        buttons.item(i).unwrap().text_content().unwrap_or_default() == "Download the kept copy"
    });
    assert!(offers_download);
    assert!(host
        .text_content()
        .unwrap()
        .contains("Plans in this browser"));
    host.remove();
}

#[wasm_bindgen_test]
async fn an_edit_when_storage_is_full_keeps_the_plan_on_screen() {
    clear();
    let plan = example_plan();
    storage::save(&plan, 0, &ExportRecord::default()).unwrap();
    local().set_item("ipw.last-open", plan.id.as_str()).unwrap();
    let host = mount_app();
    next_tick().await;
    let filler = fill_storage();

    let textarea: web_sys::HtmlTextAreaElement = host
        .query_selector("textarea[aria-label='Priority title']")
        .unwrap()
        .expect("the outline shows the first priority")
        .unchecked_into();
    // Longer than the old title, so the saved copy must grow and cannot fit.
    let changed = format!("{} (changed while the storage is full)", textarea.value());
    textarea.set_value(&changed);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    textarea.dispatch_event(&event).unwrap();
    // The app saves a moment after a change; wait for its report.
    let mut alert = String::new();
    for _ in 0..100 {
        next_tick().await;
        alert = alert_text(&host);
        if !alert.is_empty() {
            break;
        }
    }
    for k in &filler {
        local().remove_item(k).unwrap();
    }
    assert!(
        alert.contains("storage for the workbench is full"),
        "alert was: {alert}"
    );
    assert!(alert.contains("Export plan file"), "export is offered");
    assert_eq!(textarea.value(), changed);
    // The stored copy is the last good one.
    assert_eq!(storage::load(&plan.id).unwrap().unwrap().plan, plan);
    host.remove();
}

#[wasm_bindgen_test]
fn the_library_is_listed_from_the_records_beside_the_plans() {
    clear();
    let recorded = Plan::new_empty("Recorded");
    storage::save(&recorded, 0, &ExportRecord::default()).unwrap();
    let record_key = format!("ipw.record.{}", recorded.id);
    let record = storage::raw_text(&record_key).expect("a record beside the plan");
    assert!(record.contains("\"title\":\"Recorded\""), "{record}");

    // Listing reads the record, not the plan: a plan whose text it could
    // not parse is listed all the same from its record.
    let plan_key = format!("ipw.plan.{}", recorded.id);
    let text = storage::raw_text(&plan_key).unwrap();
    local()
        .set_item(&plan_key, "not read when listing")
        .unwrap();
    let (library, problems) = storage::list();
    assert!(problems.is_empty());
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].title, "Recorded");
    local().set_item(&plan_key, &text).unwrap();

    // A plan saved by an earlier version has no record: it is read, listed
    // and given one.
    let legacy = Plan::new_empty("Saved before records");
    storage::save(&legacy, 0, &ExportRecord::default()).unwrap();
    let legacy_record = format!("ipw.record.{}", legacy.id);
    local().remove_item(&legacy_record).unwrap();
    let (library, _) = storage::list();
    let mut titles: Vec<String> = library.iter().map(|e| e.title.clone()).collect();
    titles.sort();
    assert_eq!(titles, vec!["Recorded", "Saved before records"]);
    assert!(storage::raw_text(&legacy_record).is_some());

    // A record without its plan lists nothing; deleting removes both.
    local().set_item("ipw.record.orphan", &record).unwrap();
    assert_eq!(storage::list().0.len(), 2);
    storage::delete(&recorded.id);
    assert_eq!(storage::raw_text(&plan_key), None);
    assert_eq!(storage::raw_text(&record_key), None);
    assert_eq!(storage::list().0.len(), 1);
}

/// What is known of a plan's exports is saved with it, listed, read back,
/// and survives a save of the export alone, which keeps the date of the
/// plan's last change.
#[wasm_bindgen_test]
fn the_export_record_is_kept_with_the_plan_and_listed() {
    clear();
    let plan = example_plan();
    let export = ExportRecord {
        exported: Some("2026-11-03T14:05:00Z".parse().unwrap()),
        edits: 21,
    };
    storage::save(&plan, 0, &export).unwrap();
    let stored = storage::load(&plan.id).unwrap().unwrap();
    assert_eq!(stored.export, export);
    assert_eq!(storage::list().0[0].export, export);
    assert_eq!(storage::export_record(&plan.id), Some(export.clone()));

    let mut later = export.clone();
    later.exported_at("2026-11-04T09:00:00Z".parse().unwrap());
    assert_eq!(storage::save_export(&plan, 1, &later), Ok(2));
    let again = storage::load(&plan.id).unwrap().unwrap();
    assert_eq!(again.export, later);
    assert_eq!(again.changed, stored.changed, "an export is not a change");
    assert_eq!(
        storage::save_export(&plan, 1, &later),
        Err(SaveError::Conflict { stored_revision: 2 }),
        "another tab's save is not written over"
    );

    // A record written before exports were kept: the plan is read whole
    // and the record written again with what the plan says.
    let record_key = format!("ipw.record.{}", plan.id);
    let old_record = storage::raw_text(&record_key).unwrap().replace(
        r#","export":{"exported":"2026-11-04T09:00:00Z","edits":0}"#,
        "",
    );
    assert!(!old_record.contains("export"), "{old_record}");
    local().set_item(&record_key, &old_record).unwrap();
    assert_eq!(storage::list().0[0].export, later);
    assert!(storage::raw_text(&record_key)
        .unwrap()
        .contains("\"export\""));
}
