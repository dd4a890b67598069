//! The words under a measure's chart: what the chart shows, in plain
//! sentences, one a line. They are also the chart's text alternative for
//! screen readers, so they say everything the picture says: the centre line
//! of each phase, how many points the rules read, the figures the rules
//! compare (longest run and crossings, runs, control limits), each signal
//! with the periods it spans and whether it is an improvement, the points
//! left out, the notes, and the target.
//!
//! Numbers are shown with at most one decimal place, trailing zeros
//! trimmed (as the diagram picture draws them), thousands grouped.

use super::reading::{
    point_name, ChartSignal, MeasureChart, Phase, PhaseReading, SignalRule, Verdict,
};
use super::series::Side;
use crate::model::diagram::layout::num;
use crate::model::plan::{ChartKind, Direction, RunRules};

/// A number as the words show it: at most one decimal place, trailing zeros
/// trimmed, thousands grouped ("1,250", "62.5", "0"); a number below 1
/// that is not 0 keeps two significant figures ("0.034"), so that small
/// rates do not all read as 0.
pub fn number(x: f64) -> String {
    if x != 0.0 && x.abs() < 1.0 && x.is_finite() {
        let places = (1 - x.abs().log10().floor() as i32).clamp(1, 6) as usize;
        let s = format!("{x:.places$}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return if s == "-0" { "0".into() } else { s.to_string() };
    }
    let mut s = String::new();
    num(&mut s, x);
    group_thousands(&s)
}

/// "1250.5" → "1,250.5".
fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.len() <= 3 {
        return s.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The unit the chart's values are in: a P chart's are percentages.
fn unit(chart: &MeasureChart) -> &str {
    match chart.kind {
        ChartKind::P => "%",
        _ => chart.unit.trim(),
    }
}

/// Whether the unit is written straight after the number ("62.5%") rather
/// than after a space ("12 days").
fn unit_is_symbol(unit: &str) -> bool {
    !unit.chars().next().is_some_and(char::is_alphanumeric)
}

fn with_unit(text: String, unit: &str) -> String {
    if unit.is_empty() {
        text
    } else if unit_is_symbol(unit) {
        format!("{text}{unit}")
    } else {
        format!("{text} {unit}")
    }
}

/// A number in this unit: a percentage never has more than one decimal
/// place ("0.5", "0" rather than "0.034").
fn number_in(x: f64, unit: &str) -> String {
    if unit == "%" {
        let mut s = String::new();
        num(&mut s, x);
        group_thousands(&s)
    } else {
        number(x)
    }
}

/// A value of the chart with its unit: "62.5%", "12 days", "41.2".
pub fn value(chart: &MeasureChart, x: f64) -> String {
    with_unit(number_in(x, unit(chart)), unit(chart))
}

/// "5.7% to 16.3%", "5.7 to 16.3 days".
fn range(chart: &MeasureChart, low: f64, high: f64) -> String {
    let u = unit(chart);
    if unit_is_symbol(u) {
        format!("{} to {}", value(chart, low), value(chart, high))
    } else {
        with_unit(
            format!("{} to {}", number_in(low, u), number_in(high, u)),
            u,
        )
    }
}

/// `x` shown with enough places (up to three) not to read the same as
/// `other` when the two differ: a median of 74.96% against a target of 75%
/// reads "74.96%", not "75%".
fn value_apart(chart: &MeasureChart, x: f64, other: f64) -> String {
    let shown = value(chart, x);
    if x == other || shown != value(chart, other) {
        return shown;
    }
    for places in 2..=3 {
        let a = format!("{x:.places$}");
        let b = format!("{other:.places$}");
        if a != b {
            let a = a.trim_end_matches('0').trim_end_matches('.').to_string();
            return with_unit(a, unit(chart));
        }
    }
    shown
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "A", "A and B", "A, B and C".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn period(chart: &MeasureChart, i: usize) -> String {
    chart
        .points
        .get(i)
        .map_or_else(|| format!("point {}", i + 1), |p| point_name(&p.period, i))
}

/// "from 2024/25 Q1 to 2025/26 Q3", or "in 2024/25 Q1" for one point.
fn span(chart: &MeasureChart, first: usize, last: usize) -> String {
    if first == last {
        format!("in {}", period(chart, first))
    } else {
        format!("from {} to {}", period(chart, first), period(chart, last))
    }
}

/// The centre line's name, capitalised as a sentence starts.
fn centre_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Run => "Median",
        ChartKind::Xmr => "Mean",
        ChartKind::P => "Average proportion",
    }
}

fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Improvement => "improvement",
        Verdict::Deterioration => "deterioration",
        Verdict::Unclear => "the variation is not random",
    }
}

fn above(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Down) => "below",
        _ => "above",
    }
}

fn going(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Down) => "going down",
        _ => "going up",
    }
}

/// The phase a point belongs to.
fn phase_of(chart: &MeasureChart, index: usize) -> Option<&Phase> {
    chart
        .phases
        .iter()
        .find(|p| p.first <= index && index <= p.last)
}

/// Indices of the points of a phase that take part in the rules.
fn taking_part(chart: &MeasureChart, phase: &Phase) -> Vec<usize> {
    (phase.first..=phase.last)
        .filter(|&i| chart.points.get(i).is_some_and(|p| p.excluded.is_none()))
        .collect()
}

/// One signal in words, with the periods it spans and what it means:
/// "Shift: 7 points above the median from 2024/25 Q1 to 2025/26 Q3:
/// improvement."
pub fn signal_sentence(chart: &MeasureChart, s: &ChartSignal) -> String {
    let phase = phase_of(chart, s.first);
    let figures = phase.and_then(|p| match &p.reading {
        PhaseReading::Run { figures } => Some(*figures),
        _ => None,
    });
    let verdict = verdict_words(s.verdict);
    let points = plural(s.points, "point", "points");
    let from_to = span(chart, s.first, s.last);
    match s.rule {
        SignalRule::LongRun => format!(
            "Long run: {points} {} the median {from_to}: {verdict}.",
            above(s.side)
        ),
        SignalRule::Shift => format!(
            "Shift: {points} {} the median {from_to}: {verdict}.",
            above(s.side)
        ),
        SignalRule::Trend => format!("Trend: {points} {} {from_to}: {verdict}.", going(s.side)),
        SignalRule::FewCrossings => {
            let (crossings, limit) = figures.map_or((None, None), |f| {
                (Some(f.crossings), Some(f.crossings_limit))
            });
            let count = crossings.map_or_else(
                || "crossings of the median".to_string(),
                |c| format!("{} of the median", plural(c, "crossing", "crossings")),
            );
            let limit = limit.map_or(String::new(), |l| format!(" (fewer than {l} is unusual)"));
            format!("Too few crossings: {count} {from_to}{limit}: {verdict}.")
        }
        SignalRule::FewRuns | SignalRule::ManyRuns => {
            let few = s.rule == SignalRule::FewRuns;
            let name = if few { "Too few runs" } else { "Too many runs" };
            match figures {
                Some(f) => {
                    let limit = if few {
                        format!("fewer than {} is unusual", f.runs_lower)
                    } else {
                        format!("more than {} is unusual", f.runs_upper)
                    };
                    format!(
                        "{name}: {} {from_to} ({limit}): {verdict}.",
                        plural(f.runs, "run", "runs")
                    )
                }
                None => format!("{name} {from_to}: {verdict}."),
            }
        }
        SignalRule::OutsideLimits => {
            let limit = phase.and_then(|p| match &p.reading {
                PhaseReading::Spc { limits, .. } => {
                    limits.iter().find(|(i, _)| *i == s.first).map(|(_, l)| l)
                }
                _ => None,
            });
            let (which, at) = match s.side {
                Some(Side::Down) => ("lower", limit.map(|l| l.lower)),
                _ => ("upper", limit.map(|l| l.upper)),
            };
            let v = chart.points.get(s.first).map(|p| p.value);
            let named = match v {
                Some(v) => format!("{} ({})", period(chart, s.first), value(chart, v)),
                None => period(chart, s.first),
            };
            let at = at.map_or(String::new(), |l| format!(" of {}", value(chart, l)));
            format!(
                "Outside the limits: {named} is {} the {which} limit{at}: {verdict}.",
                above(s.side)
            )
        }
        SignalRule::SpcRun => format!(
            "Run of {points} {} the centre line {from_to}: {verdict}.",
            above(s.side)
        ),
        SignalRule::TwoOfThree => {
            let beyond = two_sigma_points(chart, s);
            let who = if beyond.len() >= 2 {
                let names: Vec<String> = beyond.iter().map(|&i| period(chart, i)).collect();
                format!("{} are", list(&names))
            } else {
                format!("points {from_to} are")
            };
            format!(
                "Two of three points beyond two sigma: {who} more than two sigma {} the centre line: {verdict}.",
                above(s.side)
            )
        }
    }
}

/// The points of a two-of-three signal that lie beyond two sigma on its
/// side.
fn two_sigma_points(chart: &MeasureChart, s: &ChartSignal) -> Vec<usize> {
    (s.first..=s.last)
        .filter(|&i| chart.in_signal(i) && chart.beyond_two_sigma(i, s.side))
        .collect()
}

/// The chart in words, one sentence a line.
pub fn summary(chart: &MeasureChart) -> Vec<String> {
    let mut out = Vec::new();
    if chart.points.is_empty() {
        out.push("No data yet.".to_string());
        return out;
    }
    let kind = match (chart.kind, chart.rules) {
        (ChartKind::Run, RunRules::Anhoej) => "Run chart, read with the Anhøj rules",
        (ChartKind::Run, RunRules::Ihi) => "Run chart, read with the IHI rules",
        (ChartKind::Xmr, _) => "XmR chart (individual values)",
        (ChartKind::P, _) => "P chart (proportions)",
    };
    let n = chart.points.len();
    out.push(format!(
        "{kind}: {} {}.",
        plural(n, "point", "points"),
        span(chart, 0, n - 1)
    ));
    let many = chart.phases.len() > 1;
    for (k, phase) in chart.phases.iter().enumerate() {
        if many {
            out.push(format!(
                "Phase {} from {}:",
                k + 1,
                period(chart, phase.first)
            ));
        }
        phase_words(chart, phase, &mut out);
    }
    if let Some(t) = chart.target {
        let direction = match chart.direction {
            Direction::HigherIsBetter => "",
            Direction::LowerIsBetter => " (lower is better)",
        };
        let whose = if many { "the latest phase's" } else { "the" };
        let centre = chart.phases.last().and_then(Phase::centre);
        let words = match (chart.target_met, centre) {
            (Some(met), Some(c)) => format!(
                "{whose} {} ({}) {}",
                centre_name(chart.kind).to_lowercase(),
                value_apart(chart, c, t),
                if met { "meets it" } else { "does not meet it" }
            ),
            _ => "there is no centre line to compare with yet".to_string(),
        };
        out.push(format!("Target {}{direction}: {words}.", value(chart, t)));
    }
    out
}

fn phase_words(chart: &MeasureChart, phase: &Phase, out: &mut Vec<String>) {
    let part = taking_part(chart, phase);
    let name = centre_name(chart.kind);
    match &phase.reading {
        PhaseReading::TooFewPoints { have, need, centre } => {
            if let Some(c) = centre {
                out.push(format!("{name} {}.", value(chart, *c)));
            }
            let what = if chart.kind != ChartKind::Run && *have < part.len() {
                format!("the baseline has {}", plural(*have, "point", "points"))
            } else if chart.kind == ChartKind::Run && *have < part.len() {
                format!(
                    "{} ({} on the median not counted)",
                    plural(*have, "useful point", "useful points"),
                    part.len() - have
                )
            } else {
                plural(*have, "useful point", "useful points")
            };
            out.push(format!(
                "Too few points for the rules: {what}, at least {need} needed."
            ));
        }
        PhaseReading::Unavailable(why) => {
            out.push(format!("{}.", why.trim_end_matches('.')));
        }
        PhaseReading::Run { figures: f } => {
            let on_median = part.len().saturating_sub(f.useful);
            let not_counted = if on_median > 0 {
                format!(" ({} on the median not counted)", on_median)
            } else {
                String::new()
            };
            out.push(format!(
                "{name} {}{}; {}{not_counted}.",
                value(chart, f.median),
                set_by(phase, part.len()),
                plural(f.useful, "useful point", "useful points")
            ));
            out.push(match chart.rules {
                RunRules::Anhoej => format!(
                    "Longest run {} (more than {} is unusual); crossings {} (fewer than {} is unusual).",
                    f.longest_run, f.longest_run_limit, f.crossings, f.crossings_limit
                ),
                RunRules::Ihi => format!(
                    "Longest run {} ({} or more is a shift); runs {} ({} to {} expected).",
                    f.longest_run,
                    super::run_chart::SHIFT_LENGTH,
                    f.runs,
                    f.runs_lower,
                    f.runs_upper
                ),
            });
        }
        PhaseReading::Spc { centre, limits, .. } => {
            out.push(format!(
                "{name} {}{}; {}.",
                value(chart, *centre),
                set_by(phase, part.len()),
                plural(part.len(), "useful point", "useful points")
            ));
            let low = limits
                .iter()
                .map(|(_, l)| l.lower)
                .fold(f64::INFINITY, f64::min);
            let high = limits
                .iter()
                .map(|(_, l)| l.upper)
                .fold(f64::NEG_INFINITY, f64::max);
            let varies = limits
                .iter()
                .any(|(_, l)| l.lower != limits[0].1.lower || l.upper != limits[0].1.upper);
            if !limits.is_empty() {
                out.push(if varies {
                    format!(
                        "Control limits vary with the denominator, from {}.",
                        range(chart, low, high)
                    )
                } else {
                    format!("Control limits {}.", range(chart, low, high))
                });
            }
        }
    }
    let read = matches!(
        phase.reading,
        PhaseReading::Run { .. } | PhaseReading::Spc { .. }
    );
    if read && phase.signals.is_empty() {
        out.push("No signal: the variation is consistent with chance.".to_string());
    }
    for s in &phase.signals {
        out.push(signal_sentence(chart, s));
    }
    let excluded: Vec<String> = (phase.first..=phase.last)
        .filter_map(|i| {
            let p = &chart.points[i];
            let why = p.excluded.as_deref()?.trim();
            Some(if why.is_empty() {
                period(chart, i)
            } else {
                format!("{} ({why})", period(chart, i))
            })
        })
        .collect();
    if !excluded.is_empty() {
        out.push(format!(
            "{} left out of the rules: {}.",
            plural(excluded.len(), "point", "points"),
            excluded.join("; ")
        ));
    }
    for i in phase.first..=phase.last {
        let note = chart.points[i].note.trim();
        if !note.is_empty() {
            out.push(format!(
                "Note at {}: {}.",
                period(chart, i),
                note.trim_end_matches('.')
            ));
        }
    }
}

/// ", set by the first 12 points" when the baseline is shorter than the
/// points that take part.
fn set_by(phase: &Phase, taking_part: usize) -> String {
    if phase.baseline < taking_part {
        format!(
            ", set by the first {}",
            plural(phase.baseline, "point", "points")
        )
    } else {
        String::new()
    }
}

/// The measure in a line, for the outline and the plan table: "Latest 64.9%
/// (2025/26 Q2) · Improving · Off target".
pub fn short_status(chart: &MeasureChart) -> String {
    let Some(latest) = chart.latest() else {
        return chart.standing.label().to_string();
    };
    let i = chart.points.len() - 1;
    let mut parts = vec![if latest.period.trim().is_empty() {
        format!("Latest {}", value(chart, latest.value))
    } else {
        format!(
            "Latest {} ({})",
            value(chart, latest.value),
            period(chart, i)
        )
    }];
    parts.push(chart.standing.label().to_string());
    match chart.target_met {
        Some(true) => parts.push("On target".into()),
        Some(false) => parts.push("Off target".into()),
        None => {}
    }
    parts.join(" · ")
}
