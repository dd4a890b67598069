//! Offline and updates: registers the service worker that the post-build
//! step writes (sw.js, which precaches the whole site), says "A new version
//! is ready" once a new deployment has been downloaded, and switches to it
//! only when the user asks, after saving.
//!
//! The worker is registered relative to the page (`./sw.js`), so its scope
//! is the folder index.html was served from, at the root of a host or under
//! a sub-path. The single-file build has no worker to register (file://
//! pages cannot have one) and says so by leaving out the meta tag that names
//! it.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache,
};

use super::state::{use_workbench, Workbench};
use crate::model::release::version_text;

/// Whether a new version is waiting for the user's word.
#[derive(Clone, Copy)]
pub struct Updates {
    pub ready: RwSignal<bool>,
}

thread_local! {
    /// This tab asked the waiting worker to take over: only then does a
    /// change of controller reload the page (another tab's button must not
    /// reload this one under its user).
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The content of `<meta name="…">` in the page, if there is one.
fn meta(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??
        .get_attribute("content")
}

/// "Workbench version 0.1.0, build …" for the page.
pub fn running_version() -> String {
    version_text(
        env!("CARGO_PKG_VERSION"),
        meta("workbench-build").as_deref(),
    )
}

/// The service worker container, where the page can have one: over http(s)
/// in a secure context, and with a worker named by the post-build step.
fn container() -> Option<(ServiceWorkerContainer, String)> {
    let window = web_sys::window()?;
    let script = meta("workbench-service-worker")?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let navigator = window.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts (and in
    // some private windows); web-sys would hand back `undefined` as if it
    // were there.
    let sw = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    if !sw.is_object() {
        return None;
    }
    Some((sw.unchecked_into(), format!("./{script}")))
}

/// Registers the service worker and watches for a new version; returns the
/// state the notice reads. Does nothing where there is no service worker.
pub fn start() -> Updates {
    let updates = Updates {
        ready: RwSignal::new(false),
    };
    if let Some((sw, script)) = container() {
        let ready = updates.ready;
        let had_controller = sw.controller().is_some();
        let on_controller_change = Closure::<dyn Fn()>::new(move || {
            if ASKED.with(Cell::get) {
                reload();
            } else if had_controller {
                // Another tab switched to the new version: this tab still
                // runs the old one until its user reloads.
                ready.set(true);
            }
        });
        sw.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
        leptos::task::spawn_local(register(sw, script, ready));
    }
    updates
}

async fn register(sw: ServiceWorkerContainer, script: String, ready: RwSignal<bool>) {
    let options = RegistrationOptions::new();
    options.set_scope("./");
    // The browser checks sw.js against the server on every visit, whatever
    // the host says about caching it.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let registration = match JsFuture::from(sw.register_with_options(&script, &options)).await {
        Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
        Err(e) => {
            // Offline use is lost, nothing else: the app works as before.
            web_sys::console::warn_2(&"The service worker was not registered:".into(), &e);
            return;
        }
    };
    // The first worker of all is not an update: the page has no
    // controller then, and nothing waits.
    if registration.waiting().is_some() && sw_controller_present() {
        ready.set(true);
    }
    let reg = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        watch_installing(&installing, ready);
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    // A worker found installing before the handler was set.
    if let Some(installing) = registration.installing() {
        watch_installing(&installing, ready);
    }
}

fn sw_controller_present() -> bool {
    container().is_some_and(|(sw, _)| sw.controller().is_some())
}

/// Marks the update ready once the installing worker has its files.
fn watch_installing(worker: &ServiceWorker, ready: RwSignal<bool>) {
    let w = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if w.state() == ServiceWorkerState::Installed && sw_controller_present() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// "Reload to update": saves what is waiting to be saved, then asks the
/// waiting worker to take over; the page reloads when it has. With no
/// worker waiting (another tab already switched), it simply reloads.
fn reload_to_update(wb: Workbench) {
    wb.flush_save();
    let Some((sw, _)) = container() else {
        reload();
        return;
    };
    leptos::task::spawn_local(async move {
        let waiting = JsFuture::from(sw.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                ASKED.with(|a| a.set(true));
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
                if worker.post_message(&message).is_err() {
                    reload();
                }
            }
            None => reload(),
        }
    });
}

/// The notice that a new version is ready. It lives in a polite status
/// region and takes no focus, so it never interrupts typing.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let updates = expect_context::<Updates>();
    let wb = use_workbench();
    view! {
        <div role="status" class="update-status">
            <Show when=move || updates.ready.get()>
                <div class="notice update-ready">
                    <p>
                        "A new version is ready. Reload to start using it; your plans stay in this browser."
                    </p>
                    <button type="button" on:click=move |_| reload_to_update(wb)>
                        "Reload to update"
                    </button>
                </div>
            </Show>
        </div>
    }
}
