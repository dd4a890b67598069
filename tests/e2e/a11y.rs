//! Every screen passes axe-core (WCAG 2.0 and 2.1 A and AA, best
//! practices, and label-content-name-mismatch) with no violations: the
//! library empty and with plans, its delete confirmation, an import error,
//! the outline, plan details, the Measures screen, the import screen with a
//! preview, the driver diagram (nothing selected, a card
//! selected, a card being edited in place, the link list open) and
//! workshop mode. A new screen adds itself here.

use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use crate::harness::*;

/// Waits until the keyboard focus is on an element matching `css`.
async fn wait_focus_matches(c: &Client, what: &str, css: &str) {
    eventually(what, || async {
        let v = js(
            c,
            "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
            vec![serde_json::json!(css)],
        )
        .await;
        (v == serde_json::Value::Bool(true))
            .then_some(())
            .ok_or_else(|| "not yet".to_owned())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_axe() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let mut audit = AxeAudit::default();

    // The library with no plans.
    audit.check(&b, "plan library, empty").await;

    // An import that fails: the problem is shown as an alert.
    let dir = TempDir::new("a11y");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    import_file(&b, &broken).await;
    wait_alert_containing(&b, "line").await;
    audit.check(&b, "plan library, import error alert").await;
    click_button(&b, "Dismiss").await;

    // The example plan: every kind of item, links, codes and gaps.
    click_button(&b, "Open the example plan").await;
    button(&b, "Driver diagram").await;
    audit.check(&b, "outline (example plan)").await;

    click_button(&b, "Plan details").await;
    field(&b, "Plan title").await;
    audit.check(&b, "plan details").await;

    // The Measures screen: every measure's chart and its words.
    click_button(&b, "Measures").await;
    eventually("the Measures screen's charts", || async {
        let n = b
            .find_all(Locator::Css(
                ".measures-screen .measure-section .chart-picture svg",
            ))
            .await
            .map_err(dbg)?
            .len();
        (n == 6).then_some(()).ok_or(format!("{n} charts"))
    })
    .await;
    audit.check(&b, "measures screen (example plan)").await;

    // The import screen, with a pasted table's preview showing.
    click_button(&b, "Bring in a table").await;
    crate::import::paste(&b, Some(crate::import::WORD_HTML), crate::import::WORD_TEXT).await;
    crate::import::wait_counts(&b, crate::import::WORD_COUNTS).await;
    audit.check(&b, "import screen with a preview").await;

    click_button(&b, "Driver diagram").await;
    eventually("the diagram's cards", || async {
        let n = b
            .find_all(Locator::Css(".canvas [data-card-id]"))
            .await
            .map_err(dbg)?
            .len();
        (n > 3).then_some(()).ok_or(format!("{n} cards"))
    })
    .await;
    audit.check(&b, "driver diagram, nothing selected").await;

    // A card selected from the keyboard (the side panel shows its fields).
    let viewport = b.find(Locator::Css(".viewport")).await.unwrap();
    viewport.click().await.unwrap();
    press(&b, Key::Home).await;
    wait_focus_matches(&b, "a card to take the focus", ".canvas .card.selected").await;
    eventually("the side panel to show the selected card", || async {
        text_of(&b, ".side-panel")
            .await
            .and_then(|t| (!t.contains("Select a card")).then_some(()).ok_or(t))
    })
    .await;
    audit.check(&b, "driver diagram, a card selected").await;
    // Its accessible name still says what the card shows: kind, code,
    // text and counts.
    let shown = js(
        &b,
        "const c = document.activeElement;
         return {name: c.getAttribute('aria-label'),
                 parts: ['.code', '.card-text', '.counts'].map(s => c.querySelector(s).textContent)};",
        vec![],
    )
    .await;
    let name = shown["name"].as_str().unwrap_or_default();
    assert!(
        ["Outcome", "Improvement aim", "Action", "Measure"]
            .iter()
            .any(|k| name.starts_with(k)),
        "{shown}"
    );
    for part in shown["parts"].as_array().unwrap() {
        assert!(name.contains(part.as_str().unwrap()), "{shown}");
    }

    // The card's text edited in place.
    press(&b, Key::Enter).await;
    wait_focus_matches(&b, "the in-place editor", "textarea.card-editor").await;
    audit
        .check(&b, "driver diagram, a card edited in place")
        .await;
    press(&b, Key::Escape).await;
    wait_focus_matches(&b, "the card again", ".canvas .card.selected").await;

    // The keyboard's link list.
    press_keys(&b, &['l']).await;
    wait_focus_matches(&b, "the link list's find box", ".link-picker input").await;
    audit.check(&b, "driver diagram, link list open").await;
    press(&b, Key::Escape).await;
    wait_focus_matches(&b, "the card again", ".canvas .card.selected").await;

    // Workshop mode, with a card selected.
    click_button(&b, "Workshop mode").await;
    eventually("workshop mode", || async {
        let v = js(
            &b,
            "return !!document.querySelector('.app.workshop');",
            vec![],
        )
        .await;
        (v == serde_json::Value::Bool(true))
            .then_some(())
            .ok_or_else(|| "not in workshop mode".to_owned())
    })
    .await;
    audit.check(&b, "workshop mode").await;
    click_button(&b, "Workshop mode").await;
    // Headless Chromium's full screen left the window at 800 × 600.
    b.set_window_size(1400, 1000).await.unwrap();

    // A line chosen (the side panel describes it), and an idea waiting to
    // be placed, selected, then edited in place.
    js(
        &b,
        "document.querySelector('.line-hit').dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, button: 0}));",
        vec![],
    )
    .await;
    button(&b, "Remove this link").await;
    audit.check(&b, "driver diagram, a line chosen").await;
    let capture = field(&b, "Quick capture").await;
    capture.send_keys("An idea to place\n").await.unwrap();
    let idea = eventually("the idea among the ideas to place", || async {
        b.find(Locator::Css(".idea-list .idea")).await.map_err(dbg)
    })
    .await;
    audit.check(&b, "driver diagram, an idea to place").await;
    // The idea is drawn in its list, not at the page's top left.
    let inside = js(
        &b,
        "const i = document.querySelector('.idea').getBoundingClientRect();
         const a = document.querySelector('.ideas').getBoundingClientRect();
         return [i.top >= a.top && i.bottom <= a.bottom && i.left >= a.left && i.right <= a.right,
                 [i.left, i.top, i.right, i.bottom], [a.left, a.top, a.right, a.bottom]];",
        vec![],
    )
    .await;
    assert_eq!(
        inside[0],
        serde_json::json!(true),
        "the idea within “Ideas to place”: {inside}"
    );
    idea.click().await.unwrap();
    wait_focus_matches(&b, "the idea selected", ".idea.selected").await;
    press(&b, Key::Enter).await;
    wait_focus_matches(&b, "the idea's editor", ".idea textarea.card-editor").await;
    audit
        .check(&b, "driver diagram, an idea edited in place")
        .await;
    press(&b, Key::Escape).await;

    // Importing a plan that is already here asks what to do.
    let id = open_plan_id(&b).await;
    let document = stored_envelope(&b, &id).await["plan"].clone();
    let again = dir.path().join("again.json");
    std::fs::write(&again, document.to_string()).unwrap();
    import_file(&b, &again).await;
    button(&b, "Replace the stored plan").await;
    audit
        .check(&b, "import of a plan already here, the choice")
        .await;
    click_button(&b, "Cancel import").await;

    // The library with a plan in it, and its delete confirmation.
    click_button(&b, "Plan library").await;
    let title = eventually("the example plan in the library", || async {
        let titles = library_titles(&b).await;
        titles.first().cloned().ok_or(format!("{titles:?}"))
    })
    .await;
    audit.check(&b, "plan library, with a plan").await;
    click_button(&b, &format!("Delete {title}")).await;
    button(&b, "Delete plan").await;
    audit.check(&b, "plan library, delete confirmation").await;

    audit.assert_clean();
}

/// The canvas's transform: its pan and zoom.
async fn canvas_transform(c: &Client) -> String {
    js(
        c,
        "return document.querySelector('.canvas').style.transform;",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Opens the example plan's driver diagram and waits for its cards.
async fn example_diagram(c: &Client) {
    click_button(c, "Open the example plan").await;
    click_button(c, "Driver diagram").await;
    eventually("the diagram's cards", || async {
        let n = c
            .find_all(Locator::Css(".canvas [data-card-id]"))
            .await
            .map_err(dbg)?
            .len();
        (n > 3).then_some(()).ok_or(format!("{n} cards"))
    })
    .await;
}

/// Gives the diagram's viewport the keyboard focus with no card selected
/// (Escape leaves a selected card; a card may still take the focus a frame
/// after a key that selected it, so this tries until it holds).
async fn focus_viewport_with_nothing_selected(c: &Client) {
    eventually("the viewport focused, no card selected", || async {
        let v = js(
            c,
            "document.querySelector('.viewport').focus();
             return {focused: document.activeElement === document.querySelector('.viewport'),
                     selected: document.querySelectorAll('.card.selected').length};",
            vec![],
        )
        .await;
        if v["selected"] != serde_json::json!(0) {
            press(c, Key::Escape).await;
        }
        (v["focused"] == serde_json::json!(true) && v["selected"] == serde_json::json!(0))
            .then_some(())
            .ok_or(format!("{v}"))
    })
    .await;
}

/// Issue 8, item 10: with no card selected, the first arrow key selects a
/// card (and gives it the focus) instead of panning; Shift+arrows pan.
#[tokio::test(flavor = "multi_thread")]
async fn first_arrow_key_selects_a_card_and_shift_arrows_pan() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    example_diagram(&b).await;
    for key in [Key::Down, Key::Right] {
        focus_viewport_with_nothing_selected(&b).await;
        let before = canvas_transform(&b).await;
        press(&b, key).await;
        wait_focus_matches(
            &b,
            &format!("{key:?} to select a card and give it the focus"),
            ".canvas .card.selected[aria-pressed=true]",
        )
        .await;
        assert_eq!(
            canvas_transform(&b).await,
            before,
            "{key:?} with nothing selected selects a card without panning"
        );
        // Escape leaves the card and gives the focus back to the viewport.
        press(&b, Key::Escape).await;
    }

    // Home takes the first card (the first outcome) from anywhere, also
    // with another card selected.
    focus_viewport_with_nothing_selected(&b).await;
    press(&b, Key::Right).await;
    wait_focus_matches(&b, "a card selected", ".canvas .card.selected").await;
    press(&b, Key::Right).await;
    press(&b, Key::Home).await;
    eventually("Home to select the first outcome", || async {
        let f = focus(&b).await;
        f.name
            .starts_with("Outcome 1.1:")
            .then_some(())
            .ok_or(format!("{f:?}"))
    })
    .await;
    press(&b, Key::Escape).await;

    focus_viewport_with_nothing_selected(&b).await;
    let before = canvas_transform(&b).await;
    press_shifted(&b, Key::Down).await;
    eventually("Shift+Down to pan", || async {
        let after = canvas_transform(&b).await;
        (after != before).then_some(()).ok_or(after)
    })
    .await;
    let selected = js(
        &b,
        "return document.querySelectorAll('.card.selected').length;",
        vec![],
    )
    .await;
    assert_eq!(selected, serde_json::json!(0), "Shift+Down selects nothing");

    let help = text_of(&b, ".keys-help").await.unwrap();
    assert!(
        help.contains("an arrow or Home selects a card"),
        "the key help says how to select the first card: {help}"
    );
}

/// What one card shows and how its text sits in its box.
async fn card_text_fit(c: &Client, text: &str) -> serde_json::Value {
    js(
        c,
        r#"const want = arguments[0];
           const card = Array.from(document.querySelectorAll('.canvas [data-card-id]'))
               .find(e => (e.getAttribute('aria-label') || '').includes(want));
           if (!card) return {missing: Array.from(document.querySelectorAll('.canvas [data-card-id]'))
               .map(e => e.getAttribute('aria-label'))};
           const p = card.querySelector('.card-text');
           const s = getComputedStyle(card);
           const box = card.getBoundingClientRect();
           const t = p.getBoundingClientRect();
           return {text: p.textContent, label: card.getAttribute('aria-label'),
                   // The text's box inside the card's padding box.
                   text_bottom: t.bottom, inner_bottom: box.bottom - parseFloat(s.borderBottomWidth),
                   text_right: t.right, inner_right: box.right - parseFloat(s.borderRightWidth),
                   p_scroll_width: p.scrollWidth, p_client_width: p.clientWidth,
                   pad_bottom: parseFloat(s.paddingBottom),
                   line_height: parseFloat(getComputedStyle(p).lineHeight),
                   lines: Math.round(t.height / parseFloat(getComputedStyle(p).lineHeight))};"#,
        vec![serde_json::json!(text)],
    )
    .await
}

fn assert_card_shows_exactly(text: &str, v: &serde_json::Value, mode: &str) {
    assert_eq!(
        v["text"],
        serde_json::json!(text),
        "{mode}: the card's text is as typed: {v}"
    );
    let label = v["label"].as_str().unwrap_or_default();
    assert!(
        label.contains(&format!(": {text}")),
        "{mode}: the card's accessible name holds the text as typed: {v}"
    );
    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    assert!(
        f("text_bottom") <= f("inner_bottom") + 0.5,
        "{mode}: the text overflows the bottom of its card: {v}"
    );
    // The layout's estimate errs on the roomy side, by one line at most.
    let spare = f("inner_bottom") - f("pad_bottom") - f("text_bottom");
    assert!(
        spare < f("line_height") + 0.5,
        "{mode}: the card has more than a line to spare ({spare} px): {v}"
    );
    assert!(
        f("text_right") <= f("inner_right") + 0.5 && f("p_scroll_width") <= f("p_client_width"),
        "{mode}: the text overflows the side of its card: {v}"
    );
}

/// Issue 8, item 8: long words, web addresses and markup on a card are
/// shown exactly as typed (no spaces put in), in its text and in its
/// accessible name, wrapped by CSS within the card's box.
#[tokio::test(flavor = "multi_thread")]
async fn long_words_on_cards_are_shown_as_typed_and_fit_their_card() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    // Wide enough for all four columns, so every card is on screen.
    b.set_window_size(1920, 1080).await.unwrap();
    create_plan(&b, "Long words").await;
    click_button(&b, "Driver diagram").await;
    let texts = [
        (
            "Add an outcome",
            "https://www.example.org/publications/children-services-plan-2026-final-version.pdf",
        ),
        ("Add an improvement aim", "</script><b>x</b>"),
        (
            "Add an action",
            "Antidisestablishmentarianism-supercalifragilisticexpialidocious wraps within its card",
        ),
        // Wide letters, on a measure added with A (the measures' column
        // shows once there is one).
        (
            "A",
            "WAITING TIMES FOR EHCP ASSESSMENTS MEASURED WEEKLY WITH MOMENTUM",
        ),
    ];
    for (add, text) in texts {
        if add == "A" {
            press_keys(&b, &['a']).await;
        } else {
            click_button(&b, add).await;
        }
        wait_focus_matches(&b, "the in-place editor", "textarea.card-editor").await;
        type_keys(&b, text).await;
        press(&b, Key::Enter).await;
        wait_focus_matches(&b, "the card again", ".canvas .card.selected").await;
    }
    for (_, text) in texts {
        let v = eventually(&format!("the card “{text}”"), || async {
            let v = card_text_fit(&b, text).await;
            v.get("text")
                .is_some()
                .then(|| v.clone())
                .ok_or(format!("{v}"))
        })
        .await;
        eprintln!("standard: {v}");
        assert_card_shows_exactly(text, &v, "standard");
    }
    // Editing in place starts from the exact text (Enter on the card
    // just added, which has the focus).
    press(&b, Key::Enter).await;
    eventually("the editor to hold the card's text as typed", || async {
        let v = js(
            &b,
            "const t = document.querySelector('textarea.card-editor'); return t ? t.value : null;",
            vec![],
        )
        .await;
        (v == serde_json::json!(texts[texts.len() - 1].1))
            .then_some(())
            .ok_or(format!("{v}"))
    })
    .await;
    press(&b, Key::Escape).await;

    // Workshop mode's columns are wider: 1,770 px for these four. (Its
    // full screen is 800 px wide in headless Chromium: sized after.)
    click_button(&b, "Workshop mode").await;
    b.set_window_size(2200, 1200).await.unwrap();
    for (_, text) in texts {
        let v = eventually(&format!("the card “{text}” in workshop mode"), || async {
            let v = card_text_fit(&b, text).await;
            let big = js(&b, "return parseFloat(getComputedStyle(document.querySelector('.card-text')).fontSize);", vec![]).await;
            (v.get("text").is_some() && big.as_f64().unwrap_or(0.0) >= 24.0)
                .then(|| v.clone())
                .ok_or(format!("{v} {big}"))
        })
        .await;
        eprintln!("workshop: {v}");
        assert_card_shows_exactly(text, &v, "workshop mode");
    }
    assert_no_axe_violations(&b, "workshop mode, cards with long words and markup").await;
}
