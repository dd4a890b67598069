//! From rows to items: a table with its column roles becomes a plan
//! fragment (new ids, links among its own items) and the warnings, by row,
//! about what could not be read.

use std::collections::HashMap;

use super::roles::{is_header_row, normalise, Layout, Role};
use super::table::{Source, Table};
use super::values;
use super::NotAPlan;
use crate::model::plan::Plan;
use crate::model::plan::{
    Action, Aim, DriverLevel, Id, Measure, Outcome, Priority, Target, Update,
};

/// Something the user should check, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// The row's line as `Row::line` counts it.
    pub line: usize,
    pub message: String,
}

/// What an import will add: a plan holding only the new items (fresh ids,
/// linked among themselves) and the warnings.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    pub plan: Plan,
    pub warnings: Vec<Warning>,
}

/// The parent columns, left to right; "same as above" fills them.
const PARENTS: [Role; 4] = [
    Role::Priority,
    Role::Outcome,
    Role::Aim,
    Role::SecondaryDriver,
];

#[derive(Default)]
struct Builder {
    draft: Draft,
    /// (kind's role, normalised text) → id, so the same text is one item.
    by_text: HashMap<(Role, String), Id>,
    /// Action codes → id.
    by_code: HashMap<String, Id>,
}

impl Builder {
    fn item(&mut self, role: Role, text: &str, code: &str) -> Id {
        let key = (role, normalise(text));
        if let Some(id) = self.by_text.get(&key) {
            return id.clone();
        }
        if !code.is_empty() {
            if let Some(id) = self.by_code.get(&format!("{role:?}:{code}")) {
                return id.clone();
            }
        }
        let id = Id::new();
        let plan = &mut self.draft.plan;
        let (code, text) = (code.to_owned(), text.trim().to_owned());
        match role {
            Role::Priority => plan.priorities.push(Priority {
                id: id.clone(),
                code: code.clone(),
                title: text,
                ..Default::default()
            }),
            Role::Outcome => plan.outcomes.push(Outcome {
                id: id.clone(),
                code: code.clone(),
                statement: text,
                ..Default::default()
            }),
            Role::Aim | Role::SecondaryDriver => plan.aims.push(Aim {
                id: id.clone(),
                code: code.clone(),
                statement: text,
                level: if role == Role::Aim {
                    DriverLevel::Primary
                } else {
                    DriverLevel::Secondary
                },
                ..Default::default()
            }),
            Role::Action => plan.actions.push(Action {
                id: id.clone(),
                code: code.clone(),
                title: text,
                ..Default::default()
            }),
            _ => plan.measures.push(Measure {
                id: id.clone(),
                code: code.clone(),
                name: text,
                ..Default::default()
            }),
        }
        self.by_text.insert(key, id.clone());
        if !code.is_empty() {
            self.by_code.insert(format!("{role:?}:{code}"), id.clone());
        }
        id
    }

    fn link(&mut self, child: &Id, parent: &Id) {
        let p = &mut self.draft.plan;
        let links: Option<&mut Vec<Id>> =
            if let Some(o) = p.outcomes.iter_mut().find(|o| &o.id == child) {
                Some(&mut o.priorities)
            } else if let Some(a) = p.aims.iter_mut().find(|a| &a.id == child) {
                Some(&mut a.outcomes)
            } else if let Some(a) = p.actions.iter_mut().find(|a| &a.id == child) {
                Some(&mut a.aims)
            } else {
                p.measures
                    .iter_mut()
                    .find(|m| &m.id == child)
                    .map(|m| &mut m.evidences)
            };
        if let Some(l) = links {
            if !l.contains(parent) {
                l.push(parent.clone());
            }
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.draft.warnings.push(Warning { line, message });
    }
}

/// "Priority 1: title", "PRIORITY: 2 title", "PRIORITY 1 : title" → ("1", title).
pub fn read_priority_heading(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let rest = t
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("priority"))
        .map(|_| &t[8..])?;
    let rest = rest.trim_start_matches([' ', ':']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let title = rest[digits.len()..]
        .trim_start_matches([' ', ':', '–', '-'])
        .trim();
    Some((digits, title.to_owned()))
}

/// "Outcome 1 – Focus on the Child We will ..." → ("1", "Focus on the Child", rest).
pub fn read_outcome_heading(text: &str) -> Option<(String, String, String)> {
    let t = text.trim();
    let rest = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("outcome"))
        .map(|_| &t[7..])?;
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let body = rest[digits.len()..]
        .trim_start_matches([' ', ':', '–', '-'])
        .trim();
    let cut = body
        .find(" We will")
        .or_else(|| body.find(". ").map(|i| i + 1))
        .unwrap_or(body.len());
    Some((
        digits,
        body[..cut].trim().to_owned(),
        body[cut..].trim().to_owned(),
    ))
}

/// "1.1: Further develop" / "STRAT1.4 Build" → ("1.1", "Further develop").
fn split_code(text: &str) -> (String, String) {
    let t = text.trim();
    let first = t.split([' ', ':']).next().unwrap_or("");
    if super::roles::looks_like_code(first) && first.contains('.') {
        let rest = t[first.len()..].trim_start_matches([' ', ':']).trim();
        if !rest.is_empty() {
            return (first.trim_end_matches('.').to_owned(), rest.to_owned());
        }
    }
    (String::new(), t.to_owned())
}

/// A theme heading: words in capitals ("PHYSICAL WELLBEING"), not a short
/// code or a one-word cell.
fn is_all_caps(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && text.contains(' ')
        && !text.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Maps the table's rows with these roles. Refuses a table that gives no
/// items, saying why.
///
/// Limit: a merged cell copied out of a PDF has its text in the middle of
/// its block; rows above it in the block take the first value below after
/// a section start or heading, but rows after a previous value take that.
pub fn map(table: &Table, layout: &Layout) -> Result<Draft, NotAPlan> {
    let width = table.width();
    let numbers_only = width == 1
        && table
            .rows
            .iter()
            .filter(|r| !r.is_blank())
            .all(|r| r.cell(0).trim().parse::<f64>().is_ok());
    if numbers_only {
        return Err(NotAPlan::NoItems("This is one column of numbers, not a plan: copy the table with its outcomes, aims or actions.".into()));
    }
    let mut b = Builder::default();
    let mut cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| (0..width).map(|c| r.cell(c).trim().to_owned()).collect())
        .collect();
    let mut skip = vec![false; table.rows.len()];
    // Continuation lines in text: a cell starting in lower case joins the
    // cell above it that does not end a sentence.
    if table.source == Source::Text {
        // Indexes, not iterators: a cell joins a cell rows above it.
        #[allow(clippy::needless_range_loop)]
        for i in 0..cells.len() {
            let mut all_joined = true;
            let mut any = false;
            for c in 0..width {
                let t = cells[i][c].clone();
                if t.is_empty() {
                    continue;
                }
                any = true;
                if !t.chars().next().is_some_and(char::is_lowercase) {
                    all_joined = false;
                    continue;
                }
                let above = (i.saturating_sub(3)..i)
                    .rev()
                    .find(|&j| !cells[j][c].is_empty() && !skip[j]);
                match above {
                    Some(j) if !cells[j][c].ends_with(['.', '!', '?', ';']) => {
                        cells[j][c] = format!("{} {}", cells[j][c], t);
                        cells[i][c].clear();
                    }
                    _ => all_joined = false,
                }
            }
            if any && all_joined {
                skip[i] = true;
            }
        }
    }
    let mut heading_priority: Option<(Id, String)> = None;
    let mut heading_outcome: Option<(Id, String)> = None;
    let mut above: HashMap<Role, Id> = HashMap::new();
    let mut fresh = true;
    let mut section_index = 0;
    for i in 0..table.rows.len() {
        while section_index + 1 < layout.sections.len()
            && layout.sections[section_index + 1].start <= i
        {
            // A new section is another table (an appendix): the headings
            // above belong to the one before.
            section_index += 1;
            heading_priority = None;
            heading_outcome = None;
            above.clear();
            fresh = true;
        }
        let Some(section) = layout.sections.get(section_index) else {
            break;
        };
        let line = table.rows[i].line;
        if skip[i] || is_header_row(table, layout, i) {
            continue;
        }
        let filled: Vec<usize> = (0..width).filter(|&c| !cells[i][c].is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let joined: String = filled
            .iter()
            .map(|&c| cells[i][c].as_str())
            .collect::<Vec<_>>()
            .join("");
        let single = filled.len() == 1
            || (filled.len() == 2 && filled[1] == filled[0] + 1 && is_all_caps(&joined));
        if single {
            if let Some((code, title)) = read_priority_heading(&joined) {
                let id = b.item(Role::Priority, &title, &code);
                heading_priority = Some((id, code));
                heading_outcome = None;
                above.clear();
                fresh = true;
                continue;
            }
            if let Some((code, title, rest)) = read_outcome_heading(&joined) {
                let id = b.item(Role::Outcome, &title, &code);
                if let Some((p, _)) = &heading_priority {
                    b.link(&id, &p.clone());
                }
                if !rest.is_empty() {
                    b.warn(
                        line,
                        format!(
                            "Row {line}: outcome {code}'s description was not brought in: “{rest}”"
                        ),
                    );
                }
                heading_outcome = Some((id, code));
                above.clear();
                fresh = true;
                continue;
            }
            if is_all_caps(&joined) {
                b.warn(line, format!("Row {line} read as a heading: {joined}"));
                above.clear();
                fresh = true;
                continue;
            }
            // A line without tabs in a wider paste is prose between tables.
            let prose_line = table.rows[i].cells.len() == 1 && width > 1;
            if table.source == Source::Text
                && (prose_line
                    || !section
                        .roles
                        .get(filled[0])
                        .is_some_and(|r| r.makes_items()))
            {
                let short: String = joined.chars().take(60).collect();
                b.warn(
                    line,
                    format!("Line {line} is not part of the table: {short}"),
                );
                continue;
            }
        }
        // After a section start or a heading, empty parent cells take the
        // first value below.
        if fresh {
            for role in PARENTS {
                if above.contains_key(&role) {
                    continue;
                }
                let Some(c) = section.roles.iter().position(|r| *r == role) else {
                    continue;
                };
                if let Some(j) = (i..cells.len())
                    .find(|&j| !cells[j][c].is_empty() && !is_header_row(table, layout, j))
                {
                    if j == i {
                        continue;
                    }
                    let (code, text) = split_code(&cells[j][c]);
                    let id = b.item(role, &text, &code);
                    above.insert(role, id);
                }
            }
            fresh = false;
        }
        let has_actions = section.roles.contains(&Role::Action);
        let codes: Vec<String> = (0..width)
            .filter(|&c| section.roles[c] == Role::Code && !cells[i][c].is_empty())
            .map(|c| cells[i][c].clone())
            .collect();
        // In a table of measures without actions, a code naming an action
        // already read is that action's (Perth's Appendix 1).
        let action_code = if has_actions {
            None
        } else {
            codes
                .iter()
                .rev()
                .find_map(|c| b.by_code.get(&format!("{:?}:{c}", Role::Action)).cloned())
        };
        let code_value = if action_code.is_some() {
            String::new()
        } else {
            codes.last().cloned().unwrap_or_default()
        };
        // Perth's "No" column repeats the heading outcome's number.
        let code_is_heading = [&heading_outcome, &heading_priority]
            .iter()
            .any(|h| h.as_ref().is_some_and(|(_, c)| *c == code_value));
        let mut code_used = code_value.is_empty() || code_is_heading;
        let mut row_items: HashMap<Role, Id> = HashMap::new();
        for (c, role) in section.roles.iter().enumerate() {
            if !role.makes_items() || cells[i][c].is_empty() {
                continue;
            }
            let (mut code, text) = split_code(&cells[i][c]);
            if !code_used && code.is_empty() {
                code = code_value.clone();
                code_used = true;
            }
            let id = b.item(*role, &text, &code);
            row_items.insert(*role, id.clone());
            if PARENTS.contains(role) {
                above.insert(*role, id);
            }
        }
        if let (Some(m), Some(a)) = (row_items.get(&Role::Measure).cloned(), &action_code) {
            b.link(&m, a);
        }
        let get = |r: Role| row_items.get(&r).or_else(|| above.get(&r)).cloned();
        let priority =
            get(Role::Priority).or_else(|| heading_priority.as_ref().map(|h| h.0.clone()));
        let outcome = get(Role::Outcome).or_else(|| heading_outcome.as_ref().map(|h| h.0.clone()));
        let aim = get(Role::SecondaryDriver).or_else(|| get(Role::Aim));
        if let (Some(o), Some(p)) = (&outcome, &priority) {
            if row_items.contains_key(&Role::Outcome) || heading_outcome.is_none() {
                b.link(o, p);
            }
        }
        if let (Some(s), Some(a)) = (
            row_items.get(&Role::SecondaryDriver).cloned(),
            get(Role::Aim),
        ) {
            // A secondary driver is an aim linked to the outcomes its
            // primary driver serves.
            let outcomes = b
                .draft
                .plan
                .aims
                .iter()
                .find(|x| x.id == a)
                .map(|x| x.outcomes.clone())
                .unwrap_or_default();
            for o in outcomes {
                b.link(&s, &o);
            }
        }
        for r in [Role::Aim, Role::SecondaryDriver] {
            if let (Some(x), Some(o)) = (row_items.get(&r).cloned(), &outcome) {
                b.link(&x, o);
            }
        }
        let action = row_items.get(&Role::Action).cloned();
        if let (Some(x), Some(a)) = (&action, &aim) {
            b.link(x, a);
        }
        if let Some(m) = row_items.get(&Role::Measure).cloned() {
            if action_code.is_none() {
                if let Some(parent) = aim.clone().or(outcome.clone()) {
                    b.link(&m, &parent);
                }
            }
        }
        if let Some(a) = &action {
            read_values(&mut b, a, section, &cells[i], line);
        }
        // A target belongs to the row's deepest item but an action; a lead
        // on a row without an action owns its aim or outcome.
        let own_aim = row_items
            .get(&Role::SecondaryDriver)
            .or(row_items.get(&Role::Aim))
            .cloned();
        let own_outcome = row_items.get(&Role::Outcome).cloned();
        for (c, role) in section.roles.iter().enumerate() {
            let t = cells[i][c].trim();
            if t.is_empty() {
                continue;
            }
            match role {
                Role::Target => {
                    let by = match values::read_due(t) {
                        Some(values::Due::On(d)) => Some(d),
                        _ => None,
                    };
                    let target = Some(Target {
                        value: t.to_owned(),
                        by,
                    });
                    let plan = &mut b.draft.plan;
                    if let Some(m) = row_items.get(&Role::Measure) {
                        if let Some(m) = plan.measures.iter_mut().find(|x| &x.id == m) {
                            m.target = target;
                        }
                    } else if let Some(a) = &own_aim {
                        if let Some(a) = plan.aims.iter_mut().find(|x| &x.id == a) {
                            a.target = target;
                        }
                    } else if let Some(o) = &own_outcome {
                        if let Some(o) = plan.outcomes.iter_mut().find(|x| &x.id == o) {
                            o.target = target;
                        }
                    }
                }
                Role::Lead if action.is_none() => {
                    let plan = &mut b.draft.plan;
                    if let Some(a) = &own_aim {
                        if let Some(a) = plan.aims.iter_mut().find(|x| &x.id == a) {
                            a.owner = t.to_owned();
                        }
                    } else if let Some(o) = &own_outcome {
                        if let Some(o) = plan.outcomes.iter_mut().find(|x| &x.id == o) {
                            o.owner = t.to_owned();
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let p = &b.draft.plan;
    if p.priorities.len() + p.outcomes.len() + p.aims.len() + p.actions.len() + p.measures.len()
        == 0
    {
        return Err(NotAPlan::NoItems("No outcomes, aims, actions or measures came out of this table: give a column one of those roles.".into()));
    }
    Ok(b.draft)
}

/// An action's details from its row; what cannot be read is kept in the
/// lead text (where the user sees it) with a warning.
fn read_values(
    b: &mut Builder,
    id: &Id,
    section: &super::roles::Section,
    cells: &[String],
    line: usize,
) {
    let mut kept = Vec::new();
    let Some(action) = b.draft.plan.actions.iter_mut().find(|a| &a.id == id) else {
        return;
    };
    for (c, role) in section.roles.iter().enumerate() {
        let t = cells[c].trim();
        if t.is_empty() {
            continue;
        }
        match role {
            Role::Lead => action.lead = t.to_owned(),
            Role::DueDate => match values::read_due(t) {
                Some(values::Due::On(d)) => action.due = Some(d),
                Some(values::Due::NoDate) => {}
                None => kept.push(format!(
                    "Row {line}: “{t}” is not a date this workbench reads; kept as text."
                )),
            },
            Role::Status => match values::read_status(t) {
                Some(s) => action.status = s,
                None => kept.push(format!(
                    "Row {line}: “{t}” is not a status this workbench reads; kept as text."
                )),
            },
            Role::Progress => match values::read_percent(t) {
                Some(p) => action.percent = p,
                None => kept.push(format!(
                    "Row {line}: “{t}” is not a percentage this workbench reads; kept as text."
                )),
            },
            Role::Rag => match values::read_rag(t) {
                Some(r) => action.rag = Some(r),
                None => kept.push(format!(
                    "Row {line}: “{t}” is not a RAG rating this workbench reads; kept as text."
                )),
            },
            Role::UpdateText => action.updates.push(Update {
                // The table says how things stand now: dated on the day
                // it is brought in (`Draft::dated`).
                date: chrono::NaiveDate::default(),
                text: t.to_owned(),
                ..Default::default()
            }),
            Role::Target => {}
            _ => {}
        }
    }
    for message in kept {
        let text = message
            .split('“')
            .nth(1)
            .and_then(|s| s.split('”').next())
            .unwrap_or("")
            .to_owned();
        action.lead = if action.lead.is_empty() {
            text
        } else {
            format!("{} ({text})", action.lead)
        };
        b.draft.warnings.push(Warning { line, message });
    }
}
