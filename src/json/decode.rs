//! Decoding a [`Value`] into the core's types: every problem is recorded with its JSON path and the
//! decoder keeps going, so that a marketer sees the whole list at once.

use super::value::{show, Value, MAX_LIST_ITEMS, MAX_STRING_CHARS};
use crate::error::{Document, Error, Problem};
use crate::words::{cat, list, number, quoted};

/// Collects problems while a document is decoded.
#[derive(Default)]
pub(crate) struct Decoder {
    pub(crate) problems: Vec<Problem>,
    /// Natively, on request: every object opened, with its path and the fields the decoder knows
    /// there, so that a test can hold the decoder against the JSON Schemas.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) known: Option<Vec<(String, Vec<String>)>>,
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

/// The path of an item of the array at `path`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
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
    /// field, one more copy of the cleanup for every field of every document type.
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
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(seen) = self.known.as_mut() {
            seen.push((path.to_string(), known.iter().map(|k| k.to_string()).collect()));
        }
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

    /// A required number above 0 and at most `max`; `what` says what was expected, for the message
    /// (an amount off, a percentage, a multiplier).
    pub(crate) fn above_zero(&self, decoder: &mut Decoder, key: &str, max: f64, what: &str) -> Option<f64> {
        let n = self.required::<f64>(decoder, key)?;
        if n <= 0.0 || n > max {
            decoder
                .report(&child(self.path, key), why!(cat(&["expected ", what]); "expected {what}, got {}", number(n)));
            return None;
        }
        Some(n)
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
            Value::String(text) if text.len() > MAX_STRING_CHARS && text.chars().count() > MAX_STRING_CHARS => {
                decoder.report(
                    path,
                    why!(
                        "the string is too long";
                        "a string of {} characters is longer than the limit of {MAX_STRING_CHARS}",
                        text.chars().count()
                    ),
                );
                None
            }
            Value::String(text) => Some(text.clone()),
            other => decoder.expected(path, "a string", other),
        }
    }
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

impl Decode for i64 {
    fn decode(value: &Value, path: &str, decoder: &mut Decoder) -> Option<i64> {
        match value {
            // Within ±2^53, where JavaScript's numbers are exact.
            Value::Number(number) if number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_992.0 => {
                Some(*number as i64)
            }
            other => decoder.expected(path, "a whole number", other),
        }
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

/// Reads a string that must be one of the names in `table`, returning the value beside it: each
/// name and its value are written together, so that neither can move without the other.
pub(crate) fn named<T: Copy>(value: &Value, path: &str, decoder: &mut Decoder, table: &[(&str, T)]) -> Option<T> {
    let names: Vec<&str> = table.iter().map(|(name, _)| *name).collect();
    let index = one_of(value, path, decoder, &names)?;
    table.get(index).map(|(_, value)| *value)
}

/// Reads a string and converts it, reporting the converter's message.
pub(crate) fn parsed<T>(
    value: &Value,
    path: &str,
    decoder: &mut Decoder,
    parse: fn(&str) -> Result<T, Problem>,
) -> Option<T> {
    let Value::String(text) = value else {
        return decoder.expected(path, "a string", value);
    };
    match parse(text) {
        Ok(parsed) => Some(parsed),
        Err(problem) => {
            decoder.report(path, problem.message);
            None
        }
    }
}

/// Decodes a parsed document into `T`, reporting every problem with its JSON path.
///
/// # Errors
/// Every value of the wrong shape, with its path.
pub(crate) fn decode<T: Decode>(document: Document, value: &Value) -> Result<T, Error> {
    let mut decoder = Decoder::default();
    match T::decode(value, "", &mut decoder) {
        Some(decoded) if decoder.problems.is_empty() => Ok(decoded),
        _ => Err(Error::all(document, decoder.problems)),
    }
}

/// Parses JSON text into a [`Value`].
///
/// # Errors
/// Malformed JSON, with line and column.
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub(crate) fn parse_text(document: Document, text: &str) -> Result<Value, Error> {
    super::value::check_size(text).map_err(|problem| Error::one(document, problem))?;
    Value::parse(text).map_err(|(message, position)| {
        Error::one(
            document,
            Problem { path: String::new(), message: format!("not valid JSON: {message}"), position, offset: None },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_paths() {
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
    }
}
