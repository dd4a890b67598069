//! Issue 9, "offline after one visit, never stale": the service worker that
//! the post-build step writes (scripts/service_worker.cjs, Workbox) lets
//! the app open with the server gone; a new deployment on the same address
//! is announced ("A new version is ready") and taken only on the user's
//! word; the worker's scope is the sub-path the site is served under.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use super::harness::*;

const NEW_VERSION: &str = "A new version is ready";

/// Waits for `navigator.serviceWorker.ready` (an active worker, whose
/// precache is complete) and returns the registration's scope.
async fn service_worker_ready(b: &fantoccini::Client) -> String {
    let v = eventually_for(
        "navigator.serviceWorker.ready (the site precached)",
        Duration::from_secs(40),
        || async {
            let v = b
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     if (!('serviceWorker' in navigator)) { done({error: 'no navigator.serviceWorker'}); return; }
                     navigator.serviceWorker.getRegistration().then(r => {
                       if (!r) { done({error: 'no registration'}); return; }
                       navigator.serviceWorker.ready.then(r => done({scope: r.scope, state: r.active && r.active.state}));
                     }, e => done({error: String(e)}));",
                    vec![],
                )
                .await
                .map_err(dbg)?;
            if v.get("error").is_some() {
                Err(v.to_string())
            } else {
                Ok(v)
            }
        },
    )
    .await;
    v["scope"].as_str().unwrap_or_default().to_owned()
}

/// Waits until a service worker controls the page (its requests go
/// through the worker) and returns the worker's script URL.
async fn controlled_by(b: &fantoccini::Client) -> String {
    eventually("a service worker to control the page", || async {
        let v = js(
            b,
            "const c = navigator.serviceWorker && navigator.serviceWorker.controller; return c ? c.scriptURL : null;",
            vec![],
        )
        .await;
        v.as_str().map(str::to_owned).ok_or_else(|| v.to_string())
    })
    .await
}

/// What a fetch from the page of an address the site does not precache
/// gives: "status N", or "failed" when nothing answered.
async fn fetch_from_page(b: &fantoccini::Client, url: &str) -> String {
    let v = b
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0], {cache: 'no-store'}).then(r => done('status ' + r.status), () => done('failed'));",
            vec![json!(url)],
        )
        .await
        .expect("fetch from the page");
    v.as_str().unwrap_or_default().to_owned()
}

fn refused(origin: &str) -> bool {
    let addr = origin.trim_start_matches("http://");
    std::net::TcpStream::connect(addr).is_err()
}

#[tokio::test(flavor = "multi_thread")]
async fn after_one_visit_the_app_opens_and_keeps_edits_with_the_server_stopped() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    service_worker_ready(&b).await;
    let title = open_example(&b).await;
    let id = open_plan_id(&b).await;
    wait_saved(&b).await;

    world.server.stop().await;
    assert!(
        refused(&world.server.origin),
        "the server refuses connections once stopped"
    );
    let answered = world.server.requests().len();

    reload(&b).await;
    wait_plan_title(&b, &title).await;
    assert!(
        controlled_by(&b).await.ends_with("/plans/sw.js"),
        "the page came from the service worker"
    );
    add_item(&b, "Add a priority", "Priority title", "Typed offline").await;
    wait_saved(&b).await;
    reload(&b).await;
    wait_plan_title(&b, &title).await;
    wait_textarea_count(&b, "Typed offline", 1).await;
    assert_eq!(open_plan_id(&b).await, id, "the same plan");

    // The address with a query (a bookmark, a link with tracking tags), at
    // the folder and at index.html, opens from the precache too.
    for address in ["?from=bookmark", "index.html", "index.html?from=a-link"] {
        goto_app(&b, &format!("{}{address}", world.app_url())).await;
        wait_plan_title(&b, &title).await;
        wait_textarea_count(&b, "Typed offline", 1).await;
    }

    // Truly offline: what is not precached cannot be fetched, and nothing
    // reached the server after it stopped.
    assert_eq!(
        fetch_from_page(&b, "not-precached.txt").await,
        "failed",
        "a fetch past the precache reaches no server"
    );
    assert_eq!(
        world.server.requests().len(),
        answered,
        "no request was answered after the stop"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_service_worker_scope_is_the_sub_path_and_a_short_journey_works() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let scope = service_worker_ready(&b).await;
    assert_eq!(scope, world.app_url(), "the worker's scope is the sub-path");
    assert!(scope.ends_with("/plans/"), "{scope}");

    let title = open_example(&b).await;
    add_item(&b, "Add a priority", "Priority title", "Under a sub-path").await;
    wait_saved(&b).await;
    reload(&b).await;
    wait_plan_title(&b, &title).await;
    wait_textarea_count(&b, "Under a sub-path", 1).await;
    assert_eq!(
        controlled_by(&b).await,
        format!("{}sw.js", world.app_url()),
        "the reload went through the worker at the sub-path"
    );
    let outside: Vec<Served> = world
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path != "/favicon.ico" && (!r.path.starts_with("/plans/") || r.status != 200))
        .collect();
    assert!(
        outside.is_empty(),
        "requests outside /plans/ or not found: {outside:?}"
    );
    b.close().await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).expect("read dist/") {
        let entry = entry.expect("a dist/ entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file of dist/");
        }
    }
}

/// The build id stamped into a built site's index.html.
fn build_id(site: &Path) -> String {
    let html = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    let marker = r#"<meta name="workbench-build" content=""#;
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no build id in {}/index.html", site.display()));
    html[at + marker.len()..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Build B: dist/ with a changed stylesheet, put through the same
/// post-build step as every build (a new build id and a new precache list).
fn build_b(dir: &Path) -> PathBuf {
    copy_dir(&dist_dir(), dir);
    let css = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "css"))
        .expect("a stylesheet in dist/");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* build B */\n");
    std::fs::write(&css, text).unwrap();
    let status = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/service_worker.cjs"))
        .arg(dir)
        .status()
        .expect("run node scripts/service_worker.cjs");
    assert!(status.success(), "the post-build step failed on build B");
    dir.to_path_buf()
}

async fn version_line(b: &fantoccini::Client) -> String {
    eventually("the version line in the library", || async {
        text_of(b, ".library .version").await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_deployment_is_announced_and_taken_only_on_the_users_word() {
    let a_dir = TempDir::new("build-a");
    let b_dir = TempDir::new("build-b");
    let a = a_dir.path().join("site");
    copy_dir(&dist_dir(), &a);
    let b_site = build_b(&b_dir.path().join("site"));
    let (id_a, id_b) = (build_id(&a), build_id(&b_site));
    assert_ne!(id_a, id_b, "build B has its own id");
    assert_ne!(
        std::fs::read(a.join("sw.js")).unwrap(),
        std::fs::read(b_site.join("sw.js")).unwrap(),
        "build B's precache list differs"
    );

    let world = World::start().await;
    world.server.serve(&a).await;
    let b = world.browser_on_app().await;
    service_worker_ready(&b).await;
    let title = open_example(&b).await;
    let id = open_plan_id(&b).await;
    add_item(&b, "Add a priority", "Priority title", "Made in build A").await;
    wait_saved(&b).await;
    click_button(&b, "Plan library").await;
    let line = version_line(&b).await;
    assert!(
        line.starts_with("Workbench version ") && line.ends_with(&format!("build {id_a}")),
        "{line}"
    );
    let stored_before = stored_envelope(&b, &id).await;

    // Build B on the same address; the next visit finds it.
    world.server.serve(&b_site).await;
    reload(&b).await;
    // Someone starts typing a new plan's title before the update arrives.
    js(
        &b,
        "document.getElementById('new-plan-title').focus();",
        vec![],
    )
    .await;
    type_keys(&b, "Half-typed").await;
    let notice = eventually_for(
        "the notice “A new version is ready”",
        Duration::from_secs(40),
        || async { text_of(&b, ".update-ready").await },
    )
    .await;
    assert!(notice.contains(NEW_VERSION), "{notice}");
    // The notice takes no focus and swaps nothing: the page still runs A.
    let f = focus(&b).await;
    assert_eq!(
        (f.name.as_str(), f.value.as_str()),
        ("Title of a new plan", "Half-typed"),
        "the typing goes on undisturbed"
    );
    assert!(version_line(&b).await.ends_with(&format!("build {id_a}")));
    // B's worker is installed and waits for the user's word (no
    // skipWaiting): A's worker still controls the page.
    let waiting = b
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.getRegistration().then(r => done({
               waiting: !!(r && r.waiting), active: !!(r && r.active),
               controlled: !!navigator.serviceWorker.controller}));",
            vec![],
        )
        .await
        .expect("read the registration");
    assert_eq!(
        waiting,
        json!({"waiting": true, "active": true, "controlled": true}),
        "build B's worker waits while A's controls the page"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        version_line(&b).await.ends_with(&format!("build {id_a}")),
        "still build A while the notice is shown"
    );
    assert_no_axe_violations(&b, "plan library with the new-version notice").await;

    click_button(&b, "Reload to update").await;
    eventually_for(
        "build B's id in the version line",
        FIRST_LOAD_WAIT,
        || async {
            let line = text_of(&b, ".library .version").await?;
            line.ends_with(&format!("build {id_b}"))
                .then_some(())
                .ok_or(line)
        },
    )
    .await;
    assert!(
        text_of(&b, ".update-ready").await.is_err(),
        "no notice once B runs"
    );
    // The plan is intact across versions.
    let stored_after = stored_envelope(&b, &id).await;
    assert_eq!(stored_after["plan"], stored_before["plan"]);
    assert_eq!(library_titles(&b).await, vec![title.clone()]);
    click_button(&b, &format!("Open {title}")).await;
    wait_textarea_count(&b, "Made in build A", 1).await;
    let served: Vec<Value> = world
        .server
        .requests()
        .iter()
        .map(|r| json!(r.path))
        .collect();
    assert!(
        served
            .iter()
            .filter(|p| p.as_str() == Some("/plans/sw.js"))
            .count()
            >= 2,
        "sw.js was fetched for A and again for B: {served:?}"
    );
    b.close().await;
}

/// The figure for BENCHMARKS.md, not a test: the time from a cold offline
/// reload (server stopped, service worker stopped, HTTP and memory caches
/// cleared) to the open plan's first render, over several reloads. Run by
/// hand: `cargo test --test e2e offline::cold_offline_reload_time -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement for BENCHMARKS.md, run by hand"]
async fn cold_offline_reload_time() {
    const RUNS: usize = 7;
    let world = World::start().await;
    let b = world.browser_on_app().await;
    service_worker_ready(&b).await;
    let title = open_example(&b).await;
    wait_saved(&b).await;
    // Notes, in the page's clock (ms since the navigation started), when
    // the plan's title and the top bar's buttons are first in the DOM.
    let mark = "(() => { const seen = () => {
        if (window.__ipwReadyAt === undefined && document.querySelector('h2.plan-title')
            && document.querySelector('.topbar button')) { window.__ipwReadyAt = performance.now(); } };
        new MutationObserver(seen).observe(document, {childList: true, subtree: true}); })();";
    cdp_call(
        &b,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": mark}),
    )
    .await;
    world.server.stop().await;
    let mut ready = Vec::new();
    for run in 0..RUNS {
        cdp_call(&b, "ServiceWorker.enable", json!({})).await;
        cdp_call(&b, "ServiceWorker.stopAllWorkers", json!({})).await;
        cdp_call(&b, "Network.clearBrowserCache", json!({})).await;
        reload(&b).await;
        wait_plan_title(&b, &title).await;
        let v = eventually("the first-render mark", || async {
            let v = js(
                &b,
                "const nav = performance.getEntriesByType('navigation')[0];
                 const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                 return window.__ipwReadyAt === undefined ? null : {ready: window.__ipwReadyAt,
                   html: nav ? nav.responseEnd : null, fcp: fcp ? fcp.startTime : null,
                   controlled: !!navigator.serviceWorker.controller};",
                vec![],
            )
            .await;
            (!v.is_null()).then_some(v.clone()).ok_or(v.to_string())
        })
        .await;
        assert_eq!(v["controlled"], json!(true), "served by the worker");
        eprintln!("cold offline reload {run}: {v}");
        ready.push(v["ready"].as_f64().unwrap_or(f64::NAN));
    }
    ready.sort_by(f64::total_cmp);
    eprintln!(
        "cold offline reload to the plan's first render: median {:.0} ms, min {:.0}, max {:.0} over {RUNS} reloads",
        ready[RUNS / 2],
        ready[0],
        ready[RUNS - 1]
    );
    b.close().await;
}
