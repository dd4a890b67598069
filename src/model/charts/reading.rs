//! A measure read as a chart: its points split into phases, each phase's
//! centre line (and limits) set by its baseline, the chosen rules applied
//! to the points that take part, every signal read as an improvement or a
//! deterioration from the measure's direction, and the target.
//!
//! This is what every view of a measure draws or says: the chart picture,
//! the words under it, the sparkline, the status on the Measures screen.
//!
//! - Points are taken in the order the measure lists them.
//! - A point marked `new_phase` starts a phase; each phase has its own
//!   centre line from its first `baseline_points` points that take part (all
//!   if fewer), and every point of the phase is judged against it.
//! - Excluded points are drawn but take no part: not in the centre line,
//!   not in the rules.

use chrono::NaiveDate;

use super::run_chart::{self, Analysis, Figures};
use super::series::Side;
use super::spc::{self, PointLimits};
use crate::model::plan::{ChartKind, Direction, Measure, RunRules};
use crate::model::progress::rollup::target_number;

/// One point as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotPoint {
    pub period: String,
    pub date: Option<NaiveDate>,
    /// The value plotted: the measure's value, or for a P chart the
    /// proportion as a percentage (100 × numerator / denominator).
    pub value: f64,
    /// Why the point takes no part in the rules, if it does not.
    pub excluded: Option<String>,
    pub note: String,
    /// Which phase (0-based) it belongs to.
    pub phase: usize,
}

/// Which rule a signal comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalRule {
    /// Anhøj: a run longer than its limit.
    LongRun,
    /// Anhøj: fewer crossings than their limit.
    FewCrossings,
    /// IHI: six or more points on one side of the median.
    Shift,
    /// IHI (5 points) or SPC (6 points): all going up or all going down.
    Trend,
    /// IHI: fewer runs than expected.
    FewRuns,
    /// IHI: more runs than expected.
    ManyRuns,
    /// SPC: a point beyond the control limits.
    OutsideLimits,
    /// SPC: eight or more points on one side of the centre line.
    SpcRun,
    /// SPC: two of three points beyond two sigma on one side.
    TwoOfThree,
}

/// What a signal means for the people the measure is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Improvement,
    Deterioration,
    /// A signal with no direction (too few crossings or runs, too many runs):
    /// the variation is not random, but which way is not said.
    Unclear,
}

/// A signal found, with the points (indices into the measure's data) it
/// spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartSignal {
    pub rule: SignalRule,
    pub first: usize,
    pub last: usize,
    /// The points that make it (for runs, shifts and trends); otherwise
    /// the useful points of the phase.
    pub points: usize,
    pub side: Option<Side>,
    pub verdict: Verdict,
}

/// How a phase reads.
#[derive(Clone, Debug, PartialEq)]
pub enum PhaseReading {
    /// Too few points for the rules: `have` useful points, `need` needed.
    /// The centre line is still drawn when there is one.
    TooFewPoints {
        have: usize,
        need: usize,
        centre: Option<f64>,
    },
    /// A run chart.
    Run { figures: Figures },
    /// An SPC chart: the centre line and each point's limits, by index into
    /// the measure's data (points that take part, and excluded points that
    /// can have limits).
    Spc {
        centre: f64,
        baseline: usize,
        limits: Vec<(usize, PointLimits)>,
    },
    /// The chart cannot be drawn for this phase, and why, in words.
    Unavailable(String),
}

/// One phase: the points from `first` to `last` (indices into the
/// measure's data, inclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub first: usize,
    pub last: usize,
    /// How many of its points that take part set its centre line (and
    /// limits): the first `baseline_points`, or all if fewer.
    pub baseline: usize,
    pub reading: PhaseReading,
    pub signals: Vec<ChartSignal>,
}

impl Phase {
    /// The centre line, where there is one.
    pub fn centre(&self) -> Option<f64> {
        match &self.reading {
            PhaseReading::TooFewPoints { centre, .. } => *centre,
            PhaseReading::Run { figures } => Some(figures.median),
            PhaseReading::Spc { centre, .. } => Some(*centre),
            PhaseReading::Unavailable(_) => None,
        }
    }
}

/// The measure's standing, as the Measures screen, outline and table say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// No data at all.
    NoData,
    /// The latest phase has too few points for the rules.
    TooFewPoints,
    /// The latest phase's signals say improvement (the latest signal, when
    /// there are both).
    Improving,
    Deteriorating,
    /// Only signals with no direction.
    Unclear,
    NoSignal,
}

impl Standing {
    /// The word shown for it.
    pub fn label(self) -> &'static str {
        match self {
            Standing::NoData => "No data",
            Standing::TooFewPoints => "Too few points",
            Standing::Improving => "Improving",
            Standing::Deteriorating => "Deteriorating",
            Standing::Unclear => "Non-random variation",
            Standing::NoSignal => "No signal",
        }
    }

    /// A stable name for styles and filters.
    pub fn slug(self) -> &'static str {
        match self {
            Standing::NoData => "no-data",
            Standing::TooFewPoints => "too-few",
            Standing::Improving => "improving",
            Standing::Deteriorating => "deteriorating",
            Standing::Unclear => "unclear",
            Standing::NoSignal => "no-signal",
        }
    }
}

/// A measure read as a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureChart {
    pub kind: ChartKind,
    pub rules: RunRules,
    pub direction: Direction,
    pub unit: String,
    pub points: Vec<PlotPoint>,
    pub phases: Vec<Phase>,
    /// The target's value, where it is a number.
    pub target: Option<f64>,
    /// Whether the latest phase's centre line meets the target (`None`
    /// with no numeric target or no centre line).
    pub target_met: Option<bool>,
    pub standing: Standing,
}

impl MeasureChart {
    /// Every signal of every phase, in order.
    pub fn signals(&self) -> impl Iterator<Item = &ChartSignal> {
        self.phases.iter().flat_map(|p| p.signals.iter())
    }

    /// Whether the point at this index is part of a signal. An excluded
    /// point inside a signal's span takes no part in it, so is not; nor is
    /// a point between two beyond two sigma that is not beyond it itself.
    pub fn in_signal(&self, index: usize) -> bool {
        self.points.get(index).is_some_and(|p| p.excluded.is_none())
            && self.signals().any(|s| {
                s.first <= index
                    && index <= s.last
                    && s.rule.marks_points()
                    && (s.rule != SignalRule::TwoOfThree || self.beyond_two_sigma(index, s.side))
            })
    }

    /// Whether the point at this index lies more than two sigma from its
    /// SPC phase's centre line on this side (`false` off an SPC chart).
    pub fn beyond_two_sigma(&self, index: usize, side: Option<Side>) -> bool {
        let Some(point) = self.points.get(index) else {
            return false;
        };
        self.phases
            .iter()
            .filter(|p| p.first <= index && index <= p.last)
            .any(|p| match &p.reading {
                PhaseReading::Spc { centre, limits, .. } => limits
                    .iter()
                    .find(|(i, _)| *i == index)
                    .is_some_and(|(_, l)| match side {
                        Some(Side::Up) => point.value > centre + 2.0 * l.sigma,
                        Some(Side::Down) => point.value < centre - 2.0 * l.sigma,
                        None => false,
                    }),
                _ => false,
            })
    }

    /// The latest point, if any.
    pub fn latest(&self) -> Option<&PlotPoint> {
        self.points.last()
    }
}

impl SignalRule {
    /// Whether the signal is made by the points it spans (so they are
    /// highlighted), rather than being a count over the whole phase.
    pub fn marks_points(self) -> bool {
        !matches!(
            self,
            SignalRule::FewCrossings | SignalRule::FewRuns | SignalRule::ManyRuns
        )
    }
}

/// Read a measure as its chart settings say.
pub fn read_measure(m: &Measure) -> MeasureChart {
    let kind = m.chart.kind;
    let points: Vec<PlotPoint> = {
        let mut phase = 0;
        m.data
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if d.new_phase && i > 0 {
                    phase += 1;
                }
                let value = match (kind, d.numerator, d.denominator) {
                    (ChartKind::P, Some(n), Some(den)) if den > 0 => 100.0 * n as f64 / den as f64,
                    _ => d.value,
                };
                PlotPoint {
                    period: d.period.clone(),
                    date: d.date,
                    value,
                    excluded: d.excluded.clone(),
                    note: d.note.clone(),
                    phase,
                }
            })
            .collect()
    };
    let mut phases = Vec::new();
    let mut start = 0;
    while start < points.len() {
        let p = points[start].phase;
        let end = points[start..]
            .iter()
            .position(|q| q.phase != p)
            .map_or(points.len(), |k| start + k);
        phases.push(read_phase(m, &points, start, end - 1));
        start = end;
    }
    let target = m.target.as_ref().and_then(|t| target_number(&t.value));
    let target_met = match (target, phases.last().and_then(Phase::centre)) {
        (Some(t), Some(c)) => Some(match m.direction {
            Direction::HigherIsBetter => c >= t,
            Direction::LowerIsBetter => c <= t,
        }),
        _ => None,
    };
    let standing = match phases.last() {
        None => Standing::NoData,
        Some(last) => standing_of(last),
    };
    MeasureChart {
        kind,
        rules: m.chart.rules,
        direction: m.direction,
        unit: m.unit.clone(),
        points,
        phases,
        target,
        target_met,
        standing,
    }
}

fn standing_of(phase: &Phase) -> Standing {
    if matches!(
        phase.reading,
        PhaseReading::TooFewPoints { .. } | PhaseReading::Unavailable(_)
    ) {
        return Standing::TooFewPoints;
    }
    let directed = phase
        .signals
        .iter()
        .filter(|s| s.verdict != Verdict::Unclear)
        .max_by_key(|s| (s.last, s.first));
    match directed {
        Some(s) if s.verdict == Verdict::Improvement => Standing::Improving,
        Some(_) => Standing::Deteriorating,
        None if phase.signals.is_empty() => Standing::NoSignal,
        None => Standing::Unclear,
    }
}

fn verdict(side: Option<Side>, direction: Direction) -> Verdict {
    match (side, direction) {
        (None, _) => Verdict::Unclear,
        (Some(Side::Up), Direction::HigherIsBetter)
        | (Some(Side::Down), Direction::LowerIsBetter) => Verdict::Improvement,
        _ => Verdict::Deterioration,
    }
}

/// Reads the phase of points `first..=last`.
fn read_phase(m: &Measure, points: &[PlotPoint], first: usize, last: usize) -> Phase {
    // Indices (into the data) of the points that take part.
    let taking_part: Vec<usize> = (first..=last)
        .filter(|&i| points[i].excluded.is_none())
        .collect();
    let values: Vec<f64> = taking_part.iter().map(|&i| points[i].value).collect();
    let baseline = m.chart.baseline_points.max(1).min(values.len());
    let signal = |rule, span_first: usize, span_last: usize, count, side| ChartSignal {
        rule,
        first: taking_part[span_first],
        last: taking_part[span_last],
        points: count,
        side,
        verdict: verdict(side, m.direction),
    };
    let phase = |reading, signals| Phase {
        first,
        last,
        baseline,
        reading,
        signals,
    };
    match m.chart.kind {
        ChartKind::Run => {
            let centre = run_chart::median(&values[..baseline]);
            let analysis = match centre {
                Some(c) => run_chart::analyse_about(&values, c),
                None => run_chart::analyse(&values),
            };
            match analysis {
                Analysis::TooFewPoints { useful, .. } => phase(
                    PhaseReading::TooFewPoints {
                        have: useful,
                        need: run_chart::MIN_USEFUL,
                        centre,
                    },
                    Vec::new(),
                ),
                Analysis::Analysed {
                    figures,
                    anhoej,
                    ihi,
                } => {
                    let chosen = match m.chart.rules {
                        RunRules::Anhoej => anhoej,
                        RunRules::Ihi => ihi,
                    };
                    let signals = chosen
                        .iter()
                        .map(|s| {
                            let (rule, side) = match s.rule {
                                run_chart::Rule::UnusuallyLongRun => {
                                    (SignalRule::LongRun, side_of_run(&values, figures.median, s))
                                }
                                run_chart::Rule::TooFewCrossings => {
                                    (SignalRule::FewCrossings, None)
                                }
                                run_chart::Rule::Shift => {
                                    (SignalRule::Shift, side_of_run(&values, figures.median, s))
                                }
                                run_chart::Rule::Trend => (
                                    SignalRule::Trend,
                                    super::series::side(values[s.span.last], values[s.span.first]),
                                ),
                                run_chart::Rule::TooFewRuns => (SignalRule::FewRuns, None),
                                run_chart::Rule::TooManyRuns => (SignalRule::ManyRuns, None),
                            };
                            signal(rule, s.span.first, s.span.last, s.points, side)
                        })
                        .collect();
                    phase(PhaseReading::Run { figures }, signals)
                }
            }
        }
        ChartKind::Xmr => {
            let too_few = |have| PhaseReading::TooFewPoints {
                have,
                need: spc::MIN_POINTS,
                centre: (!values.is_empty())
                    .then(|| values[..baseline].iter().sum::<f64>() / baseline as f64),
            };
            match spc::xmr_chart(&values, Some(baseline)) {
                Ok(chart) => spc_phase(m, chart, &taking_part, first, last, |_| None),
                Err(spc::SpcError::TooFewPoints { have, .. }) => phase(too_few(have), Vec::new()),
                Err(e) => phase(PhaseReading::Unavailable(e.to_string()), Vec::new()),
            }
        }
        ChartKind::P => {
            let mut counts = Vec::with_capacity(taking_part.len());
            for &i in &taking_part {
                match (m.data[i].numerator, m.data[i].denominator) {
                    (Some(n), Some(d)) => counts.push((n, d)),
                    _ => {
                        return phase(
                            PhaseReading::Unavailable(format!(
                                "A P chart needs a numerator and a denominator for every point; {} has none",
                                point_name(&points[i].period, i)
                            )),
                            Vec::new(),
                        )
                    }
                }
            }
            match spc::p_chart(&counts, Some(baseline)) {
                Ok(chart) => {
                    let centre = chart.centre;
                    // Excluded points with counts get their own limits drawn.
                    let excluded_limits =
                        |i: usize| match (m.data[i].numerator, m.data[i].denominator) {
                            (Some(_), Some(d)) if d > 0 => Some(spc::p_point_limits(centre, d)),
                            _ => None,
                        };
                    spc_phase(m, chart, &taking_part, first, last, excluded_limits)
                }
                Err(spc::SpcError::TooFewPoints { have, .. }) => {
                    let centre = spc::p_bar(&counts[..baseline]).ok().map(|p| 100.0 * p);
                    phase(
                        PhaseReading::TooFewPoints {
                            have,
                            need: spc::MIN_POINTS,
                            centre,
                        },
                        Vec::new(),
                    )
                }
                Err(e) => {
                    // Say which point, by its period rather than its place
                    // among the points that take part.
                    let words = match e {
                        spc::SpcError::ZeroDenominator { index } => format!(
                            "{} has a denominator of 0",
                            point_name(&points[taking_part[index]].period, taking_part[index])
                        ),
                        spc::SpcError::NumeratorAboveDenominator { index } => format!(
                            "{} has a numerator larger than its denominator",
                            point_name(&points[taking_part[index]].period, taking_part[index])
                        ),
                        other => other.to_string(),
                    };
                    phase(PhaseReading::Unavailable(words), Vec::new())
                }
            }
        }
    }
}

/// "2024/25 Q1", or "point 3" for a point with no period.
pub(crate) fn point_name(period: &str, index: usize) -> String {
    if period.trim().is_empty() {
        format!("point {}", index + 1)
    } else {
        period.trim().to_string()
    }
}

fn side_of_run(values: &[f64], centre: f64, s: &run_chart::Signal) -> Option<Side> {
    super::series::side(values[s.span.first], centre)
}

/// An SPC phase from a chart computed over the points that take part. A P
/// chart's proportions are shown as percentages.
fn spc_phase(
    m: &Measure,
    chart: spc::Chart,
    taking_part: &[usize],
    first: usize,
    last: usize,
    excluded_limits: impl Fn(usize) -> Option<PointLimits>,
) -> Phase {
    let scale = if m.chart.kind == ChartKind::P {
        100.0
    } else {
        1.0
    };
    let scaled = |l: PointLimits| PointLimits {
        lower: l.lower * scale,
        upper: l.upper * scale,
        sigma: l.sigma * scale,
    };
    let mut limits: Vec<(usize, PointLimits)> = taking_part
        .iter()
        .zip(&chart.limits)
        .map(|(&i, l)| (i, scaled(*l)))
        .collect();
    if m.chart.kind == ChartKind::Xmr {
        // One set of limits for the whole phase, excluded points too.
        if let Some(&(_, l)) = limits.first() {
            limits = (first..=last).map(|i| (i, l)).collect();
        }
    } else {
        for i in (first..=last).filter(|i| !taking_part.contains(i)) {
            if let Some(l) = excluded_limits(i) {
                limits.push((i, scaled(l)));
            }
        }
        limits.sort_by_key(|(i, _)| *i);
    }
    let signals = chart
        .signals
        .iter()
        .map(|s| {
            let rule = match s.rule {
                spc::Rule::OutsideLimits => SignalRule::OutsideLimits,
                spc::Rule::Run => SignalRule::SpcRun,
                spc::Rule::Trend => SignalRule::Trend,
                spc::Rule::TwoOfThree => SignalRule::TwoOfThree,
            };
            let points = match s.rule {
                spc::Rule::OutsideLimits => 1,
                spc::Rule::TwoOfThree => 2,
                _ => s.end - s.start + 1,
            };
            ChartSignal {
                rule,
                first: taking_part[s.start],
                last: taking_part[s.end],
                points,
                side: Some(s.side),
                verdict: verdict(Some(s.side), m.direction),
            }
        })
        .collect();
    Phase {
        first,
        last,
        baseline: chart.baseline,
        reading: PhaseReading::Spc {
            centre: chart.centre * scale,
            baseline: chart.baseline,
            limits,
        },
        signals,
    }
}
