//! The diagram as a standalone SVG picture for a report: plan title and
//! date at the top, cards and lines from the layout, all text escaped.
//!
//! Everything is drawn with presentation attributes (no CSS, no classes,
//! no fonts to load), so the picture looks the same in a browser, in Word
//! and in other office software.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::layout::{num, wrap, Layout, Metrics};
use crate::model::plan::{Id, Kind, Plan};

const FONT: &str = "Arial, Helvetica, sans-serif";
/// Space around the diagram.
const MARGIN: f64 = 24.0;
/// Height of the band at the top holding the title and the date.
const HEADER_BAND: f64 = 76.0;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can hold the character at all (its `Char` rule): not
/// control characters other than tab and newlines, nor U+FFFE and U+FFFF
/// (surrogates cannot occur in a Rust string). One such character makes
/// the whole picture unreadable (and the PNG made from it fails), so they
/// are left out wherever user text goes in.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A number with at most one decimal place.
fn n(x: f64) -> String {
    let mut s = String::new();
    num(&mut s, x);
    s
}

/// Fill and border colours of a card.
fn colours(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Priority => ("#f2f2f2", "#555555"),
        Kind::Outcome => ("#e8f1fb", "#1d5fa8"),
        Kind::Aim => ("#e9f5ec", "#23703a"),
        Kind::Action => ("#fff5e0", "#8a5a00"),
        Kind::Measure => ("#f3ecfa", "#5b3696"),
    }
}

/// The metrics the layout was made with, recognised by the card width
/// (workshop or standard; any other width scales the standard metrics).
fn metrics_of(layout: &Layout) -> Metrics {
    let width = layout
        .columns
        .first()
        .map(|c| c.width)
        .or_else(|| layout.cards.first().map(|c| c.width));
    let workshop = Metrics::workshop();
    let standard = Metrics::standard();
    match width {
        Some(w) if w == workshop.card_width => workshop,
        Some(w) if w > 0.0 && w != standard.card_width => {
            let k = w / standard.card_width;
            Metrics {
                card_width: w,
                font_px: standard.font_px * k,
                line_height: standard.line_height * k,
                padding: standard.padding * k,
                header_height: standard.header_height * k,
                column_gap: standard.column_gap * k,
                row_gap: standard.row_gap * k,
                heading_height: standard.heading_height * k,
                sparkline_height: standard.sparkline_height * k,
                ..standard
            }
        }
        _ => standard,
    }
}

/// Every item's code (as [`crate::model::summary::code_of`] gives it), built once.
fn codes(plan: &Plan) -> HashMap<&Id, &str> {
    let mut out = HashMap::new();
    for x in &plan.priorities {
        out.entry(&x.id).or_insert(x.code.as_str());
    }
    for x in &plan.outcomes {
        out.entry(&x.id).or_insert(x.code.as_str());
    }
    for x in &plan.aims {
        out.entry(&x.id).or_insert(x.code.as_str());
    }
    for x in &plan.actions {
        out.entry(&x.id).or_insert(x.code.as_str());
    }
    for x in &plan.measures {
        out.entry(&x.id).or_insert(x.code.as_str());
    }
    out
}

/// A complete SVG document (with XML declaration, width, height, viewBox
/// and inline styles, so it looks the same pasted into Word). `date` is the
/// day shown under the title, e.g. "23 November 2026".
pub fn svg_picture(plan: &Plan, layout: &Layout, heading: &str, date: &str) -> String {
    let m = metrics_of(layout);
    let codes = codes(plan);
    let width = layout.width + 2.0 * MARGIN;
    let height = layout.height + HEADER_BAND + MARGIN;
    let (w, h) = (n(width), n(height));
    let mut s = String::with_capacity(1024 + layout.cards.len() * 600 + layout.links.len() * 140);

    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
    );
    let _ = writeln!(s, "<title>{}</title>", xml_escape(heading));
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"22\" font-weight=\"bold\" fill=\"#1a1a1a\">{}</text>",
        n(MARGIN),
        n(MARGIN + 18.0),
        xml_escape(heading)
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"14\" fill=\"#444444\">{}</text>",
        n(MARGIN),
        n(MARGIN + 42.0),
        xml_escape(date)
    );

    let _ = writeln!(
        s,
        "<g transform=\"translate({} {})\">",
        n(MARGIN),
        n(HEADER_BAND)
    );

    // Column headings.
    let heading_px = (m.font_px * 1.1).round();
    for c in &layout.columns {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#1a1a1a\">{}</text>",
            n(c.x),
            n(m.heading_height * 0.55),
            n(heading_px),
            xml_escape(c.column.label())
        );
    }

    // Lines under the cards.
    for l in &layout.links {
        let _ = writeln!(
            s,
            "<path d=\"{}\" fill=\"none\" stroke=\"#8c96a8\" stroke-width=\"1.5\"/>",
            xml_escape(&l.d())
        );
    }

    // Cards.
    let code_px = (m.font_px * 0.85).round();
    for c in &layout.cards {
        let (fill, stroke) = colours(c.kind);
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" ry=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>",
            n(c.x),
            n(c.y),
            n(c.width),
            n(c.height)
        );
        let tx = n(c.x + m.padding);
        let code = codes.get(&c.id).copied().unwrap_or("");
        if !code.is_empty() {
            let _ = writeln!(
                s,
                "<text x=\"{tx}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{stroke}\">{}</text>",
                n(c.y + m.padding + m.header_height * 0.7),
                n(code_px),
                xml_escape(code)
            );
        }
        let _ = write!(
            s,
            "<text x=\"{tx}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" fill=\"#1a1a1a\">",
            n(c.y + m.padding + m.header_height + m.line_height * 0.75),
            n(m.font_px)
        );
        let text = plan.text_of(&c.id).unwrap_or_default();
        for (i, line) in wrap(text, m.chars_per_line()).iter().enumerate() {
            let dy = if i == 0 { 0.0 } else { m.line_height };
            let _ = write!(
                s,
                "<tspan x=\"{tx}\" dy=\"{}\">{}</tspan>",
                n(dy),
                xml_escape(line)
            );
        }
        s.push_str("</text>\n");
    }

    s.push_str("</g>\n</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example::example_plan;
    use crate::model::layout::layout;
    use crate::model::summary::code_of;
    use crate::model::synthetic::synthetic_plan;

    /// A small well-formedness check: every tag is closed in order, every
    /// attribute is quoted, and every `&` starts a known entity. Returns
    /// the element names in document order.
    fn check_xml(s: &str) -> Vec<String> {
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        assert!(s.starts_with(decl), "XML declaration first");
        let body = &s[decl.len()..];
        let mut stack: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let mut rest = body;
        let check_text = |t: &str| {
            assert!(!t.contains('>'), "raw > in text: {t}");
            let mut parts = t.split('&');
            parts.next();
            for p in parts {
                assert!(
                    ["amp;", "lt;", "gt;", "quot;", "apos;"]
                        .iter()
                        .any(|e| p.starts_with(e)),
                    "bare & in {t}"
                );
            }
        };
        while let Some(open) = rest.find('<') {
            check_text(&rest[..open]);
            let close = rest[open..].find('>').expect("tag closed") + open;
            let tag = &rest[open + 1..close];
            assert!(!tag.contains('<'), "< inside a tag: {tag}");
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
            // Attribute values hold no raw & either.
            for (i, v) in tag.split('"').enumerate() {
                if i % 2 == 1 {
                    check_text(v);
                }
            }
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "closing tag order");
            } else {
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(!name.is_empty(), "tag without a name: {tag}");
                names.push(name.clone());
                if !tag.ends_with('/') {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
        }
        check_text(rest);
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        assert_eq!(rest.trim(), "");
        names
    }

    #[test]
    fn escapes_all_five() {
        assert_eq!(
            xml_escape(r#"<b>&"it's"</b>"#),
            "&lt;b&gt;&amp;&quot;it&apos;s&quot;&lt;/b&gt;"
        );
        assert_eq!(xml_escape("a\u{1}b"), "ab");
        assert_eq!(
            xml_escape(
                "\u{0}a\u{8}\u{b}\u{c}\u{1f}\u{fffe}b\u{ffff}\t\n\r\u{fffd}\u{10ffff}\u{7f}"
            ),
            "ab\t\n\r\u{fffd}\u{10ffff}\u{7f}"
        );
    }

    /// Every character XML cannot hold is left out wherever user text goes
    /// in (title, codes, card texts, the date), so a real XML parser reads
    /// the picture; ordinary text, markup included, is kept, escaped.
    #[test]
    fn characters_xml_cannot_hold_are_left_out_and_the_rest_kept() {
        let bad = "\u{ffff}\u{1}\u{fffe}";
        let mut p = Plan::new_empty(&format!("Plan{bad} <script>alert(\"x\")</script> & 'co'"));
        let o = p
            .add_item(Kind::Outcome, &format!("Out{bad}come \"quoted\" <b>"), None)
            .unwrap();
        p.outcome_mut(&o).unwrap().code = format!("O{bad}1");
        let a = p.add_item(Kind::Aim, &format!("{bad}"), Some(&o)).unwrap();
        p.aim_mut(&a).unwrap().code = bad.into();
        p.add_item(
            Kind::Action,
            &format!("Act\u{0}ion{bad}\u{2028}é漢"),
            Some(&a),
        )
        .unwrap();
        for metrics in [Metrics::standard(), Metrics::workshop()] {
            let l = layout(&p, &metrics, None);
            let s = svg_picture(&p, &l, &p.meta.title, &format!("1 May{bad}"));
            for c in ['\u{ffff}', '\u{fffe}', '\u{1}', '\u{0}'] {
                assert!(!s.contains(c), "{c:?} in the picture");
            }
            let doc = roxmltree::Document::parse(&s).expect("the picture is XML");
            let texts: Vec<String> = doc
                .descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap().to_owned())
                .collect();
            let all = texts.concat();
            assert!(
                texts.contains(&"Plan <script>alert(\"x\")</script> & 'co'".to_owned()),
                "{texts:?}"
            );
            assert!(texts.contains(&"O1".to_owned()), "{texts:?}");
            assert!(texts.contains(&"1 May".to_owned()), "{texts:?}");
            assert!(all.contains("Outcome"), "{all}");
            assert!(all.contains("\"quoted\""), "{all}");
            assert!(all.contains("<b>"), "{all}");
            assert!(all.contains("Action") && all.contains("é漢"), "{all}");
            // Nothing user-typed became markup.
            assert!(!doc
                .descendants()
                .any(|n| n.has_tag_name("script") || n.has_tag_name("b")));
        }
    }

    #[test]
    fn example_picture_is_well_formed_and_complete() {
        let p = example_plan();
        let l = layout(&p, &Metrics::standard(), None);
        let s = svg_picture(&p, &l, &p.meta.title, "23 November 2026");
        let names = check_xml(&s);
        assert_eq!(names[0], "svg");
        assert!(s.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("viewBox=\"0 0 "));
        assert!(s.contains("fill=\"#ffffff\""));
        assert!(s.contains("Glenmuir Children&apos;s Services Plan 2024 to 2027"));
        assert!(s.contains(">23 November 2026</text>"));
        assert!(!s.contains("class="));
        assert_eq!(names.iter().filter(|n| *n == "path").count(), l.links.len());
        assert_eq!(
            names.iter().filter(|n| *n == "rect").count(),
            l.cards.len() + 1
        );
        for c in &l.columns {
            assert!(s.contains(c.column.label()));
        }
        for c in &l.cards {
            for line in &wrap(
                p.text_of(&c.id).unwrap(),
                Metrics::standard().chars_per_line(),
            ) {
                assert!(s.contains(&format!(">{}</tspan>", xml_escape(line))));
            }
            let code = code_of(&p, &c.id).unwrap();
            assert!(s.contains(&format!(">{}</text>", xml_escape(&code))));
        }
    }

    #[test]
    fn awkward_text_is_escaped_never_raw() {
        let mut p = Plan::new_empty("Tom & Jerry's <plan>");
        let o = p
            .add_item(Kind::Outcome, r#"Use <b>&"quotes" here"#, None)
            .unwrap();
        p.outcome_mut(&o).unwrap().code = "O<1>".into();
        let a = p.add_item(Kind::Aim, "An aim", Some(&o)).unwrap();
        p.aim_mut(&a).unwrap().code = "A&1".into();
        let l = layout(&p, &Metrics::workshop(), None);
        let s = svg_picture(&p, &l, &p.meta.title, "1 <Jan> & 2027");
        check_xml(&s);
        assert!(!s.contains("<b>") && !s.contains("&\"") && !s.contains("<plan>"));
        assert!(s.contains("&lt;b&gt;&amp;&quot;quotes&quot;"));
        assert!(s.contains("Tom &amp; Jerry&apos;s &lt;plan&gt;"));
        assert!(s.contains("1 &lt;Jan&gt; &amp; 2027"));
        assert!(s.contains(">O&lt;1&gt;</text>") && s.contains(">A&amp;1</text>"));
        // Workshop sizes are recognised.
        assert!(s.contains("font-size=\"26\""));
    }

    #[test]
    fn empty_and_large_plans() {
        let p = Plan::new_empty("Empty");
        let s = svg_picture(&p, &Layout::default(), "Empty", "today");
        check_xml(&s);
        let p = synthetic_plan(1000, 5);
        let l = layout(&p, &Metrics::standard(), None);
        let s = svg_picture(&p, &l, &p.meta.title, "today");
        check_xml(&s);
        assert!(s.contains("Synthetic plan (1000 items)"));
    }
}
