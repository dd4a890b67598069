//! The progress report: the plan's progress as committees read it, on
//! screen, printed (style/report.css), as a CSV of its action list and as
//! tables copied for Word. Everything shown is read from
//! `model::progress::report`, built once per change of the plan or of the
//! choice between the whole report and "since the last review" (the screen
//! is read-only, so a memo over the plan is all it needs).

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::model::progress::report::{
    self, action_csv, css_string, csv_file_name, report_date, tables_html, tables_tsv,
    target_standing_word, Overall, PeriodFrom, Report, Variant, ACTION_COLUMNS, LEGEND,
};
use crate::model::progress::review::last_review;
use crate::model::progress::tracking::Standing;
use crate::ui::files::{download_bytes, report_download_failure};
use crate::ui::state::use_workbench;
use crate::ui::tracking::today;

/// A standing as icon and word: the icon is drawn by the style sheet
/// from the class (`.standing-overdue::before`), with no text of its own
/// for screen readers, and the word is the element's text.
fn standing_view(s: Standing) -> impl IntoView {
    view! { <span class=format!("standing standing-{}", s.icon_key())>{s.label()}</span> }
}

/// A progress bar with its percentage as text: the bar is drawn for the
/// eye (hidden from screen readers), the number is what is read.
fn bar(percent: Option<u8>) -> impl IntoView {
    let text = percent
        .map(|p| format!("{p}%"))
        .unwrap_or_else(|| "–".into());
    let width = percent.unwrap_or(0);
    view! {
        <span class="bar" aria-hidden="true" style=format!("--p: {width}%")></span>
        {text}
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Whole,
    Since,
}

#[component]
pub fn ProgressReport() -> impl IntoView {
    let wb = use_workbench();
    // Read once when the screen opens: the report is "as at" today.
    let today = today();
    let choice = RwSignal::new(Choice::Whole);
    let last = Memo::new(move |_| wb.with_meta(|p| last_review(p, today)).flatten());
    let since = Memo::new(move |_| match choice.get() {
        Choice::Since => last.get(),
        Choice::Whole => None,
    });
    let report = Memo::new(move |_| wb.with_plan(|p| report::build(p, today, since.get())));
    let message = RwSignal::new(String::new());

    let download = move |_| {
        let Some(r) = report.get_untracked() else {
            return;
        };
        match download_bytes(
            &csv_file_name(&r),
            "text/csv;charset=utf-8",
            &action_csv(&r),
        ) {
            Ok(()) => message.set(format!(
                "Downloaded the action list as “{}”.",
                csv_file_name(&r)
            )),
            Err(e) => report_download_failure(wb, "the action list", &e),
        }
    };
    let copy = move |_| {
        let Some(r) = report.get_untracked() else {
            return;
        };
        let (html, text) = (tables_html(&r), tables_tsv(&r));
        message.set("Copying…".into());
        wasm_bindgen_futures::spawn_local(async move {
            message.set(match copy_for_word(&html, &text).await {
                Ok(()) => "Copied the report's tables: paste them into Word or Excel.".into(),
                Err(why) => format!(
                    "The browser did not let the workbench copy the tables{why}. Nothing was copied; you can download the action list as a CSV file instead."
                ),
            });
        });
    };

    let since_label = move || match last.get() {
        Some(d) => format!("Since the last review ({})", report_date(d)),
        None => "Since the last review".to_owned(),
    };

    view! {
        <section class="progress-report" aria-labelledby="report-heading">
            <style>
                {move || {
                    report
                        .with(|r| {
                            r.as_ref()
                                .map(|r| {
                                    format!(
                                        "@page report {{ @top-left {{ content: {}; }} @top-right {{ content: {}; }} }}",
                                        css_string(&r.title),
                                        css_string(&format!("Progress report at {}", r.report_date_text())),
                                    )
                                })
                        })
                        .unwrap_or_default()
                }}
            </style>
            <div class="report-controls">
                <fieldset class="report-choice">
                    <legend>"Show"</legend>
                    <label>
                        <input
                            type="radio"
                            name="report-variant"
                            prop:checked=move || choice.get() == Choice::Whole || last.get().is_none()
                            on:change=move |_| choice.set(Choice::Whole)
                        />
                        " The whole report"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="report-variant"
                            disabled=move || last.get().is_none()
                            aria-describedby=move || last.get().is_none().then_some("report-no-review")
                            prop:checked=move || choice.get() == Choice::Since && last.get().is_some()
                            on:change=move |_| choice.set(Choice::Since)
                        />
                        " "
                        {since_label}
                    </label>
                    <Show when=move || last.get().is_none()>
                        <p class="hint" id="report-no-review">
                            "Not available yet: the plan has no review dated before today. Record reviews in the plan's details."
                        </p>
                    </Show>
                </fieldset>
                <div class="report-buttons">
                    <button type="button" on:click=move |_| {
                        let _ = window().print();
                    }>"Print"</button>
                    <button type="button" on:click=download>"Download CSV"</button>
                    <button type="button" on:click=copy>"Copy for Word"</button>
                </div>
                <p class="report-message" role="status">{move || message.get()}</p>
            </div>
            {move || report.get().map(|r| view! { <ReportBody report=r /> })}
        </section>
    }
}

#[component]
fn ReportBody(report: Report) -> impl IntoView {
    let r = report;
    let s = &r.summary;
    let since = match r.variant {
        Variant::SinceReview(d) => Some(d),
        Variant::Whole => None,
    };
    let period = r.period_text();
    let period_from = match s.period_from {
        PeriodFrom::LastReview(d) => format!("since the review of {}", report_date(d)),
        PeriodFrom::PlanStart(d) => format!("since the plan's start on {}", report_date(d)),
        PeriodFrom::Beginning => "since the plan began".to_owned(),
    };
    let count_rows: Vec<(&'static str, String)> = vec![
        ("Actions", s.plan.actions.to_string()),
        ("Not started", s.plan.not_started.to_string()),
        ("In progress", s.plan.in_progress.to_string()),
        ("Completed", s.plan.completed.to_string()),
        ("Cancelled", s.plan.cancelled.to_string()),
        ("Overdue", s.plan.overdue.to_string()),
        ("Completed this period", s.completed_this_period.to_string()),
    ];
    let rag_rows: Vec<(&'static str, usize)> = vec![
        ("Red", s.plan.red),
        ("Amber", s.plan.amber),
        ("Green", s.plan.green),
        ("No RAG", s.plan.no_rag),
    ];
    let standing_rows = s.standings.clone();
    let priorities = s.priorities.clone();
    let plan_percent = s.percent;
    let changed = s.changed_actions.zip(s.changed_measures);
    let groups = r.groups.clone();
    let measures = r.measures.clone();
    let gaps = r.gaps.clone();
    let action_rows = r.action_rows().count();

    view! {
        <h3 id="report-heading">
            {match since {
                None => "Progress report".to_owned(),
                Some(d) => format!("Progress report: what changed since the review of {}", report_date(d)),
            }}
        </h3>
        <p class="report-meta">
            {(!r.partnership.trim().is_empty()).then(|| view! { <span>{r.partnership.clone()}</span> " · " })}
            {(!period.is_empty()).then(|| view! { <span>"Plan period " {period.clone()}</span> " · " })}
            <span class="report-date">"Report date " {r.report_date_text()}</span>
        </p>
        <section class="report-summary" aria-labelledby="report-summary-heading">
            <h4 id="report-summary-heading">"Summary"</h4>
            {changed.map(|(a, m)| view! {
                <p class="report-changed">
                    {format!("{a} action{} and {m} measure{} changed since the review. The counts below are for the whole plan.", if a == 1 { "" } else { "s" }, if m == 1 { "" } else { "s" })}
                </p>
            })}
            <div class="summary-tables">
                <table class="report-counts">
                    <caption>"Actions by status"</caption>
                    <tbody>
                        {count_rows.into_iter().map(|(label, n)| {
                            let label = if label == "Completed this period" { format!("Completed this period ({period_from})") } else { label.to_owned() };
                            view! { <tr><th scope="row">{label}</th><td class="number">{n}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <table class="report-rag">
                    <caption>"Actions by RAG"</caption>
                    <tbody>
                        {rag_rows.into_iter().map(|(label, n)| view! {
                            <tr><th scope="row">{label}</th><td class="number">{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <table class="report-standings">
                    <caption>"Actions by standing"</caption>
                    <tbody>
                        {standing_rows.into_iter().map(|(st, n)| view! {
                            <tr><th scope="row">{standing_view(st)}</th><td class="number">{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <table class="report-priorities">
                <caption>"Progress by priority"</caption>
                <thead>
                    <tr><th scope="col">"Priority"</th><th scope="col">"Actions"</th><th scope="col">"Progress"</th></tr>
                </thead>
                <tbody>
                    {priorities.into_iter().map(|p| {
                        let name = if p.code.trim().is_empty() { p.title.clone() } else { format!("{} {}", p.code, p.title) };
                        view! {
                            <tr class="priority-progress">
                                <th scope="row">{name}</th>
                                <td class="number">{p.actions}</td>
                                <td>{bar(p.percent)}</td>
                            </tr>
                        }
                    }).collect_view()}
                    <tr class="plan-progress">
                        <th scope="row">"Whole plan"</th>
                        <td class="number">{s.plan.actions}</td>
                        <td>{bar(plan_percent)}</td>
                    </tr>
                </tbody>
            </table>
            <div class="report-legend" role="group" aria-label="Key to the status icons">
                <span class="legend-title">"Key: "</span>
                {LEGEND.iter().map(|(words, standings)| view! {
                    <span class="legend-entry">
                        {standings.iter().map(|&st| view! {
                            <span class=format!("standing-icon standing-{}", st.icon_key()) aria-hidden="true"></span>
                        }).collect_view()}
                        " "
                        {*words}
                    </span>
                }).collect_view()}
            </div>
            <p class="report-rows-count hint">{format!("{action_rows} action row{} in this report.", if action_rows == 1 { "" } else { "s" })}</p>
        </section>
        {groups.into_iter().map(|g| {
            let heading = g.heading();
            let overall = g.overall.clone();
            view! {
                <section class="report-group" aria-label=heading.clone()>
                    <h4>{heading.clone()}</h4>
                    <p class="group-overall">
                        <strong>"Overall progress "</strong>
                        {bar(overall.percent)}
                        " "
                        <span class="overall-words">{overall.words()}</span>
                    </p>
                    {g.outcomes.into_iter().map(|o| {
                        let oh = o.heading();
                        view! {
                            <div class="report-outcome">
                                <h5>{oh.clone()}</h5>
                                <table class="report-actions" class:with-changes=since.is_some()>
                                    <caption class="visually-hidden">{format!("Actions: {oh}")}</caption>
                                    <thead>
                                        <tr>
                                            {ACTION_COLUMNS.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                                            {since.map(|_| view! { <th scope="col">"What changed"</th> })}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {overall_row(&o.overall, since.is_some())}
                                        {o.actions.into_iter().map(|a| {
                                            let changed = a.changed.join("; ");
                                            view! {
                                                <tr class="action-row" data-action=a.id.to_string()>
                                                    <td class="code">{a.code.clone()}</td>
                                                    <th scope="row" class="title">{a.title.clone()}</th>
                                                    <td class="lead">{a.lead.clone()}</td>
                                                    <td class="due">{a.due_text()}</td>
                                                    <td class="latest-update">{a.update_text().to_owned()}</td>
                                                    <td class="progress-cell">{bar(Some(a.percent))}</td>
                                                    <td class=format!("status standing-{}", a.standing.icon_key())>{a.standing_word()}</td>
                                                    {since.map(|_| view! { <td class="changed-cell">{changed.clone()}</td> })}
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
        {(since.is_some() && r.groups.is_empty()).then(|| view! {
            <p class="report-nothing">"No action has changed since the review."</p>
        })}
        {(!measures.is_empty()).then(|| view! {
            <section class="report-measures" aria-labelledby="report-measures-heading">
                <h4 id="report-measures-heading">"Measures"</h4>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Code"</th>
                            <th scope="col">"Measure"</th>
                            <th scope="col">"Baseline"</th>
                            <th scope="col">"Latest"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Standing"</th>
                            {since.map(|_| view! { <th scope="col">"What changed"</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {measures.iter().cloned().map(|m| view! {
                            <tr class="measure-row">
                                <td>{m.code.clone()}</td>
                                <th scope="row">{m.name.clone()}</th>
                                <td>{m.baseline.clone()}</td>
                                <td>{m.latest.clone()}</td>
                                <td>{m.target.clone()}</td>
                                <td>{target_standing_word(m.standing)}</td>
                                {since.map(|_| view! { <td>{m.changed.join("; ")}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                // The same charts as on the Measures screen, so the report,
                // its print and the downloads agree.
                <div class="report-charts">
                    {measures.into_iter().map(|m| view! {
                        <section class="report-chart" aria-label=format!("Chart of {}", m.name)>
                            <h5>{if m.code.is_empty() { m.name.clone() } else { format!("{} {}", m.code, m.name) }}</h5>
                            <crate::ui::measures::MeasureChartView id=m.id.clone() />
                        </section>
                    }).collect_view()}
                </div>
            </section>
        })}
        {(since.is_none()).then(|| view! {
            <section class="report-gaps" aria-labelledby="report-gaps-heading">
                <h4 id="report-gaps-heading">"Gaps in the plan"</h4>
                {if gaps.is_empty() {
                    view! { <p>"No gaps: every outcome has an aim, every aim an action and a measure, and every action a lead and a due date."</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"Item"</th>
                                    <th scope="col">"Code"</th>
                                    <th scope="col">"Text"</th>
                                    <th scope="col">"Gap"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {gaps.into_iter().map(|g| {
                                    let mut kind = g.kind.label().to_owned();
                                    if let Some(f) = kind.get_mut(0..1) { f.make_ascii_uppercase(); }
                                    view! {
                                        <tr class="gap-row">
                                            <td>{kind}</td>
                                            <td>{g.code.clone()}</td>
                                            <th scope="row">{g.text.clone()}</th>
                                            <td>{g.problem}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        })}
    }
}

/// A group's "Overall progress" row, above its actions.
fn overall_row(o: &Overall, since: bool) -> impl IntoView {
    view! {
        <tr class="overall-row">
            <td></td>
            <th scope="row">"Overall progress"</th>
            <td></td>
            <td></td>
            <td>{o.words()}</td>
            <td class="progress-cell">{bar(o.percent)}</td>
            <td></td>
            {since.then(|| view! { <td></td> })}
        </tr>
    }
}

/// Puts the tables on the clipboard as HTML and as plain text: through
/// the asynchronous clipboard (a ClipboardItem with both), or where the
/// browser has no ClipboardItem, through a copy event. `Err` holds a
/// reason to show in brackets, or nothing.
async fn copy_for_word(html: &str, text: &str) -> Result<(), String> {
    let why = |e: JsValue| -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .filter(|w| !w.trim().is_empty())
            .map(|w| format!(" ({w})"))
            .unwrap_or_default()
    };
    let w = window();
    let global: &JsValue = w.as_ref();
    let ctor = js_sys::Reflect::get(global, &"ClipboardItem".into()).unwrap_or(JsValue::UNDEFINED);
    let clipboard =
        js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let write = if clipboard.is_object() {
        js_sys::Reflect::get(&clipboard, &"write".into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if let (Some(ctor), Some(write)) = (
        ctor.dyn_ref::<js_sys::Function>(),
        write.dyn_ref::<js_sys::Function>(),
    ) {
        let blob = |mime: &str, s: &str| -> Result<JsValue, JsValue> {
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(mime);
            web_sys::Blob::new_with_str_sequence_and_options(
                &js_sys::Array::of1(&JsValue::from_str(s)),
                &options,
            )
            .map(JsValue::from)
        };
        let record = js_sys::Object::new();
        let item = (|| -> Result<JsValue, JsValue> {
            js_sys::Reflect::set(&record, &"text/html".into(), &blob("text/html", html)?)?;
            js_sys::Reflect::set(&record, &"text/plain".into(), &blob("text/plain", text)?)?;
            js_sys::Reflect::construct(ctor, &js_sys::Array::of1(&record))
        })()
        .map_err(why)?;
        let promise = write
            .call1(&clipboard, &js_sys::Array::of1(&item))
            .map_err(why)?;
        let promise: js_sys::Promise = promise.dyn_into().map_err(why)?;
        return wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(why);
    }
    copy_by_event(html, text)
}

/// The older way: a copy event whose handler sets both kinds of data.
fn copy_by_event(html: &str, text: &str) -> Result<(), String> {
    let doc = document();
    let (html, text) = (html.to_owned(), text.to_owned());
    let done = std::rc::Rc::new(std::cell::Cell::new(false));
    let set = done.clone();
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let data = js_sys::Reflect::get(&e, &"clipboardData".into()).ok();
        if let Some(data) = data.and_then(|d| d.dyn_into::<web_sys::DataTransfer>().ok()) {
            let ok = data.set_data("text/html", &html).is_ok()
                && data.set_data("text/plain", &text).is_ok();
            if ok {
                e.prevent_default();
                set.set(true);
            }
        }
    });
    let target: &web_sys::EventTarget = doc.as_ref();
    let _ = target.add_event_listener_with_callback("copy", handler.as_ref().unchecked_ref());
    let exec = js_sys::Reflect::get(&doc, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let accepted = exec
        .and_then(|f| f.call1(&doc, &"copy".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let _ = target.remove_event_listener_with_callback("copy", handler.as_ref().unchecked_ref());
    drop(handler);
    if accepted && done.get() {
        Ok(())
    } else {
        Err(String::new())
    }
}
