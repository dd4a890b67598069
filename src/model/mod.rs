//! The plan and its rules, in plain Rust with no web dependencies, so that it
//! is tested natively and usable from benchmarks and fuzzers.

pub mod address;
pub mod diagram;
pub mod editing;
pub mod example;
pub mod export_reminder;
pub mod format;
pub mod links;
pub mod ops;
pub mod plan;
pub mod release;
pub mod repair;
pub mod storage_use;
pub mod stored;
pub mod summary;
pub mod synthetic;
pub mod validate;

// The diagram's modules, by their short paths too (`model::layout`).
pub use diagram::{arrange, chain, culling, layout, picture};
pub use plan::*;
