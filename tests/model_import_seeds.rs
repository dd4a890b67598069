//! The two seed plans (tests/import/seeds/) pasted as PDF text: guessed
//! roles, mapped, and the counts and links compared with the documents.

use plan_workbench::model::import::{mapper, roles, text};
use plan_workbench::model::plan::{Id, Plan};

fn seed(name: &str) -> mapper::Draft {
    let path = format!("{}/tests/import/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let table = text::read_text(&std::fs::read_to_string(path).unwrap());
    let layout = roles::guess(&table);
    mapper::map(&table, &layout).unwrap()
}

fn counts(p: &Plan) -> [usize; 5] {
    [
        p.priorities.len(),
        p.outcomes.len(),
        p.aims.len(),
        p.actions.len(),
        p.measures.len(),
    ]
}

fn action<'a>(p: &'a Plan, starts: &str) -> &'a plan_workbench::model::plan::Action {
    p.actions
        .iter()
        .find(|a| a.title.starts_with(starts))
        .unwrap_or_else(|| panic!("no action {starts}"))
}

fn aim_id(p: &Plan, starts: &str) -> Id {
    p.aims
        .iter()
        .find(|a| a.statement.starts_with(starts))
        .unwrap_or_else(|| panic!("no aim {starts}"))
        .id
        .clone()
}

fn outcome_id(p: &Plan, starts: &str) -> Id {
    p.outcomes
        .iter()
        .find(|a| a.statement.starts_with(starts))
        .unwrap_or_else(|| panic!("no outcome {starts}"))
        .id
        .clone()
}

#[test]
fn moray_counts() {
    let d = seed("moray.txt");
    // The document: 4 priorities; outcomes 4 + 2 + 4 + 7 (counted by
    // priority in the OUTCOMES column). Aims, actions and measures are as
    // read (32, 56, 52): the document's own counts include its PDF noise
    // ("Sommer and or terminal ...", an action of OCR junk).
    assert_eq!(counts(&d.plan), [4, 17, 32, 56, 52]);
}

#[test]
fn moray_links() {
    let d = seed("moray.txt");
    let p = &d.plan;
    let p1 = &p.priorities[0];
    assert_eq!(
        (p1.code.as_str(), p1.title.as_str()),
        (
            "1",
            "The wellbeing of children and young people is improved"
        )
    );
    assert_eq!(p.priorities[1].code, "2");
    assert_eq!(p.priorities[3].code, "4");
    let mental = outcome_id(
        p,
        "10% more children and young people report they feel mentally well",
    );
    let o = p.outcomes.iter().find(|o| o.id == mental).unwrap();
    assert_eq!(o.priorities, vec![p1.id.clone()]);
    // The two-row outcome cell "... across the" / "children's services
    // partnership" is joined.
    assert!(p.outcomes.iter().any(|o| o
        .statement
        .ends_with("across the children's services partnership")));
    let girls = aim_id(p, "Increase in the percentage of S3/4 girls");
    assert!(p
        .aims
        .iter()
        .find(|a| a.id == girls)
        .unwrap()
        .outcomes
        .contains(&mental));
    let peer = action(p, "Assess impact of existing peer led supports");
    let confidence = aim_id(
        p,
        "Increase the confidence and skills of young people/parents/carers",
    );
    assert_eq!(peer.aims, vec![confidence.clone()]);
    // Measures evidence the aim on their row, not the parallel action.
    let m = p
        .measures
        .iter()
        .find(|m| m.name.starts_with("More young people self- report"))
        .unwrap();
    assert_eq!(m.evidences, vec![girls]);
    let bullying = aim_id(p, "Reduce the incidence and impact of bullying");
    assert_eq!(
        action(p, "Further investigate and address concerns raised").aims,
        vec![bullying]
    );
    // Theme rows are headings with a warning.
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message.contains("read as a heading: PHYSICAL WELLBEING")));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.message.contains("EMOTIONAL AND MENTAL WELLBEING")));
    // The prose line under Priority 4 is not an outcome.
    assert!(d.warnings.iter().any(|w| w
        .message
        .contains("is not part of the table: (* Deliver on")));
    assert!(!p.outcomes.iter().any(|o| o.statement.starts_with("(*")));
}

#[test]
fn perth_counts() {
    let d = seed("perth-kinross.txt");
    // The document: 2 priorities; 6 outcomes (read: 4 — outcome 4's heading
    // is PDF noise and outcome 5 has none); actions 25 ("Total Actions/Tasks
    // 25") + 7 ongoing = 32 (read: 35, see the report: 4.1 and 5.1 break);
    // measures: 25 KPI rows, 1.3 and 1.4 with the same text = 24.
    assert_eq!(counts(&d.plan), [2, 4, 29, 35, 24]);
}

#[test]
fn perth_links() {
    let d = seed("perth-kinross.txt");
    let p = &d.plan;
    let a13 = action(p, "Promote and embed into practice the Tayside Multi- Agency Practitioner's Guidance: Key Child Protection Meetings – Information for Children and Families");
    assert_eq!(a13.code, "1.3");
    let safe = aim_id(p, "Children and young people are kept safe; they are seen;");
    assert_eq!(a13.aims, vec![safe.clone()]);
    assert!(a13
        .lead
        .starts_with("Child Protection Inter-Agency Co-ordinator"));
    let o1 = outcome_id(p, "Focus on the Child");
    assert_eq!(p.outcomes.iter().find(|o| o.id == o1).unwrap().code, "1");
    assert!(p
        .aims
        .iter()
        .find(|a| a.id == safe)
        .unwrap()
        .outcomes
        .contains(&o1));
    assert_eq!(
        p.outcomes.iter().find(|o| o.id == o1).unwrap().priorities,
        vec![p.priorities[0].id.clone()]
    );
    // "No" repeats the outcome's number: it is not the aim's code.
    assert_eq!(p.aims.iter().find(|a| a.id == safe).unwrap().code, "");
    for code in ["1.1", "1.2", "2.3", "3.6", "6.4"] {
        assert!(p.actions.iter().any(|a| a.code == code), "action {code}");
    }
    // Appendix 1: each KPI measure evidences the action its code names.
    let a11 = p.actions.iter().find(|a| a.code == "1.1").unwrap();
    let m = p
        .measures
        .iter()
        .find(|m| m.name.starts_with("Children and young people's views"))
        .unwrap();
    assert_eq!(m.evidences, vec![a11.id.clone()]);
    let a64 = p.actions.iter().find(|a| a.code == "6.4").unwrap();
    let m = p
        .measures
        .iter()
        .find(|m| {
            m.name
                .starts_with("Child Protection Workforce Development Plan")
        })
        .unwrap();
    assert_eq!(m.evidences, vec![a64.id.clone()]);
    // Appendix 2: ongoing actions keep their numbers, linked to their
    // expected impact, not to the main table's headings.
    let ongoing = action(
        p,
        "Continue to support the work of the Tayside Child Exploitation",
    );
    assert_eq!(ongoing.code, "6");
    let impact = aim_id(
        p,
        "Children and young people are protected and kept safe from sexual",
    );
    assert_eq!(ongoing.aims, vec![impact.clone()]);
    assert!(p
        .aims
        .iter()
        .find(|a| a.id == impact)
        .unwrap()
        .outcomes
        .is_empty());
}

/// Due dates read from "By end of Year 1 31 July 2022", leads kept clean.
#[test]
fn perth_due_dates_and_leads_are_read() {
    let d = seed("perth-kinross.txt");
    let a13 = d.plan.actions.iter().find(|a| a.code == "1.3").unwrap();
    assert_eq!(a13.due, chrono::NaiveDate::from_ymd_opt(2022, 7, 31));
    assert_eq!(a13.lead, "Child Protection Inter-Agency Co-ordinator");
}
