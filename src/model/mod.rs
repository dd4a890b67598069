//! The plan and its rules, in plain Rust with no web dependencies, so that it
//! is tested natively and usable from benchmarks and fuzzers.

pub mod example;
pub mod format;
pub mod links;
pub mod ops;
pub mod plan;
pub mod summary;
pub mod validate;

pub use plan::*;
