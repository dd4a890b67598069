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
