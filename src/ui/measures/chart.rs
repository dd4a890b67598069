//! One measure's chart as every screen shows it: the picture drawn by the
//! domain (`model::charts::svg`), the plain-text reading under it, which is
//! also the picture's text alternative, and downloads as SVG and PNG.

use leptos::prelude::*;

use crate::model::charts::reading::{read_measure, MeasureChart};
use crate::model::charts::svg::chart_svg;
use crate::model::charts::words::summary;
use crate::model::format::file_stem_for;
use crate::model::links::ItemRef;
use crate::model::Id;
use crate::ui::files::{download_png_of_svg, download_text, report_download_failure, svg_size};
use crate::ui::state::{use_workbench, Workbench};

/// The measure's name and its reading, re-read only when that measure
/// changes (`None` once it is gone).
pub fn measure_reading(wb: Workbench, id: StoredValue<Id>) -> Memo<Option<(String, MeasureChart)>> {
    Memo::new(move |_| {
        id.with_value(|id| {
            wb.with_item(id, |item| match item {
                ItemRef::Measure(m) => Some((m.name.clone(), read_measure(m))),
                _ => None,
            })
        })
        .flatten()
    })
}

/// The chart of measure `id` with its reading in words and its downloads.
/// `width` and `height` are the picture's size in CSS pixels (it scales
/// down to fit narrower screens).
#[component]
pub fn MeasureChartView(
    id: Id,
    #[prop(default = 720.0)] width: f64,
    #[prop(default = 320.0)] height: f64,
) -> impl IntoView {
    let wb = use_workbench();
    let words_id = format!("chart-words-{}", css_id(id.as_str()));
    let id = StoredValue::new(id);
    let reading = measure_reading(wb, id);
    let picture = Memo::new(move |_| {
        reading.with(|r| {
            r.as_ref()
                .map(|(name, chart)| chart_svg(chart, name, width, height))
        })
    });
    let lines = Memo::new(move |_| {
        reading.with(|r| {
            r.as_ref()
                .map(|(_, chart)| summary(chart))
                .unwrap_or_default()
        })
    });
    let file_stem = move || {
        let code_or_name = id.with_value(|id| {
            wb.with_item(id, |item| match item {
                ItemRef::Measure(m) if !m.code.trim().is_empty() => m.code.clone(),
                ItemRef::Measure(m) => m.name.clone(),
                _ => String::new(),
            })
        });
        let plan = wb.with_meta(|p| p.meta.title.clone()).unwrap_or_default();
        format!(
            "{}-{}-chart",
            file_stem_for(&plan),
            file_stem_for(&code_or_name.unwrap_or_default())
        )
    };
    let download_svg = move |_| {
        let Some(svg) = picture.get_untracked() else {
            return;
        };
        if let Err(e) = download_text(&format!("{}.svg", file_stem()), "image/svg+xml", &svg) {
            report_download_failure(wb, "the chart", &e);
        }
    };
    let download_png = move |_| {
        let Some(svg) = picture.get_untracked() else {
            return;
        };
        let (w, h) = svg_size(&svg).unwrap_or((width, height));
        download_png_of_svg(wb, "the chart", format!("{}.png", file_stem()), &svg, w, h);
    };
    let described_by = words_id.clone();
    view! {
        <figure class="measure-chart">
            // The domain escapes every text it draws, so the picture holds
            // the user's words as text only.
            <div
                class="chart-picture"
                role="group"
                aria-describedby=described_by
                inner_html=move || picture.get().unwrap_or_default()
            ></div>
            <figcaption id=words_id class="chart-words">
                <ul>
                    {move || lines.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </figcaption>
            <div class="chart-downloads">
                <button type="button" on:click=download_svg>"Download chart (SVG)"</button>
                <button type="button" on:click=download_png>"Download chart (PNG)"</button>
            </div>
        </figure>
    }
}

/// An id made only of characters an HTML id and a CSS selector take as
/// they are.
pub(super) fn css_id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
