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
