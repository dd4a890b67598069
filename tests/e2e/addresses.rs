//! Issue 9, "addresses": each screen of an open plan has an address in the
//! URL's fragment (`#/plan/<id>/diagram`); Back and Forward move between
//! screens, a reload keeps the screen, an address opens its plan in any
//! browser that holds it, and an address naming a plan this browser does
//! not hold (or cannot read yet) says so and changes nothing.

use fantoccini::Client;
use serde_json::json;

use super::harness::*;

const NO_PLAN: &str = "This browser has no plan with that address. It may be stored in another browser, or not imported here yet.";

/// The page's URL fragment, with its `#`.
async fn fragment(c: &Client) -> String {
    js(c, "return location.hash;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn wait_fragment(c: &Client, want: &str) {
    eventually(&format!("the address to end in “{want}”"), || async {
        let f = fragment(c).await;
        (f == want).then_some(()).ok_or(f)
    })
    .await
}

/// What the page shows: the top-bar button marked as the current page, and
/// which screen's content is drawn.
async fn shown(c: &Client) -> (String, String) {
    let v = js(
        c,
        "const current = document.querySelector('nav [aria-current=page]');
         const content = document.querySelector('.diagram-screen') ? 'diagram'
           : document.querySelector('section.outline') ? 'outline'
           : document.querySelector('section.plan-details') ? 'details'
           : document.querySelector('#library-heading') ? 'library'
           : document.querySelector('.address-problem') ? 'address problem' : 'nothing';
         return [current ? current.textContent.trim() : '', content];",
        vec![],
    )
    .await;
    let s = |i: usize| v[i].as_str().unwrap_or_default().to_owned();
    (s(0), s(1))
}

/// Waits until the screen `content` shows with its top-bar button
/// `current` marked as the current page (`""`: none is).
async fn wait_screen(c: &Client, current: &str, content: &str) {
    let want = (current.to_owned(), content.to_owned());
    eventually(&format!("the screen {want:?}"), || async {
        let seen = shown(c).await;
        (seen == want).then_some(()).ok_or(format!("{seen:?}"))
    })
    .await
}

async fn back(c: &Client) {
    c.back().await.expect("the browser's Back");
}

async fn forward(c: &Client) {
    c.forward().await.expect("the browser's Forward");
}

/// Goes to an address of the app as a link or a bookmark would, in the page
/// already open (only the fragment changes, so the page is not reloaded).
async fn follow_link(c: &Client, hash: &str) {
    js(c, "location.hash = arguments[0];", vec![json!(hash)]).await;
}

async fn open_example(c: &Client) -> String {
    click_button(c, "Open the example plan").await;
    wait_screen(c, "Outline", "outline").await;
    open_plan_id(c).await
}

#[tokio::test(flavor = "multi_thread")]
async fn back_and_forward_move_between_screens_and_a_reload_keeps_the_screen() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    wait_screen(&b, "Plan library", "library").await;
    wait_fragment(&b, "#/library").await;

    let id = open_example(&b).await;
    assert!(!id.is_empty());
    let outline = format!("#/plan/{id}/outline");
    let diagram = format!("#/plan/{id}/diagram");
    let details = format!("#/plan/{id}/details");
    wait_fragment(&b, &outline).await;
    let title = text_of(&b, "h2.plan-title").await.unwrap();

    click_button(&b, "Driver diagram").await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    wait_fragment(&b, &diagram).await;

    back(&b).await;
    wait_screen(&b, "Outline", "outline").await;
    wait_fragment(&b, &outline).await;
    forward(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    wait_fragment(&b, &diagram).await;

    reload(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    wait_fragment(&b, &diagram).await;
    assert_eq!(text_of(&b, "h2.plan-title").await.unwrap(), title);
    let url = b.current_url().await.expect("the page's URL");
    assert!(
        url.as_str()
            .ends_with(&format!("/plans/#/plan/{id}/diagram")),
        "the path stays the app's, the address is in the fragment: {url}"
    );

    // The history goes on across the reload, through the library too.
    click_button(&b, "Plan details").await;
    wait_screen(&b, "Plan details", "details").await;
    wait_fragment(&b, &details).await;
    click_button(&b, "Plan library").await;
    wait_screen(&b, "Plan library", "library").await;
    wait_fragment(&b, "#/library").await;
    back(&b).await;
    wait_screen(&b, "Plan details", "details").await;
    back(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    forward(&b).await;
    forward(&b).await;
    wait_screen(&b, "Plan library", "library").await;
    assert_eq!(library_titles(&b).await, vec![title.clone()]);

    // A bookmark opened in a new page: the address opens its plan on its
    // screen; with no address, the plan open last time reopens (on its
    // outline, as before there were addresses).
    b.goto("about:blank").await.expect("leave the app");
    goto_app(&b, &format!("{}{details}", world.app_url())).await;
    wait_screen(&b, "Plan details", "details").await;
    wait_plan_title(&b, &title).await;
    b.goto("about:blank").await.expect("leave the app");
    goto_app(&b, &world.app_url()).await;
    wait_screen(&b, "Outline", "outline").await;
    wait_fragment(&b, &outline).await;

    // Text that is not an address, or a screen this version does not
    // have, is replaced by the address of what is shown.
    follow_link(&b, "#not-an-address").await;
    wait_fragment(&b, &outline).await;
    follow_link(&b, &format!("#/plan/{id}/progress")).await;
    wait_fragment(&b, &outline).await;
    click_button(&b, "Driver diagram").await;
    wait_fragment(&b, &diagram).await;
    b.goto("about:blank").await.expect("leave the app");
    goto_app(&b, &format!("{}#not-an-address", world.app_url())).await;
    wait_screen(&b, "Outline", "outline").await;
    wait_fragment(&b, &outline).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shared_address_opens_the_same_plan_in_a_colleagues_browser() {
    let world = World::start().await;
    let mine = world.browser_on_app().await;
    let id = open_example(&mine).await;
    let title = text_of(&mine, "h2.plan-title").await.unwrap();
    click_button(&mine, "Driver diagram").await;
    wait_screen(&mine, "Driver diagram", "diagram").await;
    let shared = mine.current_url().await.expect("the URL").to_string();
    assert!(
        shared.ends_with(&format!("#/plan/{id}/diagram")),
        "{shared}"
    );
    click_button(&mine, "Export plan file").await;
    let file_name = plan_workbench::model::format::file_name_for(&title);
    let (path, _) = wait_download_json(mine.download_dir(), &file_name).await;

    // The colleague has imported the plan file, then opens the link.
    let theirs = world.browser_on_app().await;
    import_file(&theirs, &path).await;
    wait_plan_title(&theirs, &title).await;
    click_button(&theirs, "Plan library").await;
    wait_screen(&theirs, "Plan library", "library").await;
    theirs.goto("about:blank").await.expect("leave the app");
    goto_app(&theirs, &shared).await;
    wait_screen(&theirs, "Driver diagram", "diagram").await;
    wait_plan_title(&theirs, &title).await;
    theirs.close().await;
    mine.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_of_a_plan_not_in_this_browser_says_so_and_changes_nothing() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let id = open_example(&b).await;
    let title = text_of(&b, "h2.plan-title").await.unwrap();
    click_button(&b, "Driver diagram").await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    let before = local_storage_all(&b).await;
    assert!(before.contains_key(&format!("ipw.plan.{id}")));

    let unknown = "#/plan/a-plan-kept-elsewhere/diagram";
    follow_link(&b, unknown).await;
    wait_screen(&b, "", "address problem").await;
    assert_eq!(
        text_of(&b, ".address-problem p").await.unwrap().trim(),
        NO_PLAN
    );
    assert_eq!(fragment(&b).await, unknown, "the address is left as given");
    assert_eq!(local_storage_all(&b).await, before, "storage unchanged");
    assert_no_axe_violations(&b, "address of a plan not in this browser").await;

    // Back: the plan that was open is as it was.
    back(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    wait_plan_title(&b, &title).await;
    forward(&b).await;
    wait_screen(&b, "", "address problem").await;

    // The page loaded with that address (a reload, a bookmark, a link from
    // a colleague): the plan open last time is not reopened instead.
    reload(&b).await;
    wait_screen(&b, "", "address problem").await;
    assert!(
        b.find(fantoccini::Locator::Css("h2.plan-title"))
            .await
            .is_err(),
        "no plan is shown"
    );
    assert_eq!(
        text_of(&b, ".address-problem p").await.unwrap().trim(),
        NO_PLAN
    );
    assert_eq!(local_storage_all(&b).await, before, "storage unchanged");

    click_button(&b, "Go to the plan library").await;
    wait_screen(&b, "Plan library", "library").await;
    wait_fragment(&b, "#/library").await;
    assert_eq!(library_titles(&b).await, vec![title.clone()]);
    let after = local_storage_all(&b).await;
    assert_eq!(
        after.get(&format!("ipw.plan.{id}")),
        before.get(&format!("ipw.plan.{id}")),
        "the plan is stored as it was"
    );
    click_button(&b, &format!("Open {title}")).await;
    wait_plan_title(&b, &title).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_of_a_plan_from_a_newer_version_says_so_and_changes_nothing() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    let newer = json!({
        "revision": 7, "changed": "2026-11-20T09:30:00Z",
        "plan": { "format": "improvement-plan", "version": 99,
                  "plan": { "id": "from the future", "meta": { "title": "Plan from a newer workbench" },
                            "priorities": [], "outcomes": [], "aims": [], "actions": [], "measures": [] } }
    })
    .to_string();
    js(
        &b,
        "localStorage.setItem('ipw.plan.from the future', arguments[0]);",
        vec![json!(newer)],
    )
    .await;
    reload(&b).await;
    text_of(&b, ".needs-newer").await.expect("listed");
    let before = local_storage_all(&b).await;

    follow_link(&b, "#/plan/from%20the%20future/details").await;
    wait_screen(&b, "", "address problem").await;
    let text = text_of(&b, ".address-problem").await.unwrap();
    assert!(text.contains("newer version of the workbench"), "{text}");
    assert!(text.contains("format version 99"), "{text}");
    assert_eq!(local_storage_all(&b).await, before, "storage unchanged");
    assert_no_axe_violations(&b, "address of a plan from a newer version").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn back_to_the_library_asks_first_when_the_plan_is_not_saved() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    create_plan(&b, "Full storage").await;
    let id = open_plan_id(&b).await;
    let outline = format!("#/plan/{id}/outline");
    wait_fragment(&b, &outline).await;
    wait_saved(&b).await;
    super::safety::fill_storage(&b, 16).await;
    click_button(&b, "Plan details").await;
    field(&b, "Vision")
        .await
        .send_keys(&"A long vision that does not fit. ".repeat(20))
        .await
        .expect("type");
    eventually("the top bar to say “Not saved”", || async {
        let s = text_of(&b, ".save-state").await?;
        (s == "Not saved").then_some(()).ok_or(s)
    })
    .await;
    back(&b).await;
    wait_screen(&b, "Outline", "outline").await;

    // Back once more would put the plan away: the user is asked, and
    // staying puts the plan's address back.
    back(&b).await;
    wait_alert_containing(&b, "If you leave it now").await;
    click_button(&b, "Stay with this plan").await;
    wait_fragment(&b, &outline).await;
    wait_screen(&b, "Outline", "outline").await;
    wait_plan_title(&b, "Full storage").await;
    click_button(&b, "Plan details").await;
    let vision = field(&b, "Vision").await;
    let kept = vision.prop("value").await.expect("the vision").unwrap();
    assert!(
        kept.starts_with("A long vision that does not fit."),
        "{kept}"
    );

    // An address naming the library (typed, or from a bookmark) asks too;
    // leaving is the user's choice.
    follow_link(&b, "#/library").await;
    wait_alert_containing(&b, "If you leave it now").await;
    click_button(&b, "Leave without saving").await;
    wait_screen(&b, "Plan library", "library").await;
    wait_fragment(&b, "#/library").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_opened_from_disk_has_addresses_too() {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist-single/plan-workbench.html");
    assert!(
        file.exists(),
        "{} is missing: run `make single`",
        file.display()
    );
    let url = format!("file://{}", file.display());
    let world = World::start().await;
    let b = world.browser().await;
    goto_app(&b, &url).await;
    wait_fragment(&b, "#/library").await;
    let id = open_example(&b).await;
    click_button(&b, "Driver diagram").await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    wait_fragment(&b, &format!("#/plan/{id}/diagram")).await;
    back(&b).await;
    wait_screen(&b, "Outline", "outline").await;
    forward(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    reload(&b).await;
    wait_screen(&b, "Driver diagram", "diagram").await;
    let here = b.current_url().await.expect("the URL").to_string();
    assert_eq!(here, format!("{url}#/plan/{id}/diagram"));
    b.close().await;
}
