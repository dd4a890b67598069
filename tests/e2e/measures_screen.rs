//! Issue 11, charts everywhere a measure appears: the Measures screen of
//! the example plan lists its six measures with their standings and each
//! chart with its words (M2's long run, M3's points outside the limits);
//! filtering by priority, outcome and standing shows only those measures
//! and says how many; its address reopens it after a reload; the driver
//! diagram's measure cards show a sparkline (with M2's signal mark) and
//! the latest value against target, in room the layout keeps for them; the
//! outline and the plan table give each measure's short status; axe finds
//! nothing on the screen.

use fantoccini::Client;
use serde_json::{json, Value};

use super::harness::*;

/// What each listed measure's section shows: code, name, standing, the
/// chart's words, and whether its picture is drawn.
async fn sections(c: &Client) -> Vec<Value> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.measures-screen .measure-section')].map(s => ({
            id: s.dataset.measureId,
            code: s.querySelector('h3 .code').textContent.trim(),
            name: s.querySelector('h3 .name').textContent.trim(),
            standing: s.querySelector('.measure-standing').textContent.trim(),
            words: s.querySelector('.chart-words').textContent,
            svg: !!s.querySelector('.chart-picture svg'),
            labelled: s.querySelector('section').getAttribute('aria-labelledby')
                === s.querySelector('h3').id,
        }));",
        vec![],
    )
    .await;
    v.as_array().cloned().unwrap_or_default()
}

fn codes(sections: &[Value]) -> Vec<String> {
    sections
        .iter()
        .map(|s| s["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Waits until the screen lists these codes and its count says `count`.
async fn wait_listed(c: &Client, want: &[&str], count: &str) -> Vec<Value> {
    eventually(&format!("the Measures screen to list {want:?}"), || async {
        let s = sections(c).await;
        let shown = text_of(c, ".measures-count").await.unwrap_or_default();
        if codes(&s) == want && shown.trim() == count {
            Ok(s)
        } else {
            Err(format!("{:?}, count “{shown}”", codes(&s)))
        }
    })
    .await
}

/// Chooses the option with this value in the select named `label`.
async fn choose(c: &Client, label: &str, value: &str) {
    let select = field(c, label).await;
    select
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in “{label}”: {e:?}"));
}

/// The values a select offers.
async fn options(c: &Client, label: &str) -> Vec<String> {
    let select = field(c, label).await;
    let v = c
        .execute(
            "return [...arguments[0].options].map(o => o.value);",
            vec![serde_json::to_value(&select).unwrap()],
        )
        .await
        .expect("read the options");
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Letters only, lower case: words compared whatever their punctuation.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

const ALL: [&str; 6] = ["M1", "M2", "M3", "M4", "M5", "M6"];

#[tokio::test(flavor = "multi_thread")]
async fn the_example_plans_measures_with_their_charts_filters_and_address() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_example(&b).await;
    click_button(&b, "Measures").await;
    let listed = wait_listed(&b, &ALL, "Showing 6 of 6 measures").await;

    let by_code = |code: &str| -> &Value {
        listed
            .iter()
            .find(|s| s["code"] == code)
            .unwrap_or_else(|| panic!("{code} listed"))
    };
    for (code, standing) in [
        ("M1", "Too few points"),
        ("M2", "Improving"),
        ("M3", "Improving"),
        ("M4", "Too few points"),
        ("M5", "No signal"),
        ("M6", "Improving"),
    ] {
        let s = by_code(code);
        let shown = s["standing"].as_str().unwrap();
        assert!(shown.starts_with(standing), "{code}: {s}");
        assert_eq!(s["svg"], json!(true), "{code}'s chart is drawn: {s}");
        assert_eq!(
            s["labelled"],
            json!(true),
            "{code}'s section is named by its heading"
        );
        assert!(!s["name"].as_str().unwrap().is_empty(), "{s}");
        assert!(
            !s["words"].as_str().unwrap().trim().is_empty(),
            "{code}'s chart in words: {s}"
        );
    }
    // M2 is off its 90% target: the heading says so.
    assert!(
        by_code("M2")["standing"]
            .as_str()
            .unwrap()
            .contains("Off target"),
        "{}",
        by_code("M2")
    );
    let words = |code: &str| letters(by_code(code)["words"].as_str().unwrap());
    assert!(
        words("M2").contains("longrun"),
        "M2's long run: {}",
        by_code("M2")
    );
    assert!(
        words("M3").contains("outsidethelimits") || words("M3").contains("outsidelimits"),
        "M3's points outside the limits: {}",
        by_code("M3")
    );

    // Filtering by priority, then by one of its outcomes.
    choose(&b, "Priority", "ex-p1").await;
    wait_listed(&b, &["M1", "M2"], "Showing 2 of 6 measures").await;
    assert_eq!(
        options(&b, "Outcome").await,
        ["", "ex-o1-1", "ex-o1-2"],
        "only the priority's outcomes are offered"
    );
    choose(&b, "Outcome", "ex-o1-2").await;
    wait_listed(&b, &["M2"], "Showing 1 of 6 measures").await;
    click_button(&b, "Show all measures").await;
    wait_listed(&b, &ALL, "Showing 6 of 6 measures").await;
    // An outcome alone: M4 evidences only aims under it.
    choose(&b, "Outcome", "ex-o2-2").await;
    wait_listed(&b, &["M4"], "Showing 1 of 6 measures").await;
    click_button(&b, "Show all measures").await;
    // By standing.
    choose(&b, "Standing", "improving").await;
    wait_listed(&b, &["M2", "M3", "M6"], "Showing 3 of 6 measures").await;
    choose(&b, "Standing", "").await;
    wait_listed(&b, &ALL, "Showing 6 of 6 measures").await;

    // The screen has its own address, and a reload opens it again.
    let hash = js(&b, "return location.hash;", vec![]).await;
    let id = open_plan_id(&b).await;
    assert_eq!(
        hash,
        json!(format!("#/plan/{id}/measures")),
        "the Measures screen's address"
    );
    reload(&b).await;
    wait_listed(&b, &ALL, "Showing 6 of 6 measures").await;
    assert_no_axe_violations(&b, "Measures screen (example plan)").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn measure_cards_show_a_sparkline_and_the_outline_and_table_a_short_status() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_example(&b).await;

    // The outline: M2's summary gives its latest value, trend and signal.
    let m2_summary = eventually("M2's summary in the outline", || async {
        let v = js(
            &b,
            "const row = [...document.querySelectorAll('.outline li.item-measure')]
                .find(li => li.querySelector('.kind').textContent.trim() === 'Measure M2');
             return row ? row.querySelector('.summary').textContent : null;",
            vec![],
        )
        .await;
        v.as_str().map(str::to_owned).ok_or(format!("{v}"))
    })
    .await;
    assert!(
        m2_summary.contains("Latest 88.6% (") && m2_summary.contains("Improving"),
        "{m2_summary}"
    );

    // The plan table's measure cells say the same.
    click_button(&b, "Plan table").await;
    let cell = eventually("M2 in the plan table", || async {
        let v = js(
            &b,
            "return [...document.querySelectorAll('.plan-table td.measures li')]
                .map(li => li.textContent).find(t => t.startsWith('M2 ')) || null;",
            vec![],
        )
        .await;
        v.as_str().map(str::to_owned).ok_or(format!("{v}"))
    })
    .await;
    assert!(
        cell.contains(": latest 88.6% (") && cell.contains("Improving"),
        "{cell}"
    );

    // The driver diagram: every measure card drawn (all have data) has a sparkline
    // inside it; M2's carries its signal mark, M1's (too few points) none.
    click_button(&b, "Driver diagram").await;
    let cards = eventually("the measure cards' sparklines", || async {
        let v = js(
            &b,
            "return [...document.querySelectorAll('.canvas .card.kind-measure')].map(c => {
                const card = c.getBoundingClientRect();
                const g = c.querySelector('.card-glance');
                const text = c.querySelector('.card-text').getBoundingClientRect();
                const box = g && g.getBoundingClientRect();
                return {
                    id: c.dataset.cardId,
                    name: c.getAttribute('aria-label'),
                    svg: !!(g && g.querySelector('svg')),
                    hidden: g && g.getAttribute('aria-hidden'),
                    signal: g && g.querySelector('svg [data-role=signal]')
                        ? g.querySelector('svg [data-role=signal]').dataset.signal : null,
                    words: g ? g.querySelector('.glance-words').textContent : null,
                    inside: !!box && box.bottom <= card.bottom + 0.5 && text.bottom <= box.top + 0.5,
                };
            });",
            vec![],
        )
        .await;
        let cards = v.as_array().cloned().unwrap_or_default();
        // Cards outside the view are not drawn (culling): M1 and M2 are.
        let drawn = |id: &str| cards.iter().any(|c| c["id"] == id);
        (drawn("ex-m1") && drawn("ex-m2") && cards.iter().all(|c| c["svg"] == json!(true)))
            .then_some(cards)
            .ok_or(format!("{v}"))
    })
    .await;
    let card = |id: &str| cards.iter().find(|c| c["id"] == id).unwrap().clone();
    let m2 = card("ex-m2");
    assert_eq!(m2["signal"], json!("improvement"), "{m2}");
    assert_eq!(m2["words"], json!("88.6% · target 90%"), "{m2}");
    assert_eq!(m2["hidden"], json!("true"), "{m2}");
    let name = m2["name"].as_str().unwrap();
    assert!(
        name.contains("Improving") && name.contains("88.6%"),
        "the card's name gives its standing: {name}"
    );
    let m1 = card("ex-m1");
    assert_eq!(m1["signal"], Value::Null, "{m1}");
    assert!(
        m1["name"].as_str().unwrap().contains("Too few points"),
        "{m1}"
    );
    for c in &cards {
        assert_eq!(
            c["inside"],
            json!(true),
            "the sparkline fits its card, below the text: {c}"
        );
    }
    // The signal mark is drawn inside the sparkline's own box.
    let fits = js(
        &b,
        "const c = document.querySelector('.canvas .card[data-card-id=\"ex-m2\"]');
         const s = c.querySelector('.card-glance svg').getBoundingClientRect();
         const m = c.querySelector('.card-glance svg [data-role=signal]').getBoundingClientRect();
         return m.width > 0 && m.left >= s.left - 0.5 && m.right <= s.right + 0.5;",
        vec![],
    )
    .await;
    assert_eq!(
        fits,
        json!(true),
        "M2's signal mark is on screen in its sparkline"
    );
    b.close().await;
}
