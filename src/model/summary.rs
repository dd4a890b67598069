//! The short texts the screens show about an item: its code and a one-line
//! summary of its fields ("Lead: ... · Due 31 Jul 2025 · ...").

use chrono::NaiveDate;

use super::charts::reading::read_measure;
use super::charts::words::short_status;
use super::links::ItemRef;
use super::{DriverLevel, Id, Plan, Target};

/// UK style, as council reports print dates: "31 Jul 2023".
pub fn uk_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "31 Jul 2023, 14:05": a moment as council reports print it, in the time
/// zone `tz` (the browser's own rules, `chrono::Local`, on screen).
pub fn uk_date_time<Tz: chrono::TimeZone>(t: chrono::DateTime<chrono::Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(tz).format("%-d %b %Y, %H:%M").to_string()
}

pub fn code_of(p: &Plan, id: &Id) -> Option<String> {
    p.item(id).map(|x| x.code().to_owned())
}

/// Every item's code, in one pass (for drawing many cards at once).
pub fn codes(p: &Plan) -> std::collections::HashMap<Id, String> {
    let mut out = std::collections::HashMap::new();
    out.extend(p.priorities.iter().map(|x| (x.id.clone(), x.code.clone())));
    out.extend(p.outcomes.iter().map(|x| (x.id.clone(), x.code.clone())));
    out.extend(p.aims.iter().map(|x| (x.id.clone(), x.code.clone())));
    out.extend(p.actions.iter().map(|x| (x.id.clone(), x.code.clone())));
    out.extend(p.measures.iter().map(|x| (x.id.clone(), x.code.clone())));
    out
}

fn target_text(t: &Option<Target>) -> Option<String> {
    let t = t.as_ref()?;
    match (t.value.is_empty(), t.by) {
        (true, None) => None,
        (false, None) => Some(format!("Target: {}", t.value)),
        (true, Some(d)) => Some(format!("Target by {}", uk_date(d))),
        (false, Some(d)) => Some(format!("Target: {} by {}", t.value, uk_date(d))),
    }
}

/// A one-line summary of an item's fields, shown under it in the outline.
pub fn summary_of(p: &Plan, id: &Id) -> Option<String> {
    p.item(id).map(summary_of_item)
}

/// [`summary_of`], given the item.
pub fn summary_of_item(item: ItemRef<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    match item {
        ItemRef::Priority(_) => {}
        ItemRef::Outcome(o) => parts.extend(target_text(&o.target)),
        ItemRef::Aim(a) => {
            if a.level == DriverLevel::Secondary {
                parts.push("Secondary driver".into());
            }
            parts.extend(target_text(&a.target));
        }
        ItemRef::Action(a) => {
            if !a.lead.is_empty() {
                parts.push(format!("Lead: {}", a.lead));
            }
            if let Some(d) = a.due {
                parts.push(format!("Due {}", uk_date(d)));
            }
            parts.push(format!("{} {}%", a.status.label(), a.percent));
            if let Some(r) = a.rag {
                parts.push(format!("RAG: {}", r.label()));
            }
            let serves = a.aims.len();
            if serves > 1 {
                parts.push(format!("Serves {serves} aims"));
            }
        }
        ItemRef::Measure(m) => {
            if let Some(b) = &m.baseline {
                parts.push(format!("Baseline {} = {}{}", b.period, b.value, m.unit));
            }
            // The latest value, the trend word and the signal, as the
            // chart reads them: "Latest 64.9% (2025/26 Q2) · Improving".
            if !m.data.is_empty() {
                parts.push(short_status(&read_measure(m)));
            }
            parts.extend(target_text(&m.target));
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example::example_plan;
    use crate::model::{Action, DataPoint, Measure, Rag, Status};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn moments_are_shown_in_the_time_zone_given() {
        use chrono::{FixedOffset, TimeZone, Utc};
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 13, 5, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 13, 5, 0).unwrap();
        assert_eq!(uk_date_time(winter, &Utc), "15 Jan 2026, 13:05");
        let bst = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(uk_date_time(summer, &bst), "15 Jul 2026, 14:05");
    }

    #[test]
    fn dates_read_as_in_council_reports() {
        assert_eq!(uk_date(date(2023, 7, 31)), "31 Jul 2023");
        assert_eq!(uk_date(date(2025, 1, 5)), "5 Jan 2025");
    }

    #[test]
    fn action_summary_names_lead_due_progress_rag_and_aims_served() {
        let mut p = example_plan();
        let id = p
            .actions
            .iter()
            .find(|a| a.aims.len() > 1)
            .unwrap()
            .id
            .clone();
        let a: &mut Action = p.action_mut(&id).unwrap();
        a.lead = "Head of Service".into();
        a.due = Some(date(2025, 3, 31));
        a.status = Status::InProgress;
        a.percent = 40;
        a.rag = Some(Rag::Amber);
        let n = a.aims.len();
        let s = summary_of(&p, &id).unwrap();
        assert_eq!(
            s,
            format!(
                "Lead: Head of Service · Due 31 Mar 2025 · {} 40% · RAG: Amber · Serves {n} aims",
                Status::InProgress.label()
            )
        );
    }

    #[test]
    fn measure_summary_shows_baseline_latest_and_target() {
        let mut p = example_plan();
        let id = p.measures[0].id.clone();
        let m: &mut Measure = p.measure_mut(&id).unwrap();
        m.unit = "%".into();
        m.baseline = Some(DataPoint {
            period: "2023/24".into(),
            value: 61.5,
            date: None,
            ..Default::default()
        });
        m.data = vec![DataPoint {
            period: "2025/26 Q2".into(),
            value: 64.9,
            date: None,
            ..Default::default()
        }];
        m.target = Some(Target {
            value: "67.5%".into(),
            by: Some(date(2027, 7, 31)),
        });
        let status = short_status(&read_measure(p.measure_mut(&id).unwrap()));
        assert!(status.starts_with("Latest 64.9% (2025/26 Q2) · Too few points"));
        assert_eq!(
            summary_of(&p, &id).unwrap(),
            format!("Baseline 2023/24 = 61.5% · {status} · Target: 67.5% by 31 Jul 2027")
        );
        // No data: no status.
        p.measure_mut(&id).unwrap().data.clear();
        assert_eq!(
            summary_of(&p, &id).unwrap(),
            "Baseline 2023/24 = 61.5% · Target: 67.5% by 31 Jul 2027"
        );
    }

    #[test]
    fn codes_come_from_the_item_and_unknown_ids_give_nothing() {
        let p = example_plan();
        let o = &p.outcomes[0];
        assert_eq!(code_of(&p, &o.id), Some(o.code.clone()));
        assert_eq!(code_of(&p, &Id::from("no such item")), None);
        assert_eq!(summary_of(&p, &Id::from("no such item")), None);
    }
}
