//! The driver diagram's benchmark (`make bench`): records how long the
//! domain work takes natively and how long the diagram takes in headless
//! Chromium, for synthetic plans of 100, 1,000 and 5,000 items, and writes
//! the figures, the machine and the date to BENCHMARKS.md.
//!
//! It records figures; it is not a timed test. Nothing here fails because
//! something was slow: a step that does not finish within its (generous)
//! limit is written down as timed out. It exits non-zero only when a step
//! could not be run at all (say, dist/ is missing).
//!
//! Run with `cargo bench --bench diagram` after `trunk build --release`
//! (`make bench` does both).

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    //! Everything native: the domain timings, the browser session, the
    //! report.

    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use fantoccini::wd::TimeoutConfiguration;
    use fantoccini::{Client, Locator};
    use serde_json::{json, Value};

    use plan_workbench::model::chain::card_facts;
    use plan_workbench::model::format::export_plan;
    use plan_workbench::model::layout::{layout, Metrics};
    use plan_workbench::model::synthetic::synthetic_plan;

    use crate::harness::{self, World};

    const SIZES: [usize; 3] = [100, 1_000, 5_000];
    /// The plan the targets are about, and the smaller one the first
    /// render has a target of its own for.
    const TARGET_SIZE: usize = 5_000;
    const SMALL_TARGET_SIZE: usize = 1_000;
    const SEED: u64 = 7;
    const NATIVE_WARMUP: usize = 5;
    const NATIVE_RUNS: usize = 50;
    /// The diagram is opened this many times (from the outline); the first
    /// opening is also shown on its own.
    const RENDERS: usize = 5;
    const TEXT_EDITS: usize = 10;
    const ADD_CARDS: usize = 5;
    const ADD_LINKS: usize = 5;
    /// Deletes, each followed by an undo and a redo (all three timed).
    const DELETES: usize = 5;
    /// Text edits, each its own undo step, then as many undos, with the
    /// wasm memory read throughout.
    const MEMORY_EDITS: usize = 200;
    const SAVE_RUNS: usize = 10;
    /// How long one browser step may take before it is written down as
    /// timed out (a record, not a failure).
    const STEP_LIMIT: Duration = Duration::from_secs(120);
    const POLL: Duration = Duration::from_millis(50);

    // -----------------------------------------------------------------------
    // Figures
    // -----------------------------------------------------------------------

    #[derive(Clone, Copy, Debug)]
    struct Stats {
        median: f64,
        max: f64,
    }

    fn stats(mut v: Vec<f64>) -> Option<Stats> {
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Some(Stats {
            median,
            max: v[n - 1],
        })
    }

    fn ms(x: f64) -> String {
        format!("{x:.2}")
    }

    fn cell(s: Option<Stats>) -> String {
        s.map_or("–".into(), |s| ms(s.median))
    }

    fn cell_max(s: Option<Stats>) -> String {
        s.map_or("–".into(), |s| ms(s.max))
    }

    // -----------------------------------------------------------------------
    // Native part
    // -----------------------------------------------------------------------

    struct NativeRow {
        items: usize,
        placed: usize,
        unplaced: usize,
        links: usize,
        json_bytes: usize,
        layout: Stats,
        facts: Stats,
        clone: Stats,
        export: Stats,
    }

    /// Warms up, then times `NATIVE_RUNS` calls. What `f` returns is
    /// dropped after the clock stops.
    fn time_native<T>(mut f: impl FnMut() -> T) -> Stats {
        for _ in 0..NATIVE_WARMUP {
            std::hint::black_box(f());
        }
        let mut v = Vec::with_capacity(NATIVE_RUNS);
        for _ in 0..NATIVE_RUNS {
            let t = Instant::now();
            let out = std::hint::black_box(f());
            v.push(t.elapsed().as_secs_f64() * 1000.0);
            drop(out);
        }
        stats(v).expect("runs")
    }

    fn native(items: usize) -> NativeRow {
        let plan = synthetic_plan(items, SEED);
        let metrics = Metrics::standard();
        let l = layout(&plan, &metrics, None);
        NativeRow {
            items,
            placed: l.cards.len(),
            unplaced: l.unplaced.len(),
            links: l.links.len(),
            json_bytes: export_plan(&plan).len(),
            layout: time_native(|| layout(std::hint::black_box(&plan), &metrics, None)),
            facts: time_native(|| card_facts(std::hint::black_box(&plan))),
            clone: time_native(|| std::hint::black_box(&plan).clone()),
            export: time_native(|| export_plan(std::hint::black_box(&plan))),
        }
    }

    // -----------------------------------------------------------------------
    // Browser part
    // -----------------------------------------------------------------------

    /// One timed action in the page.
    #[derive(Clone, Copy, Debug)]
    struct Sample {
        /// From the action to the first task after the next painted frame.
        total: f64,
        /// The action's own synchronous part (the wasm event handler).
        sync: f64,
        /// Until the app's follow-up work (microtasks) was done.
        idle: f64,
        /// Until the animation frame that showed the result began.
        frame: f64,
        /// Only in the extra, observed run.
        dom: Option<DomChanges>,
        /// Time inside `localStorage.setItem` during the action (the save).
        set_item: f64,
    }

    #[derive(Default)]
    struct BrowserRow {
        items: usize,
        dom_cards: Option<usize>,
        dom_lines: Option<usize>,
        first: Vec<Sample>,
        text: Vec<Sample>,
        add_card: Vec<Sample>,
        add_link: Vec<Sample>,
        delete: Vec<Sample>,
        undo: Vec<Sample>,
        redo: Vec<Sample>,
        /// Wasm memory (MiB) after the import, and the most seen through
        /// the edits and undos.
        memory_import: Option<f64>,
        memory_edits: Option<f64>,
        /// After the edits and undos, the saved plan is exactly the plan
        /// before them.
        undo_exact: Option<bool>,
        /// localStorage.setItem of the whole exported plan, alone.
        set_item_alone: Vec<f64>,
        picker_buttons: Option<usize>,
        /// DOM changes of one text edit, add card and add link.
        dom: Vec<(&'static str, DomChanges)>,
        /// Steps that took longer than their limit (recorded, not failures).
        slow: Vec<String>,
        /// Steps that could not be run (a broken selector, a script error).
        broken: Vec<String>,
    }

    enum Problem {
        Slow(String),
        Broken(String),
    }

    type Shared = Arc<Mutex<BrowserRow>>;

    fn note(row: &Shared, p: Problem) {
        let mut r = row.lock().unwrap();
        match p {
            Problem::Slow(s) => r.slow.push(s),
            Problem::Broken(s) => r.broken.push(s),
        }
    }

    /// The in-page clock. Runs `action`; the app's reactive updates then run
    /// in microtasks, after which either a task or the next animation frame
    /// comes first (`idle`: the app's own work is done). Then, at each
    /// animation frame, `ready()` is checked; at the first frame where it
    /// holds, a `setTimeout(0)` marks the end (the frame has been painted).
    const MEASURE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const limit = arguments[0];
const measure = (action, ready) => {
  const set = window.__benchSet || { ms: 0, n: 0 };
  set.ms = 0; set.n = 0;
  const dom = { added: 0, removed: 0, attributes: 0, text: 0 };
  const count = (records) => {
    for (const r of records) {
      if (r.type === 'childList') { dom.added += r.addedNodes.length; dom.removed += r.removedNodes.length; }
      else if (r.type === 'attributes') dom.attributes += 1;
      else dom.text += 1;
    }
  };
  const obs = window.__benchObserve ? new MutationObserver(count) : null;
  if (obs) obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  const t0 = performance.now();
  try { action(); } catch (e) { done({ error: 'action: ' + e }); return; }
  const tSync = performance.now();
  let tIdle = null;
  const idle = () => { if (tIdle === null) tIdle = performance.now(); };
  setTimeout(idle, 0);
  const frame = () => {
    idle();
    let ok = false;
    try { ok = ready(); } catch (e) { done({ error: 'ready: ' + e }); return; }
    const tFrame = performance.now();
    if (ok) {
      if (obs) { count(obs.takeRecords()); obs.disconnect(); }
      setTimeout(() => done({ dom,
        total: performance.now() - t0, sync: tSync - t0, idle: tIdle - t0,
        frame: tFrame - t0, set_ms: set.ms, set_n: set.n,
      }), 0);
    } else if (tFrame - t0 > limit) {
      done({ timeout: tFrame - t0 });
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
};
"#;

    /// Counts the time the page spends in localStorage.setItem (the app
    /// saves the whole plan there on every change).
    const INSTRUMENT_JS: &str = r#"
if (!window.__benchSet) {
  const set = { ms: 0, n: 0 };
  const orig = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const t = performance.now();
    try { return orig.call(this, k, v); } finally { set.ms += performance.now() - t; set.n += 1; }
  };
  window.__benchSet = set;
}
return true;
"#;

    async fn measure(
        c: &Client,
        what: &str,
        body: &str,
        args: Vec<Value>,
    ) -> Result<Sample, Problem> {
        let limit = STEP_LIMIT.as_millis() as f64;
        let mut all = vec![json!(limit)];
        all.extend(args);
        let script = format!("{MEASURE_JS}\n{body}");
        let v = c
            .execute_async(&script, all)
            .await
            .map_err(|e| Problem::Broken(format!("{what}: the script failed: {e:?}")))?;
        if let Some(e) = v.get("error").and_then(Value::as_str) {
            return Err(Problem::Broken(format!("{what}: {e}")));
        }
        if let Some(t) = v.get("timeout").and_then(Value::as_f64) {
            return Err(Problem::Slow(format!(
                "{what}: not done after {} ms",
                ms(t)
            )));
        }
        let f = |k: &str| v.get(k).and_then(Value::as_f64);
        match (f("total"), f("sync")) {
            (Some(total), Some(sync)) => Ok(Sample {
                total,
                sync,
                idle: f("idle").unwrap_or(sync),
                frame: f("frame").unwrap_or(total),
                dom: dom_changes(&v),
                set_item: f("set_ms").unwrap_or(0.0),
            }),
            _ => Err(Problem::Broken(format!("{what}: unexpected result {v}"))),
        }
    }

    /// Lets the page settle before a timed action: two animation frames
    /// (work the app deferred to a frame, such as moving the focus, is done).
    async fn settle(c: &Client) {
        let _ = c
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));",
                vec![],
            )
            .await;
    }

    /// The DOM changes of one action: nodes added, removed, attributes and
    /// texts changed.
    #[derive(Clone, Copy, Debug, Default)]
    struct DomChanges {
        added: u64,
        removed: u64,
        attributes: u64,
        text: u64,
    }

    /// Counts DOM mutations in the next measured action (an extra,
    /// uncounted run: the observer costs time of its own).
    async fn observe_next(c: &Client, on: bool) -> Result<(), Problem> {
        js(
            c,
            "observe DOM changes",
            "window.__benchObserve = arguments[0]; return true;",
            vec![json!(on)],
        )
        .await
        .map(|_| ())
    }

    fn dom_changes(v: &Value) -> Option<DomChanges> {
        let d = v.get("dom")?;
        let n = |k: &str| d.get(k).and_then(Value::as_u64).unwrap_or(0);
        Some(DomChanges {
            added: n("added"),
            removed: n("removed"),
            attributes: n("attributes"),
            text: n("text"),
        })
    }

    /// Polls a JS expression until it is truthy, for up to STEP_LIMIT.
    async fn wait_js(c: &Client, what: &str, expr: &str, args: Vec<Value>) -> Result<(), Problem> {
        let script = format!("return !!({expr});");
        let deadline = Instant::now() + STEP_LIMIT;
        let mut last;
        loop {
            match c.execute(&script, args.clone()).await {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(v) => last = format!("{v}"),
                Err(e) => last = format!("{e:?}"),
            }
            if Instant::now() >= deadline {
                return Err(Problem::Slow(format!(
                    "waiting for {what}: not seen after {} s (last: {last})",
                    STEP_LIMIT.as_secs()
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn js(c: &Client, what: &str, script: &str, args: Vec<Value>) -> Result<Value, Problem> {
        c.execute(script, args)
            .await
            .map_err(|e| Problem::Broken(format!("{what}: {e:?}")))
    }

    const CANVAS_CARD: &str = ".canvas [data-card-id]";

    /// Selects a card by clicking it (WebDriver), falling back to focusing
    /// it (a focused card is selected), and waits for the side panel.
    async fn select_card(c: &Client, id: &str) -> Result<(), Problem> {
        let css = format!(".canvas [data-card-id=\"{id}\"]");
        let clicked = match c.find(Locator::Css(&css)).await {
            Ok(e) => e.click().await.is_ok(),
            Err(_) => false,
        };
        if !clicked {
            js(
                c,
                "select a card",
                "document.querySelector(arguments[0]).focus(); return true;",
                vec![json!(css)],
            )
            .await?;
        }
        wait_js(
            c,
            "the selected card's text in the side panel",
            "document.querySelector('.side-panel textarea') && document.querySelector(arguments[0] + '.selected')",
            vec![json!(css)],
        )
        .await
    }

    async fn first_card_id(c: &Client) -> Result<String, Problem> {
        let v = js(
            c,
            "the first card",
            "const e = document.querySelector(arguments[0]); return e ? e.dataset.cardId : null;",
            vec![json!(CANVAS_CARD)],
        )
        .await?;
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| Problem::Broken("no card on the diagram".into()))
    }

    /// Writes the plan to a file, imports it in a fresh profile and opens
    /// the diagram (timed), then times edits.
    async fn browser_size(world: Arc<World>, items: usize, expected_cards: usize, row: Shared) {
        row.lock().unwrap().items = items;
        let plan = synthetic_plan(items, SEED);
        let title = plan.meta.title.clone();
        let exported = export_plan(&plan);
        let dir = harness::TempDir::new("bench");
        let file = dir.path().join(format!("synthetic-{items}.json"));
        std::fs::write(&file, &exported).expect("write the plan file");

        let b = world.browser_on_app().await;
        b.update_timeouts(TimeoutConfiguration::new(
            Some(STEP_LIMIT + Duration::from_secs(60)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .expect("set the script timeout");
        let c: &Client = &b;

        if let Err(p) = run_size(c, items, expected_cards, &title, &file, &exported, &row).await {
            note(&row, p);
        }
        b.close().await;
    }

    /// Opens the diagram (from the outline) and times it until the first
    /// screenful of cards is in the DOM and painted.
    async fn open_diagram_timed(c: &Client, expected_cards: usize) -> Result<Sample, Problem> {
        measure(
            c,
            "first render",
            r#"const expected = arguments[1];
const button = Array.from(document.querySelectorAll('button')).find(b => b.getAttribute('aria-label') === 'Driver diagram' || b.textContent.trim() === 'Driver diagram');
// The diagram builds only the cards on screen (and a margin), so the
// first screenful is what a user waits for.
measure(() => button.click(), () => document.querySelectorAll('.canvas [data-card-id]').length >= Math.min(expected, 20));"#,
            vec![json!(expected_cards)],
        )
        .await
    }

    /// Goes back to the outline and opens the diagram again, timed, until
    /// it has been opened `RENDERS` times. Done after the edits, so they are
    /// timed on a page that opened the diagram once.
    async fn reopen_diagram(
        c: &Client,
        expected_cards: usize,
        row: &Shared,
    ) -> Result<(), Problem> {
        for _ in 1..RENDERS {
            js(
                c,
                "back to the outline",
                "Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === 'Outline').click(); return true;",
                vec![],
            )
            .await?;
            wait_js(
                c,
                "the outline",
                "!!document.querySelector('.outline')",
                vec![],
            )
            .await?;
            settle(c).await;
            let sample = open_diagram_timed(c, expected_cards).await?;
            row.lock().unwrap().first.push(sample);
        }
        Ok(())
    }

    async fn run_size(
        c: &Client,
        items: usize,
        expected_cards: usize,
        title: &str,
        file: &Path,
        exported: &str,
        row: &Shared,
    ) -> Result<(), Problem> {
        harness::import_file(c, file).await;
        wait_js(
            c,
            &format!("the imported plan “{title}” to open"),
            "(document.querySelector('h2.plan-title') || {}).textContent === arguments[0]",
            vec![json!(title)],
        )
        .await?;
        row.lock().unwrap().memory_import = memory_mib(c).await.ok();
        js(c, "instrument localStorage", INSTRUMENT_JS, vec![]).await?;
        observe_next(c, false).await?;
        settle(c).await;

        // a. First render of the diagram (opened again at the end).
        let first = open_diagram_timed(c, expected_cards).await?;
        row.lock().unwrap().first.push(first);
        let counts = js(
            c,
            "count the cards",
            "return [document.querySelectorAll(arguments[0]).length, document.querySelectorAll('svg.lines .line-path').length];",
            vec![json!(CANVAS_CARD)],
        )
        .await?;
        {
            let mut r = row.lock().unwrap();
            r.dom_cards = counts[0].as_u64().map(|n| n as usize);
            r.dom_lines = counts[1].as_u64().map(|n| n as usize);
        }

        // b. Text edits in the side panel, one input event each.
        let id = first_card_id(c).await?;
        select_card(c, &id).await?;
        // The last run of each edit is an extra one that counts DOM changes.
        for i in 0..=TEXT_EDITS {
            let observed = i == TEXT_EDITS;
            observe_next(c, observed).await?;
            settle(c).await;
            let text = format!("Bench edit {} for {items}", i + 1);
            match measure(
                c,
                "text edit",
                r#"const text = arguments[1], id = arguments[2];
const area = document.querySelector('.side-panel textarea');
const shown = () => {
  const t = document.querySelector('.canvas [data-card-id="' + CSS.escape(id) + '"] .card-text');
  return !!t && t.textContent.includes(text);
};
measure(() => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }, shown);"#,
                vec![json!(text), json!(id)],
            )
            .await
            {
                Ok(s) => record(row, "text edit", observed, s, |r| &mut r.text),
                Err(p) => note(row, p),
            }
        }

        // c. Structural edit: a column head's "Add an outcome".
        for i in 0..=ADD_CARDS {
            let observed = i == ADD_CARDS;
            observe_next(c, observed).await?;
            settle(c).await;
            match measure(
                c,
                "add a card",
                r#"const button = Array.from(document.querySelectorAll('.column-head button')).find(b => b.getAttribute('aria-label') === 'Add an outcome' || b.textContent.trim() === 'Add an outcome');
measure(() => button.click(), () => !!document.querySelector('.card-editor'));"#,
                vec![],
            )
            .await
            {
                Ok(s) => record(row, "add a card", observed, s, |r| &mut r.add_card),
                Err(p) => {
                    note(row, p);
                    break;
                }
            }
            // Leave the in-place editor (Escape keeps the card, empty).
            js(
                c,
                "leave the in-place editor",
                "const e = document.querySelector('.card-editor'); if (e) e.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })); return true;",
                vec![],
            )
            .await?;
            // Closed, and the focus is back on a card (the app moves it in
            // an animation frame), so it cannot close the next editor.
            wait_js(
                c,
                "the in-place editor to close",
                "!document.querySelector('.card-editor') && document.activeElement && document.activeElement.dataset && document.activeElement.dataset.cardId",
                vec![],
            )
            .await?;
        }

        // d. Structural edit: link a card through the link picker. Adding
        // cards scrolled the diagram to them, so take a card now on screen.
        let id = first_card_id(c).await?;
        select_card(c, &id).await?;
        for i in 0..=ADD_LINKS {
            let observed = i == ADD_LINKS;
            open_picker(c, &id).await?;
            observe_next(c, observed).await?;
            settle(c).await;
            if row.lock().unwrap().picker_buttons.is_none() {
                let n = js(
                    c,
                    "count the picker",
                    "return document.querySelectorAll('.link-picker .pick').length;",
                    vec![],
                )
                .await?;
                row.lock().unwrap().picker_buttons = n.as_u64().map(|n| n as usize);
            }
            match measure(
                c,
                "add a link",
                r#"const pick = document.querySelector('.link-picker .pick');
measure(() => pick.click(), () => !document.querySelector('.link-picker'));"#,
                vec![],
            )
            .await
            {
                Ok(s) => record(row, "add a link", observed, s, |r| &mut r.add_link),
                Err(p) => {
                    note(row, p);
                    break;
                }
            }
        }

        // e. Delete a card (the Delete key on it), then Undo and Redo (the
        // top bar's buttons), each timed; an untimed Undo puts it back.
        for _ in 0..DELETES {
            let id = first_card_id(c).await?;
            select_card(c, &id).await?;
            settle(c).await;
            let gone = "!document.querySelector('.canvas [data-card-id=\"' + CSS.escape(arguments[1]) + '\"]')";
            let back = "!!document.querySelector('.canvas [data-card-id=\"' + CSS.escape(arguments[1]) + '\"]')";
            let steps: [(&'static str, String, &str, fn(&mut BrowserRow) -> &mut Vec<Sample>); 3] = [
                (
                    "delete",
                    "const card = document.querySelector('.canvas [data-card-id=\"' + CSS.escape(arguments[1]) + '\"]'); card.focus(); const key = () => card.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));".into(),
                    gone,
                    |r| &mut r.delete,
                ),
                ("undo", TOP_BAR_BUTTON.replace("NAME", "Undo"), back, |r| &mut r.undo),
                ("redo", TOP_BAR_BUTTON.replace("NAME", "Redo"), gone, |r| &mut r.redo),
            ];
            for (what, setup, done, samples) in steps {
                settle(c).await;
                let action = if what == "delete" {
                    "key"
                } else {
                    "() => button.click()"
                };
                match measure(
                    c,
                    what,
                    &format!("{setup}\nmeasure({action}, () => {done});"),
                    vec![json!(id)],
                )
                .await
                {
                    Ok(s) => samples(&mut row.lock().unwrap()).push(s),
                    Err(p) => note(row, p),
                }
            }
            js(
                c,
                "undo the delete",
                &format!(
                    "{}\nbutton.click(); return true;",
                    TOP_BAR_BUTTON.replace("NAME", "Undo")
                ),
                vec![],
            )
            .await?;
            wait_js(
                c,
                "the card to come back",
                back,
                vec![json!(null), json!(id)],
            )
            .await?;
        }

        // f. Memory through many undo steps, and every undo exact.
        if let Err(p) = memory_run(c, row).await {
            note(row, p);
        }

        // The save alone: localStorage.setItem of the whole exported plan,
        // timed over a batch (performance.now() is coarse in the page).
        let v = js(
            c,
            "time localStorage.setItem",
            // Two different values, built and flattened before the clock
            // starts (storing the same value again may be skipped).
            r#"const s = arguments[0], runs = arguments[1], out = [];
const values = [s + ' ', s + '  '];
values.forEach(v => v.charCodeAt(v.length - 1));
try {
  localStorage.setItem('bench-probe', values[1]);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (let j = 0; j < 5; j++) localStorage.setItem('bench-probe', values[j % 2]);
    out.push((performance.now() - t) / 5);
  }
  localStorage.removeItem('bench-probe');
} catch (e) { return { error: String(e) }; }
return out;"#,
            vec![json!(exported), json!(SAVE_RUNS)],
        )
        .await?;
        match v.as_array() {
            Some(a) => {
                row.lock().unwrap().set_item_alone = a.iter().filter_map(Value::as_f64).collect()
            }
            None => note(
                row,
                Problem::Broken(format!("localStorage.setItem alone: {v}")),
            ),
        }
        // e. The diagram opened again from the outline, for a steadier
        // first-render figure.
        reopen_diagram(c, expected_cards, row).await
    }

    /// Finds a top-bar button by its text (NAME) as `button`.
    const TOP_BAR_BUTTON: &str = "const button = Array.from(document.querySelectorAll('header button')).find(b => b.textContent.trim() === 'NAME');";

    /// The wasm module's memory in MiB (it only grows: the peak so far).
    async fn memory_mib(c: &Client) -> Result<f64, Problem> {
        js(
            c,
            "wasm memory",
            "return window.wasmBindings.wasm_memory_bytes() / 1048576;",
            vec![],
        )
        .await?
        .as_f64()
        .ok_or_else(|| Problem::Broken("wasm memory: no figure".into()))
    }

    /// The open plan as saved in localStorage, once the app has saved.
    async fn saved_plan(c: &Client) -> Result<Value, Problem> {
        wait_js(
            c,
            "the app to save",
            "(document.querySelector('.save-state') || {}).textContent === 'Saved in this browser'",
            vec![],
        )
        .await?;
        let v = js(
            c,
            "the saved plan",
            "const k = Object.keys(localStorage).find(k => k.startsWith('ipw.plan.')); return JSON.parse(localStorage.getItem(k)).plan;",
            vec![],
        )
        .await?;
        Ok(v)
    }

    /// `MEMORY_EDITS` text edits in the outline, alternating between two
    /// items so each is an undo step of its own, then as many undos; the
    /// wasm memory is read after every tenth, and the saved plan must then
    /// equal the plan before the edits.
    async fn memory_run(c: &Client, row: &Shared) -> Result<(), Problem> {
        js(c, "back to the outline", "Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === 'Outline').click(); return true;", vec![]).await?;
        wait_js(
            c,
            "two items in the outline",
            "document.querySelectorAll('.outline textarea.item-text').length >= 2",
            vec![],
        )
        .await?;
        settle(c).await;
        let before = saved_plan(c).await?;
        let v = js(
            c,
            "edits and undos",
            r#"const n = arguments[0];
const fields = Array.from(document.querySelectorAll('.outline textarea.item-text')).slice(0, 2);
const undo = Array.from(document.querySelectorAll('header button')).find(b => b.textContent.trim() === 'Undo');
const mib = () => window.wasmBindings.wasm_memory_bytes() / 1048576;
let most = mib();
for (let i = 0; i < n; i++) {
  const f = fields[i % 2];
  f.value = 'Memory edit ' + i;
  f.dispatchEvent(new Event('input', { bubbles: true }));
  if (i % 10 === 9) most = Math.max(most, mib());
}
for (let i = 0; i < n; i++) {
  undo.click();
  if (i % 10 === 9) most = Math.max(most, mib());
}
return Math.max(most, mib());"#,
            vec![json!(MEMORY_EDITS)],
        )
        .await?;
        let after = saved_plan(c).await?;
        let mut r = row.lock().unwrap();
        r.memory_edits = v.as_f64();
        r.undo_exact = Some(after == before);
        Ok(())
    }

    /// Keeps a timed sample, or the DOM changes of the observed run.
    fn record(
        row: &Shared,
        what: &'static str,
        observed: bool,
        s: Sample,
        samples: fn(&mut BrowserRow) -> &mut Vec<Sample>,
    ) {
        let mut r = row.lock().unwrap();
        if observed {
            if let Some(d) = s.dom {
                r.dom.push((what, d));
            }
        } else {
            samples(&mut r).push(s);
        }
    }

    /// Opens the link picker for the card: `l` while it has the focus, else
    /// the side panel's "Link to…" button.
    async fn open_picker(c: &Client, id: &str) -> Result<(), Problem> {
        let focused = wait_js(
            c,
            "the card to have the focus",
            "document.activeElement && document.activeElement.dataset && document.activeElement.dataset.cardId === arguments[0]",
            vec![json!(id)],
        )
        .await
        .is_ok();
        if focused {
            harness::press_keys(c, &['l']).await;
        } else {
            js(
                c,
                "the “Link to…” button",
                "Array.from(document.querySelectorAll('.side-panel button')).find(b => b.getAttribute('aria-label') === 'Link to…' || b.textContent.trim() === 'Link to…').click(); return true;",
                vec![],
            )
            .await?;
        }
        wait_js(
            c,
            "the link picker",
            "document.querySelector('.link-picker .pick')",
            vec![],
        )
        .await
    }

    // -----------------------------------------------------------------------
    // Machine and report
    // -----------------------------------------------------------------------

    fn command_stdout(cmd: &str, args: &[&str]) -> Option<String> {
        let out = std::process::Command::new(cmd)
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        let s = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        (!s.is_empty()).then_some(s)
    }

    struct Machine {
        cpu: String,
        cores: String,
        memory: String,
        chromium: String,
        os: String,
        /// The load average (1, 5, 15 min) at the start and at the end.
        load: (String, String),
    }

    fn load_average() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "unknown".into())
    }

    fn machine(load_at_start: String) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_else(|| "unknown".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
            .unwrap_or_else(|| "unknown".into());
        let os = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|s| {
                s.lines().find_map(|l| {
                    l.strip_prefix("PRETTY_NAME=")
                        .map(|v| v.trim_matches('"').to_owned())
                })
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cpu,
            cores: command_stdout("nproc", &[]).unwrap_or_else(|| "unknown".into()),
            memory,
            chromium: command_stdout("/usr/bin/chromium", &["--version"])
                .or_else(|| command_stdout("chromium", &["--version"]))
                .unwrap_or_else(|| "not found".into()),
            os,
            load: (load_at_start, load_average()),
        }
    }

    struct WasmSize {
        name: String,
        bytes: u64,
        gzip: Option<u64>,
    }

    fn wasm_size() -> Option<WasmSize> {
        let dist = harness::dist_dir();
        let path: PathBuf = std::fs::read_dir(&dist)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "wasm"))?;
        size_of(&path)
    }

    /// Every file in `dist/`, which the first visit loads.
    fn download_size() -> Option<Vec<WasmSize>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(harness::dist_dir())
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files.iter().map(|p| size_of(p)).collect()
    }

    fn size_of(path: &Path) -> Option<WasmSize> {
        let bytes = std::fs::metadata(path).ok()?.len();
        let gzip = std::process::Command::new("gzip")
            .args(["-9", "-c"])
            .arg(path)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| o.stdout.len() as u64);
        Some(WasmSize {
            name: path.file_name()?.to_string_lossy().into_owned(),
            bytes,
            gzip,
        })
    }

    /// What each crate adds to the wasm, from `twiggy top` on the module
    /// cargo built before wasm-bindgen and wasm-opt (it still has function
    /// names): shallow bytes of code and data by the crate a function's
    /// path names first (outside `core`, `alloc` and `std` when it names
    /// another, so generic code counts for the crate that uses it).
    fn crate_sizes() -> Result<Vec<(String, u64)>, String> {
        let wasm = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/wasm32-unknown-unknown/release/plan-workbench.wasm");
        let out = std::process::Command::new("twiggy")
            .args(["top", "-n", "1000000", "--format", "csv"])
            .arg(&wasm)
            .output()
            .map_err(|e| {
                format!("twiggy could not run ({e}); `cargo install twiggy` installs it")
            })?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let mut by_crate: std::collections::BTreeMap<String, u64> = Default::default();
        for line in String::from_utf8_lossy(&out.stdout).lines().skip(1) {
            let (name, rest) = split_csv_name(line);
            let bytes: u64 = rest
                .split(',')
                .nth(0)
                .and_then(|b| b.parse().ok())
                .unwrap_or(0);
            *by_crate.entry(crate_of(&name)).or_default() += bytes;
        }
        let mut v: Vec<(String, u64)> = by_crate.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1));
        Ok(v)
    }

    /// The first field of a CSV line (quoted or not) and the rest.
    fn split_csv_name(line: &str) -> (String, &str) {
        if let Some(body) = line.strip_prefix('"') {
            let mut name = String::new();
            let mut chars = body.char_indices().peekable();
            while let Some((i, ch)) = chars.next() {
                if ch == '"' {
                    if chars.peek().map(|c| c.1) == Some('"') {
                        name.push('"');
                        chars.next();
                    } else {
                        return (name, body[i + 1..].trim_start_matches(','));
                    }
                } else {
                    name.push(ch);
                }
            }
            (name, "")
        } else {
            let (n, r) = line.split_once(',').unwrap_or((line, ""));
            (n.to_owned(), r)
        }
    }

    fn crate_of(name: &str) -> String {
        if name.contains("function names")
            || name.starts_with("custom section")
            || name.contains("__wbindgen_describe")
            || name.contains("__wbindgen_placeholder")
        {
            return "(names, custom sections and wasm-bindgen's descriptors: not shipped)".into();
        }
        if name.starts_with("data segment") {
            return "(data: strings and tables)".into();
        }
        // The standard library's paths carry a disambiguator:
        // `core[c5930c85a12de822]::fmt`.
        let mut plain = String::with_capacity(name.len());
        let mut in_hash = false;
        for ch in name.chars() {
            match ch {
                '[' => in_hash = true,
                ']' if in_hash => in_hash = false,
                _ if !in_hash => plain.push(ch),
                _ => {}
            }
        }
        let mut crates = plain
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .filter_map(|part| part.split_once("::").map(|(c, _)| c))
            .filter(|c| !c.is_empty() && c.chars().next().is_some_and(|f| f.is_ascii_lowercase()));
        let first = crates.clone().next();
        crates
            .find(|c| !matches!(*c, "core" | "alloc" | "std"))
            .or(first)
            .map_or_else(
                || "(other: runtime, imports and glue)".into(),
                str::to_owned,
            )
    }

    fn verdict(value: Option<f64>, target: f64) -> &'static str {
        match value {
            Some(v) if v < target => "met",
            Some(_) => "missed",
            None => "not measured",
        }
    }

    fn group(n: usize) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }

    fn report(
        natives: &[NativeRow],
        browsers: &[BrowserRow],
        browser_failure: Option<&str>,
        m: &Machine,
        wasm: Option<&WasmSize>,
        download: Option<&[WasmSize]>,
    ) -> String {
        let mut o = String::new();
        let now = chrono::Utc::now();
        let _ = writeln!(o, "# Benchmarks: the driver diagram\n");
        let _ = writeln!(
            o,
            "Written by `make bench` (`benches/diagram.rs`); each run rewrites this file up to the tracking and charts sections below, which their own benchmarks write. \
             These are recorded figures, not a pass/fail test.\n"
        );
        let _ = writeln!(o, "- Date: {} UTC", now.format("%Y-%m-%d %H:%M"));
        let _ = writeln!(
            o,
            "- Machine: {}, {} cores (`nproc`), {} memory",
            m.cpu, m.cores, m.memory
        );
        let _ = writeln!(o, "- System: {}", m.os);
        let _ = writeln!(
            o,
            "- Load average (1, 5, 15 min): {} at the start, {} at the end (other work on the machine skews the figures)",
            m.load.0, m.load.1
        );
        let _ = writeln!(o, "- Browser: {} (headless, 1400×1000 window)", m.chromium);
        let _ = writeln!(o, "- Command: `make bench`");
        let _ = writeln!(
            o,
            "- Plans: `synthetic_plan(items, {SEED})`, standard card metrics, no priority filter\n"
        );

        // Targets.
        let b5k = browsers.iter().find(|r| r.items == TARGET_SIZE);
        let b1k = browsers.iter().find(|r| r.items == SMALL_TARGET_SIZE);
        let med = |v: &[Sample], f: fn(&Sample) -> f64| stats(v.iter().map(f).collect());
        let _ = writeln!(
            o,
            "## Targets (issue 7), at {} items unless said\n",
            group(TARGET_SIZE)
        );
        let _ = writeln!(
            o,
            "Repeated actions are judged on their median; the max is shown beside it.\n"
        );
        let _ = writeln!(
            o,
            "“Measured” runs until the result is painted, so it includes waiting for the browser's next \
             frame (up to 16.7 ms at 60 Hz). “App work” is the app's own part: from the action until its \
             updates are done, before that wait.\n"
        );
        let _ = writeln!(
            o,
            "| What | Target | Measured | Max | App work (ms) | Result |"
        );
        let _ = writeln!(o, "|---|---|---:|---:|---:|---|");
        let fmt = |v: Option<f64>| v.map_or("–".into(), ms);
        let work = |v: Option<&Vec<Sample>>| v.and_then(|v| med(v, |s| s.idle)).map(|s| s.median);
        let timed = |b: Option<&BrowserRow>, pick: fn(&BrowserRow) -> &Vec<Sample>| {
            let v = b.map(pick);
            let total = v.and_then(|v| med(v, |s| s.total));
            (total.map(|s| s.median), total.map(|s| s.max), work(v))
        };
        let mut row =
            |what: &str,
             target: f64,
             unit: &str,
             (value, max, app): (Option<f64>, Option<f64>, Option<f64>)| {
                let result = verdict(value, target);
                let _ = writeln!(
                    o,
                    "| {what} | < {target:.0} {unit} | {} | {} | {} | {result} |",
                    fmt(value),
                    fmt(max),
                    fmt(app),
                );
            };
        row(
            &format!(
                "First render of the diagram, {} items (opened {RENDERS} times)",
                group(TARGET_SIZE)
            ),
            200.0,
            "ms",
            timed(b5k, |b| &b.first),
        );
        row(
            &format!(
                "First render of the diagram, {} items",
                group(SMALL_TARGET_SIZE)
            ),
            80.0,
            "ms",
            timed(b1k, |b| &b.first),
        );
        let text = timed(b5k, |b| &b.text);
        row(
            "Text edit in the side panel: app work",
            8.0,
            "ms",
            (text.2, None, text.2),
        );
        row("Text edit in the side panel: painted", 20.0, "ms", text);
        row("Add a card", 50.0, "ms", timed(b5k, |b| &b.add_card));
        row("Add a link", 50.0, "ms", timed(b5k, |b| &b.add_link));
        row("Delete a card", 50.0, "ms", timed(b5k, |b| &b.delete));
        row("Undo (of the delete)", 50.0, "ms", timed(b5k, |b| &b.undo));
        row("Redo (of the delete)", 50.0, "ms", timed(b5k, |b| &b.redo));
        let mem = |v: Option<f64>| (v, None, None);
        row(
            "Wasm memory after importing the file",
            24.0,
            "MiB",
            mem(b5k.and_then(|b| b.memory_import)),
        );
        row(
            &format!("Wasm memory, most through {MEMORY_EDITS} edits and {MEMORY_EDITS} undos"),
            32.0,
            "MiB",
            mem(b5k.and_then(|b| b.memory_edits)),
        );
        let exact = b5k.and_then(|b| b.undo_exact);
        let _ = writeln!(
            o,
            "| Every undo exact (the saved plan after the undos equals the plan before the edits) | exact | {} | | | {} |",
            exact.map_or("–", |e| if e { "yes" } else { "no" }),
            match exact {
                Some(true) => "met",
                Some(false) => "missed",
                None => "not measured",
            }
        );
        let total_kb =
            download.map(|d| d.iter().filter_map(|f| f.gzip).sum::<u64>() as f64 / 1000.0);
        let _ = writeln!(
            o,
            "| First load, gzipped (HTML, JS, wasm, CSS) | < 250 KB | {} | | | {} |",
            total_kb.map_or("–".into(), |k| format!("{k:.1} KB")),
            verdict(total_kb, 250.0)
        );

        // Native.
        let _ = writeln!(
            o,
            "\n## Domain, native (the `bench` profile: the release settings)\n"
        );
        let _ = writeln!(
            o,
            "Median and max of {NATIVE_RUNS} runs after {NATIVE_WARMUP} warm-up runs, in ms. \
             `plan.clone()` is what each undo step cost before the editing session (a step now keeps only the items it touched); `export_plan` is what each save serialises.\n"
        );
        let _ = writeln!(
            o,
            "| Items | Cards placed | Ideas to place | Lines | JSON bytes | layout median | layout max | card_facts median | card_facts max | clone median | clone max | export_plan median | export_plan max |"
        );
        let _ = writeln!(
            o,
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for r in natives {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                group(r.items),
                group(r.placed),
                r.unplaced,
                group(r.links),
                group(r.json_bytes),
                ms(r.layout.median),
                ms(r.layout.max),
                ms(r.facts.median),
                ms(r.facts.max),
                ms(r.clone.median),
                ms(r.clone.max),
                ms(r.export.median),
                ms(r.export.max)
            );
        }

        // Browser.
        let _ = writeln!(
            o,
            "\n## In the browser (release build from `trunk build --release`)\n"
        );
        if let Some(w) = wasm {
            let _ = writeln!(
                o,
                "Wasm file `{}`: {} bytes, {} bytes with `gzip -9`.\n",
                w.name,
                group(w.bytes as usize),
                w.gzip.map_or("–".into(), |g| group(g as usize))
            );
        }
        if let Some(files) = download {
            let _ = writeln!(
                o,
                "The first load fetches every file in `dist/`:\n\n| File | Bytes | Gzipped (`gzip -9`) |\n|---|---:|---:|"
            );
            for f in files {
                let _ = writeln!(
                    o,
                    "| `{}` | {} | {} |",
                    f.name,
                    group(f.bytes as usize),
                    f.gzip.map_or("–".into(), |g| group(g as usize))
                );
            }
            let _ = writeln!(
                o,
                "| All | {} | {} |\n",
                group(files.iter().map(|f| f.bytes as usize).sum()),
                group(files.iter().filter_map(|f| f.gzip).sum::<u64>() as usize)
            );
        }
        match crate_sizes() {
            Ok(sizes) => {
                let total: u64 = sizes.iter().map(|s| s.1).sum();
                let _ = writeln!(
                    o,
                    "### Where the wasm's bytes go, by crate\n\nShallow bytes per crate in the module cargo builds before \
                     wasm-bindgen and wasm-opt (from `twiggy top`; {} bytes in all, of which the names and custom \
                     sections do not ship). wasm-opt then shrinks the code by roughly a third; the shares are what \
                     matters.\n\n| Crate | Bytes | Share of the code and data |\n|---|---:|---:|",
                    group(total as usize)
                );
                let shipped: u64 = sizes
                    .iter()
                    .filter(|s| !s.0.starts_with("(names"))
                    .map(|s| s.1)
                    .sum();
                for (name, bytes) in sizes.iter().take(25) {
                    let share = if name.starts_with("(names") {
                        "–".to_owned()
                    } else {
                        format!("{:.1}%", *bytes as f64 * 100.0 / shipped.max(1) as f64)
                    };
                    let _ = writeln!(o, "| {name} | {} | {share} |", group(*bytes as usize));
                }
                let _ = writeln!(o);
            }
            Err(e) => {
                let _ = writeln!(o, "Sizes by crate not measured: {e}\n");
            }
        }
        if let Some(f) = browser_failure {
            let _ = writeln!(o, "**The browser part could not run:** {f}\n");
        }
        if !browsers.is_empty() {
            let _ = writeln!(
                o,
                "Times in ms from the action to the first task after the next painted frame. \
                 Text edits: {TEXT_EDITS} runs; structural edits: {ADD_CARDS} (add a card) and {ADD_LINKS} (add a link).\n"
            );
            let _ = writeln!(
                o,
                "| Items | Cards in the DOM | Lines | First render (first) | First render (median) | Text edit median | Text edit max | Add card median | Add card max | Add link median | Add link max | Delete median | Undo median | Redo median | Memory after import (MiB) | Memory, edits and undos (MiB) | Undo exact |"
            );
            let _ = writeln!(
                o,
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
            );
            for r in browsers {
                let total = |v: &[Sample]| stats(v.iter().map(|s| s.total).collect());
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    group(r.items),
                    r.dom_cards.map_or("–".into(), group),
                    r.dom_lines.map_or("–".into(), group),
                    r.first.first().map_or("–".into(), |s| ms(s.total)),
                    cell(total(&r.first)),
                    cell(total(&r.text)),
                    cell_max(total(&r.text)),
                    cell(total(&r.add_card)),
                    cell_max(total(&r.add_card)),
                    cell(total(&r.add_link)),
                    cell_max(total(&r.add_link)),
                    cell(total(&r.delete)),
                    cell(total(&r.undo)),
                    cell(total(&r.redo)),
                    r.memory_import.map_or("–".into(), ms),
                    r.memory_edits.map_or("–".into(), ms),
                    r.undo_exact.map_or("–", |e| if e { "yes" } else { "no" }),
                );
            }

            let _ = writeln!(
                o,
                "\n### Where the time goes (medians, ms since the action)\n"
            );
            let _ = writeln!(
                o,
                "A timeline of each action. “Handler”: the action's synchronous part (the app's event \
                 handler in wasm: the edit, the undo snapshot, the save, and whatever the reactive graph \
                 runs at once). “App done”: the app's follow-up updates (microtasks) are done too. \
                 “Frame”: the animation frame that shows the result begins. “Total”: that frame has been \
                 painted. “setItem”: of the total, the time spent inside `localStorage.setItem` (the save). \
                 “setItem alone” stores the exported plan with nothing else going on (mean of {} writes).\n",
                SAVE_RUNS * 5
            );
            let _ = writeln!(
                o,
                "| Items | Action | Handler | App done | Frame | Total | setItem |"
            );
            let _ = writeln!(o, "|---:|---|---:|---:|---:|---:|---:|");
            for r in browsers {
                let actions: [(&str, &Vec<Sample>); 7] = [
                    ("first render", &r.first),
                    ("text edit", &r.text),
                    ("add a card", &r.add_card),
                    ("add a link", &r.add_link),
                    ("delete", &r.delete),
                    ("undo", &r.undo),
                    ("redo", &r.redo),
                ];
                for (name, v) in actions {
                    if v.is_empty() {
                        continue;
                    }
                    let col = |f: fn(&Sample) -> f64| cell(stats(v.iter().map(f).collect()));
                    let _ = writeln!(
                        o,
                        "| {} | {name} | {} | {} | {} | {} | {} |",
                        group(r.items),
                        col(|s| s.sync),
                        col(|s| s.idle),
                        col(|s| s.frame),
                        col(|s| s.total),
                        col(|s| s.set_item),
                    );
                }
                if !r.set_item_alone.is_empty() {
                    let mean = r.set_item_alone.iter().sum::<f64>() / r.set_item_alone.len() as f64;
                    let _ = writeln!(
                        o,
                        "| {} | setItem alone (whole plan) | – | – | – | – | {} |",
                        group(r.items),
                        ms(mean)
                    );
                }
            }
            let pickers: Vec<String> = browsers
                .iter()
                .filter_map(|r| {
                    r.picker_buttons.map(|n| {
                        format!("{} candidate cards for {} items", group(n), group(r.items))
                    })
                })
                .collect();
            if !pickers.is_empty() {
                let _ = writeln!(
                    o,
                    "\nThe link picker (opened outside the timing) listed {}; \
                     closing it after the pick is inside the timing.",
                    pickers.join(", ")
                );
            }
            if browsers.iter().any(|r| !r.dom.is_empty()) {
                let _ = writeln!(
                    o,
                    "\n### DOM changes per action\n\nCounted with a MutationObserver in one extra run of each \
                     action (not among the timed runs): nodes added and removed, attributes and texts changed.\n"
                );
                let _ = writeln!(
                    o,
                    "| Items | Action | Nodes added | Nodes removed | Attributes | Texts |"
                );
                let _ = writeln!(o, "|---:|---|---:|---:|---:|---:|");
                for r in browsers {
                    for (what, d) in &r.dom {
                        let _ = writeln!(
                            o,
                            "| {} | {what} | {} | {} | {} | {} |",
                            group(r.items),
                            group(d.added as usize),
                            group(d.removed as usize),
                            group(d.attributes as usize),
                            group(d.text as usize)
                        );
                    }
                }
            }
            let notes: Vec<String> = browsers
                .iter()
                .flat_map(|r| {
                    r.slow
                        .iter()
                        .map(move |s| format!("- {} items, timed out: {s}", group(r.items)))
                        .chain(r.broken.iter().map(move |s| {
                            format!("- {} items, could not run: {s}", group(r.items))
                        }))
                })
                .collect();
            if !notes.is_empty() {
                let _ = writeln!(o, "\n### Steps not measured\n\n{}", notes.join("\n"));
            }
        }

        let _ = writeln!(o, "\n## How measured\n");
        let _ = writeln!(
            o,
            "- Native: `std::time::Instant` around each call of `layout(&plan, &Metrics::standard(), None)`, \
               `card_facts(&plan)`, `plan.clone()` and `export_plan(&plan)`, built by `cargo bench` \
               with the release settings the app ships with (opt-level z, LTO). The wasm build runs the same \
               code, typically a little slower than native.\n\
             - Browser: the release build in `dist/`, served under `/plans/` by the end-to-end test harness, \
               in headless Chromium through chromedriver with a fresh profile per plan size. The synthetic plan \
               is exported with `export_plan`, imported through the “Import plan file” input (which opens it), \
               then each action runs inside one `execute_async` script so that no WebDriver round trip is timed: \
               `performance.now()` before the action; at each following animation frame \
               (`requestAnimationFrame`) a check that the result is in the DOM; at the first frame where it is, \
               a `setTimeout(0)` stops the clock, so the figure includes that frame's style, layout and paint \
               (and up to one frame interval of waiting for it). Before each action the page is left two frames \
               to settle. The page's clock has a resolution of 0.1 ms.\n\
             - First render: clicking “Driver diagram” (from the outline) until the first screenful of cards \
               (`.canvas [data-card-id]`, at least 20 or all the layout places) is in the DOM. The diagram \
               builds only the cards and lines on screen and 300 px around it; “Cards in the DOM” shows how many. \
               The diagram is opened 5 times: once before the edits, and 4 more times after them (back to the \
               outline between); the first opening is shown on its own, and the target is judged on the median \
               of the 5.\n\
             - Text edit: with a card selected (clicked beforehand), setting the side panel's textarea and \
               dispatching one bubbling `input` event, until the card shows the new text.\n\
             - Add a card: `click()` on the column head's “Add an outcome” until the in-place editor is there \
               (it is then left with Escape, outside the timing).\n\
             - Add a link: with the link picker open for the selected card (`l`, outside the timing), \
               `click()` on its first candidate until the picker has closed.\n\
             - Delete, undo, redo: a card on screen is selected (clicked), then the Delete key is dispatched \
               on it until the card has gone; then the top bar's Undo button until it is back, and Redo until \
               it has gone again; an untimed Undo puts it back before the next round. {DELETES} rounds.\n\
             - Memory: the wasm module's memory (`memory.buffer.byteLength`, read through the app's exported \
               `wasm_memory_bytes()`); wasm memory only grows, so each reading is the peak so far. Read after \
               the import, then through {MEMORY_EDITS} text edits in the outline (one `input` event each, \
               alternating between two items so that each is an undo step of its own) and {MEMORY_EDITS} \
               clicks on Undo, every tenth of each. “Undo exact”: the plan the app saves after the undos is \
               compared, as JSON, with the plan it saved before the edits.\n\
             - Download: every file `trunk build --release` writes to `dist/` (the page loads all of them \
               on the first visit), each compressed with `gzip -9`.\n\
             - Save: the app saves the whole plan to localStorage when the browser is next idle after a change; the time inside \
               `localStorage.setItem` is counted by wrapping it in the page, and also timed alone with the \
               exported plan. The JSON serialisation before it is `export_plan` (native figures above).\n\
             - DOM changes: one extra run of each edit, not among the timed ones, with a MutationObserver.\n\
             - A step that does not finish within {} s is listed as timed out, not failed.",
            STEP_LIMIT.as_secs()
        );
        o
    }

    // -----------------------------------------------------------------------
    // Main
    // -----------------------------------------------------------------------

    pub fn main() {
        let out_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");

        // BENCH_SIZES=100,1000 runs only some sizes (for trying changes).
        let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
            .ok()
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .filter(|v: &Vec<usize>| !v.is_empty())
            .unwrap_or_else(|| SIZES.to_vec());

        let load_at_start = load_average();
        let mut natives = Vec::new();
        for &n in &sizes {
            eprintln!("bench: native, {n} items");
            natives.push(native(n));
        }

        let mut browsers = Vec::new();
        let mut failure: Option<String> = None;
        if !harness::dist_dir().join("index.html").is_file() {
            failure = Some(
                "dist/ is missing: run `trunk build --release` first (`make bench` does).".into(),
            );
        } else {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            rt.block_on(async {
                let world = match tokio::spawn(World::start()).await {
                    Ok(w) => Arc::new(w),
                    Err(e) => {
                        failure = Some(format!(
                            "could not start the server and chromedriver: {}",
                            panic_text(e)
                        ));
                        return;
                    }
                };
                for (i, &n) in sizes.iter().enumerate() {
                    eprintln!("bench: browser, {n} items");
                    let row: Shared = Arc::default();
                    let task = tokio::spawn(browser_size(
                        world.clone(),
                        n,
                        natives[i].placed,
                        row.clone(),
                    ));
                    if let Err(e) = task.await {
                        note(&row, Problem::Broken(panic_text(e)));
                    }
                    let row = std::mem::take(&mut *row.lock().unwrap());
                    browsers.push(BrowserRow { items: n, ..row });
                }
                drop(world);
            });
        }

        let text = report(
            &natives,
            &browsers,
            failure.as_deref(),
            &machine(load_at_start),
            wasm_size().as_ref(),
            download_size().as_deref(),
        );
        // The tracking and charts benchmarks' sections (benches/tracking.rs,
        // benches/charts.rs) are kept.
        let text = keep_sections(
            &text,
            &std::fs::read_to_string(&out_path).unwrap_or_default(),
        );
        std::fs::write(&out_path, &text).expect("write BENCHMARKS.md");
        println!("{text}");
        eprintln!("bench: wrote {}", out_path.display());

        let broken = failure.is_some() || browsers.iter().any(|r| !r.broken.is_empty());
        if broken {
            eprintln!("bench: some steps could not be run (see BENCHMARKS.md)");
            std::process::exit(1);
        }
    }

    /// The sections other benchmarks write into BENCHMARKS.md, each
    /// between its markers, which this one keeps when it rewrites the file.
    const KEPT_SECTIONS: [(&str, &str); 4] = [
        ("<!-- tracking bench -->", "<!-- /tracking bench -->"),
        // Figures written down by hand (before-and-after comparisons).
        ("<!-- by hand -->", "<!-- /by hand -->"),
        ("<!-- charts bench -->", "<!-- /charts bench -->"),
        ("<!-- import bench -->", "<!-- /import bench -->"),
    ];

    /// The new text with each of the old file's other sections
    /// (`KEPT_SECTIONS`: benches/tracking.rs, benches/charts.rs, benches/import.rs) added at
    /// its end, in the order the old file had them, unless the new text has
    /// it already.
    fn keep_sections(new: &str, old: &str) -> String {
        let mut kept: Vec<(usize, &str)> = KEPT_SECTIONS
            .iter()
            .filter_map(|&(start, end)| match (old.find(start), old.find(end)) {
                (Some(s), Some(e)) if e > s && !new.contains(start) => {
                    Some((s, &old[s..e + end.len()]))
                }
                _ => None,
            })
            .collect();
        if kept.is_empty() {
            return new.to_owned();
        }
        kept.sort_by_key(|&(at, _)| at);
        let mut text = new.trim_end().to_owned();
        for (_, section) in kept {
            text.push_str("\n\n");
            text.push_str(section);
        }
        text.push('\n');
        text
    }

    fn panic_text(e: tokio::task::JoinError) -> String {
        match e.try_into_panic() {
            Ok(p) => p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into()),
            Err(e) => format!("{e}"),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::main();
}

/// The benchmark drives a browser from outside; there is nothing to run
/// inside one.
#[cfg(target_arch = "wasm32")]
fn main() {}
