//! SPC: XmR and P chart limits, the special-cause tests at and one short of
//! their thresholds, collapsed limits and the frozen baseline. The expected
//! numbers are worked by hand in the comments.

use plan_workbench::model::charts::spc::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn flat(n: usize, centre_sigma: f64) -> Vec<PointLimits> {
    vec![
        PointLimits {
            lower: -3.0 * centre_sigma,
            upper: 3.0 * centre_sigma,
            sigma: centre_sigma,
        };
        n
    ]
}

fn sig(rule: Rule, side: Side, start: usize, end: usize) -> Signal {
    Signal {
        rule,
        side,
        start,
        end,
    }
}

#[test]
fn xmr_centre_limits_and_sigma_lines_on_a_small_series() {
    // 1 3 2 4 5: mean 15/5 = 3; moving ranges 2 1 2 1, mean 6/4 = 1.5;
    // limits 3 ± 2.66 × 1.5 = 3 ± 3.99; sigma 1.5 / 1.128.
    let l = xmr_limits(&[1.0, 3.0, 2.0, 4.0, 5.0]).unwrap();
    assert!(close(l.mean, 3.0));
    assert_eq!(l.moving_ranges, vec![2.0, 1.0, 2.0, 1.0]);
    assert!(close(l.mean_moving_range, 1.5));
    assert!(close(l.upper, 6.99));
    assert!(close(l.lower, -0.99));
    let sigma = 1.5 / 1.128; // 1.3297872...
    assert!(close(l.sigma, sigma));
    assert!(close(l.one_sigma.0, 3.0 - sigma) && close(l.one_sigma.1, 3.0 + sigma));
    assert!(close(l.two_sigma.0, 3.0 - 2.0 * sigma) && close(l.two_sigma.1, 3.0 + 2.0 * sigma));
    assert!(close(l.two_sigma.1, 5.659574468085106));
}

#[test]
fn xmr_limits_need_two_points_and_finite_values() {
    assert_eq!(
        xmr_limits(&[1.0]),
        Err(SpcError::TooFewPoints { have: 1, need: 2 })
    );
    assert_eq!(
        xmr_limits(&[1.0, f64::NAN]),
        Err(SpcError::NotFinite { index: 1 })
    );
}

#[test]
fn p_chart_limits_vary_with_the_denominator() {
    // p̄ = (10 + 30 + 20) / (100 + 200 + 100) = 60 / 400 = 0.15.
    let pts = [(10, 100), (30, 200), (20, 100)];
    let p = p_bar(&pts).unwrap();
    assert!(close(p, 0.15));
    // n = 100: sigma = sqrt(0.15 × 0.85 / 100) = sqrt(0.001275) = 0.035707142...
    let a = p_point_limits(p, 100);
    assert!(close(a.sigma, 0.001275f64.sqrt()));
    assert!((a.upper - 0.2571214).abs() < 1e-6);
    assert!((a.lower - 0.0428786).abs() < 1e-6);
    // n = 200: sigma = sqrt(0.0006375) = 0.025248762...: narrower limits.
    let b = p_point_limits(p, 200);
    assert!((b.upper - 0.2257463).abs() < 1e-6);
    assert!((b.lower - 0.0742537).abs() < 1e-6);
}

#[test]
fn p_chart_limits_are_clamped_to_zero_and_one() {
    // p̄ = 0.05, n = 10: sigma = sqrt(0.0475/10) = 0.06892; 0.05 − 0.2068 < 0.
    let low = p_point_limits(0.05, 10);
    assert_eq!(low.lower, 0.0);
    assert!((low.upper - (0.05 + 3.0 * 0.00475f64.sqrt())).abs() < 1e-12);
    // p̄ = 0.95, n = 10: the upper limit 0.95 + 0.2068 > 1.
    let high = p_point_limits(0.95, 10);
    assert_eq!(high.upper, 1.0);
    assert!(high.lower > 0.7 && high.lower < 0.8);
}

#[test]
fn p_chart_refuses_a_zero_denominator_with_a_clear_error() {
    let mut pts = vec![(1u64, 10u64); 12];
    pts[4] = (0, 0);
    let e = p_chart(&pts, None).unwrap_err();
    assert_eq!(e, SpcError::ZeroDenominator { index: 4 });
    assert_eq!(e.to_string(), "Point 5 has a denominator of 0");
    assert_eq!(
        p_bar(&[(3, 2)]),
        Err(SpcError::NumeratorAboveDenominator { index: 0 })
    );
}

#[test]
fn p_chart_judges_each_point_against_its_own_limits_from_a_frozen_baseline() {
    // Baseline: 5 × (15/100) and 5 × (30/200): p̄ = 225/1500 = 0.15.
    // Upper limit 0.2571 at n = 100 and 0.2257 at n = 200 (as above).
    let mut pts: Vec<(u64, u64)> = [(15, 100), (30, 200)].repeat(5);
    pts.push((25, 100)); // 0.25, inside 0.2571
    pts.push((50, 200)); // 0.25, outside 0.2257
    let c = p_chart(&pts, Some(10)).unwrap();
    assert!(close(c.centre, 0.15));
    assert_eq!(c.baseline, 10);
    assert!(close(c.values[11], 0.25));
    let outside: Vec<_> = c
        .signals
        .iter()
        .filter(|s| s.rule == Rule::OutsideLimits)
        .collect();
    assert_eq!(outside, vec![&sig(Rule::OutsideLimits, Side::Up, 11, 11)]);
}

#[test]
fn outside_limits_exactly_on_the_limit_is_not_a_signal_and_just_beyond_is() {
    let l = flat(3, 1.0); // limits −3 and 3
    assert!(outside_limits(&[3.0, -3.0, 0.0], &l).is_empty());
    assert_eq!(
        outside_limits(&[3.0001, 0.0, -3.0001], &l),
        vec![
            sig(Rule::OutsideLimits, Side::Up, 0, 0),
            sig(Rule::OutsideLimits, Side::Down, 2, 2)
        ]
    );
}

#[test]
fn run_of_eight_is_a_signal_and_seven_is_not() {
    assert_eq!(
        runs(&[1.0; 8], 0.0, RUN_LENGTH),
        vec![sig(Rule::Run, Side::Up, 0, 7)]
    );
    assert!(runs(&[1.0; 7], 0.0, RUN_LENGTH).is_empty());
    let mut below = vec![0.5];
    below.extend([-1.0; 8]);
    assert_eq!(
        runs(&below, 0.0, RUN_LENGTH),
        vec![sig(Rule::Run, Side::Down, 1, 8)]
    );
}

#[test]
fn points_on_the_centre_line_neither_make_nor_break_a_run() {
    // Eight points above with one on the line among them: still a run of 8,
    // spanning all nine indices.
    let v = [1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    assert_eq!(
        runs(&v, 0.0, RUN_LENGTH),
        vec![sig(Rule::Run, Side::Up, 0, 8)]
    );
    // Seven above and one on the line: the point on the line does not make the eighth.
    let v = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0];
    assert!(runs(&v, 0.0, RUN_LENGTH).is_empty());
    // A point on the other side does break it.
    let v = [1.0, 1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 1.0, 1.0];
    assert!(runs(&v, 0.0, RUN_LENGTH).is_empty());
}

#[test]
fn trend_of_six_is_a_signal_and_five_is_not() {
    assert_eq!(
        trends(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], TREND_LENGTH),
        vec![sig(Rule::Trend, Side::Up, 0, 5)]
    );
    assert!(trends(&[1.0, 2.0, 3.0, 4.0, 5.0], TREND_LENGTH).is_empty());
    assert_eq!(
        trends(&[9.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 5.0], TREND_LENGTH),
        vec![sig(Rule::Trend, Side::Down, 0, 6)]
    );
}

#[test]
fn equal_neighbours_neither_make_nor_break_a_trend() {
    // 1 2 2 3 4 5: five different rising values, so five points, not six.
    assert!(trends(&[1.0, 2.0, 2.0, 3.0, 4.0, 5.0], TREND_LENGTH).is_empty());
    // 1 2 2 3 4 5 6: six rising values across the tie: a trend spanning 0..=6.
    assert_eq!(
        trends(&[1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 6.0], TREND_LENGTH),
        vec![sig(Rule::Trend, Side::Up, 0, 6)]
    );
    // A fall breaks it: 1 2 3 2 4 5 6 has no six rising.
    assert!(trends(&[1.0, 2.0, 3.0, 2.0, 4.0, 5.0, 6.0], TREND_LENGTH).is_empty());
}

#[test]
fn two_of_three_beyond_two_sigma_at_and_short_of_the_threshold() {
    let l = flat(4, 1.0); // centre 0, 2 sigma = 2
                          // Two of three (indices 1 and 3) beyond +2 sigma.
    assert_eq!(
        two_of_three(&[0.0, 2.5, 0.0, 2.5], 0.0, &l),
        vec![sig(Rule::TwoOfThree, Side::Up, 1, 3)]
    );
    // Two beyond but four apart: never two in any three.
    assert!(two_of_three(&[2.5, 0.0, 0.0, 2.5], 0.0, &l).is_empty());
    // Exactly on 2 sigma is not beyond it.
    assert!(two_of_three(&[2.0, 2.0, 0.0, 0.0], 0.0, &l).is_empty());
    // Opposite sides do not count together.
    assert!(two_of_three(&[2.5, -2.5, 0.0, 0.0], 0.0, &l).is_empty());
    // Below, and a point beyond 3 sigma counts too.
    assert_eq!(
        two_of_three(&[-2.5, -3.5, 0.0, 0.0], 0.0, &l),
        vec![sig(Rule::TwoOfThree, Side::Down, 0, 1)]
    );
}

#[test]
fn all_points_equal_collapse_the_limits_onto_the_centre_and_give_no_signal() {
    let c = xmr_chart(&[5.0; 12], None).unwrap();
    assert_eq!(c.centre, 5.0);
    assert!(c
        .limits
        .iter()
        .all(|l| l.lower == 5.0 && l.upper == 5.0 && l.sigma == 0.0));
    assert!(c.signals.is_empty());
    // Against that frozen baseline, any later point that differs is outside.
    let mut v = vec![5.0; 10];
    v.push(5.1);
    let c = xmr_chart(&v, Some(10)).unwrap();
    assert_eq!(c.signals, vec![sig(Rule::OutsideLimits, Side::Up, 10, 10)]);
}

#[test]
fn frozen_baseline_sets_the_limits_and_later_points_are_judged_against_them() {
    // Baseline 1 3 2 4 5 1 3 2 4 5: mean 3; moving ranges 2 1 2 1 4 2 1 2 1,
    // mean 16/9; upper limit 3 + 2.66 × 16/9 = 7.728888...
    let mut v = vec![1.0, 3.0, 2.0, 4.0, 5.0, 1.0, 3.0, 2.0, 4.0, 5.0];
    v.extend([7.7, 7.8]);
    let c = xmr_chart(&v, Some(10)).unwrap();
    assert_eq!(c.baseline, 10);
    assert!(close(c.centre, 3.0));
    assert!(close(c.limits[11].upper, 3.0 + 2.66 * 16.0 / 9.0));
    assert!(c
        .signals
        .contains(&sig(Rule::OutsideLimits, Side::Up, 11, 11)));
    assert!(!c
        .signals
        .iter()
        .any(|s| s.rule == Rule::OutsideLimits && s.start == 10));
    // Unfrozen (all 12 points) the limits move: mean (30 + 15.5) / 12.
    let all = xmr_chart(&v, None).unwrap();
    assert!(close(all.centre, 45.5 / 12.0));
    // A baseline longer than the series uses every point.
    assert_eq!(xmr_chart(&v, Some(100)).unwrap().baseline, 12);
}

#[test]
fn fewer_than_ten_baseline_points_is_too_few_for_the_rules() {
    assert_eq!(
        xmr_chart(&[1.0; 9], None),
        Err(SpcError::TooFewPoints { have: 9, need: 10 })
    );
    assert_eq!(
        xmr_chart(&[1.0; 20], Some(9)),
        Err(SpcError::TooFewPoints { have: 9, need: 10 })
    );
    assert!(xmr_chart(&[1.0; 10], None).is_ok());
    assert_eq!(
        p_chart(&[(1, 10); 9], None),
        Err(SpcError::TooFewPoints { have: 9, need: 10 })
    );
    assert_eq!(
        SpcError::TooFewPoints { have: 9, need: 10 }.to_string(),
        "Too few points for the rules: 9 in the baseline, at least 10 needed"
    );
}

#[test]
fn special_causes_finds_a_run_and_a_trend_on_an_xmr_chart() {
    // Baseline of 10 around 10, then 8 points above the mean rising.
    let mut v = vec![9.0, 11.0, 9.0, 11.0, 9.0, 11.0, 9.0, 11.0, 9.0, 11.0];
    v.extend([10.5, 10.6, 10.7, 10.8, 10.9, 11.0, 10.9, 10.8]);
    let c = xmr_chart(&v, Some(10)).unwrap();
    // mean 10; mean MR 2; limits 10 ± 5.32; sigma 2/1.128 = 1.773, 2 sigma 3.55.
    assert!(close(c.centre, 10.0));
    assert!(c.signals.contains(&sig(Rule::Run, Side::Up, 9, 17)));
    // 10.5 .. 11.0 rise over 6 points (index 10..=15); 11.0 -> 10.5 before it is a fall.
    assert!(c.signals.contains(&sig(Rule::Trend, Side::Up, 10, 15)));
    assert!(!c
        .signals
        .iter()
        .any(|s| matches!(s.rule, Rule::OutsideLimits | Rule::TwoOfThree)));
}
