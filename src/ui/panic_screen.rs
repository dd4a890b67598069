//! If the workbench itself fails (a Rust panic), the page would otherwise
//! stop responding. Instead a message replaces it, with a download of the
//! open plan as last saved in this browser. It is built with plain DOM calls
//! and a ready-made download link, because after a panic no more Rust code
//! can run: the link must work without calling back into it.

use wasm_bindgen::{JsCast, JsValue};

use crate::model::Id;
use crate::storage;

/// Installs the panic hook. Call once, before mounting the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&info.to_string()));
        let _ = show();
    }));
}

/// The open plan as it was last saved, in the export format, and a file
/// name for it; or the raw stored text if it cannot be read as a plan.
fn last_saved() -> Option<(String, String)> {
    let id = storage::raw_text("ipw.last-open")?;
    let raw = storage::raw_text(&storage::plan_key(&Id(id)))?;
    let exported = serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|v| v.get("plan").cloned())
        .and_then(|doc| crate::model::format::import_value(doc).ok())
        .map(|plan| {
            (
                crate::model::format::file_name_for(&plan.meta.title),
                crate::model::format::export_plan(&plan),
            )
        });
    Some(exported.unwrap_or(("plan-as-stored.json".to_owned(), raw)))
}

/// Hides the page and shows the failure message instead. Once only: code
/// left running after a fault may fail again.
fn show() -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    if document.query_selector(".panic-screen")?.is_some() {
        return Ok(());
    }
    let body = document.body().ok_or("no body")?;
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            child.set_attribute("hidden", "")?;
        }
    }
    render_into(&document, &body)
}

/// Draws the failure message into `parent`.
fn render_into(document: &web_sys::Document, parent: &web_sys::Element) -> Result<(), JsValue> {
    let panel = document.create_element("div")?;
    panel.set_class_name("panic-screen");
    panel.set_attribute("role", "alert")?;
    let heading = document.create_element("h1")?;
    heading.set_text_content(Some("Something went wrong in the workbench"));
    panel.append_child(&heading)?;
    let text = document.create_element("p")?;
    text.set_text_content(Some(
        "The workbench has stopped because of a fault in it. Your plan as last saved is still in this browser; reload the page to carry on. To be safe, download it first.",
    ));
    panel.append_child(&text)?;
    if let Some((name, contents)) = last_saved() {
        let parts = js_sys::Array::of1(&JsValue::from_str(&contents));
        let blob = web_sys::Blob::new_with_str_sequence(&parts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        link.set_href(&url);
        link.set_download(&name);
        link.set_class_name("button");
        link.set_text_content(Some("Export the plan as last saved"));
        panel.append_child(&link)?;
    }
    let reload: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    reload.set_href("");
    reload.set_text_content(Some("Reload the workbench"));
    reload.set_class_name("button");
    panel.append_child(&reload)?;
    parent.append_child(&panel)?;
    Ok(())
}
