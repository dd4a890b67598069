//! A built-in example plan, written for this project, so a new user can see
//! what a finished plan looks like, two years into its three: with a
//! history of dated updates over the last quarters, reviews at quarter
//! ends, one action overdue, one that needs its progress checked, and
//! several completed. It passes validation.
//!
//! It is written as at [`EXAMPLE_AS_AT`] (2 December 2026) and
//! [`example_plan`] gives it so, the same every time. Real time moves on,
//! so the workbench opens it with [`example_plan_on`] today: every date in
//! it moved by the same number of days, so that today stands to it as
//! 2 December 2026 does to the plan as written, and the same actions are
//! overdue, neglected and completed on any day. Texts, codes, ids and
//! links never change (a period label such as "2025/26 Q1" is text, so it
//! keeps its words while its date moves).

use chrono::NaiveDate;

use super::plan::{
    Action, Aim, ChartKind, ChartSettings, DataPoint, Direction, DriverLevel, Id, Measure, Outcome,
    Plan, PlanMeta, Priority, Rag, Review, RunRules, Status, Target, Update,
};

/// The day the example is written as at: its history runs up to here.
pub const EXAMPLE_AS_AT: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 2) {
    Some(d) => d,
    None => panic!("a valid date"),
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
        rag: Some(rag),
        ..unrated(date, text, status, percent)
    }
}

/// An update of an action with no RAG at the time (not started, cancelled).
fn unrated(date: NaiveDate, text: &str, status: Status, percent: u8) -> Update {
    Update {
        date,
        text: text.into(),
        status: Some(status),
        percent: Some(percent),
        rag: None,
    }
}

fn review(date: NaiveDate, note: &str) -> Review {
    Review {
        date,
        note: note.into(),
    }
}

fn points(list: &[(&str, f64, NaiveDate)]) -> Vec<DataPoint> {
    list.iter()
        .map(|(period, value, date)| DataPoint {
            period: (*period).into(),
            value: *value,
            date: Some(*date),
            ..Default::default()
        })
        .collect()
}

/// Monthly points from `year`/`month` on, each dated the month's last day
/// and labelled as plans write months ("Apr 2024").
fn monthly(year: i32, month: u32, values: &[f64]) -> Vec<DataPoint> {
    values
        .iter()
        .enumerate()
        .map(|(k, value)| {
            let m0 = (month - 1) as usize + k;
            let (y, m) = (year + (m0 / 12) as i32, (m0 % 12) as u32 + 1);
            let next = if m == 12 {
                d(y + 1, 1, 1)
            } else {
                d(y, m + 1, 1)
            };
            let date = next.pred_opt().expect("a day before");
            DataPoint {
                period: date.format("%b %Y").to_string(),
                value: *value,
                date: Some(date),
                ..Default::default()
            }
        })
        .collect()
}

/// Monthly proportions from counts (numerator, denominator), as monthly.
fn monthly_counts(year: i32, month: u32, counts: &[(u64, u64)]) -> Vec<DataPoint> {
    let values: Vec<f64> = counts
        .iter()
        .map(|&(n, den)| (1000.0 * n as f64 / den as f64).round() / 10.0)
        .collect();
    let mut points = monthly(year, month, &values);
    for (p, &(n, den)) in points.iter_mut().zip(counts) {
        p.numerator = Some(n);
        p.denominator = Some(den);
    }
    points
}

/// The example plan as at `today`: the plan as written (see
/// [`example_plan`]) with every date moved by the days from
/// [`EXAMPLE_AS_AT`] to `today`. Nothing else differs.
pub fn example_plan_on(today: NaiveDate) -> Plan {
    let mut plan = example_plan();
    shift_dates(&mut plan, (today - EXAMPLE_AS_AT).num_days());
    plan
}

/// Moves every date in the plan by `days` (a date that would leave the
/// calendar stays as it is).
fn shift_dates(plan: &mut Plan, days: i64) {
    let by = chrono::Duration::days(days);
    let shift = |d: &mut NaiveDate| {
        if let Some(moved) = d.checked_add_signed(by) {
            *d = moved;
        }
    };
    let shift_opt = |d: &mut Option<NaiveDate>| {
        if let Some(d) = d {
            shift(d);
        }
    };
    let shift_target = |t: &mut Option<Target>| {
        if let Some(t) = t {
            shift_opt(&mut t.by);
        }
    };
    let m = &mut plan.meta;
    shift_opt(&mut m.period_start);
    shift_opt(&mut m.period_end);
    m.reviews.iter_mut().for_each(|r| shift(&mut r.date));
    plan.outcomes
        .iter_mut()
        .for_each(|o| shift_target(&mut o.target));
    plan.aims
        .iter_mut()
        .for_each(|a| shift_target(&mut a.target));
    for a in &mut plan.actions {
        shift_opt(&mut a.start);
        shift_opt(&mut a.due);
        a.updates.iter_mut().for_each(|u| shift(&mut u.date));
    }
    for m in &mut plan.measures {
        shift_target(&mut m.target);
        if let Some(b) = &mut m.baseline {
            shift_opt(&mut b.date);
        }
        m.data.iter_mut().for_each(|p| shift_opt(&mut p.date));
    }
}

/// The example plan as written, as at [`EXAMPLE_AS_AT`]: a three-year
/// children's services partnership plan for the fictional Glenmuir area.
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
        tracking: Default::default(),
        reviews: vec![
            review(
                d(2025, 12, 31),
                "2025/26 Quarter 3 review to the Children's Services Partnership Board",
            ),
            review(d(2026, 3, 31), "2025/26 Quarter 4 and year-end review"),
            review(d(2026, 6, 30), "2026/27 Quarter 1 review"),
            review(
                d(2026, 9, 30),
                "2026/27 Quarter 2 review, with the Child Protection Committee",
            ),
        ],
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

    // Dates differ from the plan's first draft where the partnership agreed
    // new ones at a review (1.6, 2.2, 2.3, 3.2, 3.4). Each action's own
    // status, progress and RAG are those of its latest update.
    let mut actions = vec![
        action("1.1", "Co-design a wellbeing charter with pupil councils in every secondary school", "Quality Improvement Officer, Health and Wellbeing", start, end_y1, Completed, 100, Some(Rag::Green), &["ex-a1-1-1"]),
        action("1.2", "Run the wellbeing survey for P5 to S6 every two years and share the results with pupils", "Education Research and Information Team", d(2024, 9, 1), d(2025, 3, 31), Completed, 100, Some(Rag::Green), &["ex-a1-1-1", "ex-a1-2-1"]),
        action("1.3", "Publish a single online directory of community wellbeing support, written with young people", "Third Sector Children's Forum", d(2024, 10, 1), end_y2, Completed, 100, Some(Rag::Green), &["ex-a1-1-2"]),
        action("1.4", "Offer mental health awareness training to every school and youth work team", "Workforce Development Group", start, end_y2, InProgress, 85, Some(Rag::Red), &["ex-a1-1-3", "ex-a1-2-2"]),
        action("1.5", "Hold a weekly joint referral meeting between CAMHS, school nursing and guidance staff", "CAMHS Service Manager", d(2024, 11, 1), end_y1, Completed, 100, Some(Rag::Green), &["ex-a1-2-1"]),
        action("1.6", "Set up a drop-in for young people and parents waiting for a CAMHS appointment", "Youth Counselling Service", d(2025, 1, 6), d(2027, 3, 31), InProgress, 25, Some(Rag::Amber), &["ex-a1-2-2"]),
        action("2.1", "Introduce the neglect practice toolkit across social work, health and education", "CPC Practice Improvement Working Group", start, end_y1, Completed, 100, Some(Rag::Green), &["ex-a2-1-1"]),
        action("2.2", "Audit a sample of case files each year for early signs of neglect", "CPC Quality Assurance Subgroup", d(2027, 1, 11), end, NotStarted, 0, None, &["ex-a2-1-1"]),
        action("2.3", "Extend the family support hub to the three rural localities", "Family Support Alliance", d(2024, 9, 1), end, InProgress, 35, Some(Rag::Amber), &["ex-a2-1-2"]),
        action("2.4", "Deliver online safety sessions for P6 to S2 pupils and a parents' evening in each cluster", "Police Scotland Schools Liaison Officer", d(2024, 9, 1), end_y1, Completed, 100, Some(Rag::Green), &["ex-a2-2-1"]),
        action("2.5", "Agree one procedure for schools when a pupil reports online harm", "CPC Learning and Development Group", d(2024, 10, 1), d(2025, 6, 30), Completed, 100, Some(Rag::Green), &["ex-a2-2-2"]),
        action("2.6", "Pilot a text-message helpline for parents worried about online harm", "CPC Learning and Development Group", d(2024, 10, 1), d(2025, 3, 31), Cancelled, 10, None, &["ex-a2-2-1"]),
        action("3.1", "Recruit and support foster and kinship carers who can take brothers and sisters together", "Fostering and Kinship Service Manager", start, end, InProgress, 70, Some(Rag::Green), &["ex-a3-1-1"]),
        action("3.2", "Record children's own views on living together in every care plan review", "Independent Reviewing Officers", d(2024, 9, 1), d(2026, 12, 31), Completed, 100, Some(Rag::Green), &["ex-a3-1-2"]),
        action("3.3", "Make sure every care-experienced pupil chooses a trusted adult in school", "Virtual School Head Teacher", d(2024, 8, 19), end_y1, Completed, 100, Some(Rag::Green), &["ex-a3-2-1"]),
        action("3.4", "Offer every care leaver a named worker and a planned next step before they leave", "Throughcare and Aftercare Team Leader", start, d(2027, 3, 31), InProgress, 80, Some(Rag::Green), &["ex-a3-2-2", "ex-a3-2-1"]),
    ];

    let by_code = |actions: &mut [Action], code: &str| -> usize {
        actions
            .iter()
            .position(|a| a.code == code)
            .expect("example action code")
    };
    let mut history = |code: &str, updates: Vec<Update>| {
        let i = by_code(&mut actions, code);
        actions[i].updates = updates;
    };
    history("1.1", vec![
        update(d(2024, 11, 15), "Pupil councils in all five secondary schools have agreed a first draft of the charter.", InProgress, 50, Rag::Green),
        update(d(2025, 6, 20), "Charter launched in every secondary school at the end of term assemblies.", Completed, 100, Rag::Green),
    ]);
    history("1.2", vec![
        update(d(2024, 12, 12), "Survey completed by 4,212 pupils from P5 to S6.", InProgress, 60, Rag::Green),
        update(d(2025, 3, 20), "Results shared with every pupil council, with a summary written with young people.", Completed, 100, Rag::Green),
    ]);
    history("1.3", vec![
        update(d(2025, 10, 9), "First version of the directory tested with two youth groups.", InProgress, 55, Rag::Amber),
        update(d(2026, 2, 19), "The young people's editorial group has rewritten half the entries in plain words.", InProgress, 70, Rag::Amber),
        update(d(2026, 5, 28), "All 140 services listed and checked; the launch is planned for the summer holidays.", InProgress, 90, Rag::Green),
        update(d(2026, 7, 24), "Directory launched online and in every school's app.", Completed, 100, Rag::Green),
    ]);
    history("1.4", vec![
        update(d(2025, 11, 20), "Training delivered in every primary school.", InProgress, 50, Rag::Green),
        update(d(2026, 2, 12), "Every secondary school trained; youth work teams are next.", InProgress, 60, Rag::Green),
        update(d(2026, 5, 21), "Youth work teams are hard to release for a full day; shorter sessions are being arranged.", InProgress, 70, Rag::Amber),
        update(d(2026, 8, 27), "Four youth work teams are still to be trained, so this will run past July.", InProgress, 80, Rag::Amber),
        update(d(2026, 11, 12), "Two more teams trained in October; the last two are booked for January.", InProgress, 85, Rag::Red),
    ]);
    history(
        "1.5",
        vec![
            update(
                d(2025, 2, 6),
                "The meeting runs weekly in two of the four clusters.",
                InProgress,
                50,
                Rag::Green,
            ),
            update(
                d(2025, 7, 17),
                "The weekly joint referral meeting now runs in all four clusters.",
                Completed,
                100,
                Rag::Green,
            ),
        ],
    );
    history("1.6", vec![
        update(d(2025, 4, 3), "Waiting for funding: the bid to the Whole Family Wellbeing Fund goes in this month.", NotStarted, 0, Rag::Red),
        update(d(2026, 3, 26), "Funding agreed; looking for a venue young people say they would use. New due date agreed.", NotStarted, 0, Rag::Amber),
        update(d(2026, 6, 25), "Venue agreed at the Glenmuir Youth Hub and two staff recruited.", NotStarted, 0, Rag::Amber),
        update(d(2026, 10, 8), "First drop-in opened on 6 October; 14 young people and 9 parents came in the first month.", InProgress, 25, Rag::Amber),
    ]);
    history(
        "2.1",
        vec![
            update(
                d(2025, 1, 16),
                "Toolkit agreed by the CPC; training for practitioners has begun.",
                InProgress,
                40,
                Rag::Amber,
            ),
            update(
                d(2025, 6, 12),
                "Toolkit in use in social work and health; education follows after the summer.",
                InProgress,
                60,
                Rag::Amber,
            ),
            update(
                d(2025, 10, 30),
                "Toolkit in use across social work, health and education.",
                Completed,
                100,
                Rag::Green,
            ),
        ],
    );
    history("2.2", vec![unrated(
        d(2026, 9, 24),
        "The first audit starts in January, once the toolkit has been in use for a year in every service.",
        NotStarted,
        0,
    )]);
    history(
        "2.3",
        vec![
            update(
                d(2025, 9, 18),
                "The hub is open in the first rural locality, at Kirkton.",
                InProgress,
                25,
                Rag::Amber,
            ),
            update(
                d(2026, 5, 14),
                "Premises for the other two localities are still being looked for.",
                InProgress,
                35,
                Rag::Amber,
            ),
        ],
    );
    history(
        "2.4",
        vec![
            update(
                d(2025, 3, 13),
                "Sessions delivered in 18 of 24 schools, and parents' evenings in three clusters.",
                InProgress,
                75,
                Rag::Green,
            ),
            update(
                d(2025, 6, 26),
                "Sessions delivered in every school and a parents' evening held in each cluster.",
                Completed,
                100,
                Rag::Green,
            ),
        ],
    );
    history("2.5", vec![
        update(d(2025, 2, 10), "Draft procedure shared with head teachers for comment.", InProgress, 40, Rag::Amber),
        update(d(2025, 5, 12), "Comments from head teachers raised questions about police involvement; the working group is meeting again in June, so this will be late.", InProgress, 45, Rag::Red),
        update(d(2025, 10, 2), "Police Scotland and head teachers agreed the police's part; the second draft is out for comment.", InProgress, 75, Rag::Amber),
        update(d(2026, 3, 19), "Procedure agreed, and in use in every school from April.", Completed, 100, Rag::Green),
    ]);
    history(
        "2.6",
        vec![unrated(
        d(2025, 1, 20),
        "Stopped: a national helpline for parents now offers this, so we will promote it instead.",
        Cancelled,
        10,
    )],
    );
    history("3.1", vec![
        update(d(2025, 3, 31), "Six new carer households approved this year, two of them able to take brothers and sisters.", InProgress, 40, Rag::Amber),
        update(d(2025, 9, 25), "Recruitment campaign launched with the neighbouring councils.", InProgress, 45, Rag::Amber),
        update(d(2026, 3, 30), "Four more carer households approved, three of them able to take brothers and sisters.", InProgress, 55, Rag::Amber),
        update(d(2026, 9, 28), "Two more households approved; three groups of brothers and sisters are waiting to live together.", InProgress, 60, Rag::Amber),
        update(d(2026, 11, 5), "Five households are in assessment; on track to meet the target by July.", InProgress, 70, Rag::Green),
    ]);
    history(
        "3.2",
        vec![
            update(
                d(2025, 6, 19),
                "Reviewing officers now ask about brothers and sisters at every review.",
                InProgress,
                60,
                Rag::Green,
            ),
            update(
                d(2026, 4, 23),
                "An audit found children's views recorded in 41 of 50 care plans.",
                InProgress,
                80,
                Rag::Amber,
            ),
            update(
                d(2026, 9, 17),
                "The recording template now asks the question so it cannot be skipped.",
                InProgress,
                90,
                Rag::Green,
            ),
            update(
                d(2026, 11, 19),
                "The October audit found children's views recorded in 49 of 50 care plans.",
                Completed,
                100,
                Rag::Green,
            ),
        ],
    );
    history(
        "3.3",
        vec![
            update(
                d(2025, 1, 23),
                "Two thirds of care-experienced pupils have chosen a trusted adult.",
                InProgress,
                65,
                Rag::Green,
            ),
            update(
                d(2025, 6, 5),
                "Every care-experienced pupil has chosen a trusted adult in school.",
                Completed,
                100,
                Rag::Green,
            ),
        ],
    );
    history(
        "3.4",
        vec![
            update(
                d(2025, 8, 14),
                "Named workers in place for every young person leaving care this year.",
                InProgress,
                50,
                Rag::Amber,
            ),
            update(
                d(2026, 1, 22),
                "Pathway plans now start at 15, with a next step planned with the young person.",
                InProgress,
                60,
                Rag::Amber,
            ),
            update(
                d(2026, 6, 11),
                "An out-of-hours phone line for care leavers is running.",
                InProgress,
                70,
                Rag::Green,
            ),
            update(
                d(2026, 9, 10),
                "All but two care leavers this year had a planned next step before leaving.",
                InProgress,
                80,
                Rag::Green,
            ),
        ],
    );

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
                ..Default::default()
            }),
            target: target("67.5%", end),
            data: points(&[
                ("2024/25 Q1", 61.0, d(2024, 6, 30)),
                ("2024/25 Q2", 62.4, d(2024, 9, 30)),
                ("2024/25 Q3", 63.1, d(2024, 12, 31)),
                ("2024/25 Q4", 62.8, d(2025, 3, 31)),
                ("2025/26 Q1", 64.0, d(2025, 6, 30)),
                ("2025/26 Q2", 64.9, d(2025, 9, 30)),
                ("2025/26 Q3", 65.3, d(2025, 12, 31)),
                ("2025/26 Q4", 65.9, d(2026, 3, 31)),
            ]),
            source: "Glenmuir Health and Wellbeing Survey; school pulse surveys".into(),
            frequency: "Quarterly".into(),
            evidences: ids(&["ex-o1-1", "ex-a1-1-1"]),
            ..Default::default()
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
                ..Default::default()
            }),
            target: target("90%", end_y2),
            // Monthly from April 2024; the new triage from October 2024:
            // a long run above the baseline's median and too few crossings.
            data: {
                let mut data = monthly(
                    2024,
                    4,
                    &[
                        74.2, 76.0, 73.5, 75.8, 74.9, 77.1, 78.5, 80.2, 81.0, 82.4, 81.9, 83.6,
                        84.0, 85.1, 84.7, 86.2, 85.8, 87.0, 86.5, 88.4, 87.9, 88.8, 89.1, 88.6,
                    ],
                );
                data[6].note = "New triage started".into();
                data
            },
            source: "NHS Glenmuir CAMHS waiting times return".into(),
            frequency: "Monthly".into(),
            evidences: ids(&["ex-o1-2", "ex-a1-2-1", "ex-a1-2-2"]),
            ..Default::default()
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
                ..Default::default()
            }),
            target: target("9 or fewer a year", end),
            // Monthly counts from April 2024, on an XmR chart: a month
            // beyond the limits and two of three beyond two sigma (worse),
            // then a trend down and a run of eight below the mean (better).
            // August 2024's count is left out: its records were doubled.
            data: {
                let mut data = monthly(
                    2024,
                    4,
                    &[
                        2.0, 1.0, 3.0, 0.0, 9.0, 2.0, 1.0, 2.0, 3.0, 1.0, 2.0, 0.0, 1.0, 7.0, 5.0,
                        4.0, 3.0, 2.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0,
                    ],
                );
                data[4].excluded = Some("Records migrated twice this month: count doubled".into());
                data[15].note = "Pre-birth pathway began".into();
                data
            },
            source: "CPC monthly management information".into(),
            frequency: "Monthly".into(),
            evidences: ids(&["ex-o2-1", "ex-act-2.1"]),
            chart: ChartSettings {
                kind: ChartKind::Xmr,
                rules: RunRules::Anhoej,
                ..ChartSettings::default()
            },
            ..Default::default()
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
                ..Default::default()
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
            ..Default::default()
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
                ..Default::default()
            }),
            target: target("85%", end),
            // Monthly counts of brothers and sisters placed together, on a
            // P chart; a new phase from the kinship care team's start.
            data: {
                let mut data = monthly_counts(
                    2024,
                    10,
                    &[
                        (36, 50),
                        (35, 49),
                        (37, 51),
                        (36, 50),
                        (35, 48),
                        (38, 52),
                        (36, 50),
                        (37, 50),
                        (35, 49),
                        (36, 51),
                        (37, 50),
                        (36, 50),
                        (41, 50),
                        (42, 51),
                        (40, 49),
                        (43, 52),
                        (41, 50),
                        (42, 50),
                        (40, 48),
                        (43, 51),
                        (42, 50),
                        (41, 49),
                        (43, 52),
                        (42, 50),
                        (42, 51),
                    ],
                );
                data[12].new_phase = true;
                data[12].note = "Kinship care team started".into();
                data
            },
            source: "Looked after children records".into(),
            frequency: "Monthly".into(),
            evidences: ids(&["ex-o3-1", "ex-act-3.1"]),
            chart: ChartSettings {
                kind: ChartKind::P,
                rules: RunRules::Anhoej,
                ..ChartSettings::default()
            },
            ..Default::default()
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
                ..Default::default()
            }),
            target: target("Within 3 points of all pupils (about 89%)", end),
            // Monthly from August 2024, read by the IHI rules: a shift and
            // a trend after the attendance officers started.
            data: monthly(
                2024,
                8,
                &[
                    85.0, 84.6, 86.3, 84.1, 85.5, 84.8, 85.9, 84.4, 85.2, 85.7, 86.1, 86.8, 87.4,
                    88.0, 87.6, 88.3, 88.9, 88.5, 89.2, 89.0,
                ],
            ),
            source: "SEEMiS attendance data".into(),
            frequency: "Monthly".into(),
            evidences: ids(&["ex-o3-2", "ex-a3-2-1", "ex-a3-2-2"]),
            chart: ChartSettings {
                kind: ChartKind::Run,
                rules: RunRules::Ihi,
                ..ChartSettings::default()
            },
            ..Default::default()
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
            assert!((4..=30).contains(&m.data.len()), "{}", m.name);
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
