//! The tracking screens' benchmark (`make bench`, after the diagram's):
//! for synthetic plans of 1,000 and 5,000 items given a year's tracking
//! (`synthetic_plan` + `synthetic::add_tracking`), how long the plan
//! table's rows take to build natively, and in headless Chromium how long
//! the plan table and the progress report take to open and how long typing
//! one character in the table's row editor takes to reach the next frame.
//!
//! It writes its figures, the machine's load, the date and the targets into
//! BENCHMARKS.md between `<!-- tracking bench -->` and
//! `<!-- /tracking bench -->`, leaving the rest of the file as it was (the
//! diagram's benchmark keeps this section when it rewrites the file).
//!
//! Figures, not a timed test: nothing fails because it was slow; a step
//! that does not finish within its limit is written down as such.
//! BENCH_SIZES=1000 runs only some sizes (for trying changes).

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

    use plan_workbench::model::format::export_plan;
    use plan_workbench::model::progress::table::{plan_rows, shown_rows, Filter, Sort};
    use plan_workbench::model::synthetic::{add_tracking, synthetic_plan};
    use plan_workbench::model::Plan;

    use crate::common::{load, measure, median, press, run_js, settle};
    use crate::harness::{self, World};

    const SIZES: [usize; 2] = [1_000, 5_000];
    /// The rows the table draws when it opens (as src/ui/tracking/table.rs).
    const FIRST_ROWS: usize = 100;
    const SEED: u64 = 7;
    const NATIVE_RUNS: usize = 20;
    const OPENS: usize = 5;
    const KEYS: usize = 10;
    /// How long one browser step may take before it is written down as
    /// not done (a record, not a failure).
    const STEP_LIMIT_MS: f64 = 60_000.0;
    /// The report screen is another helper's; on a build without it the
    /// wait is short and the figure is written down as not available.
    const REPORT_LIMIT_MS: f64 = 15_000.0;

    pub const START: &str = "<!-- tracking bench -->";
    pub const END: &str = "<!-- /tracking bench -->";

    fn plan(items: usize, today: chrono::NaiveDate) -> Plan {
        let mut p = synthetic_plan(items, SEED);
        add_tracking(&mut p, SEED, today);
        p
    }

    struct Native {
        items: usize,
        actions: usize,
        rows: usize,
        build: (f64, f64),
        filtered: (f64, f64),
    }

    fn native(items: usize, today: chrono::NaiveDate) -> Native {
        let p = plan(items, today);
        let time = |f: &dyn Fn() -> usize| {
            for _ in 0..3 {
                std::hint::black_box(f());
            }
            let v: Vec<f64> = (0..NATIVE_RUNS)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(f());
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            median(v).unwrap()
        };
        let overdue = Filter {
            overdue: true,
            ..Default::default()
        };
        Native {
            items,
            actions: p.actions.len(),
            rows: plan_rows(&p).len(),
            build: time(&|| plan_rows(&p).len()),
            filtered: time(&|| shown_rows(&p, &overdue, Sort::Due, today).len()),
        }
    }

    #[derive(Default)]
    struct Browser {
        items: usize,
        rows: usize,
        /// Pressing "Plan table" until its rows are rendered and painted.
        open: Vec<f64>,
        /// The app's part of opening (until its updates are done).
        open_work: Vec<f64>,
        /// Pressing "Show all … rows" until every row is painted.
        all: Vec<f64>,
        all_work: Vec<f64>,
        /// One character typed in the row editor's Lead field: the app's
        /// work, and until the next frame has been painted.
        key_work: Vec<f64>,
        key_frame: Vec<f64>,
        /// The same with every row drawn (after "Show all").
        key_all_work: Vec<f64>,
        key_all_frame: Vec<f64>,
        report_open: Vec<f64>,
        notes: Vec<String>,
    }

    async fn wait_js(c: &Client, what: &str, expr: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_millis(STEP_LIMIT_MS as u64);
        loop {
            if let Ok(Value::Bool(true)) = c.execute(&format!("return !!({expr});"), vec![]).await {
                return Ok(());
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

    async fn browser_size(
        world: &World,
        items: usize,
        rows: usize,
        today: chrono::NaiveDate,
    ) -> Browser {
        let mut out = Browser {
            items,
            rows,
            ..Default::default()
        };
        let p = plan(items, today);
        let dir = harness::TempDir::new("tracking-bench");
        let file = dir.path().join(format!("tracked-{items}.json"));
        std::fs::write(&file, export_plan(&p)).expect("write the plan file");
        let b = world.browser_on_app().await;
        b.update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(180)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .expect("set the script timeout");
        if let Err(e) = run_size(&b, &p, &file, rows, &mut out).await {
            out.notes.push(e);
        }
        b.close().await;
        out
    }

    /// Types KEYS characters, one at a time, into the Lead field of the
    /// first action row's editor, timing each to the next painted frame;
    /// the save after each key is let finish before the next.
    async fn type_keys(
        c: &Client,
        work: &mut Vec<f64>,
        frame: &mut Vec<f64>,
    ) -> Result<(), String> {
        // The row editor of the first action row, its Lead field.
        run_js(
            c,
            "document.querySelector('button.row-update').click(); return true;",
        )
        .await?;
        wait_js(
            c,
            "the row editor",
            "document.querySelector('dialog.row-editor .editor-lead')",
        )
        .await?;
        settle(c).await;
        if std::env::var("BENCH_DIAG").is_ok() {
            let v = run_js(c, "return [document.querySelectorAll('.tracking-table tbody tr').length, document.getElementsByTagName('*').length];").await?;
            eprintln!("diag: rows drawn and elements while typing: {v}");
            // The floor: an action that changes nothing, to the next frame.
            let mut floor = Vec::new();
            for _ in 0..KEYS {
                floor.push(measure(c, STEP_LIMIT_MS, "", "true").await?.1);
                settle(c).await;
            }
            eprintln!("diag: nothing done, to the next frame: {:?}", median(floor));
        }
        for i in 0..KEYS {
            let ch = (b'a' + (i % 26) as u8) as char;
            let action = format!(
                "const f = document.querySelector('dialog.row-editor .editor-lead'); f.value += '{ch}'; f.dispatchEvent(new Event('input', {{ bubbles: true }}));"
            );
            let diag = std::env::var("BENCH_DIAG").is_ok();
            if diag {
                let _ = harness::try_cdp(
                    c,
                    "Performance.enable",
                    json!({"timeDomain": "threadTicks"}),
                )
                .await;
            }
            let before = if diag {
                metrics(c).await
            } else {
                Default::default()
            };
            let (w, t) = measure(c, STEP_LIMIT_MS, &action, "true").await?;
            if diag {
                diag_key(c, &before, &format!("key {i}: {t:.1} ms (work {w:.1})")).await;
            }
            let before = if diag {
                metrics(c).await
            } else {
                Default::default()
            };
            work.push(w);
            frame.push(t);
            // Let the save after a pause in typing happen between keys (and
            // finish), so that no key is timed with a save running.
            tokio::time::sleep(Duration::from_millis(400)).await;
            wait_js(
                c,
                "the save after the key",
                "(document.querySelector('.save-state') || {}).textContent !== 'Saving…'",
            )
            .await?;
            tokio::time::sleep(Duration::from_millis(200)).await;
            settle(c).await;
            if diag {
                diag_key(c, &before, &format!("after key {i}, the save")).await;
            }
        }
        run_js(
            c,
            "document.querySelector('dialog.row-editor').close(); return true;",
        )
        .await?;
        settle(c).await;
        Ok(())
    }

    async fn run_size(
        c: &Client,
        p: &Plan,
        file: &Path,
        rows: usize,
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
        // The table opens with its first rows drawn (FIRST_ROWS in
        // src/ui/tracking/table.rs) and a button for the rest.
        let first = rows.min(FIRST_ROWS);
        let table_ready =
            format!("document.querySelectorAll('.tracking-table tbody tr').length === {first}");
        let all_ready =
            format!("document.querySelectorAll('.tracking-table tbody tr').length === {rows}");
        // BENCH_DIAG=1: only the keys, with Chromium's counters printed.
        let opens = if std::env::var("BENCH_DIAG").is_ok() {
            1
        } else {
            OPENS
        };
        for _ in 0..opens {
            to_outline(c).await?;
            let (w, t) = measure(c, STEP_LIMIT_MS, &press("Plan table"), &table_ready).await?;
            out.open_work.push(w);
            out.open.push(t);
        }
        // Typing with the table as it opens (its first rows drawn)...
        type_keys(c, &mut out.key_work, &mut out.key_frame).await?;
        if rows > first {
            for _ in 0..opens {
                to_outline(c).await?;
                measure(c, STEP_LIMIT_MS, &press("Plan table"), &table_ready).await?;
                settle(c).await;
                let (w, t) = measure(
                    c,
                    STEP_LIMIT_MS,
                    "document.querySelector('button.show-all-rows').click();",
                    &all_ready,
                )
                .await?;
                out.all_work.push(w);
                out.all.push(t);
            }
            // ...and with every row drawn (after "Show all").
            type_keys(c, &mut out.key_all_work, &mut out.key_all_frame).await?;
        }
        for _ in 0..OPENS {
            to_outline(c).await?;
            match measure(
                c,
                REPORT_LIMIT_MS,
                &press("Progress report"),
                "document.querySelector('.progress-report .report-group')",
            )
            .await
            {
                Ok((_, t)) => out.report_open.push(t),
                Err(e) => {
                    out.notes.push(format!(
                        "Progress report: no `.progress-report .report-group` shown ({e}); this build may not have the report screen yet."
                    ));
                    break;
                }
            }
        }
        Ok(())
    }

    /// Chromium's own counters (`Performance.getMetrics`): style
    /// recalculation, layout, script and task time in ms, and counts.
    async fn metrics(c: &Client) -> std::collections::BTreeMap<String, f64> {
        let v = harness::try_cdp(c, "Performance.getMetrics", json!({}))
            .await
            .unwrap_or_default();
        v["metrics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// With BENCH_DIAG=1, what Chromium spent on one measured key (printed).
    async fn diag_key(c: &Client, before: &std::collections::BTreeMap<String, f64>, label: &str) {
        let after = metrics(c).await;
        let d = |k: &str| after.get(k).unwrap_or(&0.0) - before.get(k).unwrap_or(&0.0);
        eprintln!(
            "diag {label}: style {:.1} ms ({} recalcs), layout {:.1} ms ({} layouts), script {:.1} ms, task {:.1} ms, nodes {}, js heap {:.1} MB",
            d("RecalcStyleDuration") * 1000.0,
            d("RecalcStyleCount"),
            d("LayoutDuration") * 1000.0,
            d("LayoutCount"),
            d("ScriptDuration") * 1000.0,
            d("TaskDuration") * 1000.0,
            after.get("Nodes").unwrap_or(&0.0),
            after.get("JSHeapUsedSize").unwrap_or(&0.0) / 1e6,
        );
    }

    fn cell(v: &[f64]) -> (String, String) {
        match median(v.to_vec()) {
            Some((m, x)) => (format!("{m:.1}"), format!("{x:.1}")),
            None => ("–".into(), "–".into()),
        }
    }

    fn verdict(v: &[f64], target: f64) -> &'static str {
        match median(v.to_vec()) {
            Some((m, _)) if m < target => "met",
            Some(_) => "missed",
            None => "not measured",
        }
    }

    fn section(
        natives: &[Native],
        browsers: &[Browser],
        load_start: &str,
        failure: Option<&str>,
    ) -> String {
        let mut o = crate::common::section_head(
            START,
            "the plan table and the progress report",
            "tracking.rs",
            "",
            load_start,
        );
        let _ = writeln!(
            o,
            "- Plans: `synthetic_plan(items, {SEED})` with `synthetic::add_tracking(plan, {SEED}, today)`; headless Chromium, release build"
        );
        if let Some(f) = failure {
            let _ = writeln!(o, "- Not run in the browser: {f}");
        }
        let _ = writeln!(o, "\n## Targets (issue 10)\n");
        let _ = writeln!(
            o,
            "| What | Items | Target | Median (ms) | Max (ms) | App work (ms) | Result |"
        );
        let _ = writeln!(o, "|---|---:|---|---:|---:|---:|---|");
        for b in browsers {
            let (m, x) = cell(&b.open);
            let (w, _) = cell(&b.open_work);
            let target = if b.items == 1_000 { "< 150 ms" } else { "–" };
            let result = if b.items == 1_000 {
                verdict(&b.open, 150.0)
            } else {
                "recorded"
            };
            let _ = writeln!(
                o,
                "| Open the plan table (press “Plan table” until its first {} of {} rows are painted, {OPENS} times) | {} | {target} | {m} | {x} | {w} | {result} |",
                b.rows.min(FIRST_ROWS), b.rows, b.items
            );
            let (m, x) = cell(&b.all);
            let (w, _) = cell(&b.all_work);
            let _ = writeln!(
                o,
                "| Then press “Show all {} rows” until every row is painted | {} | – | {m} | {x} | {w} | recorded |",
                b.rows, b.items
            );
            let (m, x) = cell(&b.key_frame);
            let (w, _) = cell(&b.key_work);
            let _ = writeln!(
                o,
                "| Type one character in the row editor's Lead field, to the next frame ({KEYS} keys; the table as it opens, {} rows drawn) | {} | < 16.7 ms | {m} | {x} | {w} | {} |",
                b.rows.min(FIRST_ROWS),
                b.items,
                verdict(&b.key_frame, 16.7)
            );
            if b.rows > FIRST_ROWS {
                let (m, x) = cell(&b.key_all_frame);
                let (w, _) = cell(&b.key_all_work);
                let _ = writeln!(
                    o,
                    "| The same with all {} rows drawn (after “Show all”) | {} | < 16.7 ms | {m} | {x} | {w} | {} |",
                    b.rows,
                    b.items,
                    verdict(&b.key_all_frame, 16.7)
                );
            }
            let (m, x) = cell(&b.report_open);
            let _ = writeln!(
                o,
                "| Open the progress report (until `.progress-report .report-group` is painted) | {} | – | {m} | {x} | – | {} |",
                b.items,
                if b.report_open.is_empty() { "not measured" } else { "recorded" }
            );
        }
        let _ = writeln!(o, "\n## Native: building the table's rows\n");
        let _ = writeln!(o, "| Items | Actions | Rows | `plan_rows` median (ms) | max | `shown_rows` overdue, by due date, median (ms) | max |");
        let _ = writeln!(o, "|---:|---:|---:|---:|---:|---:|---:|");
        for n in natives {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
                n.items, n.actions, n.rows, n.build.0, n.build.1, n.filtered.0, n.filtered.1
            );
        }
        let notes: Vec<String> = browsers
            .iter()
            .flat_map(|b| {
                b.notes
                    .iter()
                    .map(move |n| format!("{} items: {n}", b.items))
            })
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(o, "\n## Notes\n");
            for n in notes {
                let _ = writeln!(o, "- {n}");
            }
        }
        let _ = writeln!(
            o,
            "\nHow: “Median” runs from the click (or the typed character's input event) until the frame where the result shows has been painted, so it includes waiting for the browser's next frame; “App work” is until the app's own updates are done (the first task after the action)."
        );
        let _ = write!(o, "{END}");
        o
    }

    pub fn main() {
        let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
            .ok()
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .filter(|v: &Vec<usize>| !v.is_empty())
            .unwrap_or_else(|| SIZES.to_vec());
        let today = chrono::Local::now().date_naive();
        let load_start = load();
        let natives: Vec<Native> = sizes
            .iter()
            .map(|&n| {
                eprintln!("bench: tracking, native, {n} items");
                native(n, today)
            })
            .collect();
        let run = crate::common::in_browser(async |world| {
            let mut browsers = Vec::new();
            for n in &natives {
                eprintln!("bench: tracking, browser, {} items", n.items);
                browsers.push(browser_size(world, n.items, n.rows, today).await);
            }
            browsers
        });
        let failure = run.as_ref().err().copied();
        let browsers = run.unwrap_or_default();
        let section = section(&natives, &browsers, &load_start, failure);
        crate::common::write_section("tracking", &section, START, END);
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
