//! The state design seen from the browser: on a 1,000-item plan, typing
//! into the selected card's text in the side panel changes only that card
//! and the panel (counted with a MutationObserver), re-reads only that
//! card's text and does not run the layout again unless the card's height
//! changes.

use fantoccini::Locator;
use serde_json::{json, Value};

use plan_workbench::model::format::export_plan;
use plan_workbench::model::synthetic::synthetic_plan;

use crate::harness::*;

/// Types into the side panel and reports every DOM change it caused,
/// whether each lies in the edited card, the panel or the top bar's save
/// state and undo buttons, and the app's work counters before and after.
const EDIT_AND_WATCH: &str = r#"
const [id, longer, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const probe = () => Object.assign({ layout: 0, cardText: 0 }, window.__ipwProbe || {});
const before = probe();
const records = [];
const observer = new MutationObserver(list => records.push(...list));
observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
const area = document.querySelector('.side-panel textarea');
// The same length keeps every line of the card as long as it was, so its
// height; the longer text needs more lines.
const last = area.value.slice(-1);
area.value = longer
  ? area.value + ' and a good deal more text, enough to need more lines on the card'
  : area.value.slice(0, -1) + (last === 'x' ? 'y' : 'x');
area.dispatchEvent(new Event('input', { bubbles: true }));
const card = () => document.querySelector(`[data-card-id="${id}"]`);
const settle = n => requestAnimationFrame(() => n > 0 ? settle(n - 1) : finish());
function finish() {
  records.push(...observer.takeRecords());
  observer.disconnect();
  const where = r => {
    const el = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
    if (!el) return 'detached';
    if (el.closest(`[data-card-id="${id}"]`)) return 'card';
    if (el.closest('.side-panel')) return 'panel';
    if (el.closest('.save-state') || el.closest('header.topbar button')) return 'top bar';
    return `${el.tagName.toLowerCase()}.${el.className} (${r.type} ${r.attributeName || ''})`;
  };
  done({
    places: records.map(where),
    before,
    after: probe(),
    text: card() ? card().querySelector('.card-text').textContent : null,
    typed: area.value,
  });
}
settle(3);
"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_text_edit_on_a_large_plan_changes_only_its_card_and_the_panel() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let dir = TempDir::new("fine-grained");
    let file = dir.path().join("synthetic-1000.json");
    std::fs::write(&file, export_plan(&synthetic_plan(1_000, 7))).expect("write the plan file");
    import_file(&b, &file).await;
    eventually("the imported plan to open", || async {
        b.find(Locator::XPath(&button_xpath("Driver diagram")))
            .await
            .map(|_| ())
            .map_err(dbg)
    })
    .await;
    click_button(&b, "Driver diagram").await;
    let id = eventually("the diagram's cards", || async {
        let v = js(
            &b,
            "const c = document.querySelectorAll('.canvas [data-card-id]'); return c.length >= 20 ? c[3].getAttribute('data-card-id') : null;",
            vec![],
        )
        .await;
        v.as_str().map(str::to_owned).ok_or_else(|| "fewer than 20 cards".to_owned())
    })
    .await;
    let card = b
        .find(Locator::Css(&format!("[data-card-id=\"{id}\"] .card-text")))
        .await
        .expect("the card");
    card.click().await.expect("select the card");
    eventually("the side panel's text field", || async {
        let v = js(
            &b,
            "return !!document.querySelector('.side-panel textarea');",
            vec![],
        )
        .await;
        (v == json!(true))
            .then_some(())
            .ok_or_else(|| "no field yet".to_owned())
    })
    .await;
    wait_saved(&b).await;

    let report: Value = b
        .execute_async(EDIT_AND_WATCH, vec![json!(id), json!(false)])
        .await
        .expect("edit and watch");
    let places: Vec<String> = serde_json::from_value(report["places"].clone()).unwrap();
    assert_eq!(
        report["text"], report["typed"],
        "the card shows the new text"
    );
    assert!(
        places.iter().any(|p| p == "card"),
        "the card changed: {places:?}"
    );
    let elsewhere: Vec<&String> = places
        .iter()
        .filter(|p| !matches!(p.as_str(), "card" | "panel" | "top bar"))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "nothing outside the edited card, the panel and the save state changed: {elsewhere:?}"
    );
    assert_eq!(
        report["after"]["layout"], report["before"]["layout"],
        "a text edit that keeps the card's height does not run the layout"
    );
    assert_eq!(
        report["after"]["cardText"].as_f64().unwrap()
            - report["before"]["cardText"].as_f64().unwrap(),
        1.0,
        "only the edited card re-read its text: {report}"
    );

    // A text that makes the card taller moves the cards below it: the
    // layout runs again (once).
    let report: Value = b
        .execute_async(EDIT_AND_WATCH, vec![json!(id), json!(true)])
        .await
        .expect("edit and watch");
    assert_eq!(
        report["text"], report["typed"],
        "the card shows the new text"
    );
    assert_eq!(
        report["after"]["layout"].as_f64().unwrap() - report["before"]["layout"].as_f64().unwrap(),
        1.0,
        "a taller card runs the layout again: {report}"
    );
    b.close().await;
}
