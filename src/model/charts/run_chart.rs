//! Run chart analysis: the median as centre line, runs, crossings, and the
//! Anhøj and IHI run chart rules.
//!
//! Every function takes the values in period order. Excluded points are the
//! caller's business: pass only the points that take part in the rules.
//!
//! Sources:
//! - Anhøj rules as in the R package qicharts2 (`runs.analysis`): an unusually
//!   long run when the longest run > round(log2(n)) + 3, and too few crossings
//!   when crossings < `qbinom(0.05, n - 1, 0.5)`, n = useful observations.
//! - IHI rules (Perla, Provost and Murray, BMJ Quality & Safety 2011): shift
//!   of 6 or more, trend of 5 or more, too many or too few runs. The runs
//!   bounds here are computed exactly from the Swed–Eisenhart distribution of
//!   the number of runs at 5% (2.5% in each tail), with the useful points split
//!   as evenly as possible above and below the median (the published table
//!   depends on the number of useful observations alone). They are NOT copied
//!   from the published table; they match it where checked by hand (10 useful
//!   observations: fewer than 3 or more than 9 runs). The published table
//!   was not found to check against and may differ from these bounds by one
//!   at some n (same distribution, but its split and tail convention are not
//!   known here).
//! - The IHI "astronomical point" rule is left out: it needs a person's
//!   judgement of what is obviously different, not a computation.

/// Fewer useful observations than this and the rules are not applied.
pub const MIN_USEFUL: usize = 10;
/// IHI shift: this many or more consecutive points on one side of the median.
pub const SHIFT_LENGTH: usize = 6;
/// IHI trend: this many or more points all going up or all going down.
pub const TREND_LENGTH: usize = 5;

pub use super::series::{runs, Side, Span, Stretch as Run};
use super::series::{side, trends};

/// The median of the values; `None` when there are none.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The number of points not on the centre line.
pub fn useful_observations(values: &[f64], centre: f64) -> usize {
    values
        .iter()
        .filter(|v| side(**v, centre).is_some())
        .count()
}

/// The longest run (the first of equal longest); `None` with no useful points.
pub fn longest_run(runs: &[Run]) -> Option<Run> {
    let mut best: Option<Run> = None;
    for r in runs {
        if best.is_none_or(|b| r.points > b.points) {
            best = Some(*r);
        }
    }
    best
}

/// The number of times the line crosses the centre line (runs - 1).
pub fn crossings(runs: &[Run]) -> usize {
    runs.len().saturating_sub(1)
}

/// Anhøj: a run longer than this is unusually long (round(log2(n)) + 3, as
/// qicharts2; the same as round(log2(n) + 3) since 3 is whole).
pub fn longest_run_limit(useful: usize) -> usize {
    if useful == 0 {
        return 0;
    }
    (useful as f64).log2().round() as usize + 3
}

/// Anhøj: fewer crossings than this are too few: `qbinom(0.05, n - 1, 0.5)`
/// as qicharts2, the smallest k with P(X <= k) >= 0.05. The other reading,
/// the largest k with P(X < k) <= 0.05, gives the same k unless P(X <= k) is
/// exactly 0.05, which cannot happen with p = 0.5 (the probabilities are
/// multiples of 1/2^(n-1), and 1/20 is not); the tests check both readings.
pub fn crossings_limit(useful: usize) -> usize {
    binomial_quantile(0.05, useful.saturating_sub(1) as u64, 0.5) as usize
}

/// P(X <= k) for X ~ Binomial(n, p), by exact summation of the probabilities
/// (computed in logs so that no term underflows on the way).
pub fn binomial_cdf(k: i64, n: u64, p: f64) -> f64 {
    if k < 0 {
        return 0.0;
    }
    if k as u64 >= n {
        return 1.0;
    }
    if p <= 0.0 {
        return 1.0;
    }
    if p >= 1.0 {
        return 0.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let mut ln_term = n as f64 * lq; // ln P(X = 0)
    let mut sum = ln_term.exp();
    for i in 0..k as u64 {
        // P(X = i + 1) = P(X = i) * (n - i) / (i + 1) * p / q
        ln_term += ((n - i) as f64).ln() - ((i + 1) as f64).ln() + lp - lq;
        sum += ln_term.exp();
    }
    sum.min(1.0)
}

/// The smallest k with P(X <= k) >= prob, X ~ Binomial(n, p) (R's `qbinom`).
pub fn binomial_quantile(prob: f64, n: u64, p: f64) -> u64 {
    (0..=n)
        .find(|k| binomial_cdf(*k as i64, n, p) >= prob)
        .unwrap_or(n)
}

fn ln_factorials(n: usize) -> Vec<f64> {
    let mut f = vec![0.0; n + 1];
    for i in 1..=n {
        f[i] = f[i - 1] + (i as f64).ln();
    }
    f
}

fn ln_choose(f: &[f64], n: usize, k: usize) -> Option<f64> {
    (k <= n).then(|| f[n] - f[k] - f[n - k])
}

/// P(R = r) for the number of runs R in a random order of `n1` points of one
/// kind and `n2` of the other (Swed and Eisenhart 1943).
pub fn runs_probability(r: usize, n1: usize, n2: usize) -> f64 {
    if n1 == 0 || n2 == 0 {
        return if r == 1 && n1 + n2 > 0 { 1.0 } else { 0.0 };
    }
    if r < 2 {
        return 0.0;
    }
    let f = ln_factorials(n1 + n2);
    let total = ln_choose(&f, n1 + n2, n1).unwrap();
    let term = |a: usize, b: usize| -> f64 {
        match (ln_choose(&f, n1 - 1, a), ln_choose(&f, n2 - 1, b)) {
            (Some(x), Some(y)) => (x + y - total).exp(),
            _ => 0.0,
        }
    };
    let k = r / 2;
    if r.is_multiple_of(2) {
        2.0 * term(k - 1, k - 1)
    } else {
        term(k, k - 1) + term(k - 1, k)
    }
}

/// IHI too few / too many runs: with `useful` observations, fewer runs than
/// `.0` or more than `.1` signal. Swed–Eisenhart at 5% (2.5% in each tail),
/// useful points split as evenly as possible (see the module note).
pub fn runs_bounds(useful: usize) -> (usize, usize) {
    let n1 = useful / 2;
    let n2 = useful - n1;
    let p: Vec<f64> = (0..=useful).map(|r| runs_probability(r, n1, n2)).collect();
    // lower: the smallest r with P(R <= r) > 0.025
    let mut cum = 0.0;
    let mut lower = 0;
    for (r, pr) in p.iter().enumerate() {
        cum += pr;
        if cum > 0.025 {
            lower = r;
            break;
        }
    }
    // upper: the largest r with P(R >= r) > 0.025
    let mut cum = 0.0;
    let mut upper = useful;
    for r in (0..=useful).rev() {
        cum += p[r];
        if cum > 0.025 {
            upper = r;
            break;
        }
    }
    (lower, upper)
}

/// A run chart rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Anhøj: longest run above its limit.
    UnusuallyLongRun,
    /// Anhøj: crossings below their limit.
    TooFewCrossings,
    /// IHI: 6 or more points on one side of the median.
    Shift,
    /// IHI: 5 or more points all going up or all going down.
    Trend,
    /// IHI: fewer runs than the lower bound.
    TooFewRuns,
    /// IHI: more runs than the upper bound.
    TooManyRuns,
}

/// A rule that signals, with the points it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signal {
    pub rule: Rule,
    pub span: Span,
    /// For runs, shifts and trends, the points that make it; otherwise the
    /// number of useful observations.
    pub points: usize,
}

/// The figures shown under the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub median: f64,
    pub useful: usize,
    pub longest_run: usize,
    pub longest_run_limit: usize,
    pub crossings: usize,
    pub crossings_limit: usize,
    pub runs: usize,
    /// IHI: fewer runs than this signal.
    pub runs_lower: usize,
    /// IHI: more runs than this signal.
    pub runs_upper: usize,
}

/// The result of applying the rules to a series.
#[derive(Clone, Debug, PartialEq)]
pub enum Analysis {
    /// Too few points for the rules: fewer than `MIN_USEFUL` useful points.
    TooFewPoints {
        points: usize,
        useful: usize,
        median: Option<f64>,
    },
    Analysed {
        figures: Figures,
        /// Anhøj signals, in the order: long run, too few crossings.
        anhoej: Vec<Signal>,
        /// IHI signals: shifts and trends in order of their first point, then
        /// too few or too many runs.
        ihi: Vec<Signal>,
    },
}

/// Apply both rule sets to the values (in period order), about their median.
pub fn analyse(values: &[f64]) -> Analysis {
    match median(values) {
        Some(m) => analyse_about(values, m),
        None => Analysis::TooFewPoints {
            points: 0,
            useful: 0,
            median: None,
        },
    }
}

/// Apply both rule sets to the values about a centre line given: the median
/// of a frozen baseline, which later points are judged against.
pub fn analyse_about(values: &[f64], m: f64) -> Analysis {
    let rs = runs(values, m);
    let useful: usize = rs.iter().map(|r| r.points).sum();
    if useful < MIN_USEFUL {
        return Analysis::TooFewPoints {
            points: values.len(),
            useful,
            median: Some(m),
        };
    }
    let whole = Span {
        first: rs[0].span.first,
        last: rs[rs.len() - 1].span.last,
    };
    let longest = longest_run(&rs).expect("useful points make a run");
    let (runs_lower, runs_upper) = runs_bounds(useful);
    let figures = Figures {
        median: m,
        useful,
        longest_run: longest.points,
        longest_run_limit: longest_run_limit(useful),
        crossings: crossings(&rs),
        crossings_limit: crossings_limit(useful),
        runs: rs.len(),
        runs_lower,
        runs_upper,
    };
    let mut anhoej = Vec::new();
    if figures.longest_run > figures.longest_run_limit {
        anhoej.push(Signal {
            rule: Rule::UnusuallyLongRun,
            span: longest.span,
            points: longest.points,
        });
    }
    if figures.crossings < figures.crossings_limit {
        anhoej.push(Signal {
            rule: Rule::TooFewCrossings,
            span: whole,
            points: useful,
        });
    }
    let mut ihi: Vec<Signal> = rs
        .iter()
        .filter(|r| r.points >= SHIFT_LENGTH)
        .map(|r| Signal {
            rule: Rule::Shift,
            span: r.span,
            points: r.points,
        })
        .chain(
            trends(values)
                .into_iter()
                .filter(|t| t.points >= TREND_LENGTH)
                .map(|t| Signal {
                    rule: Rule::Trend,
                    span: t.span,
                    points: t.points,
                }),
        )
        .collect();
    ihi.sort_by_key(|s| (s.span.first, s.span.last));
    if figures.runs < runs_lower {
        ihi.push(Signal {
            rule: Rule::TooFewRuns,
            span: whole,
            points: useful,
        });
    }
    if figures.runs > runs_upper {
        ihi.push(Signal {
            rule: Rule::TooManyRuns,
            span: whole,
            points: useful,
        });
    }
    Analysis::Analysed {
        figures,
        anhoej,
        ihi,
    }
}
