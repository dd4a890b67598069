//! Improvement plan workbench: the domain model (native and wasm) and, when
//! compiled for the browser, the storage layer and the user interface.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
