//! The plan and its rules, in plain Rust with no web dependencies, so that it
//! is tested natively and usable from benchmarks and fuzzers.

pub mod arrange;
pub mod chain;
pub mod culling;
pub mod editing;
pub mod example;
pub mod format;
pub mod layout;
pub mod links;
pub mod ops;
pub mod picture;
pub mod plan;
pub mod summary;
pub mod synthetic;
pub mod validate;

pub use plan::*;
