//! End-to-end tests of the driver diagram: building a plan on it by mouse
//! (pointer drags) and by keyboard, undo and redo, focus, workshop mode,
//! the pictures, and a reload after diagram edits.

use std::time::Duration;

use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, TouchActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::harness::*;

/// The open plan as stored in localStorage.
async fn stored_plan(c: &Client) -> Value {
    let id = open_plan_id(c).await;
    stored_envelope(c, &id).await["plan"]["plan"].clone()
}

/// The item of `list` whose `field` is `text`, or what the list holds.
fn find<'a>(plan: &'a Value, list: &str, field: &str, text: &str) -> Result<&'a Value, String> {
    plan[list]
        .as_array()
        .and_then(|a| a.iter().find(|i| i[field] == text))
        .ok_or_else(|| format!("no {list} item with {field} “{text}” in {}", plan[list]))
}

fn item<'a>(plan: &'a Value, list: &str, field: &str, text: &str) -> &'a Value {
    find(plan, list, field, text).unwrap_or_else(|e| panic!("{e}"))
}

fn link_count(item: &Value, field: &str) -> usize {
    item[field].as_array().map_or(0, Vec::len)
}

/// Waits until the stored item (list, field, text) has `n` links in its
/// `links` field.
async fn wait_links(
    c: &Client,
    what: &str,
    (list, field, text): (&str, &str, &str),
    links: &str,
    n: usize,
) {
    wait_stored(c, what, |p| {
        let item = find(p, list, field, text)?;
        (link_count(item, links) == n)
            .then_some(())
            .ok_or(format!("{item}"))
    })
    .await;
}

/// Waits until the stored plan satisfies `check` (saving is immediate, but
/// the page may still be handling the gesture).
async fn wait_stored(
    c: &Client,
    what: &str,
    check: impl Fn(&Value) -> Result<(), String>,
) -> Value {
    eventually(what, || async {
        let plan = stored_plan(c).await;
        check(&plan).map(|_| plan.clone())
    })
    .await
}

/// Waits for the keyboard focus to reach the card (or control) whose
/// accessible name starts with `name`.
async fn wait_focus_on(c: &Client, name: &str) {
    eventually(&format!("the focus on “{name}”"), || async {
        let f = focus(c).await;
        f.name
            .starts_with(name)
            .then_some(())
            .ok_or(format!("{f:?}"))
    })
    .await
}

fn card_xpath(text: &str) -> String {
    format!(
        "//*[@data-card-id and contains(@aria-label, {})]",
        xpath_literal(text)
    )
}

/// The one card (on the diagram or among the ideas) whose name has `text`.
async fn card(c: &Client, text: &str) -> Element {
    let xpath = card_xpath(text);
    eventually(&format!("one card “{text}”"), || async {
        let found = c.find_all(Locator::XPath(&xpath)).await.map_err(dbg)?;
        match found.len() {
            1 => Ok(found.into_iter().next().unwrap()),
            n => Err(format!("{n} cards match")),
        }
    })
    .await
}

async fn open_diagram(c: &Client) {
    click_button(c, "Driver diagram").await;
    eventually("the diagram", || async {
        c.find(Locator::Css(".viewport"))
            .await
            .map(|_| ())
            .map_err(dbg)
    })
    .await;
}

/// The steps of a drag: press on `from`'s centre, move off it, move onto
/// `to` and release `dy` pixels below its centre. Real pointer events, as
/// a user's drag.
fn drag_steps(from: &Element, to: &Element, dy: f64) -> Vec<PointerAction> {
    let step = Some(Duration::from_millis(60));
    vec![
        PointerAction::MoveToElement {
            element: from.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        },
        PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        },
        PointerAction::MoveBy {
            duration: step,
            x: 12.0,
            y: -8.0,
        },
        PointerAction::MoveToElement {
            element: to.clone(),
            duration: step,
            x: 0.0,
            y: dy,
        },
        PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        },
    ]
}

/// Drags `from` onto `to` with the mouse, releasing `dy` pixels from `to`'s
/// centre.
async fn mouse_drag_to_offset(c: &Client, from: &Element, to: &Element, dy: f64) {
    let drag = drag_steps(from, to, dy)
        .into_iter()
        .fold(MouseActions::new("mouse".into()), |a, s| a.then(s));
    c.perform_actions(drag).await.expect("drag with the mouse");
}

async fn mouse_drag(c: &Client, from: &Element, to: &Element) {
    mouse_drag_to_offset(c, from, to, 0.0).await;
}

/// The same gesture with a finger (an interactive whiteboard).
async fn touch_drag(c: &Client, from: &Element, to: &Element) {
    let drag = drag_steps(from, to, 0.0)
        .into_iter()
        .fold(TouchActions::new("finger".into()), |a, s| a.then(s));
    c.perform_actions(drag).await.expect("drag with a finger");
}

async fn handle_of(card: &Element) -> Element {
    card.find(Locator::Css(".link-handle"))
        .await
        .expect("the card's link handle")
}

/// Clicks a column's add button, types the text into the card's in-place
/// editor and presses Enter.
async fn add_card(c: &Client, add_button: &str, text: &str) {
    click_button(c, add_button).await;
    type_in_place(c, text).await;
}

async fn type_in_place(c: &Client, text: &str) {
    eventually("the in-place editor to take the focus", || async {
        let f = focus(c).await;
        if f.tag == "textarea" && f.name.starts_with("Card text") {
            Ok(())
        } else {
            Err(format!("{f:?}"))
        }
    })
    .await;
    type_keys(c, text).await;
    press(c, Key::Enter).await;
    card(c, text).await;
    // The focus goes back to the card, ready for the next key.
    eventually(&format!("the focus back on the card “{text}”"), || async {
        let f = focus(c).await;
        f.name.contains(text).then_some(()).ok_or(format!("{f:?}"))
    })
    .await;
}

async fn classes(e: &Element) -> String {
    e.attr("class").await.ok().flatten().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn diagram_by_mouse_drag_links_refusals_undo_redo_and_reload() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Mouse workshop").await;
    open_diagram(&b).await;

    add_card(&b, "Add an outcome", "Children are safe at home").await;
    add_card(&b, "Add an outcome", "Families get help early").await;
    // With the first outcome selected, a new aim drives it.
    card(&b, "Children are safe at home")
        .await
        .click()
        .await
        .unwrap();
    add_card(&b, "Add an improvement aim", "Reduce repeat referrals").await;
    wait_stored(&b, "the aim to drive the first outcome", |p| {
        let aim = find(p, "aims", "statement", "Reduce repeat referrals")?;
        let outcome = find(p, "outcomes", "statement", "Children are safe at home")?;
        (aim["outcomes"] == json!([outcome["id"]]))
            .then_some(())
            .ok_or(format!("{aim}"))
    })
    .await;

    // The counts and gaps a workshop needs are on the cards.
    let aim_name = card(&b, "Reduce repeat referrals")
        .await
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        aim_name.contains("(0 actions · 0 measures)")
            && aim_name.contains("Gap: No action serves this aim yet."),
        "{aim_name}"
    );
    assert!(classes(&card(&b, "Reduce repeat referrals").await)
        .await
        .contains("gap"));

    // Reorder by drag: the second outcome dropped on the top half of the
    // first goes above it.
    let second = card(&b, "Families get help early").await;
    let first = card(&b, "Children are safe at home").await;
    mouse_drag_to_offset(&b, &second, &first, -15.0).await;
    wait_stored(&b, "the outcomes to swap places", |p| {
        let order: Vec<&str> = p["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["statement"].as_str().unwrap_or(""))
            .collect();
        (order == ["Families get help early", "Children are safe at home"])
            .then_some(())
            .ok_or(format!("{order:?}"))
    })
    .await;

    // Drag from the aim's handle onto the second outcome: a second link.
    let aim = card(&b, "Reduce repeat referrals").await;
    let second = card(&b, "Families get help early").await;
    mouse_drag(&b, &handle_of(&aim).await, &second).await;
    wait_links(
        &b,
        "the aim to drive both outcomes after the drag",
        ("aims", "statement", "Reduce repeat referrals"),
        "outcomes",
        2,
    )
    .await;
    let lines = b
        .find_all(Locator::Css("svg.lines .line-path"))
        .await
        .unwrap();
    assert_eq!(lines.len(), 2, "one line per link");

    // Quick capture: the idea waits among the ideas to place, then a
    // finger drags it onto the aim, which it then serves.
    let capture = field(&b, "Quick capture").await;
    capture
        .send_keys("Weekly multi-agency huddle")
        .await
        .unwrap();
    capture
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    let idea = card(&b, "Idea to place (action): Weekly multi-agency huddle").await;
    touch_drag(&b, &idea, &card(&b, "Reduce repeat referrals").await).await;
    wait_links(
        &b,
        "the idea to serve the aim after the touch drag",
        ("actions", "title", "Weekly multi-agency huddle"),
        "aims",
        1,
    )
    .await;
    eventually("the idea to leave the ideas area", || async {
        let n = b.find_all(Locator::Css(".idea")).await.map_err(dbg)?.len();
        (n == 0).then_some(()).ok_or(format!("{n} ideas"))
    })
    .await;

    // A refused drop says why and changes nothing.
    let before = stored_plan(&b).await;
    let outcome = card(&b, "Families get help early").await;
    let action = card(&b, "Action: Weekly multi-agency huddle").await;
    mouse_drag(&b, &handle_of(&outcome).await, &action).await;
    let why = wait_alert_containing(&b, "cannot be linked").await;
    assert!(
        why.contains("An outcome cannot be linked to an action"),
        "{why}"
    );
    assert_eq!(
        stored_plan(&b).await,
        before,
        "a refused link changes nothing"
    );

    // Undo, step by step, by keys and the button: the idea's link, the
    // captured idea itself, the dragged link; then redo them all.
    b.find(Locator::Css(".viewport"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    press_ctrl(&b, false, 'z').await;
    wait_links(
        &b,
        "undo to take back the idea's link",
        ("actions", "title", "Weekly multi-agency huddle"),
        "aims",
        0,
    )
    .await;
    click_button(&b, "Undo").await;
    let no_actions = |p: &Value| {
        let n = p["actions"].as_array().map_or(0, Vec::len);
        (n == 0).then_some(()).ok_or(format!("{n} actions"))
    };
    wait_stored(
        &b,
        "the Undo button to take back the captured idea",
        no_actions,
    )
    .await;
    press_ctrl(&b, false, 'z').await;
    wait_links(
        &b,
        "undo to take back the dragged link",
        ("aims", "statement", "Reduce repeat referrals"),
        "outcomes",
        1,
    )
    .await;
    press_ctrl(&b, true, 'z').await;
    wait_links(
        &b,
        "Ctrl+Shift+Z to redo the dragged link",
        ("aims", "statement", "Reduce repeat referrals"),
        "outcomes",
        2,
    )
    .await;
    click_button(&b, "Redo").await;
    wait_links(
        &b,
        "the Redo button to bring back the idea, unlinked",
        ("actions", "title", "Weekly multi-agency huddle"),
        "aims",
        0,
    )
    .await;
    press_ctrl(&b, false, 'y').await;
    wait_links(
        &b,
        "Ctrl+Y to redo the idea's link",
        ("actions", "title", "Weekly multi-agency huddle"),
        "aims",
        1,
    )
    .await;

    // Delete a card, then undo brings it back with its links.
    card(&b, "Action: Weekly multi-agency huddle")
        .await
        .click()
        .await
        .unwrap();
    press(&b, Key::Delete).await;
    wait_stored(&b, "the action to be deleted", |p| {
        (p["actions"].as_array().map_or(0, Vec::len) == 0)
            .then_some(())
            .ok_or(format!("{}", p["actions"]))
    })
    .await;
    press_ctrl(&b, false, 'y').await; // nothing to redo: no change
    press_ctrl(&b, false, 'z').await;
    wait_links(
        &b,
        "undo to bring the action back, linked",
        ("actions", "title", "Weekly multi-agency huddle"),
        "aims",
        1,
    )
    .await;

    // Reload at once after a change: leaving the page saves it.
    let capture = field(&b, "Quick capture").await;
    capture.send_keys("Saved on the way out").await.unwrap();
    capture
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    reload(&b).await;
    wait_plan_title(&b, "Mouse workshop").await;
    let want = stored_plan(&b).await;
    item(&want, "actions", "title", "Saved on the way out");

    // The diagram shows everything that was done on it.
    reload(&b).await;
    wait_plan_title(&b, "Mouse workshop").await;
    open_diagram(&b).await;
    for text in [
        "Children are safe at home",
        "Families get help early",
        "Reduce repeat referrals",
        "Weekly multi-agency huddle",
        "Idea to place (action): Saved on the way out",
    ] {
        card(&b, text).await;
    }
    assert_eq!(stored_plan(&b).await, want);
    let lines = b
        .find_all(Locator::Css("svg.lines .line-path"))
        .await
        .unwrap();
    assert_eq!(
        lines.len(),
        3,
        "both aim links and the action's link are drawn"
    );

    // Unlink from the card's list of links in the side panel.
    card(&b, "Reduce repeat referrals")
        .await
        .click()
        .await
        .unwrap();
    click_button(&b, "Remove link with Families get help early").await;
    wait_links(
        &b,
        "the aim to drive one outcome again",
        ("aims", "statement", "Reduce repeat referrals"),
        "outcomes",
        1,
    )
    .await;

    // Zoom and pan: the buttons, the keys and fit to screen.
    let canvas_transform = || async {
        js(
            &b,
            "return document.querySelector('.canvas').style.transform;",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    };
    click_button(&b, "Zoom in").await;
    eventually("the zoom level to read 120%", || async {
        let t = text_of(&b, ".zoom-level").await?;
        (t == "120%").then_some(()).ok_or(t)
    })
    .await;
    let before = canvas_transform().await;
    b.find(Locator::Css(".viewport"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    press(&b, Key::Escape).await; // nothing selected, the diagram focused
    press_shifted(&b, Key::Down).await;
    let after = canvas_transform().await;
    assert_ne!(before, after, "Shift+Down pans");
    assert!(after.contains("scale(1.2"), "{after}");
    press_keys(&b, &['0']).await;
    eventually("fit to screen to show the whole diagram", || async {
        let v = js(
            &b,
            r#"const c = document.querySelector('.canvas').getBoundingClientRect();
               const v = document.querySelector('.viewport').getBoundingClientRect();
               return {inside: c.left >= v.left - 1 && c.right <= v.right + 1 && c.top >= v.top - 1 && c.bottom <= v.bottom + 1,
                       zoom: document.querySelector('.zoom-level').textContent};"#,
            vec![],
        )
        .await;
        let zoom: f64 = v["zoom"].as_str().unwrap_or("").trim_end_matches('%').parse().unwrap_or(999.0);
        (v["inside"] == json!(true) && zoom <= 100.0).then_some(()).ok_or(format!("{v}"))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn diagram_by_keyboard_alone() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Keyboard workshop").await;
    open_diagram(&b).await;

    tab_until(&b, "the diagram", false, 60, |f| {
        f.name.starts_with("Driver diagram. Keys")
    })
    .await;
    // N: a new outcome (nothing selected), typed in place.
    press_keys(&b, &['n']).await;
    type_in_place(&b, "Young people thrive").await;
    // A: an aim driving it; A again: an action serving the aim; A: a measure.
    press_keys(&b, &['a']).await;
    type_in_place(&b, "More care leavers in work").await;
    press_keys(&b, &['a']).await;
    type_in_place(&b, "Guaranteed interviews").await;
    press_keys(&b, &['a']).await;
    type_in_place(&b, "Care leavers in work at 19").await;
    // Back to the outcome (left, left, left) and a second one beside it (N).
    press(&b, Key::Left).await;
    press(&b, Key::Left).await;
    press(&b, Key::Left).await;
    wait_focus_on(&b, "Outcome: Young people thrive").await;
    press_keys(&b, &['n']).await;
    type_in_place(&b, "Young people are heard").await;

    // L on the aim: pick the second outcome from the list.
    press(&b, Key::Right).await;
    wait_focus_on(&b, "Improvement aim: More care leavers in work").await;
    press_keys(&b, &['l']).await;
    // The list's find box takes the focus; the outcome not yet linked is
    // listed; Tab reaches it.
    wait_focus_on(&b, "Find a card to link to").await;
    let picked = tab_until(&b, "the unlinked outcome in the list", false, 5, |f| {
        f.tag == "button"
    })
    .await;
    assert_eq!(picked.name, "Young people are heard (outcome)");
    press(&b, Key::Enter).await;
    wait_links(
        &b,
        "the aim to drive both outcomes",
        ("aims", "statement", "More care leavers in work"),
        "outcomes",
        2,
    )
    .await;
    wait_focus_on(&b, "Improvement aim: More care leavers in work").await;

    // Undo and redo the keyboard link.
    press_ctrl(&b, false, 'z').await;
    wait_links(
        &b,
        "undo of the keyboard link",
        ("aims", "statement", "More care leavers in work"),
        "outcomes",
        1,
    )
    .await;
    press_ctrl(&b, false, 'y').await;
    wait_links(
        &b,
        "redo of the keyboard link",
        ("aims", "statement", "More care leavers in work"),
        "outcomes",
        2,
    )
    .await;

    // Edit in place: Escape keeps the old text, Enter keeps the new.
    press(&b, Key::Enter).await;
    type_keys(&b, " soon").await;
    press(&b, Key::Escape).await;
    card(&b, "Improvement aim: More care leavers in work").await;
    let plan = stored_plan(&b).await;
    item(&plan, "aims", "statement", "More care leavers in work");
    press(&b, Key::Enter).await;
    press(&b, Key::End).await;
    type_keys(&b, " by 2027").await;
    press(&b, Key::Enter).await;
    wait_stored(&b, "the edited aim text", |p| {
        find(p, "aims", "statement", "More care leavers in work by 2027").map(|_| ())
    })
    .await;

    // Alt+Down moves the first outcome below the second.
    press(&b, Key::Left).await;
    wait_focus_on(&b, "Outcome: Young people thrive").await;
    let alt: char = Key::Alt.into();
    let down: char = Key::Down.into();
    use fantoccini::actions::{KeyAction, KeyActions};
    b.perform_actions(
        KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: alt })
            .then(KeyAction::Down { value: down })
            .then(KeyAction::Up { value: down })
            .then(KeyAction::Up { value: alt }),
    )
    .await
    .unwrap();
    wait_stored(&b, "the outcomes to swap", |p| {
        let order: Vec<&str> = p["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["statement"].as_str().unwrap())
            .collect();
        (order == ["Young people are heard", "Young people thrive"])
            .then_some(())
            .ok_or(format!("{order:?}"))
    })
    .await;

    // Delete by keyboard, then undo.
    press(&b, Key::Delete).await;
    wait_stored(&b, "the outcome deleted", |p| {
        (p["outcomes"].as_array().unwrap().len() == 1)
            .then_some(())
            .ok_or(format!("{}", p["outcomes"]))
    })
    .await;
    press_ctrl(&b, false, 'z').await;
    wait_links(
        &b,
        "the outcome back with its aim",
        ("aims", "statement", "More care leavers in work by 2027"),
        "outcomes",
        2,
    )
    .await;
}

/// Two separate chains; focus on one dims the other.
async fn two_chain_plan(b: &Client) {
    create_plan(b, "Focus test").await;
    open_diagram(b).await;
    add_card(b, "Add an outcome", "Outcome one").await;
    add_card(b, "Add an improvement aim", "Aim under one").await;
    b.find(Locator::Css(".viewport"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    add_card(b, "Add an outcome", "Outcome two").await;
    add_card(b, "Add an improvement aim", "Aim under two").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn focus_dims_the_unrelated_cards_and_workshop_mode_is_large() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    b.set_window_size(1920, 1080).await.unwrap();
    two_chain_plan(&b).await;

    card(&b, "Aim under one").await.click().await.unwrap();
    click_button(&b, "Focus on selected chain").await;
    eventually("the other chain to be dimmed", || async {
        let mut seen = Vec::new();
        for (text, dim) in [
            ("Outcome one", false),
            ("Aim under one", false),
            ("Outcome two", true),
            ("Aim under two", true),
        ] {
            let cls = classes(&card(&b, text).await).await;
            seen.push(format!("{text}: {cls}"));
            if cls.split(' ').any(|c| c == "dimmed") != dim {
                return Err(seen.join("; "));
            }
        }
        Ok(())
    })
    .await;
    press(&b, Key::Escape).await;

    // The priority filter: a priority added on the diagram, one outcome
    // linked to it from the keyboard list, then only its chain is shown.
    click_button(&b, "Add a priority").await;
    eventually("the new priority's title to take the focus", || async {
        let f = focus(&b).await;
        (f.tag == "textarea" && f.name == "Title")
            .then_some(())
            .ok_or(format!("{f:?}"))
    })
    .await;
    type_keys(&b, "Priority A").await;
    card(&b, "Outcome one").await.click().await.unwrap();
    press_keys(&b, &['l']).await;
    // Typing narrows the list; Enter links the first match.
    wait_focus_on(&b, "Find a card to link to").await;
    type_keys(&b, "rity a").await;
    eventually("the list narrowed to the priority", || async {
        let picks = b
            .find_all(Locator::Css(".link-picker .pick"))
            .await
            .map_err(dbg)?;
        let mut names = Vec::new();
        for p in picks {
            names.push(p.text().await.map_err(dbg)?);
        }
        (names == ["Priority A (priority)"])
            .then_some(())
            .ok_or(format!("{names:?}"))
    })
    .await;
    press(&b, Key::Enter).await;
    wait_stored(&b, "the outcome to belong to Priority A", |p| {
        let outcome = find(p, "outcomes", "statement", "Outcome one")?;
        (link_count(outcome, "priorities") == 1)
            .then_some(())
            .ok_or(format!("{outcome}"))
    })
    .await;
    let filter = field(&b, "Show").await;
    filter.select_by_label("Priority A").await.unwrap();
    eventually("only the chain of Priority A to be drawn", || async {
        let names: Vec<String> = {
            let mut v = Vec::new();
            for e in b
                .find_all(Locator::Css(".canvas [data-card-id]"))
                .await
                .map_err(dbg)?
            {
                v.push(e.attr("aria-label").await.map_err(dbg)?.unwrap_or_default());
            }
            v
        };
        let shown = |t: &str| names.iter().any(|n| n.contains(t));
        (shown("Outcome one")
            && shown("Aim under one")
            && !shown("Outcome two")
            && !shown("Aim under two"))
        .then_some(())
        .ok_or(format!("{names:?}"))
    })
    .await;
    filter.select_by_label("All priorities").await.unwrap();
    card(&b, "Outcome two").await;

    // Workshop mode at 1920x1080: large type on the cards and the page.
    click_button(&b, "Workshop mode").await;
    let sizes = eventually("workshop type to be at least 24px", || async {
        let v = js(
            &b,
            r#"const px = s => parseFloat(getComputedStyle(s).fontSize);
               return {app: px(document.querySelector('.app')),
                       card: px(document.querySelector('.card-text')),
                       capture: px(document.querySelector('.quick-capture input'))};"#,
            vec![],
        )
        .await;
        let all = ["app", "card", "capture"]
            .iter()
            .all(|k| v[k].as_f64().unwrap_or(0.0) >= 24.0);
        all.then_some(v.clone()).ok_or(format!("{v}"))
    })
    .await;
    assert!(sizes["card"].as_f64().unwrap() >= 24.0, "{sizes}");
    // High contrast: white text on black around the diagram.
    let colours = js(&b, "const s = getComputedStyle(document.querySelector('.app')); return [s.color, s.backgroundColor];", vec![]).await;
    assert_eq!(colours, json!(["rgb(255, 255, 255)", "rgb(0, 0, 0)"]));
    // Only the essentials: no side panel, no export buttons.
    assert!(!b
        .find(Locator::Css(".side-panel"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());

    // An old projector: 1280x720 still shows the diagram and its tools
    // without sideways scrolling.
    b.set_window_size(1280, 720).await.unwrap();
    let fits = eventually("the page to fit 1280 wide", || async {
        let v = js(
            &b,
            r#"const vp = document.querySelector('.viewport').getBoundingClientRect();
               return {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                       vw: vp.width, vh: vp.height};"#,
            vec![],
        )
        .await;
        let ok = v["overflow"].as_f64() == Some(0.0) && v["vw"].as_f64().unwrap_or(0.0) > 900.0 && v["vh"].as_f64().unwrap_or(0.0) > 250.0;
        ok.then_some(v.clone()).ok_or(format!("{v}"))
    })
    .await;
    assert!(fits["vh"].as_f64().unwrap() > 250.0);
    assert!(field(&b, "Quick capture")
        .await
        .is_displayed()
        .await
        .unwrap());
    button(&b, "Workshop mode").await;
}

/// All the text inside an SVG document, one string per <text> element.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG does not parse: {e}\n{svg}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let words: Vec<&str> = n
                .descendants()
                .filter_map(|t| t.text())
                .flat_map(str::split_whitespace)
                .collect();
            words.join(" ")
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn pictures_of_the_diagram_hold_every_card_and_the_title() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    two_chain_plan(&b).await;
    // Text that must stay text, not markup.
    card(&b, "Aim under two").await.click().await.unwrap();
    press_keys(&b, &['a']).await;
    type_in_place(&b, "Check <b>this</b> & that").await;

    click_button(&b, "Download SVG").await;
    let svg = String::from_utf8(
        wait_download_bytes(b.download_dir(), "focus-test-driver-diagram.svg").await,
    )
    .unwrap();
    let texts = svg_texts(&svg);
    let all = texts.join(" | ");
    // The picture carries the plan's title and today's date.
    let today = chrono::Local::now().format("%-d %b %Y").to_string();
    for want in [
        "Focus test",
        &today,
        "Outcome one",
        "Aim under one",
        "Outcome two",
        "Aim under two",
        "Check <b>this</b> & that",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(want)),
            "“{want}” not in the SVG's texts: {all}"
        );
    }
    assert!(!svg.contains("<b>"), "typed text is escaped in the SVG");

    // Focused on one chain, the picture shows that chain only.
    card(&b, "Aim under one").await.click().await.unwrap();
    click_button(&b, "Focus on selected chain").await;
    let _ = std::fs::remove_file(b.download_dir().join("focus-test-driver-diagram.svg"));
    click_button(&b, "Download SVG").await;
    let svg = String::from_utf8(
        wait_download_bytes(b.download_dir(), "focus-test-driver-diagram.svg").await,
    )
    .unwrap();
    let all = svg_texts(&svg).join(" | ");
    assert!(
        all.contains("Aim under one") && !all.contains("Aim under two"),
        "{all}"
    );

    click_button(&b, "Download PNG").await;
    let png = wait_download_bytes(b.download_dir(), "focus-test-driver-diagram.png").await;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    assert!(png.len() > 2_000, "a real picture, {} bytes", png.len());
}
