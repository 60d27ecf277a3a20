//! JSON through the browser: `JSON.parse` does the parsing (no JSON parser in the download), and the
//! result is copied into the core's [`Value`] for decoding.

use js_sys::{Array, JSON};
use wasm_bindgen::prelude::*;

use super::describe;
use crate::Value;

// One call per value rather than a question per type: the copy crosses into JavaScript a few times
// per value instead of a dozen, which matters most on the first render, before the code is warm.
#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsonKind)]
    fn json_kind(value: &JsValue) -> u8;
    #[wasm_bindgen(js_name = jsonFields)]
    fn json_fields(value: &JsValue) -> Array;
}

/// Deeper documents are refused rather than risking the stack; no real session or config nests more
/// than a handful of levels.
const MAX_DEPTH: usize = 64;

/// Parses JSON text.
///
/// # Errors
/// The browser's description of the syntax error.
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    crate::json::check_size(text)?;
    let parsed = JSON::parse(text).map_err(|error| format!("not valid JSON: {}", describe(&error)))?;
    from_js(&parsed)
}

/// Copies a JavaScript value (as `JSON.parse` or a page's script made it) into a [`Value`].
///
/// # Errors
/// A value JSON cannot express (a function, `undefined` in an array) or nesting beyond 64 levels.
pub(crate) fn from_js(value: &JsValue) -> Result<Value, String> {
    convert(value, 0)
}

fn convert(value: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    match json_kind(value) {
        0 => Ok(Value::Null),
        1 => Ok(Value::Bool(false)),
        2 => Ok(Value::Bool(true)),
        3 => Ok(Value::Number(value.as_f64().unwrap_or_default())),
        4 => Ok(Value::String(value.as_string().unwrap_or_default())),
        5 => {
            let array: &Array = value.unchecked_ref();
            array.iter().map(|item| convert(&item, depth + 1)).collect::<Result<_, _>>().map(Value::Array)
        }
        6 => {
            // [key, value, key, value, …]
            let flat = json_fields(value);
            let mut fields = Vec::with_capacity(flat.length() as usize / 2);
            let mut items = flat.iter();
            while let (Some(key), Some(field)) = (items.next(), items.next()) {
                // JSON.stringify drops undefined fields; so does Patron.
                if !field.is_undefined() {
                    fields.push((key.as_string().unwrap_or_default(), convert(&field, depth + 1)?));
                }
            }
            Ok(Value::Object(fields))
        }
        _ => Err("expected JSON data, got a value JSON cannot express".to_string()),
    }
}
