//! Reordering cards on the diagram. The layout keeps each card next to the
//! items it is linked to, so a card can only change places with cards that
//! share its links; a move that would not show is refused with the reason
//! rather than silently changing the plan's order.

use std::collections::HashSet;

use super::layout::{layout, Column, Layout, Metrics};
use crate::model::editing::Op;
use crate::model::ops::OpError;
use crate::model::plan::{Id, Plan};

const HELD_BY_LINKS: &str = "Cards sit next to the items they are linked to, so this card can only move among the cards that share its links.";

/// The operation that moves `id` to just before (or after) `target` in
/// their column, as the diagram draws it with these `metrics` and `visible`
/// items; refused with the reason when the move would not show.
pub fn place(
    plan: &Plan,
    metrics: &Metrics,
    visible: Option<&HashSet<Id>>,
    id: &Id,
    target: &Id,
    after: bool,
) -> Result<Op, OpError> {
    let drawn = layout(plan, metrics, visible);
    place_in(plan, &drawn, metrics, visible, id, target, after)
}

/// `place`, given the layout of the plan as it is now.
fn place_in(
    plan: &Plan,
    drawn: &Layout,
    metrics: &Metrics,
    visible: Option<&HashSet<Id>>,
    id: &Id,
    target: &Id,
    after: bool,
) -> Result<Op, OpError> {
    let column = column_of(drawn, id)?;
    let op = Op::PlaceNextTo {
        id: id.clone(),
        target: target.clone(),
        after,
    };
    let mut trial = plan.clone();
    op.apply(&mut trial)?;
    let order_after = layout(&trial, metrics, visible).column_order(column);
    if order_after == drawn.column_order(column) {
        return Err(OpError::InvalidValue(HELD_BY_LINKS.into()));
    }
    Ok(op)
}

fn column_of(drawn: &Layout, id: &Id) -> Result<Column, OpError> {
    drawn.card(id).map(|c| c.column).ok_or_else(|| {
        OpError::InvalidValue("Only cards placed in the diagram can be moved up or down.".into())
    })
}

/// The operation that moves `id` one place up or down its column; `None`
/// when it is already at the top (or bottom).
pub fn move_in_column(
    plan: &Plan,
    metrics: &Metrics,
    visible: Option<&HashSet<Id>>,
    id: &Id,
    up: bool,
) -> Result<Option<Op>, OpError> {
    let drawn = layout(plan, metrics, visible);
    let column = column_of(&drawn, id)?;
    let order = drawn.column_order(column);
    let i = order
        .iter()
        .position(|x| x == id)
        .expect("the card is in its column");
    let neighbour = if up {
        i.checked_sub(1)
    } else {
        Some(i + 1).filter(|&j| j < order.len())
    };
    let Some(j) = neighbour else {
        return Ok(None);
    };
    place_in(plan, &drawn, metrics, visible, id, &order[j], !up).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn siblings_swap_but_a_card_held_by_its_links_does_not() {
        let mut p = Plan::new_empty("T");
        let o = p.add_item(Kind::Outcome, "O", None).unwrap();
        let a1 = p.add_item(Kind::Aim, "A1", Some(&o)).unwrap();
        let a2 = p.add_item(Kind::Aim, "A2", Some(&o)).unwrap();
        let x1 = p.add_item(Kind::Action, "x1", Some(&a1)).unwrap();
        let x2 = p.add_item(Kind::Action, "x2", Some(&a1)).unwrap();
        let y1 = p.add_item(Kind::Action, "y1", Some(&a2)).unwrap();
        let m = Metrics::standard();
        let actions =
            |p: &Plan| layout(p, &m, None).column_order(crate::model::layout::Column::Actions);
        assert_eq!(actions(&p), vec![x1.clone(), x2.clone(), y1.clone()]);

        // x2 and x1 serve the same aim: they swap.
        let op = move_in_column(&p, &m, None, &x2, true).unwrap().unwrap();
        op.apply(&mut p).unwrap();
        assert_eq!(actions(&p), vec![x2.clone(), x1.clone(), y1.clone()]);

        // y1 serves the other aim: moving it above x1 would not show.
        let err = move_in_column(&p, &m, None, &y1, true).unwrap_err();
        assert_eq!(err.to_string(), HELD_BY_LINKS);

        // At the top already: nothing to do.
        assert_eq!(move_in_column(&p, &m, None, &x2, true), Ok(None));
    }

    #[test]
    fn outcomes_follow_the_users_order() {
        let mut p = Plan::new_empty("T");
        let o1 = p.add_item(Kind::Outcome, "O1", None).unwrap();
        let o2 = p.add_item(Kind::Outcome, "O2", None).unwrap();
        let m = Metrics::standard();
        place(&p, &m, None, &o2, &o1, false)
            .unwrap()
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.ids_of_kind(Kind::Outcome), vec![o2, o1]);
    }
}
