//! A built-in example plan, written for this project, so a new user can see
//! what a finished plan looks like. It is the same every time (fixed ids and
//! dates) and passes validation.

use chrono::NaiveDate;

use super::plan::{
    Action, Aim, DataPoint, Direction, DriverLevel, Id, Measure, Outcome, Plan, PlanMeta, Priority,
    Rag, Status, Target, Update,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid example date")
}

fn ids(list: &[&str]) -> Vec<Id> {
    list.iter().map(|s| Id::from(*s)).collect()
}

fn target(value: &str, by: NaiveDate) -> Option<Target> {
    Some(Target {
        value: value.into(),
        by: Some(by),
    })
}

fn priority(n: u32, title: &str, description: &str) -> Priority {
    Priority {
        id: format!("ex-p{n}").as_str().into(),
        code: n.to_string(),
        title: title.into(),
        description: description.into(),
    }
}

fn outcome(code: &str, statement: &str, tgt: &str, by: NaiveDate, owner: &str, p: &str) -> Outcome {
    Outcome {
        id: format!("ex-o{}", code.replace('.', "-")).as_str().into(),
        code: code.into(),
        statement: statement.into(),
        target: target(tgt, by),
        owner: owner.into(),
        priorities: ids(&[p]),
    }
}

fn aim(code: &str, level: DriverLevel, statement: &str, owner: &str, outcome: &str) -> Aim {
    Aim {
        id: format!("ex-a{}", code.replace('.', "-")).as_str().into(),
        code: code.into(),
        statement: statement.into(),
        level,
        target: None,
        owner: owner.into(),
        outcomes: ids(&[outcome]),
    }
}

#[allow(clippy::too_many_arguments)]
fn action(
    code: &str,
    title: &str,
    lead: &str,
    start: NaiveDate,
    due: NaiveDate,
    status: Status,
    percent: u8,
    rag: Option<Rag>,
    aims: &[&str],
) -> Action {
    Action {
        id: format!("ex-act-{code}").as_str().into(),
        code: code.into(),
        title: title.into(),
        lead: lead.into(),
        start: Some(start),
        due: Some(due),
        status,
        percent,
        rag,
        updates: Vec::new(),
        aims: ids(aims),
    }
}

fn update(date: NaiveDate, text: &str, status: Status, percent: u8, rag: Rag) -> Update {
    Update {
        date,
        text: text.into(),
        status: Some(status),
        percent: Some(percent),
        rag: Some(rag),
    }
}

fn points(list: &[(&str, f64, NaiveDate)]) -> Vec<DataPoint> {
    list.iter()
        .map(|(period, value, date)| DataPoint {
            period: (*period).into(),
            value: *value,
            date: Some(*date),
        })
        .collect()
}

/// The example plan: a three-year children's services partnership plan for
/// the fictional Glenmuir area.
pub fn example_plan() -> Plan {
    use DriverLevel::{Primary, Secondary};
    use Status::{Cancelled, Completed, InProgress, NotStarted};

    let start = d(2024, 8, 1);
    let end_y1 = d(2025, 7, 31);
    let end_y2 = d(2026, 7, 31);
    let end = d(2027, 7, 31);

    let meta = PlanMeta {
        title: "Glenmuir Children's Services Plan 2024 to 2027".into(),
        partnership: "Glenmuir Children's Services Partnership".into(),
        period_start: Some(start),
        period_end: Some(end),
        vision: "Every child and young person in Glenmuir grows up loved, safe and \
                 respected, and their family gets the right help, from people they \
                 trust, as soon as they need it."
            .into(),
        principles: vec![
            "We plan with children, young people and families, not for them: their \
             views shape every action and every review."
                .into(),
            "We start from what families do well and build on it.".into(),
            "We work as one team across council, health, police and the third \
             sector, and share what we know."
                .into(),
            "We test small changes, measure what happens and keep what works.".into(),
        ],
        aligned_plans: vec![
            "Getting it right for every child (GIRFEC), national practice model".into(),
            "The Promise: Scotland's commitment to care-experienced children".into(),
            "Glenmuir Local Outcomes Improvement Plan 2023 to 2033".into(),
            "Glenmuir Child Protection Committee Improvement Plan 2024 to 2026".into(),
        ],
        review_cycle: "Quarterly, with a full review each August".into(),
        coordinator: "Children's Services Planning Officer, on behalf of the \
                      Children's Services Partnership Board"
            .into(),
        ..Default::default()
    };

    let priorities = vec![
        priority(
            1,
            "Mental health and wellbeing",
            "Children and young people feel listened to, cope with life's ups and \
             downs and can get support for their mental health early.",
        ),
        priority(
            2,
            "Keeping children safe",
            "Children are protected from harm at home, online and in the community, \
             and families get help before problems become a crisis.",
        ),
        priority(
            3,
            "Keeping The Promise",
            "Care-experienced children and young people grow up with the love, \
             stability and relationships every child needs.",
        ),
    ];

    let outcomes = vec![
        outcome(
            "1.1",
            "More children and young people say they feel mentally well",
            "10% more pupils in P7 to S4 rate their wellbeing as good or very good",
            end,
            "Mental Health and Wellbeing Strategic Group",
            "ex-p1",
        ),
        outcome(
            "1.2",
            "Young people get the right support for their mental health sooner",
            "90% of young people seen within 18 weeks of referral",
            end_y2,
            "Mental Health and Wellbeing Strategic Group",
            "ex-p1",
        ),
        outcome(
            "2.1",
            "Children at risk of neglect are identified and helped earlier",
            "A quarter fewer re-registrations on the child protection register within a year",
            end,
            "Child Protection Committee",
            "ex-p2",
        ),
        outcome(
            "2.2",
            "Children and young people are safer online",
            "80% of S1 pupils know how to report something that worries them online",
            end_y2,
            "Child Protection Committee",
            "ex-p2",
        ),
        outcome(
            "3.1",
            "Care-experienced children live with their brothers and sisters wherever it is safe to do so",
            "85% of brothers and sisters in care live together",
            end,
            "Corporate Parenting Board",
            "ex-p3",
        ),
        outcome(
            "3.2",
            "Care-experienced young people stay in school and go on to a positive destination",
            "Attendance of care-experienced pupils within 3 points of all pupils",
            end,
            "Corporate Parenting Board",
            "ex-p3",
        ),
    ];

    let mh = "Mental Health and Wellbeing Strategic Group";
    let aims = vec![
        aim(
            "1.1.1",
            Primary,
            "Every school has a whole-school approach to wellbeing that pupils helped to design",
            mh,
            "ex-o1-1",
        ),
        aim(
            "1.1.2",
            Primary,
            "Children and young people can find and use community support without a referral",
            mh,
            "ex-o1-1",
        ),
        aim(
            "1.1.3",
            Secondary,
            "Staff who work with children feel confident to talk about mental health",
            "Workforce Development Group",
            "ex-o1-1",
        ),
        aim(
            "1.2.1",
            Primary,
            "Referrals reach the right service first time",
            "CAMHS and Education Joint Group",
            "ex-o1-2",
        ),
        aim(
            "1.2.2",
            Secondary,
            "Young people waiting for specialist help get support while they wait",
            "CAMHS and Education Joint Group",
            "ex-o1-2",
        ),
        aim(
            "2.1.1",
            Primary,
            "Practitioners use a shared approach to recognising neglect",
            "CPC Practice Improvement Working Group",
            "ex-o2-1",
        ),
        aim(
            "2.1.2",
            Primary,
            "Families under pressure get practical help from the first conversation",
            "Family Support Alliance",
            "ex-o2-1",
        ),
        aim(
            "2.2.1",
            Primary,
            "Children, parents and carers know how to stay safe online",
            "CPC Learning and Development Group",
            "ex-o2-2",
        ),
        aim(
            "2.2.2",
            Secondary,
            "Schools respond consistently when online harm is reported",
            "CPC Learning and Development Group",
            "ex-o2-2",
        ),
        aim(
            "3.1.1",
            Primary,
            "We have enough carers able to look after brothers and sisters together",
            "Fostering and Kinship Service",
            "ex-o3-1",
        ),
        aim(
            "3.1.2",
            Secondary,
            "Decisions about keeping brothers and sisters together are made with them and recorded",
            "Corporate Parenting Board",
            "ex-o3-1",
        ),
        aim(
            "3.2.1",
            Primary,
            "Every care-experienced pupil has a trusted adult in school",
            "Virtual School Head Teacher",
            "ex-o3-2",
        ),
        aim(
            "3.2.2",
            Primary,
            "Young people leaving care have a planned next step and someone to call",
            "Throughcare and Aftercare Team",
            "ex-o3-2",
        ),
    ];

    let mut actions = vec![
        action("1.1", "Co-design a wellbeing charter with pupil councils in every secondary school", "Quality Improvement Officer, Health and Wellbeing", start, end_y1, Completed, 100, Some(Rag::Green), &["ex-a1-1-1"]),
        action("1.2", "Run the wellbeing survey for P5 to S6 every two years and share the results with pupils", "Education Research and Information Team", d(2024, 9, 1), d(2025, 3, 31), Completed, 100, Some(Rag::Green), &["ex-a1-1-1", "ex-a1-2-1"]),
        action("1.3", "Publish a single online directory of community wellbeing support, written with young people", "Third Sector Children's Forum", d(2024, 10, 1), end_y2, InProgress, 55, Some(Rag::Amber), &["ex-a1-1-2"]),
        action("1.4", "Offer mental health awareness training to every school and youth work team", "Workforce Development Group", start, end_y2, InProgress, 70, Some(Rag::Green), &["ex-a1-1-3", "ex-a1-2-2"]),
        action("1.5", "Hold a weekly joint referral meeting between CAMHS, school nursing and guidance staff", "CAMHS Service Manager", d(2024, 11, 1), end_y1, InProgress, 80, Some(Rag::Green), &["ex-a1-2-1"]),
        action("1.6", "Set up a drop-in for young people and parents waiting for a CAMHS appointment", "Youth Counselling Service", d(2025, 1, 6), end_y2, NotStarted, 0, Some(Rag::Red), &["ex-a1-2-2"]),
        action("2.1", "Introduce the neglect practice toolkit across social work, health and education", "CPC Practice Improvement Working Group", start, end_y1, InProgress, 60, Some(Rag::Amber), &["ex-a2-1-1"]),
        action("2.2", "Audit a sample of case files each year for early signs of neglect", "CPC Quality Assurance Subgroup", d(2025, 4, 1), end_y2, NotStarted, 0, None, &["ex-a2-1-1"]),
        action("2.3", "Extend the family support hub to the three rural localities", "Family Support Alliance", d(2024, 9, 1), end_y2, InProgress, 35, Some(Rag::Amber), &["ex-a2-1-2"]),
        action("2.4", "Deliver online safety sessions for P6 to S2 pupils and a parents' evening in each cluster", "Police Scotland Schools Liaison Officer", d(2024, 9, 1), end_y1, Completed, 100, Some(Rag::Green), &["ex-a2-2-1"]),
        action("2.5", "Agree one procedure for schools when a pupil reports online harm", "CPC Learning and Development Group", d(2024, 10, 1), d(2025, 6, 30), InProgress, 45, Some(Rag::Red), &["ex-a2-2-2"]),
        action("2.6", "Pilot a text-message helpline for parents worried about online harm", "CPC Learning and Development Group", d(2024, 10, 1), d(2025, 3, 31), Cancelled, 10, None, &["ex-a2-2-1"]),
        action("3.1", "Recruit and support foster and kinship carers who can take brothers and sisters together", "Fostering and Kinship Service Manager", start, end, InProgress, 40, Some(Rag::Amber), &["ex-a3-1-1"]),
        action("3.2", "Record children's own views on living together in every care plan review", "Independent Reviewing Officers", d(2024, 9, 1), end_y1, InProgress, 75, Some(Rag::Green), &["ex-a3-1-2"]),
        action("3.3", "Make sure every care-experienced pupil chooses a trusted adult in school", "Virtual School Head Teacher", d(2024, 8, 19), end_y1, Completed, 100, Some(Rag::Green), &["ex-a3-2-1"]),
        action("3.4", "Offer every care leaver a named worker and a planned next step before they leave", "Throughcare and Aftercare Team Leader", start, end_y2, InProgress, 50, Some(Rag::Amber), &["ex-a3-2-2", "ex-a3-2-1"]),
    ];

    let by_code = |actions: &mut [Action], code: &str| -> usize {
        actions
            .iter()
            .position(|a| a.code == code)
            .expect("example action code")
    };
    let i = by_code(&mut actions, "1.1");
    actions[i].updates = vec![
        update(d(2024, 11, 15), "Pupil councils in all five secondary schools have agreed a first draft of the charter.", InProgress, 50, Rag::Green),
        update(d(2025, 6, 20), "Charter launched in every secondary school at the end of term assemblies.", Completed, 100, Rag::Green),
    ];
    let i = by_code(&mut actions, "2.5");
    actions[i].updates = vec![
        update(d(2025, 2, 10), "Draft procedure shared with head teachers for comment.", InProgress, 40, Rag::Amber),
        update(d(2025, 5, 12), "Comments from head teachers raised questions about police involvement; the working group is meeting again in June, so this will be late.", InProgress, 45, Rag::Red),
    ];
    let i = by_code(&mut actions, "2.6");
    actions[i].updates = vec![update(
        d(2025, 1, 20),
        "Stopped: a national helpline for parents now offers this, so we will promote it instead.",
        Cancelled,
        10,
        Rag::Amber,
    )];
    let i = by_code(&mut actions, "3.1");
    actions[i].updates = vec![update(d(2025, 3, 31), "Six new carer households approved this year, two of them able to take brothers and sisters.", InProgress, 40, Rag::Amber)];

    let measures = vec![
        Measure {
            id: "ex-m1".into(),
            code: "M1".into(),
            name: "Pupils in P7 to S4 who rate their wellbeing as good or very good".into(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: Some(DataPoint {
                period: "2023/24".into(),
                value: 61.5,
                date: Some(d(2024, 3, 31)),
            }),
            target: target("67.5%", end),
            data: points(&[
                ("2024/25 Q1", 61.0, d(2024, 6, 30)),
                ("2024/25 Q2", 62.4, d(2024, 9, 30)),
                ("2024/25 Q3", 63.1, d(2024, 12, 31)),
                ("2024/25 Q4", 62.8, d(2025, 3, 31)),
                ("2025/26 Q1", 64.0, d(2025, 6, 30)),
                ("2025/26 Q2", 64.9, d(2025, 9, 30)),
            ]),
            source: "Glenmuir Health and Wellbeing Survey; school pulse surveys".into(),
            frequency: "Quarterly".into(),
            evidences: ids(&["ex-o1-1", "ex-a1-1-1"]),
        },
        Measure {
            id: "ex-m2".into(),
            code: "M2".into(),
            name: "Young people seen by CAMHS within 18 weeks of referral".into(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: Some(DataPoint {
                period: "2023/24 Q4".into(),
                value: 72.9,
                date: Some(d(2024, 3, 31)),
            }),
            target: target("90%", end_y2),
            data: points(&[
                ("2024/25 Q1", 74.2, d(2024, 6, 30)),
                ("2024/25 Q2", 78.5, d(2024, 9, 30)),
                ("2024/25 Q3", 81.0, d(2024, 12, 31)),
                ("2024/25 Q4", 83.6, d(2025, 3, 31)),
                ("2025/26 Q1", 85.1, d(2025, 6, 30)),
            ]),
            source: "NHS Glenmuir CAMHS waiting times return".into(),
            frequency: "Quarterly".into(),
            evidences: ids(&["ex-o1-2", "ex-a1-2-1", "ex-a1-2-2"]),
        },
        Measure {
            id: "ex-m3".into(),
            code: "M3".into(),
            name: "Children re-registered on the child protection register within 12 months".into(),
            unit: "children".into(),
            direction: Direction::LowerIsBetter,
            baseline: Some(DataPoint {
                period: "2023/24".into(),
                value: 12.0,
                date: Some(d(2024, 3, 31)),
            }),
            target: target("9 or fewer a year", end),
            data: points(&[
                ("2024/25 Q1", 4.0, d(2024, 6, 30)),
                ("2024/25 Q2", 3.0, d(2024, 9, 30)),
                ("2024/25 Q3", 3.0, d(2024, 12, 31)),
                ("2024/25 Q4", 2.0, d(2025, 3, 31)),
                ("2025/26 Q1", 2.0, d(2025, 6, 30)),
                ("2025/26 Q2", 1.0, d(2025, 9, 30)),
                ("2025/26 Q3", 2.0, d(2025, 12, 31)),
            ]),
            source: "CPC monthly management information".into(),
            frequency: "Quarterly".into(),
            evidences: ids(&["ex-o2-1", "ex-act-2.1"]),
        },
        Measure {
            id: "ex-m4".into(),
            code: "M4".into(),
            name: "S1 pupils who know how to report something that worries them online".into(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: Some(DataPoint {
                period: "Aug 2024".into(),
                value: 58.0,
                date: Some(d(2024, 8, 31)),
            }),
            target: target("80%", end_y2),
            data: points(&[
                ("Dec 2024", 66.0, d(2024, 12, 31)),
                ("Jun 2025", 71.5, d(2025, 6, 30)),
                ("Dec 2025", 74.0, d(2025, 12, 31)),
                ("Jun 2026", 77.5, d(2026, 6, 30)),
            ]),
            source: "Pupil survey after online safety sessions".into(),
            frequency: "Twice a year".into(),
            evidences: ids(&["ex-a2-2-1", "ex-a2-2-2"]),
        },
        Measure {
            id: "ex-m5".into(),
            code: "M5".into(),
            name: "Brothers and sisters in care who live together".into(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: Some(DataPoint {
                period: "31 Jul 2024".into(),
                value: 71.0,
                date: Some(d(2024, 7, 31)),
            }),
            target: target("85%", end),
            data: points(&[
                ("Oct 2024", 70.0, d(2024, 10, 31)),
                ("Jan 2025", 72.0, d(2025, 1, 31)),
                ("Apr 2025", 74.0, d(2025, 4, 30)),
                ("Jul 2025", 73.0, d(2025, 7, 31)),
                ("Oct 2025", 76.0, d(2025, 10, 31)),
            ]),
            source: "Looked after children records".into(),
            frequency: "Quarterly".into(),
            evidences: ids(&["ex-o3-1", "ex-act-3.1"]),
        },
        Measure {
            id: "ex-m6".into(),
            code: "M6".into(),
            name: "School attendance of care-experienced pupils".into(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: Some(DataPoint {
                period: "2023/24".into(),
                value: 84.2,
                date: Some(d(2024, 6, 30)),
            }),
            target: target("Within 3 points of all pupils (about 89%)", end),
            data: points(&[
                ("2024/25 Term 1", 85.0, d(2024, 10, 11)),
                ("2024/25 Term 2", 84.6, d(2024, 12, 20)),
                ("2024/25 Term 3", 86.3, d(2025, 3, 28)),
                ("2024/25 Term 4", 86.9, d(2025, 6, 27)),
            ]),
            source: "SEEMiS attendance data".into(),
            frequency: "Termly".into(),
            evidences: ids(&["ex-o3-2", "ex-a3-2-1", "ex-a3-2-2"]),
        },
    ];

    Plan {
        id: "ex-plan-glenmuir".into(),
        meta,
        priorities,
        outcomes,
        aims,
        actions,
        measures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::validate_all;

    #[test]
    fn example_is_valid_and_deterministic() {
        let p = example_plan();
        assert_eq!(validate_all(&p), vec![]);
        assert_eq!(p, example_plan());
    }

    #[test]
    fn example_has_the_promised_shape() {
        let p = example_plan();
        assert!(p.priorities.len() >= 3);
        for pr in &p.priorities {
            let outcomes: Vec<_> = p
                .outcomes
                .iter()
                .filter(|o| o.priorities.contains(&pr.id))
                .collect();
            assert!(outcomes.len() >= 2, "{}", pr.title);
            for o in outcomes {
                assert!(o
                    .target
                    .as_ref()
                    .is_some_and(|t| t.by.is_some() && !t.value.is_empty()));
                let aims = p.aims.iter().filter(|a| a.outcomes.contains(&o.id)).count();
                assert!((2..=3).contains(&aims), "{}", o.statement);
            }
        }
        assert!(p.actions.iter().any(|a| a.aims.len() >= 2));
        assert!(p.measures.iter().any(|m| m
            .evidences
            .iter()
            .filter(|e| p.aim(e).is_some())
            .count()
            >= 2));
        for m in &p.measures {
            assert!((4..=8).contains(&m.data.len()));
            assert!(m.baseline.is_some() && !m.unit.is_empty());
        }
        assert!(p.actions.iter().any(|a| !a.updates.is_empty()));
        for s in Status::ALL {
            assert!(p.actions.iter().any(|a| a.status == s), "{s:?}");
        }
        // No unlinked items in the example.
        for k in crate::model::plan::Kind::ALL {
            for id in p.ids_of_kind(k) {
                assert!(!p.is_unlinked(&id), "{id}");
            }
        }
    }
}
