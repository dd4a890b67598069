//! Mounts the workbench into the page (the browser build only).

#[cfg(target_arch = "wasm32")]
fn main() {
    plan_workbench::ui::panic_screen::install();
    leptos::mount::mount_to_body(plan_workbench::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The workbench runs in a browser: use `make serve`.");
}

/// The size of the app's wasm memory in bytes (`memory.buffer.byteLength`),
/// which the benchmark reads as `window.wasmBindings.wasm_memory_bytes()`.
/// Wasm memory only grows, so this is also the peak so far.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
