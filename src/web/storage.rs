//! Reading the shopper's offer memory from localStorage: impressions and dismissals by offer id, under
//! one namespaced key, never personal data (the element script writes it). Storage that throws
//! (private modes, sandboxed frames) or holds something foreign counts as empty.

use crate::offers::{Memory, STORAGE_KEY};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was remembered, or nothing.
pub(super) fn load() -> Memory {
    storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| super::json::parse(&text).ok())
        .map(|value| Memory::from_value(&value))
        .unwrap_or_default()
}
