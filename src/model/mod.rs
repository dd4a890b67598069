//! The plan and its rules, in plain Rust with no web dependencies, so that it
//! is tested natively and usable from benchmarks and fuzzers.

pub mod address;
pub mod charts;
pub mod diagram;
pub mod editing;
pub mod example;
pub mod format;
pub mod import;
pub mod keeping;
pub mod links;
pub mod ops;
pub mod plan;
pub mod progress;
pub mod release;
pub mod summary;
pub mod synthetic;
pub mod validate;

// The diagram's modules, by their short paths too (`model::layout`).
pub use diagram::{arrange, chain, culling, layout, picture};
pub use plan::*;
