//! Issue 9, "data kept safe in the browser": the library says when each plan
//! was last exported, and a plan that has changed a lot since its last copy
//! on file is reminded of, at most once a visit (a page load), without
//! taking the focus; the reminder's export clears it.

use fantoccini::Locator;
use serde_json::{json, Value};

use super::harness::*;
use plan_workbench::model::keeping::export_reminder::A_LOT_OF_EDITS;

/// What the library row of the plan titled `title` says of its exports.
async fn export_line(c: &fantoccini::Client, title: &str) -> String {
    let xpath = format!(
        "//li[contains(@class, 'plan-row')][.//button[@aria-label={}]]//span[@class='exported']",
        xpath_literal(&format!("Open {title}"))
    );
    eventually(&format!("the export line of “{title}”"), || async {
        let e = c.find(Locator::XPath(&xpath)).await.map_err(dbg)?;
        e.text().await.map_err(dbg)
    })
    .await
}

/// "3 November 2026 at 14:05" for a stored date, as the browser's own
/// clock and time zone write it in UK English (worked out by the browser,
/// not by the workbench).
async fn browser_uk_date(c: &fantoccini::Client, rfc3339: &str) -> String {
    let v = js(
        c,
        "const d = new Date(arguments[0]);
         const date = d.toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'});
         const time = d.toLocaleTimeString('en-GB', {hour: '2-digit', minute: '2-digit', hour12: false});
         return date + ' at ' + time;",
        vec![json!(rfc3339)],
    )
    .await;
    v.as_str().unwrap_or_default().to_owned()
}

/// The export reminder's text, if one is shown; it must be in the status
/// area (announced politely, never an alert).
async fn reminder(c: &fantoccini::Client) -> Option<String> {
    let v = js(
        c,
        "const r = document.querySelector('.export-reminder');
         return r ? {text: r.innerText, polite: !!r.closest('[role=status]')} : null;",
        vec![],
    )
    .await;
    if v.is_null() {
        return None;
    }
    assert_eq!(v["polite"], json!(true), "the reminder is in role=status");
    v["text"].as_str().map(str::to_owned)
}

async fn wait_reminder(c: &fantoccini::Client) -> String {
    eventually("the export reminder", || async {
        reminder(c).await.ok_or_else(|| "none shown".to_owned())
    })
    .await
}

/// No reminder, once saving has settled (a reminder comes after a save).
async fn assert_no_reminder(c: &fantoccini::Client, when: &str) {
    wait_saved(c).await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(reminder(c).await, None, "no reminder {when}");
}

/// Adds `n` priorities (two edits each: the new item and its text).
async fn add_priorities(c: &fantoccini::Client, from: usize, n: usize) {
    for i in from..from + n {
        add_item(
            c,
            "Add a priority",
            "Priority title",
            &format!("Priority {i}"),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_library_says_when_each_plan_was_last_exported() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Never exported").await;
    add_item(&b, "Add a priority", "Priority title", "Kept here only").await;
    click_button(&b, "Plan library").await;
    create_plan(&b, "Exported plan").await;
    add_item(&b, "Add a priority", "Priority title", "Kept in a file").await;
    let id = open_plan_id(&b).await;
    wait_saved(&b).await;
    let before = stored_envelope(&b, &id).await;
    assert_eq!(before["exported"], Value::Null, "{before}");
    assert_eq!(before["edits"], json!(2), "the new priority and its text");

    click_button(&b, "Export plan file").await;
    wait_download_json(b.download_dir(), "exported-plan.json").await;
    let after = eventually("the export date in the stored plan", || async {
        let env = stored_envelope(&b, &id).await;
        env["exported"]
            .is_string()
            .then(|| env.clone())
            .ok_or(format!("{env}"))
    })
    .await;
    assert_eq!(after["edits"], json!(0), "an export starts the count again");
    assert_eq!(
        after["changed"], before["changed"],
        "an export is not a change to the plan"
    );
    assert_eq!(after["plan"], before["plan"]);
    let exported = after["exported"].as_str().unwrap().to_owned();
    let want = format!("Last exported {}", browser_uk_date(&b, &exported).await);

    click_button(&b, "Plan library").await;
    assert_eq!(export_line(&b, "Exported plan").await, want);
    assert_eq!(export_line(&b, "Never exported").await, "Not exported yet");

    // The date survives a rename, an edit and a reload; a duplicate was
    // never exported itself.
    click_button(&b, "Rename Exported plan").await;
    let name = field(&b, "New title").await;
    name.clear().await.expect("clear the title");
    name.send_keys("Renamed plan")
        .await
        .expect("type the title");
    click_button(&b, "Save title").await;
    wait_library_line(&b, "Renamed plan", &want).await;
    click_button(&b, "Open Renamed plan").await;
    add_item(&b, "Add a priority", "Priority title", "After the export").await;
    wait_saved(&b).await;
    let edited = stored_envelope(&b, &id).await;
    assert_eq!(edited["exported"].as_str(), Some(exported.as_str()));
    assert_eq!(edited["edits"], json!(2));
    click_button(&b, "Plan library").await;
    click_button(&b, "Duplicate Renamed plan").await;
    wait_library_line(&b, "Copy of Renamed plan", "Not exported yet").await;
    reload(&b).await;
    assert_eq!(export_line(&b, "Renamed plan").await, want);
    assert_eq!(export_line(&b, "Never exported").await, "Not exported yet");
    assert_no_axe_violations(&b, "plan library with export dates").await;
    b.close().await;
}

async fn wait_library_line(c: &fantoccini::Client, title: &str, want: &str) {
    eventually(&format!("“{title}” to say “{want}”"), || async {
        let line = export_line(c, title).await;
        (line == want).then_some(()).ok_or(line)
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_changed_a_lot_is_reminded_of_once_a_visit() {
    assert_eq!(A_LOT_OF_EDITS % 2, 0, "the test adds two edits at a time");
    let pairs = A_LOT_OF_EDITS as usize / 2;
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Busy plan").await;
    let id = open_plan_id(&b).await;
    add_priorities(&b, 1, pairs - 1).await;
    assert_no_reminder(&b, "one edit short of the threshold").await;

    // The edit that crosses the threshold: the reminder comes once the
    // typing pauses and the plan is saved, and the typing is not disturbed.
    add_priorities(&b, pairs, 1).await;
    let text = wait_reminder(&b).await;
    assert!(
        text.contains(
            "“Busy plan” has changed a lot and has not been exported yet. Export a copy to keep it safe: browsers can delete stored data."
        ),
        "{text}"
    );
    let typed = format!("Priority {pairs}");
    let f = focus(&b).await;
    assert_eq!(
        (f.tag.as_str(), f.name.as_str(), f.value.as_str()),
        ("textarea", "Priority title", typed.as_str()),
        "the focus stays where the typing was"
    );
    type_into_focused(&b, " and more").await;
    wait_textarea_count(&b, &format!("{typed} and more"), 1).await;
    assert_no_axe_violations(&b, "outline with the export reminder").await;

    // Dismissed, it does not come back in this visit, however much more
    // the plan changes.
    click_button(&b, "Dismiss the export reminder").await;
    assert_eq!(reminder(&b).await, None);
    add_priorities(&b, pairs + 1, pairs + 1).await;
    assert_no_reminder(&b, "after dismissing it, in the same visit").await;
    click_button(&b, "Plan library").await;
    assert_no_reminder(&b, "in the library, in the same visit").await;
    click_button(&b, "Open Busy plan").await;
    wait_plan_title(&b, "Busy plan").await;
    assert_no_reminder(&b, "when it is opened again, in the same visit").await;

    // A reload is a new visit: the plan is still not on file, so it is
    // reminded of again; the reminder's export makes the file and clears it.
    reload(&b).await;
    wait_plan_title(&b, "Busy plan").await;
    let text = wait_reminder(&b).await;
    assert!(text.contains("“Busy plan” has changed a lot"), "{text}");
    click_button(&b, "Export plan file of “Busy plan”").await;
    let (_, file) = wait_download_json(b.download_dir(), "busy-plan.json").await;
    assert_eq!(file["plan"]["id"], json!(id));
    eventually("the reminder to go", || async {
        match reminder(&b).await {
            None => Ok(()),
            Some(t) => Err(t),
        }
    })
    .await;
    let env = stored_envelope(&b, &id).await;
    assert!(env["exported"].is_string(), "{env}");
    assert_eq!(env["edits"], json!(0));
    let want = format!(
        "Last exported {}",
        browser_uk_date(&b, env["exported"].as_str().unwrap()).await
    );
    click_button(&b, "Plan library").await;
    assert_eq!(export_line(&b, "Busy plan").await, want);
    click_button(&b, "Open Busy plan").await;

    // Exported, it is not reminded of on the next visit.
    reload(&b).await;
    assert_no_reminder(&b, "after the export, on the next visit").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_open_plan_exported_from_the_menu_clears_its_reminder() {
    let pairs = A_LOT_OF_EDITS as usize / 2;
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Menu export").await;
    add_priorities(&b, 1, pairs).await;
    wait_reminder(&b).await;
    // The reminder has a button of that name too: use the top bar's.
    b.find(Locator::XPath(
        "//nav//button[normalize-space(.)='Export plan file']",
    ))
    .await
    .expect("the top bar's “Export plan file”")
    .click()
    .await
    .expect("click “Export plan file”");
    wait_download_json(b.download_dir(), "menu-export.json").await;
    eventually("the reminder to go", || async {
        match reminder(&b).await {
            None => Ok(()),
            Some(t) => Err(t),
        }
    })
    .await;
    b.close().await;
}

/// A plan stored before export dates were kept reads as never exported,
/// with an edit counted for each item; on the library screen (no plan
/// open) its reminder exports it from storage.
#[tokio::test(flavor = "multi_thread")]
async fn a_plan_stored_before_export_dates_is_not_exported_yet_and_reminded_of() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    click_button(&b, "Open the example plan").await;
    let id = open_plan_id(&b).await;
    let title = stored_envelope(&b, &id).await["plan"]["plan"]["meta"]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_no_reminder(&b, "for a fresh copy of the example").await;
    click_button(&b, "Plan library").await;
    // As an earlier version stored it: no export fields, and no record of
    // them beside it.
    js(
        &b,
        "const key = 'ipw.plan.' + arguments[0];
         const env = JSON.parse(localStorage.getItem(key));
         delete env.exported; delete env.edits;
         localStorage.setItem(key, JSON.stringify(env));
         localStorage.removeItem('ipw.record.' + arguments[0]);",
        vec![json!(id)],
    )
    .await;
    let changed_before = stored_envelope(&b, &id).await["changed"].clone();
    reload(&b).await;
    assert_eq!(export_line(&b, &title).await, "Not exported yet");
    let text = wait_reminder(&b).await;
    assert!(
        text.contains(&format!(
            "“{title}” has changed a lot and has not been exported yet."
        )),
        "{text}"
    );
    assert_no_axe_violations(&b, "plan library with the export reminder").await;
    click_button(&b, &format!("Export plan file of “{title}”")).await;
    let name = plan_workbench::model::format::file_name_for(&title);
    let (_, file) = wait_download_json(b.download_dir(), &name).await;
    assert_eq!(file["plan"]["id"], json!(id));
    let env = eventually("the export date in the stored plan", || async {
        let env = stored_envelope(&b, &id).await;
        env["exported"]
            .is_string()
            .then(|| env.clone())
            .ok_or(format!("{}", env["exported"]))
    })
    .await;
    assert_eq!(env["edits"], json!(0));
    assert_eq!(env["changed"], changed_before, "still last changed then");
    let want = format!(
        "Last exported {}",
        browser_uk_date(&b, env["exported"].as_str().unwrap()).await
    );
    wait_library_line(&b, &title, &want).await;
    assert_eq!(reminder(&b).await, None);
    b.close().await;
}

/// An export in one window is kept by the other window's next save.
#[tokio::test(flavor = "multi_thread")]
async fn an_export_in_another_window_survives_this_windows_save() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Two windows").await;
    add_item(&b, "Add a priority", "Priority title", "First").await;
    let id = open_plan_id(&b).await;
    let one = b.window().await.expect("window one");
    let two = b.new_window(true).await.expect("open window two").handle;
    b.switch_to_window(two).await.expect("switch to window two");
    goto_app(&b, &world.app_url()).await;
    wait_plan_title(&b, "Two windows").await;
    click_button(&b, "Export plan file").await;
    wait_download_json(b.download_dir(), "two-windows.json").await;
    let exported = eventually("the export date in the stored plan", || async {
        let env = stored_envelope(&b, &id).await;
        env["exported"]
            .as_str()
            .map(str::to_owned)
            .ok_or(format!("{env}"))
    })
    .await;

    b.switch_to_window(one).await.expect("switch to window one");
    add_item(&b, "Add a priority", "Priority title", "Second").await;
    wait_saved(&b).await;
    let env = stored_envelope(&b, &id).await;
    assert_eq!(
        env["plan"]["plan"]["priorities"].as_array().map(Vec::len),
        Some(2),
        "window one's change is saved: {env}"
    );
    assert_eq!(env["exported"].as_str(), Some(exported.as_str()));
    assert_eq!(env["edits"], json!(2));
    b.close().await;
}
