//! Issue 8, "nothing typed is ever lost, every failure is said out loud":
//! a cleared title, set-aside copies, plans of a newer version, a full
//! storage, a plan too big for it, downloads that fail and files nested too
//! deeply, each tried as a user would.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::harness::*;

/// The keys of copies set aside as unreadable.
async fn set_aside_keys(c: &Client) -> Vec<String> {
    local_storage_all(c)
        .await
        .into_keys()
        .filter(|k| k.starts_with("ipw.unreadable."))
        .filter(|k| k != "ipw.unreadable-dismissed")
        .collect()
}

/// The names of the buttons in the set-aside copies' rows that start with
/// `word` ("Try to open", "Download", "Delete"), in row order.
async fn copy_buttons(c: &Client, word: &str) -> Vec<String> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('.set-aside-row button'))
           .map(x => x.getAttribute('aria-label')).filter(n => n.startsWith(arguments[0]));",
        vec![json!(word)],
    )
    .await;
    serde_json::from_value(v).expect("button names")
}

async fn top_bar_state(c: &Client) -> String {
    text_of(c, ".save-state").await.unwrap_or_default()
}

/// Fills local storage with filler until the browser refuses more, leaving
/// `room` UTF-16 units free at most; returns the filler keys.
pub(crate) async fn fill_storage(c: &Client, room: usize) -> Vec<String> {
    let v = js(
        c,
        "const keys = []; let size = 1 << 20; let i = 0;
         while (size > arguments[0]) {
           try { localStorage.setItem('filler.' + i, 'x'.repeat(size)); keys.push('filler.' + i); i++; }
           catch (e) { size = Math.floor(size / 2); }
         }
         return keys;",
        vec![json!(room)],
    )
    .await;
    serde_json::from_value(v).expect("filler keys")
}

/// Whether leaving the page now would make the browser ask first: the
/// event the browser sends before it unloads a page (a BeforeUnloadEvent,
/// made here because headless Chromium under chromedriver was seen to
/// reload without showing the question) is dispatched, and whether the
/// page cancelled it read back.
async fn leaving_is_questioned(c: &Client) -> bool {
    let v = js(
        c,
        "const e = document.createEvent('BeforeUnloadEvent'); e.initEvent('beforeunload', false, true);
         window.dispatchEvent(e); return [e.defaultPrevented, String(e.returnValue)];",
        vec![],
    )
    .await;
    let asked = v[0].as_bool().expect("a yes or no");
    if asked {
        let words = v[1].as_str().unwrap_or_default();
        assert!(
            words.contains("export"),
            "the message says how to keep the work: {words}"
        );
    }
    asked
}

async fn open_details(c: &Client) {
    click_button(c, "Plan details").await;
    field(c, "Plan title").await;
}

/// Replaces a text field's whole value by typing (select all, then the
/// new text, or Backspace to clear).
async fn retype(c: &Client, label: &str, text: &str) {
    let f = field(c, label).await;
    f.click().await.expect("focus the field");
    js(
        c,
        "arguments[0].select();",
        vec![serde_json::to_value(&f).expect("element")],
    )
    .await;
    if text.is_empty() {
        f.send_keys("\u{E003}").await.expect("Backspace");
    } else {
        f.send_keys(text).await.expect("type");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cleared_title_is_saved_and_shown_as_untitled_in_both_windows() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (id, one, two) = super::plan_in_two_windows(&world, &b, "Title to clear").await;
    b.switch_to_window(one.clone()).await.expect("window one");
    open_details(&b).await;
    retype(&b, "Plan title", "").await;
    wait_plan_title(&b, "Untitled plan").await;
    wait_saved(&b).await;
    assert_eq!(top_bar_state(&b).await, "Saved in this browser");
    let stored = stored_envelope(&b, &id).await;
    assert_eq!(stored["plan"]["plan"]["meta"]["title"], json!(""));

    // The other window shows the change; nothing says it was deleted.
    b.switch_to_window(two.clone()).await.expect("window two");
    wait_plan_title(&b, "Untitled plan").await;
    let alert = alert_text(&b).await;
    assert!(!alert.contains("deleted"), "no false deletion: {alert}");

    // After a reload the plan opens, and the library lists it.
    reload(&b).await;
    wait_plan_title(&b, "Untitled plan").await;
    click_button(&b, "Plan library").await;
    eventually("the library to list “Untitled plan”", || async {
        let titles = library_titles(&b).await;
        (titles == vec!["Untitled plan".to_owned()])
            .then_some(())
            .ok_or(format!("{titles:?}"))
    })
    .await;
    assert!(set_aside_keys(&b).await.is_empty(), "nothing set aside");
    assert!(
        !alert_text(&b).await.contains("could not be read"),
        "no unreadable-plan notice"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn set_aside_copies_are_listed_and_can_be_opened_downloaded_or_deleted() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    // A copy an earlier version set aside (a whole stored plan inside its
    // storage wrapper), and a stored plan that is not JSON at all.
    let plan = json!({
        "format": "improvement-plan", "version": 1,
        "plan": { "id": "rescued-plan", "meta": { "title": "Rescued plan" },
                  "priorities": [], "outcomes": [], "aims": [], "actions": [], "measures": [] }
    });
    let wrapper = json!({ "revision": 3, "changed": "2026-11-01T10:00:00Z", "plan": plan });
    js(
        &b,
        "localStorage.setItem('ipw.unreadable.rescued-plan.20261101T100000000', arguments[0]);
         localStorage.setItem('ipw.plan.broken', '{\"revision\": 1, \"plan\": {');",
        vec![json!(wrapper.to_string())],
    )
    .await;
    reload(&b).await;

    // One notice per copy, each once, however it was found.
    let notices = wait_alert_containing(&b, "could not be read").await;
    assert!(
        notices.contains("Copies that could not be read"),
        "{notices}"
    );
    let alert = alert_text(&b).await;
    assert_eq!(
        alert
            .matches("A plan stored in this browser could not be read")
            .count(),
        2,
        "each copy reported once: {alert}"
    );
    eventually("the library to list the two copies", || async {
        let rows = js(
            &b,
            "return document.querySelectorAll('.set-aside-row').length;",
            vec![],
        )
        .await;
        (rows == json!(2))
            .then_some(())
            .ok_or(format!("{rows} rows"))
    })
    .await;

    // Dismissed for good: not shown after a reload, still listed.
    for left in [2, 1] {
        let dismiss = b
            .find_all(Locator::XPath(&button_xpath("Dismiss")))
            .await
            .expect("the notices' Dismiss buttons");
        assert_eq!(dismiss.len(), left);
        dismiss[0].click().await.expect("dismiss");
        eventually("the notice to go", || async {
            let n = b
                .find_all(Locator::XPath(&button_xpath("Dismiss")))
                .await
                .map_err(dbg)?
                .len();
            (n == left - 1).then_some(()).ok_or(format!("{n} notices"))
        })
        .await;
    }
    reload(&b).await;
    eventually("the library to list the two copies again", || async {
        let rows = js(
            &b,
            "return document.querySelectorAll('.set-aside-row').length;",
            vec![],
        )
        .await;
        (rows == json!(2))
            .then_some(())
            .ok_or(format!("{rows} rows"))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let alert = alert_text(&b).await;
    assert!(!alert.contains("could not be read"), "dismissed: {alert}");

    // The download of the wrapped copy is a plan file the importer reads.
    let keys = set_aside_keys(&b).await;
    assert_eq!(keys.len(), 2, "{keys:?}");
    let names = copy_buttons(&b, "Download").await;
    for name in &names {
        click_button(&b, name).await;
    }
    let (_, file) = wait_download_json(b.download_dir(), "recovered-plan.json").await;
    assert_eq!(file["format"], json!("improvement-plan"));
    assert_eq!(file["plan"]["meta"]["title"], json!("Rescued plan"));
    let text_copy = b.download_dir().join("unreadable-plan.txt");
    let kept = eventually("the unreadable copy's download", || async {
        std::fs::read_to_string(&text_copy).map_err(dbg)
    })
    .await;
    assert_eq!(kept, "{\"revision\": 1, \"plan\": {", "kept exactly");

    // "Try to open" on the broken one says why and keeps it; on the
    // wrapped one it opens the plan and the copy goes.
    let tries = copy_buttons(&b, "Try to open").await;
    assert_eq!(tries.len(), 2);
    // Rows are oldest first: the rescued copy (set aside in November),
    // then the broken one (set aside today).
    click_button(&b, &tries[1]).await;
    let why = wait_alert_containing(&b, "still cannot be opened").await;
    assert!(
        why.contains("not valid JSON") || why.contains("ends too early"),
        "{why}"
    );
    click_button(&b, &tries[0]).await;
    wait_plan_title(&b, "Rescued plan").await;
    wait_saved(&b).await;
    assert_eq!(set_aside_keys(&b).await.len(), 1, "the opened copy is gone");
    click_button(&b, "Plan library").await;
    let titles = library_titles(&b).await;
    assert_eq!(titles, vec!["Rescued plan".to_owned()]);

    // Delete asks, then deletes.
    let delete = copy_buttons(&b, "Delete").await;
    assert_eq!(delete.len(), 1);
    click_button(&b, &delete[0]).await;
    assert_eq!(set_aside_keys(&b).await.len(), 1, "not before confirming");
    click_button(&b, "Delete copy").await;
    eventually("the copy to be deleted", || async {
        let keys = set_aside_keys(&b).await;
        keys.is_empty().then_some(()).ok_or(format!("{keys:?}"))
    })
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_of_a_newer_version_is_kept_listed_and_opens_once_readable() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let doc = |version: u32| {
        json!({
            "revision": 7, "changed": "2026-11-20T09:30:00Z",
            "plan": { "format": "improvement-plan", "version": version,
                      "plan": { "id": "from-the-future", "meta": { "title": "Plan from a newer workbench" },
                                "priorities": [], "outcomes": [], "aims": [], "actions": [], "measures": [] } }
        })
        .to_string()
    };
    let newer = doc(99);
    js(
        &b,
        "localStorage.setItem('ipw.plan.from-the-future', arguments[0]);",
        vec![json!(newer)],
    )
    .await;
    reload(&b).await;
    eventually("the library to list the newer plan", || async {
        let t = text_of(&b, ".needs-newer").await?;
        (t.contains("Plan from a newer workbench")
            && t.contains("Needs a newer version of the workbench"))
        .then_some(())
        .ok_or(t)
    })
    .await;
    reload(&b).await;
    text_of(&b, ".needs-newer").await.expect("still listed");
    let all = local_storage_all(&b).await;
    assert_eq!(
        all.get("ipw.plan.from-the-future"),
        Some(&newer),
        "untouched"
    );
    assert!(set_aside_keys(&b).await.is_empty(), "not set aside");
    assert!(!alert_text(&b).await.contains("could not be read"));

    // Once this version can read it (here: the same plan as version 1), it
    // is an ordinary plan of the library.
    js(
        &b,
        "localStorage.setItem('ipw.plan.from-the-future', arguments[0]);",
        vec![json!(doc(1))],
    )
    .await;
    reload(&b).await;
    click_button(&b, "Open Plan from a newer workbench").await;
    wait_plan_title(&b, "Plan from a newer workbench").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn edits_that_cannot_be_saved_are_not_lost_by_leaving() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Full storage").await;
    wait_saved(&b).await;
    assert!(!leaving_is_questioned(&b).await, "saved: leave freely");
    fill_storage(&b, 16).await;
    open_details(&b).await;
    let vision = field(&b, "Vision").await;
    vision
        .send_keys(&"A long vision that does not fit. ".repeat(20))
        .await
        .expect("type");
    eventually("the top bar to say “Not saved”", || async {
        let s = top_bar_state(&b).await;
        (s == "Not saved").then_some(()).ok_or(s)
    })
    .await;
    assert!(leaving_is_questioned(&b).await, "unsaved: the browser asks");

    // The save problem says to export; once exported, leaving is free
    // until the next change.
    let problem = wait_alert_containing(&b, "full").await;
    assert!(problem.contains("export"), "{problem}");
    b.find(Locator::XPath(
        "//nav//button[normalize-space(.)='Export plan file']",
    ))
    .await
    .expect("the menu's export")
    .click()
    .await
    .expect("export");
    wait_download_json(b.download_dir(), "full-storage.json").await;
    assert!(
        !leaving_is_questioned(&b).await,
        "exported: nothing at risk"
    );
    field(&b, "Vision")
        .await
        .send_keys(" More.")
        .await
        .expect("type");
    eventually("a new change to be at risk again", || async {
        leaving_is_questioned(&b)
            .await
            .then_some(())
            .ok_or("not asked".to_owned())
    })
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_too_big_for_storage_stays_open_until_the_user_lets_it_go() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let dir = TempDir::new("big-plan");
    let big = json!({
        "format": "improvement-plan", "version": 1,
        "plan": { "id": "very-big-plan", "meta": { "title": "Very big plan", "vision": "v".repeat(6_000_000) },
                  "priorities": [], "outcomes": [], "aims": [], "actions": [], "measures": [] }
    });
    let path = dir.path().join("very-big-plan.json");
    std::fs::write(&path, big.to_string()).expect("write the big file");
    import_file(&b, &path).await;
    let why = eventually_for("the too-big message", Duration::from_secs(30), || async {
        let a = alert_text(&b).await;
        a.contains("too big to keep in this browser")
            .then_some(a.clone())
            .ok_or(a)
    })
    .await;
    assert!(why.contains("export"), "{why}");
    assert!(!why.contains("delete plans you no longer need"), "{why}");
    wait_plan_title(&b, "Very big plan").await;
    assert_eq!(top_bar_state(&b).await, "Not saved");

    // Going to the library asks first; staying keeps the plan open.
    click_button(&b, "Plan library").await;
    let question = wait_alert_containing(&b, "If you leave it now").await;
    assert!(question.contains("Very big plan"), "{question}");
    click_button(&b, "Stay with this plan").await;
    wait_plan_title(&b, "Very big plan").await;
    // Leaving without saving is the user's choice, and then it goes.
    click_button(&b, "Plan library").await;
    click_button(&b, "Leave without saving").await;
    field(&b, "Title of a new plan").await;
    assert!(library_titles(&b).await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_downloads_are_said_and_long_or_odd_titles_still_export() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    // A title of 235 characters, and characters XML cannot hold (which
    // WebDriver cannot type, so the plan comes from a file).
    let long_title = format!(
        "{}\u{FFFF} end",
        "Improving outcomes for children ".repeat(8)
    );
    let long_title = long_title.chars().take(235).collect::<String>();
    assert_eq!(long_title.chars().count(), 235);
    let dir = TempDir::new("odd-titles");
    let path = dir.path().join("odd.json");
    let plan = json!({
        "format": "improvement-plan", "version": 1,
        "plan": { "id": "odd-titles", "meta": { "title": long_title },
                  "priorities": [{ "id": "p1", "title": "Safe homes" }],
                  "outcomes": [{ "id": "o1", "statement": "Safe \u{FFFF} homes \u{1} here", "priorities": ["p1"] }],
                  "aims": [], "actions": [], "measures": [] }
    });
    std::fs::write(&path, plan.to_string()).unwrap();
    import_file(&b, &path).await;
    wait_plan_title(&b, long_title.trim()).await;
    wait_saved(&b).await;
    b.find(Locator::XPath(
        "//nav//button[normalize-space(.)='Export plan file']",
    ))
    .await
    .expect("export")
    .click()
    .await
    .expect("export");
    let file = eventually_for("a .json export", Duration::from_secs(20), || async {
        let names: Vec<String> = std::fs::read_dir(b.download_dir())
            .map_err(dbg)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names
            .iter()
            .find(|n| n.ends_with(".json"))
            .cloned()
            .ok_or(format!("{names:?}"))
    })
    .await;
    assert!(file.len() <= 100, "a safe file name: {file}");
    let (_, exported) = wait_download_json(b.download_dir(), &file).await;
    assert_eq!(exported["plan"]["meta"]["title"], json!(long_title));

    // The SVG picture parses as XML; the PNG is made.
    click_button(&b, "Driver diagram").await;
    click_button(&b, "Download SVG").await;
    click_button(&b, "Download PNG").await;
    let (svg, png) = eventually_for(
        "the SVG and PNG downloads",
        Duration::from_secs(20),
        || async {
            let mut svg = None;
            let mut png = None;
            for e in std::fs::read_dir(b.download_dir()).map_err(dbg)?.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.ends_with(".svg") {
                    svg = Some(e.path());
                } else if n.ends_with(".png") {
                    png = Some(e.path());
                }
            }
            match (svg, png) {
                (Some(s), Some(p)) => Ok((s, p)),
                other => Err(format!("{other:?}")),
            }
        },
    )
    .await;
    let svg_text = std::fs::read_to_string(&svg).expect("read the SVG");
    roxmltree::Document::parse(&svg_text).expect("the SVG is well-formed XML");
    assert!(svg_text.contains("Safe"), "the card's text is kept");
    assert!(!svg_text.contains('\u{FFFF}') && !svg_text.contains('\u{1}'));
    let png_bytes = std::fs::read(&png).expect("read the PNG");
    assert_eq!(&png_bytes[..4], b"\x89PNG");

    // A download the browser refuses is reported, and nothing changes.
    js(
        &b,
        "URL.createObjectURL = () => { throw new Error('downloads are blocked here'); };",
        vec![],
    )
    .await;
    b.find(Locator::XPath(
        "//nav//button[normalize-space(.)='Export plan file']",
    ))
    .await
    .expect("export")
    .click()
    .await
    .expect("export");
    let said = wait_alert_containing(&b, "could not make the download").await;
    assert!(
        said.contains("plan file") && said.contains("downloads are blocked here"),
        "{said}"
    );
    click_button(&b, "Download SVG").await;
    let said = wait_alert_containing(&b, "download of the picture").await;
    assert!(said.contains("blocked"), "{said}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_nested_too_deeply_is_said_to_be_too_deep() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let dir = TempDir::new("deep");
    let path = dir.path().join("deep.json");
    std::fs::write(
        &path,
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .unwrap();
    import_file(&b, &path).await;
    let said = wait_alert_containing(&b, "deep.json").await;
    assert!(said.contains("nested too deeply"), "{said}");
    assert!(!said.contains("not valid JSON"), "{said}");
    let _: Value = json!(null);
    b.close().await;
}

/// The screens this issue adds pass axe-core: the library with copies
/// that could not be read (and their notices) and a plan of a newer
/// version, a copy's delete confirmation, and the question asked before
/// an unsaved plan is put away.
#[tokio::test(flavor = "multi_thread")]
async fn the_screens_for_kept_copies_and_unsaved_plans_pass_axe() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let mut audit = AxeAudit::default();
    let newer = json!({
        "revision": 1, "changed": "2026-11-20T09:30:00Z",
        "plan": { "format": "improvement-plan", "version": 99,
                  "plan": { "id": "later", "meta": { "title": "Later plan" } } }
    });
    js(
        &b,
        "localStorage.setItem('ipw.plan.broken', 'not a plan');
         localStorage.setItem('ipw.plan.later', arguments[0]);",
        vec![json!(newer.to_string())],
    )
    .await;
    reload(&b).await;
    wait_alert_containing(&b, "could not be read").await;
    text_of(&b, ".needs-newer")
        .await
        .expect("the newer plan's row");
    audit
        .check(&b, "plan library, a copy set aside and a newer plan")
        .await;
    let delete = b
        .find(Locator::Css(
            ".set-aside-row button[aria-label^=\"Delete\"]",
        ))
        .await
        .expect("the copy's Delete");
    delete.click().await.expect("Delete");
    button(&b, "Delete copy").await;
    audit
        .check(&b, "plan library, a copy's delete confirmation")
        .await;

    create_plan(&b, "Unsaved").await;
    fill_storage(&b, 16).await;
    open_details(&b).await;
    field(&b, "Vision")
        .await
        .send_keys(&"Too much to keep. ".repeat(20))
        .await
        .expect("type");
    wait_alert_containing(&b, "full").await;
    click_button(&b, "Plan library").await;
    wait_alert_containing(&b, "If you leave it now").await;
    audit
        .check(&b, "the question before an unsaved plan is put away")
        .await;
    audit.assert_clean();
    b.close().await;
}
