//! Issue 9, "data kept safe in the browser": the library says how much of
//! the browser's storage its plans use, warns before it is full, and says
//! whether the browser agreed to keep the site's storage.

use serde_json::json;

use super::harness::*;

async fn storage_use_text(b: &fantoccini::Client) -> String {
    eventually("the storage-use line in the library", || async {
        text_of(b, ".storage-use").await
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_library_shows_storage_use_warns_before_full_and_says_if_kept() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let line = storage_use_text(&b).await;
    assert!(
        line.contains("Plans here use 0.0 MB of about 5.0 MB"),
        "{line}"
    );
    assert!(
        text_of(&b, ".storage-warning").await.is_err(),
        "no warning yet"
    );

    // The persistence line agrees with what the browser says.
    let persisted = b
        .execute_async(
            "const done = arguments[arguments.length - 1]; navigator.storage.persisted().then(done);",
            vec![],
        )
        .await
        .expect("navigator.storage.persisted()");
    let want = if persisted == json!(true) {
        "has agreed to keep these plans"
    } else {
        "may delete these plans"
    };
    let line = eventually("the persistence answer", || async {
        let t = text_of(&b, ".storage-use").await?;
        t.contains(want).then_some(t.clone()).ok_or(t)
    })
    .await;
    eprintln!("persisted: {persisted}; library says: {line}");

    // A plan and 4.2 MB of other data: the figure grows and the library
    // warns before the storage is full.
    click_button(&b, "Open the example plan").await;
    wait_saved(&b).await;
    js(
        &b,
        "localStorage.setItem('other-data', 'x'.repeat(2100000));",
        vec![],
    )
    .await;
    click_button(&b, "Plan library").await;
    let line = storage_use_text(&b).await;
    assert!(
        line.contains("Plans here use 4.2 MB") || line.contains("Plans here use 4.3 MB"),
        "{line}"
    );
    let warning = eventually("the nearly-full warning", || async {
        text_of(&b, ".storage-warning").await
    })
    .await;
    assert!(
        warning.contains("% full") && warning.contains("export"),
        "{warning}"
    );
    assert_no_axe_violations(&b, "plan library with storage use and its warning").await;
    b.close().await;
}

/// A browser that never answers the request to keep the site's storage
/// (one that asks its user, as Firefox does for a file opened from disk)
/// is said to have not answered, with the advice to export, rather than
/// saying nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_browser_that_does_not_answer_about_keeping_storage_is_said_so() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    cdp_call(
        &b,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "navigator.storage.persist = () => new Promise(() => {});"}),
    )
    .await;
    reload(&b).await;
    let line = eventually("the line about keeping storage", || async {
        let t = text_of(&b, ".storage-use").await?;
        t.contains("has not said whether it will keep these plans")
            .then_some(t.clone())
            .ok_or(t)
    })
    .await;
    assert!(line.contains("export plans to keep copies"), "{line}");
    assert!(!line.contains("has agreed"), "{line}");
    b.close().await;
}
