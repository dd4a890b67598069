//! Roles guessed and rows mapped, on small pasted tables.

use plan_workbench::model::import::{mapper, roles, text, Draft, NotAPlan, Role};
use plan_workbench::model::plan::{DriverLevel, Plan};

fn map(text_in: &str) -> Result<mapper::Draft, NotAPlan> {
    let table = text::read_text(text_in);
    mapper::map(&table, &roles::guess(&table))
}

fn plan(text_in: &str) -> Plan {
    map(text_in).unwrap().plan
}

#[test]
fn header_words_give_roles() {
    let t = text::read_text("Outcome\tImprovement aim\tActions/Tasks\tLead officer\tDue date\tRAG status\tBaseline\nA\tB\tC\tD\tE\tF\tG");
    let l = roles::guess(&t);
    assert_eq!(l.sections.len(), 1);
    assert_eq!(
        l.sections[0].roles,
        vec![
            Role::Outcome,
            Role::Aim,
            Role::Action,
            Role::Lead,
            Role::DueDate,
            Role::Rag,
            Role::Ignore
        ]
    );
    assert_eq!(l.sections[0].header_rows, 1);
}

#[test]
fn same_as_above_fills_parents() {
    let p = plan("Outcome\tAim\tAction\nO1\tA1\tX\n\t\tY\n\tA2\tZ");
    assert_eq!(p.outcomes.len(), 1);
    assert_eq!(p.aims.len(), 2);
    let a1 = &p.aims[0];
    assert_eq!(p.actions[1].title, "Y");
    assert_eq!(p.actions[1].aims, vec![a1.id.clone()]);
    assert_eq!(p.aims[1].outcomes, vec![p.outcomes[0].id.clone()]);
}

#[test]
fn an_empty_parent_after_a_header_takes_the_value_below() {
    // A PDF's merged cell has its text mid-block.
    let p = plan("Outcome\tAction\n\tFirst\nO1\tSecond");
    assert_eq!(p.outcomes.len(), 1);
    assert_eq!(p.actions[0].aims.len(), 0);
    let p = plan("Outcome\tAim\tAction\n\t\tFirst\nO1\tA1\tSecond");
    assert_eq!(p.actions[0].aims, vec![p.aims[0].id.clone()]);
}

#[test]
fn one_action_under_two_aims_is_one_action() {
    let p = plan("Aim\tAction\nA1\tShared work.\nA2\tshared   work");
    assert_eq!(p.actions.len(), 1);
    assert_eq!(p.actions[0].aims.len(), 2);
}

#[test]
fn a_repeated_header_is_skipped() {
    let t = text::read_text("Aim\tAction\nA1\tX\nAim\tAction\nA2\tY");
    let l = roles::guess(&t);
    assert_eq!(l.sections.len(), 1);
    let p = mapper::map(&t, &l).unwrap().plan;
    assert_eq!(p.aims.len(), 2);
    assert!(!p.actions.iter().any(|a| a.title == "Action"));
}

#[test]
fn a_different_header_starts_a_section() {
    let t = text::read_text("Aim\tAction\nA1\tX\nNo\tKPI measures\n1\tM");
    let l = roles::guess(&t);
    assert_eq!(l.sections.len(), 2);
    assert_eq!(l.sections[1].roles[..2], [Role::Code, Role::Measure]);
}

#[test]
fn a_continuation_line_joins_the_cell_above() {
    let p = plan("Aim\tAction\nA1\tImprove the\n\tlocal offer\nA2\tDone.\n\tnew thing");
    assert_eq!(p.actions[0].title, "Improve the local offer");
    assert_eq!(p.actions.len(), 3);
}

#[test]
fn heading_rows_make_priorities_and_outcomes() {
    let d = map("Aim\tAction\nPRIORITY: 2 Children are safe\t\nOutcome 3 – Focus We will listen.\t\nA1\tX\nPHYSICAL WELLB\tEING\nA2\tY").unwrap();
    let p = &d.plan;
    assert_eq!(
        (
            p.priorities[0].code.as_str(),
            p.priorities[0].title.as_str()
        ),
        ("2", "Children are safe")
    );
    assert_eq!(
        (
            p.outcomes[0].code.as_str(),
            p.outcomes[0].statement.as_str()
        ),
        ("3", "Focus")
    );
    assert_eq!(p.outcomes[0].priorities, vec![p.priorities[0].id.clone()]);
    assert_eq!(p.aims[0].outcomes, vec![p.outcomes[0].id.clone()]);
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message.contains("We will listen.")));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.line == 5 && w.message == "Row 5 read as a heading: PHYSICAL WELLBEING"));
}

#[test]
fn codes_link_rows() {
    let p = plan("Aim\tActions\nA1\t1.1: Do this\nA2\tSTRAT1.4 Build that\n\nNo\tKPI measures\n1.1\tM1\nSTRAT1.4\tM2");
    assert_eq!(p.actions[0].code, "1.1");
    assert_eq!(p.actions[0].title, "Do this");
    assert_eq!(p.actions[1].code, "STRAT1.4");
    assert_eq!(p.measures[0].evidences, vec![p.actions[0].id.clone()]);
    assert_eq!(p.measures[1].evidences, vec![p.actions[1].id.clone()]);
}

#[test]
fn a_code_column_value_goes_to_the_rows_item() {
    let p = plan("Code\tAim\tAction\n\tA1\tX\nX9\t\tY");
    assert_eq!(p.actions[1].code, "X9");
    assert_eq!(p.aims[0].code, "");
}

#[test]
fn an_action_header_over_codes_is_a_code_column() {
    let t = text::read_text("No\tAction/Task\tKPI Measures\n1\t1.1\tM\n\t5.2\tN");
    assert_eq!(
        roles::guess(&t).sections[0].roles,
        vec![Role::Code, Role::Code, Role::Measure]
    );
}

#[test]
fn secondary_drivers_are_secondary_aims() {
    let p = plan("Outcome\tPrimary driver\tSecondary driver\tChange ideas\nO\tP\tS\tC");
    let s = p.aims.iter().find(|a| a.statement == "S").unwrap();
    assert_eq!(s.level, DriverLevel::Secondary);
    assert_eq!(s.outcomes, vec![p.outcomes[0].id.clone()]);
    assert_eq!(p.actions[0].aims, vec![s.id.clone()]);
}

#[test]
fn without_headers_text_columns_are_outcome_aim_action() {
    let t = text::read_text(
        "Keep safe\tBetter plans\tWrite guidance\t1.1\nKeep well\tMore play\tOpen parks\t1.2",
    );
    let l = roles::guess(&t);
    assert_eq!(
        l.sections[0].roles,
        vec![Role::Outcome, Role::Aim, Role::Action, Role::Code]
    );
    let t = text::read_text("Keep safe\tWrite guidance\nKeep well\tOpen parks");
    assert_eq!(
        roles::guess(&t).sections[0].roles,
        vec![Role::Outcome, Role::Action]
    );
    let t = text::read_text("Write guidance\tR\nOpen parks\tAmber");
    assert_eq!(
        roles::guess(&t).sections[0].roles,
        vec![Role::Action, Role::Rag]
    );
}

#[test]
fn a_prose_line_is_warned_and_ignored() {
    let d = map("Aim\tAction\nA1\tX\nNote: these are the council's words only.").unwrap();
    assert_eq!(d.plan.actions.len(), 1);
    assert!(d.warnings.iter().any(|w| w.message
        == "Line 3 is not part of the table: Note: these are the council's words only."));
}

#[test]
fn an_unreadable_value_is_kept_with_a_warning() {
    let d = map("Action\tLead\tDue date\nX\tAnn\tSpring-ish").unwrap();
    assert!(d.plan.actions[0].lead.contains("Spring-ish"));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message
            == "Row 2: “Spring-ish” is not a date this workbench reads; kept as text."));
}

#[test]
fn not_a_plan() {
    assert!(matches!(map(""), Err(NotAPlan::NoItems(_))));
    assert!(matches!(map("12\n14\n3.5"), Err(NotAPlan::NoItems(m)) if m.contains("numbers")));
    assert!(matches!(
        map("Lead\tDue date\nAnn\t2021"),
        Err(NotAPlan::NoItems(_))
    ));
}

#[test]
fn targets_and_owners_go_to_the_rows_item() {
    let p = plan("Outcome\tAim\tLead\tTarget\nO1\tA1\tAnn\t10% more\nO2\t\tBob\t5 fewer");
    assert_eq!(p.aims[0].owner, "Ann");
    assert_eq!(p.aims[0].target.as_ref().unwrap().value, "10% more");
    assert_eq!(p.outcomes[1].owner, "Bob");
    assert_eq!(p.outcomes[1].target.as_ref().unwrap().value, "5 fewer");
    let p = plan("Measure\tTarget\nM1\t90%");
    assert_eq!(p.measures[0].target.as_ref().unwrap().value, "90%");
}

#[test]
fn an_update_column_becomes_the_actions_update() {
    let p = plan("Action\tProgress update\nX\tTwo sessions held");
    assert_eq!(p.actions[0].updates.len(), 1);
    assert_eq!(p.actions[0].updates[0].text, "Two sessions held");
    // Dated on the day the table is brought in.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let dated = Draft {
        plan: p.clone(),
        warnings: vec![],
    }
    .dated(day);
    assert_eq!(dated.plan.actions[0].updates[0].date, day);
}

#[test]
fn the_preview_lists_each_kind_with_links_and_counts_in_words() {
    use plan_workbench::model::import::{read_paste, Preview};
    use plan_workbench::model::Kind;
    let text = "Outcome\tImprovement aim\tAction\n\
                Children feel safe\tReduce bullying\tBuddy scheme\n\
                \t\tAnti-bullying week\n";
    let p = Preview::new(read_paste(None, text).unwrap()).unwrap();
    assert_eq!(
        p.draft.counts(),
        "0 priorities, 1 outcome, 1 improvement aim, 2 actions and 0 measures"
    );
    let listing = p.draft.listing();
    let actions = &listing.iter().find(|(k, _)| *k == Kind::Action).unwrap().1;
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[1].text, "Anti-bullying week");
    assert_eq!(actions[1].linked_to, vec!["Reduce bullying".to_owned()]);
}
