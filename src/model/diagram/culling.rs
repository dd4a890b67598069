//! The part of the diagram on screen: which cards and lines fall inside it,
//! so the screen builds only those. A large plan then costs what fits on
//! the screen to show and to edit, not what is in the plan.

use super::layout::Layout;
use crate::model::plan::Id;

/// A rectangle in layout coordinates (zoom 1, no pan).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Area {
    /// The part of this area inside a drawing of `width` by `height` (at
    /// least one pixel each way): the box the diagram's lines are drawn in,
    /// so the browser never paints a layer the size of the whole plan.
    pub fn clipped_to(&self, width: f64, height: f64) -> Area {
        let x = self.x.clamp(0.0, width.max(0.0));
        let y = self.y.clamp(0.0, height.max(0.0));
        Area {
            x,
            y,
            width: ((self.x + self.width).min(width) - x).max(1.0),
            height: ((self.y + self.height).min(height) - y).max(1.0),
        }
    }

    /// The area a viewport of `size` shows at this pan and zoom, grown by
    /// `margin` screen pixels on every side so cards are built just before
    /// they scroll into view.
    pub fn on_screen(size: (f64, f64), pan: (f64, f64), zoom: f64, margin: f64) -> Area {
        let zoom = zoom.max(f64::EPSILON);
        Area {
            x: (-pan.0 - margin) / zoom,
            y: (-pan.1 - margin) / zoom,
            width: (size.0 + 2.0 * margin) / zoom,
            height: (size.1 + 2.0 * margin) / zoom,
        }
    }

    fn overlaps(&self, x: f64, y: f64, width: f64, height: f64) -> bool {
        x <= self.x + self.width
            && x + width >= self.x
            && y <= self.y + self.height
            && y + height >= self.y
    }
}

/// The cards that overlap the area, in layout order.
pub fn cards_in(layout: &Layout, area: &Area) -> Vec<Id> {
    layout
        .cards
        .iter()
        .filter(|c| area.overlaps(c.x, c.y, c.width, c.height))
        .map(|c| c.id.clone())
        .collect()
}

/// The indexes (into `layout.links`) of the lines that may cross the area:
/// those whose box from one end to the other overlaps it, so a line
/// between two cards off screen that passes through the screen is drawn.
pub fn links_in(layout: &Layout, area: &Area) -> Vec<usize> {
    layout
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let ((x1, y1), (x2, y2)) = (l.from, l.to);
            area.overlaps(x1.min(x2), y1.min(y2), (x2 - x1).abs(), (y2 - y1).abs())
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_the_part_inside_the_drawing() {
        let a = Area {
            x: -100.0,
            y: 500.0,
            width: 400.0,
            height: 300.0,
        };
        assert_eq!(
            a.clipped_to(1000.0, 700.0),
            Area {
                x: 0.0,
                y: 500.0,
                width: 300.0,
                height: 200.0
            }
        );
        let outside = Area {
            x: 2000.0,
            y: 0.0,
            width: 10.0,
            height: 10.0,
        };
        assert_eq!(outside.clipped_to(1000.0, 700.0).width, 1.0);
    }
    use crate::model::layout::{layout, Metrics};
    use crate::model::synthetic::synthetic_plan;

    #[test]
    fn everything_is_in_an_area_that_covers_the_diagram() {
        let drawn = layout(&synthetic_plan(300, 3), &Metrics::standard(), None);
        let all = Area {
            x: 0.0,
            y: 0.0,
            width: drawn.width,
            height: drawn.height,
        };
        assert_eq!(cards_in(&drawn, &all).len(), drawn.cards.len());
        assert_eq!(links_in(&drawn, &all).len(), drawn.links.len());
    }

    #[test]
    fn only_cards_on_screen_and_every_line_that_crosses_it() {
        let drawn = layout(&synthetic_plan(1000, 3), &Metrics::standard(), None);
        // A screen's worth half-way down the diagram.
        let area = Area::on_screen((1200.0, 800.0), (0.0, -drawn.height / 2.0), 1.0, 0.0);
        let shown = cards_in(&drawn, &area);
        assert!(
            !shown.is_empty() && shown.len() < drawn.cards.len() / 4,
            "{} of {}",
            shown.len(),
            drawn.cards.len()
        );
        for c in &drawn.cards {
            let inside = c.y + c.height >= area.y
                && c.y <= area.y + area.height
                && c.x <= area.x + area.width;
            assert_eq!(
                shown.contains(&c.id),
                inside,
                "card at y {} in area {:?}",
                c.y,
                area
            );
        }
        // Every line with an end on screen is drawn.
        let lines = links_in(&drawn, &area);
        for (i, l) in drawn.links.iter().enumerate() {
            if shown.contains(&l.child) || shown.contains(&l.parent) {
                assert!(lines.contains(&i), "line {i} has an end on screen");
            }
        }
    }

    #[test]
    fn zoom_and_pan_map_the_screen_to_layout_coordinates() {
        let a = Area::on_screen((800.0, 600.0), (-100.0, -50.0), 2.0, 10.0);
        assert_eq!(
            a,
            Area {
                x: 45.0,
                y: 20.0,
                width: 410.0,
                height: 310.0
            }
        );
    }
}
