//! The diagram as a standalone SVG picture for a report: plan title and
//! date at the top, cards and lines from the layout, all text escaped.

use super::layout::Layout;
use super::plan::Plan;

/// A complete SVG document (with XML declaration, width, height, viewBox
/// and inline styles, so it looks the same pasted into Word). `date` is the
/// day shown under the title, e.g. "23 November 2026".
pub fn svg_picture(plan: &Plan, layout: &Layout, heading: &str, date: &str) -> String {
    todo!()
}
