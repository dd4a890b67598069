//! A measure's chart as SVG and its sparkline: the documents parse as XML,
//! hold every point in order with its value, flag signal and excluded
//! points, draw a centre line per phase, limits for SPC and the target only
//! when it is a number, escape every text, and stay finite on awkward data.

use plan_workbench::model::charts::reading::{read_measure, MeasureChart};
use plan_workbench::model::charts::svg::{chart_svg, sparkline_svg};
use plan_workbench::model::plan::{
    ChartKind, ChartSettings, DataPoint, Direction, Measure, Target,
};
use roxmltree::{Document, Node};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn period(i: usize) -> String {
    format!("{} {}", MONTHS[i % 12], 2023 + i / 12)
}

fn measure(values: &[f64], kind: ChartKind) -> Measure {
    Measure {
        name: "Children seen within 4 weeks".into(),
        unit: "%".into(),
        chart: ChartSettings {
            kind,
            ..Default::default()
        },
        data: values
            .iter()
            .enumerate()
            .map(|(i, &v)| DataPoint {
                period: period(i),
                value: v,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// Twelve points about a median of 6, then ten at 9: a long run above.
fn shifted() -> Vec<f64> {
    let mut v: Vec<f64> = (0..12)
        .map(|i| if i % 2 == 0 { 5.0 } else { 7.0 })
        .collect();
    v.extend([9.0; 10]);
    v
}

fn draw(chart: &MeasureChart) -> String {
    let s = chart_svg(chart, "Children seen within 4 weeks", 640.0, 320.0);
    assert!(!s.contains("NaN") && !s.contains("inf"), "{s}");
    s
}

fn parse(s: &str) -> Document<'_> {
    Document::parse(s).unwrap_or_else(|e| panic!("not XML: {e}\n{s}"))
}

fn points<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.attribute("data-period").is_some())
        .collect()
}

fn with_role<'a>(doc: &'a Document<'a>, role: &str) -> usize {
    doc.descendants()
        .filter(|n| n.attribute("data-role") == Some(role))
        .count()
}

/// Every number in a coordinate attribute is finite.
fn coordinates_finite(doc: &Document) {
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in [
            "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height",
        ] {
            if let Some(v) = n.attribute(a) {
                let x: f64 = v.parse().unwrap_or_else(|_| panic!("{a}={v}"));
                assert!(x.is_finite() && x.abs() < 1e5, "{a}={v}");
            }
        }
        for a in ["d", "points"] {
            if let Some(v) = n.attribute(a) {
                for part in v.split([' ', ',']).filter(|p| !p.is_empty()) {
                    if let Ok(x) = part.parse::<f64>() {
                        assert!(x.is_finite() && x.abs() < 1e5, "{a}={v}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_chart_is_a_standalone_svg_with_its_name() {
    let chart = read_measure(&measure(&shifted(), ChartKind::Run));
    let s = draw(&chart);
    let doc = parse(&s);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("viewBox"), Some("0 0 640 320"));
    assert_eq!(root.attribute("width"), Some("640"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-label"),
        Some("Children seen within 4 weeks")
    );
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Children seen within 4 weeks"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
    assert!(!desc.text().unwrap().contains('\n'));
    assert!(desc.text().unwrap().starts_with("Run chart of 22 points"));
    assert!(!s.contains("class="));
    coordinates_finite(&doc);
}

#[test]
fn one_marker_per_point_in_order_with_its_value() {
    let values = shifted();
    let chart = read_measure(&measure(&values, ChartKind::Run));
    let s = draw(&chart);
    let doc = parse(&s);
    let marks = points(&doc);
    assert_eq!(marks.len(), values.len());
    for (i, m) in marks.iter().enumerate() {
        assert_eq!(m.attribute("data-period"), Some(period(i).as_str()));
        let v: f64 = m.attribute("data-value").unwrap().parse().unwrap();
        assert_eq!(v, values[i]);
    }
    // Value ticks carry the unit; period labels are UK months.
    assert!(s.contains(">10%</text>") || s.contains(">8%</text>"), "{s}");
    assert!(s.contains(">Jan 2023</text>"));
}

#[test]
fn signal_points_are_flagged_and_drawn_differently() {
    let chart = read_measure(&measure(&shifted(), ChartKind::Run));
    assert!(chart.signals().count() > 0, "the series has a long run");
    let s = draw(&chart);
    let doc = parse(&s);
    let marks = points(&doc);
    let mut flagged = 0;
    for (i, m) in marks.iter().enumerate() {
        let signal = m.attribute("data-signal") == Some("true");
        assert_eq!(signal, chart.in_signal(i), "point {i}");
        if signal {
            flagged += 1;
            // A different shape, not colour alone.
            assert_eq!(m.tag_name().name(), "path");
        } else {
            assert_eq!(m.tag_name().name(), "circle");
        }
    }
    assert!(flagged >= 10, "{flagged}");
    assert!(
        s.contains(">Signal</text>"),
        "the legend says what the diamond is"
    );
}

#[test]
fn excluded_points_are_flagged_hollow_and_left_out_of_the_line() {
    let mut m = measure(&shifted(), ChartKind::Run);
    m.data[3].excluded = Some("Data system outage".into());
    m.data[15].excluded = Some("Known special cause".into());
    let chart = read_measure(&m);
    let s = draw(&chart);
    let doc = parse(&s);
    let marks = points(&doc);
    for (i, mark) in marks.iter().enumerate() {
        let excluded = mark.attribute("data-excluded") == Some("true");
        assert_eq!(excluded, i == 3 || i == 15, "point {i}");
        if excluded {
            assert_eq!(mark.attribute("fill"), Some("#ffffff"));
            assert_eq!(mark.attribute("data-signal"), None);
            let hover = mark.children().find(|n| n.has_tag_name("title")).unwrap();
            assert!(hover.text().unwrap().contains("excluded:"));
        }
    }
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .unwrap();
    let joined = line.attribute("points").unwrap().split(' ').count();
    assert_eq!(joined, 20);
}

#[test]
fn a_centre_line_per_phase_with_a_divider() {
    let mut m = measure(&shifted(), ChartKind::Run);
    m.data[12].new_phase = true;
    let chart = read_measure(&m);
    assert_eq!(chart.phases.len(), 2);
    let s = draw(&chart);
    let doc = parse(&s);
    assert_eq!(with_role(&doc, "centre"), 2);
    assert_eq!(with_role(&doc, "phase"), 1);
    assert_eq!(with_role(&doc, "limit"), 0);
    assert!(s.contains(">Phase 2</text>"));
    // Each centre line spans its own phase only.
    let centres: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("data-role") == Some("centre"))
        .map(|n| {
            (
                n.attribute("x1").unwrap().parse().unwrap(),
                n.attribute("x2").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert!(centres[0].1 < centres[1].0);
    // One phase: no divider, no phase label.
    let s = draw(&read_measure(&measure(&shifted(), ChartKind::Run)));
    let doc = parse(&s);
    assert_eq!(
        (with_role(&doc, "centre"), with_role(&doc, "phase")),
        (1, 0)
    );
    assert!(!s.contains("Phase 1"));
}

#[test]
fn spc_charts_draw_their_limits_per_phase() {
    let mut values: Vec<f64> = (0..20).map(|i| 50.0 + (i % 4) as f64).collect();
    values[17] = 90.0;
    let mut m = measure(&values, ChartKind::Xmr);
    m.unit = "days".into();
    m.data[10].new_phase = true;
    let chart = read_measure(&m);
    let s = draw(&chart);
    let doc = parse(&s);
    assert_eq!(with_role(&doc, "centre"), 2);
    assert_eq!(with_role(&doc, "limit"), 4);
    // XmR limits are straight: one move, one horizontal line.
    for l in doc
        .descendants()
        .filter(|n| n.attribute("data-role") == Some("limit"))
    {
        let d = l.attribute("d").unwrap();
        assert_eq!(
            (d.matches('M').count(), d.matches('V').count()),
            (1, 0),
            "{d}"
        );
        assert_eq!(l.attribute("stroke-dasharray"), Some("6 4"));
    }
    assert!(s.contains(">Unit: days</text>"), "the unit is shown once");
    assert!(chart.in_signal(17));
    coordinates_finite(&doc);

    // A P chart with varying denominators: limits step from point to point.
    let counts = [
        (40, 50),
        (30, 40),
        (55, 70),
        (20, 30),
        (45, 60),
        (33, 45),
        (50, 66),
        (41, 52),
        (25, 35),
        (60, 80),
        (36, 48),
        (44, 55),
    ];
    let mut m = measure(&[0.0; 12], ChartKind::P);
    for (d, (num, den)) in m.data.iter_mut().zip(counts) {
        d.numerator = Some(num);
        d.denominator = Some(den);
    }
    let chart = read_measure(&m);
    let s = draw(&chart);
    let doc = parse(&s);
    assert_eq!(with_role(&doc, "limit"), 2);
    for l in doc
        .descendants()
        .filter(|n| n.attribute("data-role") == Some("limit"))
    {
        assert!(l.attribute("d").unwrap().matches('V').count() >= 5);
    }
    let v: f64 = points(&doc)[0]
        .attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(v, 80.0, "a P chart plots the proportion as a percentage");
}

#[test]
fn the_target_line_only_with_a_numeric_target() {
    let mut m = measure(&shifted(), ChartKind::Run);
    m.target = Some(Target {
        value: "75%".into(),
        by: None,
    });
    m.data.iter_mut().for_each(|d| d.value *= 10.0);
    let s = draw(&read_measure(&m));
    let doc = parse(&s);
    assert_eq!(with_role(&doc, "target"), 1);
    assert!(s.contains(">Target 75%</text>"), "{s}");
    m.target = Some(Target {
        value: "10% more".into(),
        by: None,
    });
    let doc_s = draw(&read_measure(&m));
    assert_eq!(with_role(&parse(&doc_s), "target"), 0);
    m.target = None;
    let doc_s = draw(&read_measure(&m));
    assert_eq!(with_role(&parse(&doc_s), "target"), 0);
}

#[test]
fn awkward_text_is_escaped_and_reads_back_exactly() {
    let mut m = measure(&shifted(), ChartKind::Run);
    m.data[0].period = "Q1 <\"Tom\" & 'Jerry'>".into();
    m.data[5].note = "New triage <b>started</b> & \"it's\" working".into();
    let long = "A very long note about the new referral pathway that started this month".to_owned();
    m.data[8].note = long.clone();
    let chart = read_measure(&m);
    let s = chart_svg(&chart, "Waits <under> 4 \"weeks\" & more", 640.0, 320.0);
    let doc = parse(&s);
    assert_eq!(
        doc.root_element().attribute("aria-label"),
        Some("Waits <under> 4 \"weeks\" & more")
    );
    assert_eq!(
        points(&doc)[0].attribute("data-period"),
        Some("Q1 <\"Tom\" & 'Jerry'>")
    );
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    // The x label is cut to 16 characters; the hover text holds it whole.
    assert!(
        texts.contains(&"Q1 <\"Tom\" & 'Je…"),
        "the x label: {texts:?}"
    );
    assert!(texts.contains(&"Q1 <\"Tom\" & 'Jerry'>: 5%"), "{texts:?}");
    assert!(texts.contains(&"New triage <b>started</b> & \"it's\" working"));
    assert!(!doc.descendants().any(|n| n.has_tag_name("b")));
    // A long note is cut with an ellipsis; the whole note is its hover text.
    let note = doc
        .descendants()
        .filter(|n| n.attribute("data-role") == Some("note"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("title") && c.text() == Some(&long))
        })
        .expect("the long note");
    let shown: String = note
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    assert!(
        shown.ends_with('…') && shown.chars().count() <= 28,
        "{shown}"
    );
    assert_eq!(with_role(&doc, "note"), 2);
    assert_eq!(with_role(&doc, "note-line"), 2);
}

#[test]
fn no_points_draws_an_empty_frame() {
    let chart = read_measure(&measure(&[], ChartKind::Run));
    let s = draw(&chart);
    let doc = parse(&s);
    assert!(points(&doc).is_empty());
    assert!(s.contains(">No data yet</text>"));
    assert_eq!(with_role(&doc, "centre"), 0);
}

#[test]
fn few_equal_negative_and_huge_values_stay_finite() {
    let cases: Vec<Vec<f64>> = vec![
        vec![42.0],
        vec![7.0; 15],
        vec![0.0; 3],
        vec![-5.0, -12.5, -3.0, -8.0],
        vec![1.5e12, 2.5e12, 2.0e12],
        vec![1e300, -1e300, 5e299],
        vec![1e-7, 2e-7, 1.5e-7],
    ];
    for values in cases {
        for kind in [ChartKind::Run, ChartKind::Xmr] {
            let mut m = measure(&values, kind);
            m.unit = "count".into();
            let chart = read_measure(&m);
            let s = draw(&chart);
            let doc = parse(&s);
            coordinates_finite(&doc);
            let marks = points(&doc);
            assert_eq!(marks.len(), values.len(), "{values:?}");
            for (m, v) in marks.iter().zip(&values) {
                assert_eq!(
                    m.attribute("data-value").unwrap().parse::<f64>().unwrap(),
                    *v
                );
            }
            // Too few points still draw the centre line.
            assert_eq!(with_role(&doc, "centre"), 1, "{values:?} {kind:?}");
            let ticks = doc
                .descendants()
                .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("end"))
                .count();
            assert!((2..=20).contains(&ticks), "{ticks} ticks for {values:?}");
        }
    }
    // Huge numbers are written short.
    let s = draw(&read_measure(&measure(
        &[1.5e12, 2.5e12, 2.0e12],
        ChartKind::Run,
    )));
    assert!(s.contains("bn%</text>"), "{s}");
}

#[test]
fn crowded_period_labels_are_thinned_and_turned() {
    let values: Vec<f64> = (0..60).map(|i| (i % 7) as f64).collect();
    let chart = read_measure(&measure(&values, ChartKind::Run));
    let s = chart_svg(&chart, "Sixty months", 480.0, 300.0);
    let doc = parse(&s);
    let labels: Vec<Node> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("text")
                && n.text()
                    .is_some_and(|t| MONTHS.iter().any(|m| t.starts_with(m)))
        })
        .collect();
    assert!(labels.len() < 60 && labels.len() >= 10, "{}", labels.len());
    assert!(labels.iter().all(|l| l
        .attribute("transform")
        .is_some_and(|t| t.starts_with("rotate(-45"))));
    // Few points: every label, level.
    let chart = read_measure(&measure(&values[..6], ChartKind::Run));
    let s = chart_svg(&chart, "Six months", 640.0, 300.0);
    let doc = parse(&s);
    let level = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("text")
                && n.text()
                    .is_some_and(|t| MONTHS.iter().any(|m| t.starts_with(m)))
        })
        .filter(|n| n.attribute("transform").is_none())
        .count();
    assert_eq!(level, 6);
}

#[test]
fn sparklines_are_small_and_mark_a_signal() {
    let values: Vec<f64> = (0..60).map(|i| 50.0 + (i % 5) as f64).collect();
    let mut m = measure(&values, ChartKind::Run);
    m.target = Some(Target {
        value: "60".into(),
        by: None,
    });
    let chart = read_measure(&m);
    assert!(chart.phases.last().unwrap().signals.is_empty());
    let s = sparkline_svg(&chart, 120.0, 28.0);
    let doc = parse(&s);
    let root = doc.root_element();
    assert_eq!(root.attribute("aria-hidden"), Some("true"));
    let elements = doc.descendants().filter(|n| n.is_element()).count();
    assert_eq!(elements, 4, "svg, target, line, latest: {s}");
    assert_eq!(with_role(&doc, "signal"), 0);
    assert_eq!(with_role(&doc, "target"), 1);
    assert!(!s.contains("NaN") && !s.contains("inf"));
    assert!(s.len() < 1200, "{}", s.len());

    // A shift up, higher is better: an improvement.
    let mut m = measure(&shifted(), ChartKind::Run);
    let s = sparkline_svg(&read_measure(&m), 120.0, 28.0);
    let doc = parse(&s);
    assert_eq!(doc.descendants().filter(|n| n.is_element()).count(), 4);
    let mark = doc
        .descendants()
        .find(|n| n.attribute("data-role") == Some("signal"))
        .unwrap();
    assert_eq!(mark.attribute("data-signal"), Some("improvement"));
    let up = mark.attribute("d").unwrap().to_owned();
    m.direction = Direction::LowerIsBetter;
    let s = sparkline_svg(&read_measure(&m), 120.0, 28.0);
    let doc = parse(&s);
    let mark = doc
        .descendants()
        .find(|n| n.attribute("data-role") == Some("signal"))
        .unwrap();
    assert_eq!(mark.attribute("data-signal"), Some("deterioration"));
    assert_ne!(mark.attribute("d").unwrap(), up, "a different shape");

    // No points, one point.
    for values in [&[][..], &[3.0][..]] {
        let s = sparkline_svg(&read_measure(&measure(values, ChartKind::Run)), 80.0, 20.0);
        let doc = parse(&s);
        assert_eq!(with_role(&doc, "latest"), values.len());
        assert!(!s.contains("NaN"));
    }
}

#[test]
fn value_ticks_come_in_nice_steps_and_numbers_read_as_uk_reports_write_them() {
    use plan_workbench::model::charts::svg::{nice_ticks, tick_label, value_label};
    let t = nice_ticks(0.3, 9.3, 5);
    assert_eq!((t.lo, t.hi, t.step), (0.0, 10.0, 2.0));
    assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    let t = nice_ticks(-12.0, -3.0, 4);
    assert_eq!((t.lo, t.hi, t.step), (-15.0, 0.0, 5.0));
    // Equal values are widened, never a zero range.
    for v in [0.0, 7.0, -3.0, 1e-7, 1e300] {
        let t = nice_ticks(v, v, 5);
        assert!(t.lo < v && v < t.hi && t.step > 0.0, "{v}: {t:?}");
        assert!(t.values.len() >= 2 && t.values.len() <= 61);
    }
    let t = nice_ticks(0.0, 2.5e6, 5);
    assert_eq!(tick_label(1.5e6, &t), "1.5M");
    let t = nice_ticks(0.0, 4.2e9, 4);
    assert_eq!(tick_label(2e9, &t), "2bn");
    let t = nice_ticks(0.0, 30000.0, 3);
    assert_eq!(tick_label(20000.0, &t), "20,000");
    let t = nice_ticks(0.0, 0.5, 5);
    assert_eq!(tick_label(0.3, &t), "0.3");
    assert_eq!(value_label(64.9), "64.9");
    assert_eq!(value_label(12500.0), "12,500");
    assert_eq!(value_label(-0.004), "0");
    assert_eq!(value_label(-1234567.891), "-1,234,567.89");
    assert_eq!(value_label(2.5e16), "2.5e16");
}

#[test]
fn an_unavailable_phase_still_draws_its_points() {
    // A P chart whose points have no counts cannot be read, but is drawn.
    let chart = read_measure(&measure(&[40.0, 55.0, 61.0], ChartKind::P));
    assert!(chart.phases[0].centre().is_none());
    let s = draw(&chart);
    let doc = parse(&s);
    assert_eq!(points(&doc).len(), 3);
    assert_eq!(
        (with_role(&doc, "centre"), with_role(&doc, "limit")),
        (0, 0)
    );
    coordinates_finite(&doc);
}
