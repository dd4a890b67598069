//! The plan table's rows (src/model/progress/table.rs): paths, merged
//! cells, the same action under two aims, filters and sorts with fixed
//! dates, status words and icons, the quiet RAG flag, measures and CSV.

use chrono::NaiveDate;
use plan_workbench::model::charts::reading::read_measure;
use plan_workbench::model::charts::words::short_status;
use plan_workbench::model::progress::table::*;
use plan_workbench::model::progress::tracking::Standing;
use plan_workbench::model::{
    Action, Aim, DataPoint, Id, Kind, Measure, Outcome, Plan, PlanMeta, Priority, Rag, Review,
    Status, Update,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ids(v: &[&str]) -> Vec<Id> {
    v.iter().map(|s| Id::from(*s)).collect()
}

const TODAY: (i32, u32, u32) = (2022, 6, 30);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn action(id: &str, code: &str, aims: &[&str]) -> Action {
    Action {
        id: id.into(),
        code: code.into(),
        title: format!("Action {code}"),
        lead: "Head of service".into(),
        aims: ids(aims),
        ..Default::default()
    }
}

/// A plan with many-to-many links: X2 serves aims A1 and A2; aim A3 drives
/// outcomes O2 (priority P1) and O3 (priority P2); P3 has no outcome, O4 no
/// priority, A4 no action, A5 no outcome, X4 no aim.
fn plan() -> Plan {
    let p = |id: &str, code: &str| Priority {
        id: id.into(),
        code: code.into(),
        title: format!("Priority {code}"),
        description: String::new(),
    };
    let o = |id: &str, ps: &[&str]| Outcome {
        id: id.into(),
        code: id.into(),
        statement: format!("Outcome {id}"),
        priorities: ids(ps),
        ..Default::default()
    };
    let a = |id: &str, os: &[&str]| Aim {
        id: id.into(),
        code: id.into(),
        statement: format!("Aim {id}"),
        outcomes: ids(os),
        ..Default::default()
    };
    let mut x1 = action("X1", "1.1", &["A1"]);
    x1.due = Some(d(2022, 6, 29)); // overdue on 30 Jun
    x1.start = Some(d(2022, 1, 1));
    x1.status = Status::InProgress;
    x1.percent = 20;
    x1.rag = Some(Rag::Green); // the suggestion is red: 100% expected
    x1.updates = vec![
        Update {
            date: d(2022, 3, 1),
            text: "Started".into(),
            status: Some(Status::InProgress),
            percent: Some(10),
            rag: Some(Rag::Green),
        },
        Update {
            date: d(2022, 5, 1),
            text: "Halfway, \"nearly\", there".into(),
            status: Some(Status::InProgress),
            percent: Some(20),
            rag: Some(Rag::Green),
        },
    ];
    let mut x2 = action("X2", "1.10", &["A1", "A2"]);
    x2.due = Some(d(2022, 6, 30)); // due today: not overdue
    x2.rag = Some(Rag::Amber);
    x2.lead = "CPC Practice Improvement Working Group".into();
    x2.updates = vec![Update {
        date: d(2022, 4, 1),
        text: "Rated amber at planning".into(),
        status: Some(Status::NotStarted),
        percent: Some(0),
        rag: Some(Rag::Amber),
    }];
    let mut x3 = action("X3", "1.2", &["A3"]);
    x3.due = Some(d(2022, 7, 10));
    x3.status = Status::Completed;
    x3.percent = 100;
    x3.rag = Some(Rag::Red);
    x3.updates = vec![Update {
        date: d(2022, 6, 1),
        text: "Done".into(),
        status: Some(Status::Completed),
        percent: Some(100),
        rag: Some(Rag::Red),
    }];
    let mut x4 = action("X4", "2.1", &[]);
    x4.due = Some(d(2022, 7, 20));
    x4.lead = "  ".into();
    Plan {
        id: "plan".into(),
        meta: PlanMeta {
            title: "Moray-like plan".into(),
            reviews: vec![Review {
                date: d(2022, 5, 15),
                note: "Quarter review".into(),
            }],
            ..Default::default()
        },
        priorities: vec![p("P1", "1"), p("P2", "2"), p("P3", "3")],
        outcomes: vec![
            o("O1", &["P1"]),
            o("O2", &["P1"]),
            o("O3", &["P2"]),
            o("O4", &[]),
        ],
        aims: vec![
            a("A1", &["O1"]),
            a("A2", &["O1"]),
            a("A3", &["O2", "O3"]),
            a("A4", &["O2"]),
            a("A5", &[]),
        ],
        actions: vec![x1, x2, x3, x4],
        measures: vec![
            Measure {
                id: "M1".into(),
                code: "M1".into(),
                name: "Referrals seen in time".into(),
                unit: "%".into(),
                data: vec![
                    DataPoint {
                        period: "2021/22 Q1".into(),
                        value: 60.8,
                        date: Some(d(2021, 6, 30)),
                        ..Default::default()
                    },
                    DataPoint {
                        period: "2021/22 Q2".into(),
                        value: 72.9,
                        date: Some(d(2021, 9, 30)),
                        ..Default::default()
                    },
                ],
                evidences: ids(&["X1"]),
                ..Default::default()
            },
            Measure {
                id: "M2".into(),
                code: "M2".into(),
                name: "Aim measure".into(),
                evidences: ids(&["A1"]),
                ..Default::default()
            },
            Measure {
                id: "M3".into(),
                code: "M3".into(),
                name: "Outcome measure".into(),
                evidences: ids(&["O1", "A3"]),
                ..Default::default()
            },
        ],
    }
}

fn path(r: &Row) -> String {
    let s = |id: &Option<Id>| id.as_ref().map(|i| i.0.clone()).unwrap_or("-".into());
    format!(
        "{}/{}/{}/{}",
        s(&r.priority),
        s(&r.outcome),
        s(&r.aim),
        s(&r.action)
    )
}

fn spans(rows: &[Row]) -> Vec<(usize, usize, usize)> {
    rows.iter()
        .map(|r| (r.priority_span, r.outcome_span, r.aim_span))
        .collect()
}

/// Spans must tile the rows: a cell of span n starts a run of n rows with
/// the same item in its column and those to its left.
fn assert_spans_tile(rows: &[Row]) {
    type Key = fn(&Row) -> (Option<Id>, Option<Id>, Option<Id>);
    let cols: [(fn(&Row) -> usize, Key); 3] = [
        (|r| r.priority_span, |r| (r.priority.clone(), None, None)),
        (
            |r| r.outcome_span,
            |r| (r.priority.clone(), r.outcome.clone(), None),
        ),
        (
            |r| r.aim_span,
            |r| (r.priority.clone(), r.outcome.clone(), r.aim.clone()),
        ),
    ];
    for (span, key) in cols {
        let mut i = 0;
        while i < rows.len() {
            let n = span(&rows[i]);
            assert!(n >= 1, "row {i} should start a cell");
            for j in i + 1..i + n {
                assert_eq!(span(&rows[j]), 0);
                assert_eq!(key(&rows[j]), key(&rows[i]));
            }
            if i + n < rows.len() {
                assert_ne!(key(&rows[i + n]), key(&rows[i]), "a run was split");
            }
            i += n;
        }
    }
}

#[test]
fn one_row_per_path_in_plan_order_with_nothing_hidden() {
    let rows = plan_rows(&plan());
    let paths: Vec<String> = rows.iter().map(path).collect();
    assert_eq!(
        paths,
        [
            "P1/O1/A1/X1",
            "P1/O1/A1/X2",
            "P1/O1/A2/X2",
            "P1/O2/A3/X3",
            "P1/O2/A4/-",
            "P2/O3/A3/X3",
            "P3/-/-/-",
            "-/O4/-/-",
            "-/-/A5/-",
            "-/-/-/X4",
        ]
    );
    let keys: std::collections::HashSet<String> = rows.iter().map(Row::key).collect();
    assert_eq!(keys.len(), rows.len(), "row keys are unique");
}

#[test]
fn merged_cells_span_the_rows_that_share_them() {
    let rows = plan_rows(&plan());
    assert_eq!(
        spans(&rows),
        [
            (5, 3, 2), // P1 over 5 rows, O1 over 3, A1 over 2
            (0, 0, 0),
            (0, 0, 1), // A2
            (0, 2, 1), // O2 over 2, A3
            (0, 0, 1), // A4
            (1, 1, 1), // P2, O3, A3
            (1, 1, 1), // P3
            (3, 1, 1), // the rows with no priority share an empty cell
            (0, 2, 1),
            (0, 0, 1),
        ]
    );
    assert_spans_tile(&rows);
}

#[test]
fn an_action_under_two_aims_is_marked_as_the_same_action_in_each_place() {
    let p = plan();
    let rows = plan_rows(&p);
    let x2: Vec<&Row> = rows
        .iter()
        .filter(|r| r.action == Some("X2".into()))
        .collect();
    assert_eq!(x2.len(), 2);
    assert_eq!(
        elsewhere_text(&p, x2[0]).as_deref(),
        Some("Same action also under A2")
    );
    assert_eq!(
        elsewhere_text(&p, x2[1]).as_deref(),
        Some("Same action also under A1")
    );
    // X3 is under one aim, reached through two outcomes: the outcome tells
    // the places apart.
    let x3: Vec<&Row> = rows
        .iter()
        .filter(|r| r.action == Some("X3".into()))
        .collect();
    assert_eq!(
        elsewhere_text(&p, x3[0]).as_deref(),
        Some("Same action also under A3 (outcome O3)")
    );
    let x1 = rows.iter().find(|r| r.action == Some("X1".into())).unwrap();
    assert!(x1.elsewhere.is_empty());
    assert_eq!(elsewhere_text(&p, x1), None);
}

#[test]
fn measures_show_beside_the_action_or_where_their_aim_or_outcome_cell_starts() {
    let p = plan();
    let rows = plan_rows(&p);
    let m = |r: &Row| -> Vec<(String, Kind)> {
        r.measures
            .iter()
            .map(|m| (m.measure.0.clone(), m.evidences))
            .collect()
    };
    // Row 0 starts O1 and A1 and holds X1.
    assert_eq!(
        m(&rows[0]),
        [
            ("M1".into(), Kind::Action),
            ("M2".into(), Kind::Aim),
            ("M3".into(), Kind::Outcome)
        ]
    );
    // A measure evidencing both an aim and its outcome is listed once, for
    // the aim.
    let mut q = p.clone();
    q.measures[1].evidences.push("O1".into());
    let rows_q = plan_rows(&q);
    assert_eq!(
        m(&rows_q[0]),
        [
            ("M1".into(), Kind::Action),
            ("M2".into(), Kind::Aim),
            ("M3".into(), Kind::Outcome)
        ]
    );
    assert!(m(&rows[1]).is_empty(), "A1's cell started above");
    assert!(m(&rows[2]).is_empty());
    assert_eq!(m(&rows[3]), [("M3".into(), Kind::Aim)]);
    assert_eq!(m(&rows[5]), [("M3".into(), Kind::Aim)], "A3 under O3 too");
    let m1 = &p.measures[0];
    // The latest value with the trend word and the signal (the chart's
    // short status): too few points for the rules here.
    let text = measure_text(m1, Kind::Action);
    assert!(
        text.starts_with("M1 Referrals seen in time: latest 72.9% (2021/22 Q2) · Too few points"),
        "{text}"
    );
    assert_eq!(
        text,
        format!(
            "M1 Referrals seen in time: l{}",
            &short_status(&read_measure(m1))[1..]
        )
    );
    assert_eq!(
        measure_text(&p.measures[1], Kind::Aim),
        "M2 Aim measure: no data yet (evidences the improvement aim)"
    );
}

#[test]
fn cells_give_the_standing_by_word_and_icon_and_flag_a_rag_that_differs_quietly() {
    let p = plan();
    let s = &p.meta.tracking;
    let x1 = action_cells(&p.actions[0], today(), s);
    assert_eq!(x1.standing, Standing::Overdue);
    assert_eq!((x1.status_word, x1.icon), ("Overdue", "overdue"));
    assert_eq!(x1.rag, Some(Rag::Green));
    assert_eq!(x1.suggested_differs, Some(Rag::Red));
    assert_eq!(
        x1.latest_update,
        Some((d(2022, 5, 1), "Halfway, \"nearly\", there".into()))
    );
    let x2 = action_cells(&p.actions[1], today(), s);
    assert_eq!((x2.status_word, x2.icon), ("Not started", "not-started"));
    assert_eq!(x2.suggested_differs, None, "no dates: no suggestion");
    let x3 = action_cells(&p.actions[2], today(), s);
    assert_eq!((x3.status_word, x3.icon), ("Completed", "completed"));
    assert_eq!(x3.suggested_differs, Some(Rag::Green));
    let x4 = action_cells(&p.actions[3], today(), s);
    assert_eq!((x4.status_word, x4.icon), ("Unassigned", "unassigned"));
    // The day before X1 is due, it is in progress, not overdue.
    let before = action_cells(&p.actions[0], d(2022, 6, 29), s);
    assert_eq!(
        (before.status_word, before.icon),
        ("In progress", "in-progress")
    );
}

fn shown(filter: Filter, sort: Sort) -> Vec<String> {
    let rows = shown_rows(&plan(), &filter, sort, today());
    assert_spans_tile(&rows);
    rows.iter().map(path).collect()
}

#[test]
fn the_overdue_filter_shows_overdue_actions_only_judged_on_today() {
    let f = Filter {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(shown(f.clone(), Sort::Plan), ["P1/O1/A1/X1"]);
    // On its due day X1 is not overdue yet.
    let rows = shown_rows(&plan(), &f, Sort::Plan, d(2022, 6, 29));
    assert!(rows.is_empty());
    // A day after X2's due date, both.
    let rows = shown_rows(&plan(), &f, Sort::Plan, d(2022, 7, 1));
    assert_eq!(
        rows.iter().map(path).collect::<Vec<_>>(),
        ["P1/O1/A1/X1", "P1/O1/A1/X2", "P1/O1/A2/X2"]
    );
    assert_eq!(spans(&rows), [(3, 3, 2), (0, 0, 0), (0, 0, 1)]);
}

#[test]
fn filters_by_priority_lead_status_and_rag() {
    let by_priority = Filter {
        priority: Some("P1".into()),
        ..Default::default()
    };
    assert_eq!(
        shown(by_priority, Sort::Plan),
        [
            "P1/O1/A1/X1",
            "P1/O1/A1/X2",
            "P1/O1/A2/X2",
            "P1/O2/A3/X3",
            "P1/O2/A4/-"
        ]
    );
    let by_lead = Filter {
        lead: Some(" cpc practice improvement working group ".into()),
        ..Default::default()
    };
    assert_eq!(shown(by_lead, Sort::Plan), ["P1/O1/A1/X2", "P1/O1/A2/X2"]);
    let no_lead = Filter {
        lead: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(shown(no_lead, Sort::Plan), ["-/-/-/X4"]);
    let completed = Filter {
        status: Some(Status::Completed),
        ..Default::default()
    };
    assert_eq!(shown(completed, Sort::Plan), ["P1/O2/A3/X3", "P2/O3/A3/X3"]);
    let red = Filter {
        rag: Some(RagChoice::Rated(Rag::Red)),
        ..Default::default()
    };
    assert_eq!(shown(red, Sort::Plan), ["P1/O2/A3/X3", "P2/O3/A3/X3"]);
    let unrated = Filter {
        rag: Some(RagChoice::NotRated),
        ..Default::default()
    };
    assert_eq!(shown(unrated, Sort::Plan), ["-/-/-/X4"]);
    // Two filters at once: both must hold.
    let both = Filter {
        priority: Some("P2".into()),
        rag: Some(RagChoice::Rated(Rag::Red)),
        ..Default::default()
    };
    assert_eq!(shown(both, Sort::Plan), ["P2/O3/A3/X3"]);
}

#[test]
fn due_within_n_days_counts_from_today_and_leaves_out_finished_actions() {
    let within = |days| Filter {
        due_within: Some(days),
        ..Default::default()
    };
    // X2 due today; X3 (completed) due in 10 days; X4 in 20; X1 overdue.
    assert_eq!(shown(within(0), Sort::Plan), ["P1/O1/A1/X2", "P1/O1/A2/X2"]);
    assert_eq!(
        shown(within(19), Sort::Plan),
        ["P1/O1/A1/X2", "P1/O1/A2/X2"]
    );
    assert_eq!(
        shown(within(20), Sort::Plan),
        ["P1/O1/A1/X2", "P1/O1/A2/X2", "-/-/-/X4"]
    );
}

#[test]
fn changed_since_the_last_review_uses_the_latest_review_before_today() {
    let f = Filter {
        changed_since_review: true,
        ..Default::default()
    };
    // Since 15 May: X1 became overdue, X3 was completed (update of 1 Jun).
    // X2 never changed; X4 has nothing recorded.
    assert_eq!(
        shown(f.clone(), Sort::Plan),
        ["P1/O1/A1/X1", "P1/O2/A3/X3", "P2/O3/A3/X3"]
    );
    // With no review before today, nothing counts as changed.
    let mut p = plan();
    p.meta.reviews.clear();
    assert!(shown_rows(&p, &f, Sort::Plan, today()).is_empty());
}

#[test]
fn sorts_by_due_code_and_rag_with_spans_recomputed_over_the_rows_shown() {
    let all = Filter::default();
    assert_eq!(
        shown(all.clone(), Sort::Due),
        [
            "P1/O1/A1/X1", // 29 Jun
            "P1/O1/A1/X2", // 30 Jun
            "P1/O1/A2/X2",
            "P1/O2/A3/X3", // 10 Jul
            "P2/O3/A3/X3",
            "-/-/-/X4", // 20 Jul
            "P1/O2/A4/-",
            "P3/-/-/-",
            "-/O4/-/-",
            "-/-/A5/-",
        ]
    );
    let rows = shown_rows(&plan(), &all, Sort::Due, today());
    // P1 merges over the first four rows only; the aimless rows at the end
    // are no longer next to each other.
    assert_eq!(rows[0].priority_span, 4);
    assert_eq!(rows[6].priority_span, 1);
    assert_eq!(rows[6].outcome_span, 1);
    // Measures follow the cells as shown: A3's measure on both its rows.
    assert_eq!(rows[3].measures.len(), 1);
    assert_eq!(rows[4].measures.len(), 1);
    assert_eq!(
        shown(all.clone(), Sort::Code),
        [
            "P1/O1/A1/X1", // 1.1
            "P1/O2/A3/X3", // 1.2
            "P2/O3/A3/X3",
            "P1/O1/A1/X2", // 1.10
            "P1/O1/A2/X2",
            "-/-/-/X4", // 2.1
            "P1/O2/A4/-",
            "P3/-/-/-",
            "-/O4/-/-",
            "-/-/A5/-",
        ]
    );
    assert_eq!(
        shown(all, Sort::Rag),
        [
            "P1/O2/A3/X3", // red
            "P2/O3/A3/X3",
            "P1/O1/A1/X2", // amber
            "P1/O1/A2/X2",
            "P1/O1/A1/X1", // green
            "-/-/-/X4",    // not rated
            "P1/O2/A4/-",
            "P3/-/-/-",
            "-/O4/-/-",
            "-/-/A5/-",
        ]
    );
}

#[test]
fn codes_compare_with_numbers_as_numbers() {
    use std::cmp::Ordering::*;
    assert_eq!(compare_codes("STRAT1.2", "STRAT1.10"), Less);
    assert_eq!(compare_codes("1.10", "1.9"), Greater);
    assert_eq!(compare_codes("5.2", "5.2"), Equal);
    assert_eq!(compare_codes("a1", "B1"), Less);
    assert_eq!(compare_codes("1", "1.1"), Less);
}

#[test]
fn the_csv_has_a_row_per_row_shown_with_iso_and_uk_dates() {
    let p = plan();
    let rows = shown_rows(
        &p,
        &Filter {
            overdue: true,
            ..Default::default()
        },
        Sort::Plan,
        today(),
    );
    let bytes = csv_file(&p, &rows, today());
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    let col = |name: &str| &r[CSV_HEADER.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("Priority"), "1 Priority 1");
    assert_eq!(col("Outcome"), "O1 Outcome O1");
    assert_eq!(col("Improvement aim"), "A1 Aim A1");
    assert_eq!(col("Action code"), "1.1");
    assert_eq!(col("Due (ISO)"), "2022-06-29");
    assert_eq!(col("Due"), "29-Jun-2022");
    assert_eq!(col("Status"), "Overdue");
    assert_eq!(col("Progress (%)"), "20");
    assert_eq!(col("RAG"), "Green");
    assert_eq!(col("Suggested RAG"), "Red");
    assert_eq!(col("Latest update date (ISO)"), "2022-05-01");
    assert_eq!(col("Latest update date"), "01-May-2022");
    assert_eq!(col("Latest update"), "Halfway, \"nearly\", there");
    assert!(col("Measures").contains("M1 Referrals seen in time: latest 72.9%"));
    // Every row shown, each a full record, with merged cells written out.
    let all = plan_rows(&p);
    let cells = csv_cells(&p, &all, today());
    assert_eq!(cells.len(), all.len());
    assert!(cells.iter().all(|c| c.len() == CSV_HEADER.len()));
    assert_eq!(cells[1][0], "1 Priority 1", "a merged priority on each row");
    assert_eq!(cells[1][5], "Same action also under A2");
}

#[test]
fn leads_are_listed_once_each_in_alphabetical_order() {
    let mut p = plan();
    p.actions[2].lead = "head of service ".into();
    assert_eq!(
        leads(&p),
        ["CPC Practice Improvement Working Group", "Head of service"]
    );
}

#[test]
fn uk_text_is_as_council_tables_print_dates() {
    assert_eq!(uk_text(d(2023, 3, 31)), "31-Mar-2023");
    assert_eq!(uk_text(d(2023, 4, 1)), "01-Apr-2023");
}
