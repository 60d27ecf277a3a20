//! Reading the shopper's offer memory from localStorage: impressions and dismissals by offer id, under
//! one namespaced key, never personal data (the element script writes it). Storage that throws
//! (private modes, sandboxed frames) or holds something foreign counts as empty.

use wasm_bindgen::prelude::*;

use crate::offers::{Memory, STORAGE_KEY};

#[wasm_bindgen(module = "/src/web/banners.js")]
extern "C" {
    // One call to the element script rather than window, localStorage and getItem through web-sys,
    // each of which would bring its own glue.
    #[wasm_bindgen(js_name = readStored)]
    fn read_stored(key: &str) -> Option<String>;
}

/// What was remembered, or nothing.
pub(super) fn load() -> Memory {
    read_stored(STORAGE_KEY)
        .and_then(|text| super::json::parse(&text).ok())
        .map(|value| Memory::from_value(&value))
        .unwrap_or_default()
}
