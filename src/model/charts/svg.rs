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

use std::fmt::Write as _;

pub use axis::{nice_ticks, tick_label, value_label, Ticks};
use axis::{text_width, truncate, x_labels, LIMIT};

use super::reading::{MeasureChart, PhaseReading, PlotPoint, Standing};
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
    let desc = format!(
        "{} of {} point{} in {} phase{}: {}.",
        kind_name(chart.kind),
        chart.points.len(),
        if chart.points.len() == 1 { "" } else { "s" },
        phases.max(1),
        if phases > 1 { "s" } else { "" },
        chart.standing.label().to_lowercase()
    );
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
    let note_rows = notes.len().min(3);
    let (top_pad, legend_y) = (30.0 + note_rows as f64 * 14.0, 16.0);
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
    let x0 = 14.0 + text_width(widest_tick, SMALL).max(18.0);
    let x1 = width - 16.0;

    // Period labels: level, or turned when they would touch.
    let labels: Vec<String> = (0..chart.points.len())
        .map(|i| truncate(&period_label(&chart.points[i], i), 16))
        .collect();
    let widest_label = labels
        .iter()
        .map(|l| text_width(l.chars().count(), SMALL))
        .fold(0.0, f64::max);
    let plan = x_labels(widest_label, (x1 - x0) / chart.points.len() as f64, SMALL);
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

    axes(
        &mut s,
        chart,
        &f,
        &ticks,
        &tick_texts,
        caption,
        &labels,
        plan,
    );
    phase_lines(&mut s, chart, &f);
    if let Some(t) = chart.target.filter(|t| t.is_finite()) {
        let y = n(f.y(t));
        let _ = writeln!(
            s,
            "<line data-role=\"target\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>",
            n(f.x0),
            n(f.x1)
        );
        let label = format!("Target {}", with_unit(t, chart));
        text(
            &mut s,
            f.x1 - 2.0,
            f.y(t) - 4.0,
            SMALL,
            TARGET,
            "end",
            &label,
        );
    }
    lines(&mut s, chart, &f);
    annotations(&mut s, chart, &f, &notes);
    markers(&mut s, chart, &f, &drawn);
    legend(&mut s, chart, width, legend_y);
    s.push_str("</svg>\n");
    s
}

/// Grid, value ticks, the unit, the axes and the period labels.
#[allow(clippy::too_many_arguments)]
fn axes(
    s: &mut String,
    chart: &MeasureChart,
    f: &Frame,
    ticks: &Ticks,
    tick_texts: &[String],
    caption: Option<&str>,
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
    if let Some(unit) = caption {
        text(
            s,
            4.0,
            f.y0 - 8.0,
            SMALL,
            MUTED,
            "start",
            &truncate(unit, 40),
        );
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

/// Per phase: the divider and label at its start (from the second), its
/// centre line across it only, and for SPC its limits.
fn phase_lines(s: &mut String, chart: &MeasureChart, f: &Frame) {
    let many = chart.phases.len() > 1;
    for (k, ph) in chart.phases.iter().enumerate() {
        let (a, b) = (f.left(ph.first) + 2.0, f.left(ph.last + 1) - 2.0);
        if k > 0 {
            let x = n(f.left(ph.first));
            let _ = writeln!(
                s,
                "<line data-role=\"phase\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{DIVIDER}\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>",
                n(f.y0),
                n(f.y1)
            );
        }
        if many {
            let label = format!("Phase {}", k + 1);
            text(s, a + 2.0, f.y0 + 12.0, SMALL, MUTED, "start", &label);
        }
        if let Some(c) = ph.centre().filter(|c| c.is_finite()) {
            let y = n(f.y(c));
            let _ = writeln!(
                s,
                "<line data-role=\"centre\" data-phase=\"{}\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{INK}\" stroke-width=\"1.5\"><title>{}</title></line>",
                k + 1,
                n(a),
                n(b),
                xml_escape(&format!("{} {}", centre_name(chart.kind), with_unit(c, chart)))
            );
        }
        if let PhaseReading::Spc { limits, .. } = &ph.reading {
            let upper: Vec<(usize, f64)> = limits.iter().map(|(i, l)| (*i, l.upper)).collect();
            let lower: Vec<(usize, f64)> = limits.iter().map(|(i, l)| (*i, l.lower)).collect();
            for (side, values) in [("upper", upper), ("lower", lower)] {
                let d = steps(f, &values);
                if !d.is_empty() {
                    let _ = writeln!(
                        s,
                        "<path data-role=\"limit\" data-limit=\"{side}\" data-phase=\"{}\" d=\"{d}\" fill=\"none\" stroke=\"{LIMIT_INK}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>",
                        k + 1
                    );
                }
            }
        }
    }
}

/// A limit drawn across each point's slot: one straight line where the
/// limits are equal (XmR), steps where they change (P), broken where a
/// point has none.
fn steps(f: &Frame, values: &[(usize, f64)]) -> String {
    let mut d = String::new();
    let mut last: Option<(usize, f64)> = None;
    for &(i, v) in values.iter().filter(|(_, v)| v.is_finite()) {
        let y = f.y(v);
        match last {
            Some((j, w)) if j + 1 == i && w == v => {}
            Some((j, _)) if j + 1 == i => {
                d.push_str(" H ");
                num(&mut d, f.left(i));
                d.push_str(" V ");
                num(&mut d, y);
            }
            prev => {
                if let Some((j, _)) = prev {
                    d.push_str(" H ");
                    num(&mut d, f.left(j + 1));
                    d.push(' ');
                }
                d.push_str("M ");
                num(&mut d, f.left(i));
                d.push(' ');
                num(&mut d, y);
            }
        }
        last = Some((i, v));
    }
    if let Some((j, _)) = last {
        d.push_str(" H ");
        num(&mut d, f.left(j + 1));
    }
    d
}

/// The line through the points that take part, one per phase.
fn lines(s: &mut String, chart: &MeasureChart, f: &Frame) {
    for ph in &chart.phases {
        let mut pts = String::new();
        let mut count = 0;
        for i in ph.first..=ph.last.min(chart.points.len().saturating_sub(1)) {
            let p = &chart.points[i];
            if p.excluded.is_some() || !p.value.is_finite() {
                continue;
            }
            if count > 0 {
                pts.push(' ');
            }
            num(&mut pts, f.x(i));
            pts.push(',');
            num(&mut pts, f.y(p.value));
            count += 1;
        }
        if count > 1 {
            let _ = writeln!(
                s,
                "<polyline points=\"{pts}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
            );
        }
    }
}

/// Each note as a short label above the plot, with a line down to its
/// point; the whole note on hover.
fn annotations(s: &mut String, chart: &MeasureChart, f: &Frame, notes: &[usize]) {
    let max_chars = (((f.x1 - f.x0) / 2.0) / (SMALL * 0.6)).clamp(8.0, 28.0) as usize;
    for (k, &i) in notes.iter().enumerate() {
        let p = &chart.points[i];
        let x = f.x(i);
        let y = f.y0 - 6.0 - (k % 3) as f64 * 14.0;
        let _ = writeln!(
            s,
            "<line data-role=\"note-line\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{DIVIDER}\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>",
            n(y + 3.0),
            n((f.y(p.value) - 6.0).max(y + 3.0)),
            x = n(x)
        );
        let anchor = if x > (f.x0 + f.x1) / 2.0 {
            "end"
        } else {
            "start"
        };
        let _ = writeln!(
            s,
            "<text data-role=\"note\" x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"{MUTED}\" text-anchor=\"{anchor}\"><title>{}</title>{}</text>",
            n(x),
            n(y),
            n(SMALL),
            xml_escape(p.note.trim()),
            xml_escape(&truncate(&p.note, max_chars))
        );
    }
}

/// A marker per point: filled circles, larger diamonds for signal points,
/// hollow grey circles for excluded points; each with its hover text.
fn markers(s: &mut String, chart: &MeasureChart, f: &Frame, drawn: &[usize]) {
    for &i in drawn {
        let p = &chart.points[i];
        let (x, y) = (f.x(i), f.y(p.value));
        let excluded = p.excluded.is_some();
        let signal = !excluded && chart.in_signal(i);
        let mut hover = format!("{}: {}", period_label(p, i), with_unit(p.value, chart));
        if let Some(why) = &p.excluded {
            let _ = write!(hover, " (excluded: {})", why.trim());
        }
        if signal {
            hover.push_str(" (part of a signal)");
        }
        if !p.note.trim().is_empty() {
            let _ = write!(hover, " (note: {})", p.note.trim());
        }
        let data = format!(
            "data-period=\"{}\" data-value=\"{}\"{}",
            xml_escape(&p.period),
            p.value,
            if signal {
                " data-signal=\"true\""
            } else if excluded {
                " data-excluded=\"true\""
            } else {
                ""
            }
        );
        let hover = xml_escape(&hover);
        if signal {
            let _ = writeln!(
                s,
                "<path {data} d=\"M {} {} l 6 6 l -6 6 l -6 -6 z\" fill=\"{SIGNAL}\" stroke=\"{SIGNAL_EDGE}\" stroke-width=\"1\"><title>{hover}</title></path>",
                n(x),
                n(y - 6.0)
            );
        } else {
            let (fill, stroke, r) = if excluded {
                ("#ffffff", EXCLUDED, 4.0)
            } else {
                (LINE, LINE, 3.5)
            };
            let _ = writeln!(
                s,
                "<circle {data} cx=\"{}\" cy=\"{}\" r=\"{r}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"><title>{hover}</title></circle>",
                n(x),
                n(y)
            );
        }
    }
}

/// What the marks mean, for those present, along the top as far as fits.
fn legend(s: &mut String, chart: &MeasureChart, width: f64, y: f64) {
    let mut items: Vec<(&str, &str)> = Vec::new();
    if chart.phases.iter().any(|p| p.centre().is_some()) {
        items.push(("centre", centre_name(chart.kind)));
    }
    if chart
        .phases
        .iter()
        .any(|p| matches!(&p.reading, PhaseReading::Spc { limits, .. } if !limits.is_empty()))
    {
        items.push(("limit", "Control limits"));
    }
    if chart.target.is_some() {
        items.push(("target", "Target"));
    }
    let signals =
        (0..chart.points.len()).any(|i| chart.points[i].excluded.is_none() && chart.in_signal(i));
    if signals {
        items.push(("signal", "Signal"));
    }
    if chart.points.iter().any(|p| p.excluded.is_some()) {
        items.push(("excluded", "Excluded"));
    }
    let mut x = 14.0;
    for (kind, label) in items {
        let w = 26.0 + text_width(label.chars().count(), SMALL);
        if x + w > width - 8.0 {
            break;
        }
        let (cx, cy) = (n(x + 9.0), n(y - 4.0));
        let swatch = match kind {
            "centre" => format!("<line x1=\"{}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"{INK}\" stroke-width=\"1.5\"/>", n(x), n(x + 18.0)),
            "limit" => format!("<line x1=\"{}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"{LIMIT_INK}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>", n(x), n(x + 18.0)),
            "target" => format!("<line x1=\"{}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>", n(x), n(x + 18.0)),
            "signal" => format!("<path d=\"M {cx} {} l 5 5 l -5 5 l -5 -5 z\" fill=\"{SIGNAL}\" stroke=\"{SIGNAL_EDGE}\" stroke-width=\"1\"/>", n(y - 9.0)),
            _ => format!("<circle cx=\"{cx}\" cy=\"{cy}\" r=\"4\" fill=\"#ffffff\" stroke=\"{EXCLUDED}\" stroke-width=\"1.5\"/>"),
        };
        s.push_str(&swatch);
        s.push('\n');
        text(s, x + 22.0, y, SMALL, MUTED, "start", label);
        x += w + 12.0;
    }
}

/// A small inline SVG for a measure's card: the line, the latest point, a
/// faint target line, and in the top right corner a mark when the latest
/// phase has a signal (a triangle pointing up for an improvement, down for
/// a deterioration, a diamond for variation with no direction). Hidden
/// from screen readers: the card says it in words.
pub fn sparkline_svg(chart: &MeasureChart, width: f64, height: f64) -> String {
    let width = if width.is_finite() {
        width.clamp(16.0, 1000.0)
    } else {
        80.0
    };
    let height = if height.is_finite() {
        height.clamp(8.0, 400.0)
    } else {
        24.0
    };
    let (w, h) = (n(width), n(height));
    let mut s = String::with_capacity(256 + chart.points.len() * 12);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" aria-hidden=\"true\" focusable=\"false\">"
    );
    let signalled = chart.phases.last().is_some_and(|p| !p.signals.is_empty());
    let mark = (height * 0.4).clamp(4.0, 8.0);
    let pad = 2.5;
    let right = width - pad - if signalled { mark + 3.0 } else { 0.0 };
    let values: Vec<(usize, f64)> = chart
        .points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.value.is_finite())
        .map(|(i, p)| (i, p.value.clamp(-LIMIT, LIMIT)))
        .collect();
    if !values.is_empty() {
        let mut lo = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
        let mut hi = values.iter().map(|v| v.1).fold(f64::NEG_INFINITY, f64::max);
        if let Some(t) = chart.target.filter(|t| t.is_finite()) {
            (lo, hi) = (lo.min(t), hi.max(t));
        }
        if hi - lo <= 1e-9 * lo.abs().max(hi.abs()).max(1e-300) {
            (lo, hi) = (lo - 1.0, hi + 1.0);
        }
        let count = chart.points.len();
        let x = |i: usize| {
            if count < 2 {
                (pad + right) / 2.0
            } else {
                pad + i as f64 * (right - pad) / (count - 1) as f64
            }
        };
        let y = |v: f64| height - pad - (v - lo) / (hi - lo) * (height - 2.0 * pad);
        if let Some(t) = chart.target.filter(|t| t.is_finite()) {
            let ty = n(y(t));
            let _ = write!(
                s,
                "<line data-role=\"target\" x1=\"{}\" y1=\"{ty}\" x2=\"{}\" y2=\"{ty}\" stroke=\"{TARGET}\" stroke-opacity=\"0.5\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/>",
                n(pad),
                n(right)
            );
        }
        if values.len() > 1 {
            let mut pts = String::with_capacity(values.len() * 10);
            for (k, &(i, v)) in values.iter().enumerate() {
                if k > 0 {
                    pts.push(' ');
                }
                num(&mut pts, x(i));
                pts.push(',');
                num(&mut pts, y(v));
            }
            let _ = write!(
                s,
                "<polyline points=\"{pts}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>"
            );
        }
        let &(i, v) = values.last().expect("not empty");
        let _ = write!(
            s,
            "<circle data-role=\"latest\" cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{LINE}\"/>",
            n(x(i)),
            n(y(v))
        );
    }
    if signalled {
        let (cx, top, half) = (width - pad - mark / 2.0, pad, mark / 2.0);
        let (word, colour, d) = match chart.standing {
            Standing::Improving => (
                "improvement",
                TARGET,
                format!(
                    "M {} {} l {} {} h {} z",
                    n(cx),
                    n(top),
                    n(half),
                    n(mark),
                    n(-mark)
                ),
            ),
            Standing::Deteriorating => (
                "deterioration",
                LIMIT_INK,
                format!(
                    "M {} {} h {} l {} {} z",
                    n(cx - half),
                    n(top),
                    n(mark),
                    n(-half),
                    n(mark)
                ),
            ),
            _ => (
                "unclear",
                SIGNAL,
                format!(
                    "M {} {} l {h} {h} l -{h} {h} l -{h} -{h} z",
                    n(cx),
                    n(top),
                    h = n(half)
                ),
            ),
        };
        let _ = write!(
            s,
            "<path data-role=\"signal\" data-signal=\"{word}\" d=\"{d}\" fill=\"{colour}\"/>"
        );
    }
    s.push_str("</svg>");
    s
}
