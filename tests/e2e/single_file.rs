//! Issue 9, "one file": dist-single/plan-workbench.html (written by
//! scripts/single_file.py after the release build) opens from file:// with
//! no server, names no other file, says where its plans are kept and keeps
//! an edit across a reload.

use super::harness::*;

const NOTICE: &str = "Opened from a file: plans are kept in this browser's storage for files, which this browser may share between all files opened this way. Export plans to keep copies.";

fn single_file() -> std::path::PathBuf {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist-single/plan-workbench.html");
    assert!(
        path.exists(),
        "{} is missing: run `make single` (make test builds it)",
        path.display()
    );
    path
}

#[test]
fn the_single_file_names_no_other_file() {
    let html = std::fs::read_to_string(single_file()).unwrap();
    let mut bad = Vec::new();
    for attr in ["src=", "href="] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let value: String = rest
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
                .collect();
            let ok = value.is_empty()
                || value.starts_with("data:")
                || value.starts_with("blob:")
                || value.starts_with('#');
            if !ok {
                bad.push(value);
            }
        }
    }
    assert!(bad.is_empty(), "references to other files: {bad:?}");
    assert!(!html.contains("modulepreload"), "a preload link is left");
    assert!(!html.contains(".wasm'"), "the JS still names a .wasm file");
    assert!(html.contains("<style>"), "the CSS is inlined");
    // file:// pages have no service workers: the app is not told of one.
    assert!(
        !html.contains(r#"<meta name="workbench-service-worker""#),
        "the single file names a service worker"
    );
    assert!(
        !html.contains("manifest.webmanifest"),
        "the manifest is linked"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_works_from_file_url_and_keeps_an_edit() {
    let url = format!("file://{}", single_file().display());
    let world = World::start().await;
    let b = world.browser().await;
    goto_app(&b, &url).await;
    let notice = eventually("the file notice in the library", || async {
        text_of(&b, ".file-notice").await
    })
    .await;
    assert_eq!(notice.trim(), NOTICE);

    click_button(&b, "Open the example plan").await;
    let title = eventually("the example plan's title", || async {
        text_of(&b, "h2.plan-title").await
    })
    .await;
    add_item(&b, "Add a priority", "Priority title", "Kept in a file").await;
    wait_saved(&b).await;
    reload(&b).await;
    wait_plan_title(&b, title.trim()).await;
    wait_textarea_count(&b, "Kept in a file", 1).await;
    b.close().await;
}
