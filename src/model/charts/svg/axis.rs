//! The chart's axes without drawing: nice value ticks, numbers written as
//! UK reports write them ("12,500", "2.5M"), and which period labels fit
//! under the points.

/// Values beyond this are drawn at it, so that every span stays finite.
pub const LIMIT: f64 = 1e300;

/// Value ticks: `lo` and `hi` are the ends of the axis, `values` the ticks
/// from `lo` to `hi` every `step`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub values: Vec<f64>,
}

/// Ticks covering `min..=max` in about `count` nice steps (1, 2 or 5 times
/// a power of ten). Equal ends are widened first, so the axis never has a
/// zero range.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Ticks {
    let (mut min, mut max) = (min.clamp(-LIMIT, LIMIT), max.clamp(-LIMIT, LIMIT));
    if !(min.is_finite() && max.is_finite()) || min > max {
        (min, max) = (0.0, 1.0);
    }
    let scale = min.abs().max(max.abs());
    if max - min <= 1e-9 * scale.max(1e-300) {
        let pad = if scale == 0.0 { 1.0 } else { scale * 0.1 };
        (min, max) = (min - pad, max + pad);
    }
    let raw = (max - min) / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|k| k * power)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power);
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    let steps = ((hi - lo) / step).round().clamp(1.0, 60.0) as usize;
    let values = (0..=steps).map(|k| lo + k as f64 * step).collect();
    Ticks {
        lo,
        hi: lo + steps as f64 * step,
        step,
        values,
    }
}

/// Decimal places that show a step of this size.
fn decimals_for(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        (-step.log10().floor()).clamp(0.0, 6.0) as usize
    }
}

/// `v` rounded to `decimals`, with commas between thousands and no "-0".
pub fn fixed(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The label of a tick: the numbers of an axis reaching a million or more
/// are written in millions ("2.5M") or billions ("4bn"), beyond a thousand
/// billion with an exponent ("1.5e15").
pub fn tick_label(v: f64, ticks: &Ticks) -> String {
    let top = ticks.lo.abs().max(ticks.hi.abs());
    if top >= 1e15 {
        return exponent(v);
    }
    let (scale, suffix) = if top >= 1e9 {
        (1e9, "bn")
    } else if top >= 1e6 {
        (1e6, "M")
    } else {
        (1.0, "")
    };
    let v = if (v / ticks.step).abs() < 1e-9 {
        0.0
    } else {
        v
    };
    fixed(v / scale, decimals_for(ticks.step / scale)) + suffix
}

/// A value as said on its own (a target, a point's hover text): at most two
/// decimal places, trailing zeros dropped.
pub fn value_label(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.abs() >= 1e15 {
        return exponent(v);
    }
    let text = fixed(v, 2);
    match text.split_once('.') {
        Some((whole, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                whole.to_owned()
            } else {
                format!("{whole}.{frac}")
            }
        }
        None => text,
    }
}

/// "1.5e15", with at most two decimals in the mantissa.
fn exponent(v: f64) -> String {
    let text = format!("{v:.2e}");
    match text.split_once('e') {
        Some((m, e)) => {
            let m = m.trim_end_matches('0').trim_end_matches('.');
            format!("{m}e{e}")
        }
        None => text,
    }
}

/// `text` cut to `max` characters, an ellipsis marking the cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The width text of this many characters takes, roughly, at `font` px.
pub fn text_width(chars: usize, font: f64) -> f64 {
    chars as f64 * font * 0.6
}

/// How the period labels go under `count` points spaced `spacing` apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XLabels {
    /// Every how many points a label is shown (1: every point).
    pub every: usize,
    /// Whether labels are turned 45 degrees.
    pub rotated: bool,
}

/// Labels level when the widest fits between two points; otherwise turned,
/// one every so many points so that turned labels do not touch.
pub fn x_labels(widest: f64, spacing: f64, font: f64) -> XLabels {
    let spacing = spacing.max(0.1);
    if widest + 6.0 <= spacing {
        return XLabels {
            every: 1,
            rotated: false,
        };
    }
    // Level labels every other point still read best, when they fit so.
    if widest + 6.0 <= 2.0 * spacing {
        return XLabels {
            every: 2,
            rotated: false,
        };
    }
    XLabels {
        every: ((font * 1.5) / spacing).ceil().max(1.0) as usize,
        rotated: true,
    }
}
