//! What the browser benchmarks (benches/tracking.rs, benches/charts.rs,
//! benches/import.rs) share: timing an action to the frame it paints, small
//! page scripts, medians, the machine's load, running the browser part on
//! the release build, and writing their own section of BENCHMARKS.md.

use fantoccini::Client;
use serde_json::{json, Value};

pub fn median(mut v: Vec<f64>) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((m, v[n - 1]))
}

/// Runs `action` (JS) and waits, frame by frame, for `ready` (JS
/// expression); gives the time to the app's work being done (`work`:
/// the first task after the action) and to the frame where `ready`
/// held having been painted (`total`).
const MEASURE: &str = r#"
const [limit, action, ready] = [arguments[0], arguments[1], arguments[2]];
const done = arguments[arguments.length - 1];
const act = new Function(action), ok = new Function('return !!(' + ready + ');');
const t0 = performance.now();
try { act(); } catch (e) { done({ error: 'action: ' + e }); return; }
let work = null;
setTimeout(() => { if (work === null) work = performance.now() - t0; }, 0);
const frame = () => {
  if (work === null) work = performance.now() - t0;
  let r = false;
  try { r = ok(); } catch (e) { done({ error: 'ready: ' + e }); return; }
  const t = performance.now() - t0;
  if (r) setTimeout(() => done({ work, total: performance.now() - t0 }), 0);
  else if (t > limit) done({ timeout: t });
  else requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#;

pub async fn measure(
    c: &Client,
    limit: f64,
    action: &str,
    ready: &str,
) -> Result<(f64, f64), String> {
    let v = c
        .execute_async(MEASURE, vec![json!(limit), json!(action), json!(ready)])
        .await
        .map_err(|e| format!("script failed: {e:?}"))?;
    if let Some(e) = v.get("error") {
        return Err(format!("{e}"));
    }
    if let Some(t) = v.get("timeout").and_then(Value::as_f64) {
        return Err(format!("not done after {t:.0} ms"));
    }
    let f = |k: &str| v.get(k).and_then(Value::as_f64);
    match (f("work"), f("total")) {
        (Some(w), Some(t)) => Ok((w, t)),
        _ => Err(format!("unexpected result {v}")),
    }
}

pub async fn run_js(c: &Client, script: &str) -> Result<Value, String> {
    c.execute(script, vec![])
        .await
        .map_err(|e| format!("{e:?}"))
}

pub async fn settle(c: &Client) {
    let _ = c
        .execute_async(
            "const d = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(d, 0)));",
            vec![],
        )
        .await;
}

pub fn press(name: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll('nav button')).find(b => b.textContent.trim() === {}).click();",
        json!(name)
    )
}

pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// `text` with the section between the markers replaced by `section`,
/// or `section` added at the end where there is none.
/// `text` with its section between `start` and `end` replaced by
/// `section` (added at the end if it has none).
pub fn with_section(text: &str, section: &str, start: &str, end: &str) -> String {
    match (text.find(start), text.find(end)) {
        (Some(s), Some(e)) if e > s => {
            format!("{}{section}{}", &text[..s], &text[e + end.len()..])
        }
        _ => {
            let mut t = text.trim_end().to_owned();
            if !t.is_empty() {
                t.push_str("\n\n");
            }
            t.push_str(section);
            t.push('\n');
            t
        }
    }
}

/// The opening lines of a benchmark's section of BENCHMARKS.md: its start
/// marker, its title, which file wrote it (with `note`, one more sentence
/// or ""), the date and the machine's load at the start and now.
pub fn section_head(start: &str, title: &str, bench: &str, note: &str, load_start: &str) -> String {
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(" {note}")
    };
    format!(
        "{start}\n# Benchmarks: {title}\n\nWritten by `make bench` (`benches/{bench}`), which rewrites only this section. Recorded figures, not a pass/fail test.{note}\n\n- Date: {}\n- Load average (1, 5, 15 min): {load_start} at the start, {} at the end (the machine is shared; other work skews the figures)\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        load()
    )
}

/// Why a benchmark's browser part did not run.
pub const NO_DIST: &str =
    "dist/ is missing: run `trunk build --release` first (`make bench` does).";

/// Runs a benchmark's browser part against the release build in dist/,
/// served locally; `Err` says why it could not run.
pub fn in_browser<T>(
    run: impl AsyncFnOnce(&crate::harness::World) -> T,
) -> Result<T, &'static str> {
    if !crate::harness::dist_dir().join("index.html").is_file() {
        return Err(NO_DIST);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    Ok(rt.block_on(async {
        let world = crate::harness::World::start().await;
        run(&world).await
    }))
}

/// Writes `section` (between `start` and `end`) into BENCHMARKS.md, leaving
/// the rest of the file as it was, and prints it.
pub fn write_section(name: &str, section: &str, start: &str, end: &str) {
    let out_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&out_path).unwrap_or_default();
    std::fs::write(&out_path, with_section(&old, section, start, end))
        .expect("write BENCHMARKS.md");
    println!("{section}");
    eprintln!("bench: wrote the {name} section of {}", out_path.display());
}
