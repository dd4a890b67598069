//! The import's benchmark (`make bench`, after the charts one): how long a
//! pasted table of 500 rows takes to become the preview the import screen
//! shows (reading the paste, guessing the column roles, mapping the rows),
//! natively for the clipboard's HTML and for its tab-separated text; then in
//! headless Chromium, on the release build, from the paste event to the
//! painted preview.
//!
//! It writes its figures, the machine's load and the date into
//! BENCHMARKS.md between `<!-- import bench -->` and `<!-- /import bench -->`,
//! leaving the rest of the file as it was. The target is a preview
//! in under 200 ms; the figures say whether it is met, they do not fail.

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
mod common;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::fmt::Write as _;
    use std::time::{Duration, Instant};

    use fantoccini::wd::TimeoutConfiguration;
    use fantoccini::Client;
    use serde_json::json;

    use plan_workbench::model::import::{read_paste, Preview};

    use crate::common::{in_browser, load, measure, median, run_js, settle, write_section};
    use crate::harness::{self, World};

    pub const START: &str = "<!-- import bench -->";
    pub const END: &str = "<!-- /import bench -->";

    const ROWS: usize = 500;
    const NATIVE_WARMUP: usize = 3;
    const NATIVE_RUNS: usize = 20;
    const PASTES: usize = 5;
    const STEP_LIMIT_MS: f64 = 60_000.0;
    const TARGET_MS: f64 = 200.0;

    const HEADERS: [&str; 8] = [
        "Priority",
        "Outcome",
        "Improvement aim",
        "Action",
        "Lead",
        "Due date",
        "RAG",
        "Performance measure",
    ];

    /// A plan table of `ROWS` action rows as a partnership would keep it: 5
    /// priorities, 4 outcomes each, 5 aims per outcome, 5 actions per aim,
    /// each parent written once and left empty below ("same as above").
    fn rows() -> Vec<[String; 8]> {
        let rags = ["Green", "Amber", "Red"];
        let dues = [
            "31/03/2022",
            "31-Mar-2023",
            "By 30 September 2022",
            "2022/23 Q4",
        ];
        (0..ROWS)
            .map(|i| {
                let (p, o, a) = (i / 100, i / 25, i / 5);
                let first = |n: usize| i % n == 0;
                [
                    if first(100) {
                        format!("Priority {}: children are safe and well in area {p}", p + 1)
                    } else {
                        String::new()
                    },
                    if first(25) {
                        format!(
                            "{}% more children report feeling safe in locality {o} by 2024",
                            5 + o % 10
                        )
                    } else {
                        String::new()
                    },
                    if first(5) {
                        format!("Improve early help for families in neighbourhood {a}")
                    } else {
                        String::new()
                    },
                    format!("Co-design and test support number {i} with families and partners"),
                    format!("Locality lead {}", i % 17),
                    dues[i % dues.len()].to_owned(),
                    rags[i % rags.len()].to_owned(),
                    if first(5) {
                        format!("% of families reporting help came early, area {a}")
                    } else {
                        String::new()
                    },
                ]
            })
            .collect()
    }

    fn tsv(rows: &[[String; 8]]) -> String {
        let mut s = HEADERS.join("\t");
        for r in rows {
            s.push('\n');
            s.push_str(&r.join("\t"));
        }
        s
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    /// The same table as a word processor's clipboard HTML.
    fn html(rows: &[[String; 8]]) -> String {
        let mut s = String::from("<html><body><table class=MsoTableGrid border=1><tr>");
        for h in HEADERS {
            let _ = write!(s, "<td><p class=MsoNormal><b>{}</b></p></td>", escape(h));
        }
        s.push_str("</tr>");
        for r in rows {
            s.push_str("<tr>");
            for c in r {
                let _ = write!(s, "<td><p class=MsoNormal>{}&nbsp;</p></td>", escape(c));
            }
            s.push_str("</tr>");
        }
        s.push_str("</table></body></html>");
        s
    }

    struct Native {
        html: (f64, f64),
        text: (f64, f64),
        items: String,
        warnings: usize,
        html_bytes: usize,
        text_bytes: usize,
    }

    fn time(mut f: impl FnMut() -> Preview) -> (f64, f64) {
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

    fn preview(html: Option<&str>, text: &str) -> Preview {
        read_paste(html, text)
            .and_then(Preview::new)
            .expect("the synthetic table reads as a plan")
    }

    fn native(html: &str, text: &str) -> Native {
        let p = preview(Some(html), text);
        let d = &p.draft.plan;
        Native {
            items: format!(
                "{} priorities, {} outcomes, {} aims, {} actions, {} measures",
                d.priorities.len(),
                d.outcomes.len(),
                d.aims.len(),
                d.actions.len(),
                d.measures.len()
            ),
            warnings: p.draft.warnings.len(),
            html_bytes: html.len(),
            text_bytes: text.len(),
            html: time(|| preview(Some(html), text)),
            text: time(|| preview(None, text)),
        }
    }

    #[derive(Default)]
    struct Browser {
        paste: Vec<f64>,
        work: Vec<f64>,
        notes: Vec<String>,
    }

    /// Dispatches a paste of the table (HTML and text, as a word
    /// processor's clipboard holds it) on the import screen's paste box.
    fn paste_script(html: &str, text: &str) -> String {
        format!(
            "const dt = new DataTransfer(); dt.setData('text/html', {}); dt.setData('text/plain', {});
             const box = document.querySelector('.import-paste');
             box.dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }}));",
            json!(html),
            json!(text)
        )
    }

    /// The preview shows all the table's actions.
    fn ready(actions: usize) -> String {
        format!(
            "(() => {{ const c = document.querySelector('.import-counts'); return !!c && c.textContent.includes('{actions} actions'); }})()"
        )
    }

    async fn browser(world: &World, html: &str, text: &str, actions: usize) -> Browser {
        let mut out = Browser::default();
        let b = world.browser_on_app().await;
        b.update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(180)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .expect("set the script timeout");
        if let Err(e) = run(world, &b, html, text, actions, &mut out).await {
            out.notes.push(e);
        }
        b.close().await;
        out
    }

    async fn run(
        world: &World,
        c: &Client,
        html: &str,
        text: &str,
        actions: usize,
        out: &mut Browser,
    ) -> Result<(), String> {
        // The import screen of the example plan (any open plan will do).
        harness::open_example(c).await;
        let id = harness::open_plan_id(c).await;
        let url = format!("{}#/plan/{id}/import", world.app_url());
        for _ in 0..PASTES {
            // A new page each time, so no earlier preview is on the screen.
            c.goto("about:blank")
                .await
                .map_err(|e| format!("about:blank: {e:?}"))?;
            c.goto(&url)
                .await
                .map_err(|e| format!("loading {url}: {e:?}"))?;
            let deadline = Instant::now() + Duration::from_secs(30);
            while run_js(c, "return !!document.querySelector('.import-paste');")
                .await?
                .as_bool()
                != Some(true)
            {
                if Instant::now() > deadline {
                    return Err(
                        "the import screen's paste box (`.import-paste`) was not shown".into(),
                    );
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            settle(c).await;
            if run_js(c, "return !!document.querySelector('.import-counts');")
                .await?
                .as_bool()
                == Some(true)
            {
                return Err("a preview was on the screen before the paste".into());
            }
            let (w, t) =
                measure(c, STEP_LIMIT_MS, &paste_script(html, text), &ready(actions)).await?;
            out.work.push(w);
            out.paste.push(t);
        }
        Ok(())
    }

    fn cell(v: &[f64]) -> (String, String) {
        match median(v.to_vec()) {
            Some((m, x)) => (format!("{m:.1}"), format!("{x:.1}")),
            None => ("not available".into(), "–".into()),
        }
    }

    fn met(ms: f64) -> &'static str {
        if ms < TARGET_MS {
            "under"
        } else {
            "NOT under"
        }
    }

    fn section(n: &Native, b: Option<&Browser>, load_start: &str, failure: Option<&str>) -> String {
        let mut o = crate::common::section_head(
            START,
            "bringing a plan in from a pasted table",
            "import.rs",
            &format!(
                "The target is a preview in under {TARGET_MS:.0} ms for a table of {ROWS} rows."
            ),
            load_start,
        );
        let _ = writeln!(
            o,
            "- Table: {ROWS} action rows and a header row, 8 columns ({}), parents written once with empty cells below; {} bytes as clipboard HTML, {} bytes as tab-separated text. It gives {} and {} warnings.",
            HEADERS.join(", "),
            n.html_bytes,
            n.text_bytes,
            n.items,
            n.warnings
        );
        if let Some(f) = failure {
            let _ = writeln!(o, "- Not run in the browser: {f}");
        }
        let _ = writeln!(
            o,
            "\n## Native (the `bench` profile: the release settings)\n"
        );
        let _ = writeln!(
            o,
            "Median and max of {NATIVE_RUNS} runs after {NATIVE_WARMUP} warm-up runs: `read_paste` then `Preview::new` (reading, guessing the roles, mapping the rows).\n"
        );
        let _ = writeln!(o, "| Paste | Median (ms) | Max (ms) | Target |");
        let _ = writeln!(o, "|---|---:|---:|---|");
        for (what, (m, x)) in [("Clipboard HTML", n.html), ("Tab-separated text", n.text)] {
            let _ = writeln!(
                o,
                "| {what} | {m:.2} | {x:.2} | {} {TARGET_MS:.0} ms |",
                met(m)
            );
        }
        let _ = writeln!(
            o,
            "\n## In the browser: the import screen (headless Chromium, release build)\n"
        );
        match b {
            None => {
                let _ = writeln!(o, "Not run (see above).");
            }
            Some(b) => {
                let _ = writeln!(
                    o,
                    "| What | Median (ms) | Max (ms) | App work (ms) | Target |"
                );
                let _ = writeln!(o, "|---|---:|---:|---:|---|");
                let (m, x) = cell(&b.paste);
                let (w, _) = cell(&b.work);
                let verdict = median(b.paste.clone())
                    .map(|(m, _)| format!("{} {TARGET_MS:.0} ms", met(m)))
                    .unwrap_or_else(|| "–".into());
                let _ = writeln!(
                    o,
                    "| Paste the {ROWS}-row table (HTML and text) until the preview is painted ({PASTES} times, each on a freshly loaded screen) | {m} | {x} | {w} | {verdict} |"
                );
                for note in &b.notes {
                    let _ = writeln!(o, "\n- {note}");
                }
            }
        }
        let _ = writeln!(
            o,
            "\nHow: natively, `std::time::Instant` around `read_paste` and `Preview::new`. In the browser, the example plan is opened and its import screen's address `#/plan/<id>/import` loaded, then one `execute_async` script dispatches a `paste` event carrying a `DataTransfer` with the table's `text/html` and `text/plain` on the paste box and stops the clock at the first animation frame at which the preview's counts name all the actions, plus a `setTimeout(0)` so that frame's style, layout and paint are included; “App work” is until the first task after the paste."
        );
        let _ = write!(o, "{END}");
        o
    }

    pub fn main() {
        let load_start = load();
        let rows = rows();
        let (html, text) = (html(&rows), tsv(&rows));
        eprintln!("bench: import, native, {ROWS} rows");
        let n = native(&html, &text);
        let actions = preview(Some(&html), &text).draft.plan.actions.len();
        let b = in_browser(async |world| {
            eprintln!("bench: import, browser");
            browser(world, &html, &text, actions).await
        });
        let failure = b.as_ref().err().copied();
        let section = section(&n, b.as_ref().ok(), &load_start, failure);
        write_section("import", &section, START, END);
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
