//! Statistical process control (SPC): the XmR (individuals) chart and the
//! P chart, and the usual special-cause tests, as pure functions.
//!
//! Definitions used:
//! - XmR: centre = mean; moving ranges |x_i − x_{i−1}|; limits = mean ±
//!   2.66 × mean moving range; sigma = mean moving range / 1.128 (d2 for
//!   n = 2), so 2.66 × MR̄ is 3 sigma.
//! - P chart: p̄ = Σ numerators / Σ denominators; per point sigma_i =
//!   sqrt(p̄(1 − p̄)/n_i); limits p̄ ± 3·sigma_i clamped to [0, 1].
//! - Special causes (each signal carries the inclusive index range it spans):
//!   * a point strictly beyond a limit (a point exactly on a limit is not a
//!     signal);
//!   * a run of 8 or more points on one side of the centre line. Points
//!     exactly on the centre line neither make nor break a run: they are
//!     skipped, not counted, and the run goes on across them;
//!   * a trend of 6 or more points all going up or all going down. Equal
//!     neighbours neither make nor break a trend: a repeated value counts
//!     once and the trend goes on across it;
//!   * two of three consecutive points strictly beyond 2 sigma on the same
//!     side (points beyond 3 sigma count too).
//! - Baseline: the limits come from the first N points (all if fewer) and
//!   every point, including later ones, is judged against those frozen
//!   limits. A baseline of fewer than [`MIN_POINTS`] points gives
//!   [`SpcError::TooFewPoints`] rather than limits.
//! - All points equal: the mean moving range is 0, so sigma is 0 and the
//!   limits collapse onto the centre line. No point of the baseline is then
//!   beyond anything; a later point that differs at all is outside the limits.

/// Fewest baseline points for which the rules are applied.
pub const MIN_POINTS: usize = 10;
/// Points needed for a run signal.
pub const RUN_LENGTH: usize = 8;
/// Points needed for a trend signal.
pub const TREND_LENGTH: usize = 6;
/// XmR limit factor: 3 / d2 with d2 = 1.128.
pub const XMR_FACTOR: f64 = 2.66;
/// d2 for moving ranges of two points.
pub const D2: f64 = 1.128;

/// Why no chart could be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum SpcError {
    /// Too few points for the rules: `have` baseline points, `need` at least.
    TooFewPoints { have: usize, need: usize },
    /// A P chart point whose denominator is 0 (index of the point).
    ZeroDenominator { index: usize },
    /// A P chart point whose numerator is larger than its denominator.
    NumeratorAboveDenominator { index: usize },
    /// A value that is not a finite number (NaN or infinite).
    NotFinite { index: usize },
}

impl std::fmt::Display for SpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpcError::TooFewPoints { have, need } => write!(
                f,
                "Too few points for the rules: {have} in the baseline, at least {need} needed"
            ),
            SpcError::ZeroDenominator { index } => {
                write!(f, "Point {} has a denominator of 0", index + 1)
            }
            SpcError::NumeratorAboveDenominator { index } => write!(
                f,
                "Point {} has a numerator larger than its denominator",
                index + 1
            ),
            SpcError::NotFinite { index } => write!(f, "Point {} is not a number", index + 1),
        }
    }
}

impl std::error::Error for SpcError {}

/// The limits that apply to one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointLimits {
    /// Lower control limit (centre − 3 sigma, clamped for a P chart).
    pub lower: f64,
    /// Upper control limit (centre + 3 sigma, clamped for a P chart).
    pub upper: f64,
    /// One sigma at this point.
    pub sigma: f64,
}

/// XmR limits computed from a series.
#[derive(Debug, Clone, PartialEq)]
pub struct XmrLimits {
    pub mean: f64,
    /// |x_i − x_{i−1}| for i = 1.., one fewer than the points.
    pub moving_ranges: Vec<f64>,
    pub mean_moving_range: f64,
    /// mean moving range / 1.128.
    pub sigma: f64,
    /// mean − 2.66 × mean moving range.
    pub lower: f64,
    /// mean + 2.66 × mean moving range.
    pub upper: f64,
    /// (mean − sigma, mean + sigma).
    pub one_sigma: (f64, f64),
    /// (mean − 2 sigma, mean + 2 sigma).
    pub two_sigma: (f64, f64),
}

/// Which special-cause test a signal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A point beyond the control limits.
    OutsideLimits,
    /// A run of 8 or more on one side of the centre line.
    Run,
    /// A trend of 6 or more going one way.
    Trend,
    /// Two of three consecutive points beyond 2 sigma on one side.
    TwoOfThree,
}

use super::series;
pub use super::series::Side;

/// One signal: the rule, its direction and the points it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub rule: Rule,
    pub side: Side,
    /// First index (inclusive).
    pub start: usize,
    /// Last index (inclusive).
    pub end: usize,
}

/// A chart judged against its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub centre: f64,
    /// How many points set the limits.
    pub baseline: usize,
    /// The limits for each point (all points, baseline and later).
    pub limits: Vec<PointLimits>,
    /// The plotted values (the proportions, for a P chart).
    pub values: Vec<f64>,
    pub signals: Vec<Signal>,
}

fn check_finite(values: &[f64]) -> Result<(), SpcError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(SpcError::NotFinite { index }),
        None => Ok(()),
    }
}

/// XmR limits over every point given. Needs at least two points (for one
/// moving range); the rules' minimum is applied by [`xmr_chart`].
pub fn xmr_limits(values: &[f64]) -> Result<XmrLimits, SpcError> {
    check_finite(values)?;
    if values.len() < 2 {
        return Err(SpcError::TooFewPoints {
            have: values.len(),
            need: 2,
        });
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let moving_ranges: Vec<f64> = values.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let mean_moving_range = moving_ranges.iter().sum::<f64>() / moving_ranges.len() as f64;
    let sigma = mean_moving_range / D2;
    Ok(XmrLimits {
        mean,
        lower: mean - XMR_FACTOR * mean_moving_range,
        upper: mean + XMR_FACTOR * mean_moving_range,
        one_sigma: (mean - sigma, mean + sigma),
        two_sigma: (mean - 2.0 * sigma, mean + 2.0 * sigma),
        moving_ranges,
        mean_moving_range,
        sigma,
    })
}

/// The number of baseline points: `baseline` (all points if `None` or more
/// than there are), refused if fewer than [`MIN_POINTS`].
fn baseline_len(len: usize, baseline: Option<usize>) -> Result<usize, SpcError> {
    let n = baseline.map_or(len, |b| b.min(len));
    if n < MIN_POINTS {
        return Err(SpcError::TooFewPoints {
            have: n,
            need: MIN_POINTS,
        });
    }
    Ok(n)
}

/// An XmR chart: limits from the first `baseline` points (all if `None`),
/// every point judged against them.
pub fn xmr_chart(values: &[f64], baseline: Option<usize>) -> Result<Chart, SpcError> {
    check_finite(values)?;
    let n = baseline_len(values.len(), baseline)?;
    let l = xmr_limits(&values[..n])?;
    let point = PointLimits {
        lower: l.lower,
        upper: l.upper,
        sigma: l.sigma,
    };
    let limits = vec![point; values.len()];
    let signals = special_causes(values, l.mean, &limits);
    Ok(Chart {
        centre: l.mean,
        baseline: n,
        limits,
        values: values.to_vec(),
        signals,
    })
}

/// p̄ = Σ numerators / Σ denominators. Refuses an empty series, a point with
/// denominator 0 and a numerator above its denominator.
pub fn p_bar(points: &[(u64, u64)]) -> Result<f64, SpcError> {
    check_proportions(points)?;
    if points.is_empty() {
        return Err(SpcError::TooFewPoints { have: 0, need: 1 });
    }
    let num: u64 = points.iter().map(|p| p.0).sum();
    let den: u64 = points.iter().map(|p| p.1).sum();
    Ok(num as f64 / den as f64)
}

fn check_proportions(points: &[(u64, u64)]) -> Result<(), SpcError> {
    for (index, &(num, den)) in points.iter().enumerate() {
        if den == 0 {
            return Err(SpcError::ZeroDenominator { index });
        }
        if num > den {
            return Err(SpcError::NumeratorAboveDenominator { index });
        }
    }
    Ok(())
}

/// P chart limits for one point of denominator `n` around `p_bar`:
/// p̄ ± 3·sqrt(p̄(1 − p̄)/n), clamped to [0, 1].
pub fn p_point_limits(p_bar: f64, n: u64) -> PointLimits {
    let sigma = (p_bar * (1.0 - p_bar) / n as f64).sqrt();
    PointLimits {
        lower: (p_bar - 3.0 * sigma).clamp(0.0, 1.0),
        upper: (p_bar + 3.0 * sigma).clamp(0.0, 1.0),
        sigma,
    }
}

/// A P chart over (numerator, denominator) points: p̄ from the first
/// `baseline` points (all if `None`), each point's limits from its own
/// denominator, every point judged against them.
pub fn p_chart(points: &[(u64, u64)], baseline: Option<usize>) -> Result<Chart, SpcError> {
    check_proportions(points)?;
    let n = baseline_len(points.len(), baseline)?;
    let centre = p_bar(&points[..n])?;
    let limits: Vec<PointLimits> = points
        .iter()
        .map(|&(_, den)| p_point_limits(centre, den))
        .collect();
    let values: Vec<f64> = points
        .iter()
        .map(|&(num, den)| num as f64 / den as f64)
        .collect();
    let signals = special_causes(&values, centre, &limits);
    Ok(Chart {
        centre,
        baseline: n,
        limits,
        values,
        signals,
    })
}

/// Every special-cause signal, in the order: points outside the limits,
/// runs, trends, two of three beyond 2 sigma. `limits` has one entry per value.
pub fn special_causes(values: &[f64], centre: f64, limits: &[PointLimits]) -> Vec<Signal> {
    assert_eq!(values.len(), limits.len(), "one set of limits per value");
    let mut out = outside_limits(values, limits);
    out.extend(runs(values, centre, RUN_LENGTH));
    out.extend(trends(values, TREND_LENGTH));
    out.extend(two_of_three(values, centre, limits));
    out
}

/// Each point strictly beyond its limits, as a signal of one point.
pub fn outside_limits(values: &[f64], limits: &[PointLimits]) -> Vec<Signal> {
    values
        .iter()
        .zip(limits)
        .enumerate()
        .filter_map(|(i, (&v, l))| {
            let side = if v > l.upper {
                Side::Up
            } else if v < l.lower {
                Side::Down
            } else {
                return None;
            };
            Some(Signal {
                rule: Rule::OutsideLimits,
                side,
                start: i,
                end: i,
            })
        })
        .collect()
}

/// Maximal runs of at least `min` points on one side of `centre`. Points on
/// the centre line are skipped: they neither count nor end a run.
pub fn runs(values: &[f64], centre: f64, min: usize) -> Vec<Signal> {
    long_enough(series::runs(values, centre), min, Rule::Run)
}

/// Maximal trends of at least `min` points all going up or all going down.
/// A step to an equal value is skipped: the repeated value counts once and
/// the trend goes on. A peak ends one trend and starts the next.
pub fn trends(values: &[f64], min: usize) -> Vec<Signal> {
    long_enough(series::trends(values), min, Rule::Trend)
}

fn long_enough(stretches: Vec<series::Stretch>, min: usize, rule: Rule) -> Vec<Signal> {
    stretches
        .into_iter()
        .filter(|s| s.points >= min)
        .map(|s| Signal {
            rule,
            side: s.side,
            start: s.span.first,
            end: s.span.last,
        })
        .collect()
}

/// Two of three consecutive points strictly beyond 2 sigma on the same side.
/// Each signal spans from the first to the last of the points beyond 2 sigma
/// in its window; overlapping signals on the same side are merged.
pub fn two_of_three(values: &[f64], centre: f64, limits: &[PointLimits]) -> Vec<Signal> {
    let beyond = |i: usize, side: Side| {
        let two = 2.0 * limits[i].sigma;
        match side {
            Side::Up => values[i] > centre + two,
            Side::Down => values[i] < centre - two,
        }
    };
    let mut out: Vec<Signal> = Vec::new();
    for side in [Side::Up, Side::Down] {
        let mut found: Vec<Signal> = Vec::new();
        for start in 0..values.len().saturating_sub(2) {
            let hits: Vec<usize> = (start..start + 3).filter(|&i| beyond(i, side)).collect();
            if hits.len() >= 2 {
                let (s, e) = (hits[0], *hits.last().unwrap());
                match found.last_mut() {
                    Some(prev) if s <= prev.end => prev.end = prev.end.max(e),
                    _ => found.push(Signal {
                        rule: Rule::TwoOfThree,
                        side,
                        start: s,
                        end: e,
                    }),
                }
            }
        }
        out.extend(found);
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}
