//! The small line a measure's card on the driver diagram shows.

use std::fmt::Write as _;

use super::axis::LIMIT;
use super::{n, LIMIT_INK, LINE, SIGNAL, TARGET};
use crate::model::charts::reading::{MeasureChart, Standing};
use crate::model::layout::num;

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
