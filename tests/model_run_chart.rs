//! The run chart rules (src/model/charts/run_chart.rs), on series whose
//! answers follow from the definitions: each rule exactly at its threshold
//! and one short, ties on the median, all points equal, too few points, and
//! qicharts2's documented figures.

use plan_workbench::model::charts::run_chart::*;
use plan_workbench::model::charts::series;

/// A series from a pattern: A above the median (2), B below (1), M on it
/// (1.5). With as many A as B the median is 1.5. Spaces are ignored.
fn series(p: &str) -> Vec<f64> {
    let v: Vec<f64> = p
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'A' => 2.0,
            'B' => 1.0,
            'M' => 1.5,
            _ => panic!("bad pattern"),
        })
        .collect();
    let a = v.iter().filter(|x| **x == 2.0).count();
    let b = v.iter().filter(|x| **x == 1.0).count();
    assert_eq!(a, b, "pattern {p} must have as many A as B");
    v
}

fn analysed(values: &[f64]) -> (Figures, Vec<Signal>, Vec<Signal>) {
    match analyse(values) {
        Analysis::Analysed {
            figures,
            anhoej,
            ihi,
        } => (figures, anhoej, ihi),
        other => panic!("expected an analysis, got {other:?}"),
    }
}

fn rules(s: &[Signal]) -> Vec<Rule> {
    s.iter().map(|s| s.rule).collect()
}

fn span(first: usize, last: usize) -> Span {
    Span { first, last }
}

#[test]
fn median_of_odd_even_and_empty() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[]), None);
}

#[test]
fn points_on_the_median_neither_make_nor_break_a_run() {
    let v = [1.0, 5.0, 3.0, 5.0, 1.0];
    assert_eq!(median(&v), Some(3.0));
    assert_eq!(useful_observations(&v, 3.0), 4);
    let rs = runs(&v, 3.0);
    assert_eq!(
        rs,
        vec![
            Run {
                side: Side::Down,
                span: span(0, 0),
                points: 1
            },
            Run {
                side: Side::Up,
                span: span(1, 3),
                points: 2
            },
            Run {
                side: Side::Down,
                span: span(4, 4),
                points: 1
            },
        ]
    );
    assert_eq!(crossings(&rs), 2);
    assert_eq!(longest_run(&rs).unwrap().points, 2);
    assert_eq!(longest_run(&[]), None);
    assert_eq!(crossings(&[]), 0);
}

#[test]
fn binomial_cdf_known_values() {
    // exact fractions: sum of C(n, i) / 2^n
    assert!((binomial_cdf(2, 9, 0.5) - 46.0 / 512.0).abs() < 1e-12);
    assert!((binomial_cdf(5, 19, 0.5) - 16664.0 / 524288.0).abs() < 1e-12);
    assert!((binomial_cdf(3, 10, 0.3) - 0.6496107184).abs() < 1e-9);
    assert!((binomial_cdf(40, 100, 0.5) - 0.028443966820490392).abs() < 1e-12);
    assert_eq!(binomial_cdf(-1, 10, 0.5), 0.0);
    assert_eq!(binomial_cdf(10, 10, 0.5), 1.0);
    // large n: no underflow to nothing, no overflow
    let big = binomial_cdf(1000, 2000, 0.5);
    assert!(big > 0.5 && big < 0.52, "{big}");
}

#[test]
fn crossings_limit_is_qbinom_and_both_readings_agree() {
    // qbinom(0.05, n - 1, 0.5) for n = 10..=30, as the qicharts vignette's
    // limits table (computed here independently with exact fractions).
    let expected = [
        2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10,
    ];
    for (i, want) in expected.iter().enumerate() {
        let n = 10 + i;
        let k = crossings_limit(n);
        assert_eq!(k, *want, "n = {n}");
        let below = binomial_cdf(k as i64 - 1, n as u64 - 1, 0.5);
        let at = binomial_cdf(k as i64, n as u64 - 1, 0.5);
        // qbinom: smallest k with P(X <= k) >= 0.05
        assert!(below < 0.05 && at >= 0.05, "n = {n}");
        // the other reading: largest k with P(X < k) <= 0.05
        assert!(below <= 0.05 && at > 0.05, "n = {n}");
    }
}

#[test]
fn longest_run_limit_table() {
    let expected = [
        6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8,
    ];
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(longest_run_limit(10 + i), *want, "n = {}", 10 + i);
    }
    assert_eq!(longest_run_limit(45), 8); // log2(45) = 5.49
    assert_eq!(longest_run_limit(46), 9); // log2(46) = 5.52
}

#[test]
fn runs_distribution_and_bounds() {
    // P(R = 2) with 5 and 5: 2 / C(10, 5)
    assert!((runs_probability(2, 5, 5) - 2.0 / 252.0).abs() < 1e-12);
    assert!((runs_probability(3, 5, 5) - 8.0 / 252.0).abs() < 1e-12);
    for (n1, n2) in [(5, 5), (5, 6), (10, 10), (3, 9), (30, 30)] {
        let total: f64 = (0..=n1 + n2).map(|r| runs_probability(r, n1, n2)).sum();
        assert!((total - 1.0).abs() < 1e-9, "{n1} {n2}: {total}");
    }
    // worked by hand: with 10 useful, fewer than 3 or more than 9 runs
    // (P(R <= 2) = 0.008, P(R <= 3) = 0.040), as the IHI table.
    assert_eq!(runs_bounds(10), (3, 9));
    assert_eq!(runs_bounds(20), (7, 15));
}

#[test]
fn unusually_long_run_above_its_limit_signals() {
    // 20 useful: limit 7. A run of 8 signals (and is an IHI shift).
    let v = series("BB AAAAAAAA BB A BB A BBBB");
    let (f, anhoej, ihi) = analysed(&v);
    assert_eq!((f.useful, f.longest_run, f.longest_run_limit), (20, 8, 7));
    assert_eq!((f.crossings, f.crossings_limit), (6, 6));
    assert_eq!(
        anhoej,
        vec![Signal {
            rule: Rule::UnusuallyLongRun,
            span: span(2, 9),
            points: 8
        }]
    );
    assert_eq!(rules(&ihi), vec![Rule::Shift]);
    assert_eq!(ihi[0].span, span(2, 9));
}

#[test]
fn a_run_at_its_limit_does_not_signal() {
    let v = series("BBB AAAAAAA BB A B A BBB A B");
    let (f, anhoej, ihi) = analysed(&v);
    assert_eq!((f.longest_run, f.longest_run_limit), (7, 7));
    assert!(anhoej.is_empty(), "{anhoej:?}");
    assert_eq!(rules(&ihi), vec![Rule::Shift]);
}

#[test]
fn too_few_crossings_below_the_limit_signals() {
    let v = series("AAAA BBBB AAA BBB AAA BBB");
    let (f, anhoej, ihi) = analysed(&v);
    assert_eq!((f.crossings, f.crossings_limit), (5, 6));
    assert_eq!(
        anhoej,
        vec![Signal {
            rule: Rule::TooFewCrossings,
            span: span(0, 19),
            points: 20
        }]
    );
    assert_eq!((f.runs, f.runs_lower), (6, 7));
    assert_eq!(rules(&ihi), vec![Rule::TooFewRuns]);
}

#[test]
fn crossings_at_the_limit_and_runs_at_the_lower_bound_do_not_signal() {
    let v = series("AAAA BBB AAA BBB AA BBBB A");
    let (f, anhoej, ihi) = analysed(&v);
    assert_eq!((f.crossings, f.crossings_limit), (6, 6));
    assert_eq!((f.runs, f.runs_lower), (7, 7));
    assert!(anhoej.is_empty(), "{anhoej:?}");
    assert!(ihi.is_empty(), "{ihi:?}");
}

#[test]
fn too_many_runs_above_the_upper_bound_signals() {
    let v = series("AA BB AA BB A B A B A B A B A B A B");
    let (f, anhoej, ihi) = analysed(&v);
    assert_eq!((f.runs, f.runs_upper), (16, 15));
    assert!(anhoej.is_empty());
    assert_eq!(
        ihi,
        vec![Signal {
            rule: Rule::TooManyRuns,
            span: span(0, 19),
            points: 20
        }]
    );
}

#[test]
fn runs_at_the_upper_bound_do_not_signal() {
    let v = series("AA BBBB AA B A B A B A B A B A B A");
    let (f, _, ihi) = analysed(&v);
    assert_eq!((f.runs, f.runs_upper), (15, 15));
    assert!(ihi.is_empty(), "{ihi:?}");
}

#[test]
fn shift_of_six_signals_and_five_does_not() {
    let (_, _, ihi) = analysed(&series("AAAAAA BBBBBB ABABABAB"));
    assert_eq!(rules(&ihi), vec![Rule::Shift, Rule::Shift]);
    assert_eq!((ihi[0].span, ihi[0].points), (span(0, 5), 6));
    assert_eq!((ihi[1].span, ihi[1].points), (span(6, 11), 6));
    let (_, _, ihi) = analysed(&series("AAAAA BBBBB ABABABABAB"));
    assert!(ihi.is_empty(), "{ihi:?}");
}

#[test]
fn a_point_on_the_median_inside_a_shift_is_not_counted() {
    // six above with one on the median among them: still a shift of 6
    let (f, _, ihi) = analysed(&series("AAAMAAA BBBBBB ABABABAB"));
    assert_eq!(f.median, 1.5);
    assert_eq!(f.useful, 20);
    assert_eq!(rules(&ihi), vec![Rule::Shift, Rule::Shift]);
    assert_eq!((ihi[0].span, ihi[0].points), (span(0, 6), 6));
    // five above and one on the median: no shift
    let (_, _, ihi) = analysed(&series("AAMAAA BBBBB ABABABABAB"));
    assert!(ihi.is_empty(), "{ihi:?}");
}

/// The IHI trends: the shared walk's stretches of five or more points.
fn trends(values: &[f64]) -> Vec<(Span, usize)> {
    series::trends(values)
        .into_iter()
        .filter(|t| t.points >= TREND_LENGTH)
        .map(|t| (t.span, t.points))
        .collect()
}

#[test]
fn every_stretch_of_the_shared_walk_is_listed_with_its_turning_points() {
    let all: Vec<(Side, Span, usize)> = series::trends(&[1.0, 2.0, 2.0, 3.0, 1.0, 1.0, 0.0])
        .into_iter()
        .map(|t| (t.side, t.span, t.points))
        .collect();
    assert_eq!(
        all,
        vec![(Side::Up, span(0, 3), 3), (Side::Down, span(3, 6), 3)]
    );
    let runs: Vec<(Side, Span, usize)> = series::runs(&[1.0, 3.0, 2.0, 3.0, 1.0], 2.0)
        .into_iter()
        .map(|r| (r.side, r.span, r.points))
        .collect();
    assert_eq!(
        runs,
        vec![
            (Side::Down, span(0, 0), 1),
            (Side::Up, span(1, 3), 2),
            (Side::Down, span(4, 4), 1)
        ]
    );
}

#[test]
fn trends_at_five_and_four_points() {
    assert_eq!(trends(&[1.0, 2.0, 3.0, 4.0, 5.0]), vec![(span(0, 4), 5)]);
    assert_eq!(trends(&[5.0, 4.0, 3.0, 2.0, 1.0]), vec![(span(0, 4), 5)]);
    assert!(trends(&[1.0, 2.0, 3.0, 4.0]).is_empty());
    // equal neighbours neither make nor break a trend
    assert!(trends(&[1.0, 2.0, 2.0, 3.0, 4.0]).is_empty());
    assert_eq!(
        trends(&[1.0, 2.0, 2.0, 3.0, 4.0, 5.0]),
        vec![(span(0, 5), 5)]
    );
    // the turning point belongs to both trends
    assert_eq!(
        trends(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0]),
        vec![(span(0, 4), 5), (span(4, 8), 5)]
    );
    assert!(trends(&[1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 6.0]).is_empty());
    assert!(trends(&[]).is_empty());
    assert!(trends(&[3.0; 8]).is_empty());
}

#[test]
fn trend_in_an_analysed_series() {
    // median 3.5; a rise of five points from index 10 to 14
    let v = [
        1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 2.0, 3.0, 4.0, 6.0, 8.0, 1.0,
    ];
    let (_, _, ihi) = analysed(&v);
    assert_eq!(
        ihi,
        vec![Signal {
            rule: Rule::Trend,
            span: span(10, 14),
            points: 5
        }]
    );
}

#[test]
fn fewer_than_ten_useful_points_are_too_few_for_the_rules() {
    let nine: Vec<f64> = (1..=9).map(f64::from).collect();
    assert_eq!(
        analyse(&nine),
        Analysis::TooFewPoints {
            points: 9,
            useful: 8,
            median: Some(5.0)
        }
    );
    // ten points, ten useful: analysed
    let ten: Vec<f64> = (1..=10).map(f64::from).collect();
    let (f, _, ihi) = analysed(&ten);
    assert_eq!(f.useful, 10);
    assert_eq!(rules(&ihi), vec![Rule::Trend, Rule::TooFewRuns]);
    // eleven points, one on the median: ten useful, analysed
    let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
    assert_eq!(analysed(&eleven).0.useful, 10);
    // eleven points, two on the median: nine useful, too few
    let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 6.0, 7.0, 8.0, 9.0, 10.0];
    assert_eq!(
        analyse(&v),
        Analysis::TooFewPoints {
            points: 11,
            useful: 9,
            median: Some(6.0)
        }
    );
    assert_eq!(
        analyse(&[]),
        Analysis::TooFewPoints {
            points: 0,
            useful: 0,
            median: None
        }
    );
}

#[test]
fn all_points_equal_are_too_few_for_the_rules() {
    assert_eq!(
        analyse(&[4.0; 30]),
        Analysis::TooFewPoints {
            points: 30,
            useful: 0,
            median: Some(4.0)
        }
    );
}

#[test]
fn qicharts2_documented_summary_figures() {
    // qicharts2's summary.qic example: 24 useful observations, longest run 4
    // (limit 8), 10 crossings (limit 8), no runs signal.
    assert_eq!(longest_run_limit(24), 8);
    assert_eq!(crossings_limit(24), 8);
    let v = series("AAAA BBBB AAA BBB A B A B AA BBB A");
    let (f, anhoej, _) = analysed(&v);
    assert_eq!(
        (
            f.useful,
            f.longest_run,
            f.longest_run_limit,
            f.crossings,
            f.crossings_limit
        ),
        (24, 4, 8, 10, 8)
    );
    assert!(anhoej.is_empty());
}
