//! The two seed plans (tests/import/seeds/) pasted as PDF text: guessed
//! roles, mapped, and the counts and links compared with the documents.

use plan_workbench::model::import::{mapper, roles, text};
use plan_workbench::model::plan::Plan;

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

#[test]
fn print_counts() {
    for n in ["moray.txt", "perth-kinross.txt"] {
        let d = seed(n);
        eprintln!("{n}: {:?} warnings {}", counts(&d.plan), d.warnings.len());
        for a in &d.plan.actions {
            eprintln!(
                "  A {} | {} | {}",
                a.code,
                a.title.chars().take(70).collect::<String>(),
                a.lead
            );
        }
        for a in &d.plan.aims {
            eprintln!(
                "  I {} | {}",
                a.code,
                a.statement.chars().take(70).collect::<String>()
            );
        }
        for a in &d.plan.outcomes {
            eprintln!(
                "  O {} | {} {:?}",
                a.code,
                a.statement.chars().take(70).collect::<String>(),
                a.priorities.len()
            );
        }
        for a in &d.plan.priorities {
            eprintln!(
                "  P {} | {}",
                a.code,
                a.title.chars().take(70).collect::<String>()
            );
        }
        for a in &d.plan.measures {
            eprintln!(
                "  M {} | {} {}",
                a.code,
                a.name.chars().take(70).collect::<String>(),
                a.evidences.len()
            );
        }
    }
}
