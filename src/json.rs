//! Reading JSON documents into the core's types, reporting every problem at once with its JSON path.
//!
//! serde's derived deserializers stop at the first error and know nothing of paths; a marketer fixing
//! a config wants the whole list, and the browser bundle wants no per-type generic code. So a document
//! is first parsed into a [`Value`] tree — by serde_json on the command line, by the browser's own
//! `JSON.parse` in the widget, which keeps a JSON parser out of the download — and then decoded by
//! hand-written, non-generic functions that keep going after a problem.

use crate::error::Problem;

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
    fn as_whole(&self, max: u64) -> Option<u64> {
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
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(text: &str) -> Result<Value, (String, Option<crate::Position>)> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Ok(Value::from(value)),
            Err(error) => {
                let message = error.to_string();
                // serde_json appends " at line L column C"; the position is kept as data instead.
                let message = message.rfind(" at line ").map_or(message.as_str(), |cut| &message[..cut]).to_string();
                let position =
                    (error.line() > 0).then(|| crate::Position { line: error.line(), column: error.column() });
                Err((message, position))
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
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
pub(crate) fn check_size(text: &str) -> Result<(), String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        Err(format!("the document has {} bytes, over the limit of {MAX_DOCUMENT_BYTES}", text.len()))
    } else {
        Ok(())
    }
}

/// Collects problems while a document is decoded.
#[derive(Default)]
pub(crate) struct Decoder {
    pub(crate) problems: Vec<Problem>,
}

/// A value that can be read from JSON at a path.
pub(crate) trait Decode: Sized {
    /// Reads the value, or records why it cannot and returns `None`.
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<Self>;
}

/// The path of a field inside the object at `path`.
pub(crate) fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        cat(&[path, ".", key])
    }
}

/// `value`'s last `digits` hexadecimal digits, in lower case: `format!("{:0N$x}")` without the
/// formatting machinery's hexadecimal code in the bundle.
pub(crate) fn hex(value: u64, digits: u32) -> String {
    (0..digits).rev().filter_map(|i| char::from_digit(((value >> (4 * i)) & 0xf) as u32, 16)).collect()
}

/// The path of an item of the array at `path`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A string in double quotes, escaped as JSON escapes it, and cut short after 60 characters (a
/// megabyte string must not become a megabyte console message).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64) + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' => {
                out.push_str("\\u");
                out.push_str(&hex(u64::from(c), 4));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The pieces one after the other: `concat()` without its generic code (400 bytes of the bundle).
pub(crate) fn cat(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// Items joined by ", ".
pub(crate) fn list<T: AsRef<str>>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
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

/// A number as a marketer wrote it: `500`, not `500.0`; at most six decimals. Written by hand because
/// Rust's float formatting would add kilobytes to the browser bundle for the sake of error messages.
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "a number out of range".to_string();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let micros = (value.abs() * 1e6).round();
    if micros >= 9e18 {
        return format!("{sign}{}", value.abs() as u64);
    }
    let micros = micros as u64;
    let (whole, fraction) = (micros / 1_000_000, micros % 1_000_000);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

impl Decoder {
    /// How many problems so far; pass it to [`Decoder::finish`].
    pub(crate) fn mark(&self) -> usize {
        self.problems.len()
    }

    /// `value` when no problem was recorded since `mark`.
    ///
    /// Decoders fill every field (a default where a field is broken) and decide once at the end,
    /// rather than returning early per field: the early returns compiled into a drop ladder per
    /// field, kilobytes in the browser bundle.
    pub(crate) fn finish<T>(&self, mark: usize, value: T) -> Option<T> {
        (self.problems.len() == mark).then_some(value)
    }

    /// Records a problem.
    pub(crate) fn report(&mut self, path: &str, message: String) {
        self.problems.push(Problem::at(path, message));
    }

    /// Records "expected …, got …" and returns `None`, for use as a decode result.
    pub(crate) fn expected<T>(&mut self, path: &str, what: &str, got: &Value) -> Option<T> {
        self.report(path, why!(cat(&["expected ", what]); "expected {what}, got {}", show(got)));
        None
    }

    /// Opens an object, reporting every field not in `known` (with a suggestion for a near miss).
    pub(crate) fn object<'a>(&mut self, value: &'a Value, path: &'a str, known: &[&str]) -> Option<Fields<'a>> {
        let Value::Object(fields) = value else {
            return self.expected(path, "an object", value);
        };
        for (key, _) in fields {
            // Editors put "$schema" at the top of a document for autocompletion; Patron ignores it.
            let allowed = known.contains(&key.as_str()) || (key == "$schema" && path.is_empty());
            if !allowed {
                self.report(&child(path, key), why!("unknown field"; "{}", unknown_field(key, known)));
            }
        }
        Some(Fields { value, path })
    }
}

fn unknown_field(key: &str, known: &[&str]) -> String {
    let nearest = known
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 4))
        .min_by_key(|(distance, _)| *distance);
    match nearest {
        Some((_, candidate)) => format!("unknown field {}; did you mean {}?", quoted(key), quoted(candidate)),
        None => {
            format!("unknown field {}, expected one of {}", quoted(key), list(known.iter().map(|k| quoted(k))))
        }
    }
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
#[allow(clippy::indexing_slicing)] // `row` has b.len() + 1 entries and j < b.len(): every index is in range.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The fields of one JSON object.
pub(crate) struct Fields<'a> {
    value: &'a Value,
    path: &'a str,
}

impl Fields<'_> {
    /// A field that must be present.
    pub(crate) fn required<T: Decode>(&self, decoder: &mut Decoder, key: &str) -> Option<T> {
        match self.value.get(key) {
            Some(value) => T::decode(value, &child(self.path, key), decoder),
            None => {
                decoder.report(self.path, why!(cat(&["missing field ", key]); "missing field {}", quoted(key)));
                None
            }
        }
    }

    /// A field that may be absent or `null`: `Some(None)` then, `None` when present but wrong.
    pub(crate) fn optional<T: Decode>(&self, decoder: &mut Decoder, key: &str) -> Option<Option<T>> {
        match self.value.get(key) {
            None | Some(Value::Null) => Some(None),
            Some(value) => T::decode(value, &child(self.path, key), decoder).map(Some),
        }
    }

    /// A required field, or its type's default when missing or broken (the problem is recorded).
    pub(crate) fn req<T: Decode + Default>(&self, decoder: &mut Decoder, key: &str) -> T {
        self.required(decoder, key).unwrap_or_default()
    }

    /// An optional field; `None` when absent, `null` or broken (the problem is recorded).
    pub(crate) fn opt<T: Decode>(&self, decoder: &mut Decoder, key: &str) -> Option<T> {
        self.optional(decoder, key).flatten()
    }

    /// A field with a default for when it is absent, `null` or broken (the problem is recorded).
    pub(crate) fn get_or<T: Decode>(&self, decoder: &mut Decoder, key: &str, default: T) -> T {
        self.optional(decoder, key).flatten().unwrap_or(default)
    }
}

impl Decode for String {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<String> {
        match value {
            // A byte count above the limit may still be few enough characters; count only then.
            Value::String(text) if text.len() > MAX_STRING_CHARS && char_count(text) > MAX_STRING_CHARS => {
                decoder.report(
                    path,
                    why!(
                        "the string is too long";
                        "a string of {} characters is longer than the limit of {MAX_STRING_CHARS}",
                        char_count(text)
                    ),
                );
                None
            }
            Value::String(text) => Some(text.clone()),
            other => decoder.expected(path, "a string", other),
        }
    }
}

/// Characters in `text`: counted by hand because `chars().count()` brings a word-at-a-time counter
/// of nearly a kilobyte into the browser bundle for a message that is rarely shown.
fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| (*byte as i8) >= -0x40).count()
}

impl Decode for bool {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<bool> {
        match value {
            Value::Bool(flag) => Some(*flag),
            other => decoder.expected(path, "true or false", other),
        }
    }
}

impl Decode for f64 {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<f64> {
        match value {
            Value::Number(number) if number.is_finite() => Some(*number),
            other => decoder.expected(path, "a number", other),
        }
    }
}

/// Whole numbers up to `max`.
pub(crate) fn whole(value: &Value, path: &str, decoder: &mut Decoder, max: u64) -> Option<u64> {
    match value.as_whole(max) {
        Some(number) => Some(number),
        None => {
            decoder.report(
                path,
                why!("expected a whole number"; "expected a whole number from 0 to {max}, got {}", show(value)),
            );
            None
        }
    }
}

impl Decode for u64 {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<u64> {
        // 2^53: the largest whole number JavaScript's JSON.parse keeps exact, so the page and Patron
        // always agree on it.
        whole(value, path, decoder, 9_007_199_254_740_992)
    }
}

impl Decode for u32 {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<u32> {
        whole(value, path, decoder, u64::from(u32::MAX)).map(|n| n as u32)
    }
}

impl Decode for u16 {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<u16> {
        whole(value, path, decoder, u64::from(u16::MAX)).map(|n| n as u16)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<Vec<T>> {
        let mut out = Vec::new();
        // The per-type part is only the element call: the loop, the limit and the paths are shared
        // by every list type (one copy in the browser bundle instead of one per element type).
        let complete = each(value, path, decoder, &mut |item, path, decoder| match T::decode(item, path, decoder) {
            Some(decoded) => {
                out.push(decoded);
                true
            }
            None => false,
        })?;
        complete.then_some(out)
    }
}

/// Calls `element` on every item of the array at `path`; `Some(false)` when any item was broken,
/// `None` when `value` is no array or too long.
fn each(
    value: &Value,
    path: &str,
    decoder: &mut Decoder,
    element: &mut dyn FnMut(&Value, &str, &mut Decoder) -> bool,
) -> Option<bool> {
    let Value::Array(items) = value else {
        return decoder.expected(path, "an array", value);
    };
    if items.len() > MAX_LIST_ITEMS {
        decoder.report(
            path,
            why!("the list is too long"; "a list of {} items is longer than the limit of {MAX_LIST_ITEMS}", items.len()),
        );
        return None;
    }
    let mut complete = true;
    for (i, item) in items.iter().enumerate() {
        // Every element is read, so that all broken ones are reported, not just the first.
        complete &= element(item, &index(path, i), decoder);
    }
    Some(complete)
}

/// Reads a string that must be one of `names`, returning its index.
pub(crate) fn one_of(value: &Value, path: &str, decoder: &mut Decoder, names: &[&str]) -> Option<usize> {
    if let Some(index) = value.as_str().and_then(|text| names.iter().position(|name| *name == text)) {
        return Some(index);
    }
    decoder.report(
        path,
        why!("expected one of the allowed names"; "expected one of {}, got {}", list(names.iter().map(|name| quoted(name))), show(value)),
    );
    None
}

/// Reads a string and converts it, reporting the converter's message.
pub(crate) fn parsed<T>(
    value: &Value,
    path: &str,
    decoder: &mut Decoder,
    parse: fn(&str) -> Result<T, String>,
) -> Option<T> {
    let Value::String(text) = value else {
        return decoder.expected(path, "a string", value);
    };
    match parse(text) {
        Ok(parsed) => Some(parsed),
        Err(message) => {
            decoder.report(path, message);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_hexadecimal_digits_and_paths() {
        assert_eq!(hex(0x1f, 4), "001f");
        assert_eq!(hex(u64::MAX, 16), "ffffffffffffffff");
        assert_eq!(quoted("a\u{1}b"), "\"a\\u0001b\"");
        assert_eq!(index(&child("offers", "audience"), 12), "offers.audience[12]");
        assert_eq!(child("", "offers"), "offers");
    }

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            unknown_field("birth_day", &["id", "birthday"]),
            "unknown field \"birth_day\"; did you mean \"birthday\"?"
        );
        assert_eq!(
            unknown_field("colour", &["id", "name"]),
            "unknown field \"colour\", expected one of \"id\", \"name\""
        );
    }

    #[test]
    fn long_values_are_cut_short() {
        let long = "x".repeat(1_000_000);
        assert_eq!(show(&Value::String(long)).chars().count(), 63);
        assert_eq!(quoted("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
        assert_eq!(number(500.0), "500");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-3.5), "-3.5");
        assert_eq!(number(2e12), "2000000000000");
    }
}

/// Walks the JSON text, calling `visit` with each member's and item's path and where it starts, in
/// document order, until `visit` returns `true` (the document itself is the empty path).
#[cfg(not(target_arch = "wasm32"))]
fn walk(text: &str, mut visit: impl FnMut(String, crate::Position) -> bool) {
    struct Scanner<'a> {
        bytes: &'a [u8],
        at: usize,
        line: usize,
        column: usize,
    }

    impl Scanner<'_> {
        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.at).copied()
        }

        fn bump(&mut self) {
            if let Some(byte) = self.peek() {
                self.at += 1;
                if byte == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if byte & 0xC0 != 0x80 {
                    // Columns count characters, not the continuation bytes of UTF-8.
                    self.column += 1;
                }
            }
        }

        fn space(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.bump();
            }
        }

        fn position(&self) -> crate::Position {
            crate::Position { line: self.line, column: self.column }
        }

        fn string(&mut self) -> String {
            let start = self.at + 1;
            self.bump();
            while let Some(byte) = self.peek() {
                match byte {
                    b'\\' => {
                        self.bump();
                        self.bump();
                    }
                    b'"' => break,
                    _ => self.bump(),
                }
            }
            let raw = self.bytes.get(start.min(self.at)..self.at).unwrap_or_default();
            self.bump();
            serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat()).unwrap_or_default()
        }

        /// Walks one value at `path`, telling `visit` where each member and item starts; stops
        /// (returning `true`) as soon as `visit` does.
        fn value(&mut self, path: &str, visit: &mut dyn FnMut(String, crate::Position) -> bool) -> bool {
            self.space();
            match self.peek() {
                Some(b'{') => {
                    self.bump();
                    loop {
                        self.space();
                        match self.peek() {
                            Some(b'}') => {
                                self.bump();
                                return false;
                            }
                            Some(b',') => self.bump(),
                            Some(b'"') => {
                                let at = self.position();
                                let key = self.string();
                                let here = child(path, &key);
                                if visit(here.clone(), at) {
                                    return true;
                                }
                                self.space();
                                self.bump(); // the colon
                                if self.value(&here, visit) {
                                    return true;
                                }
                            }
                            _ => return true,
                        }
                    }
                }
                Some(b'[') => {
                    self.bump();
                    let mut index = 0;
                    loop {
                        self.space();
                        match self.peek() {
                            Some(b']') => {
                                self.bump();
                                return false;
                            }
                            Some(b',') => self.bump(),
                            Some(_) => {
                                let here = crate::json::index(path, index);
                                if visit(here.clone(), self.position()) || self.value(&here, visit) {
                                    return true;
                                }
                                index += 1;
                            }
                            None => return true,
                        }
                    }
                }
                Some(b'"') => {
                    self.string();
                    false
                }
                Some(_) => {
                    while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                    {
                        self.bump();
                    }
                    false
                }
                None => true,
            }
        }
    }

    let mut scanner = Scanner { bytes: text.as_bytes(), at: 0, line: 1, column: 1 };
    scanner.space();
    visit(String::new(), scanner.position());
    scanner.value("", &mut visit);
}

/// Finds where a JSON path starts in the text, for the command line's `FILE:LINE:COLUMN` (members
/// point at their key, array items at their first character).
#[cfg(not(target_arch = "wasm32"))]
pub fn locate(text: &str, wanted: &str) -> Option<crate::Position> {
    let mut found = None;
    walk(text, |path, at| {
        let hit = path == wanted;
        if hit {
            found = Some(at);
        }
        hit
    });
    found
}

/// Where every JSON path in the text starts, in one pass: for reports with many problems, which
/// `locate` would each scan the document for.
#[cfg(not(target_arch = "wasm32"))]
pub fn positions(text: &str) -> std::collections::HashMap<String, crate::Position> {
    let mut all = std::collections::HashMap::new();
    walk(text, |path, at| {
        all.entry(path).or_insert(at);
        false
    });
    all
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod locate_tests {
    use super::locate;
    use crate::Position;

    #[test]
    fn finds_keys_and_items() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"ä\": {\"c\": 2}\n}";
        assert_eq!(locate(text, "a"), Some(Position { line: 2, column: 3 }));
        assert_eq!(locate(text, "a[1]"), Some(Position { line: 2, column: 12 }));
        assert_eq!(locate(text, "a[1].b"), Some(Position { line: 2, column: 13 }));
        assert_eq!(locate(text, "ä.c"), Some(Position { line: 3, column: 9 }));
        assert_eq!(locate(text, "missing"), None);
        assert_eq!(locate(text, ""), Some(Position { line: 1, column: 1 }));
    }
}
