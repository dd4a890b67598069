//! Issue 10, the progress report: its numbers on the built-in example plan
//! match what this test works out from the exported plan file itself (not
//! by calling the report's own code), it prints A4 portrait with the plan's
//! title on every page and no app controls, its CSV is its action table,
//! Copy for Word puts a real table and tab-separated text on the
//! clipboard, and the "since the last review" variant lists only what
//! changed. axe finds nothing on either variant.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::harness::*;
use super::print;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap_or("")
}

fn id_list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// What the test expects of the report, worked out from the plan file's
/// JSON by the rules in docs/PROGRESS.md.
#[derive(Debug, Default)]
struct Expected {
    by_status: BTreeMap<String, usize>,
    overdue: usize,
    /// Each priority's name ("1 Mental health...") and rounded mean progress.
    priorities: Vec<(String, Option<u8>)>,
    action_rows: usize,
}

fn status_of(a: &Value) -> &str {
    a["status"].as_str().unwrap_or("not_started")
}

fn progress(a: &Value) -> f64 {
    if status_of(a) == "completed" {
        100.0
    } else {
        a["percent"].as_f64().unwrap_or(0.0).min(100.0)
    }
}

fn mean_rounded(actions: &[&Value]) -> Option<u8> {
    let counted: Vec<f64> = actions
        .iter()
        .filter(|a| status_of(a) != "cancelled")
        .map(|a| progress(a))
        .collect();
    (!counted.is_empty())
        .then(|| (counted.iter().sum::<f64>() / counted.len() as f64).round() as u8)
}

fn expected_from(plan: &Value, today: NaiveDate) -> Expected {
    let empty = vec![];
    let arr = |k: &str| plan[k].as_array().unwrap_or(&empty).clone();
    let (priorities, outcomes, aims, actions) = (
        arr("priorities"),
        arr("outcomes"),
        arr("aims"),
        arr("actions"),
    );
    let mut e = Expected::default();
    for a in &actions {
        *e.by_status.entry(status_of(a).to_owned()).or_default() += 1;
        let finished = matches!(status_of(a), "completed" | "cancelled");
        if !finished && date_of(&a["due"]).is_some_and(|d| d < today) {
            e.overdue += 1;
        }
    }
    // The actions that reach a set of outcomes, each once, in plan order.
    let actions_of_outcomes = |outcome_ids: &HashSet<String>| -> Vec<&Value> {
        let aim_ids: HashSet<String> = aims
            .iter()
            .filter(|a| {
                id_list(&a["outcomes"])
                    .iter()
                    .any(|o| outcome_ids.contains(o))
            })
            .map(|a| str_of(a, "id").to_owned())
            .collect();
        actions
            .iter()
            .filter(|x| id_list(&x["aims"]).iter().any(|a| aim_ids.contains(a)))
            .collect()
    };
    let priority_ids: HashSet<String> = priorities
        .iter()
        .map(|p| str_of(p, "id").to_owned())
        .collect();
    let mut reached: HashSet<String> = HashSet::new();
    for p in &priorities {
        let pid = str_of(p, "id").to_owned();
        let mine: Vec<&Value> = outcomes
            .iter()
            .filter(|o| id_list(&o["priorities"]).contains(&pid))
            .collect();
        let ids: HashSet<String> = mine.iter().map(|o| str_of(o, "id").to_owned()).collect();
        let under = actions_of_outcomes(&ids);
        reached.extend(under.iter().map(|a| str_of(a, "id").to_owned()));
        let code = str_of(p, "code");
        let title = str_of(p, "title");
        let name = if code.trim().is_empty() {
            title.to_owned()
        } else {
            format!("{code} {title}")
        };
        e.priorities.push((name, mean_rounded(&under)));
        for o in mine {
            let one = HashSet::from([str_of(o, "id").to_owned()]);
            e.action_rows += actions_of_outcomes(&one).len();
        }
    }
    // Outcomes in no priority, then actions that reach no outcome.
    let mut in_some_outcome: HashSet<String> = HashSet::new();
    for o in &outcomes {
        let one = HashSet::from([str_of(o, "id").to_owned()]);
        let under = actions_of_outcomes(&one);
        in_some_outcome.extend(under.iter().map(|a| str_of(a, "id").to_owned()));
        if !id_list(&o["priorities"])
            .iter()
            .any(|p| priority_ids.contains(p))
        {
            e.action_rows += under.len();
        }
    }
    e.action_rows += actions
        .iter()
        .filter(|a| {
            let id = str_of(a, "id");
            !reached.contains(id) && !in_some_outcome.contains(id)
        })
        .count();
    e
}

/// Rows of a table of the report as [th, td...] texts (their text
/// content: groups scrolled out of view are not laid out on screen, see
/// style/report.css, so their innerText would be empty).
async fn table_rows(c: &Client, css: &str) -> Vec<Vec<String>> {
    let v = js(
        c,
        "return [...document.querySelectorAll(arguments[0])].map(tr => \
           [...tr.querySelectorAll('th, td')].map(x => x.textContent.trim()));",
        vec![json!(css)],
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The action rows on screen: code, title, lead, due, update, progress
/// (without the % sign), standing word.
async fn screen_action_rows(c: &Client) -> Vec<Vec<String>> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.progress-report tr.action-row')].map(tr => [\
           tr.querySelector('.code').textContent.trim(), tr.querySelector('.title').textContent.trim(),\
           tr.querySelector('.lead').textContent.trim(), tr.querySelector('.due').textContent.trim(),\
           tr.querySelector('.latest-update').textContent.trim(),\
           tr.querySelector('.progress-cell').textContent.trim().replace('%', ''),\
           tr.querySelector('.status').textContent.trim()]);",
        vec![],
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

async fn open_report(c: &Client) {
    click_button(c, "Progress report").await;
    eventually("the report's priority groups", || async {
        c.find(Locator::Css(".progress-report .report-group"))
            .await
            .map(|_| ())
            .map_err(dbg)
    })
    .await;
}

/// Opens the example plan, exports its file and returns (title, plan JSON).
async fn example_and_its_file(b: &Browser) -> (String, Value) {
    let title = open_example(b).await;
    click_button(b, "Export plan file").await;
    let name = plan_workbench::model::format::file_name_for(&title);
    let (_, exported) = wait_download_json(b.download_dir(), &name).await;
    (title, exported["plan"].clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn report_numbers_match_the_plan_file() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (_, plan) = example_and_its_file(&b).await;
    let today = today();
    let want = expected_from(&plan, today);
    open_report(&b).await;

    let counts: BTreeMap<String, String> = table_rows(&b, ".progress-report .report-counts tr")
        .await
        .into_iter()
        .filter(|r| r.len() == 2)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let count = |label: &str| -> usize {
        counts
            .get(label)
            .unwrap_or_else(|| panic!("no “{label}” in the summary: {counts:?}"))
            .parse()
            .unwrap()
    };
    let n = |k: &str| want.by_status.get(k).copied().unwrap_or(0);
    let total: usize = want.by_status.values().sum();
    assert_eq!(count("Actions"), total, "{counts:?}");
    assert_eq!(count("Not started"), n("not_started"));
    assert_eq!(count("In progress"), n("in_progress"));
    assert_eq!(count("Completed"), n("completed"));
    assert_eq!(count("Cancelled"), n("cancelled"));
    assert_eq!(count("Overdue"), want.overdue);

    let shown: Vec<(String, Option<u8>)> = table_rows(
        &b,
        ".progress-report .report-priorities tr.priority-progress",
    )
    .await
    .into_iter()
    .map(|r| {
        let pct = r[2].split_whitespace().last().unwrap_or("").to_owned();
        (r[0].clone(), pct.trim_end_matches('%').parse::<u8>().ok())
    })
    .collect();
    assert_eq!(shown, want.priorities, "progress per priority");
    assert!(!want.priorities.is_empty());

    let rows = screen_action_rows(&b).await;
    assert_eq!(
        rows.len(),
        want.action_rows,
        "one row per action per outcome group"
    );
    // Every row shows its standing as a word beside its icon.
    assert!(rows.iter().all(|r| !r[6].is_empty()));
    let icons = js(
        &b,
        "return [...document.querySelectorAll('.progress-report tr.action-row .status')]\
           .filter(td => /[⊘▲?◇○◐✓]/.test(getComputedStyle(td, '::before').content)).length;",
        vec![],
    )
    .await;
    assert_eq!(icons, json!(rows.len()), "an icon on every row");
    // One Overall progress row per outcome group, above its actions.
    let first_rows = js(
        &b,
        "return [...document.querySelectorAll('.progress-report table.report-actions tbody')]\
           .map(t => t.rows[0].className);",
        vec![],
    )
    .await;
    assert!(
        first_rows
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c == "overall-row"),
        "{first_rows}"
    );
    // Due dates as 31-Mar-2023.
    let due_shape = regex_like_uk(&rows);
    assert!(due_shape, "due dates as dd-Mon-yyyy: {rows:?}");

    // The since-last-review choice is there, and disabled with its reason
    // when the plan has no review before today.
    let has_review = plan["meta"]["reviews"].as_array().is_some_and(|r| {
        r.iter()
            .any(|r| date_of(&r["date"]).is_some_and(|d| d < today))
    });
    let disabled = js(
        &b,
        "const r = [...document.querySelectorAll('.report-choice input[type=radio]')][1]; \
         return [r.disabled, r.getAttribute('aria-describedby') || '', \
                 r.closest('label').innerText.trim()];",
        vec![],
    )
    .await;
    assert_eq!(disabled[0], json!(!has_review), "{disabled}");
    if !has_review {
        let hint = text_of(&b, "#report-no-review").await.unwrap();
        assert!(hint.contains("no review"), "{hint}");
        assert_eq!(disabled[1], "report-no-review");
    }
    assert_no_axe_violations(&b, "progress report (whole)").await;
    b.close().await;
}

/// Every non-empty due date on screen reads like 31-Mar-2023.
fn regex_like_uk(rows: &[Vec<String>]) -> bool {
    rows.iter()
        .filter(|r| !r[3].is_empty())
        .all(|r| NaiveDate::parse_from_str(&r[3], "%d-%b-%Y").is_ok() && r[3].len() == 11)
}

#[tokio::test(flavor = "multi_thread")]
async fn report_prints_portrait_with_the_title_on_every_page() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let title = open_example(&b).await;
    open_report(&b).await;
    let pages = print::printed(&b, false).await;
    assert!(pages.len() > 1, "more than one page: {}", pages.len());
    let date = today().format("%d-%b-%Y").to_string();
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.is_a4() && p.is_portrait(),
            "page {} is A4 portrait: {p:?}",
            i + 1
        );
        let flat = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&title),
            "page {} names the plan: {flat}",
            i + 1
        );
        assert!(
            flat.contains(&date),
            "page {} gives the report date: {flat}",
            i + 1
        );
        for control in [
            "Download CSV",
            "Copy for Word",
            "Plan library",
            "Export plan file",
            "The whole report",
        ] {
            assert!(
                !flat.contains(control),
                "no “{control}” on page {}: {flat}",
                i + 1
            );
        }
    }
    // Under print media no table row may be split across two pages, and
    // each priority starts a new page (Chromium honours both when it
    // paginates; the text alone cannot show where a row would split).
    cdp_call(&b, "Emulation.setEmulatedMedia", json!({"media": "print"})).await;
    let styles = js(
        &b,
        "const rows = [...document.querySelectorAll('.progress-report tr')]; \
         const groups = [...document.querySelectorAll('.report-group')]; \
         return {rows: rows.length, avoid: rows.filter(r => getComputedStyle(r).breakInside === 'avoid').length, \
                 groups: groups.length, breaks: groups.filter(g => getComputedStyle(g).breakBefore === 'page').length, \
                 controls: getComputedStyle(document.querySelector('.report-controls')).display};",
        vec![],
    )
    .await;
    cdp_call(&b, "Emulation.setEmulatedMedia", json!({"media": ""})).await;
    assert_eq!(styles["avoid"], styles["rows"], "{styles}");
    assert_eq!(styles["breaks"], styles["groups"], "{styles}");
    assert_eq!(styles["controls"], "none", "{styles}");
    let all: String = pages.iter().map(|p| p.text.as_str()).collect();
    assert!(all.contains("Overall progress"));
    // Each priority starts a page: its heading is near the top of a page.
    let headings = js(
        &b,
        "return [...document.querySelectorAll('.report-group h4')].map(h => h.textContent.trim());",
        vec![],
    )
    .await;
    for h in headings.as_array().unwrap() {
        let h = h.as_str().unwrap();
        let starts = pages.iter().any(|p| {
            let top: String = p.text.lines().take(6).collect::<Vec<_>>().join(" ");
            let top = top.split_whitespace().collect::<Vec<_>>().join(" ");
            let start: String = h.chars().take(25).collect();
            top.contains(start.trim())
        });
        assert!(starts, "“{h}” starts a page");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn report_csv_equals_the_action_table() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let title = open_example(&b).await;
    open_report(&b).await;
    let screen = screen_action_rows(&b).await;
    click_button(&b, "Download CSV").await;
    let stem = plan_workbench::model::format::file_name_for(&title);
    let stem = stem.strip_suffix(".json").unwrap();
    let name = format!("{stem}-progress-report-{}.csv", today());
    let bytes = wait_download_bytes(b.download_dir(), &name).await;
    let bom = "\u{feff}".as_bytes();
    assert!(bytes.starts_with(bom), "UTF-8 with a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[bom.len()..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column “{name}” in {header:?}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let from_csv: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            [
                "Action code",
                "Action",
                "Lead",
                "Due date (UK)",
                "Latest update",
                "Progress (%)",
                "Status",
            ]
            .iter()
            .map(|c| r[col(c)].to_owned())
            .collect()
        })
        .collect();
    assert!(!screen.is_empty());
    assert_eq!(from_csv, screen, "the CSV is the report's action table");
    // ISO and UK dates agree.
    for r in &records {
        let (iso, uk) = (&r[col("Due date")], &r[col("Due date (UK)")]);
        if iso.is_empty() {
            assert!(uk.is_empty());
        } else {
            let d = NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
            assert_eq!(d.format("%d-%b-%Y").to_string(), *uk);
        }
    }
    b.close().await;
}

/// What the clipboard holds, read through the page's asynchronous
/// clipboard (permission granted through DevTools): (html, text).
async fn read_clipboard(c: &Client) -> (String, String) {
    let v = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.read().then(async items => {
               const out = {html: '', text: ''};
               for (const i of items) {
                 if (i.types.includes('text/html')) out.html = await (await i.getType('text/html')).text();
                 if (i.types.includes('text/plain')) out.text = await (await i.getType('text/plain')).text();
               }
               done(out);
             }, e => done({error: String(e)}));",
            vec![],
        )
        .await
        .expect("read the clipboard");
    assert!(
        v.get("error").is_none(),
        "the clipboard could not be read: {v}"
    );
    (str_of(&v, "html").to_owned(), str_of(&v, "text").to_owned())
}

async fn wait_message(c: &Client, needle: &str) -> String {
    eventually(&format!("the report's message “{needle}”"), || async {
        let t = text_of(c, ".report-message").await?;
        t.contains(needle).then_some(t.clone()).ok_or(t)
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn copy_for_word_puts_a_table_and_tab_separated_text_on_the_clipboard() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_example(&b).await;
    open_report(&b).await;
    let origin = world.server.origin.clone();
    cdp_call(
        &b,
        "Browser.grantPermissions",
        json!({"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    )
    .await;
    let first = screen_action_rows(&b).await[0].clone();
    // By keyboard alone: the choice of report, then the buttons, are
    // reached with Tab; Enter copies.
    tab_until(&b, "the “The whole report” choice", false, 40, |f| {
        f.kind == "radio" && f.name == "The whole report"
    })
    .await;
    tab_until(&b, "the “Copy for Word” button", false, 5, |f| {
        f.tag == "button" && f.name == "Copy for Word"
    })
    .await;
    press(&b, fantoccini::key::Key::Enter).await;
    wait_message(&b, "Copied").await;
    let (html, text) = read_clipboard(&b).await;
    assert!(html.contains("<table"), "HTML with a table: {html}");
    assert!(html.contains("<th"), "{html}");
    assert!(html.contains("Overall progress"));
    let line = format!("{}\t{}\t", first[0], first[1]);
    assert!(
        text.contains(&line),
        "tab-separated rows ({line:?}) in: {text}"
    );
    assert!(!text.contains('<'), "plain text, not HTML");

    // A browser that refuses: the message says so, and what to do instead.
    js(
        &b,
        "window.__write = navigator.clipboard.write; \
         navigator.clipboard.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));",
        vec![],
    )
    .await;
    click_button(&b, "Copy for Word").await;
    let refused = wait_message(&b, "did not let").await;
    assert!(
        refused.contains("Write permission denied.") && refused.contains("Nothing was copied"),
        "{refused}"
    );
    js(&b, "navigator.clipboard.write = window.__write;", vec![]).await;

    // A browser with no ClipboardItem: the copy event carries both.
    js(
        &b,
        "window.__copied = null; delete window.ClipboardItem; window.ClipboardItem = undefined; \
         document.defaultView.addEventListener('copy', e => { window.__copied = \
           {html: e.clipboardData.getData('text/html'), text: e.clipboardData.getData('text/plain')}; });",
        vec![],
    )
    .await;
    click_button(&b, "Copy for Word").await;
    let copied = eventually("the copy event's data", || async {
        let v = js(&b, "return window.__copied;", vec![]).await;
        (!v.is_null()).then_some(v.clone()).ok_or(format!("{v}"))
    })
    .await;
    assert!(str_of(&copied, "html").contains("<table"), "{copied}");
    assert!(str_of(&copied, "text").contains(&line), "{copied}");
    wait_message(&b, "Copied").await;
    b.close().await;
}

/// A plan file made from the example: every action's history is one
/// update on the review day saying where it stood then, so that only
/// the two changes made after it count: an update today that moves one
/// action on by 10 points, and a due date of yesterday on another.
/// Returns the file's JSON and the codes of the two changed actions.
fn plan_with_a_review(today: NaiveDate) -> (Value, String, String) {
    let plan = plan_workbench::model::example::example_plan();
    let text = plan_workbench::model::format::export_plan(&plan);
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let review = today - chrono::Duration::days(10);
    let yesterday = today - chrono::Duration::days(1);
    let p = &mut doc["plan"];
    p["meta"]["reviews"] = json!([{"date": review.to_string(), "note": "Test review"}]);
    let actions = p["actions"].as_array_mut().unwrap();
    for a in actions.iter_mut() {
        let mut u = json!({
            "date": review.to_string(),
            "text": "Where it stood at the review.",
            "status": a["status"].as_str().unwrap_or("not_started"),
            "percent": a["percent"].as_u64().unwrap_or(0),
        });
        if let Some(rag) = a.get("rag").filter(|r| !r.is_null()) {
            u["rag"] = rag.clone();
        }
        // Only that update: nothing earlier can differ from it.
        let ups = vec![u];
        a["updates"] = Value::Array(ups);
        // No action becomes overdue between the review and today by
        // chance: one due in between was already overdue at the review.
        if date_of(&a["due"]).is_some_and(|d| d >= review && d < today) {
            a["due"] = json!((review - chrono::Duration::days(1)).to_string());
        }
    }
    let open = |a: &Value| {
        matches!(
            a["status"].as_str().unwrap_or("not_started"),
            "in_progress" | "not_started"
        )
    };
    let moved = actions
        .iter()
        .position(|a| open(a) && a["percent"].as_u64().unwrap_or(0) <= 80)
        .unwrap();
    let late = actions
        .iter()
        .enumerate()
        .position(|(i, a)| i != moved && a["status"] == "in_progress")
        .unwrap();
    let pct = actions[moved]["percent"].as_u64().unwrap_or(0) + 10;
    actions[moved]["percent"] = json!(pct);
    actions[moved]["status"] = json!("in_progress");
    let mut ups = actions[moved]["updates"].as_array().cloned().unwrap();
    ups.push(json!({"date": today.to_string(), "text": "Moved on today.", "status": "in_progress", "percent": pct}));
    actions[moved]["updates"] = Value::Array(ups);
    actions[late]["due"] = json!(yesterday.to_string());
    let moved_code = actions[moved]["code"].as_str().unwrap().to_owned();
    let late_code = actions[late]["code"].as_str().unwrap().to_owned();
    // Measures: no data dated after the review.
    for m in p["measures"].as_array_mut().unwrap() {
        if let Some(data) = m["data"].as_array_mut() {
            data.retain(|x| date_of(&x["date"]).is_none_or(|d| d <= review));
        }
    }
    (doc, moved_code, late_code)
}

#[tokio::test(flavor = "multi_thread")]
async fn since_the_last_review_shows_only_what_changed() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let today = today();
    let (doc, moved, late) = plan_with_a_review(today);
    let dir = TempDir::new("report-review");
    let path = dir.path().join("reviewed-plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    import_file(&b, &path).await;
    let title = doc["plan"]["meta"]["title"].as_str().unwrap().to_owned();
    wait_plan_title(&b, &title).await;
    open_report(&b).await;
    let whole = screen_action_rows(&b).await;

    let review = (today - chrono::Duration::days(10))
        .format("%d-%b-%Y")
        .to_string();
    let label = format!("Since the last review ({review})");
    let radio = eventually(&format!("the “{label}” choice"), || async {
        b.find(Locator::XPath(&format!(
            "//label[normalize-space(.)={}]/input[@type='radio']",
            xpath_literal(&label)
        )))
        .await
        .map_err(dbg)
    })
    .await;
    assert_eq!(
        radio.prop("disabled").await.unwrap().as_deref(),
        Some("false")
    );
    radio
        .click()
        .await
        .expect("choose the since-last-review report");
    eventually("the report of what changed", || async {
        let h = text_of(&b, "#report-heading").await?;
        h.contains("what changed").then_some(()).ok_or(h)
    })
    .await;
    let rows = screen_action_rows(&b).await;
    let codes: BTreeSet<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([moved.clone(), late.clone()]),
        "only the two changed actions: {rows:?}"
    );
    assert!(rows.len() < whole.len());
    let changed = table_rows(&b, ".progress-report tr.action-row").await;
    for r in &changed {
        let what = r.last().unwrap();
        if r[0] == moved {
            assert!(
                what.contains("Progress") && what.contains("1 new update"),
                "{r:?}"
            );
        } else {
            assert!(what.contains("Now overdue"), "{r:?}");
        }
    }
    assert!(
        b.find(Locator::Css(".report-gaps")).await.is_err(),
        "the gaps are not changes"
    );
    assert_no_axe_violations(&b, "progress report (since the last review)").await;

    // Back to the whole report.
    b.find(Locator::XPath(
        "//label[normalize-space(.)='The whole report']/input",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    eventually("the whole report again", || async {
        let n = screen_action_rows(&b).await.len();
        (n == whole.len()).then_some(()).ok_or(format!("{n} rows"))
    })
    .await;
    b.close().await;
}

/// User text is only ever text: in the report's cells, in the printed
/// pages' header (a CSS string made from the title) and in the HTML put on
/// the clipboard.
#[tokio::test(flavor = "multi_thread")]
async fn user_text_in_the_report_stays_text() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let plan = plan_workbench::model::example::example_plan();
    let mut doc: Value =
        serde_json::from_str(&plan_workbench::model::format::export_plan(&plan)).unwrap();
    let title = "Plan \"A\" <b>bold</b> & co \\ more";
    let action = "<img src=x onerror=\"window.__hacked=1\"> & <script>window.__hacked=2</script>";
    doc["plan"]["meta"]["title"] = json!(title);
    doc["plan"]["actions"][0]["title"] = json!(action);
    let dir = TempDir::new("report-text");
    let path = dir.path().join("text-plan.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    import_file(&b, &path).await;
    wait_plan_title(&b, title).await;
    open_report(&b).await;
    let cells = js(
        &b,
        "return [...document.querySelectorAll('.progress-report tr.action-row .title')]\
           .map(c => [c.textContent.trim(), c.children.length]);",
        vec![],
    )
    .await;
    let first = &cells[0];
    assert_eq!(first[0], action, "shown as typed: {cells}");
    assert_eq!(first[1], 0, "no element made from the text: {cells}");
    let hacked = js(&b, "return window.__hacked === undefined;", vec![]).await;
    assert_eq!(hacked, json!(true), "no script ran");

    let pages = print::printed(&b, false).await;
    assert!(pages.len() > 1);
    for (i, p) in pages.iter().enumerate() {
        let flat = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(title),
            "page {} names the plan as typed: {flat}",
            i + 1
        );
    }
    b.close().await;
}
