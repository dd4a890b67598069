//! Counters the end-to-end tests and the benchmark read to see how much
//! work a change caused: `window.__ipwProbe.<name>` counts how often a
//! piece of derived state was computed (the layout, a card's text).

use wasm_bindgen::JsValue;

/// Adds one to the counter `name`.
pub fn count(name: &str) {
    let window: JsValue = leptos::prelude::window().into();
    let key = JsValue::from_str("__ipwProbe");
    let probe = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)
        .unwrap_or_else(|| {
            let fresh: JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &fresh);
            fresh
        });
    let name = JsValue::from_str(name);
    let n = js_sys::Reflect::get(&probe, &name)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&probe, &name, &JsValue::from_f64(n + 1.0));
}
