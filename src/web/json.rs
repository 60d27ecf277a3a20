//! JSON through the browser: `JSON.parse` does the parsing (no JSON parser in the download), and the
//! result is copied into the core's [`Value`] for decoding.

use js_sys::{Array, Object, JSON};
use wasm_bindgen::prelude::*;

use super::describe;
use crate::Value;

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
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if let Some(number) = value.as_f64() {
        return Ok(Value::Number(number));
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if value.is_null() {
        return Ok(Value::Null);
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array.iter().map(|item| convert(&item, depth + 1)).collect::<Result<_, _>>().map(Value::Array);
    }
    if value.is_object() && !value.is_function() {
        let entries = Object::entries(value.unchecked_ref());
        let mut fields = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let pair: &Array = entry.unchecked_ref();
            let key = pair.get(0).as_string().unwrap_or_default();
            let field = pair.get(1);
            // JSON.stringify drops undefined fields; so does Patron.
            if !field.is_undefined() {
                fields.push((key, convert(&field, depth + 1)?));
            }
        }
        return Ok(Value::Object(fields));
    }
    Err("expected JSON data, got a value JSON cannot express".to_string())
}
