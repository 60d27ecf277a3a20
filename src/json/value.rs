//! The parsed JSON document, and the limits on what Patron reads.

use crate::words::{number, quoted};

/// A parsed JSON document. Objects keep their fields in document order, so problems are reported in
/// the order a reader meets them.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; JSON numbers are read as JavaScript reads them, as 64-bit floats.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, fields in document order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// A whole number from 0 to `max`, if this is one.
    pub(crate) fn as_whole(&self, max: u64) -> Option<u64> {
        match self {
            Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= max as f64 => Some(*n as u64),
            _ => None,
        }
    }

    /// The field of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value),
            _ => None,
        }
    }

    /// Parses JSON text (the command line's path; the widget uses the browser's `JSON.parse`).
    ///
    /// # Errors
    /// serde_json's description of the syntax error, and where it is.
    #[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
    pub fn parse(text: &str) -> Result<Value, (String, Option<crate::error::Position>)> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Ok(Value::from(value)),
            Err(error) => {
                let message = error.to_string();
                // serde_json appends " at line L column C"; the position is kept as data instead.
                let message = message.rfind(" at line ").map_or(message.as_str(), |cut| &message[..cut]).to_string();
                let position =
                    (error.line() > 0).then(|| crate::error::Position { line: error.line(), column: error.column() });
                Err((message, position))
            }
        }
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(flag) => Value::Bool(flag),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(text) => Value::String(text),
            serde_json::Value::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

/// The largest document Patron reads, in bytes: a session or config beyond it is refused before
/// parsing, so that a runaway page template cannot stall the shopper's browser.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The longest string Patron accepts in a document, in characters.
pub const MAX_STRING_CHARS: usize = 10_000;

/// The longest list Patron accepts in a document (orders, lines, offers…).
pub const MAX_LIST_ITEMS: usize = 100_000;

/// Refuses a document over [`MAX_DOCUMENT_BYTES`] with a message for the console.
///
/// # Errors
/// The document's size and the limit.
pub(crate) fn check_size(text: &str) -> Result<(), crate::error::Problem> {
    if text.len() > MAX_DOCUMENT_BYTES {
        Err(crate::error::Problem::reason(format!(
            "the document has {} bytes, over the limit of {MAX_DOCUMENT_BYTES}",
            text.len()
        )))
    } else {
        Ok(())
    }
}

/// JSON text made safe to embed in `<script type="application/json">`: `<`, `>` and `&` written as
/// `\u003c`, `\u003e` and `\u0026`, so that no string can close the block (`</script>`) or open a
/// comment (`<!--`), and U+2028 and U+2029 escaped for older JavaScript parsers. These characters
/// appear in JSON text only inside strings, where the escapes stand for the same characters.
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// A JSON value as it was written, for "got …" in messages.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(n) => number(*n),
        Value::String(text) => quoted(text),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}
