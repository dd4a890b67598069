//! Every change a user can make to a plan, as a value: the screens build an
//! [`Op`] from a gesture and hand it to the session, which applies it, knows
//! what it touched, and can undo it exactly. The field rules (tidying an
//! empty target away, clamping progress, refusing a number that is not one)
//! live here, not in the forms.

use chrono::NaiveDate;

use super::patch::Scope;
use crate::model::charts::periods::parse_period;
use crate::model::ops::OpError;
use crate::model::plan::{
    ChartSettings, DataPoint, Direction, DriverLevel, Id, Kind, Plan, PlanMeta, Rag, Review,
    Status, Target, TrackingSettings, Update,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A new item of `kind` with this text, linked to `parent` if given; an
    /// aim added as a secondary driver if `secondary`.
    Add {
        kind: Kind,
        text: String,
        parent: Option<Id>,
        secondary: bool,
    },
    /// An empty item beside `0`: same kind, links and level, just after it.
    AddBeside(Id),
    /// An empty item one step down the diagram, linked to `0`.
    AddNextStep(Id),
    SetText {
        id: Id,
        text: String,
    },
    Delete(Id),
    Link {
        child: Id,
        parent: Id,
    },
    /// A link drawn from either end.
    LinkEither(Id, Id),
    Unlink {
        child: Id,
        parent: Id,
    },
    /// Swap with the previous or next item of the kind (within one parent's
    /// items if given).
    Move {
        id: Id,
        up: bool,
        within: Option<Id>,
    },
    MoveTo {
        id: Id,
        index: usize,
    },
    PlaceNextTo {
        id: Id,
        target: Id,
        after: bool,
    },
    /// One field of one item.
    Edit {
        id: Id,
        edit: ItemEdit,
    },
    /// One of the plan's own details.
    Meta(MetaEdit),
    /// A fragment's items added as one change (see `editing::import`).
    Import {
        items: Box<Plan>,
        under: Option<Id>,
    },
}

/// A change to one field of an item. Fields that an item of that kind does
/// not have are refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemEdit {
    Code(String),
    /// A priority's description.
    Description(String),
    /// An outcome's or aim's owner.
    Owner(String),
    Level(DriverLevel),
    /// The value of an outcome's, aim's or measure's target; a target with
    /// neither value nor date is removed.
    TargetValue(String),
    TargetBy(Option<NaiveDate>),
    Lead(String),
    Start(Option<NaiveDate>),
    Due(Option<NaiveDate>),
    Status(Status),
    /// Progress in percent, rounded and kept within 0 to 100.
    Percent(f64),
    Rag(Option<Rag>),
    AddUpdate(Update),
    UpdateDate(usize, NaiveDate),
    UpdateText(usize, String),
    RemoveUpdate(usize),
    Unit(String),
    Direction(Direction),
    Source(String),
    Frequency(String),
    BaselinePeriod(String),
    /// `None` removes the baseline.
    BaselineValue(Option<f64>),
    AddPoint,
    PointPeriod(usize, String),
    PointValue(usize, f64),
    RemovePoint(usize),
    /// A point's numerator and denominator (for a P chart); both or
    /// neither. With both, the point's value becomes the percentage they
    /// make. A denominator of 0 or a numerator above it is refused.
    PointCounts(usize, Option<(u64, u64)>),
    PointNote(usize, String),
    /// `Some(reason)` leaves the point out of the rules; `None` puts it back.
    PointExcluded(usize, Option<String>),
    /// Whether a new phase (its own centre line) starts at this point.
    PointNewPhase(usize, bool),
    /// Points appended after the last, as one change (a pasted block).
    AddPoints(Vec<DataPoint>),
    /// How the measure is charted; a baseline of no points is refused.
    Chart(ChartSettings),
}

/// A change to one of the plan's own details.
#[derive(Clone, Debug, PartialEq)]
pub enum MetaEdit {
    /// An empty title is kept as typed; screens show "Untitled plan".
    Title(String),
    Partnership(String),
    PeriodStart(Option<NaiveDate>),
    PeriodEnd(Option<NaiveDate>),
    Vision(String),
    /// One entry per line, blank lines kept while typing.
    Principles(String),
    AlignedPlans(String),
    ReviewCycle(String),
    Coordinator(String),
    /// The tracking rules' thresholds for this plan; settings that make no
    /// sense (see `model::progress::settings`) are refused.
    Tracking(TrackingSettings),
    /// Records a review; the list is kept in date order (a review of the
    /// same date as others goes after them).
    AddReview(Review),
    /// Removes the review at this place in the list (nothing if none).
    RemoveReview(usize),
}

impl Op {
    /// The existing items this operation may change, add links to, move or
    /// remove. Items it creates are not listed (they do not exist yet).
    pub fn scope(&self, plan: &Plan) -> Scope {
        match self {
            Op::Add { .. } | Op::AddBeside(_) | Op::AddNextStep(_) => Scope::default(),
            Op::SetText { id, .. }
            | Op::Unlink { child: id, .. }
            | Op::MoveTo { id, .. }
            | Op::PlaceNextTo { id, .. }
            | Op::Edit { id, .. } => Scope::items(vec![id.clone()]),
            Op::Link { child, parent } => Scope::items(vec![child.clone(), parent.clone()]),
            Op::LinkEither(a, b) => Scope::items(vec![a.clone(), b.clone()]),
            Op::Delete(id) => {
                let mut items = vec![id.clone()];
                items.extend(plan.linked_from(id));
                Scope::items(items)
            }
            Op::Move { id, up, within } => {
                let mut items = vec![id.clone()];
                items.extend(plan.move_neighbour(id, *up, within.as_ref()));
                Scope::items(items)
            }
            Op::Meta(_) => Scope::meta(),
            Op::Import { items, under } => super::import::scope(items, under.as_ref(), plan),
        }
    }

    /// Applies the operation. Returns the id of the item it created, if
    /// any. On an error the plan is as it was.
    pub fn apply(&self, plan: &mut Plan) -> Result<Option<Id>, OpError> {
        match self {
            Op::Add {
                kind,
                text,
                parent,
                secondary,
            } => {
                let id = plan.add_item(*kind, text, parent.as_ref())?;
                if *secondary {
                    if let Some(aim) = plan.aim_mut(&id) {
                        aim.level = DriverLevel::Secondary;
                    }
                }
                Ok(Some(id))
            }
            Op::AddBeside(sibling) => plan.add_beside(sibling).map(Some),
            Op::AddNextStep(parent) => plan.add_next_step(parent).map(Some),
            Op::SetText { id, text } => plan.set_text(id, text).map(|_| None),
            Op::Delete(id) => plan.delete_item(id).map(|_| None),
            Op::Link { child, parent } => plan.link(child, parent).map(|_| None),
            Op::LinkEither(a, b) => plan.link_either(a, b).map(|_| None),
            Op::Unlink { child, parent } => plan.unlink(child, parent).map(|_| None),
            Op::Move { id, up, within } => plan.move_item(id, *up, within.as_ref()).map(|_| None),
            Op::MoveTo { id, index } => plan.move_to(id, *index).map(|_| None),
            Op::PlaceNextTo { id, target, after } => {
                plan.place_next_to(id, target, *after).map(|_| None)
            }
            Op::Edit { id, edit } => edit_item(plan, id, edit).map(|_| None),
            Op::Import { items, under } => {
                super::import::apply(plan, items, under.as_ref()).map(|_| None)
            }
            Op::Meta(MetaEdit::Tracking(settings)) => {
                // Settings that make no sense are refused, never half kept.
                if let Some((_, why)) = crate::model::progress::settings::problems(settings)
                    .into_iter()
                    .next()
                {
                    return Err(OpError::InvalidValue(format!(
                        "{why}, so the tracking settings were not changed."
                    )));
                }
                plan.meta.tracking = *settings;
                Ok(None)
            }
            Op::Meta(edit) => {
                edit_meta(&mut plan.meta, edit);
                Ok(None)
            }
        }
    }
}

fn lines(s: &str) -> Vec<String> {
    s.split('\n').map(str::to_owned).collect()
}

fn edit_meta(meta: &mut PlanMeta, edit: &MetaEdit) {
    match edit.clone() {
        MetaEdit::Title(v) => meta.title = v,
        MetaEdit::Partnership(v) => meta.partnership = v,
        MetaEdit::PeriodStart(v) => meta.period_start = v,
        MetaEdit::PeriodEnd(v) => meta.period_end = v,
        MetaEdit::Vision(v) => meta.vision = v,
        MetaEdit::Principles(v) => meta.principles = lines(&v),
        MetaEdit::AlignedPlans(v) => meta.aligned_plans = lines(&v),
        MetaEdit::ReviewCycle(v) => meta.review_cycle = v,
        MetaEdit::Coordinator(v) => meta.coordinator = v,
        MetaEdit::Tracking(v) => meta.tracking = v,
        MetaEdit::AddReview(r) => {
            let at = meta.reviews.partition_point(|x| x.date <= r.date);
            meta.reviews.insert(at, r);
        }
        MetaEdit::RemoveReview(i) => {
            if i < meta.reviews.len() {
                meta.reviews.remove(i);
            }
        }
    }
}

/// Sets part of a target; a target left with neither value nor date goes.
fn edit_target(target: &mut Option<Target>, change: impl FnOnce(&mut Target)) {
    let t = target.get_or_insert_with(Target::default);
    change(t);
    if t.value.is_empty() && t.by.is_none() {
        *target = None;
    }
}

fn not_a_field(kind: Kind) -> OpError {
    OpError::InvalidValue(format!(
        "That detail does not belong to {}.",
        crate::model::links::with_article(kind)
    ))
}

fn not_a_number() -> OpError {
    OpError::InvalidValue("That is not an ordinary number (for example 72.9).".into())
}

fn no_such_entry() -> OpError {
    OpError::InvalidValue("That entry is no longer in the list.".into())
}

fn edit_item(plan: &mut Plan, id: &Id, edit: &ItemEdit) -> Result<(), OpError> {
    use ItemEdit as E;
    let kind = plan
        .kind_of(id)
        .ok_or_else(|| OpError::NotFound(id.clone()))?;
    let refused = || not_a_field(kind);
    // Checks that need the item first, so a refused edit changes nothing.
    match edit {
        E::Percent(v) | E::PointValue(_, v) if !v.is_finite() => return Err(not_a_number()),
        E::BaselineValue(Some(v)) if !v.is_finite() => return Err(not_a_number()),
        E::PointCounts(_, Some((n, d))) if *d == 0 || n > d => {
            return Err(OpError::InvalidValue(
                "The numerator must be no larger than the denominator, and the denominator more than 0.".into(),
            ))
        }
        E::AddPoints(points) if points.iter().any(|p| !p.value.is_finite()) => {
            return Err(not_a_number())
        }
        E::Chart(c) if c.baseline_points == 0 => {
            return Err(OpError::InvalidValue(
                "The baseline needs at least one point.".into(),
            ))
        }
        _ => {}
    }
    match edit.clone() {
        E::Code(v) => match kind {
            Kind::Priority => plan.priority_mut(id).ok_or_else(refused)?.code = v,
            Kind::Outcome => plan.outcome_mut(id).ok_or_else(refused)?.code = v,
            Kind::Aim => plan.aim_mut(id).ok_or_else(refused)?.code = v,
            Kind::Action => plan.action_mut(id).ok_or_else(refused)?.code = v,
            Kind::Measure => plan.measure_mut(id).ok_or_else(refused)?.code = v,
        },
        E::Description(v) => plan.priority_mut(id).ok_or_else(refused)?.description = v,
        E::Owner(v) => match kind {
            Kind::Outcome => plan.outcome_mut(id).ok_or_else(refused)?.owner = v,
            Kind::Aim => plan.aim_mut(id).ok_or_else(refused)?.owner = v,
            _ => return Err(refused()),
        },
        E::Level(v) => plan.aim_mut(id).ok_or_else(refused)?.level = v,
        E::TargetValue(_) | E::TargetBy(_) => {
            let target = match kind {
                Kind::Outcome => &mut plan.outcome_mut(id).ok_or_else(refused)?.target,
                Kind::Aim => &mut plan.aim_mut(id).ok_or_else(refused)?.target,
                Kind::Measure => &mut plan.measure_mut(id).ok_or_else(refused)?.target,
                _ => return Err(refused()),
            };
            match edit.clone() {
                E::TargetValue(v) => edit_target(target, |t| t.value = v),
                E::TargetBy(v) => edit_target(target, |t| t.by = v),
                _ => unreachable!("matched above"),
            }
        }
        E::Lead(v) => plan.action_mut(id).ok_or_else(refused)?.lead = v,
        E::Start(v) => plan.action_mut(id).ok_or_else(refused)?.start = v,
        E::Due(v) => plan.action_mut(id).ok_or_else(refused)?.due = v,
        E::Status(v) => plan.action_mut(id).ok_or_else(refused)?.status = v,
        E::Percent(v) => plan
            .action_mut(id)
            .ok_or_else(refused)?
            .set_percent(v.round() as i64),
        E::Rag(v) => plan.action_mut(id).ok_or_else(refused)?.rag = v,
        E::AddUpdate(mut u) => {
            // Validation refuses progress over 100%, so an update never
            // brings one in: kept within 0 to 100 as for the action's own.
            u.percent = u.percent.map(|p| p.min(100));
            plan.action_mut(id).ok_or_else(refused)?.updates.push(u)
        }
        E::UpdateDate(i, d) => {
            let a = plan.action_mut(id).ok_or_else(refused)?;
            a.updates.get_mut(i).ok_or_else(no_such_entry)?.date = d;
        }
        E::UpdateText(i, t) => {
            let a = plan.action_mut(id).ok_or_else(refused)?;
            a.updates.get_mut(i).ok_or_else(no_such_entry)?.text = t;
        }
        E::RemoveUpdate(i) => {
            let a = plan.action_mut(id).ok_or_else(refused)?;
            if i >= a.updates.len() {
                return Err(no_such_entry());
            }
            a.updates.remove(i);
        }
        E::Unit(v) => plan.measure_mut(id).ok_or_else(refused)?.unit = v,
        E::Direction(v) => plan.measure_mut(id).ok_or_else(refused)?.direction = v,
        E::Source(v) => plan.measure_mut(id).ok_or_else(refused)?.source = v,
        E::Frequency(v) => plan.measure_mut(id).ok_or_else(refused)?.frequency = v,
        E::BaselinePeriod(v) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            m.baseline.get_or_insert_with(DataPoint::default).period = v;
        }
        E::BaselineValue(v) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            match v {
                Some(v) => m.baseline.get_or_insert_with(DataPoint::default).value = v,
                None => m.baseline = None,
            }
        }
        E::AddPoint => plan
            .measure_mut(id)
            .ok_or_else(refused)?
            .data
            .push(DataPoint::default()),
        E::PointPeriod(i, p) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            let point = m.data.get_mut(i).ok_or_else(no_such_entry)?;
            // Kept as typed; a period the workbench understands also dates
            // the point, which places it on the chart's axis.
            point.date = parse_period(&p).map(|read| read.date);
            point.period = p;
        }
        E::PointValue(i, v) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            m.data.get_mut(i).ok_or_else(no_such_entry)?.value = v;
        }
        E::RemovePoint(i) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            if i >= m.data.len() {
                return Err(no_such_entry());
            }
            m.data.remove(i);
        }
        E::PointCounts(i, counts) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            let point = m.data.get_mut(i).ok_or_else(no_such_entry)?;
            point.numerator = counts.map(|c| c.0);
            point.denominator = counts.map(|c| c.1);
            if let Some((n, d)) = counts {
                point.value = 100.0 * n as f64 / d as f64;
            }
        }
        E::PointNote(i, note) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            m.data.get_mut(i).ok_or_else(no_such_entry)?.note = note;
        }
        E::PointExcluded(i, reason) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            m.data.get_mut(i).ok_or_else(no_such_entry)?.excluded = reason;
        }
        E::PointNewPhase(i, starts) => {
            let m = plan.measure_mut(id).ok_or_else(refused)?;
            m.data.get_mut(i).ok_or_else(no_such_entry)?.new_phase = starts;
        }
        E::AddPoints(points) => plan
            .measure_mut(id)
            .ok_or_else(refused)?
            .data
            .extend(points),
        E::Chart(c) => plan.measure_mut(id).ok_or_else(refused)?.chart = c,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure_with_a_point() -> (Plan, Id) {
        let mut p = Plan::new_empty("T");
        let m = p.add_item(Kind::Measure, "M", None).unwrap();
        Op::Edit {
            id: m.clone(),
            edit: ItemEdit::AddPoint,
        }
        .apply(&mut p)
        .unwrap();
        (p, m)
    }

    #[test]
    fn a_period_that_is_understood_dates_the_point_and_is_kept_as_typed() {
        let (mut p, m) = measure_with_a_point();
        let edit = |p: &mut Plan, e| {
            Op::Edit {
                id: m.clone(),
                edit: e,
            }
            .apply(p)
        };
        edit(&mut p, ItemEdit::PointPeriod(0, "2025/26 q2".into())).unwrap();
        let point = &p.measure(&m).unwrap().data[0];
        assert_eq!(point.period, "2025/26 q2");
        assert_eq!(point.date, NaiveDate::from_ymd_opt(2025, 9, 30));
        edit(&mut p, ItemEdit::PointPeriod(0, "Baseline".into())).unwrap();
        assert_eq!(p.measure(&m).unwrap().data[0].date, None);
    }

    #[test]
    fn counts_set_the_percentage_and_impossible_counts_change_nothing() {
        let (mut p, m) = measure_with_a_point();
        let edit = |p: &mut Plan, e| {
            Op::Edit {
                id: m.clone(),
                edit: e,
            }
            .apply(p)
        };
        edit(&mut p, ItemEdit::PointCounts(0, Some((45, 60)))).unwrap();
        let point = &p.measure(&m).unwrap().data[0];
        assert_eq!(
            (point.numerator, point.denominator, point.value),
            (Some(45), Some(60), 75.0)
        );
        let before = p.clone();
        assert!(edit(&mut p, ItemEdit::PointCounts(0, Some((61, 60)))).is_err());
        assert!(edit(&mut p, ItemEdit::PointCounts(0, Some((0, 0)))).is_err());
        let no_baseline = ChartSettings {
            baseline_points: 0,
            ..ChartSettings::default()
        };
        assert!(edit(&mut p, ItemEdit::Chart(no_baseline)).is_err());
        assert_eq!(p, before);
        edit(&mut p, ItemEdit::PointCounts(0, None)).unwrap();
        let point = &p.measure(&m).unwrap().data[0];
        assert_eq!(
            (point.numerator, point.denominator, point.value),
            (None, None, 75.0)
        );
    }

    #[test]
    fn a_target_with_nothing_in_it_is_removed() {
        let mut p = Plan::new_empty("T");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let set = |p: &mut Plan, e| {
            Op::Edit {
                id: o.clone(),
                edit: e,
            }
            .apply(p)
            .unwrap()
        };
        set(&mut p, ItemEdit::TargetValue("90%".into()));
        assert_eq!(p.outcome(&o).unwrap().target.as_ref().unwrap().value, "90%");
        set(&mut p, ItemEdit::TargetValue(String::new()));
        assert_eq!(p.outcome(&o).unwrap().target, None);
    }

    #[test]
    fn fields_of_another_kind_and_bad_numbers_are_refused_without_change() {
        let mut p = Plan::new_empty("T");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let a = p.add_item(Kind::Action, "A", None).unwrap();
        let before = p.clone();
        let lead = Op::Edit {
            id: o.clone(),
            edit: ItemEdit::Lead("x".into()),
        };
        assert_eq!(
            lead.apply(&mut p).unwrap_err().to_string(),
            "That detail does not belong to an outcome."
        );
        let nan = Op::Edit {
            id: a.clone(),
            edit: ItemEdit::Percent(f64::NAN),
        };
        assert!(nan.apply(&mut p).is_err());
        let gone = Op::Edit {
            id: a.clone(),
            edit: ItemEdit::RemoveUpdate(3),
        };
        assert!(gone.apply(&mut p).is_err());
        assert_eq!(p, before);
        Op::Edit {
            id: a.clone(),
            edit: ItemEdit::Percent(140.4),
        }
        .apply(&mut p)
        .unwrap();
        assert_eq!(p.action(&a).unwrap().percent, 100);
    }

    #[test]
    fn an_update_never_brings_progress_over_100() {
        let mut p = Plan::new_empty("T");
        let a = p.add_item(Kind::Action, "A", None).unwrap();
        Op::Edit {
            id: a.clone(),
            edit: ItemEdit::AddUpdate(Update {
                percent: Some(250),
                ..Default::default()
            }),
        }
        .apply(&mut p)
        .unwrap();
        assert_eq!(p.action(&a).unwrap().updates[0].percent, Some(100));
        assert_eq!(crate::model::validate::validate(&p), Ok(()));
    }

    #[test]
    fn an_empty_title_is_kept_as_typed() {
        let mut p = Plan::new_empty("T");
        Op::Meta(MetaEdit::Title(String::new()))
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.meta.title, "");
        Op::Meta(MetaEdit::Principles("a\n\nb".into()))
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.meta.principles, vec!["a", "", "b"]);
    }
}
