//! The tracking rules (src/model/progress/tracking.rs), on actions whose
//! answers follow from the definitions in docs/PROGRESS.md: each rule
//! exactly at its threshold and one day or one point either side.

use chrono::NaiveDate;
use plan_workbench::model::progress::tracking::*;
use plan_workbench::model::{Action, Rag, Status, Update};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn action() -> Action {
    Action {
        title: "Review the triage of referrals".into(),
        lead: "Head of service".into(),
        ..Action::default()
    }
}

fn update(date: NaiveDate) -> Update {
    Update {
        date,
        text: "Progress noted".into(),
        status: None,
        percent: None,
        rag: None,
    }
}

fn with_status(status: Status) -> Action {
    Action { status, ..action() }
}

#[test]
fn overdue_is_after_the_due_date_and_only_while_unfinished() {
    let a = Action {
        due: Some(d(2026, 3, 31)),
        ..action()
    };
    assert!(!is_overdue(&a, d(2026, 3, 30)));
    assert!(!is_overdue(&a, d(2026, 3, 31)), "due today is not overdue");
    assert!(is_overdue(&a, d(2026, 4, 1)));
    for status in [Status::NotStarted, Status::InProgress] {
        let a = Action {
            status,
            ..a.clone()
        };
        assert!(is_overdue(&a, d(2026, 4, 1)), "{status:?}");
    }
    for status in [Status::Completed, Status::Cancelled] {
        let a = Action {
            status,
            ..a.clone()
        };
        assert!(!is_overdue(&a, d(2026, 4, 1)), "{status:?}");
    }
    assert!(!is_overdue(&action(), d(2030, 1, 1)), "no due date");
}

#[test]
fn neglected_is_more_than_a_review_cycle_since_the_last_update() {
    let settings = TrackingSettings::default();
    assert_eq!(settings.review_cycle_days, 100);
    let a = Action {
        status: Status::InProgress,
        start: Some(d(2025, 1, 1)),
        updates: vec![
            update(d(2025, 6, 1)),
            update(d(2026, 1, 10)),
            update(d(2025, 9, 1)),
        ],
        ..action()
    };
    assert_eq!(
        last_update(&a),
        Some(d(2026, 1, 10)),
        "the latest, not the last listed"
    );
    // 100 days after 10 January 2026 is 20 April 2026.
    assert!(
        !is_neglected(&a, d(2026, 4, 20), &settings),
        "exactly a cycle"
    );
    assert!(is_neglected(&a, d(2026, 4, 21), &settings), "one day over");
    let short = TrackingSettings {
        review_cycle_days: 30,
        ..settings
    };
    assert!(!is_neglected(&a, d(2026, 2, 9), &short));
    assert!(is_neglected(&a, d(2026, 2, 10), &short));
    for status in [Status::Completed, Status::Cancelled] {
        let done = Action {
            status,
            ..a.clone()
        };
        assert!(!is_neglected(&done, d(2027, 1, 1), &settings), "{status:?}");
    }
}

#[test]
fn an_action_never_updated_counts_from_its_start_or_not_at_all() {
    let settings = TrackingSettings::default();
    let started = Action {
        start: Some(d(2026, 1, 1)),
        ..action()
    };
    assert!(!is_neglected(&started, d(2026, 4, 11), &settings));
    assert!(is_neglected(&started, d(2026, 4, 12), &settings));
    assert!(
        !is_neglected(&started, d(2025, 6, 1), &settings),
        "not started yet"
    );
    assert!(
        !is_neglected(&action(), d(2030, 1, 1), &settings),
        "no date to count from"
    );
}

#[test]
fn unassigned_is_no_lead_or_only_spaces() {
    assert!(!is_unassigned(&action()));
    for lead in ["", "   ", "\t\n"] {
        let a = Action {
            lead: lead.into(),
            ..action()
        };
        assert!(is_unassigned(&a), "{lead:?}");
    }
}

#[test]
fn expected_progress_is_the_share_of_time_elapsed() {
    // 1 January to 11 April 2026: 100 days.
    let a = Action {
        start: Some(d(2026, 1, 1)),
        due: Some(d(2026, 4, 11)),
        ..action()
    };
    assert_eq!(expected_percent(&a, d(2025, 12, 1)), Some(0));
    assert_eq!(expected_percent(&a, d(2026, 1, 1)), Some(0));
    assert_eq!(expected_percent(&a, d(2026, 1, 2)), Some(1));
    assert_eq!(expected_percent(&a, d(2026, 2, 20)), Some(50));
    assert_eq!(expected_percent(&a, d(2026, 4, 10)), Some(99));
    assert_eq!(expected_percent(&a, d(2026, 4, 11)), Some(100));
    assert_eq!(expected_percent(&a, d(2027, 1, 1)), Some(100));
    // Rounded to the nearest: 1 day of 3 is 33%, 2 of 3 is 67%.
    let three = Action {
        start: Some(d(2026, 1, 1)),
        due: Some(d(2026, 1, 4)),
        ..action()
    };
    assert_eq!(expected_percent(&three, d(2026, 1, 2)), Some(33));
    assert_eq!(expected_percent(&three, d(2026, 1, 3)), Some(67));
    // Start and due on one day: nothing before it, all from it.
    let one_day = Action {
        start: Some(d(2026, 5, 1)),
        due: Some(d(2026, 5, 1)),
        ..action()
    };
    assert_eq!(expected_percent(&one_day, d(2026, 4, 30)), Some(0));
    assert_eq!(expected_percent(&one_day, d(2026, 5, 1)), Some(100));
    // Without both dates, or with them the wrong way round: nothing.
    let no_start = Action {
        due: Some(d(2026, 4, 11)),
        ..action()
    };
    assert_eq!(expected_percent(&no_start, d(2026, 2, 1)), None);
    let backwards = Action {
        start: Some(d(2026, 4, 11)),
        due: Some(d(2026, 1, 1)),
        ..action()
    };
    assert_eq!(expected_percent(&backwards, d(2026, 2, 1)), None);
}

#[test]
fn the_suggested_rag_compares_actual_with_expected_at_each_threshold() {
    let settings = TrackingSettings::default();
    // Halfway through: 50% expected.
    let today = d(2026, 2, 20);
    let at = |percent: u8| Action {
        status: Status::InProgress,
        start: Some(d(2026, 1, 1)),
        due: Some(d(2026, 4, 11)),
        percent,
        ..action()
    };
    assert_eq!(
        suggested_rag(&at(90), today, &settings),
        Some(Rag::Green),
        "ahead"
    );
    assert_eq!(suggested_rag(&at(50), today, &settings), Some(Rag::Green));
    assert_eq!(
        suggested_rag(&at(40), today, &settings),
        Some(Rag::Green),
        "10 behind"
    );
    assert_eq!(
        suggested_rag(&at(39), today, &settings),
        Some(Rag::Amber),
        "11 behind"
    );
    assert_eq!(
        suggested_rag(&at(25), today, &settings),
        Some(Rag::Amber),
        "25 behind"
    );
    assert_eq!(
        suggested_rag(&at(24), today, &settings),
        Some(Rag::Red),
        "26 behind"
    );
    assert_eq!(suggested_rag(&at(0), today, &settings), Some(Rag::Red));
    // The thresholds are settings.
    let strict = TrackingSettings {
        green_within: 0,
        amber_within: 5,
        ..settings
    };
    assert_eq!(suggested_rag(&at(49), today, &strict), Some(Rag::Amber));
    assert_eq!(suggested_rag(&at(44), today, &strict), Some(Rag::Red));
    // Finished actions, and actions without the dates.
    let done = Action {
        status: Status::Completed,
        ..at(0)
    };
    assert_eq!(suggested_rag(&done, today, &settings), Some(Rag::Green));
    let cancelled = Action {
        status: Status::Cancelled,
        ..at(0)
    };
    assert_eq!(suggested_rag(&cancelled, today, &settings), None);
    assert_eq!(suggested_rag(&action(), today, &settings), None);
}

#[test]
fn the_users_rag_wins_and_a_difference_is_only_reported() {
    let settings = TrackingSettings::default();
    let today = d(2026, 2, 20);
    let a = Action {
        status: Status::InProgress,
        start: Some(d(2026, 1, 1)),
        due: Some(d(2026, 4, 11)),
        percent: 10,
        rag: Some(Rag::Green),
        ..action()
    };
    assert_eq!(
        rag_differs_from_suggestion(&a, today, &settings),
        Some(Rag::Red)
    );
    assert_eq!(a.rag, Some(Rag::Green), "the action is not changed");
    let agrees = Action {
        rag: Some(Rag::Red),
        ..a.clone()
    };
    assert_eq!(rag_differs_from_suggestion(&agrees, today, &settings), None);
    let own_none = Action { rag: None, ..a };
    assert_eq!(
        rag_differs_from_suggestion(&own_none, today, &settings),
        None
    );
}

#[test]
fn the_standing_follows_the_legend_order() {
    let settings = TrackingSettings::default();
    let today = d(2026, 6, 1);
    assert_eq!(
        standing(&with_status(Status::Cancelled), today, &settings),
        Standing::Cancelled
    );
    // Overdue comes before neglected and unassigned.
    let late = Action {
        status: Status::InProgress,
        lead: String::new(),
        start: Some(d(2025, 1, 1)),
        due: Some(d(2026, 5, 31)),
        ..action()
    };
    assert_eq!(standing(&late, today, &settings), Standing::Overdue);
    let quiet = Action {
        due: Some(d(2027, 1, 1)),
        ..late.clone()
    };
    assert_eq!(standing(&quiet, today, &settings), Standing::Neglected);
    let recent = Action {
        updates: vec![update(d(2026, 5, 1))],
        ..quiet.clone()
    };
    assert_eq!(standing(&recent, today, &settings), Standing::Unassigned);
    let led = Action {
        lead: "Police Scotland".into(),
        ..recent
    };
    assert_eq!(standing(&led, today, &settings), Standing::InProgress);
    assert_eq!(standing(&action(), today, &settings), Standing::NotStarted);
    let done = Action {
        status: Status::Completed,
        ..late
    };
    assert_eq!(standing(&done, today, &settings), Standing::Completed);
    assert_eq!(Standing::Neglected.label(), "Check progress");
}

mod rollups {
    use super::d;
    use plan_workbench::model::progress::rollup::*;
    use plan_workbench::model::{
        Action, Aim, DataPoint, Direction, Id, Kind, Measure, Outcome, Plan, Priority, Rag, Status,
        Target,
    };

    fn id(s: &str) -> Id {
        Id::from(s)
    }

    fn measure(
        name: &str,
        evidences: &str,
        direction: Direction,
        target: &str,
        data: &[f64],
    ) -> Measure {
        Measure {
            id: id(name),
            name: name.into(),
            direction,
            target: Some(Target {
                value: target.into(),
                by: None,
            }),
            data: data
                .iter()
                .map(|&value| DataPoint {
                    period: "Q".into(),
                    value,
                    ..Default::default()
                })
                .collect(),
            evidences: vec![id(evidences)],
            ..Measure::default()
        }
    }

    /// A priority with two outcomes; aim A2 drives both; action X2 serves
    /// both aims (one action, reached by two paths).
    fn plan() -> Plan {
        let outcome = |name: &str| Outcome {
            id: id(name),
            statement: name.into(),
            priorities: vec![id("P")],
            ..Outcome::default()
        };
        let aim = |name: &str, outcomes: &[&str]| Aim {
            id: id(name),
            statement: name.into(),
            outcomes: outcomes.iter().map(|o| id(o)).collect(),
            ..Aim::default()
        };
        let action = |name: &str, aims: &[&str], status: Status, percent: u8| Action {
            id: id(name),
            title: name.into(),
            lead: "Lead".into(),
            aims: aims.iter().map(|a| id(a)).collect(),
            status,
            percent,
            ..Action::default()
        };
        Plan {
            id: id("plan"),
            priorities: vec![Priority {
                id: id("P"),
                title: "P".into(),
                ..Priority::default()
            }],
            outcomes: vec![outcome("O1"), outcome("O2")],
            aims: vec![aim("A1", &["O1"]), aim("A2", &["O1", "O2"])],
            actions: vec![
                Action {
                    start: Some(d(2026, 1, 1)),
                    due: Some(d(2026, 1, 31)),
                    rag: Some(Rag::Green),
                    // Completed counts as 100% whatever its percentage says.
                    ..action("X1", &["A1"], Status::Completed, 40)
                },
                Action {
                    start: Some(d(2026, 1, 1)),
                    due: Some(d(2026, 4, 11)),
                    rag: Some(Rag::Red),
                    ..action("X2", &["A1", "A2"], Status::InProgress, 50)
                },
                action("X3", &["A2"], Status::Cancelled, 0),
                action("X4", &[], Status::NotStarted, 0),
            ],
            measures: vec![
                measure("M1", "A1", Direction::HigherIsBetter, "90%", &[70.0, 95.0]),
                measure("M2", "X3", Direction::LowerIsBetter, "10", &[8.0, 12.0]),
                measure("M3", "O2", Direction::HigherIsBetter, "10% more", &[1.0]),
                measure("M4", "X4", Direction::HigherIsBetter, "5", &[9.0]),
            ],
            ..Plan::default()
        }
    }

    #[test]
    fn a_priority_counts_each_action_once_and_its_measures() {
        let r = rollup(&plan(), &id("P"), Kind::Priority, d(2026, 6, 1));
        assert_eq!(
            r.actions, 3,
            "X1, X2 (by two paths) and X3; X4 serves no aim"
        );
        assert_eq!(
            (r.not_started, r.in_progress, r.completed, r.cancelled),
            (0, 1, 1, 1)
        );
        assert_eq!((r.red, r.amber, r.green, r.no_rag), (1, 0, 1, 1));
        assert_eq!(r.overdue, 1, "X2 was due on 11 April");
        assert_eq!(
            r.mean_percent,
            Some(75.0),
            "(100 + 50) / 2; cancelled left out"
        );
        // X1 runs 30 days at 100%, X2 100 days at 50%.
        let weighted = r.weighted_percent.unwrap();
        assert!((weighted - 8000.0 / 130.0).abs() < 1e-9, "{weighted}");
        assert_eq!(
            (
                r.measures_on_target,
                r.measures_off_target,
                r.measures_unknown
            ),
            (1, 1, 1)
        );
    }

    #[test]
    fn an_aim_and_an_outcome_roll_up_what_is_under_them() {
        let p = plan();
        let a1 = rollup(&p, &id("A1"), Kind::Aim, d(2026, 6, 1));
        assert_eq!(a1.actions, 2);
        assert_eq!(a1.mean_percent, Some(75.0));
        assert_eq!(
            (
                a1.measures_on_target,
                a1.measures_off_target,
                a1.measures_unknown
            ),
            (1, 0, 0)
        );
        let o2 = rollup(&p, &id("O2"), Kind::Outcome, d(2026, 6, 1));
        assert_eq!(o2.actions, 2, "X2 and X3 through A2");
        assert_eq!(o2.mean_percent, Some(50.0));
        assert_eq!(o2.weighted_percent, Some(50.0));
        assert_eq!(
            (
                o2.measures_on_target,
                o2.measures_off_target,
                o2.measures_unknown
            ),
            (0, 1, 1)
        );
        // Before X2's due date nothing is overdue.
        assert_eq!(
            rollup(&p, &id("P"), Kind::Priority, d(2026, 4, 11)).overdue,
            0
        );
    }

    #[test]
    fn an_empty_group_and_other_kinds_roll_up_to_nothing() {
        let mut p = plan();
        p.aims.push(Aim {
            id: id("A3"),
            statement: "No actions yet".into(),
            ..Aim::default()
        });
        let r = rollup(&p, &id("A3"), Kind::Aim, d(2026, 6, 1));
        assert_eq!(r, Rollup::default());
        assert_eq!(r.mean_percent, None);
        assert_eq!(
            rollup(&p, &id("X1"), Kind::Action, d(2026, 6, 1)),
            Rollup::default()
        );
    }

    #[test]
    fn a_target_is_met_in_the_measures_direction() {
        assert_eq!(target_number("90%"), Some(90.0));
        assert_eq!(target_number(" 1,250 "), Some(1250.0));
        assert_eq!(target_number("10% more"), None);
        assert_eq!(target_number(""), None);
        let at = |direction, target: &str, latest: f64| {
            target_standing(&measure("M", "A1", direction, target, &[0.0, latest]))
        };
        assert_eq!(
            at(Direction::HigherIsBetter, "90", 90.0),
            TargetStanding::OnTarget
        );
        assert_eq!(
            at(Direction::HigherIsBetter, "90", 89.9),
            TargetStanding::OffTarget
        );
        assert_eq!(
            at(Direction::LowerIsBetter, "10", 10.0),
            TargetStanding::OnTarget
        );
        assert_eq!(
            at(Direction::LowerIsBetter, "10", 10.1),
            TargetStanding::OffTarget
        );
        let no_data = Measure {
            data: vec![],
            ..measure("M", "A1", Direction::HigherIsBetter, "5", &[])
        };
        assert_eq!(target_standing(&no_data), TargetStanding::Unknown);
        // The latest dated point wins over the order listed.
        let mut dated = measure("M", "A1", Direction::HigherIsBetter, "50", &[60.0, 40.0]);
        dated.data[0].date = Some(d(2026, 3, 31));
        dated.data[1].date = Some(d(2025, 12, 31));
        assert_eq!(target_standing(&dated), TargetStanding::OnTarget);
    }
}
