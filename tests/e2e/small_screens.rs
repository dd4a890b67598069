//! End-to-end tests of small screens and zoom, by window size: a phone
//! (390×844), a 1280×800 window at 200% zoom (640×400 CSS px) and WCAG
//! reflow at 320 CSS px. Every check is a number read from the page
//! (getBoundingClientRect, scrollWidth), not a look at a style sheet.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::harness::*;

/// Sets the window to `width`×`height` and returns the CSS viewport it
/// gave (`innerWidth`, `innerHeight`). Headless Chromium makes the
/// viewport the window's size; where it cannot (a minimum window width),
/// the DevTools device-metrics override, through chromedriver, sets it.
async fn set_viewport(c: &Client, width: u32, height: u32) -> (f64, f64) {
    c.set_window_size(width, height)
        .await
        .unwrap_or_else(|e| panic!("set the window to {width}×{height}: {e:?}"));
    let fits = |(w, h): (f64, f64)| {
        (w - f64::from(width)).abs() < 1.0 && (h - f64::from(height)).abs() < 1.0
    };
    let mut got = (0.0, 0.0);
    for _ in 0..20 {
        got = inner_size(c).await;
        if fits(got) {
            eprintln!(
                "window {width}×{height}: innerWidth×innerHeight {}×{}",
                got.0, got.1
            );
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "window {width}×{height} gave innerWidth×innerHeight {}×{}: setting the device metrics",
        got.0, got.1
    );
    cdp_call(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await;
    eventually(&format!("a {width}×{height} viewport"), || async {
        let got = inner_size(c).await;
        if fits(got) {
            Ok(got)
        } else {
            Err(format!("{}×{}", got.0, got.1))
        }
    })
    .await
}

async fn inner_size(c: &Client) -> (f64, f64) {
    let v = js(c, "return [window.innerWidth, window.innerHeight];", vec![]).await;
    (v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0))
}

/// A box on the page, from getBoundingClientRect.
#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    width: f64,
}

fn rect_of(v: &Value) -> Rect {
    let n = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    Rect {
        left: n("left"),
        right: n("right"),
        top: n("top"),
        bottom: n("bottom"),
        width: n("width"),
    }
}

/// The box of the first element matching `css`, or None when there is
/// none or it is not displayed (display: none gives no box).
async fn rect(c: &Client, css: &str) -> Option<Rect> {
    let v = js(
        c,
        "const e = document.querySelector(arguments[0]);
         if (!e || e.getClientRects().length === 0) return null;
         const b = e.getBoundingClientRect();
         return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width};",
        vec![json!(css)],
    )
    .await;
    (!v.is_null()).then(|| rect_of(&v))
}

/// How far the page is wider than the window (0 when nothing scrolls
/// sideways), with the elements that stick out, for the failure message.
async fn horizontal_overflow(c: &Client) -> (f64, Vec<String>) {
    let v = js(
        c,
        "const w = window.innerWidth;
         const over = document.documentElement.scrollWidth - w;
         const out = [];
         for (const e of document.querySelectorAll('body *')) {
           if (e.closest('.viewport')) continue;
           const b = e.getBoundingClientRect();
           if (b.width > 0 && b.right > w + 0.5) {
             out.push(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
               + ' right=' + Math.round(b.right) + ' width=' + Math.round(b.width));
           }
         }
         return [over, out.slice(0, 8)];",
        vec![],
    )
    .await;
    let over = v[0].as_f64().unwrap_or(f64::NAN);
    let out = serde_json::from_value(v[1].clone()).unwrap_or_default();
    (over, out)
}

async fn assert_no_horizontal_scroll(c: &Client, screen: &str) {
    // Layout may still be settling just after a screen change.
    let (over, out) = eventually(&format!("{screen}: no horizontal scrolling"), || async {
        let (over, out) = horizontal_overflow(c).await;
        if over <= 0.0 {
            Ok((over, out))
        } else {
            Err(format!(
                "the page is {over} px wider than the window; sticking out: {out:?}"
            ))
        }
    })
    .await;
    eprintln!("{screen}: scrollWidth − innerWidth = {over}; sticking out: {out:?}");
}

async fn open_example(c: &Client) {
    click_button(c, "Open the example plan").await;
    eventually("the example plan's outline", || async {
        let n = js(
            c,
            "return document.querySelectorAll('.outline .item-text').length;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
        (n > 0).then_some(()).ok_or("no outline rows".to_owned())
    })
    .await;
}

async fn open_diagram(c: &Client) {
    click_button(c, "Driver diagram").await;
    eventually("the diagram with its cards", || async {
        let n = js(
            c,
            "return document.querySelectorAll('.viewport .card').length;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
        (n > 0).then_some(()).ok_or("no cards yet".to_owned())
    })
    .await;
}

/// The widths of the outline's text boxes, narrowest first.
async fn outline_text_widths(c: &Client) -> Vec<f64> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('.outline .item-text'))
           .filter(t => t.getClientRects().length > 0)
           .map(t => t.getBoundingClientRect().width);",
        vec![],
    )
    .await;
    let mut w: Vec<f64> = serde_json::from_value(v).unwrap_or_default();
    w.sort_by(f64::total_cmp);
    w
}

/// Whether the side panel is displayed, and the toggle's aria-expanded
/// (None when there is no such button).
async fn panel_state(c: &Client) -> (bool, Option<String>) {
    let shown = rect(c, ".side-panel").await.is_some();
    let v = js(
        c,
        "const b = document.querySelector('[aria-controls=\"' + (document.querySelector('.side-panel') || {}).id + '\"]');
         return b ? b.getAttribute('aria-expanded') : null;",
        vec![],
    )
    .await;
    (shown, v.as_str().map(str::to_owned))
}

async fn focus_in_panel(c: &Client) -> bool {
    js(
        c,
        "return !!(document.activeElement && document.activeElement.closest('.side-panel'));",
        vec![],
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn phone_outline_fields_stack() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (w, h) = set_viewport(&b, 390, 844).await;
    open_example(&b).await;

    let widths = outline_text_widths(&b).await;
    eprintln!(
        "outline at {w}×{h}: {} text boxes, narrowest {:?} px, widest {:?} px",
        widths.len(),
        widths.first(),
        widths.last()
    );
    assert!(
        widths.len() > 5,
        "the example's outline has rows: {widths:?}"
    );
    assert!(
        widths[0] >= 250.0,
        "every outline text box is at least 250 px wide on a phone; widths: {widths:?}"
    );
    // The kind label sits above its text box, not beside it.
    let v = js(
        &b,
        "const row = document.querySelector('.outline .item > .row');
         const k = row.querySelector('.kind').getBoundingClientRect();
         const t = row.querySelector('.item-text').getBoundingClientRect();
         return [k.bottom, t.top];",
        vec![],
    )
    .await;
    let (kind_bottom, text_top) = (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    assert!(
        kind_bottom <= text_top + 1.0,
        "the item's kind ({kind_bottom}) is above its text box ({text_top})"
    );
    assert_no_horizontal_scroll(&b, "outline at 390 px").await;
    // The top bar wraps within the window.
    let bar = rect(&b, ".topbar").await.expect("the top bar");
    assert!(bar.right <= w + 0.5, "the top bar fits the window: {bar:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn diagram_panel_over_the_canvas_on_a_phone_beside_it_on_a_desktop() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (w, h) = set_viewport(&b, 390, 844).await;
    open_example(&b).await;
    open_diagram(&b).await;

    let canvas = rect(&b, ".viewport").await.expect("the canvas");
    eprintln!("diagram at {w}×{h}: canvas {canvas:?}");
    assert!(
        canvas.width >= 300.0,
        "the canvas is at least 300 px wide on a phone: {canvas:?}"
    );
    let (shown, expanded) = panel_state(&b).await;
    assert!(
        !shown,
        "the side panel is closed (not displayed) until asked for"
    );
    assert_eq!(
        expanded.as_deref(),
        Some("false"),
        "its button says it is closed"
    );

    // Select a card on screen, then open the panel with its button.
    let card_id = js(
        &b,
        "const v = document.querySelector('.viewport').getBoundingClientRect();
         const c = Array.from(document.querySelectorAll('.viewport .card')).find(c => {
           const r = c.getBoundingClientRect();
           return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
         });
         return c ? c.getAttribute('data-card-id') : null;",
        vec![],
    )
    .await;
    let card_id = card_id
        .as_str()
        .expect("a card wholly on screen")
        .to_owned();
    b.find(Locator::Css(&format!("[data-card-id='{card_id}']")))
        .await
        .expect("the card")
        .click()
        .await
        .expect("click the card");
    let toggle = button(&b, "Show details").await;
    let toggle_box = rect(&b, ".panel-toggle").await.expect("the button's box");
    assert!(
        toggle_box.right <= w + 0.5,
        "the button is on screen: {toggle_box:?}"
    );
    toggle.click().await.expect("click “Show details”");
    let panel = eventually("the panel to open", || async {
        rect(&b, ".side-panel")
            .await
            .ok_or("the panel is not displayed".to_owned())
    })
    .await;
    let canvas_open = rect(&b, ".viewport").await.expect("the canvas");
    eprintln!("panel open at {w}×{h}: panel {panel:?}, canvas {canvas_open:?}");
    assert!(
        canvas_open.width >= 300.0,
        "opening the panel does not narrow the canvas: {canvas_open:?}"
    );
    assert!(
        panel.left >= canvas_open.left - 0.5
            && panel.right <= canvas_open.right + 0.5
            && panel.top < canvas_open.bottom
            && panel.bottom > canvas_open.top,
        "the panel lies over the canvas: panel {panel:?}, canvas {canvas_open:?}"
    );
    let (_, expanded) = panel_state(&b).await;
    assert_eq!(
        expanded.as_deref(),
        Some("true"),
        "its button says it is open"
    );
    button(&b, "Hide details").await;
    assert_no_axe_violations(
        &b,
        "driver diagram on a phone, the panel open over the canvas",
    )
    .await;
    // The keyboard is taken into the panel, and its fields are reachable.
    eventually("the focus in the panel", || async {
        focus_in_panel(&b)
            .await
            .then_some(())
            .ok_or(format!("{:?}", focus(&b).await))
    })
    .await;
    press(&b, Key::Tab).await;
    let f = focus(&b).await;
    assert!(
        f.tag == "textarea" && focus_in_panel(&b).await,
        "Tab reaches the selected card's text in the panel: {f:?}"
    );

    // Escape closes it and gives the focus back to its button.
    press(&b, Key::Escape).await;
    eventually("Escape to close the panel", || async {
        let state = panel_state(&b).await;
        (state == (false, Some("false".to_owned())))
            .then_some(())
            .ok_or(format!("{state:?}"))
    })
    .await;
    let f = focus(&b).await;
    assert_eq!(
        (f.tag.as_str(), f.name.as_str()),
        ("button", "Show details"),
        "the focus is back on the panel's button"
    );
    // The keyboard opens it again.
    press(&b, Key::Enter).await;
    eventually("Enter on the button to open the panel", || async {
        let state = panel_state(&b).await;
        (state == (true, Some("true".to_owned())))
            .then_some(())
            .ok_or(format!("{state:?}"))
    })
    .await;

    // On a desktop the panel is beside the canvas, as before, with no button.
    let (w, h) = set_viewport(&b, 1280, 900).await;
    let (panel, canvas) = eventually("the panel beside the canvas", || async {
        let panel = rect(&b, ".side-panel").await.ok_or("no panel")?;
        let canvas = rect(&b, ".viewport").await.ok_or("no canvas")?;
        if panel.left >= canvas.right - 0.5 {
            Ok((panel, canvas))
        } else {
            Err(format!("panel {panel:?}, canvas {canvas:?}"))
        }
    })
    .await;
    eprintln!("diagram at {w}×{h}: canvas {canvas:?}, panel {panel:?}");
    assert!(
        canvas.width >= 800.0,
        "the canvas has most of a desktop: {canvas:?}"
    );
    assert!(
        rect(&b, ".panel-toggle").await.is_none(),
        "no panel button on a desktop"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn zoom_200_diagram_canvas_on_the_first_screen() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    // A 1280×800 window at 200% zoom.
    let (w, h) = set_viewport(&b, 640, 400).await;
    open_example(&b).await;
    open_diagram(&b).await;
    let canvas = rect(&b, ".viewport").await.expect("the canvas");
    // What lies above the canvas, for the message.
    let mut above = Vec::new();
    for css in [".topbar", ".plan-title", ".diagram-toolbar", ".ideas"] {
        if let Some(r) = rect(&b, css).await {
            above.push(format!("{css} {:.0} px tall", r.bottom - r.top));
        }
    }
    eprintln!("diagram at {w}×{h}: canvas {canvas:?}; above it: {above:?}");
    assert!(
        canvas.top <= h - 150.0,
        "at least 150 px of the canvas is on the first screen (its top at {} of {h}); above it: {above:?}",
        canvas.top
    );
    assert!(
        canvas.width >= 600.0,
        "the canvas has the width: {canvas:?}"
    );
    let toolbar = rect(&b, ".diagram-toolbar").await.expect("the toolbar");
    assert!(toolbar.right <= w + 0.5, "the toolbar wraps: {toolbar:?}");
    assert_no_horizontal_scroll(&b, "diagram at 640 px").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reflow_at_320_px_on_every_screen() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let (w, h) = set_viewport(&b, 320, 640).await;
    assert_no_horizontal_scroll(&b, "empty library at 320 px").await;
    open_example(&b).await;
    assert_no_horizontal_scroll(&b, "outline at 320 px").await;
    // An item's details opened in the outline reflow too.
    b.find(Locator::Css(".outline button[aria-label^='Details of']"))
        .await
        .expect("a Details button")
        .click()
        .await
        .expect("open an item's details");
    rect(&b, ".item-details").await.expect("the item's details");
    assert_no_horizontal_scroll(&b, "outline with details at 320 px").await;

    click_button(&b, "Plan details").await;
    eventually("the plan details", || async {
        rect(&b, ".plan-details").await.ok_or("not yet".to_owned())
    })
    .await;
    assert_no_horizontal_scroll(&b, "plan details at 320 px").await;

    // The plan table and the report: a wide table scrolls inside its own
    // box, the page does not; the Measures screen's charts shrink to fit.
    for (screen, selector) in [
        ("Plan table", ".plan-table tbody tr"),
        ("Progress report", ".progress-report .report-group"),
        ("Measures", ".measures-screen .measure-section svg"),
    ] {
        click_button(&b, screen).await;
        eventually(&format!("the {screen}"), || async {
            rect(&b, selector).await.ok_or("not yet".to_owned())
        })
        .await;
        assert_no_horizontal_scroll(&b, &format!("{screen} at 320 px")).await;
    }

    // The import screen with a preview: its wide table scrolls in its box.
    click_button(&b, "Bring in a table").await;
    crate::import::paste(&b, Some(crate::import::WORD_HTML), crate::import::WORD_TEXT).await;
    crate::import::wait_counts(&b, crate::import::WORD_COUNTS).await;
    assert_no_horizontal_scroll(&b, "import screen with a preview at 320 px").await;

    open_diagram(&b).await;
    assert_no_horizontal_scroll(&b, "diagram at 320 px").await;
    let canvas = rect(&b, ".viewport").await.expect("the canvas");
    eprintln!("diagram at {w}×{h}: canvas {canvas:?}");
    assert!(
        canvas.top < h,
        "the canvas starts within the window: {canvas:?}"
    );
    assert!(
        canvas.width >= 280.0,
        "the canvas has the width: {canvas:?}"
    );
    click_button(&b, "Show details").await;
    rect(&b, ".side-panel").await.expect("the open panel");
    assert_no_horizontal_scroll(&b, "diagram with its panel open at 320 px").await;

    click_button(&b, "Plan library").await;
    button(&b, "Create plan").await;
    assert_no_horizontal_scroll(&b, "library with a plan at 320 px").await;
    b.close().await;
}
