//! The chart's marks over the axes: per phase its divider, centre line
//! and limits; the line through the points; the notes; a marker per point;
//! and the legend.

use std::fmt::Write as _;

use super::axis::{text_width, truncate};
use super::{
    centre_name, label, n, period_label, text, with_unit, Frame, DIVIDER, EXCLUDED, FONT, INK,
    LIMIT_INK, LINE, MUTED, SIGNAL, SIGNAL_EDGE, SMALL, TARGET,
};
use crate::model::charts::reading::{MeasureChart, PhaseReading};
use crate::model::layout::num;
use crate::model::picture::xml_escape;

/// Per phase: the divider and label at its start (from the second), its
/// centre line across it only, and for SPC its limits.
pub(super) fn phase_lines(s: &mut String, chart: &MeasureChart, f: &Frame) {
    let many = chart.phases.len() > 1;
    for (k, ph) in chart.phases.iter().enumerate() {
        let (a, b) = (f.left(ph.first) + 2.0, f.left(ph.last + 1) - 2.0);
        if k > 0 {
            let x = n(f.left(ph.first));
            let _ = writeln!(
                s,
                "<line data-role=\"phase\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{DIVIDER}\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>",
                n(f.y0 - 14.0),
                n(f.y1)
            );
        }
        if many {
            let name = format!("Phase {}", k + 1);
            label(s, a + 2.0, f.y0 - 4.0, MUTED, "start", &name);
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
pub(super) fn lines(s: &mut String, chart: &MeasureChart, f: &Frame) {
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
pub(super) fn annotations(
    s: &mut String,
    chart: &MeasureChart,
    f: &Frame,
    notes: &[usize],
    above: f64,
) {
    let max_chars = (((f.x1 - f.x0) / 2.0) / (SMALL * 0.6)).clamp(8.0, 28.0) as usize;
    for (k, &i) in notes.iter().enumerate() {
        let p = &chart.points[i];
        let x = f.x(i);
        let y = f.y0 - 4.0 - above - (k % 3) as f64 * 14.0;
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
            "<text data-role=\"note\" x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"{MUTED}\" text-anchor=\"{anchor}\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"><title>{}</title>{}</text>",
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
pub(super) fn markers(s: &mut String, chart: &MeasureChart, f: &Frame, drawn: &[usize]) {
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
pub(super) fn legend(s: &mut String, chart: &MeasureChart, end: f64, y: f64) {
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
        if x + w > end {
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
