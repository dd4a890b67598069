//! Issue 10, the plan table (src/ui/tracking/table.rs): an action updated
//! from the table by keyboard alone and stored; the overdue filter showing
//! exactly the rows the plan file says; the CSV download equal to the table
//! shown; the printed table A4 landscape with the title on every page and
//! no controls; axe with filters set and the row editor open.

use std::collections::{BTreeMap, BTreeSet};

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::harness::*;
use super::print;
use plan_workbench::model::format::{export_plan, file_stem_for};
use plan_workbench::model::synthetic::synthetic_plan;

/// Opens the example plan and its table; returns the plan's title.
async fn example_table(c: &Client) -> String {
    let title = open_example(c).await;
    click_button(c, "Plan table").await;
    wait_table_rows(c).await;
    title
}

/// Waits until the table shows at least one row; returns how many.
async fn wait_table_rows(c: &Client) -> usize {
    eventually("the plan table's rows", || async {
        let n = js(
            c,
            "return document.querySelectorAll('.tracking-table tbody tr').length;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
        (n > 0)
            .then_some(n as usize)
            .ok_or("no rows yet".to_owned())
    })
    .await
}

/// The stored plan of the open plan (the export document's plan).
async fn stored_plan(c: &Client) -> Value {
    let id = open_plan_id(c).await;
    stored_envelope(c, &id).await["plan"]["plan"].clone()
}

/// Every row of the table as shown, with the merged priority, outcome and
/// aim cells resolved onto each row they span ("" for an empty cell).
const ROWS_SHOWN: &str = r#"
const rows = [...document.querySelectorAll('.tracking-table tbody tr')];
const cur = ['', '', ''], left = [0, 0, 0];
const t = (tr, css) => { const e = tr.querySelector(css); return e ? e.innerText.replace(/\s+/g, ' ').trim() : ''; };
return rows.map(tr => {
  const cells = [...tr.children];
  let i = 0;
  const groups = [];
  for (let col = 0; col < 3; col++) {
    if (left[col] > 0) { left[col]--; groups.push(cur[col]); continue; }
    const c = cells[i++];
    cur[col] = c.classList.contains('none') ? '' : c.innerText.replace(/\s+/g, ' ').trim();
    left[col] = parseInt(c.getAttribute('rowspan') || '1', 10) - 1;
    groups.push(cur[col]);
  }
  return {
    action: tr.dataset.action || '',
    priority: groups[0], outcome: groups[1], aim: groups[2],
    code: t(tr, '.action-cell .code'), title: t(tr, '.action-cell .title'),
    lead: t(tr, 'td.lead'), due: t(tr, 'td.due'), status: t(tr, '.status-word'),
    percent: t(tr, '.percent').replace('%', ''), rag: t(tr, '.rag-word'),
    update: t(tr, '.update-text'),
  };
});
"#;

async fn rows_shown(c: &Client) -> Vec<BTreeMap<String, String>> {
    serde_json::from_value(js(c, ROWS_SHOWN, vec![]).await).expect("the rows shown")
}

/// The focused element's nearest table row's action id.
async fn focused_row_action(c: &Client) -> String {
    js(
        c,
        "const tr = document.activeElement.closest('tr'); return tr ? tr.dataset.action || '' : '';",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn find_action<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("no action {id} in the stored plan"))
}

async fn wait_focus(c: &Client, what: &str, ok: impl Fn(&Focus) -> bool) -> Focus {
    eventually(what, || async {
        let f = focus(c).await;
        if ok(&f) {
            Ok(f)
        } else {
            Err(format!("{f:?}"))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_is_updated_from_the_table_by_keyboard_alone() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    example_table(&b).await;
    let today = chrono::Local::now().date_naive();

    // From the top bar's "Plan table" button, Tab to the first row's
    // "Update" button and open its editor with Enter.
    let update = tab_until(&b, "an “Update action …” button", false, 60, |f| {
        f.tag == "button" && f.name.starts_with("Update action ")
    })
    .await;
    let id = focused_row_action(&b).await;
    assert!(!id.is_empty(), "the button is in an action's row");
    let before = find_action(&stored_plan(&b).await, &id).clone();
    let updates_before = before["updates"].as_array().map_or(0, Vec::len);
    press(&b, Key::Enter).await;
    wait_focus(&b, "the editor's Status field to take the focus", |f| {
        f.tag == "select" && f.name.starts_with("Status")
    })
    .await;
    let dialog_open = js(
        &b,
        "const d = document.querySelector('dialog.row-editor'); return !!d && d.open;",
        vec![],
    )
    .await;
    assert_eq!(dialog_open, json!(true), "the editor is an open dialog");

    // Status: the arrow key picks the next one in the list.
    let statuses = ["not_started", "in_progress", "completed", "cancelled"];
    let old_status = before["status"].as_str().unwrap_or("not_started");
    let (new_status, key) = match statuses.iter().position(|s| *s == old_status) {
        Some(3) => (statuses[2], Key::Up),
        Some(i) => (statuses[i + 1], Key::Down),
        None => (statuses[1], Key::Down),
    };
    press(&b, key).await;
    // Progress: select what is there and type 55.
    press(&b, Key::Tab).await;
    wait_focus(&b, "the Progress field", |f| f.name == "Progress (%)").await;
    press_ctrl(&b, false, 'a').await;
    type_keys(&b, "55").await;
    // RAG: leave as it is. Lead: replace it.
    press(&b, Key::Tab).await;
    press(&b, Key::Tab).await;
    wait_focus(&b, "the Lead field", |f| {
        f.name == "Lead (person, role or group)"
    })
    .await;
    press_ctrl(&b, false, 'a').await;
    type_keys(&b, "Keyboard lead").await;
    // The update: past the due date and the update's date (today), its text,
    // then "Add update".
    let text = tab_until(&b, "the update's text", false, 10, |f| {
        f.name == "What has happened"
    })
    .await;
    assert_eq!(text.tag, "textarea");
    type_keys(&b, "Reviewed at the quarter by keyboard").await;
    tab_until(&b, "the “Add update” button", false, 3, |f| {
        f.tag == "button" && f.name == "Add update"
    })
    .await;
    press(&b, Key::Enter).await;
    eventually("the editor to say the update was added", || async {
        let t = text_of(&b, "dialog.row-editor .added").await?;
        t.contains("added").then_some(()).ok_or(t)
    })
    .await;

    // Escape closes the editor and gives the focus back to the button.
    press(&b, Key::Escape).await;
    let back = wait_focus(&b, "the focus back on the row's Update button", |f| {
        f.tag == "button" && f.name.starts_with("Update action ")
    })
    .await;
    assert_eq!(back.name, update.name);
    assert_eq!(focused_row_action(&b).await, id);
    let open = js(
        &b,
        "return !!document.querySelector('dialog.row-editor');",
        vec![],
    )
    .await;
    assert_eq!(open, json!(false), "the editor is closed");

    // Stored, every change.
    let plan = stored_plan(&b).await;
    let after = find_action(&plan, &id);
    assert_eq!(after["status"], new_status, "{after}");
    assert_eq!(after["percent"], 55);
    assert_eq!(after["lead"], "Keyboard lead");
    let updates = after["updates"].as_array().expect("updates");
    assert_eq!(updates.len(), updates_before + 1);
    let added = updates.last().unwrap();
    assert_eq!(added["text"], "Reviewed at the quarter by keyboard");
    assert_eq!(added["date"], today.to_string());
    assert_eq!(added["status"], new_status, "the update records the status");
    assert_eq!(added["percent"], 55, "and the progress");
    assert_eq!(added["rag"], before["rag"], "and the RAG rating");

    // The row shows the change.
    let rows = rows_shown(&b).await;
    let row = rows.iter().find(|r| r["action"] == id).unwrap();
    assert_eq!(row["lead"], "Keyboard lead");
    assert_eq!(row["percent"], "55");
    assert_eq!(row["update"], "Reviewed at the quarter by keyboard");

    // Undo takes the changes back, one at a time, starting with the update.
    press_ctrl(&b, false, 'z').await;
    eventually("undo to take back the update", || async {
        let plan = stored_plan(&b).await;
        let n = find_action(&plan, &id)["updates"]
            .as_array()
            .map_or(0, Vec::len);
        (n == updates_before)
            .then_some(())
            .ok_or(format!("{n} updates"))
    })
    .await;
    b.close().await;
}

/// How many rows an action has in the table, from the plan file: one per
/// path priority → outcome → aim leading to it (an outcome with no priority
/// or an aim with no outcome still counts as one path; an action with no
/// aim has one row).
fn rows_for_action(plan: &Value, action: &Value) -> usize {
    let list = |v: &Value, field: &str| -> Vec<String> {
        v[field]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let by_id = |kind: &str, id: &str| -> Option<Value> {
        plan[kind]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id).cloned())
    };
    let ids_of = |kind: &str| -> BTreeSet<String> {
        plan[kind]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["id"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let priorities = ids_of("priorities");
    let outcome_paths = |o: &Value| -> usize {
        let ps: BTreeSet<String> = list(o, "priorities")
            .into_iter()
            .filter(|p| priorities.contains(p))
            .collect();
        ps.len().max(1)
    };
    let aim_paths = |a: &Value| -> usize {
        let os: BTreeSet<String> = list(a, "outcomes").into_iter().collect();
        let n: usize = os
            .iter()
            .filter_map(|o| by_id("outcomes", o))
            .map(|o| outcome_paths(&o))
            .sum();
        n.max(1)
    };
    let aims: BTreeSet<String> = list(action, "aims").into_iter().collect();
    let n: usize = aims
        .iter()
        .filter_map(|a| by_id("aims", a))
        .map(|a| aim_paths(&a))
        .sum();
    n.max(1)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_overdue_filter_shows_exactly_the_overdue_actions() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let title = example_table(&b).await;
    click_button(&b, "Export plan file").await;
    let (_, file) =
        wait_download_json(b.download_dir(), &format!("{}.json", file_stem_for(&title))).await;
    let plan = &file["plan"];
    let today = chrono::Local::now().date_naive().to_string();
    // Overdue: due before today, neither completed nor cancelled.
    let overdue: Vec<&Value> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["due"].as_str().is_some_and(|d| d < today.as_str())
                && !matches!(a["status"].as_str(), Some("completed" | "cancelled"))
        })
        .collect();
    assert!(
        !overdue.is_empty(),
        "the example plan has an overdue action to find"
    );
    let want_ids: BTreeSet<String> = overdue
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    let want_rows: usize = overdue.iter().map(|a| rows_for_action(plan, a)).sum();
    let all_rows = rows_shown(&b).await.len();
    assert!(
        all_rows > want_rows,
        "the filter has something to leave out"
    );

    let tick = b
        .find(Locator::XPath(
            "//label[contains(@class,'tick')][normalize-space(.)='Overdue only']//input",
        ))
        .await
        .expect("the “Overdue only” tick");
    tick.click().await.expect("tick “Overdue only”");
    let rows = eventually("the table to show only overdue rows", || async {
        let rows = rows_shown(&b).await;
        (rows.len() == want_rows)
            .then_some(rows.clone())
            .ok_or(format!("{} rows: {rows:?}", rows.len()))
    })
    .await;
    let shown_ids: BTreeSet<String> = rows.iter().map(|r| r["action"].clone()).collect();
    assert_eq!(shown_ids, want_ids);
    assert!(
        rows.iter().all(|r| r["status"] == "Overdue"),
        "each says so: {rows:?}"
    );
    let count = text_of(&b, ".table-count").await.unwrap();
    assert!(
        count.contains(&format!("Showing {want_rows} row")),
        "{count}"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_csv_download_equals_the_table_shown() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let title = example_table(&b).await;
    // Sorted by due date, so the file must follow the rows as shown.
    let sort = field(&b, "Sort by").await;
    sort.select_by_value("due").await.expect("sort by due date");
    eventually("the rows sorted by due date", || async {
        let rows = rows_shown(&b).await;
        let dues: Vec<&String> = rows.iter().map(|r| &r["due"]).collect();
        let parse = |d: &str| chrono::NaiveDate::parse_from_str(d, "%d-%b-%Y").ok();
        let dated: Vec<chrono::NaiveDate> = dues.iter().filter_map(|d| parse(d)).collect();
        let sorted = dated.windows(2).all(|w| w[0] <= w[1]);
        (sorted && dated.len() > 1)
            .then_some(())
            .ok_or(format!("{dues:?}"))
    })
    .await;
    let rows = rows_shown(&b).await;
    click_button(&b, "Download CSV").await;
    let name = format!("{}-plan-table.csv", file_stem_for(&title));
    let bytes = wait_download_bytes(b.download_dir(), &name).await;
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with a byte-order mark"
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column “{name}” in {header:?}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), rows.len(), "one record per row shown");
    for (i, (rec, row)) in records.iter().zip(&rows).enumerate() {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let get = |name: &str| squash(&rec[col(name)]);
        // The table says "Not rated" where the file leaves the RAG empty.
        let rag = match get("RAG").as_str() {
            "" if !row["code"].is_empty() || !row["title"].is_empty() => "Not rated".to_owned(),
            r => r.to_owned(),
        };
        let pairs = [
            ("Priority", get("Priority"), &row["priority"]),
            ("Outcome", get("Outcome"), &row["outcome"]),
            ("Improvement aim", get("Improvement aim"), &row["aim"]),
            ("Action code", get("Action code"), &row["code"]),
            ("Action", get("Action"), &row["title"]),
            ("Lead", get("Lead"), &row["lead"]),
            ("Due", get("Due"), &row["due"]),
            ("Status", get("Status"), &row["status"]),
            ("Progress (%)", get("Progress (%)"), &row["percent"]),
            ("RAG", rag, &row["rag"]),
            ("Latest update", get("Latest update"), &row["update"]),
        ];
        for (name, file, shown) in pairs {
            assert_eq!(&file, shown, "row {i}, column “{name}”");
        }
        // The ISO date is the same day as the UK one.
        let iso = get("Due (ISO)");
        if !iso.is_empty() {
            let d = chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d").unwrap();
            assert_eq!(d.format("%d-%b-%Y").to_string(), get("Due"));
        }
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_printed_table_is_a4_landscape_with_the_title_on_every_page_and_no_controls() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    // A plan long enough to need several pages.
    let dir = TempDir::new("table-print");
    let file = dir.path().join("synthetic-300.json");
    let plan = synthetic_plan(300, 11);
    std::fs::write(&file, export_plan(&plan)).expect("write the plan file");
    import_file(&b, &file).await;
    wait_plan_title(&b, &plan.meta.title).await;
    click_button(&b, "Plan table").await;
    let drawn = wait_table_rows(&b).await;
    let all_rows = plan_workbench::model::progress::table::plan_rows(&plan).len();
    assert!(
        drawn < all_rows,
        "a long table opens with its first rows drawn ({drawn} of {all_rows})"
    );
    let pages = print::printed(&b, false).await;
    let printed_rows = wait_table_rows(&b).await;
    assert_eq!(printed_rows, all_rows, "printing draws every row");
    assert!(pages.len() >= 3, "several pages: {}", pages.len());
    let today = chrono::Local::now()
        .date_naive()
        .format("%d-%b-%Y")
        .to_string();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(
            page.is_a4() && page.is_landscape(),
            "page {n} is A4 landscape: {page:?}"
        );
        let text = page.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&plan.meta.title),
            "page {n} has the plan title: {text}"
        );
        assert!(text.contains(&today), "page {n} has the date");
        for control in [
            "Plan library",
            "Export plan file",
            "Download CSV",
            "Filter and sort",
            "Overdue only",
            "Sort by",
            "Clear filters",
            "Update",
            "Improvement plan workbench",
        ] {
            assert!(
                !text.contains(control),
                "page {n} shows no app control (“{control}”): {text}"
            );
        }
    }
    // The column headings repeat on every page too.
    for (i, p) in pages.iter().enumerate() {
        for heading in ["Priority", "Outcome", "Measures", "RAG"] {
            assert!(
                p.text.contains(heading),
                "page {} has the heading {heading}",
                i + 1
            );
        }
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_table_with_filters_and_the_row_editor_open_passes_axe() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    example_table(&b).await;
    let sort = field(&b, "Sort by").await;
    sort.select_by_value("rag").await.expect("sort by RAG");
    let priority = field(&b, "Priority").await;
    priority
        .select_by_index(1)
        .await
        .expect("filter to the first priority");
    wait_table_rows(&b).await;
    let mut audit = AxeAudit::default();
    audit.check(&b, "the plan table, sorted and filtered").await;
    let first = b
        .find(Locator::Css("button.row-update"))
        .await
        .expect("an Update button");
    first.click().await.expect("open the row editor");
    wait_focus(&b, "the editor's Status field", |f| {
        f.tag == "select" && f.name.starts_with("Status")
    })
    .await;
    audit.check(&b, "the plan table's row editor").await;
    audit.assert_clean();
    b.close().await;
}

/// Typing in the row editor changes only the edited action's rows (and the
/// editor itself): the table is not rebuilt.
#[tokio::test(flavor = "multi_thread")]
async fn typing_in_the_row_editor_changes_only_that_actions_rows() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    example_table(&b).await;
    let first = b
        .find(Locator::Css("tr.action-row button.row-update"))
        .await
        .expect("an Update button");
    let id = js(
        &b,
        "return document.querySelector('tr.action-row').dataset.action;",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned();
    first.click().await.expect("open the row editor");
    wait_focus(&b, "the editor's Status field", |f| {
        f.tag == "select" && f.name.starts_with("Status")
    })
    .await;
    let lead = field(&b, "Lead (person, role or group)").await;
    js(
        &b,
        "window.__tableChanges = []; \
         window.__tableObserver = new MutationObserver(list => window.__tableChanges.push(...list)); \
         window.__tableObserver.observe(document.querySelector('.tracking-table'), \
           {subtree: true, childList: true, attributes: true, characterData: true});",
        vec![],
    )
    .await;
    lead.send_keys("Q").await.expect("type into the Lead field");
    let places = eventually("the edited row to show the new lead", || async {
        let v = js(
            &b,
            "const recs = [...window.__tableChanges, ...window.__tableObserver.takeRecords()]; \
             window.__tableChanges = recs; \
             const rows = [...document.querySelectorAll('tr.action-row')].filter(r => r.dataset.action === arguments[0]); \
             const shown = rows.length > 0 && rows.every(r => r.querySelector('td.lead').textContent.endsWith('Q')); \
             return shown ? recs.map(r => { \
               const el = r.target.nodeType === 1 ? r.target : r.target.parentElement; \
               const tr = el && el.closest('tr'); \
               return tr ? (tr.dataset.action || 'a row with no action') : 'outside any row'; }) : null;",
            vec![json!(id)],
        )
        .await;
        serde_json::from_value::<Vec<String>>(v).map_err(dbg)
    })
    .await;
    assert!(!places.is_empty(), "the row changed");
    let elsewhere: Vec<&String> = places.iter().filter(|p| **p != id).collect();
    assert!(
        elsewhere.is_empty(),
        "only the edited action's rows change, not: {elsewhere:?}"
    );
    b.close().await;
}

/// While the row editor is open, typing a lead does not work out the lead
/// filter's options again (they read the whole plan, and the filter cannot
/// be used behind the modal editor); they are brought up to date when the
/// editor closes.
#[tokio::test(flavor = "multi_thread")]
async fn the_lead_filter_catches_up_when_the_row_editor_closes() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    example_table(&b).await;
    let options = "return [...document.querySelectorAll('.table-controls select')]\
         .find(s => s.closest('label').textContent.includes('Lead'))\
         .querySelectorAll('option').length;";
    let before = js(&b, options, vec![]).await;
    b.find(Locator::Css("tr.action-row button.row-update"))
        .await
        .expect("an Update button")
        .click()
        .await
        .expect("open the row editor");
    wait_focus(&b, "the editor's Status field", |f| {
        f.tag == "select" && f.name.starts_with("Status")
    })
    .await;
    let lead = field(&b, "Lead (person, role or group)").await;
    lead.clear().await.expect("clear the Lead field");
    lead.send_keys("Zebra crossing lead")
        .await
        .expect("type into the Lead field");
    eventually("the edited row to show the new lead", || async {
        let v = js(
            &b,
            "return [...document.querySelectorAll('tr.action-row td.lead')].some(td => td.textContent === 'Zebra crossing lead');",
            vec![],
        )
        .await;
        if v == json!(true) { Ok(()) } else { Err(format!("{v}")) }
    })
    .await;
    let has_new = "return [...document.querySelectorAll('.table-controls option')].some(o => o.textContent === 'Zebra crossing lead');";
    assert_eq!(
        js(&b, has_new, vec![]).await,
        json!(false),
        "the lead filter's options are not worked out again while the editor is open"
    );
    assert_eq!(js(&b, options, vec![]).await, before);
    click_button(&b, "Close").await;
    eventually("the lead filter to offer the new lead", || async {
        if js(&b, has_new, vec![]).await == json!(true) {
            Ok(())
        } else {
            Err("not yet".to_owned())
        }
    })
    .await;
    b.close().await;
}

/// A long table opens with its first rows drawn; "Show all … rows" draws
/// the rest, with the merged cells spanning the rows drawn.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_table_shows_its_first_rows_then_all_on_request() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let dir = TempDir::new("table-long");
    let file = dir.path().join("synthetic-300.json");
    let plan = synthetic_plan(300, 11);
    std::fs::write(&file, export_plan(&plan)).expect("write the plan file");
    import_file(&b, &file).await;
    wait_plan_title(&b, &plan.meta.title).await;
    click_button(&b, "Plan table").await;
    let first = wait_table_rows(&b).await;
    let all = plan_workbench::model::progress::table::plan_rows(&plan).len();
    assert!(first < all, "{first} of {all}");
    let count = text_of(&b, ".table-count").await.unwrap();
    assert!(
        count.contains(&format!("Showing the first {first} of {all} rows")),
        "{count}"
    );
    // Every drawn row is covered by the priority cells exactly once.
    let covered = js(
        &b,
        "return [...document.querySelectorAll('.tracking-table tbody .group-priority')]\
           .reduce((n, c) => n + parseInt(c.getAttribute('rowspan')), 0);",
        vec![],
    )
    .await;
    assert_eq!(
        covered,
        json!(first),
        "the priority cells span the rows drawn"
    );
    click_button(&b, &format!("Show all {all} rows")).await;
    eventually("every row drawn", || async {
        let n = wait_table_rows(&b).await;
        (n == all).then_some(()).ok_or(format!("{n} rows"))
    })
    .await;
    let f = focus(&b).await;
    assert!(
        f.name.starts_with("Showing"),
        "the focus goes to the count: {f:?}"
    );
    b.close().await;
}
