//! Keeping plans safe in the browser: how full its storage is, and when a
//! plan has changed enough since its last export to remind of it.

pub mod export_reminder;
pub mod storage_use;
