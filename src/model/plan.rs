//! The plan and its items: plain data, serialisable, with no behaviour beyond
//! small accessors. Operations live in `ops`, link rules in `links`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stable unique id. New items get a random UUID; imported ids are kept as
/// they are so that an item keeps its identity across export and import.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn new() -> Self {
        Id(uuid::Uuid::new_v4().to_string())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(s.to_owned())
    }
}

/// The kinds of item a plan holds, in the order of the driver diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Priority,
    Outcome,
    Aim,
    Action,
    Measure,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Priority,
        Kind::Outcome,
        Kind::Aim,
        Kind::Action,
        Kind::Measure,
    ];

    /// The word a user sees for one item of this kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Priority => "priority",
            Kind::Outcome => "outcome",
            Kind::Aim => "improvement aim",
            Kind::Action => "action",
            Kind::Measure => "measure",
        }
    }
}

/// A target: a value to reach (free text such as "90%" or "10% more") by a date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    #[serde(default)]
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<NaiveDate>,
}

/// The whole plan: metadata and five ordered lists of items. Links are held
/// by the item on the right-hand side of the driver diagram (an action lists
/// the aims it serves), so each list of ids is a many-to-many link set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: Id,
    pub meta: PlanMeta,
    #[serde(default)]
    pub priorities: Vec<Priority>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub aims: Vec<Aim>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// What screens and pictures call a plan whose title is blank.
pub const UNTITLED: &str = "Untitled plan";

/// A plan title as shown: "Untitled plan" while it is blank.
pub fn title_to_show(title: &str) -> &str {
    if title.trim().is_empty() {
        UNTITLED
    } else {
        title
    }
}

impl Plan {
    /// The title to show: the plan's own, or "Untitled plan" while it is
    /// blank (a blank title is kept as typed and saved as it is).
    pub fn display_title(&self) -> &str {
        title_to_show(&self.meta.title)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanMeta {
    pub title: String,
    #[serde(default)]
    pub partnership: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<NaiveDate>,
    #[serde(default)]
    pub vision: String,
    #[serde(default)]
    pub principles: Vec<String>,
    /// Plans this one aligns with (national, regional, local), one per entry.
    #[serde(default)]
    pub aligned_plans: Vec<String>,
    /// e.g. "Quarterly".
    #[serde(default)]
    pub review_cycle: String,
    /// Who coordinates the plan (a person, role or group).
    #[serde(default)]
    pub coordinator: String,
    /// The thresholds of the tracking rules for this plan.
    #[serde(default, skip_serializing_if = "TrackingSettings::is_default")]
    pub tracking: TrackingSettings,
    /// The plan's reviews (for example each quarter end), in date order:
    /// "what changed since the last review" is read against the latest
    /// one before today (one dated today is the review being held).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
}

/// A review of the plan's progress (a quarterly review, a committee date).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub date: NaiveDate,
    /// What the review was, e.g. "Quarter 2 review to the CPC".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The settings the tracking rules read (`model::progress::tracking`),
/// kept with the plan's details; the defaults are written down in
/// docs/PROGRESS.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingSettings {
    /// An action still under way with no update for longer than this many
    /// days needs its progress checked.
    pub review_cycle_days: u32,
    /// Actual progress at most this many points behind the expected
    /// progress suggests green...
    pub green_within: u8,
    /// ...at most this many amber, and further behind red.
    pub amber_within: u8,
}

impl Default for TrackingSettings {
    fn default() -> Self {
        TrackingSettings {
            review_cycle_days: 100,
            green_within: 10,
            amber_within: 25,
        }
    }
}

impl TrackingSettings {
    pub fn is_default(&self) -> bool {
        *self == TrackingSettings::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    pub id: Id,
    #[serde(default)]
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: Id,
    #[serde(default)]
    pub code: String,
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(default)]
    pub owner: String,
    /// The priorities this outcome belongs to.
    #[serde(default)]
    pub priorities: Vec<Id>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriverLevel {
    #[default]
    Primary,
    Secondary,
}

/// An improvement aim (a key driver).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Aim {
    pub id: Id,
    #[serde(default)]
    pub code: String,
    pub statement: String,
    #[serde(default)]
    pub level: DriverLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(default)]
    pub owner: String,
    /// The outcomes this aim drives.
    #[serde(default)]
    pub outcomes: Vec<Id>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Completed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Completed,
        Status::Cancelled,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Completed => "Completed",
            Status::Cancelled => "Cancelled",
        }
    }
}

/// Red, amber or green, as defined in the plan's own RAG key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub const ALL: [Rag; 3] = [Rag::Red, Rag::Amber, Rag::Green];
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        }
    }
}

/// A dated status update on an action; the latest is what reports show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub date: NaiveDate,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
}

/// An action (a change idea, "high level action", "action/task").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: Id,
    #[serde(default)]
    pub code: String,
    pub title: String,
    /// A person, a role or a group.
    #[serde(default)]
    pub lead: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: Status,
    /// 0 to 100.
    #[serde(default)]
    pub percent: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
    #[serde(default)]
    pub updates: Vec<Update>,
    /// The improvement aims this action serves.
    #[serde(default)]
    pub aims: Vec<Id>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "Higher is better",
            Direction::LowerIsBetter => "Lower is better",
        }
    }
}

/// One observation of a measure: a period label as the plan writes it
/// ("2021/22 Q1") and the value, with an optional date for ordering charts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataPoint {
    pub period: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// For a proportion, the count and the total it is made of ("41 of 63"),
    /// which a P chart needs. New in version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// A change marked on the chart at this point ("New triage started").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Why this point is left out of the rules (a known special cause). The
    /// point is still drawn. `None`: it takes part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<String>,
    /// A new phase, with its own centre line, starts at this point.
    #[serde(default, skip_serializing_if = "is_false")]
    pub new_phase: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Which chart reads a measure's data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// A run chart: the median as centre line, read by the run chart rules.
    #[default]
    Run,
    /// An XmR (individuals) SPC chart.
    Xmr,
    /// A P chart for proportions with their numerators and denominators.
    P,
}

/// Which rules read a run chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunRules {
    /// Anhøj's rules (the default; see docs/CHARTS.md for why).
    #[default]
    Anhoej,
    /// The IHI rules.
    Ihi,
}

/// How a measure's data is charted. New in version 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSettings {
    #[serde(default)]
    pub kind: ChartKind,
    #[serde(default)]
    pub rules: RunRules,
    /// The first this many points of each phase set its centre line (and
    /// limits); later points are judged against them.
    #[serde(default = "default_baseline_points")]
    pub baseline_points: usize,
}

/// The default baseline: the first 12 points, or all if fewer.
pub const DEFAULT_BASELINE_POINTS: usize = 12;

fn default_baseline_points() -> usize {
    DEFAULT_BASELINE_POINTS
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            kind: ChartKind::default(),
            rules: RunRules::default(),
            baseline_points: DEFAULT_BASELINE_POINTS,
        }
    }
}

impl ChartSettings {
    pub fn is_default(&self) -> bool {
        *self == ChartSettings::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: Id,
    #[serde(default)]
    pub code: String,
    /// What is measured.
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<DataPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(default)]
    pub data: Vec<DataPoint>,
    /// Source of evidence.
    #[serde(default)]
    pub source: String,
    /// How often it is collected, e.g. "Quarterly".
    #[serde(default)]
    pub frequency: String,
    /// The outcomes, aims or actions this measure evidences.
    #[serde(default)]
    pub evidences: Vec<Id>,
    #[serde(default, skip_serializing_if = "ChartSettings::is_default")]
    pub chart: ChartSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_title_is_shown_as_untitled_and_kept_as_typed() {
        let mut p = Plan {
            meta: PlanMeta {
                title: "Our plan".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(p.display_title(), "Our plan");
        for blank in ["", "   ", "\t\n"] {
            p.meta.title = blank.into();
            assert_eq!(p.display_title(), "Untitled plan");
            assert_eq!(p.meta.title, blank);
        }
    }
}
