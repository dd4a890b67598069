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

use chrono::{Days, NaiveDate};

use super::plan::{
    Action, Aim, DataPoint, DriverLevel, Id, Kind, Measure, Outcome, Plan, PlanMeta, Priority, Rag,
    Review, Status, Update,
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
}
