//! The plan's tracking settings and reviews on the plan details screen:
//! changed and recorded by keyboard alone, kept across a reload, written
//! to the exported file (format version 2), and the screen passes axe with
//! reviews listed and a refused value explained.

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::harness::*;

/// The texts of the reviews listed on the details screen.
async fn listed_reviews(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('.reviews-list .review')).map(li => li.innerText.replace(/\\s+/g, ' ').trim());",
        vec![],
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The problem shown under the tracking settings, if any.
async fn settings_problem(c: &Client) -> Option<String> {
    js(
        c,
        "const p = document.querySelector('.tracking .field-problem'); return p ? p.innerText : null;",
        vec![],
    )
    .await
    .as_str()
    .map(str::to_owned)
}

async fn select_all_and_type(c: &Client, text: &str) {
    press_ctrl(c, false, 'a').await;
    press(c, Key::Backspace).await;
    type_keys(c, text).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_setting_and_a_review_recorded_by_keyboard_are_kept_and_exported() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let title = "Reviews by keyboard";
    create_plan(&b, title).await;
    click_button(&b, "Plan details").await;
    let start = field(&b, "Plan title").await;
    // Start from the title field, then keyboard only.
    js(&b, "arguments[0].focus();", vec![json!(start)]).await;

    let is = |label: &'static str| move |f: &Focus| f.name.starts_with(label);
    tab_until(
        &b,
        "the review cycle field",
        false,
        20,
        is("Review cycle (days)"),
    )
    .await;
    // Out of range: refused, said plainly, nothing changed.
    select_all_and_type(&b, "0").await;
    press(&b, Key::Tab).await;
    let said = eventually("the refusal of a review cycle of 0", || async {
        settings_problem(&b)
            .await
            .ok_or("no problem shown".to_owned())
    })
    .await;
    assert_eq!(
        said,
        "The review cycle must be a whole number of days, at least 1; 0 is out of range. It is still 100 days."
    );
    let id = open_plan_id(&b).await;
    let stored = stored_envelope(&b, &id).await;
    assert_eq!(stored["plan"]["plan"]["meta"].get("tracking"), None);
    let invalid = js(
        &b,
        "return document.querySelector('.tracking input[aria-invalid=true]') !== null;",
        vec![],
    )
    .await;
    assert_eq!(invalid, json!(true), "the field is marked");

    // Put right: taken, and the message goes.
    press_shift_tab(&b).await;
    assert!(focus(&b).await.name.starts_with("Review cycle (days)"));
    select_all_and_type(&b, "91").await;
    press(&b, Key::Tab).await;
    eventually("the problem to go", || async {
        match settings_problem(&b).await {
            None => Ok(()),
            Some(p) => Err(p),
        }
    })
    .await;
    eventually("the review cycle to be saved", || async {
        let s = stored_envelope(&b, &id).await;
        let v = s["plan"]["plan"]["meta"]["tracking"]["review_cycle_days"].clone();
        (v == json!(91)).then_some(()).ok_or(v.to_string())
    })
    .await;

    // Record a review: today's date is there already; a note, then the
    // button, by keyboard.
    assert_eq!(listed_reviews(&b).await, Vec::<String>::new());
    tab_until(&b, "the review's note", false, 20, is("Note (optional)")).await;
    type_keys(&b, "Quarter 2 review to the board").await;
    tab_until(&b, "the Record a review button", false, 5, |f| {
        f.tag == "button" && f.name == "Record a review"
    })
    .await;
    press(&b, Key::Enter).await;
    let today = plan_workbench::model::summary::uk_date(chrono::Local::now().date_naive());
    let expected = format!("{today} Quarter 2 review to the board Remove");
    eventually("the review to be listed", || async {
        let l = listed_reviews(&b).await;
        (l == [expected.clone()])
            .then_some(())
            .ok_or(format!("{l:?}"))
    })
    .await;
    let note_left = js(
        &b,
        "return document.activeElement && document.activeElement.textContent;",
        vec![],
    )
    .await;
    assert_eq!(note_left, json!("Record a review"), "the focus stays");

    // Kept across a reload.
    wait_saved(&b).await;
    reload(&b).await;
    let cycle = field(&b, "Review cycle (days)").await;
    assert_eq!(cycle.prop("value").await.unwrap().as_deref(), Some("91"));
    eventually("the review listed after the reload", || async {
        let l = listed_reviews(&b).await;
        (l == [expected.clone()])
            .then_some(())
            .ok_or(format!("{l:?}"))
    })
    .await;

    // The exported file is of the current version and holds both.
    click_button(&b, "Export plan file").await;
    let name = plan_workbench::model::format::file_name_for(title);
    let (_, file) = wait_download_json(b.download_dir(), &name).await;
    assert_eq!(
        file["version"],
        json!(plan_workbench::model::format::FORMAT_VERSION)
    );
    assert_eq!(
        file["plan"]["meta"]["tracking"],
        json!({"review_cycle_days": 91, "green_within": 10, "amber_within": 25})
    );
    let date = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        file["plan"]["meta"]["reviews"],
        json!([{"date": date, "note": "Quarter 2 review to the board"}])
    );

    // Removed by keyboard too.
    let remove = format!("Remove the review of {today} (review 1)");
    tab_until(&b, "the review's Remove button", false, 60, |f| {
        f.name == remove
    })
    .await;
    press(&b, Key::Enter).await;
    eventually("no reviews listed", || async {
        let t = text_of(&b, ".reviews").await?;
        t.contains("No reviews recorded yet.")
            .then_some(())
            .ok_or(t)
    })
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_details_screen_with_reviews_passes_axe() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_example(&b).await;
    click_button(&b, "Plan details").await;
    field(&b, "Plan title").await;
    eventually("the example's four reviews", || async {
        let l = listed_reviews(&b).await;
        (l.len() == 4).then_some(()).ok_or(format!("{l:?}"))
    })
    .await;
    let reviews = listed_reviews(&b).await;
    assert!(
        reviews[3].contains("2026/27 Quarter 2 review"),
        "{reviews:?}"
    );
    // With a refused value explained, too.
    let green = field(&b, "Green within (percentage points)").await;
    green.clear().await.unwrap();
    green.send_keys("300").await.unwrap();
    field(&b, "Plan title").await.click().await.unwrap();
    eventually("the refusal of 300 points", || async {
        settings_problem(&b).await.ok_or("none".to_owned())
    })
    .await;
    let n = b
        .find_all(Locator::Css(".reviews-list .review button"))
        .await
        .unwrap()
        .len();
    assert_eq!(n, 4, "a Remove button per review");
    assert_no_axe_violations(&b, "plan details with reviews and a refused setting").await;

    // As narrow as on a 320 px phone (the details box 290 px wide, as
    // wide as the other details need): nothing of the settings or the
    // reviews sticks out of it (a fieldset grows to fit what it holds).
    let out = js(
        &b,
        "const d = document.querySelector('.plan-details');
         d.style.width = '290px'; d.style.boxSizing = 'border-box';
         const edge = d.getBoundingClientRect().right + 0.5;
         return Array.from(d.querySelectorAll('*'))
             .filter(e => e.getBoundingClientRect().right > edge)
             .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right - edge));",
        vec![],
    )
    .await;
    assert_eq!(out, json!([]), "sticking out at 290 px");
    b.close().await;
}

/// The example opens as at today (every date moved with it), so on any
/// day it has one action overdue, one whose progress needs checking and
/// its last review a little over two months back. The page's clock is
/// set to another day first (the app reads today from the browser's
/// `Date`), so the example cannot pass by being written for today.
#[tokio::test(flavor = "multi_thread")]
async fn the_example_opens_as_at_today() {
    use plan_workbench::model::example::{example_plan, EXAMPLE_AS_AT};
    use plan_workbench::model::progress::review::last_review;
    use plan_workbench::model::progress::tracking::{is_neglected, is_overdue};
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 5, 20).unwrap();
    js(
        &b,
        "const fixed = new Date(arguments[0]).getTime(); const Real = Date;
         class Fixed extends Real {
             constructor(...a) { if (a.length === 0) { super(fixed); } else { super(...a); } }
             static now() { return fixed; }
         }
         window.Date = Fixed;",
        vec![json!("2027-05-20T12:00:00")],
    )
    .await;
    let title = open_example(&b).await;
    click_button(&b, "Export plan file").await;
    let name = plan_workbench::model::format::file_name_for(&title);
    let bytes = wait_download_bytes(b.download_dir(), &name).await;
    let plan = plan_workbench::model::format::import_plan(std::str::from_utf8(&bytes).unwrap())
        .expect("the example imports");
    // Every date moved by the days from 2 December 2026 to that day.
    let moved = today - EXAMPLE_AS_AT;
    let written = example_plan();
    assert_eq!(
        plan.meta.period_start,
        written.meta.period_start.map(|d| d + moved)
    );
    assert_eq!(
        plan.actions[3].due,
        written.actions[3].due.map(|d| d + moved)
    );
    let s = plan.meta.tracking;
    let overdue: Vec<&str> = plan
        .actions
        .iter()
        .filter(|a| is_overdue(a, today))
        .map(|a| a.code.as_str())
        .collect();
    let neglected: Vec<&str> = plan
        .actions
        .iter()
        .filter(|a| is_neglected(a, today, &s))
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!((overdue, neglected), (vec!["1.4"], vec!["2.3"]));
    let since = last_review(&plan, today).expect("a review before today");
    assert_eq!((today - since).num_days(), 63, "as 30 Sep to 2 Dec");
    b.close().await;
}
