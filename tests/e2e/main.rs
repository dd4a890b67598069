#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests: the release build in dist/, served under /plans/,
//! driven in headless Chromium through chromedriver.
//!
//! Run with `cargo test --test e2e -- --test-threads=1` after
//! `trunk build --release` (`make test` does both).

mod a11y;
mod addresses;
mod diagram;
mod exports;
mod fine_grained;
mod harness;
mod import;
mod measure_data;
mod measures_screen;
mod offline;
mod print;
mod repair;
mod report;
mod reviews;
mod safety;
mod single_file;
mod small_screens;
mod storage_use;
mod table;

use std::collections::BTreeMap;

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

use harness::*;

/// All the stored plan keys and their texts (the library as stored).
fn plan_entries(all: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    all.iter()
        .filter(|(k, _)| k.starts_with("ipw.plan."))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The plan inside an envelope's export document.
fn plan_of(envelope: &Value) -> &Value {
    &envelope["plan"]["plan"]
}

fn texts(items: &Value, field: &str) -> Vec<String> {
    items
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i[field].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn find_by<'a>(items: &'a Value, field: &str, text: &str) -> &'a Value {
    items
        .as_array()
        .and_then(|a| a.iter().find(|i| i[field] == text))
        .unwrap_or_else(|| panic!("no item with {field} = “{text}” in {items}"))
}

fn ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn relative_paths_under_subpath() {
    let world = World::start().await;
    let b = world.browser().await;
    let url = world.app_url();
    assert!(url.ends_with("/plans/"), "served under a sub-path: {url}");
    goto_app(&b, &url).await;

    eventually("the library heading “Plans in this browser”", || async {
        let t = text_of(&b, "h2#library-heading").await?;
        if t.trim() == "Plans in this browser" {
            Ok(())
        } else {
            Err(format!("heading “{t}”"))
        }
    })
    .await;
    // The app's own controls work, so its script and wasm loaded.
    button(&b, "Create plan").await;
    button(&b, "Open the example plan").await;

    // Every request the page made for the site was inside /plans/ and found
    // (the browser's own /favicon.ico probe aside).
    let requests = world.server.requests();
    let asked: Vec<&Served> = requests
        .iter()
        .filter(|r| r.path != "/favicon.ico")
        .collect();
    assert!(
        asked.iter().any(|r| r.path.ends_with(".wasm")),
        "the page fetched its wasm from the server: {requests:?}"
    );
    let bad: Vec<&&Served> = asked
        .iter()
        .filter(|r| r.status != 200 || !r.path.starts_with("/plans/"))
        .collect();
    assert!(
        bad.is_empty(),
        "requests outside /plans/ or not found: {bad:?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn create_plan_add_items_link_and_reload() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "E2E plan").await;

    add_item(&b, "Add a priority", "Priority title", "E2E priority").await;
    add_item(
        &b,
        "Add outcome to: E2E priority",
        "Outcome statement",
        "E2E outcome",
    )
    .await;
    add_item(
        &b,
        "Add improvement aim to: E2E outcome",
        "Improvement aim statement",
        "E2E aim one",
    )
    .await;
    add_item(
        &b,
        "Add improvement aim to: E2E outcome",
        "Improvement aim statement",
        "E2E aim two",
    )
    .await;
    add_item(
        &b,
        "Add action to: E2E aim one",
        "Action title",
        "E2E action",
    )
    .await;
    add_item(
        &b,
        "Add measure to: E2E outcome",
        "Measure name",
        "E2E measure",
    )
    .await;

    // Link the action to the second aim too, from its details.
    wait_textarea_count(&b, "E2E action", 1).await;
    click_button(&b, "Details of E2E action").await;
    let tick_xpath = "//div[@role='group' and @aria-label='Details of this action']\
        //fieldset[legend[normalize-space(.)='Serves these improvement aims']]\
        //label[contains(concat(' ', normalize-space(@class), ' '), ' tick ')][contains(normalize-space(.), 'E2E aim two')]\
        //input[@type='checkbox']";
    let tick = eventually("the “E2E aim two” tick in the action's details", || async {
        b.find(Locator::XPath(tick_xpath)).await.map_err(dbg)
    })
    .await;
    assert_eq!(
        tick.prop("checked").await.unwrap().as_deref(),
        Some("false"),
        "not yet linked"
    );
    tick.click().await.expect("tick “E2E aim two”");

    // The action now appears under both aims.
    wait_textarea_count(&b, "E2E action", 2).await;

    let id = open_plan_id(&b).await;
    let check_stored = |env: Value| {
        let plan = plan_of(&env).clone();
        assert_eq!(
            env["plan"]["format"], "improvement-plan",
            "envelope holds the export document: {env}"
        );
        assert_eq!(texts(&plan["priorities"], "title"), vec!["E2E priority"]);
        assert_eq!(texts(&plan["outcomes"], "statement"), vec!["E2E outcome"]);
        assert_eq!(
            texts(&plan["aims"], "statement"),
            vec!["E2E aim one", "E2E aim two"]
        );
        assert_eq!(texts(&plan["actions"], "title"), vec!["E2E action"]);
        assert_eq!(texts(&plan["measures"], "name"), vec!["E2E measure"]);
        let aim_ids = {
            let mut v = vec![
                find_by(&plan["aims"], "statement", "E2E aim one")["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                find_by(&plan["aims"], "statement", "E2E aim two")["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            ];
            v.sort();
            v
        };
        assert_eq!(
            ids(&plan["actions"][0]["aims"]),
            aim_ids,
            "the action serves both aims"
        );
        let outcome_id = plan["outcomes"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            ids(&plan["measures"][0]["evidences"]),
            vec![outcome_id.clone()]
        );
        assert_eq!(ids(&plan["aims"][0]["outcomes"]), vec![outcome_id.clone()]);
        assert_eq!(ids(&plan["aims"][1]["outcomes"]), vec![outcome_id]);
        assert_eq!(
            ids(&plan["outcomes"][0]["priorities"]),
            vec![plan["priorities"][0]["id"].as_str().unwrap().to_owned()]
        );
    };
    check_stored(stored_envelope(&b, &id).await);

    // A reload reopens the plan with everything in place.
    reload(&b).await;
    wait_plan_title(&b, "E2E plan").await;
    for text in [
        "E2E priority",
        "E2E outcome",
        "E2E aim one",
        "E2E aim two",
        "E2E measure",
    ] {
        wait_textarea_count(&b, text, 1).await;
    }
    wait_textarea_count(&b, "E2E action", 2).await;
    assert_eq!(open_plan_id(&b).await, id, "the same plan was reopened");
    check_stored(stored_envelope(&b, &id).await);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn export_then_import_into_fresh_profile() {
    let world = World::start().await;
    let first = world.browser_on_app().await;
    click_button(&first, "Open the example plan").await;
    let title = eventually("the example plan's title in h2.plan-title", || async {
        let t = text_of(&first, "h2.plan-title").await?;
        if t.trim().is_empty() {
            Err("empty title".into())
        } else {
            Ok(t.trim().to_owned())
        }
    })
    .await;
    let id = open_plan_id(&first).await;
    let stored_first = stored_envelope(&first, &id).await;

    click_button(&first, "Export plan file").await;
    let file_name = plan_workbench::model::format::file_name_for(&title);
    let (path, exported) = wait_download_json(first.download_dir(), &file_name).await;
    assert_eq!(
        exported["format"], "improvement-plan",
        "format marker in {file_name}"
    );
    assert_eq!(
        exported["version"],
        plan_workbench::model::format::FORMAT_VERSION,
        "the current version in {file_name}"
    );
    assert_eq!(exported["plan"]["meta"]["title"], title.as_str());
    assert_eq!(
        exported, stored_first["plan"],
        "the file is the stored plan"
    );

    let second = world.browser_on_app().await;
    assert!(
        local_storage_all(&second)
            .await
            .keys()
            .all(|k| !k.starts_with("ipw.plan.")),
        "the second browser starts with an empty library"
    );
    import_file(&second, &path).await;
    wait_plan_title(&second, &title).await;
    let imported_id = open_plan_id(&second).await;
    assert_eq!(
        imported_id, id,
        "the plan keeps its identity across export and import"
    );
    let stored = stored_envelope(&second, &imported_id).await;
    assert_eq!(
        stored["plan"], exported,
        "the stored plan equals the exported document"
    );
    assert_eq!(
        library_titles_after_close(&second).await,
        vec![title.clone()]
    );

    second.close().await;
    first.close().await;
}

/// Goes to the library and lists its plans.
async fn library_titles_after_close(c: &fantoccini::Client) -> Vec<String> {
    click_button(c, "Plan library").await;
    eventually("the library list", || async {
        let t = library_titles(c).await;
        if t.is_empty() {
            Err("no plans listed".into())
        } else {
            Ok(t)
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn broken_file_shows_alert_and_keeps_plan() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Broken files").await;
    add_item(&b, "Add a priority", "Priority title", "Keep me").await;
    let id = open_plan_id(&b).await;
    let key = format!("ipw.plan.{id}");

    // Let the last save settle, then take the "before" picture.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let values_before = textarea_values(&b).await;
    let stored_before = local_storage_get(&b, &key)
        .await
        .expect("the plan is stored");
    let plans_before = plan_entries(&local_storage_all(&b).await);
    assert_eq!(plans_before.len(), 1);

    // A valid document except for an action linked to an aim that is not
    // in the plan (which alone would be offered repaired, see
    // tests/e2e/repair.rs) and with its progress given as text, which no
    // repair mends.
    let mut dangling: Value =
        serde_json::from_str::<Value>(&stored_before).unwrap()["plan"].clone();
    dangling["plan"]["id"] = json!("e2e-dangling-plan");
    dangling["plan"]["meta"]["title"] = json!("Dangling link");
    dangling["plan"]["actions"] = json!([{
        "id": "e2e-action-1",
        "title": "Orphan action",
        "percent": "half",
        "aims": ["e2e-missing-aim"]
    }]);

    let dir = TempDir::new("broken-files");
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        ("not-json.json", "{ not json".to_owned(), vec!["line"]),
        (
            "other-format.json",
            json!({"format": "shopping-list", "version": 1, "items": ["milk"]}).to_string(),
            vec!["format"],
        ),
        (
            "newer-version.json",
            {
                let mut d = dangling.clone();
                d["plan"]["actions"] = json!([]);
                d["version"] = json!(99);
                d.to_string()
            },
            vec!["newer"],
        ),
        (
            "missing-link-and-text-progress.json",
            dangling.to_string(),
            vec!["$.plan.actions[0].percent"],
        ),
    ];

    for (name, text, details) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        import_file(&b, &path).await;
        let message = wait_alert_containing(&b, &format!("“{name}”")).await;
        assert!(
            message.contains(&format!("Could not import “{name}”"))
                && message.contains("Nothing was changed."),
            "the message for {name} says the import failed and nothing changed: {message}"
        );
        assert!(
            details
                .iter()
                .any(|d| message.to_lowercase().contains(&d.to_lowercase())),
            "the message for {name} names what is wrong (one of {details:?}): {message}"
        );
        // Give a wrongly accepted import time to show before checking.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        wait_plan_title(&b, "Broken files").await;
        assert_eq!(
            textarea_values(&b).await,
            values_before,
            "the open plan is unchanged after {name}"
        );
        assert_eq!(
            local_storage_get(&b, &key).await.as_deref(),
            Some(stored_before.as_str()),
            "the stored plan is byte-for-byte unchanged after {name}"
        );
        assert_eq!(
            plan_entries(&local_storage_all(&b).await),
            plans_before,
            "the stored library is unchanged after {name}"
        );
        assert_eq!(open_plan_id(&b).await, id);
    }

    assert_eq!(
        library_titles_after_close(&b).await,
        vec!["Broken files".to_owned()]
    );
    b.close().await;
}

/// A plan titled `title` with one priority, "Shared priority", open in two
/// windows of one browser: returns the plan's id and the two windows (the
/// second is the current one).
async fn plan_in_two_windows(
    world: &World,
    b: &Browser,
    title: &str,
) -> (
    String,
    fantoccini::wd::WindowHandle,
    fantoccini::wd::WindowHandle,
) {
    create_plan(b, title).await;
    add_item(b, "Add a priority", "Priority title", "Shared priority").await;
    let id = open_plan_id(b).await;
    let one = b.window().await.expect("window one");
    let two = b.new_window(true).await.expect("open window two").handle;
    b.switch_to_window(two.clone())
        .await
        .expect("switch to window two");
    goto_app(b, &world.app_url()).await;
    wait_plan_title(b, title).await;
    wait_textarea_count(b, "Shared priority", 1).await;
    (id, one, two)
}

#[tokio::test(flavor = "multi_thread")]
async fn two_windows_do_not_overwrite_each_other() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (id, one, two) = plan_in_two_windows(&world, &b, "Two windows").await;

    b.switch_to_window(one.clone())
        .await
        .expect("switch to window one");
    add_item(
        &b,
        "Add outcome to: Shared priority",
        "Outcome statement",
        "From window one",
    )
    .await;
    eventually("window one's outcome in localStorage", || async {
        let env = stored_envelope(&b, &id).await;
        let s = texts(&plan_of(&env)["outcomes"], "statement");
        if s == ["From window one"] {
            Ok(())
        } else {
            Err(format!("{s:?}"))
        }
    })
    .await;

    b.switch_to_window(two.clone())
        .await
        .expect("switch to window two");
    wait_textarea_count(&b, "From window one", 1).await;
    add_item(
        &b,
        "Add outcome to: Shared priority",
        "Outcome statement",
        "From window two",
    )
    .await;
    let problems = alert_text(&b).await;
    assert!(
        problems.trim().is_empty(),
        "no save problem in window two: {problems}"
    );

    let both = |env: &Value| {
        let mut s = texts(&plan_of(env)["outcomes"], "statement");
        s.sort();
        s
    };
    eventually("both outcomes in localStorage", || async {
        let s = both(&stored_envelope(&b, &id).await);
        if s == ["From window one", "From window two"] {
            Ok(())
        } else {
            Err(format!("{s:?}"))
        }
    })
    .await;

    for (name, w) in [("one", &one), ("two", &two)] {
        b.switch_to_window(w.clone()).await.expect("switch window");
        reload(&b).await;
        wait_plan_title(&b, "Two windows").await;
        for text in ["Shared priority", "From window one", "From window two"] {
            wait_textarea_count(&b, text, 1).await;
        }
        let problems = alert_text(&b).await;
        assert!(
            problems.trim().is_empty(),
            "no problem shown in window {name}: {problems}"
        );
    }
    let env = stored_envelope(&b, &id).await;
    assert_eq!(both(&env), vec!["From window one", "From window two"]);
    assert_eq!(
        plan_entries(&local_storage_all(&b).await).len(),
        1,
        "no copies were made"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_editing() {
    let world = World::start().await;
    let b = world.browser_on_app().await;

    // The one scripted step: put the focus on the new plan's title field.
    field(&b, "Title of a new plan").await;
    js(
        &b,
        "document.getElementById('new-plan-title').focus();",
        vec![],
    )
    .await;
    assert_eq!(focus(&b).await.name, "Title of a new plan");
    type_keys(&b, "Keyboard plan").await;
    press(&b, Key::Enter).await;
    wait_plan_title(&b, "Keyboard plan").await;

    // Two priorities.
    let is_add_priority = |f: &Focus| f.tag == "button" && f.name == "Add a priority";
    tab_until(
        &b,
        "the “Add a priority” button",
        false,
        40,
        is_add_priority,
    )
    .await;
    press(&b, Key::Enter).await;
    wait_new_item_focused(&b, "Priority title").await;
    type_keys(&b, "Keyboard priority one").await;
    wait_textarea_count(&b, "Keyboard priority one", 1).await;

    tab_until(
        &b,
        "the “Add a priority” button",
        false,
        40,
        is_add_priority,
    )
    .await;
    press(&b, Key::Space).await;
    wait_new_item_focused(&b, "Priority title").await;
    type_keys(&b, "Keyboard priority two").await;
    wait_textarea_count(&b, "Keyboard priority two", 1).await;

    // An outcome under the first priority: back to its "+ Outcome".
    tab_until(
        &b,
        "“Add outcome to: Keyboard priority one”",
        true,
        20,
        |f| f.name == "Add outcome to: Keyboard priority one",
    )
    .await;
    press(&b, Key::Enter).await;
    wait_new_item_focused(&b, "Outcome statement").await;
    type_keys(&b, "Keyboard outcome").await;
    wait_textarea_count(&b, "Keyboard outcome", 1).await;

    // Its details, and a tick for the second priority.
    tab_until(&b, "“Details of Keyboard outcome”", false, 5, |f| {
        f.tag == "button" && f.name == "Details of Keyboard outcome"
    })
    .await;
    press(&b, Key::Enter).await;
    eventually("the outcome's details to open", || async {
        b.find(Locator::Css(
            "[role=group][aria-label='Details of this outcome']",
        ))
        .await
        .map(|_| ())
        .map_err(dbg)
    })
    .await;
    let tick = tab_until(
        &b,
        "the tick for “Keyboard priority two”",
        false,
        40,
        |f| f.kind == "checkbox" && f.name.ends_with("Keyboard priority two"),
    )
    .await;
    assert!(!tick.checked, "not yet linked: {tick:?}");
    press(&b, Key::Space).await;

    eventually("the tick to be checked", || async {
        let f = focus(&b).await;
        if f.kind == "checkbox" && f.checked {
            Ok(())
        } else {
            Err(format!("{f:?}"))
        }
    })
    .await;
    // Linked to both priorities, the outcome shows under each.
    wait_textarea_count(&b, "Keyboard outcome", 2).await;

    let id = open_plan_id(&b).await;
    let env = stored_envelope(&b, &id).await;
    let plan = plan_of(&env);
    assert_eq!(plan["meta"]["title"], "Keyboard plan");
    assert_eq!(
        texts(&plan["priorities"], "title"),
        vec!["Keyboard priority one", "Keyboard priority two"]
    );
    let mut priority_ids = texts(&plan["priorities"], "id");
    priority_ids.sort();
    let outcome = find_by(&plan["outcomes"], "statement", "Keyboard outcome");
    assert_eq!(
        ids(&outcome["priorities"]),
        priority_ids,
        "the outcome belongs to both priorities"
    );
    b.close().await;
}

/// Drops a file holding `text` onto the page, as a drag from the desktop does.
async fn drop_file(c: &fantoccini::Client, name: &str, text: &str) {
    js(
        c,
        "const dt = new DataTransfer(); \
         dt.items.add(new File([arguments[1]], arguments[0], {type: 'application/json'})); \
         document.querySelector('.app').dispatchEvent(new DragEvent('drop', \
           {dataTransfer: dt, bubbles: true, cancelable: true}));",
        vec![json!(name), json!(text)],
    )
    .await;
}

async fn wait_library_titles(c: &fantoccini::Client, want: &[&str]) {
    let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    want.sort();
    eventually(&format!("the library to list {want:?}"), || async {
        let seen = library_titles(c).await;
        if seen == want {
            Ok(())
        } else {
            Err(format!("{seen:?}"))
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn library_rename_duplicate_delete_and_import_of_a_plan_already_here() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Library plan").await;
    add_item(&b, "Add a priority", "Priority title", "Stored priority").await;
    click_button(&b, "Export plan file").await;
    let (file, exported) = wait_download_json(b.download_dir(), "library-plan.json").await;

    // Importing the same plan again asks before touching the stored one;
    // "Keep both" adds the file's plan under a new id.
    import_file(&b, &file).await;
    let question = wait_alert_containing(&b, "already in this browser").await;
    assert!(
        question.contains("Library plan"),
        "names the plan: {question}"
    );
    click_button(&b, "Keep both").await;
    click_button(&b, "Plan library").await;
    wait_library_titles(&b, &["Library plan", "Library plan"]).await;
    let stored = plan_entries(&local_storage_all(&b).await);
    assert_eq!(stored.len(), 2, "two stored plans: {:?}", stored.keys());

    // Dropping a changed copy of the file on the page and choosing
    // "Replace" replaces only the plan with that id.
    let mut changed = exported.clone();
    changed["plan"]["meta"]["title"] = json!("Replaced from a dropped file");
    drop_file(&b, "changed.json", &changed.to_string()).await;
    wait_alert_containing(&b, "already in this browser").await;
    click_button(&b, "Replace the stored plan").await;
    wait_plan_title(&b, "Replaced from a dropped file").await;
    wait_textarea_count(&b, "Stored priority", 1).await;
    click_button(&b, "Plan library").await;
    wait_library_titles(&b, &["Library plan", "Replaced from a dropped file"]).await;

    // Rename, duplicate, then delete with a confirmation that can be refused.
    click_button(&b, "Rename Library plan").await;
    let name = field(&b, "New title").await;
    name.clear().await.expect("clear the title");
    name.send_keys("Renamed plan")
        .await
        .expect("type the title");
    click_button(&b, "Save title").await;
    wait_library_titles(&b, &["Renamed plan", "Replaced from a dropped file"]).await;

    click_button(&b, "Duplicate Renamed plan").await;
    wait_library_titles(
        &b,
        &[
            "Copy of Renamed plan",
            "Renamed plan",
            "Replaced from a dropped file",
        ],
    )
    .await;

    click_button(&b, "Delete Copy of Renamed plan").await;
    click_button(&b, "Keep plan").await;
    reload(&b).await;
    wait_library_titles(
        &b,
        &[
            "Copy of Renamed plan",
            "Renamed plan",
            "Replaced from a dropped file",
        ],
    )
    .await;
    click_button(&b, "Delete Copy of Renamed plan").await;
    click_button(&b, "Delete plan").await;
    wait_library_titles(&b, &["Renamed plan", "Replaced from a dropped file"]).await;

    // The library as stored survives a reload.
    reload(&b).await;
    wait_library_titles(&b, &["Renamed plan", "Replaced from a dropped file"]).await;
    assert_eq!(plan_entries(&local_storage_all(&b).await).len(), 2);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn blocked_storage_is_explained_and_work_can_still_be_exported() {
    let world = World::start().await;
    // Blocking cookies for all sites also blocks their local storage.
    let b = world
        .browser_with_prefs(json!({ "profile.default_content_setting_values.cookies": 2 }))
        .await;
    goto_app(&b, &world.app_url()).await;
    let blocked = js(
        &b,
        "try { window.localStorage; return false; } catch (e) { return true; }",
        vec![],
    )
    .await;
    assert_eq!(blocked, json!(true), "the browser blocks local storage");

    let warning = wait_alert_containing(&b, "not letting the workbench keep plans").await;
    assert!(warning.contains("export"), "says what to do: {warning}");

    // The plan opens anyway and can be edited and exported.
    create_plan(&b, "Unsaved plan").await;
    add_item(
        &b,
        "Add a priority",
        "Priority title",
        "Typed without storage",
    )
    .await;
    let alert = alert_text(&b).await;
    assert_eq!(
        alert
            .matches("not letting the workbench keep plans")
            .count(),
        1,
        "one message, not two: {alert}"
    );
    // The banner offers the export too; use the one in the menu bar.
    b.find(Locator::XPath(
        "//nav//button[normalize-space(.)='Export plan file']",
    ))
    .await
    .expect("the menu's “Export plan file”")
    .click()
    .await
    .expect("click “Export plan file”");
    let (_, exported) = wait_download_json(b.download_dir(), "unsaved-plan.json").await;
    assert_eq!(
        texts(&exported["plan"]["priorities"], "title"),
        vec!["Typed without storage".to_string()]
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn undo_and_redo_in_the_outline() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Undo in the outline").await;
    add_item(&b, "Add a priority", "Priority title", "Safer families").await;
    let id = open_plan_id(&b).await;
    let titles = |env: Value| texts(&plan_of(&env)["priorities"], "title");
    eventually("the typed title to be saved", || async {
        let t = titles(stored_envelope(&b, &id).await);
        (t == ["Safer families"])
            .then_some(())
            .ok_or(format!("{t:?}"))
    })
    .await;

    // The focus is still in the title: one Ctrl+Z takes back all the
    // typing (one step, not one letter), the next the new priority.
    press_ctrl(&b, false, 'z').await;
    wait_textarea_count(&b, "", 1).await;
    let t = titles(stored_envelope(&b, &id).await);
    assert_eq!(t, [""], "the whole burst of typing is one step");
    press_ctrl(&b, false, 'z').await;
    eventually("the priority to be gone", || async {
        let t = titles(stored_envelope(&b, &id).await);
        t.is_empty().then_some(()).ok_or(format!("{t:?}"))
    })
    .await;

    // Redo by the button, then by Ctrl+Y.
    click_button(&b, "Redo").await;
    wait_textarea_count(&b, "", 1).await;
    press_ctrl(&b, false, 'y').await;
    wait_textarea_count(&b, "Safer families", 1).await;
    let t = titles(stored_envelope(&b, &id).await);
    assert_eq!(t, ["Safer families"]);
    // Nothing more to redo: saying so changes nothing.
    click_button(&b, "Redo").await;
    eventually("a status message that there is nothing to redo", || async {
        let t = text_of(&b, "[role=status]").await?;
        t.contains("There is nothing to redo.")
            .then_some(())
            .ok_or(t)
    })
    .await;
}

/// Another window's save is loaded with a fresh undo history: Ctrl+Z here
/// afterwards must not take back (and save over) the other window's work.
#[tokio::test(flavor = "multi_thread")]
async fn undo_after_another_windows_save_keeps_their_work() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (id, one, two) = plan_in_two_windows(&world, &b, "Undo across windows").await;

    // Window two makes an undoable change of its own.
    add_item(
        &b,
        "Add outcome to: Shared priority",
        "Outcome statement",
        "From window two",
    )
    .await;
    wait_saved(&b).await;

    // Window one sees it, adds its own outcome and saves.
    b.switch_to_window(one.clone())
        .await
        .expect("switch to window one");
    wait_textarea_count(&b, "From window two", 1).await;
    add_item(
        &b,
        "Add outcome to: Shared priority",
        "Outcome statement",
        "From window one",
    )
    .await;
    wait_saved(&b).await;

    // Window two loads window one's version, then the user presses Ctrl+Z.
    b.switch_to_window(two.clone())
        .await
        .expect("switch to window two");
    wait_textarea_count(&b, "From window one", 1).await;
    press_ctrl(&b, false, 'z').await;
    eventually("window two to say there is nothing to undo", || async {
        let v = js(
            &b,
            "return [...document.querySelectorAll('[role=status]')].map(e => e.innerText).join(' ');",
            vec![],
        )
        .await;
        let s = v.as_str().unwrap_or_default().to_owned();
        s.contains("There is nothing to undo.").then_some(()).ok_or(s)
    })
    .await;
    wait_saved(&b).await;
    for text in ["Shared priority", "From window one", "From window two"] {
        wait_textarea_count(&b, text, 1).await;
    }
    let mut outcomes = texts(
        &plan_of(&stored_envelope(&b, &id).await)["outcomes"],
        "statement",
    );
    outcomes.sort();
    assert_eq!(outcomes, vec!["From window one", "From window two"]);
    b.close().await;
}
