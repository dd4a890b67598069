//! Downloading the diagram as a picture for a report: SVG (drawn by the
//! domain, so it is the same everywhere) and PNG (that SVG painted on a
//! canvas at twice the size, sharp when pasted into Word).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::view::DiagramView;
use crate::model::format::file_stem_for;
use crate::model::layout::{layout, Metrics};
use crate::model::picture::svg_picture;
use crate::model::summary::uk_date;
use crate::ui::files::{download_blob, download_text};

/// The picture of what is shown: the whole plan, or the focused chain, or
/// the chosen priority. Returns (file stem, SVG text, width, height).
fn picture(view: &DiagramView) -> Option<(String, String, f64, f64)> {
    let focused = view.lit.get_untracked();
    let filtered = view.visible.get_untracked();
    let visible = focused.or(filtered);
    view.wb.with_plan_untracked(|p| {
        let drawn = layout(p, &Metrics::standard(), visible.as_ref());
        let today = uk_date(crate::ui::tracking::today());
        let svg = svg_picture(p, &drawn, p.display_title(), &today);
        let (w, h) = svg_size(&svg).unwrap_or((drawn.width, drawn.height));
        let stem = format!("{}-driver-diagram", file_stem_for(&p.meta.title));
        (stem, svg, w, h)
    })
}

/// The width and height the picture declares.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let attr = |name: &str| -> Option<f64> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + svg[start..].find('"')?;
        svg[start..end].trim_end_matches("px").parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

fn refused(view: &DiagramView, e: JsValue) {
    crate::ui::files::report_download_failure(view.wb, "the picture", &e);
}

pub fn download_svg(view: &DiagramView) {
    let Some((stem, svg, _, _)) = picture(view) else {
        return;
    };
    if let Err(e) = download_text(&format!("{stem}.svg"), "image/svg+xml", &svg) {
        refused(view, e);
    }
}

pub fn download_png(view: &DiagramView) {
    let Some((stem, svg, w, h)) = picture(view) else {
        return;
    };
    if let Err(e) = paint_png(*view, format!("{stem}.png"), &svg, w, h) {
        refused(view, e);
    }
}

fn paint_png(view: DiagramView, name: String, svg: &str, w: f64, h: f64) -> Result<(), JsValue> {
    const SCALE: f64 = 2.0;
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
                        refused(&view, e);
                    }
                }
                None => refused(&view, JsValue::from_str("the picture was too large")),
            });
            canvas.to_blob(done.unchecked_ref())
        })();
        let _ = web_sys::Url::revoke_object_url(&src);
        if let Err(e) = result {
            refused(&view, e);
        }
    });
    // A picture the browser cannot draw (it should never happen: the
    // domain writes only what SVG can hold) must still be reported.
    let failed_src = url.clone();
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&failed_src);
        refused(&view, JsValue::from_str("the browser could not draw it"));
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}
