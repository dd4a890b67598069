//! A measure read as its chart (src/model/charts/reading.rs): the rule set
//! chosen, each signal's verdict from the direction, the standing, too few
//! points and no data, the frozen baseline, re-phasing, excluded points, XmR
//! and P chart centres and limits, the target, and which points a signal
//! marks. The expected answers are worked by hand in the comments.

use plan_workbench::model::charts::reading::*;
use plan_workbench::model::charts::series::Side;
use plan_workbench::model::plan::{
    ChartKind, ChartSettings, DataPoint, Direction, Measure, RunRules, Target,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Values from a pattern: A above the median (2), B below (1), M on it
/// (1.5). With as many A as B among the points that set the centre line,
/// the median is 1.5. Spaces are ignored.
fn pattern(p: &str) -> Vec<f64> {
    p.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'A' => 2.0,
            'B' => 1.0,
            'M' => 1.5,
            _ => panic!("bad pattern {p}"),
        })
        .collect()
}

fn point(i: usize, value: f64) -> DataPoint {
    DataPoint {
        period: format!("M{}", i + 1),
        value,
        ..Default::default()
    }
}

/// A measure of these values, periods M1, M2, ..., with every point of a
/// phase in its baseline (baseline_points far above the count).
fn measure(values: &[f64], kind: ChartKind, rules: RunRules, direction: Direction) -> Measure {
    Measure {
        name: "Measure".into(),
        unit: "%".into(),
        direction,
        data: values
            .iter()
            .enumerate()
            .map(|(i, v)| point(i, *v))
            .collect(),
        chart: ChartSettings {
            kind,
            rules,
            baseline_points: 1000,
        },
        ..Default::default()
    }
}

fn run(values: &[f64], rules: RunRules, direction: Direction) -> Measure {
    measure(values, ChartKind::Run, rules, direction)
}

fn signal(
    rule: SignalRule,
    first: usize,
    last: usize,
    points: usize,
) -> (SignalRule, usize, usize, usize) {
    (rule, first, last, points)
}

/// Each signal as (rule, first, last, points).
fn shape(signals: &[ChartSignal]) -> Vec<(SignalRule, usize, usize, usize)> {
    signals
        .iter()
        .map(|s| (s.rule, s.first, s.last, s.points))
        .collect()
}

fn only_phase(c: &MeasureChart) -> &Phase {
    assert_eq!(c.phases.len(), 1, "one phase expected: {c:?}");
    &c.phases[0]
}

fn figures(p: &Phase) -> plan_workbench::model::charts::run_chart::Figures {
    match &p.reading {
        PhaseReading::Run { figures } => *figures,
        other => panic!("a run chart reading expected, got {other:?}"),
    }
}

// 20 points, 10 above and 10 below the median 1.5. Runs: B A BB A BB
// AAAAAAAA BBBBB: 7 runs, 6 crossings, longest 8 (points 7 to 14).
// Anhøj with n = 20: longest run limit round(log2 20) + 3 = round(4.32) + 3
// = 7, so 8 is unusually long; crossings limit qbinom(0.05, 19, 0.5) = 6
// (P(X <= 5) = 16664/524288 = 0.032, P(X <= 6) = 43796/524288 = 0.084),
// and 6 is not fewer. IHI: a shift of 8 (6 or more); BBBBB is 5, not a
// shift; values of two levels make no trend longer than 2; runs 7 against
// the bounds for 20 (6 to 15: see the IHI test below).
const LONG_RUN: &str = "BABBABB AAAAAAAA BBBBB";

#[test]
fn an_anhoej_long_run_above_reads_as_improvement_when_higher_is_better() {
    let c = read_measure(&run(
        &pattern(LONG_RUN),
        RunRules::Anhoej,
        Direction::HigherIsBetter,
    ));
    let p = only_phase(&c);
    let f = figures(p);
    assert_eq!(f.median, 1.5);
    assert_eq!(f.useful, 20);
    assert_eq!((f.longest_run, f.longest_run_limit), (8, 7));
    assert_eq!((f.crossings, f.crossings_limit), (6, 6));
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::LongRun, 7, 14, 8)]
    );
    assert_eq!(p.signals[0].side, Some(Side::Up));
    assert_eq!(p.signals[0].verdict, Verdict::Improvement);
    assert_eq!(c.standing, Standing::Improving);
    assert_eq!(c.rules, RunRules::Anhoej);
}

#[test]
fn the_same_long_run_reads_as_deterioration_when_lower_is_better() {
    let c = read_measure(&run(
        &pattern(LONG_RUN),
        RunRules::Anhoej,
        Direction::LowerIsBetter,
    ));
    let p = only_phase(&c);
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::LongRun, 7, 14, 8)]
    );
    assert_eq!(p.signals[0].verdict, Verdict::Deterioration);
    assert_eq!(c.standing, Standing::Deteriorating);
}

#[test]
fn an_ihi_shift_reads_with_the_direction() {
    let up = read_measure(&run(
        &pattern(LONG_RUN),
        RunRules::Ihi,
        Direction::HigherIsBetter,
    ));
    let p = only_phase(&up);
    let f = figures(p);
    assert_eq!(f.runs, 7);
    // Swed–Eisenhart with 10 and 10, 2.5% in each tail: P(R <= 6) = 0.0185
    // and P(R <= 7) = 0.0513, so fewer than 7 runs signal; P(R >= 16) =
    // 0.0185 and P(R >= 15) = 0.0513, so more than 15 signal. 7 runs, at
    // the bound, do not.
    assert_eq!((f.runs_lower, f.runs_upper), (7, 15));
    assert_eq!(shape(&p.signals), vec![signal(SignalRule::Shift, 7, 14, 8)]);
    assert_eq!(p.signals[0].verdict, Verdict::Improvement);
    assert_eq!(up.standing, Standing::Improving);

    let down = read_measure(&run(
        &pattern(LONG_RUN),
        RunRules::Ihi,
        Direction::LowerIsBetter,
    ));
    assert_eq!(down.phases[0].signals[0].verdict, Verdict::Deterioration);
    assert_eq!(down.standing, Standing::Deteriorating);
}

#[test]
fn a_shift_of_seven_is_a_shift_for_ihi_but_not_a_long_run_for_anhoej() {
    // 18 points, 9 and 9: the run of 7 A (points 7 to 13) is a shift (6 or
    // more) but not longer than round(log2 18) + 3 = round(4.17) + 3 = 7.
    let v = pattern("BABBABB AAAAAAA BBBB");
    let ihi = read_measure(&run(&v, RunRules::Ihi, Direction::HigherIsBetter));
    assert_eq!(
        shape(&ihi.phases[0].signals),
        vec![signal(SignalRule::Shift, 7, 13, 7)]
    );
    let anhoej = read_measure(&run(&v, RunRules::Anhoej, Direction::HigherIsBetter));
    assert_eq!(figures(&anhoej.phases[0]).longest_run_limit, 7);
    assert!(anhoej.phases[0].signals.is_empty());
    assert_eq!(anhoej.standing, Standing::NoSignal);
}

#[test]
fn a_trend_reads_from_its_direction() {
    // 14 points about the median 5 (7 below, 7 above): 4 6 4 6 then
    // 1 3 7 8 9 (up, 5 points: IHI's threshold), then 6 4 6 4 4. Sorted:
    // 1 3 4 4 4 4 4 | 6 6 6 6 7 8 9, median (4 + 6) / 2 = 5.
    let v = [
        4.0, 6.0, 4.0, 6.0, 1.0, 3.0, 7.0, 8.0, 9.0, 6.0, 4.0, 6.0, 4.0, 4.0,
    ];
    let up = read_measure(&run(&v, RunRules::Ihi, Direction::HigherIsBetter));
    let p = only_phase(&up);
    assert_eq!(figures(p).median, 5.0);
    assert_eq!(shape(&p.signals), vec![signal(SignalRule::Trend, 4, 8, 5)]);
    assert_eq!(p.signals[0].side, Some(Side::Up));
    assert_eq!(p.signals[0].verdict, Verdict::Improvement);
    assert_eq!(up.standing, Standing::Improving);
    let lower = read_measure(&run(&v, RunRules::Ihi, Direction::LowerIsBetter));
    assert_eq!(lower.phases[0].signals[0].verdict, Verdict::Deterioration);

    // The same reversed: a trend going down (points 5 to 9).
    let mut r = v;
    r.reverse();
    let down = read_measure(&run(&r, RunRules::Ihi, Direction::HigherIsBetter));
    let p = only_phase(&down);
    assert_eq!(shape(&p.signals), vec![signal(SignalRule::Trend, 5, 9, 5)]);
    assert_eq!(p.signals[0].side, Some(Side::Down));
    assert_eq!(p.signals[0].verdict, Verdict::Deterioration);
    assert_eq!(down.standing, Standing::Deteriorating);
    let lower = read_measure(&run(&r, RunRules::Ihi, Direction::LowerIsBetter));
    assert_eq!(lower.phases[0].signals[0].verdict, Verdict::Improvement);
    assert_eq!(lower.standing, Standing::Improving);
}

#[test]
fn too_few_crossings_alone_is_unclear() {
    // 10 useful points: longest run 5, limit round(log2 10) + 3 = 6; one
    // crossing, limit qbinom(0.05, 9, 0.5) = 2 (P(X <= 1) = 10/512,
    // P(X <= 2) = 46/512 = 0.09).
    let c = read_measure(&run(
        &pattern("AAAAA BBBBB"),
        RunRules::Anhoej,
        Direction::HigherIsBetter,
    ));
    let p = only_phase(&c);
    let f = figures(p);
    assert_eq!((f.longest_run, f.longest_run_limit), (5, 6));
    assert_eq!((f.crossings, f.crossings_limit), (1, 2));
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::FewCrossings, 0, 9, 10)]
    );
    assert_eq!(p.signals[0].side, None);
    assert_eq!(p.signals[0].verdict, Verdict::Unclear);
    assert_eq!(c.standing, Standing::Unclear);
    // It is a count over the phase, so it marks no point.
    assert!((0..10).all(|i| !c.in_signal(i)));
}

#[test]
fn an_unclear_signal_beside_a_directed_one_leaves_the_direction_to_speak() {
    // 12 points, BBBBBB AAAAAA: two shifts (below then above) and 2 runs,
    // fewer than the lower bound for 12. The latest directed signal, the
    // shift above, sets the standing.
    let c = read_measure(&run(
        &pattern("BBBBBB AAAAAA"),
        RunRules::Ihi,
        Direction::HigherIsBetter,
    ));
    let p = only_phase(&c);
    let rules: Vec<SignalRule> = p.signals.iter().map(|s| s.rule).collect();
    assert_eq!(
        rules,
        vec![SignalRule::Shift, SignalRule::Shift, SignalRule::FewRuns]
    );
    assert_eq!(p.signals[0].verdict, Verdict::Deterioration);
    assert_eq!(p.signals[1].verdict, Verdict::Improvement);
    assert_eq!(p.signals[2].verdict, Verdict::Unclear);
    assert_eq!(c.standing, Standing::Improving);
    let lower = read_measure(&run(
        &pattern("BBBBBB AAAAAA"),
        RunRules::Ihi,
        Direction::LowerIsBetter,
    ));
    assert_eq!(lower.standing, Standing::Deteriorating);
}

#[test]
fn fewer_than_ten_useful_points_are_too_few_for_the_rules() {
    let c = read_measure(&run(
        &pattern("ABABABABA"),
        RunRules::Anhoej,
        Direction::HigherIsBetter,
    ));
    // 9 points: 5 A and 4 B, median 2 (the fifth of 1 1 1 1 2 2 2 2 2), so
    // the A points are on it and only the 4 B are useful.
    assert_eq!(
        only_phase(&c).reading,
        PhaseReading::TooFewPoints {
            have: 4,
            need: 10,
            centre: Some(2.0)
        }
    );
    assert_eq!(c.standing, Standing::TooFewPoints);
    assert!(c.phases[0].signals.is_empty());

    // 13 points, 4 of them on the median 1.5 (5 A, 4 B, 4 M; the seventh
    // sorted value is an M): 9 useful, one short.
    let c = read_measure(&run(
        &pattern("ABM ABM ABM ABM A"),
        RunRules::Ihi,
        Direction::HigherIsBetter,
    ));
    assert_eq!(c.points.len(), 13);
    assert_eq!(
        only_phase(&c).reading,
        PhaseReading::TooFewPoints {
            have: 9,
            need: 10,
            centre: Some(1.5)
        }
    );
    assert_eq!(c.standing, Standing::TooFewPoints);

    // 14 points, 5 A, 5 B, 4 M: 10 useful, exactly enough; 6 runs (3 to 9
    // expected for 10).
    let c = read_measure(&run(
        &pattern("AAM BBM AAM BBM AB"),
        RunRules::Ihi,
        Direction::HigherIsBetter,
    ));
    assert_eq!(figures(only_phase(&c)).useful, 10);
    assert_eq!(c.standing, Standing::NoSignal);
}

#[test]
fn no_data_reads_as_no_data() {
    let c = read_measure(&run(&[], RunRules::Anhoej, Direction::HigherIsBetter));
    assert!(c.points.is_empty());
    assert!(c.phases.is_empty());
    assert_eq!(c.standing, Standing::NoData);
    assert_eq!(c.target_met, None);
    assert_eq!(c.latest(), None);
}

fn with_baseline(mut m: Measure, n: usize) -> Measure {
    m.chart.baseline_points = n;
    m
}

#[test]
fn the_baseline_median_is_frozen_and_later_points_are_judged_against_it() {
    // 10 20 10 20 10 20 then eight 16s. The first 6 set the median: 15.
    // Against it the 16s are all above: with the 20 before them a run of
    // 9 (points 5 to 13). 14 useful: limit round(log2 14) + 3 = round(3.81)
    // + 3 = 7, so 9 is unusually long. Crossings 5, limit qbinom(0.05, 13,
    // 0.5) = 4 (P(X <= 3) = 378/8192 = 0.046, P(X <= 4) = 1093/8192).
    let mut v = vec![10.0, 20.0, 10.0, 20.0, 10.0, 20.0];
    v.extend([16.0; 8]);
    let frozen = read_measure(&with_baseline(
        run(&v, RunRules::Anhoej, Direction::HigherIsBetter),
        6,
    ));
    let p = only_phase(&frozen);
    let f = figures(p);
    assert_eq!(f.median, 15.0);
    assert_eq!(p.baseline, 6);
    assert_eq!(f.useful, 14);
    assert_eq!((f.longest_run, f.longest_run_limit), (9, 7));
    assert_eq!((f.crossings, f.crossings_limit), (5, 4));
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::LongRun, 5, 13, 9)]
    );
    assert_eq!(frozen.standing, Standing::Improving);

    // A baseline longer than the phase is the whole phase: the median of
    // all 14 is 16 (10 10 10 16 16 16 16 | 16 16 16 16 20 20 20), the 16s
    // sit on it and 6 useful points are too few.
    let all = read_measure(&with_baseline(
        run(&v, RunRules::Anhoej, Direction::HigherIsBetter),
        100,
    ));
    assert_eq!(
        only_phase(&all).reading,
        PhaseReading::TooFewPoints {
            have: 6,
            need: 10,
            centre: Some(16.0)
        }
    );
    assert_eq!(all.standing, Standing::TooFewPoints);
    assert_eq!(all.phases[0].baseline, 14);

    // The default, the first 12: 10 20 10 20 10 20 16 16 16 16 16 16, median
    // 16 again.
    let mut m = run(&v, RunRules::Anhoej, Direction::HigherIsBetter);
    m.chart = ChartSettings::default();
    let default = read_measure(&m);
    assert_eq!(default.phases[0].centre(), Some(16.0));
    assert_eq!(default.phases[0].baseline, 12);
}

/// The values as points, with a new phase starting at `phase_start`.
fn phased(values: &[f64], phase_start: usize, rules: RunRules) -> Measure {
    let mut m = run(values, rules, Direction::HigherIsBetter);
    m.data[phase_start].new_phase = true;
    m
}

#[test]
fn a_new_phase_has_its_own_centre_line_and_signals_and_the_latest_sets_the_standing() {
    // Phase 1: 18 points with a shift of 7 above (points 7 to 13). Phase 2
    // from point 18: 12 points at a new level, 11 and 12 (median 11.5), in
    // 8 runs (4 to 10 expected for 12), no signal.
    let mut v = pattern("BABBABB AAAAAAA BBBB");
    v.extend(pattern("AABBABBAABAB").iter().map(|x| x + 10.0));
    let c = read_measure(&phased(&v, 18, RunRules::Ihi));
    assert_eq!(c.phases.len(), 2);
    let (one, two) = (&c.phases[0], &c.phases[1]);
    assert_eq!((one.first, one.last, two.first, two.last), (0, 17, 18, 29));
    assert_eq!(c.points[17].phase, 0);
    assert_eq!(c.points[18].phase, 1);
    assert_eq!(one.centre(), Some(1.5));
    assert_eq!(two.centre(), Some(11.5));
    assert_eq!(
        shape(&one.signals),
        vec![signal(SignalRule::Shift, 7, 13, 7)]
    );
    assert_eq!(figures(two).runs, 8);
    assert!(two.signals.is_empty());
    assert_eq!(c.standing, Standing::NoSignal);
    assert_eq!(c.signals().count(), 1);

    // As one phase, the first 12 (5 B, 7 A) set the median at 2: the A of
    // the first level sit on it, its 9 B make one run below, and the new
    // level is one run of 12 above (points 18 to 29), longer than the
    // limit for 21 useful points (round(log2 21) + 3 = 7); 1 crossing, fewer
    // than qbinom(0.05, 20, 0.5) = 6.
    let mut one_phase = run(&v, RunRules::Anhoej, Direction::HigherIsBetter);
    one_phase.chart.baseline_points = 12;
    let c = read_measure(&one_phase);
    assert_eq!(c.phases.len(), 1);
    assert_eq!(c.phases[0].signals[0].rule, SignalRule::LongRun);
    assert_eq!(c.phases[0].centre(), Some(2.0));
    assert_eq!(
        shape(&c.phases[0].signals),
        vec![
            signal(SignalRule::LongRun, 18, 29, 12),
            signal(SignalRule::FewCrossings, 0, 29, 21)
        ]
    );
    assert_eq!(c.standing, Standing::Improving);
}

#[test]
fn a_run_across_the_start_of_a_phase_is_not_a_shift() {
    // 4 above at the end of the first 12 (6 A, 6 B) and 3 at the start of
    // the next 12 (6 and 6): as one phase (median 1.5) a shift of 7 (points
    // 8 to 14; 13 runs, 8 to 18 expected for 24); as two phases, runs of 4
    // and 3.
    let mut v = pattern("BABBBABB AAAA");
    v.extend(pattern("AAABBABBABAB"));
    let one = read_measure(&run(&v, RunRules::Ihi, Direction::HigherIsBetter));
    assert_eq!(
        shape(&one.phases[0].signals),
        vec![signal(SignalRule::Shift, 8, 14, 7)]
    );
    let two = read_measure(&phased(&v, 12, RunRules::Ihi));
    assert_eq!(two.phases.len(), 2);
    assert_eq!(two.phases[0].centre(), Some(1.5));
    assert_eq!(two.phases[1].centre(), Some(1.5));
    assert!(two.signals().next().is_none());
    assert_eq!(two.standing, Standing::NoSignal);
}

#[test]
fn a_new_phase_marked_on_the_first_point_makes_no_empty_phase() {
    let c = read_measure(&phased(&pattern("AABBABBAABAB"), 0, RunRules::Anhoej));
    assert_eq!(c.phases.len(), 1);
    assert_eq!((c.phases[0].first, c.phases[0].last), (0, 11));
}

#[test]
fn the_standing_is_the_latest_phases_even_when_it_has_too_few_points() {
    let mut v = pattern("BABBABB AAAAAAA BBBB");
    v.extend(pattern("ABAB"));
    let c = read_measure(&phased(&v, 18, RunRules::Ihi));
    assert_eq!(c.phases[0].signals.len(), 1);
    assert!(matches!(
        c.phases[1].reading,
        PhaseReading::TooFewPoints {
            have: 4,
            need: 10,
            ..
        }
    ));
    assert_eq!(c.standing, Standing::TooFewPoints);
}

fn exclude(mut m: Measure, index: usize, why: &str) -> Measure {
    m.data[index].excluded = Some(why.into());
    m
}

#[test]
fn an_excluded_point_is_drawn_but_left_out_of_the_centre_line() {
    // 10 points A B A B ... and a wild 100 at point 3, excluded: the median
    // of the 10 that take part is 1.5 (with the 100 it would be 2).
    let mut v = pattern("ABABABABAB");
    v.insert(3, 100.0);
    let c = read_measure(&exclude(
        run(&v, RunRules::Anhoej, Direction::HigherIsBetter),
        3,
        "Data error",
    ));
    assert_eq!(c.points.len(), 11);
    assert_eq!(c.points[3].value, 100.0);
    assert_eq!(c.points[3].excluded.as_deref(), Some("Data error"));
    let f = figures(only_phase(&c));
    assert_eq!(f.median, 1.5);
    assert_eq!(f.useful, 10);
    assert_eq!(f.crossings, 9);
    assert!(!c.in_signal(3));

    let kept = read_measure(&run(&v, RunRules::Anhoej, Direction::HigherIsBetter));
    assert_eq!(kept.phases[0].centre(), Some(2.0));
}

#[test]
fn excluding_a_point_that_breaks_a_run_makes_a_shift_spanning_over_it() {
    // The first 10 (AABBABBAAB) set the median, 1.5. Then AAA, a B at point
    // 13, AAA. With point 13 taking part, runs of 3, 1 and 3: no shift.
    // Excluded, the six A make a shift from point 10 to point 16 (data
    // indices, over the excluded point), 6 points.
    let v = pattern("AABBABBAAB AAA B AAA");
    let m = with_baseline(run(&v, RunRules::Ihi, Direction::HigherIsBetter), 10);
    let kept = read_measure(&m);
    assert!(
        kept.signals().next().is_none(),
        "{:?}",
        kept.phases[0].signals
    );
    assert_eq!(kept.standing, Standing::NoSignal);

    let c = read_measure(&exclude(m, 13, "New IT system outage"));
    let p = only_phase(&c);
    assert_eq!(figures(p).useful, 16);
    assert_eq!(p.baseline, 10);
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::Shift, 10, 16, 6)]
    );
    assert_eq!(p.signals[0].verdict, Verdict::Improvement);
    assert_eq!(c.standing, Standing::Improving);
    assert!(c.in_signal(10) && c.in_signal(12) && c.in_signal(14) && c.in_signal(16));
    assert!(!c.in_signal(9));
    // The excluded point inside the span takes no part, so is not marked.
    assert!(!c.in_signal(13));
}

fn spc(values: &[f64], baseline: usize) -> Measure {
    with_baseline(
        measure(
            values,
            ChartKind::Xmr,
            RunRules::Anhoej,
            Direction::HigherIsBetter,
        ),
        baseline,
    )
}

fn spc_reading(
    p: &Phase,
) -> (
    f64,
    usize,
    &[(usize, plan_workbench::model::charts::spc::PointLimits)],
) {
    match &p.reading {
        PhaseReading::Spc {
            centre,
            baseline,
            limits,
        } => (*centre, *baseline, limits.as_slice()),
        other => panic!("an SPC reading expected, got {other:?}"),
    }
}

#[test]
fn xmr_centre_and_limits_come_from_the_baseline_and_a_later_point_beyond_them_signals() {
    // Baseline 10 12 10 12 ... (10 points): mean 11, every moving range 2,
    // so limits 11 ± 2.66 × 2 = 5.68 to 16.32, sigma 2 / 1.128. Point 10,
    // 17, is above the upper limit. No run of 8, no trend of 6, and only
    // the 17 is beyond two sigma (11 + 3.55).
    let mut v = pattern("").to_vec();
    for _ in 0..5 {
        v.extend([10.0, 12.0]);
    }
    v.push(17.0);
    let c = read_measure(&spc(&v, 10));
    let p = only_phase(&c);
    let (centre, baseline, limits) = spc_reading(p);
    assert!(close(centre, 11.0));
    assert_eq!(baseline, 10);
    assert_eq!(limits.len(), 11);
    for (i, (at, l)) in limits.iter().enumerate() {
        assert_eq!(*at, i);
        assert!(close(l.lower, 5.68) && close(l.upper, 16.32), "{l:?}");
        assert!(close(l.sigma, 2.0 / 1.128));
    }
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::OutsideLimits, 10, 10, 1)]
    );
    assert_eq!(p.signals[0].side, Some(Side::Up));
    assert_eq!(p.signals[0].verdict, Verdict::Improvement);
    assert_eq!(c.standing, Standing::Improving);
    assert!(c.in_signal(10) && !c.in_signal(9));

    let lower = read_measure(&Measure {
        direction: Direction::LowerIsBetter,
        ..spc(&v, 10)
    });
    assert_eq!(lower.standing, Standing::Deteriorating);
}

#[test]
fn an_excluded_xmr_point_has_the_limits_drawn_but_is_not_judged() {
    // The same with a 30 excluded at point 4: the baseline is still the
    // ten 10s and 12s, and the 30 is not a signal.
    let mut v = Vec::new();
    for _ in 0..5 {
        v.extend([10.0, 12.0]);
    }
    v.insert(4, 30.0);
    v.push(17.0);
    let c = read_measure(&exclude(spc(&v, 10), 4, "Miscount"));
    let p = only_phase(&c);
    let (centre, baseline, limits) = spc_reading(p);
    assert!(close(centre, 11.0));
    assert_eq!(baseline, 10);
    assert_eq!(limits.len(), 12);
    assert_eq!(limits[4].0, 4);
    assert!(close(limits[4].1.upper, 16.32));
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::OutsideLimits, 11, 11, 1)]
    );
    assert!(!c.in_signal(4));
}

#[test]
fn an_xmr_chart_with_fewer_than_ten_baseline_points_is_too_few() {
    // 9 points: mean of 10 12 ... 10 = (5 × 10 + 4 × 12) / 9 = 98 / 9.
    let v = [10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0];
    let c = read_measure(&spc(&v, 12));
    match &only_phase(&c).reading {
        PhaseReading::TooFewPoints { have, need, centre } => {
            assert_eq!((*have, *need), (9, 10));
            assert!(close(centre.unwrap(), 98.0 / 9.0));
        }
        other => panic!("too few expected, got {other:?}"),
    }
    assert_eq!(c.standing, Standing::TooFewPoints);

    // A baseline setting below 10 on a longer phase: the limits would rest
    // on 6 points, too few (the SPC rules need 10 in the baseline).
    let mut long = v.to_vec();
    long.extend([11.0; 6]);
    let c = read_measure(&spc(&long, 6));
    assert!(matches!(
        only_phase(&c).reading,
        PhaseReading::TooFewPoints {
            have: 6,
            need: 10,
            ..
        }
    ));
}

/// A P chart of (numerator, denominator) points; the `value` field is left
/// at 0 to show the chart reads the counts.
fn p_measure(counts: &[(u64, u64)], baseline: usize) -> Measure {
    let mut m = with_baseline(
        measure(
            &vec![0.0; counts.len()],
            ChartKind::P,
            RunRules::Anhoej,
            Direction::HigherIsBetter,
        ),
        baseline,
    );
    for (d, &(n, den)) in m.data.iter_mut().zip(counts) {
        d.numerator = Some(n);
        d.denominator = Some(den);
    }
    m
}

/// Ten baseline points of denominators 100 and 400 in turn: 250 of 500 and
/// 1000 of 2000, so p̄ = 1250 / 2500 = 0.5. Then 70 of 100.
const P_COUNTS: [(u64, u64); 11] = [
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

#[test]
fn a_p_chart_plots_percentages_with_limits_from_each_points_denominator() {
    // p̄ = 0.5. Denominator 100: sigma sqrt(0.25 / 100) = 0.05, limits
    // 0.5 ± 0.15 = 35% to 65%. Denominator 400: sigma 0.025, limits 42.5%
    // to 57.5%. The 70% of the last point is beyond its 65%; no run of 8
    // (45 47.5 | 55 52.5 | ... 50 50 on the centre), no trend of 6, and no
    // other point beyond two sigma (60% or 55% up, 40% or 45% down).
    let c = read_measure(&p_measure(&P_COUNTS, 10));
    assert_eq!(c.kind, ChartKind::P);
    let values: Vec<f64> = c.points.iter().map(|p| p.value).collect();
    assert_eq!(
        values,
        vec![45.0, 47.5, 55.0, 52.5, 45.0, 47.5, 55.0, 52.5, 50.0, 50.0, 70.0]
    );
    let p = only_phase(&c);
    let (centre, baseline, limits) = spc_reading(p);
    assert!(close(centre, 50.0));
    assert_eq!(baseline, 10);
    assert_eq!(limits.len(), 11);
    let (at, wide) = limits[0];
    assert_eq!(at, 0);
    assert!(close(wide.lower, 35.0) && close(wide.upper, 65.0) && close(wide.sigma, 5.0));
    let (at, narrow) = limits[1];
    assert_eq!(at, 1);
    assert!(close(narrow.lower, 42.5) && close(narrow.upper, 57.5) && close(narrow.sigma, 2.5));
    assert!(close(limits[10].1.upper, 65.0));
    assert_eq!(
        shape(&p.signals),
        vec![signal(SignalRule::OutsideLimits, 10, 10, 1)]
    );
    assert_eq!(c.standing, Standing::Improving);
}

#[test]
fn a_p_chart_point_without_counts_makes_the_phase_unavailable_naming_it() {
    let mut m = p_measure(&P_COUNTS, 10);
    m.data[2].numerator = None;
    let c = read_measure(&m);
    match &only_phase(&c).reading {
        PhaseReading::Unavailable(why) => {
            assert_eq!(
                why,
                "A P chart needs a numerator and a denominator for every point; M3 has none"
            );
        }
        other => panic!("unavailable expected, got {other:?}"),
    }
    assert!(c.phases[0].signals.is_empty());
    // Such a point is drawn with its value as entered.
    assert_eq!(c.points[2].value, 0.0);

    // Excluded, it is no longer needed.
    let c = read_measure(&exclude(m, 2, "Not counted"));
    assert!(matches!(c.phases[0].reading, PhaseReading::Spc { .. }));

    let mut m = p_measure(&P_COUNTS, 10);
    m.data[4].denominator = Some(0);
    let c = read_measure(&m);
    assert_eq!(
        c.phases[0].reading,
        PhaseReading::Unavailable("M5 has a denominator of 0".into())
    );
}

fn target(mut m: Measure, value: &str, direction: Direction) -> Measure {
    m.target = Some(Target {
        value: value.into(),
        by: None,
    });
    m.direction = direction;
    m
}

#[test]
fn the_target_is_met_by_the_latest_phases_centre_line_in_the_measures_direction() {
    // The long-run series: median 1.5.
    let m = run(
        &pattern(LONG_RUN),
        RunRules::Anhoej,
        Direction::HigherIsBetter,
    );
    let read = |value: &str, d| read_measure(&target(m.clone(), value, d));
    let c = read("1.5", Direction::HigherIsBetter);
    assert_eq!((c.target, c.target_met), (Some(1.5), Some(true)));
    assert_eq!(read("2", Direction::HigherIsBetter).target_met, Some(false));
    assert_eq!(read("1", Direction::HigherIsBetter).target_met, Some(true));
    assert_eq!(read("1", Direction::LowerIsBetter).target_met, Some(false));
    assert_eq!(
        read("1.5%", Direction::LowerIsBetter).target_met,
        Some(true)
    );
    let words = read("Fewer complaints", Direction::LowerIsBetter);
    assert_eq!((words.target, words.target_met), (None, None));
    assert_eq!(read_measure(&m).target_met, None);

    // Two phases, medians 1.5 and 11.5: the second decides.
    let mut v = pattern("BABBABB AAAAAAA BBBB");
    v.extend(pattern("AABBABBAABAB").iter().map(|x| x + 10.0));
    let c = read_measure(&target(
        phased(&v, 18, RunRules::Ihi),
        "10",
        Direction::HigherIsBetter,
    ));
    assert_eq!(c.target_met, Some(true));
    let c = read_measure(&target(
        phased(&v, 18, RunRules::Ihi),
        "10",
        Direction::LowerIsBetter,
    ));
    assert_eq!(c.target_met, Some(false));

    // A P chart's centre is a percentage: 50% against 60% and 45%.
    let c = read_measure(&target(
        p_measure(&P_COUNTS, 10),
        "60%",
        Direction::HigherIsBetter,
    ));
    assert_eq!(c.target_met, Some(false));
    let c = read_measure(&target(
        p_measure(&P_COUNTS, 10),
        "45%",
        Direction::HigherIsBetter,
    ));
    assert_eq!(c.target_met, Some(true));

    // No centre line (the phase cannot be read): not said.
    let mut m = target(p_measure(&P_COUNTS, 10), "45%", Direction::HigherIsBetter);
    m.data[0].denominator = None;
    assert_eq!(read_measure(&m).target_met, None);
}

#[test]
fn in_signal_marks_the_points_of_runs_shifts_and_trends_only() {
    let c = read_measure(&run(
        &pattern(LONG_RUN),
        RunRules::Anhoej,
        Direction::HigherIsBetter,
    ));
    let marked: Vec<usize> = (0..c.points.len()).filter(|&i| c.in_signal(i)).collect();
    assert_eq!(marked, (7..=14).collect::<Vec<_>>());
    assert!(!c.in_signal(99));
}

#[test]
fn two_of_three_marks_only_the_points_beyond_two_sigma() {
    // After the baseline (mean 11, sigma 2 / 1.128 = 1.77, two sigma
    // 14.55): 15, 11, 15. The signal spans points 10 to 12; point 11, on
    // the mean, is not part of it.
    let mut v = Vec::new();
    for _ in 0..5 {
        v.extend([10.0, 12.0]);
    }
    v.extend([15.0, 11.0, 15.0]);
    let c = read_measure(&spc(&v, 10));
    assert_eq!(
        shape(&c.phases[0].signals),
        vec![signal(SignalRule::TwoOfThree, 10, 12, 2)]
    );
    assert_eq!(c.phases[0].signals[0].side, Some(Side::Up));
    assert!(c.in_signal(10) && c.in_signal(12));
    assert!(!c.in_signal(11));
    assert!(c.beyond_two_sigma(10, Some(Side::Up)));
    assert!(!c.beyond_two_sigma(10, Some(Side::Down)));
    assert!(!c.beyond_two_sigma(11, Some(Side::Up)));
}
