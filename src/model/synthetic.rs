//! Synthetic plans of a given size with realistic link density, for the
//! benchmark and for tests. Deterministic: the same size and seed give the
//! same plan.
//!
//! Proportions: about 2% priorities (at least one), 6% outcomes, 14% aims (a
//! quarter of them secondary drivers), 46% actions and 32% measures. Each
//! outcome belongs to one priority; each aim drives one outcome (15% two);
//! each action serves one aim (20% two); each measure evidences one action,
//! aim or outcome (mostly actions and aims; 10% two). About 3% of aims,
//! actions and measures are left unlinked (ideas to place). As in real
//! plans, items are mostly listed under the item they link to, so plan
//! order is already a fair driver diagram; a quarter of first links and all
//! second links go anywhere.
//!
//! `add_tracking` gives such a plan a year's tracking; `add_measure_series`
//! and `synthetic_measures_plan` give it measures with long monthly series
//! of every chart kind, for the charts' benchmark.

use chrono::{Days, NaiveDate};

use super::plan::{
    Action, Aim, ChartKind, ChartSettings, DataPoint, Direction, DriverLevel, Id, Kind, Measure,
    Outcome, Plan, PlanMeta, Priority, Rag, Review, RunRules, Status, Target, Update,
    DEFAULT_BASELINE_POINTS,
};

/// SplitMix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const GROUPS: &[&str] = &[
    "care-experienced young people",
    "children under five",
    "young carers",
    "children with additional support needs",
    "families living in poverty",
    "pupils in P7 to S4",
    "young people leaving care",
    "children on the child protection register",
    "kinship carers",
    "parents of babies",
    "disabled children and young people",
    "children in rural localities",
];

const RESULTS: &[&str] = &[
    "are in positive destinations",
    "say they feel safe at home and in the community",
    "attend school regularly",
    "get help for their mental health within 18 weeks",
    "live with their brothers and sisters",
    "reach their developmental milestones",
    "say adults listen to them",
    "have a trusted adult they can talk to",
    "are physically active every week",
    "stay in a stable placement for a year or more",
];

const CHANGES: &[&str] = &[
    "Increase the number of",
    "Reduce the waiting time for",
    "Improve the experience of",
    "Widen the support offered to",
    "Strengthen early help for",
    "Reduce exclusions of",
];

const VERBS: &[&str] = &[
    "Introduce",
    "Pilot",
    "Extend",
    "Review",
    "Co-design",
    "Deliver",
    "Publish",
    "Train staff in",
    "Set up",
    "Audit",
];

const THINGS: &[&str] = &[
    "a single point of contact",
    "the family support hub",
    "a shared assessment toolkit",
    "peer mentoring",
    "a drop-in service",
    "trauma-informed practice",
    "the wellbeing survey",
    "joint referral meetings",
    "an online directory of support",
    "transition planning",
];

const PARTNERS: &[&str] = &[
    "with health visitors",
    "with the third sector",
    "in every secondary school",
    "across the three localities",
    "with Police Scotland",
    "with young people's forums",
    "with school nursing",
    "",
];

const MEASURES: &[&str] = &[
    "Percentage of",
    "Number of",
    "Average waiting time in weeks for",
    "Proportion of",
];

const THEMES: &[&str] = &[
    "Mental health and wellbeing",
    "Keeping children safe",
    "Keeping The Promise",
    "Tackling child poverty",
    "Children's rights and participation",
    "Early years",
    "Learning and achievement",
    "Physical health",
];

/// Keeps a text within 30 to 150 characters (at a word boundary when cut).
fn fit(mut s: String, rng: &mut Rng) -> String {
    while s.chars().count() < 30 {
        s.push_str(", ");
        s.push_str(rng.pick(&PARTNERS[..PARTNERS.len() - 1]));
    }
    if s.chars().count() > 150 {
        let cut: String = s.chars().take(150).collect();
        s = match cut.rfind(' ') {
            Some(i) if i >= 30 => cut[..i].trim_end_matches(',').to_owned(),
            _ => cut,
        };
    }
    s
}

/// The parent of the `i`th of `n` children among `parents` items: mostly
/// the one it is listed under, sometimes any.
fn first_parent(i: usize, n: usize, parents: usize, rng: &mut Rng) -> usize {
    if rng.chance(25) {
        rng.below(parents)
    } else {
        (i * parents / n.max(1)).min(parents - 1)
    }
}

/// A second parent, different from `first` if there is one.
fn second_parent(first: usize, parents: usize, rng: &mut Rng) -> Option<usize> {
    if parents < 2 {
        return None;
    }
    let other = (first + 1 + rng.below(parents - 1)) % parents;
    Some(other)
}

/// Something for a measure to evidence: an action (55%), an aim (30%) or
/// an outcome (15%), falling back to another kind when there are none. With
/// `listed` (the measure's index and the number of measures) it is mostly
/// the item the measure is listed under; otherwise any.
fn evidence(plan: &Plan, listed: Option<(usize, usize)>, rng: &mut Rng) -> Option<Id> {
    let roll = rng.below(100);
    let order = if roll < 55 {
        [Kind::Action, Kind::Aim, Kind::Outcome]
    } else if roll < 85 {
        [Kind::Aim, Kind::Action, Kind::Outcome]
    } else {
        [Kind::Outcome, Kind::Aim, Kind::Action]
    };
    let len = |k: Kind| match k {
        Kind::Action => plan.actions.len(),
        Kind::Aim => plan.aims.len(),
        _ => plan.outcomes.len(),
    };
    let kind = order.into_iter().find(|&k| len(k) > 0)?;
    let n = len(kind);
    let k = match listed {
        Some((i, count)) => first_parent(i, count, n, rng),
        None => rng.below(n),
    };
    Some(match kind {
        Kind::Action => plan.actions[k].id.clone(),
        Kind::Aim => plan.aims[k].id.clone(),
        _ => plan.outcomes[k].id.clone(),
    })
}

/// A plan with `items` items in all (priorities, outcomes, aims, actions and
/// measures in proportions like the real plans).
pub fn synthetic_plan(items: usize, seed: u64) -> Plan {
    let mut rng = Rng(seed ^ (items as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let share = |percent: usize| (items * percent + 50) / 100;
    let n_pri = if items == 0 { 0 } else { share(2).max(1) };
    let mut left = items - n_pri;
    let mut take = |n: usize| {
        let n = n.min(left);
        left -= n;
        n
    };
    let n_out = take(share(6));
    let n_aim = take(share(14));
    let n_act = take(share(46));
    let n_mea = take(usize::MAX);

    let mut plan = Plan {
        id: Id(format!("synthetic-{items}-{seed}")),
        meta: PlanMeta {
            title: format!("Synthetic plan ({items} items)"),
            partnership: "Synthetic Children's Services Partnership".into(),
            ..Default::default()
        },
        ..Default::default()
    };

    for i in 0..n_pri {
        plan.priorities.push(Priority {
            id: Id(format!("syn-p{}", i + 1)),
            code: format!("P{}", i + 1),
            title: THEMES[i % THEMES.len()].to_owned(),
            description: String::new(),
        });
    }

    for i in 0..n_out {
        let p = first_parent(i, n_out, n_pri, &mut rng);
        let more = if rng.chance(50) { "More" } else { "Fewer" };
        let text = format!("{more} {} {}", rng.pick(GROUPS), rng.pick(RESULTS));
        plan.outcomes.push(Outcome {
            id: Id(format!("syn-o{}", i + 1)),
            code: format!("O{}", i + 1),
            statement: fit(text, &mut rng),
            priorities: vec![plan.priorities[p].id.clone()],
            ..Default::default()
        });
    }

    // Aims: numbered within their first outcome ("A3.2").
    let mut per_parent = vec![0usize; n_out];
    for i in 0..n_aim {
        let text = format!(
            "{} {} who {}",
            rng.pick(CHANGES),
            rng.pick(GROUPS),
            rng.pick(RESULTS).replace("are in", "move into")
        );
        let level = if rng.chance(25) {
            DriverLevel::Secondary
        } else {
            DriverLevel::Primary
        };
        let mut outcomes = Vec::new();
        let code;
        if n_out == 0 || rng.chance(3) {
            code = format!("A{}", i + 1);
        } else {
            let o = first_parent(i, n_aim, n_out, &mut rng);
            per_parent[o] += 1;
            code = format!("A{}.{}", o + 1, per_parent[o]);
            outcomes.push(plan.outcomes[o].id.clone());
            if rng.chance(15) {
                if let Some(o2) = second_parent(o, n_out, &mut rng) {
                    outcomes.push(plan.outcomes[o2].id.clone());
                }
            }
        }
        plan.aims.push(Aim {
            id: Id(format!("syn-a{}", i + 1)),
            code,
            statement: fit(text, &mut rng),
            level,
            outcomes,
            ..Default::default()
        });
    }

    for i in 0..n_act {
        let partner = rng.pick(PARTNERS);
        let text = format!(
            "{} {} for {} {partner}",
            rng.pick(VERBS),
            rng.pick(THINGS),
            rng.pick(GROUPS)
        );
        let mut aims = Vec::new();
        if n_aim > 0 && !rng.chance(3) {
            let a = first_parent(i, n_act, n_aim, &mut rng);
            aims.push(plan.aims[a].id.clone());
            if rng.chance(20) {
                if let Some(a2) = second_parent(a, n_aim, &mut rng) {
                    aims.push(plan.aims[a2].id.clone());
                }
            }
        }
        plan.actions.push(Action {
            id: Id(format!("syn-x{}", i + 1)),
            code: format!("{}", i + 1),
            title: fit(text.trim_end().to_owned(), &mut rng),
            aims,
            ..Default::default()
        });
    }

    for i in 0..n_mea {
        let text = format!(
            "{} {} who {}",
            rng.pick(MEASURES),
            rng.pick(GROUPS),
            rng.pick(RESULTS)
        );
        let mut evidences: Vec<Id> = Vec::new();
        if !rng.chance(3) {
            if let Some(first) = evidence(&plan, Some((i, n_mea)), &mut rng) {
                evidences.push(first);
                if rng.chance(10) {
                    if let Some(second) = evidence(&plan, None, &mut rng) {
                        if !evidences.contains(&second) {
                            evidences.push(second);
                        }
                    }
                }
            }
        }
        plan.measures.push(Measure {
            id: Id(format!("syn-m{}", i + 1)),
            code: format!("M{}", i + 1),
            name: fit(text, &mut rng),
            unit: "%".into(),
            frequency: "Quarterly".into(),
            evidences,
            ..Default::default()
        });
    }
    plan
}

/// The leads given to synthetic actions (people, roles and groups).
const LEADS: &[&str] = &[
    "Head of Children's Services",
    "CPC Practice Improvement Working Group",
    "Lead Nurse, Child Health",
    "Education Quality Improvement Officer",
    "Police Scotland Divisional Lead",
    "Third Sector Interface",
    "Principal Educational Psychologist",
    "Service Manager, Throughcare",
];

/// Gives a synthetic plan the life of its year, for the tracking screens'
/// benchmark and tests: every action a lead (3% none), a start and a due
/// date around `around` (some past due, some ahead), a status, progress,
/// RAG and up to three dated updates that record them; measures get a few
/// dated data points and targets; the plan gets two reviews. Deterministic
/// for the same plan, seed and date. `synthetic_plan` itself is left as it
/// is, so that the diagram's benchmark keeps measuring the same plans.
pub fn add_tracking(plan: &mut Plan, seed: u64, around: NaiveDate) {
    let mut rng = Rng(seed ^ 0x7A3B_11C5_D00D_F00D);
    let day = |d: NaiveDate, n: i64| {
        if n >= 0 {
            d.checked_add_days(Days::new(n as u64)).unwrap_or(d)
        } else {
            d.checked_sub_days(Days::new((-n) as u64)).unwrap_or(d)
        }
    };
    for a in &mut plan.actions {
        a.lead = if rng.chance(3) {
            String::new()
        } else {
            rng.pick(LEADS).to_owned()
        };
        let start = day(around, -(rng.below(400) as i64));
        let due = day(start, 60 + rng.below(600) as i64);
        a.start = Some(start);
        a.due = Some(due);
        let roll = rng.below(100);
        a.status = if start > around || roll < 15 {
            Status::NotStarted
        } else if roll < 75 {
            Status::InProgress
        } else if roll < 95 {
            Status::Completed
        } else {
            Status::Cancelled
        };
        a.percent = match a.status {
            Status::NotStarted => 0,
            Status::Completed => 100,
            _ => rng.below(100) as u8,
        };
        a.rag = match rng.below(10) {
            0 => None,
            1..=2 => Some(Rag::Red),
            3..=5 => Some(Rag::Amber),
            _ => Some(Rag::Green),
        };
        a.updates.clear();
        if start <= around {
            let span = (around - start).num_days().max(1) as usize;
            let n = rng.below(4);
            let mut dates: Vec<NaiveDate> = (0..n)
                .map(|_| day(start, rng.below(span + 1) as i64))
                .collect();
            dates.sort();
            for (i, date) in dates.into_iter().enumerate() {
                let last = i + 1 == n;
                a.updates.push(Update {
                    date,
                    text: format!(
                        "{} reported progress with {}",
                        a.lead
                            .trim()
                            .is_empty()
                            .then_some("The group")
                            .unwrap_or(&a.lead),
                        rng.pick(GROUPS)
                    ),
                    status: Some(if last { a.status } else { Status::InProgress }),
                    percent: Some(if last {
                        a.percent
                    } else {
                        a.percent * (i as u8 + 1) / (n as u8 + 1)
                    }),
                    rag: a.rag,
                });
            }
        }
    }
    for m in &mut plan.measures {
        let base = 40.0 + rng.below(40) as f64;
        m.baseline = Some(DataPoint {
            period: "Baseline".into(),
            value: base,
            date: Some(day(around, -400)),
            ..Default::default()
        });
        m.target = Some(super::plan::Target {
            value: format!("{}%", base as u32 + 10),
            by: Some(day(around, 300)),
        });
        m.data = (0..rng.below(5))
            .map(|q| DataPoint {
                period: format!("Quarter {}", q + 1),
                value: base + rng.below(15) as f64,
                date: Some(day(around, -(90 * (4 - q as i64)))),
                ..Default::default()
            })
            .collect();
    }
    plan.meta.reviews = vec![
        Review {
            date: day(around, -180),
            note: "Half-year review".into(),
        },
        Review {
            date: day(around, -90),
            note: "Quarter review".into(),
        },
    ];
}

/// Names of a measure with a series; the unit that goes with each.
const SERIES_NAMES: &[(&str, &str)] = &[
    ("Percentage of", "%"),
    ("Number of", ""),
    ("Average waiting time in weeks for", "weeks"),
    ("Proportion of", "%"),
];

/// Changes marked on a chart where the process changed.
const CHANGE_NOTES: &[&str] = &[
    "New triage started",
    "Drop-in service opened",
    "Referral form simplified",
    "Family support hub opened",
    "Staff trained in trauma-informed practice",
    "Joint referral meetings began",
    "Peer mentoring extended to all schools",
];

/// Reasons a point is left out of the rules (a known special cause).
const EXCLUSIONS: &[&str] = &[
    "Recording system outage that month",
    "Counting method changed for one month",
    "Schools closed for severe weather",
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The first month of every synthetic series (a fixed date, so that the
/// series do not depend on the day they are made).
const SERIES_START: (i32, u32) = (2021, 1);

/// A standard normal deviate (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = |rng: &mut Rng| ((rng.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let (a, b) = (u(rng), u(rng));
    (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
}

/// One decimal place.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The `k`th month from SERIES_START: its label ("Mar 2025", as
/// `charts::periods` writes it) and its last day.
fn month(k: usize) -> (String, NaiveDate) {
    let m0 = SERIES_START.1 as usize - 1 + k;
    let year = SERIES_START.0 + (m0 / 12) as i32;
    let m = (m0 % 12) as u32 + 1;
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, m + 1, 1)
    }
    .expect("a month within chrono's range");
    let last = first_next.pred_opt().expect("a day before it");
    (format!("{} {year}", MONTHS[m as usize - 1]), last)
}

/// How a synthetic series changes.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    /// No change: common-cause variation only.
    Stable,
    /// A step of this many standard deviations at a point.
    Shift(f64),
    /// A steady climb (or fall) of this many standard deviations over the
    /// points after the change.
    Trend(f64),
    /// A step as `Shift`, with a new phase (its own centre line) from it.
    NewPhase(f64),
}

/// Something for a series to evidence: an outcome (45%), an aim (45%) or an
/// action (10%), so that filtering the Measures screen by priority or
/// outcome has something to find; falling back to another kind when there
/// are none.
fn series_evidence(plan: &Plan, rng: &mut Rng) -> Option<Id> {
    let roll = rng.below(100);
    let order = if roll < 45 {
        [Kind::Outcome, Kind::Aim, Kind::Action]
    } else if roll < 90 {
        [Kind::Aim, Kind::Outcome, Kind::Action]
    } else {
        [Kind::Action, Kind::Aim, Kind::Outcome]
    };
    order.into_iter().find_map(|k| match k {
        Kind::Outcome if !plan.outcomes.is_empty() => {
            Some(plan.outcomes[rng.below(plan.outcomes.len())].id.clone())
        }
        Kind::Aim if !plan.aims.is_empty() => {
            Some(plan.aims[rng.below(plan.aims.len())].id.clone())
        }
        Kind::Action if !plan.actions.is_empty() => {
            Some(plan.actions[rng.below(plan.actions.len())].id.clone())
        }
        _ => None,
    })
}

/// Adds `measures` measures with `points` monthly data points each, for the
/// charts' benchmark and tests. A mix of charts: about 35% run charts read
/// by Anhøj's rules, 15% by the IHI rules, 25% XmR and 25% P charts (whose
/// points all have a count and a total). About 45% of the series shift by
/// 1.5 to 3 standard deviations somewhere in their middle third, 15% trend
/// from there and 15% start a new phase there; the rest only vary, so the
/// charts show signals of both directions and none. Changes are mostly
/// marked with a note, about 15% of series have a point left out (an
/// outlier with its reason), a quarter take a 20-point baseline, 60% have a
/// target. Each measure evidences an outcome or an aim of the plan (now and
/// then an action; 10% a second item; 2% nothing). Deterministic for the
/// same plan, counts and seed; the points run monthly from January 2021.
pub fn add_measure_series(plan: &mut Plan, measures: usize, points: usize, seed: u64) {
    let mut rng =
        Rng(seed ^ 0x5EED_C4A2_7000_0001 ^ (measures as u64).wrapping_mul(points as u64 + 1));
    let first_code = plan.measures.len() + 1;
    for i in 0..measures {
        let roll = rng.below(100);
        let (kind, rules) = match roll {
            0..=34 => (ChartKind::Run, RunRules::Anhoej),
            35..=49 => (ChartKind::Run, RunRules::Ihi),
            50..=74 => (ChartKind::Xmr, RunRules::Anhoej),
            _ => (ChartKind::P, RunRules::Anhoej),
        };
        let (lead, unit) = if kind == ChartKind::P {
            SERIES_NAMES[if rng.chance(50) { 0 } else { 3 }]
        } else {
            SERIES_NAMES[rng.below(SERIES_NAMES.len())]
        };
        let direction = if unit == "weeks" || rng.chance(30) {
            Direction::LowerIsBetter
        } else {
            Direction::HigherIsBetter
        };
        let baseline_points = if rng.chance(25) {
            20
        } else {
            DEFAULT_BASELINE_POINTS
        };
        let size = 1.5 + rng.below(16) as f64 / 10.0;
        let size = if rng.chance(50) { size } else { -size };
        let change = match rng.below(100) {
            0..=44 => Change::Shift(size),
            45..=59 => Change::Trend(size * 1.5),
            60..=74 => Change::NewPhase(size),
            _ => Change::Stable,
        };
        let at = if points >= 3 {
            points / 3 + rng.below(points / 3 + 1)
        } else {
            0
        };
        // Level and spread: a percentage or proportion in 20..80, a number
        // in 30..230, a waiting time in 4..20 weeks.
        let (level, sd) = match (kind, unit) {
            (ChartKind::P, _) => (20.0 + rng.below(60) as f64, 0.0),
            (_, "%") => {
                let l = 20.0 + rng.below(60) as f64;
                (l, 2.0 + rng.below(40) as f64 / 10.0)
            }
            (_, "weeks") => {
                let l = 4.0 + rng.below(16) as f64;
                (l, l * (0.06 + rng.below(6) as f64 / 100.0))
            }
            _ => {
                let l = 30.0 + rng.below(200) as f64;
                (l, l * (0.05 + rng.below(8) as f64 / 100.0))
            }
        };
        let noted = !matches!(change, Change::Stable) && rng.chance(70);
        let excluded_at = rng.chance(15).then(|| rng.below(points.max(1)));
        let extra_note_at = rng.chance(10).then(|| rng.below(points.max(1)));
        // The change's effect on the level at point k, in standard
        // deviations (or, for a P chart, in percentage points of 4).
        let effect = |k: usize| match change {
            Change::Stable => 0.0,
            Change::Shift(s) | Change::NewPhase(s) if k >= at => s,
            Change::Trend(s) if k >= at => s * ((k - at + 1) as f64 / 8.0).min(1.0),
            _ => 0.0,
        };
        let mut data = Vec::with_capacity(points);
        for k in 0..points {
            let (period, date) = month(k);
            let mut p = DataPoint {
                period,
                date: Some(date),
                ..Default::default()
            };
            if kind == ChartKind::P {
                let den = 40 + rng.below(200) as u64;
                let share = ((level + 4.0 * effect(k)) / 100.0).clamp(0.02, 0.98);
                let spread = (den as f64 * share * (1.0 - share)).sqrt();
                let mut num = (den as f64 * share + spread * normal(&mut rng)).round();
                if excluded_at == Some(k) {
                    num += 5.0 * spread;
                }
                let num = num.clamp(0.0, den as f64) as u64;
                p.numerator = Some(num);
                p.denominator = Some(den);
                p.value = round1(100.0 * num as f64 / den as f64);
            } else {
                let mut v = level + sd * (effect(k) + normal(&mut rng));
                if excluded_at == Some(k) {
                    v += 5.0 * sd;
                }
                p.value = round1(v.max(0.0));
            }
            if k == at && k > 0 {
                if matches!(change, Change::NewPhase(_)) {
                    p.new_phase = true;
                }
                if noted || p.new_phase {
                    p.note = rng.pick(CHANGE_NOTES).to_owned();
                }
            }
            if extra_note_at == Some(k) && p.note.is_empty() {
                p.note = "Data checked with the service".to_owned();
            }
            if excluded_at == Some(k) {
                p.excluded = Some(rng.pick(EXCLUSIONS).to_owned());
            }
            data.push(p);
        }
        let mut evidences = Vec::new();
        if !rng.chance(2) {
            if let Some(first) = series_evidence(plan, &mut rng) {
                evidences.push(first);
                if rng.chance(10) {
                    if let Some(second) = series_evidence(plan, &mut rng) {
                        if !evidences.contains(&second) {
                            evidences.push(second);
                        }
                    }
                }
            }
        }
        let better = match direction {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        };
        let target = rng.chance(60).then(|| {
            let t = level * (1.0 + better * 0.1);
            Target {
                value: if unit == "%" {
                    format!("{}%", t.round())
                } else {
                    format!("{}", t.round())
                },
                by: Some(month(points + 12).1),
            }
        });
        let name = format!("{lead} {} who {}", rng.pick(GROUPS), rng.pick(RESULTS));
        plan.measures.push(Measure {
            id: Id(format!("syn-s{}", i + 1)),
            code: format!("M{}", first_code + i),
            name: fit(name, &mut rng),
            unit: unit.to_owned(),
            direction,
            baseline: data.first().cloned().map(|mut b| {
                b.note.clear();
                b.excluded = None;
                b.new_phase = false;
                b
            }),
            target,
            data,
            source: "Synthetic data".into(),
            frequency: "Monthly".into(),
            evidences,
            chart: ChartSettings {
                kind,
                rules,
                baseline_points,
            },
        });
    }
}

/// A plan of 300 items whose own measures are replaced by `measures`
/// measures of `points` monthly points each (`add_measure_series`): what
/// the charts' benchmark draws. Deterministic.
pub fn synthetic_measures_plan(measures: usize, points: usize, seed: u64) -> Plan {
    let mut plan = synthetic_plan(300, seed);
    plan.measures.clear();
    plan.id = Id(format!("synthetic-measures-{measures}x{points}-{seed}"));
    plan.meta.title = format!("Synthetic measures plan ({measures} measures of {points} points)");
    add_measure_series(&mut plan, measures, points, seed);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::validate;

    fn total(p: &Plan) -> usize {
        p.priorities.len() + p.outcomes.len() + p.aims.len() + p.actions.len() + p.measures.len()
    }

    #[test]
    fn tracking_gives_actions_leads_dates_statuses_and_updates() {
        let around = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let mut p = synthetic_plan(1000, 7);
        add_tracking(&mut p, 7, around);
        assert_eq!(validate(&p), Ok(()));
        assert!(p
            .actions
            .iter()
            .all(|a| a.start.is_some() && a.due.is_some()));
        assert!(p.actions.iter().filter(|a| !a.lead.is_empty()).count() > p.actions.len() * 9 / 10);
        for s in Status::ALL {
            assert!(p.actions.iter().any(|a| a.status == s), "{s:?}");
        }
        assert!(p
            .actions
            .iter()
            .any(|a| crate::model::progress::tracking::is_overdue(a, around)));
        assert!(p.actions.iter().any(|a| !a.updates.is_empty()));
        let mut q = synthetic_plan(1000, 7);
        add_tracking(&mut q, 7, around);
        assert_eq!(p, q, "deterministic");
    }

    #[test]
    fn item_count_is_exact_and_the_plan_is_valid() {
        for n in [0, 1, 2, 5, 17, 100, 999, 1000, 5000] {
            let p = synthetic_plan(n, 42);
            assert_eq!(total(&p), n);
            assert_eq!(p.meta.title, format!("Synthetic plan ({n} items)"));
            assert_eq!(validate(&p), Ok(()), "{n} items");
            if n > 0 {
                assert!(!p.priorities.is_empty());
            }
        }
    }

    #[test]
    fn deterministic() {
        assert_eq!(synthetic_plan(300, 9), synthetic_plan(300, 9));
        assert_ne!(synthetic_plan(300, 9), synthetic_plan(300, 10));
    }

    #[test]
    fn proportions_and_link_density() {
        let p = synthetic_plan(10_000, 3);
        assert_eq!(p.priorities.len(), 200);
        assert_eq!(p.outcomes.len(), 600);
        assert_eq!(p.aims.len(), 1400);
        assert_eq!(p.actions.len(), 4600);
        assert_eq!(p.measures.len(), 3200);
        let share = |n: usize, of: usize| n as f64 / of as f64;
        let secondary = p
            .aims
            .iter()
            .filter(|a| a.level == DriverLevel::Secondary)
            .count();
        assert!((0.2..0.3).contains(&share(secondary, p.aims.len())));
        assert!(p.outcomes.iter().all(|o| o.priorities.len() == 1));

        // Links per item: share unlinked, share with two links.
        let check = |lens: Vec<usize>, two: f64| {
            let n = lens.len();
            let none = share(lens.iter().filter(|&&l| l == 0).count(), n);
            let twos = share(lens.iter().filter(|&&l| l == 2).count(), n);
            assert!(lens.iter().all(|&l| l <= 2));
            assert!((0.015..0.05).contains(&none), "unlinked {none}");
            assert!((two - 0.04..two + 0.04).contains(&twos), "two links {twos}");
        };
        check(
            p.aims.iter().map(|a| a.outcomes.len()).collect(),
            0.15 * 0.97,
        );
        check(
            p.actions.iter().map(|a| a.aims.len()).collect(),
            0.20 * 0.97,
        );
        check(
            p.measures.iter().map(|m| m.evidences.len()).collect(),
            0.10 * 0.97,
        );

        // Measures evidence mostly actions and aims.
        let kinds: Vec<Kind> = p
            .measures
            .iter()
            .flat_map(|m| m.evidences.first())
            .map(|id| p.kind_of(id).unwrap())
            .collect();
        let outcomes = share(
            kinds.iter().filter(|&&k| k == Kind::Outcome).count(),
            kinds.len(),
        );
        assert!(outcomes < 0.25, "{outcomes}");
    }

    #[test]
    fn texts_are_realistic() {
        let p = synthetic_plan(1000, 1);
        let texts = p
            .outcomes
            .iter()
            .map(|x| &x.statement)
            .chain(p.aims.iter().map(|x| &x.statement))
            .chain(p.actions.iter().map(|x| &x.title))
            .chain(p.measures.iter().map(|x| &x.name));
        for t in texts {
            let n = t.chars().count();
            assert!((30..=150).contains(&n), "{n}: {t}");
            assert_eq!(t.trim(), t);
            assert!(!t.contains("  "), "{t}");
        }
        assert_eq!(p.outcomes[2].code, "O3");
        assert!(p.aims.iter().any(|a| a.code == "A1.1"));
    }

    #[test]
    fn measure_series_are_deterministic_valid_and_varied() {
        use crate::model::charts::reading::{read_measure, Standing};
        let p = synthetic_measures_plan(200, 60, 7);
        assert_eq!(validate(&p), Ok(()));
        assert_eq!(p, synthetic_measures_plan(200, 60, 7), "deterministic");
        assert_ne!(p, synthetic_measures_plan(200, 60, 8));
        assert_eq!(p.measures.len(), 200);
        assert!(p.measures.iter().all(|m| m.data.len() == 60));
        let ids: std::collections::HashSet<_> = p.measures.iter().map(|m| &m.id).collect();
        assert_eq!(ids.len(), 200);
        assert_eq!(p.measures[0].data[0].period, "Jan 2021");
        assert_eq!(p.measures[0].data[59].period, "Dec 2025");
        assert_eq!(
            p.measures[0].data[1].date,
            NaiveDate::from_ymd_opt(2021, 2, 28)
        );

        let count = |f: &dyn Fn(&Measure) -> bool| p.measures.iter().filter(|m| f(m)).count();
        let kinds = [
            (ChartKind::Run, RunRules::Anhoej),
            (ChartKind::Run, RunRules::Ihi),
            (ChartKind::Xmr, RunRules::Anhoej),
            (ChartKind::P, RunRules::Anhoej),
        ];
        for (kind, rules) in kinds {
            let n = count(&|m| {
                m.chart.kind == kind && (kind != ChartKind::Run || m.chart.rules == rules)
            });
            assert!(n >= 10, "{kind:?} {rules:?}: {n}");
        }
        assert!(p
            .measures
            .iter()
            .filter(|m| m.chart.kind == ChartKind::P)
            .flat_map(|m| &m.data)
            .all(|d| d.numerator.is_some() && d.denominator.is_some()));
        assert!(count(&|m| m.data.iter().any(|d| !d.note.is_empty())) >= 60);
        assert!(count(&|m| m.data.iter().any(|d| d.excluded.is_some())) >= 15);
        assert!(count(&|m| m.data.iter().any(|d| d.new_phase)) >= 15);
        assert!(count(&|m| m.target.is_some()) >= 80);

        // Linked to outcomes and aims, so that filters find them.
        let kind_of = |id: &Id| p.kind_of(id).unwrap();
        let linked = |k: Kind| count(&|m| m.evidences.iter().any(|id| kind_of(id) == k));
        assert!(linked(Kind::Outcome) >= 60, "{}", linked(Kind::Outcome));
        assert!(linked(Kind::Aim) >= 60, "{}", linked(Kind::Aim));
        assert!(count(&|m| m.evidences.is_empty()) <= 10);

        // Signals occur, both ways, and some charts have none.
        let standings: Vec<Standing> = p
            .measures
            .iter()
            .map(|m| read_measure(m).standing)
            .collect();
        let with = |s: Standing| standings.iter().filter(|&&x| x == s).count();
        assert!(with(Standing::Improving) >= 30, "{standings:?}");
        assert!(with(Standing::Deteriorating) >= 30, "{standings:?}");
        assert!(with(Standing::NoSignal) >= 10, "{standings:?}");
    }
}
