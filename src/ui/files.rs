//! Moving plans in and out as files: import by file picker or by dropping a
//! file on the page, and export as a download named after the plan.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::{use_workbench, NoticeKind, Workbench};
use crate::model::format::{export_plan, file_name_for, import_plan_repairing, Imported};
use crate::storage;

/// Tells the user that a download (`what`: "the plan file", "the
/// picture"...) could not be made, and why if the browser said.
pub fn report_download_failure(wb: Workbench, what: &str, why: &JsValue) {
    let why = why
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| why.as_string())
        .filter(|w| !w.trim().is_empty())
        .map(|w| format!(" ({w})"))
        .unwrap_or_default();
    wb.notify(
        NoticeKind::Problem,
        format!("The browser could not make the download of {what}{why}. Nothing was changed; please try again, or try another browser."),
    );
}

/// Offers `text` to the user as a JSON file download.
pub fn download(filename: &str, text: &str) -> Result<(), JsValue> {
    download_text(filename, "application/json", text)
}

/// Offers `text` of the given media type as a file download.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(filename, &blob)
}

/// Offers bytes (a file exactly as it was read) as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    download_blob(filename, &blob)
}

/// Offers a blob (a PNG picture, say) as a file download.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoking at once can cancel the download in some browsers; wait a bit.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

pub fn export_open_plan(wb: Workbench) {
    let Some((name, text)) =
        wb.with_plan_untracked(|p| (file_name_for(&p.meta.title), export_plan(p)))
    else {
        return;
    };
    match download(&name, &text) {
        Ok(()) => wb.exported(),
        Err(e) => report_download_failure(wb, "the plan file", &e),
    }
}

/// Exports the plan an export reminder is about: the open plan, or a plan
/// in the library.
pub fn export_plan_by_id(wb: Workbench, id: &crate::model::Id) {
    if wb.with_plan_untracked(|p| p.id == *id) == Some(true) {
        export_open_plan(wb);
        return;
    }
    let Some(stored) = wb.stored_for_export(id) else {
        return;
    };
    let name = file_name_for(&stored.plan.meta.title);
    match download(&name, &export_plan(&stored.plan)) {
        Ok(()) => wb.exported_stored(stored),
        Err(e) => report_download_failure(wb, "the plan file", &e),
    }
}

/// Downloads a copy set aside as unreadable: the plan file inside it when
/// it holds one (the importer reads it), else its text exactly as kept.
pub fn download_set_aside(wb: Workbench, key: &str) {
    let result = match storage::set_aside_download(key) {
        Some((true, file)) => download("recovered-plan.json", &file),
        Some((false, text)) => download_text("unreadable-plan.txt", "text/plain", &text),
        None => {
            wb.notify(
                NoticeKind::Problem,
                "That copy is no longer in this browser.",
            );
            return;
        }
    };
    if let Err(e) = result {
        report_download_failure(wb, "the kept copy", &e);
    }
}

/// Reads a chosen or dropped file and imports it.
fn import_file(wb: Workbench, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let cannot_read = || {
            wb.notify(
                NoticeKind::Problem,
                format!("Could not read the file “{name}”. Nothing was changed."),
            )
        };
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let Some(text) = text.ok().and_then(|t| t.as_string()) else {
            return cannot_read();
        };
        // Validates the file first; only a valid plan reaches the library,
        // or a repaired one if the user agrees.
        match import_plan_repairing(&text) {
            Err(e) => wb.notify(
                NoticeKind::Problem,
                format!("Could not import “{name}”: {e} Nothing was changed."),
            ),
            Ok(Imported::Valid(plan)) => wb.import(plan, None),
            Ok(Imported::Repairable { plan, repairs }) => {
                // The original is offered for download byte for byte (the
                // text read above has lost a byte order mark, say).
                let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
                let Ok(bytes) = bytes else {
                    return cannot_read();
                };
                super::repair::offer(
                    wb,
                    super::repair::RepairOffer {
                        file_name: Some(name.clone()),
                        from_aside: None,
                        original: js_sys::Uint8Array::new(&bytes).to_vec(),
                        plan,
                        repairs,
                    },
                );
            }
        }
    });
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportChoice {
    Replace,
    KeepBoth,
    Cancel,
}

pub fn resolve_import(wb: Workbench, choice: ImportChoice) {
    let Some(pending) = wb.pending_import.get_untracked() else {
        return;
    };
    wb.pending_import.set(None);
    match choice {
        ImportChoice::Cancel => {}
        ImportChoice::KeepBoth => wb.import(pending.plan.with_new_id(), pending.from_aside),
        ImportChoice::Replace => match storage::save_over(
            &pending.plan,
            &storage::export_record(&pending.plan.id)
                .unwrap_or_default()
                .replaced_from_a_file(),
        ) {
            Ok(_) => {
                wb.open(&pending.plan.id);
                wb.restored(pending.from_aside);
            }
            Err(e) => wb.notify(NoticeKind::Problem, e.to_string()),
        },
    }
}

#[component]
pub fn ImportButton() -> impl IntoView {
    let wb = use_workbench();
    let on_change = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(wb, file);
        }
        // Let the same file be chosen again after fixing it.
        input.set_value("");
    };
    view! {
        <label class="button file-button">
            "Import plan file"
            <input
                type="file"
                accept=".json,.txt,application/json,text/plain"
                aria-label="Import plan file"
                on:change=on_change
            />
        </label>
    }
}

pub fn allow_drop(ev: web_sys::DragEvent) {
    ev.prevent_default();
}

pub fn on_drop(wb: Workbench, ev: web_sys::DragEvent) {
    ev.prevent_default();
    let file = ev
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0));
    if let Some(file) = file {
        import_file(wb, file);
    }
}

/// The width and height an SVG document declares.
pub fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let attr = |name: &str| -> Option<f64> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + svg[start..].find('"')?;
        svg[start..end].trim_end_matches("px").parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// Downloads an SVG picture (`w` by `h`) as a PNG: painted on a canvas at
/// twice the size, sharp when pasted into Word. `what` names it in the
/// message if the browser refuses.
pub fn download_png_of_svg(
    wb: Workbench,
    what: &'static str,
    name: String,
    svg: &str,
    w: f64,
    h: f64,
) {
    if let Err(e) = paint_png(wb, what, name, svg, w, h) {
        report_download_failure(wb, what, &e);
    }
}

fn paint_png(
    wb: Workbench,
    what: &'static str,
    name: String,
    svg: &str,
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    use wasm_bindgen::closure::Closure;
    const SCALE: f64 = 2.0;
    let refused = move |e: JsValue| report_download_failure(wb, what, &e);
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let img = image.clone();
    let src = url.clone();
    let onload = Closure::once_into_js(move || {
        let result = (|| -> Result<(), JsValue> {
            let canvas: web_sys::HtmlCanvasElement =
                document().create_element("canvas")?.unchecked_into();
            canvas.set_width((w * SCALE).ceil() as u32);
            canvas.set_height((h * SCALE).ceil() as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
                .unchecked_into();
            ctx.scale(SCALE, SCALE)?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w, h)?;
            let done = Closure::once_into_js(move |png: Option<web_sys::Blob>| match png {
                Some(png) => {
                    if let Err(e) = download_blob(&name, &png) {
                        refused(e);
                    }
                }
                None => refused(JsValue::from_str("the picture was too large")),
            });
            canvas.to_blob(done.unchecked_ref())
        })();
        let _ = web_sys::Url::revoke_object_url(&src);
        if let Err(e) = result {
            refused(e);
        }
    });
    // A picture the browser cannot draw (it should never happen: the
    // domain writes only what SVG can hold) must still be reported.
    let failed_src = url.clone();
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&failed_src);
        refused(JsValue::from_str("the browser could not draw it"));
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}
