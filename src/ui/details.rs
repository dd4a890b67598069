//! Forms for every field: the plan's details (metadata) and the details of
//! one item, including the links it holds, which are ticked or unticked.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::state::{use_workbench, Workbench};
use crate::model::links::link_allowed;
use crate::model::summary::code_of;
use crate::model::{
    Action, Aim, DataPoint, Direction, DriverLevel, Id, Kind, Measure, Outcome, Plan, Priority,
    Rag, Status, Target, Update,
};

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A list edited as one line per entry (blank lines kept while typing).
fn lines(v: &[String]) -> String {
    v.join("\n")
}

fn split(s: &str) -> Vec<String> {
    s.split('\n').map(str::to_owned).collect()
}

fn date_value(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Typed access to one kind of item, so one form helper serves every kind.
trait Item: 'static {
    fn get<'p>(p: &'p Plan, id: &Id) -> Option<&'p Self>;
    fn get_mut<'p>(p: &'p mut Plan, id: &Id) -> Option<&'p mut Self>;
}

macro_rules! item_access {
    ($t:ty, $get:ident, $get_mut:ident) => {
        impl Item for $t {
            fn get<'p>(p: &'p Plan, id: &Id) -> Option<&'p Self> {
                p.$get(id)
            }
            fn get_mut<'p>(p: &'p mut Plan, id: &Id) -> Option<&'p mut Self> {
                p.$get_mut(id)
            }
        }
    };
}
item_access!(Priority, priority, priority_mut);
item_access!(Outcome, outcome, outcome_mut);
item_access!(Aim, aim, aim_mut);
item_access!(Action, action, action_mut);
item_access!(Measure, measure, measure_mut);

/// Reads a value from item `T` with id `id` of the open plan.
fn read<T: Item, V: Default>(wb: Workbench, id: StoredValue<Id>, f: impl Fn(&T) -> V) -> V {
    wb.plan.with(|p| {
        p.as_ref()
            .and_then(|p| id.with_value(|id| T::get(p, id)).map(&f))
            .unwrap_or_default()
    })
}

/// Changes item `T` and saves.
fn write<T: Item>(wb: Workbench, id: StoredValue<Id>, f: impl FnOnce(&mut T)) {
    wb.set(|p| {
        if let Some(item) = id.with_value(|id| T::get_mut(p, id)) {
            f(item);
        }
    });
}

/// Like `write`, for typing into the field `label`: one undo step a burst.
fn write_typing<T: Item>(wb: Workbench, id: StoredValue<Id>, label: &str, f: impl FnOnce(&mut T)) {
    let group = id.with_value(|id| format!("{}:{label}", id.as_str()));
    wb.set_typing(group, |p| {
        if let Some(item) = id.with_value(|id| T::get_mut(p, id)) {
            f(item);
        }
    });
}

fn text_field<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                prop:value=move || read(wb, id, get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write_typing(wb, id, label, |t| set(t, v));
                }
            />
        </label>
    }
}

fn date_field<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    label: &'static str,
    get: fn(&T) -> Option<NaiveDate>,
    set: fn(&mut T, Option<NaiveDate>),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="date"
                prop:value=move || date_value(read(wb, id, get))
                on:change=move |ev| {
                    let v = parse_date(&event_target_value(&ev));
                    write(wb, id, |t| set(t, v));
                }
            />
        </label>
    }
}

fn target_fields<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    get: fn(&T) -> &Option<Target>,
    set: fn(&mut T) -> &mut Option<Target>,
) -> impl IntoView {
    fn tidy(t: &mut Option<Target>) {
        if t.as_ref()
            .is_some_and(|t| t.value.is_empty() && t.by.is_none())
        {
            *t = None;
        }
    }
    view! {
        <label class="field">
            <span>"Target"</span>
            <input
                type="text"
                placeholder="e.g. 90%"
                prop:value=move || read(wb, id, |t: &T| get(t).as_ref().map(|t| t.value.clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write(wb, id, |t: &mut T| {
                        let target = set(t);
                        target.get_or_insert_with(Target::default).value = v;
                        tidy(target);
                    });
                }
            />
        </label>
        <label class="field">
            <span>"Target date"</span>
            <input
                type="date"
                prop:value=move || date_value(read(wb, id, |t: &T| get(t).as_ref().and_then(|t| t.by)))
                on:change=move |ev| {
                    let v = parse_date(&event_target_value(&ev));
                    write(wb, id, |t: &mut T| {
                        let target = set(t);
                        target.get_or_insert_with(Target::default).by = v;
                        tidy(target);
                    });
                }
            />
        </label>
    }
}

/// A `<select>` over a fixed list of choices.
fn choice_field<T: Item, C: Copy + PartialEq + Default + Send + Sync + 'static>(
    wb: Workbench,
    id: StoredValue<Id>,
    label: &'static str,
    choices: Vec<(C, &'static str)>,
    get: fn(&T) -> C,
    set: fn(&mut T, C),
) -> impl IntoView {
    let choices = StoredValue::new(choices);
    let options = choices.with_value(|c| {
        c.iter()
            .enumerate()
            .map(|(i, (value, name))| {
                let value = *value;
                view! {
                    <option value=i.to_string() selected=move || read(wb, id, get) == value>
                        {*name}
                    </option>
                }
            })
            .collect_view()
    });
    view! {
        <label class="field">
            <span>{label}</span>
            <select on:change=move |ev| {
                let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                if let Some(v) = choices.with_value(|c| c.get(i).map(|c| c.0)) {
                    write(wb, id, |t| set(t, v));
                }
            }>{options}</select>
        </label>
    }
}

/// The items this one may link to, as ticks, grouped by kind.
#[component]
fn LinkChoices(id: Id, kind: Kind) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let groups = Kind::ALL
        .into_iter()
        .filter(|parent_kind| link_allowed(kind, *parent_kind))
        .map(|parent_kind| {
            let candidates = move || {
                wb.plan.with(|p| p.as_ref().map(|p| p.ids_of_kind(parent_kind)).unwrap_or_default())
            };
            let legend = match (kind, parent_kind) {
                (Kind::Outcome, _) => "Belongs to these priorities",
                (Kind::Aim, _) => "Drives these outcomes",
                (Kind::Action, _) => "Serves these improvement aims",
                (_, Kind::Outcome) => "Evidences these outcomes",
                (_, Kind::Aim) => "Evidences these improvement aims",
                _ => "Evidences these actions",
            };
            view! {
                <fieldset class="links">
                    <legend>{legend}</legend>
                    <For
                        each=candidates
                        key=|c| c.clone()
                        children=move |candidate| {
                            let candidate = StoredValue::new(candidate);
                            let linked = move || {
                                wb.plan.with(|p| {
                                    p.as_ref()
                                        .map(|p| id.with_value(|id| p.links_of(id).contains(&candidate.get_value())))
                                        .unwrap_or(false)
                                })
                            };
                            let name = move || {
                                wb.plan.with(|p| {
                                    p.as_ref()
                                        .map(|p| {
                                            let c = candidate.get_value();
                                            let code = code_of(p, &c).unwrap_or_default();
                                            let text = p.text_of(&c).unwrap_or_default();
                                            let text = if text.is_empty() { "(no text yet)" } else { text };
                                            if code.is_empty() { text.to_owned() } else { format!("{code} {text}") }
                                        })
                                        .unwrap_or_default()
                                })
                            };
                            view! {
                                <label class="tick">
                                    <input
                                        type="checkbox"
                                        prop:checked=linked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let c = candidate.get_value();
                                            wb.edit(|p| id.with_value(|id| if on { p.link(id, &c) } else { p.unlink(id, &c) }));
                                        }
                                    />
                                    {name}
                                </label>
                            }
                        }
                    />
                </fieldset>
            }
        })
        .collect_view();
    view! { <div class="link-choices">{groups}</div> }
}

/// The details of one item: every field of its kind, and its links.
#[component]
pub fn ItemDetails(id: Id, kind: Kind) -> impl IntoView {
    let wb = use_workbench();
    let sid = StoredValue::new(id.clone());
    let fields = match kind {
        Kind::Priority => view! {
            {text_field::<Priority>(wb, sid, "Code", |t| t.code.clone(), |t, v| t.code = v)}
            {textarea_field::<Priority>(wb, sid, "Description", |t| t.description.clone(), |t, v| t.description = v)}
        }
        .into_any(),
        Kind::Outcome => view! {
            {text_field::<Outcome>(wb, sid, "Code", |t| t.code.clone(), |t, v| t.code = v)}
            {target_fields::<Outcome>(wb, sid, |t| &t.target, |t| &mut t.target)}
            {text_field::<Outcome>(wb, sid, "Owner (group or person)", |t| t.owner.clone(), |t, v| t.owner = v)}
        }
        .into_any(),
        Kind::Aim => view! {
            {text_field::<Aim>(wb, sid, "Code", |t| t.code.clone(), |t, v| t.code = v)}
            {choice_field::<Aim, DriverLevel>(wb, sid, "Driver level", vec![(DriverLevel::Primary, "Primary driver"), (DriverLevel::Secondary, "Secondary driver")], |t| t.level, |t, v| t.level = v)}
            {target_fields::<Aim>(wb, sid, |t| &t.target, |t| &mut t.target)}
            {text_field::<Aim>(wb, sid, "Owner (group or person)", |t| t.owner.clone(), |t, v| t.owner = v)}
        }
        .into_any(),
        Kind::Action => view! {
            {text_field::<Action>(wb, sid, "Code", |t| t.code.clone(), |t, v| t.code = v)}
            {text_field::<Action>(wb, sid, "Lead (person, role or group)", |t| t.lead.clone(), |t, v| t.lead = v)}
            {date_field::<Action>(wb, sid, "Start date", |t| t.start, |t, v| t.start = v)}
            {date_field::<Action>(wb, sid, "Due date", |t| t.due, |t, v| t.due = v)}
            {choice_field::<Action, Status>(wb, sid, "Status", Status::ALL.iter().map(|s| (*s, s.label())).collect(), |t| t.status, |t, v| t.status = v)}
            <label class="field">
                <span>"Progress (%)"</span>
                <input
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    prop:value=move || read(wb, sid, |t: &Action| t.percent.to_string())
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            write(wb, sid, |t: &mut Action| t.set_percent(v.round() as i64));
                        }
                    }
                />
            </label>
            {choice_field::<Action, Option<Rag>>(wb, sid, "RAG rating", std::iter::once((None, "Not rated")).chain(Rag::ALL.iter().map(|r| (Some(*r), r.label()))).collect(), |t| t.rag, |t, v| t.rag = v)}
            <Updates id=id.clone() />
        }
        .into_any(),
        Kind::Measure => view! {
            {text_field::<Measure>(wb, sid, "Code", |t| t.code.clone(), |t, v| t.code = v)}
            {text_field::<Measure>(wb, sid, "Unit", |t| t.unit.clone(), |t, v| t.unit = v)}
            {choice_field::<Measure, Direction>(wb, sid, "Direction", vec![(Direction::HigherIsBetter, Direction::HigherIsBetter.label()), (Direction::LowerIsBetter, Direction::LowerIsBetter.label())], |t| t.direction, |t, v| t.direction = v)}
            {target_fields::<Measure>(wb, sid, |t| &t.target, |t| &mut t.target)}
            {text_field::<Measure>(wb, sid, "Source of evidence", |t| t.source.clone(), |t, v| t.source = v)}
            {text_field::<Measure>(wb, sid, "How often", |t| t.frequency.clone(), |t, v| t.frequency = v)}
            <DataPoints id=id.clone() />
        }
        .into_any(),
    };
    let links = (kind != Kind::Priority).then(|| view! { <LinkChoices id=id.clone() kind /> });
    let heading = format!("Details of this {}", kind.label());
    view! {
        <div class="item-details" role="group" aria-label=heading>
            <div class="fields">{fields}</div>
            {links}
        </div>
    }
}

fn textarea_field<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <label class="field wide">
            <span>{label}</span>
            <textarea
                rows="3"
                prop:value=move || read(wb, id, get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write_typing(wb, id, label, |t| set(t, v));
                }
            ></textarea>
        </label>
    }
}

/// Dated status updates on an action, newest last.
#[component]
fn Updates(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let count = move || read(wb, id, |a: &Action| a.updates.len());
    let add = move |_| {
        let today = chrono::Local::now().date_naive();
        write(wb, id, |a: &mut Action| {
            a.updates.push(Update {
                date: today,
                ..Update::default()
            })
        });
    };
    view! {
        <fieldset class="updates wide">
            <legend>"Progress updates"</legend>
            <For
                each=move || { let v: Vec<usize> = (0..count()).collect(); v }
                key=|i| *i
                children=move |i| {
                    let n = i + 1;
                    view! {
                        <div class="update">
                            <label class="field">
                                <span>{format!("Date of update {n}")}</span>
                                <input
                                    type="date"
                                    prop:value=move || read(wb, id, |a: &Action| a.updates.get(i).map(|u| date_value(Some(u.date))).unwrap_or_default())
                                    on:change=move |ev| {
                                        if let Some(d) = parse_date(&event_target_value(&ev)) {
                                            write(wb, id, |a: &mut Action| if let Some(u) = a.updates.get_mut(i) { u.date = d });
                                        }
                                    }
                                />
                            </label>
                            <label class="field wide">
                                <span>{format!("Update {n}")}</span>
                                <textarea
                                    rows="2"
                                    prop:value=move || read(wb, id, |a: &Action| a.updates.get(i).map(|u| u.text.clone()).unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        write(wb, id, |a: &mut Action| if let Some(u) = a.updates.get_mut(i) { u.text = v });
                                    }
                                ></textarea>
                            </label>
                            <button
                                type="button"
                                aria-label=format!("Remove update {n}")
                                on:click=move |_| write(wb, id, |a: &mut Action| if i < a.updates.len() { a.updates.remove(i); })
                            >
                                "Remove"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" on:click=add>"Add a progress update"</button>
        </fieldset>
    }
}

/// A measure's baseline and data points.
#[component]
fn DataPoints(id: Id) -> impl IntoView {
    let wb = use_workbench();
    let id = StoredValue::new(id);
    let count = move || read(wb, id, |m: &Measure| m.data.len());
    let baseline_period = move || {
        read(wb, id, |m: &Measure| {
            m.baseline
                .as_ref()
                .map(|b| b.period.clone())
                .unwrap_or_default()
        })
    };
    let baseline_value = move || {
        read(wb, id, |m: &Measure| {
            m.baseline
                .as_ref()
                .map(|b| b.value.to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="data wide">
            <legend>"Baseline and data"</legend>
            <div class="update">
                <label class="field">
                    <span>"Baseline period"</span>
                    <input
                        type="text"
                        placeholder="e.g. 2020/21"
                        prop:value=baseline_period
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            write(wb, id, |m: &mut Measure| m.baseline.get_or_insert_with(DataPoint::default).period = v);
                        }
                    />
                </label>
                <label class="field">
                    <span>"Baseline value"</span>
                    <input
                        type="number"
                        step="any"
                        prop:value=baseline_value
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            match text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
                                Some(v) => write(wb, id, |m: &mut Measure| m.baseline.get_or_insert_with(DataPoint::default).value = v),
                                None if text.trim().is_empty() => write(wb, id, |m: &mut Measure| m.baseline = None),
                                None => {}
                            }
                        }
                    />
                </label>
            </div>
            <For
                each=move || { let v: Vec<usize> = (0..count()).collect(); v }
                key=|i| *i
                children=move |i| {
                    let n = i + 1;
                    view! {
                        <div class="update">
                            <label class="field">
                                <span>{format!("Period of point {n}")}</span>
                                <input
                                    type="text"
                                    prop:value=move || read(wb, id, |m: &Measure| m.data.get(i).map(|d| d.period.clone()).unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        write(wb, id, |m: &mut Measure| if let Some(d) = m.data.get_mut(i) { d.period = v });
                                    }
                                />
                            </label>
                            <label class="field">
                                <span>{format!("Value of point {n}")}</span>
                                <input
                                    type="number"
                                    step="any"
                                    prop:value=move || read(wb, id, |m: &Measure| m.data.get(i).map(|d| d.value.to_string()).unwrap_or_default())
                                    on:change=move |ev| {
                                        if let Some(v) = event_target_value(&ev).trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
                                            write(wb, id, |m: &mut Measure| if let Some(d) = m.data.get_mut(i) { d.value = v });
                                        }
                                    }
                                />
                            </label>
                            <button
                                type="button"
                                aria-label=format!("Remove point {n}")
                                on:click=move |_| write(wb, id, |m: &mut Measure| if i < m.data.len() { m.data.remove(i); })
                            >
                                "Remove"
                            </button>
                        </div>
                    }
                }
            />
            <button
                type="button"
                on:click=move |_| write(wb, id, |m: &mut Measure| m.data.push(DataPoint::default()))
            >
                "Add a data point"
            </button>
        </fieldset>
    }
}

/// The plan's own details: title, partnership, period, vision and so on.
#[component]
pub fn PlanDetails() -> impl IntoView {
    let wb = use_workbench();
    let meta_text =
        move |label: &'static str, get: fn(&Plan) -> String, set: fn(&mut Plan, String)| {
            view! {
                <label class="field wide">
                    <span>{label}</span>
                    <input
                        type="text"
                        prop:value=move || wb.plan.with(|p| p.as_ref().map(get).unwrap_or_default())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            wb.set(|p| set(p, v));
                        }
                    />
                </label>
            }
        };
    let meta_lines = move |label: &'static str,
                           hint: &'static str,
                           get: fn(&Plan) -> String,
                           set: fn(&mut Plan, String)| {
        view! {
            <label class="field wide">
                <span>{label}</span>
                <small>{hint}</small>
                <textarea
                    rows="4"
                    prop:value=move || wb.plan.with(|p| p.as_ref().map(get).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        wb.set(|p| set(p, v));
                    }
                ></textarea>
            </label>
        }
    };
    let meta_date = move |label: &'static str,
                          get: fn(&Plan) -> Option<NaiveDate>,
                          set: fn(&mut Plan, Option<NaiveDate>)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type="date"
                    prop:value=move || date_value(wb.plan.with(|p| p.as_ref().and_then(get)))
                    on:change=move |ev| {
                        let v = parse_date(&event_target_value(&ev));
                        wb.set(|p| set(p, v));
                    }
                />
            </label>
        }
    };
    view! {
        <section class="plan-details" aria-label="Plan details">
            <div class="fields">
                {meta_text("Plan title", |p| p.meta.title.clone(), |p, v| p.meta.title = v)}
                {meta_text("Partnership", |p| p.meta.partnership.clone(), |p, v| p.meta.partnership = v)}
                {meta_date("Plan starts", |p| p.meta.period_start, |p, v| p.meta.period_start = v)}
                {meta_date("Plan ends", |p| p.meta.period_end, |p, v| p.meta.period_end = v)}
                {meta_lines("Vision", "", |p| p.meta.vision.clone(), |p, v| p.meta.vision = v)}
                {meta_lines("Guiding principles", "One per line.", |p| lines(&p.meta.principles), |p, v| p.meta.principles = split(&v))}
                {meta_lines("Plans this plan aligns with", "One per line: national, regional and local plans.", |p| lines(&p.meta.aligned_plans), |p, v| p.meta.aligned_plans = split(&v))}
                {meta_text("Review cycle", |p| p.meta.review_cycle.clone(), |p, v| p.meta.review_cycle = v)}
                {meta_text("Who coordinates the plan", |p| p.meta.coordinator.clone(), |p, v| p.meta.coordinator = v)}
            </div>
        </section>
    }
}
