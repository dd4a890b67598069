//! The plan's tracking settings (`TrackingSettings`): which values make
//! sense, and reading one typed into a form. A review cycle is at least
//! 1 day; "green within" and "amber within" are percentage points from 0 to
//! 100, with green no more than amber. Validation refuses a file with
//! settings outside these (saying which and where), the plan op refuses
//! them, and the details screen says so in plain English without applying
//! the value.

use crate::model::plan::TrackingSettings;

/// One of the settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    ReviewCycleDays,
    GreenWithin,
    AmberWithin,
}

impl Setting {
    pub const ALL: [Setting; 3] = [
        Setting::ReviewCycleDays,
        Setting::GreenWithin,
        Setting::AmberWithin,
    ];

    /// Its name in the plan file (`meta.tracking.<field>`).
    pub fn field(self) -> &'static str {
        match self {
            Setting::ReviewCycleDays => "review_cycle_days",
            Setting::GreenWithin => "green_within",
            Setting::AmberWithin => "amber_within",
        }
    }

    /// What a user sees it called.
    pub fn label(self) -> &'static str {
        match self {
            Setting::ReviewCycleDays => "Review cycle (days)",
            Setting::GreenWithin => "Green within (percentage points)",
            Setting::AmberWithin => "Amber within (percentage points)",
        }
    }

    /// Its value in `settings`.
    pub fn get(self, settings: &TrackingSettings) -> u32 {
        match self {
            Setting::ReviewCycleDays => settings.review_cycle_days,
            Setting::GreenWithin => u32::from(settings.green_within),
            Setting::AmberWithin => u32::from(settings.amber_within),
        }
    }
}

fn points(n: impl std::fmt::Display) -> String {
    format!("{n} percentage points")
}

/// What is wrong with the settings, each with the setting it is about, in
/// the order of [`Setting::ALL`]; empty when they make sense.
pub fn problems(s: &TrackingSettings) -> Vec<(Setting, String)> {
    let mut out = Vec::new();
    if s.review_cycle_days < 1 {
        out.push((
            Setting::ReviewCycleDays,
            "The review cycle is 0 days, but it must be at least 1 day".to_owned(),
        ));
    }
    let green_ok = s.green_within <= 100;
    if !green_ok {
        out.push((
            Setting::GreenWithin,
            format!(
                "\"Green within\" is {}, but it must be from 0 to 100",
                points(s.green_within)
            ),
        ));
    }
    if s.amber_within > 100 {
        out.push((
            Setting::AmberWithin,
            format!(
                "\"Amber within\" is {}, but it must be from 0 to 100",
                points(s.amber_within)
            ),
        ));
    } else if green_ok && s.green_within > s.amber_within {
        out.push((
            Setting::AmberWithin,
            format!(
                "\"Green within\" ({}) is more than \"amber within\" ({}), but green must allow no more points behind than amber",
                points(s.green_within),
                points(s.amber_within)
            ),
        ));
    }
    out
}

/// The settings with `setting` set to the number typed as `text`, or why
/// not (not a whole number, out of range, or green beyond amber), in plain
/// English. Nothing else in the settings changes.
pub fn with_typed(
    current: &TrackingSettings,
    setting: Setting,
    text: &str,
) -> Result<TrackingSettings, String> {
    let t = text.trim();
    let (what, range) = match setting {
        Setting::ReviewCycleDays => (
            "The review cycle",
            "a whole number of days, at least 1".to_owned(),
        ),
        Setting::GreenWithin => (
            "\"Green within\"",
            "a whole number of percentage points from 0 to 100".to_owned(),
        ),
        Setting::AmberWithin => (
            "\"Amber within\"",
            "a whole number of percentage points from 0 to 100".to_owned(),
        ),
    };
    if t.is_empty() {
        return Err(format!("{what} cannot be left empty: it must be {range}"));
    }
    let Ok(n) = t.parse::<i64>() else {
        let shown: String = t.chars().take(20).collect();
        return Err(format!(
            "{what} must be {range}; \u{201c}{shown}\u{201d} is not one"
        ));
    };
    let mut next = *current;
    let out_of_range = || format!("{what} must be {range}; {n} is out of range");
    match setting {
        Setting::ReviewCycleDays => {
            next.review_cycle_days = u32::try_from(n)
                .ok()
                .filter(|d| *d >= 1)
                .ok_or_else(out_of_range)?
        }
        Setting::GreenWithin | Setting::AmberWithin => {
            let v = u8::try_from(n)
                .ok()
                .filter(|v| *v <= 100)
                .ok_or_else(out_of_range)?;
            if setting == Setting::GreenWithin {
                next.green_within = v;
            } else {
                next.amber_within = v;
            }
        }
    }
    match problems(&next).into_iter().next() {
        Some((_, why)) => Err(why),
        None => Ok(next),
    }
}
