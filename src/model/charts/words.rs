//! The chart in words (a first, short version; the full wording with every
//! figure replaces it): one sentence per signal and the standing.

use super::reading::{ChartSignal, MeasureChart};

/// One line per sentence under the chart.
pub fn summary(chart: &MeasureChart) -> Vec<String> {
    let mut out: Vec<String> = chart.signals().map(|s| signal_sentence(chart, s)).collect();
    out.push(chart.standing.label().to_string());
    out
}

/// A signal in words with the periods it spans.
pub fn signal_sentence(chart: &MeasureChart, s: &ChartSignal) -> String {
    let period = |i: usize| {
        chart
            .points
            .get(i)
            .map(|p| p.period.clone())
            .unwrap_or_default()
    };
    format!(
        "{:?} from {} to {}: {:?}.",
        s.rule,
        period(s.first),
        period(s.last),
        s.verdict
    )
}

/// The latest value and the standing, for the outline and the table.
pub fn short_status(chart: &MeasureChart) -> String {
    match chart.latest() {
        Some(p) => format!(
            "Latest {}{} ({}) · {}",
            p.value,
            chart.unit,
            p.period,
            chart.standing.label()
        ),
        None => chart.standing.label().to_string(),
    }
}
