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

/// The one-file journey, the same in every browser: the file opens from
/// file:// and renders, the library says where its plans are kept, the
/// example opens, and a priority added to it is there after a reload. A
/// copy of the file in another folder then opens the same plan, edit
/// included: what the README says about the browser's one storage for files.
async fn open_edit_reload(c: &fantoccini::Client) {
    let original = single_file();
    goto_app(c, &file_url(&original)).await;
    let notice = eventually("the file notice in the library", || async {
        text_of(c, ".file-notice").await
    })
    .await;
    assert_eq!(notice.trim(), NOTICE);

    let title = open_example(c).await;
    add_item(c, "Add a priority", "Priority title", "Kept in a file").await;
    wait_saved(c).await;
    reload(c).await;
    wait_plan_title(c, &title).await;
    wait_textarea_count(c, "Kept in a file", 1).await;

    let elsewhere = TempDir::new("single-file-copy");
    let copy = elsewhere.path().join("a copy of the workbench.html");
    std::fs::copy(&original, &copy).expect("copy the single file");
    goto_app(c, &file_url(&copy)).await;
    wait_plan_title(c, &title).await;
    wait_textarea_count(c, "Kept in a file", 1).await;
}

/// A file:// address, with spaces and the like escaped.
fn file_url(path: &std::path::Path) -> String {
    url::Url::from_file_path(path)
        .expect("an absolute path")
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_works_from_file_url_and_keeps_an_edit() {
    let world = World::start().await;
    let b = world.browser().await;
    open_edit_reload(&b).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_works_from_file_url_in_firefox() {
    let ff = Firefox::start().await;
    open_edit_reload(&ff).await;
    ff.close().await;
}
