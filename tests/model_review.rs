//! Reviews (src/model/progress/review.rs): where an action stood on a date,
//! which review "since the last review" counts from, and what changed
//! since it, with fixed dates. The rules are in docs/PROGRESS.md
//! ("Reviews and what changed since the last one").

use chrono::NaiveDate;
use plan_workbench::model::progress::review::*;
use plan_workbench::model::{
    Action, DataPoint, Id, Measure, Plan, PlanMeta, Rag, Review, Status, Update,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn action(id: &str) -> Action {
    Action {
        id: Id::from(id),
        title: format!("Action {id}"),
        lead: "Head of service".into(),
        ..Action::default()
    }
}

fn update(
    date: NaiveDate,
    status: Option<Status>,
    percent: Option<u8>,
    rag: Option<Rag>,
) -> Update {
    Update {
        date,
        text: format!("Update of {date}"),
        status,
        percent,
        rag,
    }
}

/// An update that records all three of status, progress and RAG.
fn full(date: NaiveDate, status: Status, percent: u8, rag: Rag) -> Update {
    update(date, Some(status), Some(percent), Some(rag))
}

fn state(status: Status, percent: u8, rag: Option<Rag>) -> ActionState {
    ActionState {
        status,
        percent,
        rag,
    }
}

/// An action whose own fields agree with its latest update, as the
/// workbench keeps them when an update is added with its values.
fn as_updated(mut a: Action) -> Action {
    let now = state_on(&a, d(2100, 1, 1));
    a.status = now.status;
    a.percent = now.percent;
    a.rag = now.rag;
    a
}

fn reviews(dates: &[NaiveDate]) -> Vec<Review> {
    dates
        .iter()
        .map(|&date| Review {
            date,
            note: String::new(),
        })
        .collect()
}

fn plan_with_reviews(dates: &[NaiveDate]) -> Plan {
    Plan {
        id: Id::from("plan"),
        meta: PlanMeta {
            title: "Plan".into(),
            reviews: reviews(dates),
            ..PlanMeta::default()
        },
        ..Plan::default()
    }
}

// ---- state_on ----

#[test]
fn before_any_update_an_action_had_not_started() {
    let a = Action {
        updates: vec![full(d(2026, 2, 1), Status::InProgress, 20, Rag::Green)],
        ..action("a")
    };
    assert_eq!(
        state_on(&a, d(2026, 1, 31)),
        state(Status::NotStarted, 0, None),
        "the day before the first update"
    );
    assert_eq!(
        state_on(&action("none"), d(2030, 1, 1)),
        state(Status::NotStarted, 0, None),
        "never updated"
    );
}

#[test]
fn the_state_on_a_day_includes_that_days_updates() {
    let a = Action {
        updates: vec![
            full(d(2026, 2, 1), Status::InProgress, 20, Rag::Green),
            full(d(2026, 5, 1), Status::InProgress, 45, Rag::Amber),
        ],
        ..action("a")
    };
    assert_eq!(
        state_on(&a, d(2026, 2, 1)),
        state(Status::InProgress, 20, Some(Rag::Green))
    );
    assert_eq!(
        state_on(&a, d(2026, 4, 30)),
        state(Status::InProgress, 20, Some(Rag::Green))
    );
    assert_eq!(
        state_on(&a, d(2026, 5, 1)),
        state(Status::InProgress, 45, Some(Rag::Amber))
    );
    assert_eq!(
        state_on(&a, d(2027, 1, 1)),
        state(Status::InProgress, 45, Some(Rag::Amber))
    );
}

#[test]
fn an_update_that_leaves_a_field_out_carries_the_one_before() {
    let a = Action {
        updates: vec![
            full(d(2026, 1, 10), Status::InProgress, 30, Rag::Amber),
            // Only the progress.
            update(d(2026, 2, 10), None, Some(40), None),
            // Only the RAG.
            update(d(2026, 3, 10), None, None, Some(Rag::Red)),
            // Only the status.
            update(d(2026, 4, 10), Some(Status::Completed), None, None),
            // Nothing at all: a note.
            update(d(2026, 5, 10), None, None, None),
        ],
        ..action("a")
    };
    assert_eq!(
        state_on(&a, d(2026, 2, 10)),
        state(Status::InProgress, 40, Some(Rag::Amber))
    );
    assert_eq!(
        state_on(&a, d(2026, 3, 10)),
        state(Status::InProgress, 40, Some(Rag::Red))
    );
    assert_eq!(
        state_on(&a, d(2026, 4, 10)),
        state(Status::Completed, 40, Some(Rag::Red))
    );
    assert_eq!(
        state_on(&a, d(2026, 5, 10)),
        state(Status::Completed, 40, Some(Rag::Red))
    );
    // A first update with only a progress leaves the status and RAG as
    // they were before any update.
    let b = Action {
        updates: vec![update(d(2026, 1, 10), None, Some(15), None)],
        ..action("b")
    };
    assert_eq!(
        state_on(&b, d(2026, 1, 10)),
        state(Status::NotStarted, 15, None)
    );
}

#[test]
fn updates_are_read_in_date_order_and_on_one_day_in_the_order_written() {
    let a = Action {
        updates: vec![
            full(d(2026, 6, 1), Status::InProgress, 60, Rag::Green),
            full(d(2026, 3, 1), Status::InProgress, 30, Rag::Red),
            // Two on one day: the one written later wins...
            full(d(2026, 4, 1), Status::InProgress, 35, Rag::Red),
            full(d(2026, 4, 1), Status::InProgress, 50, Rag::Amber),
            // ...and a later one that leaves a field out carries the
            // same day's earlier value.
            update(d(2026, 4, 1), None, None, Some(Rag::Green)),
        ],
        ..action("a")
    };
    assert_eq!(
        state_on(&a, d(2026, 3, 31)),
        state(Status::InProgress, 30, Some(Rag::Red)),
        "listed after a later update, still read by its date"
    );
    assert_eq!(
        state_on(&a, d(2026, 4, 1)),
        state(Status::InProgress, 50, Some(Rag::Green))
    );
    assert_eq!(
        state_on(&a, d(2026, 5, 31)),
        state(Status::InProgress, 50, Some(Rag::Green))
    );
    assert_eq!(
        state_on(&a, d(2026, 6, 1)),
        state(Status::InProgress, 60, Some(Rag::Green)),
        "the first listed is the latest"
    );
}

#[test]
fn the_state_now_is_the_actions_own_fields() {
    let a = Action {
        status: Status::Completed,
        percent: 100,
        rag: Some(Rag::Green),
        updates: vec![full(d(2026, 1, 1), Status::InProgress, 10, Rag::Red)],
        ..action("a")
    };
    assert_eq!(
        state_now(&a),
        state(Status::Completed, 100, Some(Rag::Green))
    );
}

// ---- last_review ----

#[test]
fn the_last_review_is_the_latest_before_today() {
    let today = d(2026, 12, 2);
    assert_eq!(last_review(&plan_with_reviews(&[]), today), None);
    let p = plan_with_reviews(&[d(2026, 6, 30), d(2026, 3, 31), d(2026, 9, 30)]);
    assert_eq!(
        last_review(&p, today),
        Some(d(2026, 9, 30)),
        "the latest, wherever it is listed"
    );
    assert_eq!(last_review(&p, d(2026, 10, 1)), Some(d(2026, 9, 30)));
    assert_eq!(
        last_review(&p, d(2026, 9, 30)),
        Some(d(2026, 6, 30)),
        "a review dated today is the one being held, not the last"
    );
    assert_eq!(
        last_review(&p, d(2026, 5, 1)),
        Some(d(2026, 3, 31)),
        "reviews still to come are not counted"
    );
    assert_eq!(last_review(&p, d(2026, 3, 31)), None);
    assert_eq!(
        last_review(&plan_with_reviews(&[today]), today),
        None,
        "only a review dated today"
    );
}

// ---- What changed for an action ----

const REVIEW: (i32, u32, u32) = (2026, 9, 30);
const TODAY: (i32, u32, u32) = (2026, 12, 2);

fn review_day() -> NaiveDate {
    d(REVIEW.0, REVIEW.1, REVIEW.2)
}
fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn an_action_that_has_not_moved_has_no_change() {
    let a = as_updated(Action {
        due: Some(d(2027, 3, 31)),
        updates: vec![full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber)],
        ..action("a")
    });
    let c = action_change(&a, review_day(), today());
    assert_eq!(
        c,
        ActionChange {
            id: Id::from("a"),
            started: false,
            completed: false,
            newly_overdue: false,
            status: None,
            rag: None,
            percent: None,
            new_updates: 0,
        }
    );
    assert!(!c.is_change());
}

#[test]
fn started_is_not_started_at_the_review_and_under_way_or_done_now() {
    let begun = as_updated(Action {
        updates: vec![
            full(d(2026, 9, 1), Status::NotStarted, 0, Rag::Green),
            full(d(2026, 10, 5), Status::InProgress, 10, Rag::Green),
        ],
        ..action("begun")
    });
    let c = action_change(&begun, review_day(), today());
    assert!(c.started && !c.completed, "{c:?}");
    assert_eq!(c.percent, Some((0, 10)));
    assert_eq!(c.rag, None, "green at the review and now");
    assert!(c.is_change());

    // Started and finished since the review: both.
    let done = as_updated(Action {
        updates: vec![
            full(d(2026, 10, 5), Status::InProgress, 50, Rag::Green),
            full(d(2026, 11, 20), Status::Completed, 100, Rag::Green),
        ],
        ..action("done")
    });
    let c = action_change(&done, review_day(), today());
    assert!(c.started && c.completed, "{c:?}");
    assert_eq!(c.rag, Some((None, Some(Rag::Green))));

    // Under way at the review already: not "started".
    let going = as_updated(Action {
        updates: vec![
            full(d(2026, 9, 1), Status::InProgress, 20, Rag::Green),
            full(d(2026, 10, 5), Status::InProgress, 30, Rag::Green),
        ],
        ..action("going")
    });
    assert!(!action_change(&going, review_day(), today()).started);

    // Not started at the review and cancelled since: not started.
    let dropped = as_updated(Action {
        updates: vec![update(d(2026, 10, 5), Some(Status::Cancelled), None, None)],
        ..action("dropped")
    });
    let c = action_change(&dropped, review_day(), today());
    assert!(!c.started && !c.completed, "{c:?}");
    assert_eq!(c.status, Some((Status::NotStarted, Status::Cancelled)));
}

/// A change of status is listed even when nothing else changed with it:
/// an action cancelled on the table, with no update and the same
/// progress and RAG, is still something that changed since the review.
#[test]
fn a_changed_status_is_a_change_even_without_an_update() {
    let going = as_updated(Action {
        updates: vec![full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber)],
        ..action("going")
    });
    assert_eq!(action_change(&going, review_day(), today()).status, None);
    let cancelled = Action {
        status: Status::Cancelled,
        ..going.clone()
    };
    let c = action_change(&cancelled, review_day(), today());
    assert_eq!(c.status, Some((Status::InProgress, Status::Cancelled)));
    assert_eq!((c.percent, c.rag, c.new_updates), (None, None, 0));
    assert!(!c.started && !c.completed && !c.newly_overdue);
    assert!(c.is_change(), "{c:?}");
    let back = Action {
        status: Status::NotStarted,
        ..going
    };
    assert_eq!(
        action_change(&back, review_day(), today()).status,
        Some((Status::InProgress, Status::NotStarted))
    );
}

#[test]
fn completed_is_completed_now_and_not_at_the_review() {
    let finished = as_updated(Action {
        updates: vec![
            full(d(2026, 7, 1), Status::InProgress, 80, Rag::Green),
            full(d(2026, 11, 1), Status::Completed, 100, Rag::Green),
        ],
        ..action("finished")
    });
    let c = action_change(&finished, review_day(), today());
    assert!(c.completed && !c.started, "{c:?}");
    assert_eq!(c.percent, Some((80, 100)));

    // Completed on the review's day: done by the review, not since.
    let on_the_day = as_updated(Action {
        updates: vec![
            full(d(2026, 7, 1), Status::InProgress, 80, Rag::Green),
            full(review_day(), Status::Completed, 100, Rag::Green),
        ],
        ..action("on-the-day")
    });
    let c = action_change(&on_the_day, review_day(), today());
    assert!(!c.completed && !c.is_change(), "{c:?}");

    // Completed the day after the review: since.
    let day_after = as_updated(Action {
        updates: vec![
            full(d(2026, 7, 1), Status::InProgress, 80, Rag::Green),
            full(d(2026, 10, 1), Status::Completed, 100, Rag::Green),
        ],
        ..action("day-after")
    });
    assert!(action_change(&day_after, review_day(), today()).completed);
}

#[test]
fn newly_overdue_is_overdue_today_and_not_on_the_review_day() {
    let open = |id: &str, due: NaiveDate| {
        as_updated(Action {
            due: Some(due),
            updates: vec![full(d(2026, 9, 1), Status::InProgress, 50, Rag::Amber)],
            ..action(id)
        })
    };
    // Due on the review's day: not overdue that day, overdue the day after.
    let due_at_review = open("due-at-review", review_day());
    assert!(!action_change(&due_at_review, review_day(), review_day()).newly_overdue);
    let c = action_change(&due_at_review, review_day(), d(2026, 10, 1));
    assert!(c.newly_overdue && c.is_change(), "{c:?}");
    assert!(action_change(&due_at_review, review_day(), today()).newly_overdue);

    // Due the day before the review: already overdue at the review.
    let already = open("already", d(2026, 9, 29));
    let c = action_change(&already, review_day(), today());
    assert!(!c.newly_overdue && !c.is_change(), "{c:?}");

    // Due today: not overdue yet; due yesterday: newly overdue.
    assert!(!action_change(&open("due-today", today()), review_day(), today()).newly_overdue);
    assert!(
        action_change(
            &open("due-yesterday", d(2026, 12, 1)),
            review_day(),
            today()
        )
        .newly_overdue
    );

    // Due in the past but completed at the review and reopened since: it
    // was not overdue at the review (it was finished then), so it is newly.
    let reopened = as_updated(Action {
        due: Some(d(2026, 6, 30)),
        updates: vec![
            full(d(2026, 6, 20), Status::Completed, 100, Rag::Green),
            full(d(2026, 10, 15), Status::InProgress, 90, Rag::Amber),
        ],
        ..action("reopened")
    });
    let c = action_change(&reopened, review_day(), today());
    assert!(c.newly_overdue, "{c:?}");
    assert!(!c.completed && !c.started);

    // Overdue at the review and completed since: not overdue now.
    let caught_up = as_updated(Action {
        due: Some(d(2026, 6, 30)),
        updates: vec![
            full(d(2026, 6, 20), Status::InProgress, 90, Rag::Red),
            full(d(2026, 10, 15), Status::Completed, 100, Rag::Green),
        ],
        ..action("caught-up")
    });
    let c = action_change(&caught_up, review_day(), today());
    assert!(!c.newly_overdue && c.completed, "{c:?}");
}

#[test]
fn a_changed_rag_or_progress_gives_both_values() {
    let a = as_updated(Action {
        updates: vec![
            full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber),
            full(d(2026, 11, 1), Status::InProgress, 55, Rag::Red),
        ],
        ..action("a")
    });
    let c = action_change(&a, review_day(), today());
    assert_eq!(c.rag, Some((Some(Rag::Amber), Some(Rag::Red))));
    assert_eq!(c.percent, Some((40, 55)));
    assert!(!c.started && !c.completed && !c.newly_overdue);
    assert_eq!(c.new_updates, 1);

    // Changed and changed back since the review: no change, but the
    // updates are still new.
    let back = as_updated(Action {
        updates: vec![
            full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber),
            full(d(2026, 10, 10), Status::InProgress, 45, Rag::Red),
            full(d(2026, 11, 10), Status::InProgress, 40, Rag::Amber),
        ],
        ..action("back")
    });
    let c = action_change(&back, review_day(), today());
    assert_eq!((c.rag, c.percent), (None, None));
    assert_eq!(c.new_updates, 2);
    assert!(c.is_change(), "new updates are a change");

    // A RAG taken away is a change to none.
    let cleared = Action {
        rag: None,
        ..as_updated(Action {
            updates: vec![full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber)],
            ..action("cleared")
        })
    };
    assert_eq!(
        action_change(&cleared, review_day(), today()).rag,
        Some((Some(Rag::Amber), None))
    );
}

#[test]
fn new_updates_are_after_the_review_day_up_to_today() {
    let note = |date| update(date, None, None, None);
    let a = Action {
        updates: vec![
            note(d(2026, 9, 29)),
            note(review_day()),
            note(d(2026, 10, 1)),
            note(d(2026, 11, 15)),
            note(d(2026, 11, 15)),
            note(today()),
            note(d(2026, 12, 3)),
        ],
        ..action("a")
    };
    let c = action_change(&a, review_day(), today());
    assert_eq!(c.new_updates, 4, "1 Oct, 15 Nov twice and today");
    assert!(c.is_change());
    assert_eq!(action_change(&a, review_day(), review_day()).new_updates, 0);
    assert_eq!(action_change(&a, d(2026, 11, 15), today()).new_updates, 1);
}

/// The known limit (docs/PROGRESS.md): a change made to the action's own
/// fields without a dated update has no date, so it counts as a change
/// since any review whose recorded state differs.
#[test]
fn a_change_without_a_dated_update_counts_since_any_review() {
    let a = Action {
        status: Status::InProgress,
        percent: 30,
        rag: Some(Rag::Green),
        updates: vec![full(d(2025, 6, 1), Status::InProgress, 10, Rag::Amber)],
        ..action("a")
    };
    for review in [d(2025, 9, 30), d(2026, 3, 31), review_day()] {
        let c = action_change(&a, review, today());
        assert_eq!(c.percent, Some((10, 30)), "{review}");
        assert_eq!(
            c.rag,
            Some((Some(Rag::Amber), Some(Rag::Green))),
            "{review}"
        );
        assert_eq!(c.new_updates, 0);
    }
    // Never updated and under way: started since any review.
    let never = Action {
        status: Status::InProgress,
        percent: 20,
        ..action("never")
    };
    let c = action_change(&never, review_day(), today());
    assert!(c.started, "{c:?}");
    assert_eq!(c.percent, Some((0, 20)));
}

// ---- Measures and the whole plan ----

fn point(period: &str, value: f64, date: Option<NaiveDate>) -> DataPoint {
    DataPoint {
        period: period.into(),
        value,
        date,
        ..Default::default()
    }
}

#[test]
fn a_measures_new_points_are_dated_after_the_review_up_to_today() {
    let m = Measure {
        id: Id::from("m"),
        name: "Measure".into(),
        data: vec![
            point("Q1", 1.0, Some(d(2026, 6, 30))),
            point("Q2", 2.0, Some(review_day())),
            point("Oct", 3.0, Some(d(2026, 10, 1))),
            point("No date", 4.0, None),
            point("Today", 5.0, Some(today())),
            point("Future", 6.0, Some(d(2026, 12, 31))),
        ],
        ..Measure::default()
    };
    assert_eq!(new_points(&m, review_day(), today()), 2);
    assert_eq!(new_points(&m, today(), today()), 0);
    assert_eq!(
        new_points(&m, d(2026, 1, 1), d(2027, 1, 1)),
        5,
        "all but the undated"
    );
}

#[test]
fn changes_since_lists_only_what_changed_in_plan_order() {
    let still = as_updated(Action {
        due: Some(d(2027, 3, 31)),
        updates: vec![full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber)],
        ..action("still")
    });
    let moved = as_updated(Action {
        due: Some(d(2027, 3, 31)),
        updates: vec![
            full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber),
            full(d(2026, 11, 1), Status::InProgress, 60, Rag::Green),
        ],
        ..action("moved")
    });
    let late = as_updated(Action {
        due: Some(d(2026, 11, 30)),
        updates: vec![full(d(2026, 8, 1), Status::InProgress, 40, Rag::Amber)],
        ..action("late")
    });
    let first = as_updated(Action {
        updates: vec![full(d(2026, 10, 20), Status::InProgress, 5, Rag::Green)],
        ..action("first")
    });
    let quiet = Measure {
        id: Id::from("quiet"),
        name: "Quiet".into(),
        data: vec![point("Q1", 1.0, Some(d(2026, 6, 30)))],
        ..Measure::default()
    };
    let fresh = Measure {
        id: Id::from("fresh"),
        name: "Fresh".into(),
        data: vec![
            point("Q2", 1.0, Some(d(2026, 9, 30))),
            point("Q3", 2.0, Some(d(2026, 11, 30))),
        ],
        ..Measure::default()
    };
    let mut plan = plan_with_reviews(&[d(2026, 6, 30), review_day()]);
    plan.actions = vec![late, still, first, moved];
    plan.measures = vec![fresh, quiet];

    let since = last_review(&plan, today()).unwrap();
    assert_eq!(since, review_day());
    let changes = changes_since(&plan, since, today());
    let ids: Vec<&str> = changes.actions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["late", "first", "moved"]);
    assert!(changes.action(&Id::from("late")).unwrap().newly_overdue);
    assert!(changes.action(&Id::from("first")).unwrap().started);
    assert_eq!(
        changes.action(&Id::from("moved")).unwrap().percent,
        Some((40, 60))
    );
    assert_eq!(changes.action(&Id::from("still")), None);
    assert_eq!(
        changes.measures,
        vec![MeasureChange {
            id: Id::from("fresh"),
            new_points: 1
        }]
    );
    assert_eq!(changes.measure(&Id::from("quiet")), None);
    assert!(!changes.is_empty());

    // Nothing since today's own end.
    assert!(changes_since(&plan, today(), today()).is_empty());
    // Since the review before: more has changed ("first" started, "fresh"
    // has both points, "still" moved to 40% since 30 June).
    let earlier = changes_since(&plan, d(2026, 6, 30), today());
    assert_eq!(earlier.actions.len(), 4);
    assert_eq!(earlier.measure(&Id::from("fresh")).unwrap().new_points, 2);
}

// ---- The plan ops for reviews and tracking settings ----

mod ops {
    use super::d;
    use plan_workbench::model::editing::{MetaEdit, Op, Session};
    use plan_workbench::model::ops::OpError;
    use plan_workbench::model::{Plan, Review, TrackingSettings};

    fn review(date: chrono::NaiveDate, note: &str) -> Review {
        Review {
            date,
            note: note.into(),
        }
    }

    #[test]
    fn reviews_are_kept_in_date_order_and_removed_by_place() {
        let mut s = Session::new(Plan::new_empty("Plan"), 0);
        for r in [
            review(d(2026, 6, 30), "Q1"),
            review(d(2026, 3, 31), "Q4"),
            review(d(2026, 9, 30), "Q2"),
            review(d(2026, 6, 30), "Q1 again"),
        ] {
            s.apply(&Op::Meta(MetaEdit::AddReview(r)), None).unwrap();
        }
        let notes = |s: &Session| -> Vec<String> {
            s.plan()
                .meta
                .reviews
                .iter()
                .map(|r| r.note.clone())
                .collect()
        };
        assert_eq!(
            notes(&s),
            ["Q4", "Q1", "Q1 again", "Q2"],
            "same date: after"
        );
        s.apply(&Op::Meta(MetaEdit::RemoveReview(1)), None).unwrap();
        assert_eq!(notes(&s), ["Q4", "Q1 again", "Q2"]);
        // A place with no review changes nothing.
        let c = s.apply(&Op::Meta(MetaEdit::RemoveReview(9)), None).unwrap();
        assert!(c.is_empty());
        assert_eq!(notes(&s), ["Q4", "Q1 again", "Q2"]);
        s.undo().unwrap();
        assert_eq!(notes(&s), ["Q4", "Q1", "Q1 again", "Q2"], "undone");
    }

    #[test]
    fn tracking_settings_that_make_no_sense_are_refused_and_nothing_changes() {
        let mut s = Session::new(Plan::new_empty("Plan"), 0);
        let good = TrackingSettings {
            review_cycle_days: 91,
            green_within: 5,
            amber_within: 20,
        };
        s.apply(&Op::Meta(MetaEdit::Tracking(good)), None).unwrap();
        assert_eq!(s.plan().meta.tracking, good);
        for (bad, says) in [
            (
                TrackingSettings {
                    review_cycle_days: 0,
                    ..good
                },
                "The review cycle is 0 days, but it must be at least 1 day, so the tracking settings were not changed.",
            ),
            (
                TrackingSettings {
                    green_within: 30,
                    ..good
                },
                "\"Green within\" (30 percentage points) is more than \"amber within\" (20 percentage points), but green must allow no more points behind than amber, so the tracking settings were not changed.",
            ),
            (
                TrackingSettings {
                    amber_within: 101,
                    ..good
                },
                "\"Amber within\" is 101 percentage points, but it must be from 0 to 100, so the tracking settings were not changed.",
            ),
        ] {
            let e = s.apply(&Op::Meta(MetaEdit::Tracking(bad)), None).unwrap_err();
            assert_eq!(e, OpError::InvalidValue(says.into()));
            assert_eq!(e.to_string(), says);
            assert_eq!(s.plan().meta.tracking, good, "unchanged");
        }
        s.undo().unwrap();
        assert_eq!(s.plan().meta.tracking, TrackingSettings::default());
    }
}

// ---- Reading a setting typed into the details form ----

mod typed_settings {
    use plan_workbench::model::progress::settings::{problems, with_typed, Setting};
    use plan_workbench::model::TrackingSettings;

    #[test]
    fn a_typed_setting_is_taken_when_it_makes_sense() {
        let now = TrackingSettings::default();
        assert_eq!(
            with_typed(&now, Setting::ReviewCycleDays, " 91 "),
            Ok(TrackingSettings {
                review_cycle_days: 91,
                ..now
            })
        );
        assert_eq!(
            with_typed(&now, Setting::GreenWithin, "0"),
            Ok(TrackingSettings {
                green_within: 0,
                ..now
            })
        );
        assert_eq!(
            with_typed(&now, Setting::AmberWithin, "100"),
            Ok(TrackingSettings {
                amber_within: 100,
                ..now
            })
        );
        assert_eq!(
            with_typed(&now, Setting::GreenWithin, "25"),
            Ok(TrackingSettings {
                green_within: 25,
                ..now
            }),
            "green equal to amber"
        );
        assert_eq!(
            with_typed(&now, Setting::ReviewCycleDays, "1"),
            Ok(TrackingSettings {
                review_cycle_days: 1,
                ..now
            })
        );
    }

    #[test]
    fn a_typed_setting_out_of_range_says_why_in_plain_english() {
        let now = TrackingSettings::default();
        let why = |s, t| with_typed(&now, s, t).unwrap_err();
        assert_eq!(
            why(Setting::ReviewCycleDays, "0"),
            "The review cycle must be a whole number of days, at least 1; 0 is out of range"
        );
        assert_eq!(
            why(Setting::ReviewCycleDays, "-5"),
            "The review cycle must be a whole number of days, at least 1; -5 is out of range"
        );
        assert_eq!(
            why(Setting::ReviewCycleDays, "ninety"),
            "The review cycle must be a whole number of days, at least 1; \u{201c}ninety\u{201d} is not one"
        );
        assert_eq!(
            why(Setting::ReviewCycleDays, ""),
            "The review cycle cannot be left empty: it must be a whole number of days, at least 1"
        );
        assert_eq!(
            why(Setting::GreenWithin, "101"),
            "\"Green within\" must be a whole number of percentage points from 0 to 100; 101 is out of range"
        );
        assert_eq!(
            why(Setting::AmberWithin, "300"),
            "\"Amber within\" must be a whole number of percentage points from 0 to 100; 300 is out of range"
        );
        assert_eq!(
            why(Setting::GreenWithin, "12.5"),
            "\"Green within\" must be a whole number of percentage points from 0 to 100; \u{201c}12.5\u{201d} is not one"
        );
        assert_eq!(
            why(Setting::GreenWithin, "26"),
            "\"Green within\" (26 percentage points) is more than \"amber within\" (25 percentage points), but green must allow no more points behind than amber"
        );
        assert_eq!(
            why(Setting::AmberWithin, "9"),
            "\"Green within\" (10 percentage points) is more than \"amber within\" (9 percentage points), but green must allow no more points behind than amber"
        );
    }

    #[test]
    fn the_defaults_make_sense() {
        assert!(problems(&TrackingSettings::default()).is_empty());
        for s in Setting::ALL {
            assert!(!s.label().is_empty() && !s.field().is_empty());
        }
        let t = TrackingSettings::default();
        assert_eq!(Setting::ReviewCycleDays.get(&t), 100);
        assert_eq!(Setting::GreenWithin.get(&t), 10);
        assert_eq!(Setting::AmberWithin.get(&t), 25);
    }
}

// ---- The example plan's history, on any day it is opened ----

mod example {
    use super::d;
    use chrono::{Datelike, NaiveDate};
    use plan_workbench::model::example::{example_plan, example_plan_on, EXAMPLE_AS_AT};
    use plan_workbench::model::progress::review::{
        changes_since, last_review, state_now, state_on,
    };
    use plan_workbench::model::progress::tracking::{is_neglected, is_overdue, standing, Standing};
    use plan_workbench::model::validate::validate_all;
    use plan_workbench::model::{Plan, Status};

    /// Days the example may be opened on: as written, soon after, a leap
    /// day, years on, and before it was written.
    fn todays() -> Vec<NaiveDate> {
        vec![
            EXAMPLE_AS_AT,
            d(2026, 12, 31),
            d(2027, 6, 15),
            d(2028, 2, 29),
            d(2031, 9, 1),
            d(2025, 3, 1),
        ]
    }

    fn codes(p: &Plan, f: impl Fn(&plan_workbench::model::Action) -> bool) -> Vec<String> {
        p.actions
            .iter()
            .filter(|a| f(a))
            .map(|a| a.code.clone())
            .collect()
    }

    #[test]
    fn on_any_day_one_action_is_overdue_one_neglected_and_some_completed() {
        for today in todays() {
            let p = example_plan_on(today);
            let s = p.meta.tracking;
            assert_eq!(validate_all(&p), vec![], "{today}");
            assert_eq!(codes(&p, |a| is_overdue(a, today)), ["1.4"], "{today}");
            assert_eq!(
                codes(&p, |a| is_neglected(a, today, &s)),
                ["2.3"],
                "{today}"
            );
            assert_eq!(
                codes(&p, |a| a.status == Status::Completed),
                ["1.1", "1.2", "1.3", "1.5", "2.1", "2.4", "2.5", "3.2", "3.3"],
                "{today}"
            );
            let count = |st: Standing| {
                p.actions
                    .iter()
                    .filter(|a| standing(a, today, &s) == st)
                    .count()
            };
            assert_eq!(count(Standing::Overdue), 1, "{today}");
            assert_eq!(count(Standing::Neglected), 1, "{today}");
            assert_eq!(count(Standing::Completed), 9, "{today}");
            assert_eq!(count(Standing::Cancelled), 1, "{today}");
            assert_eq!(count(Standing::NotStarted), 1, "{today}");
            assert_eq!(count(Standing::InProgress), 3, "{today}");
        }
    }

    #[test]
    fn as_written_it_is_the_example_and_only_its_dates_move() {
        assert_eq!(EXAMPLE_AS_AT, d(2026, 12, 2));
        assert_eq!(example_plan_on(EXAMPLE_AS_AT), example_plan());
        let written = example_plan();
        assert_eq!(written.meta.period_start, Some(d(2024, 8, 1)));
        assert_eq!(written.meta.period_end, Some(d(2027, 7, 31)));
        for today in todays() {
            let moved = example_plan_on(today);
            let days = (today - EXAMPLE_AS_AT).num_days();
            // Nothing but dates differs, and every date moved by the same
            // days.
            let mut text_of_moved = serde_json::to_string(&moved).unwrap();
            let mut text_of_written = serde_json::to_string(&written).unwrap();
            // Blank every date (YYYY-MM-DD in quotes) to compare the rest.
            for t in [&mut text_of_moved, &mut text_of_written] {
                *t = blank_dates(t);
            }
            assert_eq!(text_of_moved, text_of_written, "{today}");
            assert_eq!(
                moved.meta.period_start.unwrap() - written.meta.period_start.unwrap(),
                chrono::Duration::days(days)
            );
            assert_eq!(
                moved.actions[3].updates[4].date - written.actions[3].updates[4].date,
                chrono::Duration::days(days)
            );
        }
    }

    fn blank_dates(t: &str) -> String {
        let b = t.as_bytes();
        let mut out = String::with_capacity(t.len());
        let mut i = 0;
        while i < b.len() {
            let is_date = i + 12 <= b.len()
                && b[i] == b'"'
                && b[i + 11] == b'"'
                && b[i + 5] == b'-'
                && b[i + 8] == b'-'
                && [1, 2, 3, 4, 6, 7, 9, 10]
                    .iter()
                    .all(|&k| b[i + k].is_ascii_digit());
            if is_date {
                out.push_str("\"DATE\"");
                i += 12;
            } else {
                let c = t[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }

    #[test]
    fn its_history_is_faithful() {
        let p = example_plan();
        let today = EXAMPLE_AS_AT;
        for a in &p.actions {
            assert!(!a.updates.is_empty(), "{} has a history", a.code);
            assert!(
                a.updates.windows(2).all(|w| w[0].date <= w[1].date),
                "{} oldest first",
                a.code
            );
            assert!(a.updates.iter().all(|u| u.date <= today), "{}", a.code);
            for u in &a.updates {
                assert!(u.status.is_some() && u.percent.is_some(), "{}", a.code);
                let unrated = matches!(u.status, Some(Status::NotStarted | Status::Cancelled));
                assert!(u.rag.is_some() || unrated, "{} {}", a.code, u.date);
            }
            // The action stands where its latest update put it.
            assert_eq!(state_on(a, today), state_now(a), "{}", a.code);
        }
        // Updates over the last three quarters and more.
        let quarters: std::collections::BTreeSet<(i32, u32)> = p
            .actions
            .iter()
            .flat_map(|a| &a.updates)
            .filter(|u| u.date > d(2025, 12, 31))
            .map(|u| (u.date.year(), (u.date.month() - 1) / 3))
            .collect();
        assert_eq!(quarters.len(), 4, "{quarters:?}");
        // Reviews at quarter ends, the last one before today.
        let ends: Vec<NaiveDate> = p.meta.reviews.iter().map(|r| r.date).collect();
        assert_eq!(
            ends,
            [
                d(2025, 12, 31),
                d(2026, 3, 31),
                d(2026, 6, 30),
                d(2026, 9, 30)
            ]
        );
        assert!(p.meta.reviews.iter().all(|r| !r.note.is_empty()));
    }

    #[test]
    fn since_its_last_review_on_any_day_the_same_things_changed() {
        for today in todays() {
            let p = example_plan_on(today);
            let since = last_review(&p, today).unwrap();
            assert_eq!(today - since, EXAMPLE_AS_AT - d(2026, 9, 30), "{today}");
            let c = changes_since(&p, since, today);
            let ids: Vec<&str> = c.actions.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(
                ids,
                ["ex-act-1.4", "ex-act-1.6", "ex-act-3.1", "ex-act-3.2"],
                "{today}"
            );
            let of = |id: &str| c.action(&id.into()).unwrap().clone();
            assert!(of("ex-act-1.6").started);
            assert!(of("ex-act-3.2").completed);
            assert_eq!(of("ex-act-1.4").percent, Some((80, 85)));
            assert!(of("ex-act-3.1").rag.is_some());
            assert!(c.actions.iter().all(|a| !a.newly_overdue));
            let measures: Vec<&str> = c.measures.iter().map(|m| m.id.as_str()).collect();
            assert_eq!(measures, ["ex-m5"], "{today}");
        }
    }
}
