//! JSON through the browser: `JSON.parse` does the parsing (no JSON parser in the download), and the
//! result is copied into the core's [`Value`] for decoding.

use js_sys::{Array, Float64Array, JSON};
use wasm_bindgen::prelude::*;

use super::host::describe;
use crate::json::Value;

// The value comes across as a tape of numbers and one string (element.js, `jsonTape`): one call
// per document rather than a few per value, which mattered most on the first render, before the
// code is warm.
#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsonTape, catch)]
    fn json_tape(value: &JsValue) -> Result<Array, JsValue>;
}

// `Float64Array::to_vec` checks with `assert_eq!` the length it has just read; its message
// formatting would be downloaded for that check alone (400 bytes gzipped on the card and banners
// page, 2026-11-28). This is the copy it makes, `slice.set(array)`, without the check.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Float64Array, js_name = "prototype.set.call")]
    fn copy_into(slice: &mut [f64], array: &Float64Array);
}

/// Deeper documents are refused rather than risking the stack; no real session or config nests more
/// than a handful of levels. element.js stops at the same depth.
const MAX_DEPTH: usize = 64;

/// Parses JSON text.
///
/// # Errors
/// The browser's description of the syntax error.
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    crate::json::check_size(text).map_err(|p| p.message)?;
    let parsed = JSON::parse(text).map_err(|error| format!("not valid JSON: {}", describe(&error)))?;
    from_js(&parsed)
}

/// Copies a JavaScript value (as `JSON.parse` or a page's script made it) into a [`Value`].
///
/// # Errors
/// A value JSON cannot express (a function, `undefined` in an array, an object whose fields cannot
/// be read) or nesting beyond 64 levels.
pub(crate) fn from_js(value: &JsValue) -> Result<Value, String> {
    let flat = json_tape(value).map_err(|_| inexpressible())?;
    let array: Float64Array = flat.get(0).unchecked_into();
    let mut numbers = vec![0.0; array.length() as usize];
    copy_into(&mut numbers, &array);
    let text = flat.get(1).as_string().unwrap_or_default();
    Tape { numbers: numbers.iter(), text: text.chars() }.value()
}

fn inexpressible() -> String {
    "expected JSON data, got a value JSON cannot express".to_string()
}

// The tape's tags, named alike in element.js (tests/tape.rs keeps the two lists equal).
const TAPE_NULL: usize = 0;
const TAPE_FALSE: usize = 1;
const TAPE_TRUE: usize = 2;
const TAPE_NUMBER: usize = 3;
const TAPE_STRING: usize = 4;
const TAPE_ARRAY: usize = 5;
const TAPE_OBJECT: usize = 6;
const TAPE_INEXPRESSIBLE: usize = 7;
const TAPE_TOO_DEEP: usize = 8;
const TAPE_CYCLE: usize = 9;
const TAPE_TOO_LARGE: usize = 10;

/// The reading position in a tape from `jsonTape`. A tape that ends early (element.js never writes
/// one) reads as a value JSON cannot express.
struct Tape<'a> {
    numbers: std::slice::Iter<'a, f64>,
    text: std::str::Chars<'a>,
}

impl Tape<'_> {
    fn number(&mut self) -> Result<f64, String> {
        self.numbers.next().copied().ok_or_else(inexpressible)
    }

    fn count(&mut self) -> Result<usize, String> {
        // Counts and lengths are whole numbers below 2^32; `as` saturates anything else.
        self.number().map(|n| n as usize)
    }

    /// The next string: as many UTF-16 code units of the text as the tape says. The text reached
    /// Rust as UTF-8, with a lone surrogate (one unit) replaced by U+FFFD (also one), so the counts
    /// still line up.
    fn string(&mut self) -> Result<String, String> {
        let mut left = self.count()?;
        let mut string = String::new();
        while left > 0 {
            let c = self.text.next().ok_or_else(inexpressible)?;
            left = left.saturating_sub(c.len_utf16());
            string.push(c);
        }
        Ok(string)
    }

    /// The next value, or the first thing in it that a document must not hold.
    fn value(&mut self) -> Result<Value, String> {
        Ok(match self.count()? {
            TAPE_NULL => Value::Null,
            TAPE_FALSE => Value::Bool(false),
            TAPE_TRUE => Value::Bool(true),
            TAPE_NUMBER => Value::Number(self.number()?),
            TAPE_STRING => Value::String(self.string()?),
            TAPE_ARRAY => {
                let count = self.count()?;
                let mut items = Vec::with_capacity(count.min(self.numbers.len()));
                for _ in 0..count {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            TAPE_OBJECT => {
                let count = self.count()?;
                let mut fields = Vec::with_capacity(count.min(self.numbers.len()));
                for _ in 0..count {
                    let key = self.string()?;
                    fields.push((key, self.value()?));
                }
                Value::Object(fields)
            }
            TAPE_TOO_DEEP => return Err(format!("nested deeper than {MAX_DEPTH} levels")),
            TAPE_CYCLE => return Err("an object contains itself".to_string()),
            TAPE_TOO_LARGE => return Err("over the size limit".to_string()),
            TAPE_INEXPRESSIBLE => return Err(inexpressible()),
            // A tape that is not element.js's.
            _ => return Err(inexpressible()),
        })
    }
}
