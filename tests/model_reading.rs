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
