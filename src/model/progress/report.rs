//! The progress report as data: what a coordinator takes to committee,
//! built from the plan, today and (for the "since the last review"
//! variant) the review date to count changes from. The screen, the CSV of
//! its action list and the tables copied for Word are all read from this,
//! so they cannot disagree. The rules are written down in docs/PROGRESS.md.
//!
//! Shape, as council performance reports print it: the plan's title,
//! period and report date; a summary; then one group per priority with an
//! "Overall progress" row, and under it one group per outcome with its own
//! "Overall progress" row followed by its actions; then the measures; then
//! the gaps in the plan.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::review::{self, ActionChange};
use super::rollup::{self, Rollup, TargetStanding};
use super::tracking::{self, Standing};
use crate::model::diagram::chain::{card_facts, GAP_AIM_NO_ACTION, GAP_OUTCOME_NO_AIM};
use crate::model::format::csv::csv_bytes;
use crate::model::plan::{Action, Id, Kind, Measure, Plan, Rag, Status, Target};

/// A date as the report prints it: "31-Mar-2023".
pub fn report_date(d: NaiveDate) -> String {
    d.format("%d-%b-%Y").to_string()
}

/// A percentage rounded to a whole number, as the report shows it.
pub fn whole_percent(p: f64) -> u8 {
    p.round().clamp(0.0, 100.0) as u8
}

/// Which report: the whole plan, or only what changed since a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Whole,
    SinceReview(NaiveDate),
}

/// Where "this period" (for "completed this period") starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodFrom {
    /// The day after the last review before today.
    LastReview(NaiveDate),
    /// The plan's period start, where it has no review before today.
    PlanStart(NaiveDate),
    /// Neither: every completed action counts.
    Beginning,
}

/// The legend as council reports print it: each entry's words and the
/// standings shown with it.
pub const LEGEND: [(&str, &[Standing]); 5] = [
    ("Cancelled", &[Standing::Cancelled]),
    ("Overdue / Neglected", &[Standing::Overdue]),
    (
        "Unassigned / Check progress",
        &[Standing::Unassigned, Standing::Neglected],
    ),
    (
        "Not started / In progress",
        &[Standing::NotStarted, Standing::InProgress],
    ),
    ("Completed", &[Standing::Completed]),
];

/// All standings, in the legend's order.
pub const STANDINGS: [Standing; 7] = [
    Standing::Cancelled,
    Standing::Overdue,
    Standing::Neglected,
    Standing::Unassigned,
    Standing::NotStarted,
    Standing::InProgress,
    Standing::Completed,
];

/// A priority's progress in the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct PriorityProgress {
    pub code: String,
    pub title: String,
    pub actions: usize,
    /// Mean progress, rounded; `None` with no action to count.
    pub percent: Option<u8>,
}

/// The summary at the top of the report. Counts are of the plan's
/// actions, each once however many aims it serves.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub plan: Rollup,
    /// How many actions have each standing, in [`STANDINGS`] order.
    pub standings: Vec<(Standing, usize)>,
    pub period_from: PeriodFrom,
    pub completed_this_period: usize,
    /// The whole plan's mean progress, rounded.
    pub percent: Option<u8>,
    pub priorities: Vec<PriorityProgress>,
    /// In the "since" variant: how many actions and measures changed.
    pub changed_actions: Option<usize>,
    pub changed_measures: Option<usize>,
}

/// One action's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub id: Id,
    pub code: String,
    pub title: String,
    pub lead: String,
    pub due: Option<NaiveDate>,
    pub latest_update: Option<(NaiveDate, String)>,
    /// As the report counts it: a completed action is 100%.
    pub percent: u8,
    pub status: Status,
    pub rag: Option<Rag>,
    pub standing: Standing,
    /// What changed since the review, in words (the "since" variant only).
    pub changed: Vec<String>,
}

impl ActionRow {
    pub fn due_text(&self) -> String {
        self.due.map(report_date).unwrap_or_default()
    }
    pub fn update_text(&self) -> &str {
        self.latest_update
            .as_ref()
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }
    pub fn icon(&self) -> &'static str {
        self.standing.icon_key()
    }
    pub fn standing_word(&self) -> &'static str {
        self.standing.label()
    }
}

/// An "Overall progress" row: a group's roll-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Overall {
    pub rollup: Rollup,
    pub percent: Option<u8>,
}

impl Overall {
    fn of(rollup: Rollup) -> Self {
        let percent = rollup.mean_percent.map(whole_percent);
        Overall { rollup, percent }
    }

    /// "6 actions: 2 completed, 3 in progress, 1 not started; 1 overdue."
    pub fn words(&self) -> String {
        let r = &self.rollup;
        let mut parts = Vec::new();
        for (n, word) in [
            (r.completed, "completed"),
            (r.in_progress, "in progress"),
            (r.not_started, "not started"),
            (r.cancelled, "cancelled"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {word}"));
            }
        }
        let mut s = format!("{} action{}", r.actions, plural(r.actions));
        if !parts.is_empty() {
            s.push_str(": ");
            s.push_str(&parts.join(", "));
        }
        if r.overdue > 0 {
            s.push_str(&format!("; {} overdue", r.overdue));
        }
        s.push('.');
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// An outcome's group within a priority (or the actions that reach no
/// outcome, with `code` and `title` empty and `outcome` `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeGroup {
    pub outcome: Option<Id>,
    pub code: String,
    pub title: String,
    pub overall: Overall,
    pub actions: Vec<ActionRow>,
}

/// A priority's group (or, with `priority` `None`, the actions and
/// outcomes linked to no priority).
#[derive(Clone, Debug, PartialEq)]
pub struct PriorityGroup {
    pub priority: Option<Id>,
    pub code: String,
    pub title: String,
    pub overall: Overall,
    pub outcomes: Vec<OutcomeGroup>,
}

impl PriorityGroup {
    /// The heading a user sees: "Priority 1: Mental health".
    pub fn heading(&self) -> String {
        match &self.priority {
            None => "Not linked to a priority".to_owned(),
            Some(_) => join_code("Priority", &self.code, &self.title),
        }
    }
}

impl OutcomeGroup {
    pub fn heading(&self) -> String {
        match &self.outcome {
            None => "Not linked to an outcome".to_owned(),
            Some(_) => join_code("Outcome", &self.code, &self.title),
        }
    }
}

fn join_code(word: &str, code: &str, title: &str) -> String {
    let title = if title.trim().is_empty() {
        "(untitled)"
    } else {
        title
    };
    if code.trim().is_empty() {
        format!("{word}: {title}")
    } else {
        format!("{word} {code}: {title}")
    }
}

/// A measure's row.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRow {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub baseline: String,
    pub latest: String,
    pub target: String,
    pub standing: TargetStanding,
    /// "2 new data points" in the "since" variant.
    pub changed: Vec<String>,
}

pub fn target_standing_word(s: TargetStanding) -> &'static str {
    match s {
        TargetStanding::OnTarget => "On target",
        TargetStanding::OffTarget => "Off target",
        TargetStanding::Unknown => "Not known",
    }
}

/// A gap in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub id: Id,
    pub kind: Kind,
    pub code: String,
    pub text: String,
    pub problem: &'static str,
}

pub const GAP_AIM_NO_MEASURE: &str = "No measure shows whether this aim is improving.";
pub const GAP_ACTION_NO_LEAD: &str = "No lead is named for this action.";
pub const GAP_ACTION_NO_DUE: &str = "This action has no due date.";

/// The report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: String,
    pub partnership: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub today: NaiveDate,
    pub variant: Variant,
    pub summary: Summary,
    pub groups: Vec<PriorityGroup>,
    pub measures: Vec<MeasureRow>,
    /// Empty in the "since" variant (gaps are not changes).
    pub gaps: Vec<Gap>,
}

impl Report {
    /// "1-Aug-2024 to 31-Jul-2027", or what is known of it.
    pub fn period_text(&self) -> String {
        match (self.period_start, self.period_end) {
            (Some(s), Some(e)) => format!("{} to {}", report_date(s), report_date(e)),
            (Some(s), None) => format!("From {}", report_date(s)),
            (None, Some(e)) => format!("To {}", report_date(e)),
            (None, None) => String::new(),
        }
    }

    pub fn report_date_text(&self) -> String {
        report_date(self.today)
    }

    /// Every action row, group by group, in the report's order.
    pub fn action_rows(&self) -> impl Iterator<Item = (&PriorityGroup, &OutcomeGroup, &ActionRow)> {
        self.groups.iter().flat_map(|g| {
            g.outcomes
                .iter()
                .flat_map(move |o| o.actions.iter().map(move |a| (g, o, a)))
        })
    }
}

/// The latest update: by date, and of one day's the last written.
fn latest_update(action: &Action) -> Option<(NaiveDate, String)> {
    action
        .updates
        .iter()
        .max_by_key(|u| u.date)
        .map(|u| (u.date, u.text.clone()))
}

/// What changed for an action, in words.
pub fn change_words(c: &ActionChange) -> Vec<String> {
    let mut out = Vec::new();
    if c.completed {
        out.push("Completed".to_owned());
    } else if c.started {
        out.push("Started".to_owned());
    } else if let Some((was, now)) = c.status {
        // Cancelled, or put back: a change of status that is neither.
        out.push(format!("Status {} to {}", was.label(), now.label()));
    }
    if c.newly_overdue {
        out.push("Now overdue".to_owned());
    }
    if let Some((was, now)) = c.percent {
        out.push(format!("Progress {was}% to {now}%"));
    }
    if let Some((was, now)) = c.rag {
        let w = |r: Option<Rag>| r.map(Rag::label).unwrap_or("none");
        out.push(format!("RAG {} to {}", w(was), w(now)));
    }
    if c.new_updates > 0 {
        out.push(format!(
            "{} new update{}",
            c.new_updates,
            plural(c.new_updates)
        ));
    }
    out
}

fn action_row(action: &Action, plan: &Plan, today: NaiveDate, changed: Vec<String>) -> ActionRow {
    ActionRow {
        id: action.id.clone(),
        code: action.code.clone(),
        title: action.title.clone(),
        lead: action.lead.clone(),
        due: action.due,
        latest_update: latest_update(action),
        percent: whole_percent(rollup::progress_of(action)),
        status: action.status,
        rag: action.rag,
        standing: tracking::standing(action, today, &plan.meta.tracking),
        changed,
    }
}

fn target_words(t: &Option<Target>, unit: &str) -> String {
    let Some(t) = t else {
        return String::new();
    };
    let value = t.value.trim();
    let value = if !value.is_empty() && !unit.is_empty() && rollup::target_number(value).is_some() {
        if value.ends_with(unit.trim()) {
            value.to_owned()
        } else {
            match value.parse::<f64>() {
                Ok(v) => with_unit(v, unit),
                Err(_) => format!("{value}{unit}"),
            }
        }
    } else {
        value.to_owned()
    };
    match (value.is_empty(), t.by) {
        (_, None) => value,
        (true, Some(d)) => format!("By {}", report_date(d)),
        (false, Some(d)) => format!("{value} by {}", report_date(d)),
    }
}

/// A value with its unit: "64.9%", "12 children".
fn with_unit(v: f64, unit: &str) -> String {
    let unit = unit.trim();
    if unit.chars().next().is_some_and(char::is_alphanumeric) {
        format!("{v} {unit}")
    } else {
        format!("{v}{unit}")
    }
}

fn measure_row(m: &Measure, changed: Vec<String>) -> MeasureRow {
    let point = |p: &crate::model::plan::DataPoint| {
        let value = with_unit(p.value, &m.unit);
        if p.period.trim().is_empty() {
            value
        } else {
            format!("{} = {value}", p.period)
        }
    };
    MeasureRow {
        id: m.id.clone(),
        code: m.code.clone(),
        name: m.name.clone(),
        baseline: m.baseline.as_ref().map(point).unwrap_or_default(),
        latest: rollup::latest_point(m).map(point).unwrap_or_default(),
        target: target_words(&m.target, &m.unit),
        standing: rollup::target_standing(m),
        changed,
    }
}

/// The plan's links, indexed once, so that every group's members are
/// found without a pass over the whole plan per group. The members are
/// those of [`rollup::rollup`]: an outcome's aims, their actions, and the
/// measures evidencing the group or anything under it.
struct Index<'a> {
    plan: &'a Plan,
    /// Each outcome's aims (indices into `plan.aims`).
    outcome_aims: Vec<Vec<usize>>,
    /// Each aim's actions (indices into `plan.actions`).
    aim_actions: Vec<Vec<usize>>,
    /// The measures evidencing each item (indices into `plan.measures`).
    evidenced_by: HashMap<&'a Id, Vec<usize>>,
}

/// A group's actions and measures, in plan order, each once.
struct Members {
    actions: Vec<usize>,
    measures: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(plan: &'a Plan) -> Self {
        let outcome_pos: HashMap<&Id, usize> = plan
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| (&o.id, i))
            .collect();
        let aim_pos: HashMap<&Id, usize> = plan
            .aims
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        let mut outcome_aims = vec![Vec::new(); plan.outcomes.len()];
        for (ai, aim) in plan.aims.iter().enumerate() {
            for o in &aim.outcomes {
                if let Some(&oi) = outcome_pos.get(o) {
                    outcome_aims[oi].push(ai);
                }
            }
        }
        let mut aim_actions = vec![Vec::new(); plan.aims.len()];
        for (xi, action) in plan.actions.iter().enumerate() {
            for a in &action.aims {
                if let Some(&ai) = aim_pos.get(a) {
                    aim_actions[ai].push(xi);
                }
            }
        }
        let mut evidenced_by: HashMap<&Id, Vec<usize>> = HashMap::new();
        for (mi, m) in plan.measures.iter().enumerate() {
            for e in &m.evidences {
                evidenced_by.entry(e).or_default().push(mi);
            }
        }
        Index {
            plan,
            outcome_aims,
            aim_actions,
            evidenced_by,
        }
    }

    fn aims_of(&self, outcomes: &[usize]) -> Vec<usize> {
        let mut aims: Vec<usize> = outcomes
            .iter()
            .flat_map(|&o| self.outcome_aims[o].iter().copied())
            .collect();
        aims.sort_unstable();
        aims.dedup();
        aims
    }

    /// The actions serving the outcomes' aims, in plan order, each once.
    fn actions_of(&self, outcomes: &[usize]) -> Vec<usize> {
        let mut actions: Vec<usize> = self
            .aims_of(outcomes)
            .into_iter()
            .flat_map(|a| self.aim_actions[a].iter().copied())
            .collect();
        actions.sort_unstable();
        actions.dedup();
        actions
    }

    /// The members of a group (`group`: the priority's or outcome's own
    /// id) made of these outcomes.
    fn members(&self, group: &Id, outcomes: &[usize]) -> Members {
        let aims = self.aims_of(outcomes);
        let actions = self.actions_of(outcomes);
        let p = self.plan;
        let ids = std::iter::once(group)
            .chain(outcomes.iter().map(|&o| &p.outcomes[o].id))
            .chain(aims.iter().map(|&a| &p.aims[a].id))
            .chain(actions.iter().map(|&x| &p.actions[x].id));
        let mut measures: Vec<usize> = ids
            .flat_map(|id| self.evidenced_by.get(id).into_iter().flatten().copied())
            .collect();
        measures.sort_unstable();
        measures.dedup();
        Members { actions, measures }
    }
}

/// Builds the report of `plan` on `today`. With `since`, the "since the
/// last review" variant: only actions and measures that changed between
/// the end of that day and today are listed, each saying what changed,
/// and the gaps are left out; the summary still describes the whole plan.
pub fn build(plan: &Plan, today: NaiveDate, since: Option<NaiveDate>) -> Report {
    let settings = &plan.meta.tracking;
    let changes = since.map(|s| review::changes_since(plan, s, today));
    let changed_actions: Option<HashMap<&Id, Vec<String>>> = changes.as_ref().map(|c| {
        c.actions
            .iter()
            .map(|ch| (&ch.id, change_words(ch)))
            .collect()
    });
    let listed = |a: &Action| -> Option<Vec<String>> {
        match &changed_actions {
            None => Some(Vec::new()),
            Some(c) => c.get(&a.id).cloned(),
        }
    };

    // This period: since the last review, else the plan's start.
    let period_from = match review::last_review(plan, today) {
        Some(r) => PeriodFrom::LastReview(r),
        None => match plan.meta.period_start {
            Some(s) => PeriodFrom::PlanStart(s),
            None => PeriodFrom::Beginning,
        },
    };
    let completed_this_period = plan
        .actions
        .iter()
        .filter(|a| a.status == Status::Completed)
        .filter(|a| match period_from {
            PeriodFrom::LastReview(r) => review::state_on(a, r).status != Status::Completed,
            PeriodFrom::PlanStart(s) => s
                .pred_opt()
                .is_none_or(|before| review::state_on(a, before).status != Status::Completed),
            PeriodFrom::Beginning => true,
        })
        .count();

    let plan_rollup = rollup::plan_rollup(plan, today);
    let standings = STANDINGS
        .iter()
        .map(|&s| {
            let n = plan
                .actions
                .iter()
                .filter(|a| tracking::standing(a, today, settings) == s)
                .count();
            (s, n)
        })
        .collect();

    let index = Index::new(plan);
    let rollup_of = |m: &Members| {
        rollup::rollup_over(
            m.actions.iter().map(|&i| &plan.actions[i]),
            m.measures.iter().map(|&i| &plan.measures[i]),
            today,
        )
    };
    let rows_of = |actions: &[usize]| -> Vec<ActionRow> {
        actions
            .iter()
            .map(|&i| &plan.actions[i])
            .filter_map(|a| listed(a).map(|ch| action_row(a, plan, today, ch)))
            .collect()
    };
    // Outcome groups: each outcome's actions, in plan order.
    let outcome_group = |oi: usize| -> OutcomeGroup {
        let o = &plan.outcomes[oi];
        let m = index.members(&o.id, &[oi]);
        OutcomeGroup {
            outcome: Some(o.id.clone()),
            code: o.code.clone(),
            title: o.statement.clone(),
            overall: Overall::of(rollup_of(&m)),
            actions: rows_of(&m.actions),
        }
    };

    let mut groups = Vec::new();
    let mut reached = vec![false; plan.actions.len()];
    let mut priorities = Vec::new();
    for p in &plan.priorities {
        let mine: Vec<usize> = plan
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.priorities.contains(&p.id))
            .map(|(i, _)| i)
            .collect();
        let m = index.members(&p.id, &mine);
        for &i in &m.actions {
            reached[i] = true;
        }
        let r = rollup_of(&m);
        priorities.push(PriorityProgress {
            code: p.code.clone(),
            title: p.title.clone(),
            actions: r.actions,
            percent: r.mean_percent.map(whole_percent),
        });
        let outcomes: Vec<OutcomeGroup> = mine
            .into_iter()
            .map(outcome_group)
            .filter(|g| changes.is_none() || !g.actions.is_empty())
            .collect();
        if changes.is_some() && outcomes.is_empty() {
            continue;
        }
        groups.push(PriorityGroup {
            priority: Some(p.id.clone()),
            code: p.code.clone(),
            title: p.title.clone(),
            overall: Overall::of(r),
            outcomes,
        });
    }

    // Whatever no priority reaches: outcomes linked to no priority, then
    // actions that reach no outcome.
    let priority_ids: HashSet<&Id> = plan.priorities.iter().map(|p| &p.id).collect();
    let mut loose: Vec<OutcomeGroup> = (0..plan.outcomes.len())
        .filter(|&i| {
            !plan.outcomes[i]
                .priorities
                .iter()
                .any(|p| priority_ids.contains(p))
        })
        .map(outcome_group)
        .filter(|g| changes.is_none() || !g.actions.is_empty())
        .collect();
    let all_outcomes: Vec<usize> = (0..plan.outcomes.len()).collect();
    let mut in_outcomes = vec![false; plan.actions.len()];
    for i in index.actions_of(&all_outcomes) {
        in_outcomes[i] = true;
    }
    let unreached: Vec<usize> = (0..plan.actions.len()).filter(|&i| !reached[i]).collect();
    let no_outcome: Vec<usize> = unreached
        .iter()
        .copied()
        .filter(|&i| !in_outcomes[i])
        .collect();
    let no_outcome_rows = rows_of(&no_outcome);
    let only_actions = |actions: &[usize]| {
        rollup::rollup_over(actions.iter().map(|&i| &plan.actions[i]), [], today)
    };
    if !no_outcome_rows.is_empty() {
        loose.push(OutcomeGroup {
            outcome: None,
            code: String::new(),
            title: String::new(),
            overall: Overall::of(only_actions(&no_outcome)),
            actions: no_outcome_rows,
        });
    }
    if !loose.is_empty() {
        groups.push(PriorityGroup {
            priority: None,
            code: String::new(),
            title: String::new(),
            overall: Overall::of(only_actions(&unreached)),
            outcomes: loose,
        });
    }

    let measures = plan
        .measures
        .iter()
        .filter_map(|m| match &changes {
            None => Some(measure_row(m, Vec::new())),
            Some(c) => c.measure(&m.id).map(|mc| {
                measure_row(
                    m,
                    vec![format!(
                        "{} new data point{}",
                        mc.new_points,
                        plural(mc.new_points)
                    )],
                )
            }),
        })
        .collect();

    let gaps = if changes.is_some() {
        Vec::new()
    } else {
        gaps(plan)
    };

    Report {
        title: plan.display_title().to_owned(),
        partnership: plan.meta.partnership.clone(),
        period_start: plan.meta.period_start,
        period_end: plan.meta.period_end,
        today,
        variant: since.map_or(Variant::Whole, Variant::SinceReview),
        summary: Summary {
            percent: plan_rollup.mean_percent.map(whole_percent),
            plan: plan_rollup,
            standings,
            period_from,
            completed_this_period,
            priorities,
            changed_actions: changes.as_ref().map(|c| c.actions.len()),
            changed_measures: changes.as_ref().map(|c| c.measures.len()),
        },
        groups,
        measures,
        gaps,
    }
}

/// The gaps: outcomes no aim drives, aims no action serves, aims no
/// measure evidences, actions with no lead, actions with no due date; in
/// that order, each in plan order.
pub fn gaps(plan: &Plan) -> Vec<Gap> {
    let facts = card_facts(plan);
    let mut out = Vec::new();
    for o in &plan.outcomes {
        if facts.get(&o.id).is_some_and(|f| f.aims == 0) {
            out.push(Gap {
                id: o.id.clone(),
                kind: Kind::Outcome,
                code: o.code.clone(),
                text: o.statement.clone(),
                problem: GAP_OUTCOME_NO_AIM,
            });
        }
    }
    for (check, problem) in [
        (
            (|f: &crate::model::diagram::chain::CardFacts| f.actions == 0)
                as fn(&crate::model::diagram::chain::CardFacts) -> bool,
            GAP_AIM_NO_ACTION,
        ),
        (|f| f.measures == 0, GAP_AIM_NO_MEASURE),
    ] {
        for a in &plan.aims {
            if facts.get(&a.id).is_some_and(check) {
                out.push(Gap {
                    id: a.id.clone(),
                    kind: Kind::Aim,
                    code: a.code.clone(),
                    text: a.statement.clone(),
                    problem,
                });
            }
        }
    }
    for (check, problem) in [
        (
            tracking::is_unassigned as fn(&Action) -> bool,
            GAP_ACTION_NO_LEAD,
        ),
        (|a: &Action| a.due.is_none(), GAP_ACTION_NO_DUE),
    ] {
        for a in plan.actions.iter().filter(|a| check(a)) {
            out.push(Gap {
                id: a.id.clone(),
                kind: Kind::Action,
                code: a.code.clone(),
                text: a.title.clone(),
                problem,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Out of the browser: the action list as CSV, the tables for Word
// ---------------------------------------------------------------------------

/// The CSV's columns.
pub const CSV_HEADER: [&str; 14] = [
    "Priority",
    "Outcome",
    "Action code",
    "Action",
    "Lead",
    "Due date",
    "Due date (UK)",
    "Latest update date",
    "Latest update date (UK)",
    "Latest update",
    "Progress (%)",
    "Status",
    "RAG",
    "What changed",
];

/// The report's action list as CSV rows (one per row of the report's
/// action tables: an action listed in two groups is two rows), dates in
/// ISO form and in the report's UK form.
pub fn action_csv_rows(report: &Report) -> Vec<Vec<String>> {
    report
        .action_rows()
        .map(|(g, o, a)| {
            let (upd_iso, upd_uk) = a
                .latest_update
                .as_ref()
                .map(|(d, _)| (d.to_string(), report_date(*d)))
                .unwrap_or_default();
            vec![
                g.heading(),
                o.heading(),
                a.code.clone(),
                a.title.clone(),
                a.lead.clone(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.due_text(),
                upd_iso,
                upd_uk,
                a.update_text().to_owned(),
                a.percent.to_string(),
                a.standing_word().to_owned(),
                a.rag.map(Rag::label).unwrap_or("").to_owned(),
                a.changed.join("; "),
            ]
        })
        .collect()
}

/// The action list as a CSV file (UTF-8 with a byte-order mark, RFC 4180).
pub fn action_csv(report: &Report) -> Vec<u8> {
    csv_bytes(&CSV_HEADER, action_csv_rows(report))
}

/// The CSV's file name: the plan's file name with "-progress-report" and
/// the date, e.g. "glenmuir-plan-progress-report-2026-03-31.csv".
pub fn csv_file_name(report: &Report) -> String {
    let base = crate::model::format::file_name_for(&report.title);
    let stem = base.strip_suffix(".json").unwrap_or(&base);
    format!("{stem}-progress-report-{}.csv", report.today)
}

/// One of the report's tables, as plain cells, for Copy for Word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// A heading printed before the table.
    pub heading: String,
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// An "Overall progress" or group row (bold in Word).
    pub emphasis: bool,
    pub cells: Vec<String>,
}

fn row(cells: Vec<String>) -> TableRow {
    TableRow {
        emphasis: false,
        cells,
    }
}

/// The column headings of an action table.
pub const ACTION_COLUMNS: [&str; 7] = [
    "Action code",
    "Action title",
    "Lead",
    "Due date",
    "Latest status update",
    "Progress",
    "Status",
];

/// The report's tables in order: the summary, each outcome group's
/// actions (headed by its priority and outcome), the measures and the
/// gaps.
pub fn tables(report: &Report) -> Vec<Table> {
    let s = &report.summary;
    let mut out = Vec::new();
    let pct = |p: Option<u8>| p.map(|p| format!("{p}%")).unwrap_or_default();
    let mut summary = vec![
        row(vec!["Actions".into(), s.plan.actions.to_string()]),
        row(vec!["Not started".into(), s.plan.not_started.to_string()]),
        row(vec!["In progress".into(), s.plan.in_progress.to_string()]),
        row(vec!["Completed".into(), s.plan.completed.to_string()]),
        row(vec!["Cancelled".into(), s.plan.cancelled.to_string()]),
        row(vec!["Overdue".into(), s.plan.overdue.to_string()]),
        row(vec![
            "Completed this period".into(),
            s.completed_this_period.to_string(),
        ]),
        row(vec!["RAG red".into(), s.plan.red.to_string()]),
        row(vec!["RAG amber".into(), s.plan.amber.to_string()]),
        row(vec!["RAG green".into(), s.plan.green.to_string()]),
        row(vec!["No RAG".into(), s.plan.no_rag.to_string()]),
        row(vec!["Overall progress".into(), pct(s.percent)]),
    ];
    for p in &s.priorities {
        summary.push(row(vec![
            join_code("Priority", &p.code, &p.title),
            pct(p.percent),
        ]));
    }
    out.push(Table {
        heading: format!("Summary at {}", report.report_date_text()),
        header: vec!["".into(), "Number".into()],
        rows: summary,
    });
    let since = matches!(report.variant, Variant::SinceReview(_));
    for g in &report.groups {
        for o in &g.outcomes {
            let mut header: Vec<String> = ACTION_COLUMNS.iter().map(|&c| c.to_owned()).collect();
            if since {
                header.push("What changed".into());
            }
            let mut rows = vec![TableRow {
                emphasis: true,
                cells: {
                    let mut c = vec![
                        "".into(),
                        "Overall progress".into(),
                        "".into(),
                        "".into(),
                        o.overall.words(),
                        pct(o.overall.percent),
                        "".into(),
                    ];
                    if since {
                        c.push("".into());
                    }
                    c
                },
            }];
            for a in &o.actions {
                let mut c = vec![
                    a.code.clone(),
                    a.title.clone(),
                    a.lead.clone(),
                    a.due_text(),
                    a.update_text().to_owned(),
                    format!("{}%", a.percent),
                    a.standing_word().to_owned(),
                ];
                if since {
                    c.push(a.changed.join("; "));
                }
                rows.push(row(c));
            }
            out.push(Table {
                heading: format!("{} — {}", g.heading(), o.heading()),
                header,
                rows,
            });
        }
    }
    if !report.measures.is_empty() {
        let mut header: Vec<String> = [
            "Code", "Measure", "Baseline", "Latest", "Target", "Standing",
        ]
        .iter()
        .map(|&c| c.to_owned())
        .collect();
        if since {
            header.push("What changed".into());
        }
        out.push(Table {
            heading: "Measures".into(),
            header,
            rows: report
                .measures
                .iter()
                .map(|m| {
                    let mut c = vec![
                        m.code.clone(),
                        m.name.clone(),
                        m.baseline.clone(),
                        m.latest.clone(),
                        m.target.clone(),
                        target_standing_word(m.standing).to_owned(),
                    ];
                    if since {
                        c.push(m.changed.join("; "));
                    }
                    row(c)
                })
                .collect(),
        });
    }
    if !report.gaps.is_empty() {
        out.push(Table {
            heading: "Gaps in the plan".into(),
            header: ["Item", "Code", "Text", "Gap"]
                .iter()
                .map(|&c| c.to_owned())
                .collect(),
            rows: report
                .gaps
                .iter()
                .map(|g| {
                    let kind = g.kind.label();
                    let mut k = kind.to_owned();
                    if let Some(first) = k.get_mut(0..1) {
                        first.make_ascii_uppercase();
                    }
                    row(vec![
                        k,
                        g.code.clone(),
                        g.text.clone(),
                        g.problem.to_owned(),
                    ])
                })
                .collect(),
        });
    }
    out
}

/// Text made safe inside HTML (element content and quoted attributes).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's tables as HTML for the clipboard: real tables that paste
/// into Word or Excel as tables, every user text escaped.
pub fn tables_html(report: &Report) -> String {
    let cell = "border:1px solid #000;padding:2pt 4pt;vertical-align:top;text-align:left";
    let mut h = String::new();
    h.push_str("<html><head><meta charset=\"utf-8\"></head><body>");
    h.push_str(&format!("<h1>{}</h1>", escape_html(&report.title)));
    let mut sub = format!("Progress report at {}", report.report_date_text());
    let period = report.period_text();
    if !period.is_empty() {
        sub.push_str(&format!(". Plan period {period}"));
    }
    if let Variant::SinceReview(d) = report.variant {
        sub.push_str(&format!(
            ". Only what changed since the review of {}",
            report_date(d)
        ));
    }
    h.push_str(&format!("<p>{}.</p>", escape_html(&sub)));
    for t in tables(report) {
        h.push_str(&format!("<h2>{}</h2>", escape_html(&t.heading)));
        h.push_str("<table style=\"border-collapse:collapse\"><thead><tr>");
        for c in &t.header {
            h.push_str(&format!(
                "<th scope=\"col\" style=\"{cell}\">{}</th>",
                escape_html(c)
            ));
        }
        h.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            h.push_str("<tr>");
            for c in &r.cells {
                if r.emphasis {
                    h.push_str(&format!(
                        "<td style=\"{cell};font-weight:bold\">{}</td>",
                        escape_html(c)
                    ));
                } else {
                    h.push_str(&format!("<td style=\"{cell}\">{}</td>", escape_html(c)));
                }
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>");
    h
}

/// A CSS string literal holding `s` as text (for the printed pages'
/// header, whose words come from the plan): quotes and backslashes
/// escaped, control characters (line breaks) as CSS escapes.
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A cell for tab-separated text: tabs and line breaks become spaces.
fn tsv_cell(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The report's tables as tab-separated text (the clipboard's plain text,
/// which Excel reads as cells): each table's heading on its own line, then
/// its header and rows, with a blank line between tables.
pub fn tables_tsv(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&tsv_cell(&report.title));
    out.push('\n');
    out.push_str(&format!(
        "Progress report at {}\n",
        report.report_date_text()
    ));
    for t in tables(report) {
        out.push('\n');
        out.push_str(&tsv_cell(&t.heading));
        out.push('\n');
        let line = |cells: &[String]| {
            cells
                .iter()
                .map(|c| tsv_cell(c))
                .collect::<Vec<_>>()
                .join("\t")
        };
        out.push_str(&line(&t.header));
        out.push('\n');
        for r in &t.rows {
            out.push_str(&line(&r.cells));
            out.push('\n');
        }
    }
    out
}
