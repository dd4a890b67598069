//! Browser test of a real fault: a Rust panic while the workbench runs shows
//! the fault screen with the plan as last saved, instead of a dead page.
//! A file of its own, because the panic hook it installs stays for the rest
//! of the test run.
#![cfg(target_arch = "wasm32")]

use plan_workbench::model::example::example_plan;
use plan_workbench::model::keeping::export_reminder::ExportRecord;
use plan_workbench::storage;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_fault_screen_with_the_last_saved_plan() {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local.clear().unwrap();
    let plan = example_plan();
    storage::save(&plan, 0, &ExportRecord::default()).unwrap();
    local.set_item("ipw.last-open", plan.id.as_str()).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let app = document.create_element("div").unwrap();
    app.set_text_content(Some("the app"));
    document.body().unwrap().append_child(&app).unwrap();

    plan_workbench::ui::panic_screen::install();
    // Panic in a callback of its own, as a fault in an event handler would.
    let fault = Closure::once_into_js(|| -> () { panic!("a fault for the test") });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(fault.unchecked_ref(), 0)
        .unwrap();
    sleep_ms(50).await;

    let panel = document
        .query_selector(".panic-screen[role=alert]")
        .unwrap()
        .expect("the fault screen is shown");
    assert!(panel
        .text_content()
        .unwrap()
        .contains("Something went wrong in the workbench"));
    assert!(app.has_attribute("hidden"), "the broken page is hidden");
    let link: web_sys::HtmlAnchorElement = panel
        .query_selector("a[download]")
        .unwrap()
        .expect("a download of the plan as last saved")
        .unchecked_into();
    assert_eq!(
        link.download(),
        plan_workbench::model::format::file_name_for(&plan.meta.title)
    );
    let saved = wasm_bindgen_futures::JsFuture::from(
        web_sys::window().unwrap().fetch_with_str(&link.href()),
    )
    .await
    .unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(
        saved.unchecked_into::<web_sys::Response>().text().unwrap(),
    )
    .await
    .unwrap()
    .as_string()
    .unwrap();
    assert_eq!(
        plan_workbench::model::format::import_plan(&text).unwrap(),
        plan
    );
}
