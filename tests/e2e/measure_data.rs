//! A measure's data grid in its details: twelve points typed by keyboard
//! (Period, Tab, Value, Enter) and twelve pasted from a spreadsheet make a
//! chart whose words find the long run; a point left out with a reason
//! changes them and Undo puts them back; a block with bad rows is refused
//! whole with every bad line listed; the chart downloads as an SVG holding
//! every point; and the form with the grid and chart passes axe.

use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

use crate::harness::*;

/// The first year: around 50, the last point below its median (49.5) so
/// that the second year's run above it is exactly those twelve points, and
/// crossings enough (10) not to be a signal themselves.
const FIRST_YEAR: [(&str, &str); 12] = [
    ("Jan 2025", "50"),
    ("Feb 2025", "52"),
    ("Mar 2025", "48"),
    ("Apr 2025", "51"),
    ("May 2025", "49"),
    ("Jun 2025", "53"),
    ("Jul 2025", "47"),
    ("Aug 2025", "54"),
    ("Sep 2025", "46"),
    ("Oct 2025", "51.5"),
    ("Nov 2025", "48.5%"),
    ("Dec 2025", "47.5"),
];

/// The second year, clearly higher, as a spreadsheet copies it.
const SECOND_YEAR: &str = "Month\tRate\r\n\
    Jan 2026\t70\r\nFeb 2026\t72\r\nMar 2026\t68\r\nApr 2026\t71\r\n\
    May 2026\t69\r\nJun 2026\t73\r\nJul 2026\t67\r\nAug 2026\t74\r\n\
    Sep 2026\t66\r\nOct 2026\t71.5\r\nNov 2026\t68.5\r\nDec 2026\t67.5\r\n";

const LONG_RUN: &str = "Long run: 12 points above the median from Jan 2026 to Dec 2026";

/// A new plan with one measure, its details open in the outline.
async fn open_measure(b: &Client, plan: &str, measure: &str) {
    create_plan(b, plan).await;
    add_item(b, "Add a priority", "Priority title", "Safer families").await;
    add_item(
        b,
        "Add outcome to: Safer families",
        "Outcome statement",
        "Fewer repeat referrals",
    )
    .await;
    add_item(
        b,
        "Add measure to: Fewer repeat referrals",
        "Measure name",
        measure,
    )
    .await;
    click_button(b, &format!("Details of {measure}")).await;
    button(b, "Add a data point").await;
}

/// The rows of the grid.
async fn row_count(b: &Client) -> usize {
    let v = js(
        b,
        "return document.querySelectorAll('.data-grid tbody tr').length;",
        vec![],
    )
    .await;
    v.as_u64().unwrap_or(0) as usize
}

async fn wait_rows(b: &Client, n: usize) {
    eventually(&format!("{n} rows in the data grid"), || async {
        let got = row_count(b).await;
        (got == n).then_some(()).ok_or(format!("{got} rows"))
    })
    .await;
}

/// The chart's reading in words, one line a sentence.
async fn chart_words(b: &Client) -> Vec<String> {
    let v = js(
        b,
        "return [...document.querySelectorAll('.item-details .chart-words li')].map(li => li.innerText.trim());",
        vec![],
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// Waits until the words hold a line containing every one of `parts`
/// (and none of `not`), and returns all of them.
async fn wait_words(b: &Client, parts: &[&str], not: &[&str]) -> Vec<String> {
    eventually(
        &format!("the chart's words to say {parts:?} and not {not:?}"),
        || async {
            let words = chart_words(b).await;
            let all = words.join("\n");
            let has = parts.iter().all(|p| all.contains(p));
            let lacks = not.iter().all(|p| !all.contains(p));
            (has && lacks).then(|| words.clone()).ok_or(all)
        },
    )
    .await
}

async fn wait_focus_named(b: &Client, name: &str) -> Focus {
    eventually(&format!("the focus on “{name}”"), || async {
        let f = focus(b).await;
        (f.name == name).then(|| f.clone()).ok_or(format!("{f:?}"))
    })
    .await
}

/// Pastes `text` into whatever has the focus, as Ctrl+V from a
/// spreadsheet does; returns whether the page took the paste over.
async fn paste_into_focused(b: &Client, text: &str) -> bool {
    js(
        b,
        "const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]); \
         const ev = new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}); \
         document.activeElement.dispatchEvent(ev); return ev.defaultPrevented;",
        vec![json!(text)],
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

/// The measure's points as stored.
async fn stored_points(b: &Client) -> Vec<Value> {
    let id = open_plan_id(b).await;
    let env = stored_envelope(b, &id).await;
    env["plan"]["plan"]["measures"][0]["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Types the first year by keyboard alone, starting from the new row's
/// period, and pastes the second year into the empty row Enter left.
async fn enter_two_years(b: &Client) {
    click_button(b, "Add a data point").await;
    wait_focus_named(b, "Period of point 1").await;
    for (k, (period, value)) in FIRST_YEAR.iter().enumerate() {
        let n = k + 1;
        type_keys(b, period).await;
        press(b, Key::Tab).await;
        let f = wait_focus_named(b, &format!("Value of point {n}")).await;
        assert_eq!(f.value, "0", "a new point's value starts at 0");
        type_keys(b, value).await;
        press(b, Key::Enter).await;
        wait_focus_named(b, &format!("Period of point {}", n + 1)).await;
    }
    wait_rows(b, 13).await;
    let typed = stored_points(b).await;
    assert_eq!(
        typed.len(),
        13,
        "twelve points and the empty row: {typed:?}"
    );
    assert_eq!(typed[0]["period"], "Jan 2025");
    assert_eq!(typed[0]["date"], "2025-01-31", "the period is dated");
    assert_eq!(typed[10]["value"], 48.5, "“48.5%” is read as 48.5");
    assert_eq!(typed[11]["value"], 47.5);

    // Pasted into the empty row's period: the rows fill it and follow.
    assert!(
        paste_into_focused(b, SECOND_YEAR).await,
        "the grid takes the paste"
    );
    wait_rows(b, 24).await;
    eventually("the status “12 points added”", || async {
        let t = text_of(b, ".grid-status").await?;
        (t.trim() == "12 points added").then_some(()).ok_or(t)
    })
    .await;
    let all = stored_points(b).await;
    assert_eq!(all.len(), 24);
    assert_eq!(all[12]["period"], "Jan 2026");
    assert_eq!(all[23]["period"], "Dec 2026");
    assert_eq!(all[23]["value"], 67.5);
}

#[tokio::test(flavor = "multi_thread")]
async fn typed_and_pasted_points_show_a_long_run_and_leaving_one_out_is_undone() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_measure(&b, "Grid by keyboard", "Repeat referrals within a year").await;
    enter_two_years(&b).await;
    let before = wait_words(&b, &[LONG_RUN], &["left out of the rules"]).await;

    // The pasted rows are one undo step: Ctrl+Z takes them all back (and
    // not the empty row they filled), Ctrl+Y brings them again.
    press_ctrl(&b, false, 'z').await;
    wait_rows(&b, 13).await;
    press_ctrl(&b, false, 'y').await;
    wait_rows(&b, 24).await;
    wait_words(&b, &[LONG_RUN], &[]).await;

    // Leave June 2026 out with a reason: the run is one point shorter and
    // the words say why the point is left out.
    let reason = field(&b, "Reason point 18 is left out of the rules").await;
    reason.click().await.expect("click the reason");
    type_keys(&b, "Data system outage").await;
    let excluded = wait_words(
        &b,
        &[
            "Long run: 11 points above the median from Jan 2026 to Dec 2026",
            "1 point left out of the rules: Jun 2026 (Data system outage)",
        ],
        &[LONG_RUN],
    )
    .await;
    assert_ne!(excluded, before);
    eventually("the point to be stored as left out", || async {
        let p = stored_points(&b).await;
        let e = p[17]["excluded"].clone();
        (e == json!("Data system outage"))
            .then_some(())
            .ok_or(e.to_string())
    })
    .await;

    // The whole reason is one step: Ctrl+Z brings the words back as before.
    press_ctrl(&b, false, 'z').await;
    eventually("the words as before the point was left out", || async {
        let w = chart_words(&b).await;
        (w == before).then_some(()).ok_or(format!("{w:?}"))
    })
    .await;
    let p = stored_points(&b).await;
    assert_eq!(p[17].get("excluded"), None, "the point takes part again");
    assert_eq!(
        field(&b, "Reason point 18 is left out of the rules")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("")
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_rows_and_unreadable_cells_change_nothing() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_measure(&b, "Grid refusals", "Visits within 10 days").await;

    // Three good rows through the paste box.
    let block = field(&b, "Paste rows from a spreadsheet").await;
    // Set as a paste would (typing a tab would move the focus on).
    js(
        &b,
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(block), json!("Jan 2025\t61\nFeb 2025\t64.9%\nMar 2025\t66")],
    )
    .await;
    click_button(&b, "Add these rows").await;
    wait_rows(&b, 3).await;
    let stored = stored_points(&b).await;
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[1]["value"], 64.9);
    assert_eq!(
        block.prop("value").await.unwrap().as_deref(),
        Some(""),
        "the box is emptied once its rows are in"
    );

    // A block with bad rows, pasted into a cell: refused whole, every bad
    // line listed, nothing added.
    field(&b, "Note at point 2")
        .await
        .click()
        .await
        .expect("click a note");
    let bad = "Apr 2025\t70\nMay 2025\t71\nJun 2025\tabc\nJul 2025\t72\n\tt73\n";
    assert!(
        paste_into_focused(&b, bad).await,
        "the grid takes the paste"
    );
    let listed = eventually("the bad rows listed", || async {
        let v = js(
            &b,
            "const a = document.querySelector('.paste-problems[role=alert]'); \
             return a ? [...a.querySelectorAll('li')].map(li => li.innerText) : null;",
            vec![],
        )
        .await;
        serde_json::from_value::<Vec<String>>(v).map_err(dbg)
    })
    .await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed[0].starts_with("Line 3: ") && listed[0].contains("“abc” is not a number"),
        "{listed:?}"
    );
    assert!(
        listed[1].starts_with("Line 5: ") && listed[1].contains("the period is empty"),
        "{listed:?}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(row_count(&b).await, 3, "no row added");
    assert_eq!(stored_points(&b).await, stored, "nothing stored changed");
    let note = focus(&b).await;
    assert_eq!(
        (note.name.as_str(), note.value.as_str()),
        ("Note at point 2", ""),
        "nothing pasted into the cell either"
    );

    // A value that is not a number: said beside the cell, nothing changed,
    // the text kept to be put right.
    let value = field(&b, "Value of point 3").await;
    value.click().await.expect("click the value");
    press_ctrl(&b, false, 'a').await;
    type_keys(&b, "sixty").await;
    press(&b, Key::Tab).await;
    let said = eventually("the reason beside the value", || async {
        let v = js(
            &b,
            "const i = document.querySelector('input[aria-label=\"Value of point 3\"]'); \
             const d = i.getAttribute('aria-describedby'); const m = d && document.getElementById(d); \
             return m ? [i.getAttribute('aria-invalid'), m.getAttribute('role'), m.innerText, i.value] : null;",
            vec![],
        )
        .await;
        serde_json::from_value::<(String, String, String, String)>(v).map_err(dbg)
    })
    .await;
    assert_eq!(said.0, "true");
    assert_eq!(said.1, "status");
    assert!(said.2.contains("“sixty” is not a number"), "{said:?}");
    assert_eq!(said.3, "sixty", "what was typed is kept");
    assert_eq!(stored_points(&b).await, stored, "nothing stored changed");

    // Put right (with a per cent sign): taken, the reason goes.
    value.click().await.expect("click the value again");
    press_ctrl(&b, false, 'a').await;
    type_keys(&b, "67.5%").await;
    press(&b, Key::Enter).await;
    wait_focus_named(&b, "Value of point 4").await;
    eventually("the value to be stored", || async {
        let p = stored_points(&b).await;
        (p.get(2).map(|p| p["value"].clone()) == Some(json!(67.5)))
            .then_some(())
            .ok_or(format!("{p:?}"))
    })
    .await;
    let problems = js(
        &b,
        "return document.querySelectorAll('.cell-problem').length;",
        vec![],
    )
    .await;
    assert_eq!(problems, json!(0));

    // A numerator above its denominator: the domain's reason, nothing set.
    let numerator = field(&b, "Numerator of point 1").await;
    numerator.click().await.expect("click the numerator");
    type_keys(&b, "70").await;
    press(&b, Key::Tab).await;
    type_keys(&b, "60").await;
    press(&b, Key::Tab).await;
    eventually("the counts' reason", || async {
        let t = text_of(&b, ".cell-problem").await?;
        t.contains("The numerator “70” is more than the denominator “60”")
            .then_some(())
            .ok_or(t)
    })
    .await;
    assert_eq!(stored_points(&b).await[0].get("numerator"), None);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chart_downloads_as_svg_with_every_point_and_the_form_passes_axe() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let plan = "Grid downloads";
    let measure = "Repeat referrals within a year";
    open_measure(&b, plan, measure).await;
    enter_two_years(&b).await;
    wait_words(&b, &[LONG_RUN], &[]).await;

    // A point left out, a note and a new phase make the picture and the
    // form hold every kind of mark and field state.
    field(&b, "Note at point 13").await.click().await.unwrap();
    type_keys(&b, "New triage started").await;
    field(&b, "Reason point 20 is left out of the rules")
        .await
        .click()
        .await
        .unwrap();
    type_keys(&b, "Half the month missing").await;
    wait_words(&b, &["left out of the rules"], &[]).await;
    assert_no_axe_violations(&b, "measure details with the data grid and chart").await;

    click_button(&b, "Download chart (SVG)").await;
    let name = format!(
        "{}-{}-chart.svg",
        plan_workbench::model::format::file_stem_for(plan),
        plan_workbench::model::format::file_stem_for(measure)
    );
    let bytes = wait_download_bytes(b.download_dir(), &name).await;
    let text = String::from_utf8(bytes).expect("the SVG is UTF-8");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let points: Vec<(String, f64, bool)> = doc
        .descendants()
        .filter_map(|n| {
            let period = n.attribute("data-period")?;
            let value: f64 = n.attribute("data-value")?.parse().ok()?;
            Some((
                period.to_owned(),
                value,
                n.attribute("data-excluded") == Some("true"),
            ))
        })
        .collect();
    assert_eq!(points.len(), 24, "{points:?}");
    let mut expected: Vec<(String, f64)> = FIRST_YEAR
        .iter()
        .map(|(p, v)| (p.to_string(), v.trim_end_matches('%').parse().unwrap()))
        .collect();
    expected.extend(SECOND_YEAR.lines().skip(1).map(|l| {
        let (p, v) = l.trim().split_once('\t').unwrap();
        (p.to_owned(), v.parse().unwrap())
    }));
    let drawn: Vec<(String, f64)> = points.iter().map(|(p, v, _)| (p.clone(), *v)).collect();
    assert_eq!(drawn, expected);
    let left_out: Vec<&str> = points
        .iter()
        .filter(|(_, _, e)| *e)
        .map(|(p, _, _)| p.as_str())
        .collect();
    assert_eq!(left_out, ["Aug 2026"]);
    b.close().await;
}

/// The grid at 320 px: it scrolls sideways inside its own named,
/// focusable region, and the page itself does not.
#[tokio::test(flavor = "multi_thread")]
async fn the_grid_scrolls_in_its_own_region_on_a_narrow_screen() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    b.set_window_size(320, 800).await.ok();
    cdp_call(
        &b,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await;
    open_measure(&b, "Grid narrow", "Visits").await;
    click_button(&b, "Add a data point").await;
    wait_focus_named(&b, "Period of point 1").await;
    let sizes = js(
        &b,
        "const r = document.querySelector('.data-grid-scroll'); \
         return {page: document.documentElement.scrollWidth, view: window.innerWidth, \
                 inner: r.scrollWidth, outer: r.clientWidth, tab: r.tabIndex, \
                 name: r.getAttribute('aria-label') || '', \
                 picture: document.querySelector('.chart-picture svg') ? document.querySelector('.chart-picture svg').getBoundingClientRect().width : 0};",
        vec![],
    )
    .await;
    let n = |k: &str| sizes[k].as_f64().unwrap_or(-1.0);
    assert!(
        n("page") <= n("view"),
        "the page does not scroll sideways: {sizes}"
    );
    assert!(
        n("inner") > n("outer"),
        "the grid scrolls inside its region: {sizes}"
    );
    assert_eq!(n("tab"), 0.0, "{sizes}");
    assert!(!sizes["name"].as_str().unwrap_or("").is_empty(), "{sizes}");
    assert!(n("picture") <= n("view"), "the chart fits: {sizes}");
    b.close().await;
}
