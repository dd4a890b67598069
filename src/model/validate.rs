//! Checks that a plan is whole and consistent: it has an id, every id is
//! unique, every link points to an item of an allowed kind that
//! is in the plan, every number is in range, and the tracking and chart
//! settings make sense. Import runs these checks before accepting a file.

use std::collections::HashMap;

use super::links::{allowed_parents_phrase, link_allowed, plural, with_article, with_list, Item};
use super::plan::{DataPoint, Id, Kind, Plan};

/// One problem found in a plan, with the JSON path of the offending value
/// (for example `$.actions[2].aims[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub path: String,
    pub message: String,
    /// Which kind of problem it is (see `repair`, which mends some kinds).
    pub problem: Problem,
}

/// The kinds of problem validation finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The plan's own id is blank.
    NoPlanId,
    /// An item's id is blank.
    NoItemId,
    /// An id already used by the plan or an earlier item.
    DuplicateId,
    /// A link to an id that nothing in the plan has.
    MissingTarget,
    /// A link to the plan itself.
    LinkToPlan,
    /// A link to an item of a kind this item may not be linked to.
    WrongKind,
    /// The same link listed twice.
    LinkedTwice,
    /// A progress percentage over 100.
    PercentOver100,
    /// A number that is infinite or not a number.
    NotFinite,
    /// A tracking setting that makes no sense (a review cycle of 0 days,
    /// a threshold over 100 points, green beyond amber).
    TrackingSetting,
    /// A data point's count and total that cannot be a proportion: a
    /// denominator of 0, or a numerator above its denominator.
    Proportion,
    /// A chart setting that makes no sense (a baseline of 0 points).
    ChartSetting,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at {})", self.message, self.path)
    }
}

impl std::error::Error for ValidationError {}

/// The JSON name of a kind's list in the plan.
pub(crate) fn list_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Priority => "priorities",
        Kind::Outcome => "outcomes",
        Kind::Aim => "aims",
        Kind::Action => "actions",
        Kind::Measure => "measures",
    }
}

/// The JSON name of a kind's link list.
pub(crate) fn links_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Priority => "",
        Kind::Outcome => "priorities",
        Kind::Aim => "outcomes",
        Kind::Action => "aims",
        Kind::Measure => "evidences",
    }
}

/// The first problem in the plan, if any.
pub fn validate(plan: &Plan) -> Result<(), ValidationError> {
    match validate_all(plan).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every problem in the plan, in plan order.
pub fn validate_all(plan: &Plan) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut err = |path: String, problem: Problem, message: String| {
        errors.push(ValidationError {
            path,
            message,
            problem,
        })
    };

    if plan.id.as_str().trim().is_empty() {
        err(
            "$.id".into(),
            Problem::NoPlanId,
            "The plan has no id".into(),
        );
    }
    // An empty title is allowed: the editor lets a user clear it, and
    // anything the editor lets a user type must save and load (screens show
    // "Untitled plan", see `Plan::display_title`).

    // Ids: unique across the plan and all its items. Remember where each was
    // first used, in words, and its kind for the link checks.
    let mut seen: HashMap<&Id, (String, Option<Kind>)> = HashMap::new();
    seen.insert(&plan.id, ("the plan itself".into(), None));
    for kind in Kind::ALL {
        with_list!(plan, kind, |list| {
            for (i, item) in list.iter().enumerate() {
                let path = format!("$.{}[{i}].id", list_name(kind));
                let id = item.id();
                if id.as_str().trim().is_empty() {
                    err(
                        path,
                        Problem::NoItemId,
                        format!("This {} has no id", kind.label()),
                    );
                    continue;
                }
                if let Some((first, _)) = seen.get(id) {
                    err(
                        path,
                        Problem::DuplicateId,
                        format!(
                            "The id \"{id}\" is used by more than one item; it was first used by {first}"
                        ),
                    );
                } else {
                    seen.insert(id, (format!("{} {}", kind.label(), i + 1), Some(kind)));
                }
            }
        });
    }

    // Links.
    for kind in Kind::ALL {
        with_list!(plan, kind, |list| {
            for (i, item) in list.iter().enumerate() {
                let links = item.links();
                for (j, target) in links.iter().enumerate() {
                    let path = format!("$.{}[{i}].{}[{j}]", list_name(kind), links_name(kind));
                    match seen.get(target) {
                        None => err(
                            path,
                            Problem::MissingTarget,
                            format!(
                                "This {} is linked to an item with id \"{target}\" that is not in the plan",
                                kind.label()
                            ),
                        ),
                        Some((_, None)) => err(
                            path,
                            Problem::LinkToPlan,
                            format!(
                                "This {} is linked to the plan itself, but {} can only {}",
                                kind.label(),
                                plural(kind),
                                allowed_parents_phrase(kind)
                            ),
                        ),
                        Some((_, Some(parent))) if !link_allowed(kind, *parent) => err(
                            path,
                            Problem::WrongKind,
                            format!(
                                "This {} is linked to {}, but {} can only {}",
                                kind.label(),
                                with_article(*parent),
                                plural(kind),
                                allowed_parents_phrase(kind)
                            ),
                        ),
                        Some(_) => {
                            if links[..j].contains(target) {
                                err(
                                    path,
                                    Problem::LinkedTwice,
                                    format!(
                                        "This {} is linked to the same item (id \"{target}\") twice",
                                        kind.label()
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        });
    }

    // Numbers.
    for (i, a) in plan.actions.iter().enumerate() {
        if a.percent > 100 {
            err(
                format!("$.actions[{i}].percent"),
                Problem::PercentOver100,
                format!(
                    "This action's progress is {}%, but progress cannot be more than 100%",
                    a.percent
                ),
            );
        }
        for (j, u) in a.updates.iter().enumerate() {
            if let Some(p) = u.percent {
                if p > 100 {
                    err(
                        format!("$.actions[{i}].updates[{j}].percent"),
                        Problem::PercentOver100,
                        format!(
                            "This update gives progress as {p}%, but progress cannot be more than 100%"
                        ),
                    );
                }
            }
        }
    }
    for (setting, message) in crate::model::progress::settings::problems(&plan.meta.tracking) {
        err(
            format!("$.meta.tracking.{}", setting.field()),
            Problem::TrackingSetting,
            message,
        );
    }
    let not_finite = "This value is not an ordinary number (it is infinite or not a number)";
    for (i, m) in plan.measures.iter().enumerate() {
        let points = m
            .baseline
            .iter()
            .map(|p| (format!("$.measures[{i}].baseline"), p))
            .chain(
                m.data
                    .iter()
                    .enumerate()
                    .map(|(j, p)| (format!("$.measures[{i}].data[{j}]"), p)),
            );
        for (path, p) in points {
            if !p.value.is_finite() {
                err(
                    format!("{path}.value"),
                    Problem::NotFinite,
                    not_finite.into(),
                );
            }
            if let Some((field, message)) = proportion_problem(p) {
                err(format!("{path}.{field}"), Problem::Proportion, message);
            }
        }
        if m.chart.baseline_points == 0 {
            err(
                format!("$.measures[{i}].chart.baseline_points"),
                Problem::ChartSetting,
                "This chart's baseline is 0 points, but it must be at least 1 point (the first points of each phase set its centre line)".into(),
            );
        }
    }
    errors
}

/// What is wrong with a data point's numerator and denominator, if
/// anything, and in which of the two fields. Either may be given without
/// the other (while a user is typing them in, say).
fn proportion_problem(p: &DataPoint) -> Option<(&'static str, String)> {
    match (p.numerator, p.denominator) {
        (_, Some(0)) => Some((
            "denominator",
            "This point's denominator is 0, but a proportion needs a total of at least 1".into(),
        )),
        (Some(n), Some(d)) if n > d => Some((
            "numerator",
            format!(
                "This point's numerator is {n}, more than its denominator of {d}: a count cannot be more than the total it is out of"
            ),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::{Action, Aim, Measure, Outcome, Priority, Update};

    fn base() -> Plan {
        let mut p = Plan::new_empty("Plan");
        p.id = "plan".into();
        p.priorities.push(Priority {
            id: "p1".into(),
            title: "P".into(),
            ..Default::default()
        });
        p.outcomes.push(Outcome {
            id: "o1".into(),
            priorities: vec!["p1".into()],
            ..Default::default()
        });
        p.aims.push(Aim {
            id: "a1".into(),
            outcomes: vec!["o1".into()],
            ..Default::default()
        });
        for n in 0..3 {
            p.actions.push(Action {
                id: format!("act{n}").as_str().into(),
                aims: vec!["a1".into()],
                ..Default::default()
            });
        }
        p.measures.push(Measure {
            id: "m1".into(),
            evidences: vec!["o1".into(), "act0".into()],
            data: vec![DataPoint::new("Q1", 1.0).unwrap()],
            ..Default::default()
        });
        p
    }

    fn only(p: &Plan) -> ValidationError {
        let all = validate_all(p);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(validate(p), Err(all[0].clone()));
        all[0].clone()
    }

    #[test]
    fn base_is_valid() {
        assert_eq!(validate(&base()), Ok(()));
    }

    #[test]
    fn a_blank_title_is_valid_but_a_blank_id_is_not() {
        let mut p = base();
        p.meta.title = "  ".into();
        assert_eq!(validate(&p), Ok(()));
        p.meta.title = String::new();
        assert_eq!(validate(&p), Ok(()));
        let mut p = base();
        p.id = Id(String::new());
        let e = only(&p);
        assert_eq!(e.path, "$.id");
        assert_eq!(e.to_string(), "The plan has no id (at $.id)");
    }

    #[test]
    fn duplicate_ids() {
        let mut p = base();
        p.actions[2].id = "o1".into();
        let e = only(&p);
        assert_eq!(e.path, "$.actions[2].id");
        assert!(e.message.contains("\"o1\""), "{e}");
        assert!(e.message.contains("first used by outcome 1"), "{e}");
        let mut p = base();
        p.measures[0].id = "plan".into();
        let e = only(&p);
        assert_eq!(e.path, "$.measures[0].id");
        assert!(e.message.contains("the plan itself"), "{e}");
    }

    #[test]
    fn link_to_missing_item() {
        let mut p = base();
        p.actions[2].aims.push("x".into());
        let e = only(&p);
        assert_eq!(e.path, "$.actions[2].aims[1]");
        assert_eq!(
            e.message,
            "This action is linked to an item with id \"x\" that is not in the plan"
        );
    }

    #[test]
    fn link_to_wrong_kind() {
        let mut p = base();
        p.actions[2].aims[0] = "p1".into();
        let e = only(&p);
        assert_eq!(e.path, "$.actions[2].aims[0]");
        assert_eq!(
            e.message,
            "This action is linked to a priority, but actions can only serve improvement aims"
        );
        let mut p = base();
        p.measures[0].evidences.push("p1".into());
        assert_eq!(only(&p).path, "$.measures[0].evidences[2]");
        let mut p = base();
        p.outcomes[0].priorities.push("plan".into());
        assert_eq!(only(&p).path, "$.outcomes[0].priorities[1]");
    }

    #[test]
    fn same_parent_twice() {
        let mut p = base();
        p.aims[0].outcomes.push("o1".into());
        let e = only(&p);
        assert_eq!(e.path, "$.aims[0].outcomes[1]");
        assert!(e.message.contains("twice"), "{e}");
    }

    #[test]
    fn percent_over_100() {
        let mut p = base();
        p.actions[1].percent = 101;
        let e = only(&p);
        assert_eq!(e.path, "$.actions[1].percent");
        assert!(e.message.contains("101%"));
        let mut p = base();
        p.actions[0].updates.push(Update {
            percent: Some(200),
            ..Default::default()
        });
        assert_eq!(only(&p).path, "$.actions[0].updates[0].percent");
    }

    #[test]
    fn tracking_settings_must_make_sense() {
        use crate::model::plan::TrackingSettings;
        let with = |t: TrackingSettings| {
            let mut p = base();
            p.meta.tracking = t;
            p
        };
        let ok = TrackingSettings::default();
        for fine in [
            ok,
            TrackingSettings {
                review_cycle_days: 1,
                green_within: 0,
                amber_within: 0,
            },
            TrackingSettings {
                review_cycle_days: u32::MAX,
                green_within: 100,
                amber_within: 100,
            },
            TrackingSettings {
                green_within: 25,
                amber_within: 25,
                ..ok
            },
        ] {
            assert_eq!(validate(&with(fine)), Ok(()), "{fine:?}");
        }
        let e = only(&with(TrackingSettings {
            review_cycle_days: 0,
            ..ok
        }));
        assert_eq!(e.path, "$.meta.tracking.review_cycle_days");
        assert_eq!(e.problem, Problem::TrackingSetting);
        assert_eq!(
            e.message,
            "The review cycle is 0 days, but it must be at least 1 day"
        );
        let e = only(&with(TrackingSettings {
            green_within: 101,
            amber_within: 100,
            ..ok
        }));
        assert_eq!(e.path, "$.meta.tracking.green_within");
        assert_eq!(
            e.message,
            "\"Green within\" is 101 percentage points, but it must be from 0 to 100"
        );
        let e = only(&with(TrackingSettings {
            amber_within: 101,
            ..ok
        }));
        assert_eq!(e.path, "$.meta.tracking.amber_within");
        let e = only(&with(TrackingSettings {
            green_within: 26,
            amber_within: 25,
            ..ok
        }));
        assert_eq!(e.path, "$.meta.tracking.amber_within");
        assert!(e.message.contains("is more than \"amber within\""), "{e}");
        // All three at once: each is named.
        let all = validate_all(&with(TrackingSettings {
            review_cycle_days: 0,
            green_within: 200,
            amber_within: 150,
        }));
        let paths: Vec<&str> = all.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.meta.tracking.review_cycle_days",
                "$.meta.tracking.green_within",
                "$.meta.tracking.amber_within"
            ]
        );
    }

    #[test]
    fn non_finite_values() {
        let mut p = base();
        p.measures[0].data[0].value = f64::NAN;
        assert_eq!(only(&p).path, "$.measures[0].data[0].value");
        let mut p = base();
        p.measures[0].baseline = Some(DataPoint {
            value: f64::NEG_INFINITY,
            ..Default::default()
        });
        assert_eq!(only(&p).path, "$.measures[0].baseline.value");
    }
}
