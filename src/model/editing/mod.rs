//! Changing the open plan: operations as values (`op`), the part of a plan
//! they touch (`patch`), undo and redo of those parts (`history`), and the
//! session that ties the open plan, its history and its stored revision
//! together (`session`).

pub mod history;
pub mod import;
pub mod op;
pub mod patch;
pub mod session;

pub use history::Group;
pub use op::{ItemEdit, MetaEdit, Op};
pub use session::{Change, Session};
