//! A measure's chart as SVG, drawn by the domain so that the same picture
//! appears on screen, in the report, in print and in a download; and the
//! small sparkline a measure's card on the driver diagram shows.
//!
//! As the diagram's picture, everything is drawn with presentation
//! attributes (no CSS, no classes), all text escaped. Each point's marker
//! carries `data-period` and `data-value` (and `data-signal="true"` or
//! `data-excluded="true"`); centre lines, limits and the target carry
//! `data-role` ("centre", "limit", "target"), so tests and downloads can
//! be read back. Signal points differ by shape and size as well as colour;
//! excluded points are hollow grey circles, left out of the line. An
//! excluded point within a signal's span is drawn as excluded, since it
//! takes no part. Points with a value that is not a number are not drawn.

mod axis;
mod marks;
mod sparkline;

use std::fmt::Write as _;

pub use axis::{nice_ticks, tick_label, value_label, Ticks};
use axis::{text_width, truncate, x_labels, LIMIT};
use marks::{annotations, legend, lines, markers, phase_lines};
pub use sparkline::sparkline_svg;

use super::reading::{MeasureChart, PhaseReading, PlotPoint};
use crate::model::layout::num;
use crate::model::picture::xml_escape;
use crate::model::plan::ChartKind;

const FONT: &str = "Arial, Helvetica, sans-serif";
/// Text, axes and centre lines (all at least 4.5:1 against white).
const INK: &str = "#1a1a1a";
const MUTED: &str = "#444444";
const GRID: &str = "#e3e3e3";
const LINE: &str = "#1d5fa8";
const SIGNAL: &str = "#b45309";
const SIGNAL_EDGE: &str = "#7c2d12";
const EXCLUDED: &str = "#6b6b6b";
const LIMIT_INK: &str = "#b91c1c";
const TARGET: &str = "#15803d";
const DIVIDER: &str = "#767676";
/// Font sizes of axis labels and of the legend and notes.
const SMALL: f64 = 11.0;

/// A number with at most one decimal place.
fn n(x: f64) -> String {
    let mut s = String::new();
    num(&mut s, x);
    s
}

/// The plotting area and the value range.
struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    lo: f64,
    hi: f64,
    count: usize,
}

impl Frame {
    fn spacing(&self) -> f64 {
        (self.x1 - self.x0) / self.count.max(1) as f64
    }
    /// The centre of point `i`'s slot.
    fn x(&self, i: usize) -> f64 {
        self.x0 + (i as f64 + 0.5) * self.spacing()
    }
    /// The left edge of point `i`'s slot.
    fn left(&self, i: usize) -> f64 {
        self.x0 + i as f64 * self.spacing()
    }
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(-LIMIT, LIMIT);
        self.y1 - (v - self.lo) / (self.hi - self.lo) * (self.y1 - self.y0)
    }
}

/// How numbers of this chart are written: "%" after them, or the unit
/// shown once above the axis.
fn unit_of(chart: &MeasureChart) -> (&'static str, Option<&str>) {
    let unit = chart.unit.trim();
    if chart.kind == ChartKind::P || unit == "%" {
        ("%", None)
    } else if unit.is_empty() {
        ("", None)
    } else {
        ("", Some(unit))
    }
}

/// A value with its unit: "75%", "12 days".
fn with_unit(v: f64, chart: &MeasureChart) -> String {
    match unit_of(chart) {
        (pct, None) => format!("{}{pct}", value_label(v)),
        (_, Some(u)) => format!("{} {}", value_label(v), truncate(u, 16)),
    }
}

/// The label under a point: its period, else its date, else its number.
fn period_label(p: &PlotPoint, i: usize) -> String {
    if !p.period.trim().is_empty() {
        p.period.trim().to_owned()
    } else if let Some(d) = p.date {
        crate::model::summary::uk_date(d)
    } else {
        format!("{}", i + 1)
    }
}

fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Run => "Run chart",
        ChartKind::Xmr => "XmR chart",
        ChartKind::P => "P chart",
    }
}

fn centre_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Run => "Median",
        ChartKind::Xmr => "Mean",
        ChartKind::P => "Mean proportion",
    }
}

/// The document's opening: declaration, root, title and description.
fn open(s: &mut String, width: f64, height: f64, title: &str, desc: &str) {
    let (w, h) = (n(width), n(height));
    let title = xml_escape(title.trim());
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{title}\">"
    );
    let _ = writeln!(
        s,
        "<title>{title}</title>\n<desc>{}</desc>",
        xml_escape(desc)
    );
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
}

fn text(s: &mut String, x: f64, y: f64, size: f64, fill: &str, anchor: &str, body: &str) {
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"{fill}\" text-anchor=\"{anchor}\">{}</text>",
        n(x),
        n(y),
        n(size),
        xml_escape(body)
    );
}

/// A label drawn over lines and points, with a white halo to keep it read.
fn label(s: &mut String, x: f64, y: f64, fill: &str, anchor: &str, body: &str) {
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"{fill}\" text-anchor=\"{anchor}\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>",
        n(x),
        n(y),
        n(SMALL),
        xml_escape(body)
    );
}

/// A standalone SVG document of the measure's chart, `title` (the
/// measure's name) as its accessible name. The detailed text alternative
/// is given beside it, not in it.
pub fn chart_svg(chart: &MeasureChart, title: &str, width: f64, height: f64) -> String {
    let width = if width.is_finite() {
        width.clamp(240.0, 4000.0)
    } else {
        640.0
    };
    let height = if height.is_finite() {
        height.clamp(160.0, 3000.0)
    } else {
        320.0
    };
    let drawn: Vec<usize> = (0..chart.points.len())
        .filter(|&i| chart.points[i].value.is_finite())
        .collect();
    let phases = chart.phases.len();
    let desc = if chart.points.is_empty() {
        format!("{} with no data yet.", kind_name(chart.kind))
    } else {
        format!(
            "{} of {} point{} in {} phase{}: {}.",
            kind_name(chart.kind),
            chart.points.len(),
            if chart.points.len() == 1 { "" } else { "s" },
            phases.max(1),
            if phases > 1 { "s" } else { "" },
            chart.standing.label().to_lowercase()
        )
    };
    let mut s = String::with_capacity(2048 + chart.points.len() * 320);
    open(&mut s, width, height, title, &desc);

    if drawn.is_empty() {
        let _ = writeln!(
            s,
            "<rect x=\"40\" y=\"24\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{DIVIDER}\" stroke-width=\"1\"/>",
            n(width - 64.0),
            n(height - 64.0)
        );
        text(
            &mut s,
            width / 2.0,
            height / 2.0,
            14.0,
            MUTED,
            "middle",
            "No data yet",
        );
        s.push_str("</svg>\n");
        return s;
    }

    // The value range: points, centre lines, limits and the target.
    let mut range = (f64::INFINITY, f64::NEG_INFINITY);
    let mut widen = |v: f64| {
        if v.is_finite() {
            let v = v.clamp(-LIMIT, LIMIT);
            range = (range.0.min(v), range.1.max(v));
        }
    };
    drawn.iter().for_each(|&i| widen(chart.points[i].value));
    chart.target.into_iter().for_each(&mut widen);
    for ph in &chart.phases {
        ph.centre().into_iter().for_each(&mut widen);
        if let PhaseReading::Spc { limits, .. } = &ph.reading {
            for (_, l) in limits {
                widen(l.lower);
                widen(l.upper);
            }
        }
    }
    let notes: Vec<usize> = drawn
        .iter()
        .copied()
        .filter(|&i| !chart.points[i].note.trim().is_empty())
        .collect();
    // Above the plot: the legend, then a row of phase labels when there
    // are phases, then up to three rows of notes.
    let phase_row = if chart.phases.len() > 1 { 14.0 } else { 0.0 };
    let note_rows = notes.len().min(3);
    let (top_pad, legend_y) = (36.0 + phase_row + note_rows as f64 * 14.0, 16.0);
    let ticks = nice_ticks(
        range.0,
        range.1,
        ((height - 110.0) / 45.0).clamp(2.0, 8.0) as usize,
    );
    let (pct, caption) = unit_of(chart);
    let tick_texts: Vec<String> = ticks
        .values
        .iter()
        .map(|&v| format!("{}{pct}", tick_label(v, &ticks)))
        .collect();
    let widest_tick = tick_texts
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(1);
    let mut x0 = 14.0 + text_width(widest_tick, SMALL).max(18.0);
    let x1 = width - 16.0;

    // Period labels: level, or turned when they would touch.
    let labels: Vec<String> = (0..chart.points.len())
        .map(|i| truncate(&period_label(&chart.points[i], i), 16))
        .collect();
    let widest_label = labels
        .iter()
        .map(|l| text_width(l.chars().count(), SMALL))
        .fold(0.0, f64::max);
    let spacing = (x1 - x0) / chart.points.len() as f64;
    let plan = x_labels(widest_label, spacing, SMALL);
    // Room on the left for the first period label.
    let reach = if plan.rotated {
        widest_label * 0.71 + 6.0
    } else {
        widest_label / 2.0 + 4.0
    };
    x0 = x0.max((reach - spacing / 2.0).min(width / 3.0));
    let bottom = if plan.rotated {
        (widest_label * 0.72 + 22.0).min(height * 0.35)
    } else {
        30.0
    };
    let f = Frame {
        x0,
        x1,
        y0: top_pad,
        y1: (height - bottom).max(top_pad + 40.0),
        lo: ticks.lo,
        hi: ticks.hi,
        count: chart.points.len(),
    };

    axes(&mut s, chart, &f, &ticks, &tick_texts, &labels, plan);
    phase_lines(&mut s, chart, &f);
    if let Some(t) = chart.target.filter(|t| t.is_finite()) {
        let y = n(f.y(t));
        let _ = writeln!(
            s,
            "<line data-role=\"target\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>",
            n(f.x0),
            n(f.x1)
        );
        let label_text = format!("Target {}", with_unit(t, chart));
        label(&mut s, f.x1 - 2.0, f.y(t) - 4.0, TARGET, "end", &label_text);
    }
    lines(&mut s, chart, &f);
    annotations(&mut s, chart, &f, &notes, phase_row);
    markers(&mut s, chart, &f, &drawn);
    // The unit, unless it follows each number, at the right of the legend.
    let mut legend_end = width - 8.0;
    if let Some(unit) = caption {
        let caption = format!("Unit: {}", truncate(unit, 30));
        text(&mut s, width - 8.0, legend_y, SMALL, MUTED, "end", &caption);
        legend_end -= text_width(caption.chars().count(), SMALL) + 12.0;
    }
    legend(&mut s, chart, legend_end, legend_y);
    s.push_str("</svg>\n");
    s
}

/// Grid, value ticks, the axes and the period labels.
#[allow(clippy::too_many_arguments)]
fn axes(
    s: &mut String,
    chart: &MeasureChart,
    f: &Frame,
    ticks: &Ticks,
    tick_texts: &[String],
    labels: &[String],
    plan: axis::XLabels,
) {
    for (v, t) in ticks.values.iter().zip(tick_texts) {
        let y = n(f.y(*v));
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
            n(f.x0),
            n(f.x1)
        );
        text(s, f.x0 - 6.0, f.y(*v) + 4.0, SMALL, MUTED, "end", t);
    }
    let _ = writeln!(
        s,
        "<path d=\"M {x0} {y0} V {y1} H {x1}\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"1\"/>",
        x0 = n(f.x0),
        y0 = n(f.y0),
        y1 = n(f.y1),
        x1 = n(f.x1)
    );
    for (i, label) in labels.iter().enumerate() {
        if i % plan.every != 0 || !chart.points[i].value.is_finite() {
            continue;
        }
        let x = f.x(i);
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{MUTED}\" stroke-width=\"1\"/>",
            x = n(x),
            y = n(f.y1),
            y2 = n(f.y1 + 4.0)
        );
        if plan.rotated {
            let (tx, ty) = (n(x + 3.0), n(f.y1 + 14.0));
            let _ = writeln!(
                s,
                "<text x=\"{tx}\" y=\"{ty}\" transform=\"rotate(-45 {tx} {ty})\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"{MUTED}\" text-anchor=\"end\">{}</text>",
                n(SMALL),
                xml_escape(label)
            );
        } else {
            text(s, x, f.y1 + 17.0, SMALL, MUTED, "middle", label);
        }
    }
}
