//! The words under a chart (src/model/charts/words.rs), sentence by
//! sentence: each kind of signal, one phase and two, too few points,
//! excluded points and notes, the target, both run chart rule sets, XmR and
//! P charts, the short status and the numbers. The figures behind each
//! sentence are worked by hand in tests/model_reading.rs or here.

use plan_workbench::model::charts::reading::read_measure;
use plan_workbench::model::charts::words::{number, short_status, signal_sentence, summary};
use plan_workbench::model::plan::{
    ChartKind, ChartSettings, DataPoint, Direction, Measure, RunRules, Target,
};

/// UK financial-year quarters from 2023/24 Q1.
fn quarter(i: usize) -> String {
    format!(
        "{}/{:02} Q{}",
        2023 + i / 4,
        (2024 + i / 4) % 100,
        i % 4 + 1
    )
}

/// A above the median (64), B below (61), M on it (62.5).
fn pattern(p: &str) -> Vec<f64> {
    p.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'A' => 64.0,
            'B' => 61.0,
            'M' => 62.5,
            _ => panic!("bad pattern {p}"),
        })
        .collect()
}

/// A percentage measure, higher is better, every point of a phase in its
/// baseline unless set otherwise.
fn measure(values: &[f64], kind: ChartKind, rules: RunRules) -> Measure {
    Measure {
        name: "Children seen within 4 weeks".into(),
        unit: "%".into(),
        data: values
            .iter()
            .enumerate()
            .map(|(i, v)| DataPoint {
                period: quarter(i),
                value: *v,
                ..Default::default()
            })
            .collect(),
        chart: ChartSettings {
            kind,
            rules,
            baseline_points: 1000,
        },
        ..Default::default()
    }
}

fn run(p: &str, rules: RunRules) -> Measure {
    measure(&pattern(p), ChartKind::Run, rules)
}

fn with_target(mut m: Measure, value: &str) -> Measure {
    m.target = Some(Target {
        value: value.into(),
        by: None,
    });
    m
}

fn lower_is_better(mut m: Measure) -> Measure {
    m.direction = Direction::LowerIsBetter;
    m
}

fn words(m: &Measure) -> Vec<String> {
    summary(&read_measure(m))
}

/// 20 points: a run of 8 above the median (2024/25 Q4 to 2026/27 Q3); 6
/// crossings; 7 runs.
const LONG_RUN: &str = "BABBABB AAAAAAAA BBBBB";

#[test]
fn one_phase_anhoej_long_run_and_target() {
    let m = with_target(run(LONG_RUN, RunRules::Anhoej), "75%");
    assert_eq!(
        words(&m),
        vec![
            "Run chart, read with the Anhøj rules: 20 points from 2023/24 Q1 to 2027/28 Q4.",
            "Median 62.5%; 20 useful points.",
            "Longest run 8 (more than 7 is unusual); crossings 6 (fewer than 6 is unusual).",
            "Long run: 8 points above the median from 2024/25 Q4 to 2026/27 Q3: improvement.",
            "Target 75%: the median (62.5%) does not meet it.",
        ]
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 61% (2027/28 Q4) · Improving · Off target"
    );
}

#[test]
fn lower_is_better_turns_the_verdict_and_the_target() {
    let m = lower_is_better(with_target(run(LONG_RUN, RunRules::Anhoej), "75%"));
    let w = words(&m);
    assert_eq!(
        w[3],
        "Long run: 8 points above the median from 2024/25 Q4 to 2026/27 Q3: deterioration."
    );
    assert_eq!(
        w[4],
        "Target 75% (lower is better): the median (62.5%) meets it."
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 61% (2027/28 Q4) · Deteriorating · On target"
    );
}

#[test]
fn ihi_shift_with_the_runs_and_their_expected_range() {
    assert_eq!(
        words(&run(LONG_RUN, RunRules::Ihi)),
        vec![
            "Run chart, read with the IHI rules: 20 points from 2023/24 Q1 to 2027/28 Q4.",
            "Median 62.5%; 20 useful points.",
            "Longest run 8 (6 or more is a shift); runs 7 (7 to 15 expected).",
            "Shift: 8 points above the median from 2024/25 Q4 to 2026/27 Q3: improvement.",
        ]
    );
}

#[test]
fn ihi_trend_without_a_unit() {
    // Median 5; runs B A B A BB AAAA B A BB (9, longest 4); 4 to 12 runs
    // expected for 14; a trend up of 5 from point 5 (2024/25 Q1) to point
    // 9 (2025/26 Q1).
    let mut m = measure(
        &[
            4.0, 6.0, 4.0, 6.0, 1.0, 3.0, 7.0, 8.0, 9.0, 6.0, 4.0, 6.0, 4.0, 4.0,
        ],
        ChartKind::Run,
        RunRules::Ihi,
    );
    m.unit = String::new();
    assert_eq!(
        words(&m)[1..],
        [
            "Median 5; 14 useful points.",
            "Longest run 4 (6 or more is a shift); runs 9 (4 to 12 expected).",
            "Trend: 5 points going up from 2024/25 Q1 to 2025/26 Q1: improvement.",
        ]
    );
    m.data.reverse();
    for (i, d) in m.data.iter_mut().enumerate() {
        d.period = quarter(i);
    }
    assert_eq!(
        words(&m)[3],
        "Trend: 5 points going down from 2024/25 Q2 to 2025/26 Q2: deterioration."
    );
}

#[test]
fn anhoej_too_few_crossings() {
    let m = run("AAAAA BBBBB", RunRules::Anhoej);
    assert_eq!(
        words(&m)[1..],
        [
            "Median 62.5%; 10 useful points.",
            "Longest run 5 (more than 6 is unusual); crossings 1 (fewer than 2 is unusual).",
            "Too few crossings: 1 crossing of the median from 2023/24 Q1 to 2025/26 Q2 (fewer than 2 is unusual): the variation is not random.",
        ]
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 61% (2025/26 Q2) · Non-random variation"
    );
}

#[test]
fn ihi_too_few_and_too_many_runs() {
    assert_eq!(
        words(&run("BBBBBB AAAAAA", RunRules::Ihi))[2..],
        [
            "Longest run 6 (6 or more is a shift); runs 2 (4 to 10 expected).",
            "Shift: 6 points below the median from 2023/24 Q1 to 2024/25 Q2: deterioration.",
            "Shift: 6 points above the median from 2024/25 Q3 to 2025/26 Q4: improvement.",
            "Too few runs: 2 runs from 2023/24 Q1 to 2025/26 Q4 (fewer than 4 is unusual): the variation is not random.",
        ]
    );
    assert_eq!(
        words(&run("ABABABABABAB", RunRules::Ihi))[2..],
        [
            "Longest run 1 (6 or more is a shift); runs 12 (4 to 10 expected).",
            "Too many runs: 12 runs from 2023/24 Q1 to 2025/26 Q4 (more than 10 is unusual): the variation is not random.",
        ]
    );
}

#[test]
fn no_signal() {
    let w = words(&run("AABBABBAABAB", RunRules::Anhoej));
    assert_eq!(
        w.last().unwrap(),
        "No signal: the variation is consistent with chance."
    );
}

#[test]
fn too_few_points_for_the_rules() {
    assert_eq!(
        words(&run("ABABABA B", RunRules::Anhoej)),
        vec![
            "Run chart, read with the Anhøj rules: 8 points from 2023/24 Q1 to 2024/25 Q4.",
            "Median 62.5%.",
            "Too few points for the rules: 8 useful points, at least 10 needed.",
        ]
    );
    // 4 A and 3 B: the median is 64, so the A are on it.
    assert_eq!(
        words(&run("ABABABA", RunRules::Ihi))[1..],
        [
            "Median 64%.",
            "Too few points for the rules: 3 useful points (4 on the median not counted), at least 10 needed.",
        ]
    );
    assert_eq!(
        short_status(&read_measure(&run("ABABABA", RunRules::Ihi))),
        "Latest 64% (2024/25 Q3) · Too few points"
    );
}

#[test]
fn excluded_points_with_the_reason_and_the_signal_they_change() {
    // The first 10 set the median; with 2026/27 Q2 left out the six A make
    // a shift over it. 16 useful points: 5 to 13 runs expected.
    let mut m = run("AABBABBAAB AAA B AAA", RunRules::Ihi);
    m.chart.baseline_points = 10;
    let kept = words(&m);
    assert_eq!(
        kept[1..],
        [
            "Median 62.5%, set by the first 10 points; 17 useful points.",
            "Longest run 3 (6 or more is a shift); runs 9 (6 to 13 expected).",
            "No signal: the variation is consistent with chance.",
        ]
    );
    m.data[13].excluded = Some("New IT system outage".into());
    assert_eq!(
        words(&m)[1..],
        [
            "Median 62.5%, set by the first 10 points; 16 useful points.",
            "Longest run 6 (6 or more is a shift); runs 7 (5 to 13 expected).",
            "Shift: 6 points above the median from 2025/26 Q3 to 2027/28 Q1: improvement.",
            "1 point left out of the rules: 2026/27 Q2 (New IT system outage).",
        ]
    );
    m.data[1].excluded = Some(String::new());
    assert_eq!(
        words(&m).last().unwrap(),
        "2 points left out of the rules: 2023/24 Q2; 2026/27 Q2 (New IT system outage)."
    );
}

#[test]
fn two_phases_each_with_its_heading_and_the_latest_against_the_target() {
    let mut v = pattern("BABBABB AAAAAAA BBBB");
    v.extend(pattern("AABBABBAABAB").iter().map(|x| x + 10.0));
    let mut m = with_target(measure(&v, ChartKind::Run, RunRules::Ihi), "75");
    m.data[18].new_phase = true;
    m.data[18].note = "New triage started.".into();
    assert_eq!(
        words(&m),
        vec![
            "Run chart, read with the IHI rules: 30 points from 2023/24 Q1 to 2030/31 Q2.",
            "Phase 1 from 2023/24 Q1:",
            "Median 62.5%; 18 useful points.",
            "Longest run 7 (6 or more is a shift); runs 7 (6 to 14 expected).",
            "Shift: 7 points above the median from 2024/25 Q4 to 2026/27 Q2: improvement.",
            "Phase 2 from 2027/28 Q3:",
            "Median 72.5%; 12 useful points.",
            "Longest run 2 (6 or more is a shift); runs 8 (4 to 10 expected).",
            "No signal: the variation is consistent with chance.",
            "Note at 2027/28 Q3: New triage started.",
            "Target 75%: the latest phase's median (72.5%) does not meet it.",
        ]
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 71% (2030/31 Q2) · No signal · Off target"
    );
}

/// Ten baseline points 10 12 10 12 ... (mean 11, moving ranges all 2:
/// limits 11 ± 5.32, sigma 2 / 1.128 = 1.77) then `later`, in days.
fn xmr(later: &[f64]) -> Measure {
    let mut v = Vec::new();
    for _ in 0..5 {
        v.extend([10.0, 12.0]);
    }
    v.extend(later);
    let mut m = measure(&v, ChartKind::Xmr, RunRules::Anhoej);
    m.unit = "days".into();
    m.chart.baseline_points = 10;
    m
}

#[test]
fn xmr_mean_limits_and_a_point_outside_them() {
    assert_eq!(
        words(&xmr(&[17.0])),
        vec![
            "XmR chart (individual values): 11 points from 2023/24 Q1 to 2025/26 Q3.",
            "Mean 11 days, set by the first 10 points; 11 useful points.",
            "Control limits 5.7 to 16.3 days.",
            "Outside the limits: 2025/26 Q3 (17 days) is above the upper limit of 16.3 days: improvement.",
        ]
    );
    assert_eq!(
        words(&lower_is_better(xmr(&[5.0])))[3],
        "Outside the limits: 2025/26 Q3 (5 days) is below the lower limit of 5.7 days: improvement."
    );
}

#[test]
fn xmr_run_trend_and_two_of_three() {
    // Eight at 12.5 after the baseline's last 12: a run of 9 above the
    // mean, 2025/26 Q2 to 2027/28 Q2, all within two sigma (14.5).
    assert_eq!(
        words(&xmr(&[12.5; 8]))[3],
        "Run of 9 points above the centre line from 2025/26 Q2 to 2027/28 Q2: improvement."
    );
    // 9 10 11 12 13 14: a trend of 6, none beyond two sigma.
    assert_eq!(
        words(&xmr(&[9.0, 10.0, 11.0, 12.0, 13.0, 14.0]))[3],
        "Trend: 6 points going up from 2025/26 Q3 to 2026/27 Q4: improvement."
    );
    // 15, 11 (on the mean), 15: two of three beyond two sigma (14.55),
    // neither beyond the limit (16.32).
    assert_eq!(
        words(&lower_is_better(xmr(&[15.0, 11.0, 15.0])))[3],
        "Two of three points beyond two sigma: 2025/26 Q3 and 2026/27 Q1 are more than two sigma above the centre line: deterioration."
    );
}

#[test]
fn xmr_too_few_in_the_baseline() {
    let mut m = xmr(&[11.0; 5]);
    m.chart.baseline_points = 6;
    // The first 6: 10 12 10 12 10 12, mean 11.
    assert_eq!(
        words(&m)[1..],
        [
            "Mean 11 days.",
            "Too few points for the rules: the baseline has 6 points, at least 10 needed.",
        ]
    );
}

/// Denominators 100 and 400 in turn, p̄ = 0.5 over the first 10; then 70
/// of 100. Limits 35% to 65% for 100, 42.5% to 57.5% for 400.
fn p_chart() -> Measure {
    let counts: [(u64, u64); 11] = [
        (45, 100),
        (190, 400),
        (55, 100),
        (210, 400),
        (45, 100),
        (190, 400),
        (55, 100),
        (210, 400),
        (50, 100),
        (200, 400),
        (70, 100),
    ];
    let mut m = measure(&[0.0; 11], ChartKind::P, RunRules::Anhoej);
    m.unit = String::new();
    m.chart.baseline_points = 10;
    for (d, (n, den)) in m.data.iter_mut().zip(counts) {
        d.numerator = Some(n);
        d.denominator = Some(den);
    }
    m
}

#[test]
fn p_chart_average_proportion_limits_that_vary_and_the_target() {
    let m = with_target(p_chart(), "60%");
    assert_eq!(
        words(&m),
        vec![
            "P chart (proportions): 11 points from 2023/24 Q1 to 2025/26 Q3.",
            "Average proportion 50%, set by the first 10 points; 11 useful points.",
            "Control limits vary with the denominator, from 35% to 65%.",
            "Outside the limits: 2025/26 Q3 (70%) is above the upper limit of 65%: improvement.",
            "Target 60%: the average proportion (50%) does not meet it.",
        ]
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 70% (2025/26 Q3) · Improving · Off target"
    );
}

#[test]
fn p_chart_with_one_denominator_has_one_pair_of_limits() {
    // 45 55 45 55 45 55 45 55 50 50 of 100: p̄ = 500 / 1000.
    let mut m = p_chart();
    for (i, d) in m.data.iter_mut().enumerate() {
        d.numerator = Some([45, 55, 45, 55, 45, 55, 45, 55, 50, 50, 70][i]);
        d.denominator = Some(100);
    }
    assert_eq!(words(&m)[2], "Control limits 35% to 65%.");
}

#[test]
fn p_chart_that_cannot_be_read_says_why() {
    let mut m = p_chart();
    m.data[2].denominator = None;
    assert_eq!(
        words(&m)[1..],
        ["A P chart needs a numerator and a denominator for every point; 2023/24 Q3 has none."]
    );
}

#[test]
fn a_target_close_to_the_centre_shows_enough_places_to_tell_them_apart() {
    // Median (74.9 + 75.02) / 2 = 74.96, which at one place reads 75.
    let mut v = vec![74.9; 5];
    v.extend([75.02; 5]);
    let m = with_target(measure(&v, ChartKind::Run, RunRules::Anhoej), "75%");
    assert_eq!(
        words(&m).last().unwrap(),
        "Target 75%: the median (74.96%) does not meet it."
    );
}

#[test]
fn the_signal_sentences_are_the_summarys() {
    let c = read_measure(&run("BBBBBB AAAAAA", RunRules::Ihi));
    let sentences: Vec<String> = c.signals().map(|s| signal_sentence(&c, s)).collect();
    assert_eq!(sentences.len(), 3);
    assert_eq!(summary(&c)[3..], sentences[..]);
}

#[test]
fn no_data_and_points_without_periods() {
    let none = read_measure(&measure(&[], ChartKind::Run, RunRules::Anhoej));
    assert_eq!(summary(&none), vec!["No data yet."]);
    assert_eq!(short_status(&none), "No data");

    let mut m = run("AAAAA BBBBB", RunRules::Anhoej);
    for d in &mut m.data {
        d.period = String::new();
    }
    let w = words(&m);
    assert_eq!(
        w[0],
        "Run chart, read with the Anhøj rules: 10 points from point 1 to point 10."
    );
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 61% · Non-random variation"
    );
}

#[test]
fn numbers_have_at_most_one_place_and_small_ones_two_figures() {
    assert_eq!(number(62.5), "62.5");
    assert_eq!(number(63.0), "63");
    assert_eq!(number(62.54), "62.5");
    assert_eq!(number(1250.0), "1,250");
    assert_eq!(number(1_234_567.25), "1,234,567.3");
    assert_eq!(number(-5.68), "-5.7");
    assert_eq!(number(0.0), "0");
    assert_eq!(number(0.034), "0.034");
    assert_eq!(number(0.5), "0.5");
    // Percentages keep to one place however small.
    let mut m = measure(&[0.034; 10], ChartKind::Run, RunRules::Anhoej);
    assert_eq!(words(&m)[1], "Median 0%.");
    m.unit = "per 1,000".into();
    assert_eq!(words(&m)[1], "Median 0.034 per 1,000.");
}

#[test]
fn p_chart_with_too_few_points_gives_its_average_proportion() {
    // The first 9, the last of them 29 of 100: 1029 of 2100, p̄ = 49%.
    let mut m = p_chart();
    m.data.truncate(9);
    m.data[8].numerator = Some(29);
    assert_eq!(
        words(&m)[1..],
        [
            "Average proportion 49%.",
            "Too few points for the rules: 9 useful points, at least 10 needed.",
        ]
    );
}

#[test]
fn a_second_phase_that_cannot_be_read_says_why_under_its_heading() {
    let mut m = p_chart();
    let mut more = m.data.clone();
    more[0].new_phase = true;
    more[3].numerator = None;
    m.data.extend(more);
    for (i, d) in m.data.iter_mut().enumerate() {
        d.period = quarter(i);
    }
    let w = words(&m);
    let at = w.iter().position(|l| l.starts_with("Phase 2")).unwrap();
    assert_eq!(
        w[at..],
        [
            "Phase 2 from 2025/26 Q4:",
            "A P chart needs a numerator and a denominator for every point; 2026/27 Q3 has none.",
        ]
    );
    assert_eq!(w[1], "Phase 1 from 2023/24 Q1:");
    assert_eq!(
        short_status(&read_measure(&m)),
        "Latest 70% (2028/29 Q2) · Too few points"
    );
}

#[test]
fn an_excluded_xmr_point_leaves_the_limits_as_they_were() {
    // A 30 left out at point 5 (2024/25 Q1): the ten 10s and 12s still set
    // the mean and limits, and the 30 is not a signal.
    let mut m = xmr(&[11.0]);
    m.data.insert(
        4,
        DataPoint {
            value: 30.0,
            excluded: Some("Miscount".into()),
            ..Default::default()
        },
    );
    for (i, d) in m.data.iter_mut().enumerate() {
        d.period = quarter(i);
    }
    assert_eq!(
        words(&m)[1..],
        [
            "Mean 11 days, set by the first 10 points; 11 useful points.",
            "Control limits 5.7 to 16.3 days.",
            "No signal: the variation is consistent with chance.",
            "1 point left out of the rules: 2024/25 Q1 (Miscount).",
        ]
    );
}
