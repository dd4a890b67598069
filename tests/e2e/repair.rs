//! Issue 9, "repair instead of refusing whole": a plan file (or a stored
//! copy set aside as unreadable) whose only problems are repairable is
//! offered repaired, with every change listed; declining leaves everything
//! as it was, "Download the original" gives the original bytes, and
//! accepting opens (and stores) the repaired plan.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::harness::*;

/// A plan file with a duplicate id (two outcomes "o1"), a link to an item
/// that is not there (the aim's "o-missing") and an action's progress of
/// 150%, written by hand with a byte order mark and Windows line endings
/// so that "Download the original" is seen to give it back byte for byte.
fn broken_file() -> Vec<u8> {
    let doc = json!({
        "format": "improvement-plan", "version": 1,
        "plan": {
            "id": "repair-e2e",
            "meta": { "title": "Needs repair" },
            "priorities": [{ "id": "p1", "code": "P1", "title": "Safer families" }],
            "outcomes": [
                { "id": "o1", "code": "O1", "statement": "Fewer children harmed", "priorities": ["p1"] },
                { "id": "o1", "code": "O2", "statement": "More children safe at home", "priorities": ["p1"] }
            ],
            "aims": [
                { "id": "a1", "code": "A1", "statement": "Earlier help", "outcomes": ["o1", "o-missing"] }
            ],
            "actions": [
                { "id": "act1", "code": "1.1", "title": "Train staff", "percent": 150, "aims": ["a1"] }
            ],
            "measures": []
        }
    });
    let text = serde_json::to_string_pretty(&doc)
        .unwrap()
        .replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(text.as_bytes());
    bytes.extend(b"\r\n");
    bytes
}

/// The open repair dialog's list of changes, once it shows.
async fn wait_offer(c: &Client) -> Vec<String> {
    eventually("the offer to open the plan repaired", || async {
        let v = js(
            c,
            "const d = document.querySelector('dialog.repair-offer');
             if (!d || !d.open) return null;
             return Array.from(d.querySelectorAll('.repair-list li')).map(li => li.innerText);",
            vec![],
        )
        .await;
        serde_json::from_value::<Option<Vec<String>>>(v)
            .map_err(dbg)?
            .filter(|l| !l.is_empty())
            .ok_or_else(|| "no open dialog".to_owned())
    })
    .await
}

async fn wait_offer_gone(c: &Client) {
    eventually("the offer to close", || async {
        let v = js(
            c,
            "return !!document.querySelector('dialog.repair-offer');",
            vec![],
        )
        .await;
        (v == json!(false))
            .then_some(())
            .ok_or("still shown".to_owned())
    })
    .await;
}

/// Everything the user has: what is stored, the open plan's id and what
/// its screen shows.
async fn everything(
    c: &Client,
) -> (
    std::collections::BTreeMap<String, String>,
    String,
    Vec<String>,
) {
    let stored = local_storage_all(c).await;
    let open = stored.get("ipw.last-open").cloned().unwrap_or_default();
    (stored, open, textarea_values(c).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_needing_repair_lists_every_change_and_opens_only_on_yes() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Work in hand").await;
    add_item(&b, "Add a priority", "Priority title", "Keep me").await;
    wait_saved(&b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = everything(&b).await;
    assert!(before.2.contains(&"Keep me".to_owned()), "{:?}", before.2);

    let dir = TempDir::new("repair");
    let file = dir.path().join("needs-repair.json");
    let original = broken_file();
    std::fs::write(&file, &original).unwrap();

    // The list names every change, and where.
    import_file(&b, &file).await;
    let changes = wait_offer(&b).await;
    assert_eq!(changes.len(), 4, "{changes:#?}");
    assert!(
        changes[0].contains("The outcome O2 “More children safe at home” had the id “o1”")
            && changes[0].contains("the outcome O1 “Fewer children harmed”")
            && changes[0].contains("“o1-2”"),
        "the duplicate id: {}",
        changes[0]
    );
    assert!(
        changes[1].contains("The improvement aim A1 “Earlier help” was linked to “o1”")
            && changes[1].contains("it is now linked to both"),
        "links to the duplicated id: {}",
        changes[1]
    );
    assert!(
        changes[2].contains("“o-missing” that is not in the plan")
            && changes[2].contains("removed"),
        "the dangling link: {}",
        changes[2]
    );
    assert!(
        changes[3]
            .contains("The action 1.1 “Train staff” had its progress as 150%; it is now 100%"),
        "the percentage: {}",
        changes[3]
    );
    let heading = text_of(&b, "dialog.repair-offer h2").await.unwrap();
    assert!(heading.contains("“needs-repair.json”"), "{heading}");
    // The focus is on the dialog's heading, and Tab goes to its buttons.
    let f = focus(&b).await;
    assert_eq!((f.tag.as_str(), f.name.as_str()), ("h2", heading.trim()));
    press(&b, Key::Tab).await;
    assert_eq!(focus(&b).await.name, "Open the repaired plan");
    assert_no_axe_violations(&b, "the offer to open a file repaired").await;

    // Undo does not reach the plan hidden behind the dialog; Escape
    // declines: nothing is changed.
    press_ctrl(&b, false, 'z').await;
    press(&b, Key::Escape).await;
    wait_offer_gone(&b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(everything(&b).await, before, "nothing changed after Escape");
    wait_plan_title(&b, "Work in hand").await;

    // "Download the original" gives the file exactly as it was; "Cancel"
    // then changes nothing either.
    import_file(&b, &file).await;
    wait_offer(&b).await;
    click_button(&b, "Download the original").await;
    let downloaded = wait_download_bytes(b.download_dir(), "needs-repair.json").await;
    assert_eq!(downloaded, original, "the original, byte for byte");
    click_button(&b, "Cancel").await;
    wait_offer_gone(&b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(everything(&b).await, before, "nothing changed after Cancel");

    // Yes: the repaired plan opens and is stored; the plan that was open
    // is kept as it was.
    import_file(&b, &file).await;
    wait_offer(&b).await;
    click_button(&b, "Open the repaired plan").await;
    wait_offer_gone(&b).await;
    wait_plan_title(&b, "Needs repair").await;
    wait_textarea_count(&b, "More children safe at home", 1).await;
    assert_eq!(open_plan_id(&b).await, "repair-e2e");
    let stored = stored_envelope(&b, "repair-e2e").await;
    let plan = &stored["plan"]["plan"];
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect()
    };
    let outcome_ids: Vec<String> = plan["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcome_ids, ["o1", "o1-2"]);
    assert_eq!(ids(&plan["aims"][0]["outcomes"]), ["o1", "o1-2"]);
    assert_eq!(ids(&plan["outcomes"][1]["priorities"]), ["p1"]);
    assert_eq!(plan["actions"][0]["percent"], json!(100));
    assert_eq!(ids(&plan["actions"][0]["aims"]), ["a1"]);
    let all = local_storage_all(&b).await;
    let work_key = format!("ipw.plan.{}", before.1);
    assert_eq!(
        all.get(&work_key),
        before.0.get(&work_key),
        "the plan that was open is stored as it was"
    );
    // It survives a reload, so it was saved.
    reload(&b).await;
    wait_plan_title(&b, "Needs repair").await;
    wait_textarea_count(&b, "Fewer children harmed", 1).await;
    b.close().await;
}

/// The "Try to open" button of the one set-aside copy.
async fn try_to_open(c: &Client) {
    let button = eventually("the set-aside copy's “Try to open”", || async {
        c.find(Locator::Css(
            ".set-aside-row button[aria-label^=\"Try to open\"]",
        ))
        .await
        .map_err(dbg)
    })
    .await;
    button.click().await.expect("click “Try to open”");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_set_aside_copy_needing_repair_is_offered_repaired_and_kept_if_declined() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let stored = json!({
        "revision": 2, "changed": "2026-11-01T10:00:00Z",
        "plan": { "format": "improvement-plan", "version": 1,
                  "plan": { "id": "kept-copy", "meta": { "title": "Kept copy" },
                            "priorities": [{ "id": "p1", "title": "Keep children safe" }],
                            "outcomes": [{ "id": "o1", "statement": "Fewer harmed", "priorities": ["p1", "p-gone"] }] } }
    });
    js(
        &b,
        "localStorage.setItem('ipw.plan.kept-copy', arguments[0]);",
        vec![json!(stored.to_string())],
    )
    .await;
    reload(&b).await;
    // Not readable as it is: set aside, exactly as it was.
    wait_alert_containing(&b, "could not be read").await;
    let aside = |all: &std::collections::BTreeMap<String, String>| -> Vec<(String, String)> {
        all.iter()
            .filter(|(k, _)| k.starts_with("ipw.unreadable.") && *k != "ipw.unreadable-dismissed")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let before = local_storage_all(&b).await;
    let copies = aside(&before);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0].1, stored.to_string(), "set aside as it was");

    try_to_open(&b).await;
    let changes = wait_offer(&b).await;
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(
        changes[0].contains("The outcome “Fewer harmed” was linked to an item with id “p-gone”"),
        "{}",
        changes[0]
    );
    let heading = text_of(&b, "dialog.repair-offer h2").await.unwrap();
    assert!(heading.contains("copy that could not be read"), "{heading}");
    click_button(&b, "Download the original").await;
    let downloaded = wait_download_bytes(b.download_dir(), "original-stored-copy.json").await;
    assert_eq!(
        downloaded,
        stored.to_string().into_bytes(),
        "the stored text, exactly"
    );
    click_button(&b, "Cancel").await;
    wait_offer_gone(&b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        local_storage_all(&b).await,
        before,
        "declining changes nothing"
    );
    assert_eq!(
        js(
            &b,
            "return document.querySelectorAll('.set-aside-row').length;",
            vec![]
        )
        .await,
        json!(1),
        "still listed as set aside"
    );

    // Yes: the repaired plan is stored and opened, and the copy goes.
    try_to_open(&b).await;
    wait_offer(&b).await;
    click_button(&b, "Open the repaired plan").await;
    wait_plan_title(&b, "Kept copy").await;
    let env = stored_envelope(&b, "kept-copy").await;
    assert_eq!(
        env["plan"]["plan"]["outcomes"][0]["priorities"],
        json!(["p1"])
    );
    assert!(
        aside(&local_storage_all(&b).await).is_empty(),
        "the copy is gone"
    );
    b.close().await;
}
