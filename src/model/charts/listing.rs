//! Measures at a glance: which measures the Measures screen lists for a
//! priority or an outcome, the count it shows, the standing in words, and
//! the few words a driver diagram card shows beside its sparkline.
//!
//! A measure belongs to a priority or an outcome when it evidences that
//! item or anything under it (as `progress::rollup::under` says: the
//! outcomes of a priority, the aims that drive them, the actions that
//! serve those aims), the same rule as a report's roll-up.

use std::collections::HashSet;

use super::reading::{MeasureChart, Standing};
use super::words::value;
use crate::model::plan::{Id, Kind, Measure, Plan};
use crate::model::progress::rollup::under;

/// What the Measures screen is filtered by; `None` is "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeasureFilter {
    pub priority: Option<Id>,
    pub outcome: Option<Id>,
}

impl MeasureFilter {
    pub fn is_empty(&self) -> bool {
        self.priority.is_none() && self.outcome.is_none()
    }
}

/// Whether the measure evidences something in `ids`.
fn evidences_any(m: &Measure, ids: &HashSet<Id>) -> bool {
    m.evidences.iter().any(|e| ids.contains(e))
}

/// The measures the filter keeps, in plan order: those that belong to the
/// chosen priority and to the chosen outcome. A chosen item the plan no
/// longer holds keeps nothing (it was deleted under the filter).
pub fn measures_in<'a>(plan: &'a Plan, filter: &MeasureFilter) -> Vec<&'a Measure> {
    let group = |id: &Option<Id>, kind: Kind| -> Option<HashSet<Id>> {
        id.as_ref().map(|id| {
            if plan.item(id).is_some() {
                under(plan, id, kind)
            } else {
                HashSet::new()
            }
        })
    };
    let priority = group(&filter.priority, Kind::Priority);
    let outcome = group(&filter.outcome, Kind::Outcome);
    plan.measures
        .iter()
        .filter(|m| priority.as_ref().is_none_or(|ids| evidences_any(m, ids)))
        .filter(|m| outcome.as_ref().is_none_or(|ids| evidences_any(m, ids)))
        .collect()
}

/// The outcomes the outcome filter offers once a priority is chosen: the
/// priority's own (all outcomes with none chosen), in plan order.
pub fn outcomes_offered(plan: &Plan, priority: Option<&Id>) -> Vec<Id> {
    plan.outcomes
        .iter()
        .filter(|o| priority.is_none_or(|p| o.priorities.contains(p)))
        .map(|o| o.id.clone())
        .collect()
}

/// "Showing 4 of 6 measures", "Showing 1 of 1 measure", "No measures yet".
pub fn count_text(shown: usize, total: usize) -> String {
    if total == 0 {
        return "No measures yet".into();
    }
    let noun = if total == 1 { "measure" } else { "measures" };
    format!("Showing {shown} of {total} {noun}")
}

/// Whether the latest phase meets the target, in words: "On target", "Off
/// target", or `None` with no numeric target or no centre line yet.
pub fn target_word(chart: &MeasureChart) -> Option<&'static str> {
    chart
        .target_met
        .map(|met| if met { "On target" } else { "Off target" })
}

/// The standing as the Measures screen heads a measure with it:
/// "Improving · Off target", "Too few points".
pub fn standing_words(chart: &MeasureChart) -> String {
    match target_word(chart) {
        Some(t) => format!("{} · {t}", chart.standing.label()),
        None => chart.standing.label().to_string(),
    }
}

/// The standings the screen's standing filter offers, in this order.
pub const STANDINGS: [Standing; 6] = [
    Standing::Improving,
    Standing::Deteriorating,
    Standing::Unclear,
    Standing::NoSignal,
    Standing::TooFewPoints,
    Standing::NoData,
];

/// The standing a slug names (see [`Standing::slug`]).
pub fn standing_of_slug(slug: &str) -> Option<Standing> {
    STANDINGS.into_iter().find(|s| s.slug() == slug)
}

/// Whether a measure's card on the driver diagram shows a sparkline (and so
/// is drawn taller): it has at least one data point.
pub fn card_has_sparkline(m: &Measure) -> bool {
    !m.data.is_empty()
}

/// The words beside a card's sparkline: the latest value and the target,
/// "64.9% · target 67.5%" (just the value with no numeric target);
/// `None` with no data.
pub fn card_words(chart: &MeasureChart) -> Option<String> {
    let latest = chart.latest()?;
    let v = value(chart, latest.value);
    Some(match chart.target {
        Some(t) => format!("{v} · target {}", value(chart, t)),
        None => v,
    })
}

/// What a card's accessible name adds for a measure with data: "Latest
/// 64.9%, target 67.5%. Improving." (the sparkline itself is hidden from
/// assistive technology); `None` with no data.
pub fn card_name_words(chart: &MeasureChart) -> Option<String> {
    let latest = chart.latest()?;
    let v = value(chart, latest.value);
    let target = chart
        .target
        .map(|t| format!(", target {}", value(chart, t)))
        .unwrap_or_default();
    Some(format!("Latest {v}{target}. {}.", chart.standing.label()))
}
