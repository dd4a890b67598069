//! The walks over a series that both run charts and SPC charts make: runs of
//! points on one side of a centre line, and trends of points all going one
//! way. The rule sets differ only in how long a run or trend must be to
//! signal, so they share these and filter by length.

/// Which side of the centre line a point lies, or which way a trend goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Above the centre line, or going up.
    Up,
    /// Below the centre line, or going down.
    Down,
}

/// Indices of the first and last point (inclusive) a run, trend or signal
/// spans, counted in the series given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
}

/// Consecutive points on the same side of the centre line, or a stretch of
/// points all going the same way. Points passed over inside the span (on the
/// centre line, or equal to the point before) are not counted in `points`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub side: Side,
    pub span: Span,
    pub points: usize,
}

/// The side of `centre` a value lies; `None` on it.
pub fn side(value: f64, centre: f64) -> Option<Side> {
    if value > centre {
        Some(Side::Up)
    } else if value < centre {
        Some(Side::Down)
    } else {
        None
    }
}

/// Every run about the centre line, in order. Points on the centre line
/// neither make nor break a run: they are skipped and the run goes on.
pub fn runs(values: &[f64], centre: f64) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let Some(s) = side(*v, centre) else { continue };
        match out.last_mut() {
            Some(run) if run.side == s => {
                run.span.last = i;
                run.points += 1;
            }
            _ => out.push(Stretch {
                side: s,
                span: Span { first: i, last: i },
                points: 1,
            }),
        }
    }
    out
}

/// Every maximal trend of two or more points, in order. A point equal to the
/// one before is passed over (neither makes nor breaks a trend) and not
/// counted; a trend starts at the first of any equal values before its first
/// step. A peak or trough ends one trend and starts the next, so they share
/// that point.
pub fn trends(values: &[f64]) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    // index of the first point of the latest group of equal values
    let mut group_start = 0usize;
    for i in 1..values.len() {
        let Some(s) = side(values[i], values[i - 1]) else {
            continue;
        };
        match out.last_mut() {
            Some(t) if t.side == s && t.span.last == group_start => {
                t.span.last = i;
                t.points += 1;
            }
            _ => out.push(Stretch {
                side: s,
                span: Span {
                    first: group_start,
                    last: i,
                },
                points: 2,
            }),
        }
        group_start = i;
    }
    out
}
