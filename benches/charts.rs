//! The charts' benchmark (`make bench`, after the tracking one): for a
//! plan of 200 measures of 60 monthly points each
//! (`synthetic::synthetic_measures_plan`, every chart kind, with shifts,
//! trends, phases, notes and points left out), how long reading every
//! measure as a chart (`read_measure`), drawing every chart (`chart_svg`)
//! and sparkline (`sparkline_svg`) and putting every chart in words
//! (`words::summary`) take natively, and how many bytes of SVG the charts
//! make; then in headless Chromium, on the release build, how long the
//! Measures screen takes to show every measure's chart: from pressing
//! “Measures” in the top bar, and from loading the screen's address.
//!
//! It writes its figures, the machine's load and the date into
//! BENCHMARKS.md between `<!-- charts bench -->` and `<!-- /charts bench -->`,
//! leaving the rest of the file as it was (the diagram's benchmark keeps
//! this section when it rewrites the file).
//!
//! Figures, not a timed test: nothing fails because it was slow. A step
//! that does not finish within its limit, or a build whose Measures screen
//! draws no charts yet, is written down as not available.

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
mod common;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::fmt::Write as _;
    use std::path::Path;
    use std::time::{Duration, Instant};

    use fantoccini::wd::TimeoutConfiguration;
    use fantoccini::Client;
    use serde_json::{json, Value};

    use plan_workbench::model::charts::reading::{read_measure, MeasureChart};
    use plan_workbench::model::charts::svg::{chart_svg, sparkline_svg};
    use plan_workbench::model::charts::words::summary;
    use plan_workbench::model::format::export_plan;
    use plan_workbench::model::plan::{ChartKind, RunRules};
    use plan_workbench::model::synthetic::synthetic_measures_plan;
    use plan_workbench::model::Plan;

    use crate::common::{load, measure, median, press, run_js, settle};
    use crate::harness::{self, World};

    const MEASURES: usize = 200;
    const POINTS: usize = 60;
    const SEED: u64 = 7;
    /// The chart's size as the Measures screen draws it
    /// (`MeasureChartView`'s default, src/ui/measures/chart.rs).
    const CHART: (f64, f64) = (720.0, 320.0);
    /// A driver diagram card's sparkline.
    const SPARK: (f64, f64) = (120.0, 28.0);
    const NATIVE_WARMUP: usize = 3;
    const NATIVE_RUNS: usize = 20;
    /// Times the screen is opened from the outline, and loaded from its
    /// address.
    const OPENS: usize = 5;
    const LOADS: usize = 3;
    /// What the Measures screen draws for each measure's chart.
    const CHART_SELECTOR: &str = ".measures-screen .measure-chart svg";
    /// How long one browser step may take before it is written down as not
    /// done (a record, not a failure).
    const STEP_LIMIT_MS: f64 = 60_000.0;
    /// The first opening of the Measures screen: on a build without the
    /// screen's charts the wait is short and the figures are written down
    /// as not available.
    const PROBE_LIMIT_MS: f64 = 20_000.0;

    pub const START: &str = "<!-- charts bench -->";
    pub const END: &str = "<!-- /charts bench -->";

    fn plan() -> Plan {
        synthetic_measures_plan(MEASURES, POINTS, SEED)
    }

    // -----------------------------------------------------------------------
    // Native part
    // -----------------------------------------------------------------------

    struct Native {
        kinds: String,
        signals: usize,
        json_bytes: usize,
        chart_bytes: usize,
        spark_bytes: usize,
        words_lines: usize,
        read: (f64, f64),
        chart: (f64, f64),
        spark: (f64, f64),
        words: (f64, f64),
        total: (f64, f64),
    }

    /// Warms up, then times NATIVE_RUNS calls (in ms); what `f` returns is
    /// dropped after the clock stops.
    fn time<T>(mut f: impl FnMut() -> T) -> (f64, f64) {
        for _ in 0..NATIVE_WARMUP {
            std::hint::black_box(f());
        }
        let v = (0..NATIVE_RUNS)
            .map(|_| {
                let t = Instant::now();
                let out = std::hint::black_box(f());
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                drop(out);
                ms
            })
            .collect();
        median(v).expect("runs")
    }

    fn native(p: &Plan) -> Native {
        let charts: Vec<MeasureChart> = p.measures.iter().map(read_measure).collect();
        let names: Vec<&str> = p.measures.iter().map(|m| m.name.as_str()).collect();
        let count = |kind: ChartKind, rules: Option<RunRules>| {
            p.measures
                .iter()
                .filter(|m| m.chart.kind == kind && rules.is_none_or(|r| m.chart.rules == r))
                .count()
        };
        let kinds = format!(
            "{} run charts (Anhøj's rules), {} run charts (IHI rules), {} XmR, {} P",
            count(ChartKind::Run, Some(RunRules::Anhoej)),
            count(ChartKind::Run, Some(RunRules::Ihi)),
            count(ChartKind::Xmr, None),
            count(ChartKind::P, None)
        );
        let draw_all = || -> Vec<String> {
            charts
                .iter()
                .zip(&names)
                .map(|(c, name)| chart_svg(c, name, CHART.0, CHART.1))
                .collect()
        };
        let sparks_all = || -> Vec<String> {
            charts
                .iter()
                .map(|c| sparkline_svg(c, SPARK.0, SPARK.1))
                .collect()
        };
        let words_all = || -> Vec<Vec<String>> { charts.iter().map(summary).collect() };
        Native {
            kinds,
            signals: charts.iter().map(|c| c.signals().count()).sum(),
            json_bytes: export_plan(p).len(),
            chart_bytes: draw_all().iter().map(String::len).sum(),
            spark_bytes: sparks_all().iter().map(String::len).sum(),
            words_lines: words_all().iter().map(Vec::len).sum(),
            read: time(|| {
                std::hint::black_box(p)
                    .measures
                    .iter()
                    .map(read_measure)
                    .collect::<Vec<_>>()
            }),
            chart: time(draw_all),
            spark: time(sparks_all),
            words: time(words_all),
            total: time(|| {
                std::hint::black_box(p)
                    .measures
                    .iter()
                    .map(|m| {
                        let c = read_measure(m);
                        (
                            chart_svg(&c, &m.name, CHART.0, CHART.1),
                            sparkline_svg(&c, SPARK.0, SPARK.1),
                            summary(&c),
                        )
                    })
                    .collect::<Vec<_>>()
            }),
        }
    }

    // -----------------------------------------------------------------------
    // Browser part
    // -----------------------------------------------------------------------

    #[derive(Default)]
    struct Browser {
        /// Pressing “Measures” (from the outline) until every chart is in
        /// the DOM and painted, and the app's part of it.
        open: Vec<f64>,
        open_work: Vec<f64>,
        /// Loading the screen's address (a new page): from the start of the
        /// navigation until every chart is painted.
        load: Vec<f64>,
        /// After the screen has opened: charts drawn, elements in the
        /// document, the screen's markup, the JS heap and the wasm memory.
        charts: Option<usize>,
        nodes: Option<usize>,
        screen_bytes: Option<usize>,
        js_heap_mib: Option<f64>,
        wasm_mib: Option<f64>,
        notes: Vec<String>,
    }

    /// Put in every new document (before the app's scripts): at each
    /// animation frame, whether `n` charts are in the DOM; at the first
    /// frame where they are, a task after it records the time since the
    /// navigation began in `window.__chartsReady`.
    fn load_watcher(n: usize, limit: f64) -> String {
        format!(
            r#"(() => {{
  if (location.protocol === 'about:') return;
  const tick = () => {{
    const drawn = document.querySelectorAll({sel}).length;
    const t = performance.now();
    if (drawn >= {n}) setTimeout(() => {{ window.__chartsReady = {{ total: performance.now() }}; }}, 0);
    else if (t > {limit}) window.__chartsReady = {{ timeout: t, drawn }};
    else requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"#,
            sel = json!(CHART_SELECTOR)
        )
    }

    async fn wait_js(c: &Client, what: &str, expr: &str) -> Result<Value, String> {
        let deadline = Instant::now() + Duration::from_millis(STEP_LIMIT_MS as u64);
        loop {
            if let Ok(v) = c
                .execute(&format!("return ({expr}) || null;"), vec![])
                .await
            {
                if !v.is_null() && v != Value::Bool(false) {
                    return Ok(v);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("{what}: not seen in time"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn to_outline(c: &Client) -> Result<(), String> {
        run_js(c, &format!("{} return true;", press("Outline"))).await?;
        wait_js(c, "the outline", "document.querySelector('.outline')").await?;
        settle(c).await;
        Ok(())
    }

    fn charts_drawn(n: usize) -> String {
        format!(
            "document.querySelectorAll({}).length >= {n}",
            json!(CHART_SELECTOR)
        )
    }

    async fn browser(world: &World, p: &Plan) -> Browser {
        let mut out = Browser::default();
        let dir = harness::TempDir::new("charts-bench");
        let file = dir.path().join("measures.json");
        std::fs::write(&file, export_plan(p)).expect("write the plan file");
        let b = world.browser_on_app().await;
        b.update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(180)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .expect("set the script timeout");
        if let Err(e) = run(world, &b, p, &file, &mut out).await {
            out.notes.push(e);
        }
        b.close().await;
        out
    }

    async fn run(
        world: &World,
        c: &Client,
        p: &Plan,
        file: &Path,
        out: &mut Browser,
    ) -> Result<(), String> {
        harness::import_file(c, file).await;
        wait_js(
            c,
            "the imported plan",
            &format!(
                "(document.querySelector('h2.plan-title') || {{}}).textContent === {}",
                json!(p.meta.title)
            ),
        )
        .await?;
        let n = p.measures.len();
        let ready = charts_drawn(n);
        for i in 0..OPENS {
            to_outline(c).await?;
            let limit = if i == 0 {
                PROBE_LIMIT_MS
            } else {
                STEP_LIMIT_MS
            };
            match measure(c, limit, &press("Measures"), &ready).await {
                Ok((w, t)) => {
                    out.open_work.push(w);
                    out.open.push(t);
                }
                Err(e) => {
                    let seen = run_js(
                        c,
                        &format!(
                            "return document.querySelectorAll({}).length;",
                            json!(CHART_SELECTOR)
                        ),
                    )
                    .await
                    .ok()
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                    out.notes.push(format!(
                        "Measures screen: not available: {n} charts (`{CHART_SELECTOR}`) not shown ({e}; {seen} seen); this build may not have the Measures screen's charts yet."
                    ));
                    return Ok(());
                }
            }
        }
        // The screen as it stands after the last opening.
        settle(c).await;
        let v = run_js(
            c,
            &format!(
                "const s = document.querySelector('.measures-screen');
                 return {{ charts: document.querySelectorAll({}).length,
                   nodes: document.getElementsByTagName('*').length,
                   bytes: s ? s.outerHTML.length : null,
                   heap: performance.memory ? performance.memory.usedJSHeapSize : null,
                   wasm: window.wasmBindings && window.wasmBindings.wasm_memory_bytes ? window.wasmBindings.wasm_memory_bytes() : null }};",
                json!(CHART_SELECTOR)
            ),
        )
        .await?;
        let u = |k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as usize);
        let mib = |k: &str| v.get(k).and_then(Value::as_f64).map(|x| x / 1_048_576.0);
        out.charts = u("charts");
        out.nodes = u("nodes");
        out.screen_bytes = u("bytes");
        out.js_heap_mib = mib("heap");
        out.wasm_mib = mib("wasm");

        // Loading the screen's address: a new page, the plan read from the
        // browser's storage.
        harness::wait_saved(c).await;
        let id = harness::open_plan_id(c).await;
        let url = format!("{}#/plan/{id}/measures", world.app_url());
        if let Err(e) = harness::try_cdp(
            c,
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": load_watcher(n, STEP_LIMIT_MS) }),
        )
        .await
        {
            out.notes.push(format!(
                "Loading the address: not measured (the page's watcher could not be added: {e:?})"
            ));
            return Ok(());
        }
        for _ in 0..LOADS {
            c.goto("about:blank")
                .await
                .map_err(|e| format!("about:blank: {e:?}"))?;
            c.goto(&url)
                .await
                .map_err(|e| format!("loading {url}: {e:?}"))?;
            let v = wait_js(
                c,
                "the charts after loading the address",
                "window.__chartsReady",
            )
            .await?;
            match v.get("total").and_then(Value::as_f64) {
                Some(t) => out.load.push(t),
                None => {
                    out.notes
                        .push(format!("Loading the address: not done ({v})"));
                    break;
                }
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------
    // Report
    // -----------------------------------------------------------------------

    fn cell(v: &[f64]) -> (String, String) {
        match median(v.to_vec()) {
            Some((m, x)) => (format!("{m:.1}"), format!("{x:.1}")),
            None => ("not available".into(), "–".into()),
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

    fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
        v.map_or("not available".into(), |x| x.to_string())
    }

    fn section(n: &Native, b: Option<&Browser>, load_start: &str, failure: Option<&str>) -> String {
        let mut o =
            crate::common::section_head(START, "the measures' charts", "charts.rs", "", load_start);
        let _ = writeln!(
            o,
            "- Plan: `synthetic_measures_plan({MEASURES}, {POINTS}, {SEED})`: {MEASURES} measures of {POINTS} monthly points ({}; {} signals in all), {} bytes of JSON",
            n.kinds,
            group(n.signals),
            group(n.json_bytes)
        );
        if let Some(f) = failure {
            let _ = writeln!(o, "- Not run in the browser: {f}");
        }
        let per = |t: f64| t * 1000.0 / MEASURES as f64;
        let _ = writeln!(
            o,
            "\n## Native: every measure of the plan (the `bench` profile: the release settings)\n"
        );
        let _ = writeln!(
            o,
            "Median and max of {NATIVE_RUNS} runs after {NATIVE_WARMUP} warm-up runs, in ms for all {MEASURES} measures; per measure in µs (the median divided by {MEASURES}).\n"
        );
        let _ = writeln!(
            o,
            "| Step | Median (ms) | Max (ms) | Per measure (µs) | Output |"
        );
        let _ = writeln!(o, "|---|---:|---:|---:|---|");
        let rows = [
            (
                "Read every measure as a chart (`read_measure`)",
                n.read,
                String::from("–"),
            ),
            (
                "Draw every chart (`chart_svg`, 720×320)",
                n.chart,
                format!("{} bytes of SVG", group(n.chart_bytes)),
            ),
            (
                "Draw every sparkline (`sparkline_svg`, 120×28)",
                n.spark,
                format!("{} bytes of SVG", group(n.spark_bytes)),
            ),
            (
                "Every chart in words (`words::summary`)",
                n.words,
                format!("{} lines", group(n.words_lines)),
            ),
            (
                "All four, measure by measure",
                n.total,
                format!("{} bytes of SVG", group(n.chart_bytes + n.spark_bytes)),
            ),
        ];
        for (what, (m, x), output) in rows {
            let _ = writeln!(o, "| {what} | {m:.2} | {x:.2} | {:.1} | {output} |", per(m));
        }
        let _ = writeln!(
            o,
            "\n## In the browser: the Measures screen (headless Chromium, release build)\n"
        );
        match b {
            None => {
                let _ = writeln!(o, "Not run (see above).");
            }
            Some(b) => {
                let _ = writeln!(o, "| What | Median (ms) | Max (ms) | App work (ms) |");
                let _ = writeln!(o, "|---|---:|---:|---:|");
                let (m, x) = cell(&b.open);
                let (w, _) = cell(&b.open_work);
                let _ = writeln!(
                    o,
                    "| Press “Measures” (from the outline) until all {MEASURES} charts are painted ({OPENS} times) | {m} | {x} | {w} |"
                );
                let (m, x) = cell(&b.load);
                let _ = writeln!(
                    o,
                    "| Load the address `#/plan/<id>/measures` (a new page: the app's download from the local server, start, the plan read from storage) until all {MEASURES} charts are painted ({LOADS} times) | {m} | {x} | – |"
                );
                let _ = writeln!(o, "\nAfter the screen has opened:\n");
                let _ = writeln!(
                    o,
                    "- Charts drawn (`{CHART_SELECTOR}`): {}",
                    opt(b.charts.map(group))
                );
                let _ = writeln!(o, "- Elements in the document: {}", opt(b.nodes.map(group)));
                let _ = writeln!(
                    o,
                    "- The screen's markup (`outerHTML` of `.measures-screen`): {}",
                    opt(b.screen_bytes.map(|x| format!("{} characters", group(x))))
                );
                let _ = writeln!(
                    o,
                    "- JS heap in use (`performance.memory.usedJSHeapSize`): {}",
                    opt(b.js_heap_mib.map(|x| format!("{x:.1} MiB")))
                );
                let _ = writeln!(
                    o,
                    "- Wasm memory (`wasm_memory_bytes()`, the most it has grown to): {}",
                    opt(b.wasm_mib.map(|x| format!("{x:.1} MiB")))
                );
                if !b.notes.is_empty() {
                    let _ = writeln!(o, "\n### Notes\n");
                    for note in &b.notes {
                        let _ = writeln!(o, "- {note}");
                    }
                }
            }
        }
        let _ = writeln!(
            o,
            "\nHow: natively, `std::time::Instant` around each step over all {MEASURES} measures (the charts read beforehand for the drawing and the words; read again inside “All four”). In the browser, the plan file is imported through “Import plan file”; “Press” runs in one `execute_async` script from the click until the first animation frame at which the screen has all {MEASURES} charts' SVG in the DOM, plus a `setTimeout(0)` so that frame's style, layout and paint are included (and up to a frame interval of waiting for it); “App work” is until the app's own updates are done (the first task after the click). “Load the address” goes to `about:blank`, then to the screen's address; a script added to every new document (`Page.addScriptToEvaluateOnNewDocument`) checks at each animation frame and stops the clock the same way, counting from the start of the navigation. A step not done within {:.0} s (the first opening {:.0} s) is written down as not available.",
            STEP_LIMIT_MS / 1000.0,
            PROBE_LIMIT_MS / 1000.0
        );
        let _ = write!(o, "{END}");
        o
    }

    pub fn main() {
        let load_start = load();
        let p = plan();
        eprintln!("bench: charts, native, {MEASURES} measures of {POINTS} points");
        let n = native(&p);
        let b = crate::common::in_browser(async |world| {
            eprintln!("bench: charts, browser");
            browser(world, &p).await
        });
        let failure = b.as_ref().err().copied();
        let section = section(&n, b.as_ref().ok(), &load_start, failure);
        crate::common::write_section("charts", &section, START, END);
        if failure.is_some() {
            std::process::exit(1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
