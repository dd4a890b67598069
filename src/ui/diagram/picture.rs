//! Downloading the diagram as a picture for a report: SVG (drawn by the
//! domain, so it is the same everywhere) and PNG (that SVG painted on a
//! canvas at twice the size, sharp when pasted into Word).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::view::DiagramView;
use crate::model::format::file_stem_for;
use crate::model::layout::{layout, Metrics};
use crate::model::picture::svg_picture;
use crate::model::summary::uk_date;
use crate::ui::files::{download_png_of_svg, download_text, svg_size};

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
    download_png_of_svg(view.wb, "the picture", format!("{stem}.png"), &svg, w, h);
}
