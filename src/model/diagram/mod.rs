//! The driver diagram's rules: where cards go (`layout`), which are on
//! screen (`culling`), chains and the counts and gaps on cards (`chain`),
//! reordering within a column (`arrange`) and the standalone picture
//! (`picture`).

pub mod arrange;
pub mod chain;
pub mod culling;
pub mod layout;
pub mod picture;
