//! Repairs a plan whose only problems can be mended without losing
//! anything the file says: links to items that are not in the plan, links
//! of a kind the plan does not allow, links listed twice, ids used twice
//! or left blank, and progress percentages out of range. Each change is
//! described in plain English, naming the item (kind, code and text) and
//! the field, so the user can decide whether to open the repaired plan.
//!
//! A duplicate id: the first item with it (in plan order: the plan, then
//! priorities, outcomes, improvement aims, actions, measures, each in list
//! order) keeps it, and every later item gets a new id. A link to that id
//! is kept to every item that had it and that the linking item may be
//! linked to, so no link the file may have meant is lost; one that none of
//! them may take is removed, as a link of the wrong kind is.
//!
//! Anything else (a number that is not an ordinary number, tracking or
//! chart settings that make no sense, a data point's numerator above its
//! denominator or a denominator of 0, and every
//! problem found before validation: text that is not JSON, a value of the
//! wrong type, a missing field) is not repaired: such a file is refused.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::model::links::{allowed_parents_phrase, link_allowed, plural, Item, ItemParts};
use crate::model::plan::{Id, Kind, Plan};
use crate::model::summary::uk_date;
use crate::model::validate::{links_name, list_name, validate_all, Problem, ValidationError};

/// One change the repair made, with where (the JSON path in the plan, as
/// validation gives it) and a plain-English account of what and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub path: String,
    pub change: Change,
    pub description: String,
}

/// The kinds of change a repair makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// The plan had no id: it was given one.
    NewPlanId,
    /// An item had no id: it was given one.
    NewIdForBlank,
    /// An item had an id already used: it was given a new one.
    NewIdForDuplicate,
    /// A link to an id two or more items had now goes to the one item that
    /// may take it, which has a new id.
    LinkMoved,
    /// A link to an id two or more items had now goes to each that may
    /// take it.
    LinkToEach,
    /// A link to an id nothing in the plan has was removed.
    RemovedMissingLink,
    /// A link to the plan itself, or to an item of a kind not allowed, was
    /// removed.
    RemovedWrongKindLink,
    /// A link listed a second time was removed.
    RemovedRepeatedLink,
    /// A progress percentage was brought into 0 to 100.
    ClampedPercent,
}

/// Whether a problem is one `repair` mends. Tracking and chart settings
/// that make no sense are not guessed at: which value was meant is not
/// known (a "green within" of 120 could be 12, or 100), so such a file is
/// refused with what is wrong and where. Nor is a numerator above its
/// denominator, or a denominator of 0: either number could be the wrong
/// one, and dropping them would lose what the file says.
pub fn is_repairable(problem: Problem) -> bool {
    !matches!(
        problem,
        Problem::NotFinite | Problem::TrackingSetting | Problem::Proportion | Problem::ChartSetting
    )
}

/// The problems `repair` cannot mend, in plan order.
pub fn unrepairable(errors: &[ValidationError]) -> Vec<&ValidationError> {
    errors
        .iter()
        .filter(|e| !is_repairable(e.problem))
        .collect()
}

/// Mends every repairable problem in `plan` and lists each change. A valid
/// plan comes back unchanged with no changes listed; a plan whose problems
/// are all repairable (see [`unrepairable`]) comes back valid.
pub fn repair(mut plan: Plan) -> (Plan, Vec<Repair>) {
    let mut repairs = Vec::new();
    if validate_all(&plan).is_empty() {
        return (plan, repairs);
    }
    let mut fresh = FreshIds::new(&plan);

    if plan.id.as_str().trim().is_empty() {
        plan.id = fresh.uuid();
        repairs.push(Repair {
            path: "$.id".into(),
            change: Change::NewPlanId,
            description:
                "The plan had no id; it now has one, so it is stored as a plan of its own.".into(),
        });
    }

    // Ids, in the order validation reads them: who holds each original id,
    // first holder first.
    let mut holders: HashMap<Id, Vec<Holder>> = HashMap::new();
    holders.insert(
        plan.id.clone(),
        vec![Holder {
            kind: None,
            id: plan.id.clone(),
            name: "the plan itself".into(),
        }],
    );
    for kind in Kind::ALL {
        with_list_mut(&mut plan, kind, &mut |i, item| {
            let name = item_name(kind, item.code, item.text, i);
            let path = format!("$.{}[{i}].id", list_name(kind));
            if item.id.as_str().trim().is_empty() {
                *item.id = fresh.uuid();
                repairs.push(Repair {
                    path,
                    change: Change::NewIdForBlank,
                    description: format!("{} had no id; it now has one.", capital(&name)),
                });
                return;
            }
            let original = item.id.clone();
            match holders.get_mut(&original) {
                None => {
                    holders.insert(
                        original.clone(),
                        vec![Holder {
                            kind: Some(kind),
                            id: original,
                            name,
                        }],
                    );
                }
                Some(list) => {
                    let new_id = fresh.variant_of(&original);
                    repairs.push(Repair {
                        path,
                        change: Change::NewIdForDuplicate,
                        description: format!(
                            "{} had the id “{original}”, which {} has too; it now has its own id, “{new_id}”. Links to “{original}” stay with every item that had it and that may be linked to, so none is lost.",
                            capital(&name),
                            list[0].name
                        ),
                    });
                    *item.id = new_id.clone();
                    list.push(Holder {
                        kind: Some(kind),
                        id: new_id,
                        name,
                    });
                }
            }
        });
    }

    // Links.
    for kind in Kind::ALL {
        with_list_mut(&mut plan, kind, &mut |i, item| {
            let Some(links) = item.links else { return };
            if links.is_empty() {
                return;
            }
            let name = item_name(kind, item.code, item.text, i);
            let field = field_phrase(kind);
            let mut kept: Vec<Id> = Vec::with_capacity(links.len());
            for (j, target) in links.iter().enumerate() {
                let path = format!("$.{}[{i}].{}[{j}]", list_name(kind), links_name(kind));
                let Some(hs) = holders.get(target) else {
                    repairs.push(Repair {
                        path,
                        change: Change::RemovedMissingLink,
                        description: if target.as_str().trim().is_empty() {
                            format!(
                                "{} had a link with no id in {field}; that link is removed.",
                                capital(&name)
                            )
                        } else {
                            format!(
                                "{} was linked to an item with id “{target}” that is not in the plan; that link is removed from {field}.",
                                capital(&name)
                            )
                        },
                    });
                    continue;
                };
                let may_take: Vec<&Holder> = hs
                    .iter()
                    .filter(|h| h.kind.is_some_and(|k| link_allowed(kind, k)))
                    .collect();
                if may_take.is_empty() {
                    let to = if hs.len() == 1 {
                        hs[0].name.clone()
                    } else {
                        format!("“{target}”, an id {}", names_of(hs.iter()))
                    };
                    let had = if hs.len() == 1 { "" } else { " had" };
                    repairs.push(Repair {
                        path,
                        change: Change::RemovedWrongKindLink,
                        description: format!(
                            "{} was linked to {to}{had}, but {} can only {}; that link is removed from {field}.",
                            capital(&name),
                            plural(kind),
                            allowed_parents_phrase(kind)
                        ),
                    });
                    continue;
                }
                let before = kept.len();
                for h in &may_take {
                    if !kept.contains(&h.id) {
                        kept.push(h.id.clone());
                    }
                }
                let added = &kept[before..];
                if added.is_empty() {
                    let to = if may_take.len() == 1 {
                        may_take[0].name.clone()
                    } else {
                        format!("“{target}”")
                    };
                    repairs.push(Repair {
                        path,
                        change: Change::RemovedRepeatedLink,
                        description: format!(
                            "{} was linked to {to} twice in {field}; the second link is removed.",
                            capital(&name)
                        ),
                    });
                } else if hs.len() > 1 {
                    let now: Vec<&Holder> = may_take
                        .into_iter()
                        .filter(|h| added.contains(&h.id))
                        .collect();
                    if now.len() == 1 && now[0].id == *target {
                        // The item that kept the id is the only one it may
                        // be linked to: the link is as it was.
                        continue;
                    }
                    let (change, what) = if now.len() == 1 {
                        (
                            Change::LinkMoved,
                            format!(
                                "it is now linked to {}, the only one of them it may be linked to",
                                now[0].name
                            ),
                        )
                    } else if now.len() == hs.len() {
                        let all = if now.len() == 2 {
                            "both".to_owned()
                        } else {
                            format!("all {} of them", now.len())
                        };
                        (Change::LinkToEach, format!("it is now linked to {all}"))
                    } else {
                        (
                            Change::LinkToEach,
                            format!(
                                "it is now linked to each of them it may be linked to: {}",
                                names_of(now.into_iter())
                            ),
                        )
                    };
                    repairs.push(Repair {
                        path,
                        change,
                        description: format!(
                            "{} was linked to “{target}”, an id {} had; {what} (in {field}).",
                            capital(&name),
                            names_of(hs.iter())
                        ),
                    });
                }
            }
            *links = kept;
        });
    }

    // Progress.
    for (i, a) in plan.actions.iter_mut().enumerate() {
        let name = item_name(Kind::Action, &a.code, &a.title, i);
        if a.percent > 100 {
            repairs.push(percent_repair(
                format!("$.actions[{i}].percent"),
                &format!("{} had its progress as", capital(&name)),
                i64::from(a.percent),
            ));
            a.percent = 100;
        }
        for (j, u) in a.updates.iter_mut().enumerate() {
            if let Some(p) = u.percent.filter(|p| *p > 100) {
                repairs.push(percent_repair(
                    format!("$.actions[{i}].updates[{j}].percent"),
                    &format!(
                        "The update of {} on {name} gave progress as",
                        uk_date(u.date)
                    ),
                    i64::from(p),
                ));
                u.percent = Some(100);
            }
        }
    }
    (plan, repairs)
}

/// Brings the progress percentages in a plan's JSON (`"plan"`'s value)
/// that are whole numbers outside 0 to 100 into that range, before the
/// plan is read: a number below 0 or above 255 cannot be read as a
/// percentage at all. Other values (text, fractions) are left for the
/// reader to refuse.
pub(crate) fn clamp_percents_in_json(plan: &mut Value) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let Some(actions) = plan.get_mut("actions").and_then(Value::as_array_mut) else {
        return repairs;
    };
    for (i, a) in actions.iter_mut().enumerate() {
        let text =
            |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
        let name = item_name(Kind::Action, &text(&*a, "code"), &text(&*a, "title"), i);
        if let Some(n) = out_of_range(a.get("percent")) {
            repairs.push(percent_repair(
                format!("$.actions[{i}].percent"),
                &format!("{} had its progress as", capital(&name)),
                n,
            ));
            a["percent"] = Value::from(n.clamp(0, 100));
        }
        let Some(updates) = a.get_mut("updates").and_then(Value::as_array_mut) else {
            continue;
        };
        for (j, u) in updates.iter_mut().enumerate() {
            if let Some(n) = out_of_range(u.get("percent")) {
                let date = u
                    .get("date")
                    .and_then(Value::as_str)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map_or_else(
                        || format!("update {}", j + 1),
                        |d| format!("the update of {}", uk_date(d)),
                    );
                repairs.push(percent_repair(
                    format!("$.actions[{i}].updates[{j}].percent"),
                    &format!("{} on {name} gave progress as", capital(&date)),
                    n,
                ));
                u["percent"] = Value::from(n.clamp(0, 100));
            }
        }
    }
    repairs
}

/// A whole number outside 0 to 100 (a huge one counts as `i64::MAX`).
fn out_of_range(v: Option<&Value>) -> Option<i64> {
    let v = v?;
    let n = v.as_i64().or_else(|| v.as_u64().map(|_| i64::MAX))?;
    (!(0..=100).contains(&n)).then_some(n)
}

fn percent_repair(path: String, said: &str, n: i64) -> Repair {
    let (now, why) = if n < 0 {
        (0, "the least it can be")
    } else {
        (100, "the most it can be")
    };
    let shown = if n == i64::MAX {
        "a number too large".to_owned()
    } else {
        format!("{n}%")
    };
    Repair {
        path,
        change: Change::ClampedPercent,
        description: format!("{said} {shown}; it is now {now}%, {why}."),
    }
}

/// One holder of an id: the plan (no kind) or an item, by its id now.
struct Holder {
    kind: Option<Kind>,
    id: Id,
    name: String,
}

/// "the outcome O1 “Safer families” and the action 2.1 “Train staff”
/// had" style lists.
fn names_of<'a>(hs: impl Iterator<Item = &'a Holder>) -> String {
    let names: Vec<&str> = hs.map(|h| h.name.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How a user would find an item: its kind, code and text ("the action
/// 2.1 “Train staff”"), or its place in its list when it has neither.
pub fn item_name(kind: Kind, code: &str, text: &str, index: usize) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    let text = if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    } else {
        text.to_owned()
    };
    let code = code.trim();
    let label = kind.label();
    match (code.is_empty(), text.is_empty()) {
        (false, false) => format!("the {label} {code} “{text}”"),
        (true, false) => format!("the {label} “{text}”"),
        (false, true) => format!("the {label} {code}"),
        (true, true) => format!(
            "{} number {} in the list of {} (it has no code or text)",
            label,
            index + 1,
            plural(kind)
        ),
    }
}

/// Where an item's links are, in words.
fn field_phrase(kind: Kind) -> &'static str {
    match kind {
        Kind::Priority => "its links",
        Kind::Outcome => "the priorities it belongs to",
        Kind::Aim => "the outcomes it drives",
        Kind::Action => "the improvement aims it serves",
        Kind::Measure => "what it evidences",
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Ids that nothing in the plan uses, not even a link: a new id must never
/// make a link that pointed nowhere point somewhere.
struct FreshIds {
    used: HashSet<String>,
}

impl FreshIds {
    fn new(plan: &Plan) -> Self {
        let mut used = HashSet::new();
        used.insert(plan.id.0.clone());
        for kind in Kind::ALL {
            crate::model::links::with_list!(plan, kind, |list| {
                for item in list {
                    used.insert(item.id().0.clone());
                    used.extend(item.links().iter().map(|l| l.0.clone()));
                }
            });
        }
        FreshIds { used }
    }

    /// "act-1-2", "act-1-3"...: readable, and the same each time the same
    /// file is repaired.
    fn variant_of(&mut self, id: &Id) -> Id {
        let mut n = 2u64;
        loop {
            let candidate = format!("{id}-{n}");
            if self.used.insert(candidate.clone()) {
                return Id(candidate);
            }
            n += 1;
        }
    }

    fn uuid(&mut self) -> Id {
        loop {
            let id = Id::new();
            if self.used.insert(id.0.clone()) {
                return id;
            }
        }
    }
}

/// Calls `f` with each item of `kind` in list order.
fn with_list_mut(plan: &mut Plan, kind: Kind, f: &mut dyn FnMut(usize, ItemParts<'_>)) {
    fn each<T: Item>(list: &mut [T], f: &mut dyn FnMut(usize, ItemParts<'_>)) {
        for (i, x) in list.iter_mut().enumerate() {
            f(i, x.parts_mut());
        }
    }
    match kind {
        Kind::Priority => each(&mut plan.priorities, f),
        Kind::Outcome => each(&mut plan.outcomes, f),
        Kind::Aim => each(&mut plan.aims, f),
        Kind::Action => each(&mut plan.actions, f),
        Kind::Measure => each(&mut plan.measures, f),
    }
}
