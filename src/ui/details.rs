//! Forms for every field: the plan's details (metadata) and the details of
//! one item, including the links it holds, which are ticked or unticked.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::state::{use_workbench, Workbench};
use crate::model::editing::{ItemEdit, MetaEdit, Op};
use crate::model::links::{link_allowed, ItemRef};
use crate::model::progress::settings::{with_typed, Setting};
use crate::model::summary::uk_date;
use crate::model::{
    Action, Aim, Direction, DriverLevel, Id, Kind, Measure, Outcome, Plan, Priority, Rag, Review,
    Status, Target, Update,
};

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A list edited as one line per entry (blank lines kept while typing).
fn lines(v: &[String]) -> String {
    v.join("\n")
}

fn date_value(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Typed access to one kind of item, so one form helper serves every kind.
trait Item: 'static {
    fn get(item: ItemRef<'_>) -> Option<&Self>;
}

macro_rules! item_access {
    ($t:ident) => {
        impl Item for $t {
            fn get(item: ItemRef<'_>) -> Option<&Self> {
                match item {
                    ItemRef::$t(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}
item_access!(Priority);
item_access!(Outcome);
item_access!(Aim);
item_access!(Action);
item_access!(Measure);

/// Reads a value from item `T` with id `id` of the open plan (re-run only
/// when that item changes).
fn read<T: Item, V: Default>(wb: Workbench, id: StoredValue<Id>, f: impl Fn(&T) -> V) -> V {
    id.with_value(|id| wb.with_item(id, |item| T::get(item).map(&f)))
        .flatten()
        .unwrap_or_default()
}

/// Changes one field of the item and saves.
fn write(wb: Workbench, id: StoredValue<Id>, edit: ItemEdit) {
    wb.apply(Op::Edit {
        id: id.get_value(),
        edit,
    });
}

/// Like `write`, for typing into the field `label`: one undo step a burst.
fn write_typing(wb: Workbench, id: StoredValue<Id>, label: &str, edit: ItemEdit) {
    let group = id.with_value(|id| format!("{}:{label}", id.as_str()));
    wb.apply_typing(
        group,
        Op::Edit {
            id: id.get_value(),
            edit,
        },
    );
}

fn text_field<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(String) -> ItemEdit,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                prop:value=move || read(wb, id, get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write_typing(wb, id, label, set(v));
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
    set: fn(Option<NaiveDate>) -> ItemEdit,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="date"
                prop:value=move || date_value(read(wb, id, get))
                on:change=move |ev| {
                    let v = parse_date(&event_target_value(&ev));
                    write(wb, id, set(v));
                }
            />
        </label>
    }
}

fn target_fields<T: Item>(
    wb: Workbench,
    id: StoredValue<Id>,
    get: fn(&T) -> &Option<Target>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>"Target"</span>
            <input
                type="text"
                placeholder="e.g. 90%"
                prop:value=move || read(wb, id, |t: &T| get(t).as_ref().map(|t| t.value.clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write_typing(wb, id, "Target", ItemEdit::TargetValue(v));
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
                    write(wb, id, ItemEdit::TargetBy(v));
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
    set: fn(C) -> ItemEdit,
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
                    write(wb, id, set(v));
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
                wb.with_shape(|p| p.ids_of_kind(parent_kind)).unwrap_or_default()
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
                                id.with_value(|id| wb.with_item(id, |item| item.links().contains(&candidate.get_value())))
                                    .unwrap_or(false)
                            };
                            let name = move || {
                                let c = candidate.get_value();
                                wb.with_item(&c, |item| {
                                    let text = if item.text().is_empty() { "(no text yet)" } else { item.text() };
                                    if item.code().is_empty() { text.to_owned() } else { format!("{} {text}", item.code()) }
                                })
                                .unwrap_or_default()
                            };
                            view! {
                                <label class="tick">
                                    <input
                                        type="checkbox"
                                        prop:checked=linked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let c = candidate.get_value();
                                            let (child, parent) = (id.get_value(), c);
                                            wb.apply(if on { Op::Link { child, parent } } else { Op::Unlink { child, parent } });
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

/// The details of one item: every field of its kind, and its links as
/// ticks unless `without_link_ticks` (the diagram's panel lists the links
/// itself and adds them from a searchable list, which stays quick on plans
/// with hundreds of possible links).
#[component]
pub fn ItemDetails(
    id: Id,
    kind: Kind,
    #[prop(optional)] without_link_ticks: bool,
) -> impl IntoView {
    let wb = use_workbench();
    let sid = StoredValue::new(id.clone());
    let fields = match kind {
        Kind::Priority => view! {
            {text_field::<Priority>(wb, sid, "Code", |t| t.code.clone(), ItemEdit::Code)}
            {textarea_field::<Priority>(wb, sid, "Description", |t| t.description.clone(), ItemEdit::Description)}
        }
        .into_any(),
        Kind::Outcome => view! {
            {text_field::<Outcome>(wb, sid, "Code", |t| t.code.clone(), ItemEdit::Code)}
            {target_fields::<Outcome>(wb, sid, |t| &t.target)}
            {text_field::<Outcome>(wb, sid, "Owner (group or person)", |t| t.owner.clone(), ItemEdit::Owner)}
        }
        .into_any(),
        Kind::Aim => view! {
            {text_field::<Aim>(wb, sid, "Code", |t| t.code.clone(), ItemEdit::Code)}
            {choice_field::<Aim, DriverLevel>(wb, sid, "Driver level", vec![(DriverLevel::Primary, "Primary driver"), (DriverLevel::Secondary, "Secondary driver")], |t| t.level, ItemEdit::Level)}
            {target_fields::<Aim>(wb, sid, |t| &t.target)}
            {text_field::<Aim>(wb, sid, "Owner (group or person)", |t| t.owner.clone(), ItemEdit::Owner)}
        }
        .into_any(),
        Kind::Action => view! {
            {text_field::<Action>(wb, sid, "Code", |t| t.code.clone(), ItemEdit::Code)}
            {text_field::<Action>(wb, sid, "Lead (person, role or group)", |t| t.lead.clone(), ItemEdit::Lead)}
            {date_field::<Action>(wb, sid, "Start date", |t| t.start, ItemEdit::Start)}
            {date_field::<Action>(wb, sid, "Due date", |t| t.due, ItemEdit::Due)}
            {choice_field::<Action, Status>(wb, sid, "Status", Status::ALL.iter().map(|s| (*s, s.label())).collect(), |t| t.status, ItemEdit::Status)}
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
                            write(wb, sid, ItemEdit::Percent(v));
                        }
                    }
                />
            </label>
            {choice_field::<Action, Option<Rag>>(wb, sid, "RAG rating", std::iter::once((None, "Not rated")).chain(Rag::ALL.iter().map(|r| (Some(*r), r.label()))).collect(), |t| t.rag, ItemEdit::Rag)}
            <Updates id=id.clone() />
        }
        .into_any(),
        Kind::Measure => view! {
            {text_field::<Measure>(wb, sid, "Code", |t| t.code.clone(), ItemEdit::Code)}
            {text_field::<Measure>(wb, sid, "Unit", |t| t.unit.clone(), ItemEdit::Unit)}
            {choice_field::<Measure, Direction>(wb, sid, "Direction", vec![(Direction::HigherIsBetter, Direction::HigherIsBetter.label()), (Direction::LowerIsBetter, Direction::LowerIsBetter.label())], |t| t.direction, ItemEdit::Direction)}
            {target_fields::<Measure>(wb, sid, |t| &t.target)}
            {text_field::<Measure>(wb, sid, "Source of evidence", |t| t.source.clone(), ItemEdit::Source)}
            {text_field::<Measure>(wb, sid, "How often", |t| t.frequency.clone(), ItemEdit::Frequency)}
            <crate::ui::measures::MeasureData id=id.clone() />
        }
        .into_any(),
    };
    let links = (kind != Kind::Priority && !without_link_ticks)
        .then(|| view! { <LinkChoices id=id.clone() kind /> });
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
    set: fn(String) -> ItemEdit,
) -> impl IntoView {
    view! {
        <label class="field wide">
            <span>{label}</span>
            <textarea
                rows="3"
                prop:value=move || read(wb, id, get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write_typing(wb, id, label, set(v));
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
        let today = super::tracking::today();
        write(
            wb,
            id,
            ItemEdit::AddUpdate(Update {
                date: today,
                ..Update::default()
            }),
        );
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
                                            write(wb, id, ItemEdit::UpdateDate(i, d));
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
                                        write_typing(wb, id, &format!("update {i}"), ItemEdit::UpdateText(i, v));
                                    }
                                ></textarea>
                            </label>
                            <button
                                type="button"
                                aria-label=format!("Remove update {n}")
                                on:click=move |_| write(wb, id, ItemEdit::RemoveUpdate(i))
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

/// The plan's own details: title, partnership, period, vision and so on.
#[component]
pub fn PlanDetails() -> impl IntoView {
    let wb = use_workbench();
    let read = move |get: fn(&Plan) -> String| wb.with_meta(get).unwrap_or_default();
    let typing = move |label: &str, edit: MetaEdit| {
        wb.apply_typing(format!("plan:{label}"), Op::Meta(edit));
    };
    let meta_text =
        move |label: &'static str, get: fn(&Plan) -> String, set: fn(String) -> MetaEdit| {
            view! {
                <label class="field wide">
                    <span>{label}</span>
                    <input
                        type="text"
                        prop:value=move || read(get)
                        on:input=move |ev| typing(label, set(event_target_value(&ev)))
                    />
                </label>
            }
        };
    let meta_lines = move |label: &'static str,
                           hint: &'static str,
                           get: fn(&Plan) -> String,
                           set: fn(String) -> MetaEdit| {
        view! {
            <label class="field wide">
                <span>{label}</span>
                <small>{hint}</small>
                <textarea
                    rows="4"
                    prop:value=move || read(get)
                    on:input=move |ev| typing(label, set(event_target_value(&ev)))
                ></textarea>
            </label>
        }
    };
    let meta_date = move |label: &'static str,
                          get: fn(&Plan) -> Option<NaiveDate>,
                          set: fn(Option<NaiveDate>) -> MetaEdit| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type="date"
                    prop:value=move || date_value(wb.with_meta(get).flatten())
                    on:change=move |ev| {
                        wb.apply(Op::Meta(set(parse_date(&event_target_value(&ev)))));
                    }
                />
            </label>
        }
    };
    view! {
        <section class="plan-details" aria-label="Plan details">
            <div class="fields">
                {meta_text("Plan title", |p| p.meta.title.clone(), MetaEdit::Title)}
                {meta_text("Partnership", |p| p.meta.partnership.clone(), MetaEdit::Partnership)}
                {meta_date("Plan starts", |p| p.meta.period_start, MetaEdit::PeriodStart)}
                {meta_date("Plan ends", |p| p.meta.period_end, MetaEdit::PeriodEnd)}
                {meta_lines("Vision", "", |p| p.meta.vision.clone(), MetaEdit::Vision)}
                {meta_lines("Guiding principles", "One per line.", |p| lines(&p.meta.principles), MetaEdit::Principles)}
                {meta_lines("Plans this plan aligns with", "One per line: national, regional and local plans.", |p| lines(&p.meta.aligned_plans), MetaEdit::AlignedPlans)}
                {meta_text("Review cycle", |p| p.meta.review_cycle.clone(), MetaEdit::ReviewCycle)}
                {meta_text("Who coordinates the plan", |p| p.meta.coordinator.clone(), MetaEdit::Coordinator)}
                <TrackingSettingsFields />
                <Reviews />
            </div>
        </section>
    }
}

/// The plan's tracking settings: the review cycle in days and the RAG
/// thresholds. A value that makes no sense is not applied; the form says
/// why, in plain English, and keeps what was typed so it can be put right.
#[component]
fn TrackingSettingsFields() -> impl IntoView {
    let wb = use_workbench();
    // Only a change of the settings themselves reaches the fields (typing
    // in another detail does not reset a value being put right).
    let settings = Memo::new(move |_| wb.with_meta(|p| p.meta.tracking).unwrap_or_default());
    let problem = RwSignal::new(None::<(Setting, String)>);
    let field = move |setting: Setting| {
        let hint_id = format!("tracking-{}-hint", setting.field());
        let (min, max, hint) = match setting {
            Setting::ReviewCycleDays => ("1", None, "An unfinished action with no update for longer than this needs its progress checked."),
            Setting::GreenWithin => ("0", Some("100"), "Progress at most this many points behind the time elapsed suggests green."),
            Setting::AmberWithin => ("0", Some("100"), "At most this many points behind suggests amber; further behind, red."),
        };
        let invalid = move || problem.with(|p| p.as_ref().is_some_and(|(s, _)| *s == setting));
        let described = {
            let hint_id = hint_id.clone();
            move || {
                if invalid() {
                    format!("{hint_id} tracking-problem")
                } else {
                    hint_id.clone()
                }
            }
        };
        let input_id = format!("tracking-{}", setting.field());
        view! {
            <div class="field">
                <label for=input_id.clone()>{setting.label()}</label>
                <input
                    id=input_id
                    type="number"
                    inputmode="numeric"
                    step="1"
                    min=min
                    max=max
                    prop:value=move || setting.get(&settings.get()).to_string()
                    aria-invalid=move || invalid().then_some("true")
                    aria-describedby=described
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        let now = settings.get_untracked();
                        match with_typed(&now, setting, &typed) {
                            Ok(next) => {
                                problem.set(None);
                                if next != now {
                                    wb.apply(Op::Meta(MetaEdit::Tracking(next)));
                                }
                            }
                            Err(why) => {
                                let kept = match setting {
                                    Setting::ReviewCycleDays => format!("{} days", now.review_cycle_days),
                                    Setting::GreenWithin => format!("{} points", now.green_within),
                                    Setting::AmberWithin => format!("{} points", now.amber_within),
                                };
                                problem.set(Some((setting, format!("{why}. It is still {kept}."))));
                            }
                        }
                    }
                />
                <small id=hint_id>{hint}</small>
            </div>
        }
    };
    view! {
        <fieldset class="tracking wide">
            <legend>"Tracking settings"</legend>
            <div class="fields">
                {field(Setting::ReviewCycleDays)}
                {field(Setting::GreenWithin)}
                {field(Setting::AmberWithin)}
            </div>
            <Show when=move || problem.with(Option::is_some)>
                <p id="tracking-problem" class="field-problem" role="alert">
                    {move || problem.with(|p| p.as_ref().map(|(_, why)| why.clone()).unwrap_or_default())}
                </p>
            </Show>
        </fieldset>
    }
}

/// The plan's reviews, each with its date and note and a way to remove
/// it, and a form to record one (dated today unless changed).
#[component]
fn Reviews() -> impl IntoView {
    let wb = use_workbench();
    let reviews = Memo::new(move |_| wb.with_meta(|p| p.meta.reviews.clone()).unwrap_or_default());
    let date = RwSignal::new(date_value(Some(super::tracking::today())));
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = parse_date(&date.get_untracked()) else {
            problem.set(Some(
                "Give the date of the review (day, month and year) to record it.".into(),
            ));
            return;
        };
        problem.set(None);
        let text = note.get_untracked().trim().to_owned();
        if wb
            .apply(Op::Meta(MetaEdit::AddReview(Review {
                date: day,
                note: text,
            })))
            .is_some()
        {
            note.set(String::new());
        }
    };
    let list = move || {
        let all = reviews.get();
        if all.is_empty() {
            return view! { <p class="hint">"No reviews recorded yet."</p> }.into_any();
        }
        let items = all
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let when = uk_date(r.date);
                let label = format!("Remove the review of {when} (review {})", i + 1);
                let note = if r.note.is_empty() {
                    view! { <span class="hint">"No note"</span> }.into_any()
                } else {
                    view! { <span class="review-note">{r.note}</span> }.into_any()
                };
                view! {
                    <li class="review">
                        <span class="review-date">{when}</span>
                        " "
                        {note}
                        " "
                        <button
                            type="button"
                            aria-label=label
                            on:click=move |_| {
                                wb.apply(Op::Meta(MetaEdit::RemoveReview(i)));
                            }
                        >
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="reviews-list" aria-label="Reviews recorded">{items}</ul> }.into_any()
    };
    view! {
        <fieldset class="reviews wide">
            <legend>"Reviews"</legend>
            <p class="hint">"What changed since the last review is counted from the latest review before today."</p>
            {list}
            <form class="update record-review" aria-label="Record a review" on:submit=record>
                <label class="field">
                    <span>"Date of the review"</span>
                    <input
                        type="date"
                        prop:value=move || date.get()
                        on:change=move |ev| date.set(event_target_value(&ev))
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                </label>
                <label class="field wide-note">
                    <span>"Note (optional)"</span>
                    <input
                        type="text"
                        placeholder="e.g. Quarter 2 review to the Partnership Board"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit">"Record a review"</button>
            </form>
            <Show when=move || problem.with(Option::is_some)>
                <p class="field-problem" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
        </fieldset>
    }
}
