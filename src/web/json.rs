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

/// Deeper documents are refused rather than risking the stack; no real session or config nests more
/// than a handful of levels. element.js stops at the same depth.
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
/// A value JSON cannot express (a function, `undefined` in an array, an object whose fields cannot
/// be read) or nesting beyond 64 levels.
pub(crate) fn from_js(value: &JsValue) -> Result<Value, String> {
    let flat = json_tape(value).map_err(|_| inexpressible())?;
    let numbers = Float64Array::new(&flat.get(0)).to_vec();
    let text = flat.get(1).as_string().unwrap_or_default();
    Tape { numbers: numbers.iter(), text: text.chars() }.value()
}

fn inexpressible() -> String {
    "expected JSON data, got a value JSON cannot express".to_string()
}

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
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::Number(self.number()?),
            4 => Value::String(self.string()?),
            5 => {
                let count = self.count()?;
                let mut items = Vec::with_capacity(count.min(self.numbers.len()));
                for _ in 0..count {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            6 => {
                let count = self.count()?;
                let mut fields = Vec::with_capacity(count.min(self.numbers.len()));
                for _ in 0..count {
                    let key = self.string()?;
                    fields.push((key, self.value()?));
                }
                Value::Object(fields)
            }
            8 => return Err(format!("nested deeper than {MAX_DEPTH} levels")),
            _ => return Err(inexpressible()),
        })
    }
}
