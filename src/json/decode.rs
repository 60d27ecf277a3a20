//! Decoding a [`Value`] into the core's types: every problem is recorded with its JSON path and the
//! decoder keeps going, so that a marketer sees the whole list at once.

use super::value::{show, Value, MAX_LIST_ITEMS, MAX_STRING_CHARS};
use crate::error::{Document, Error, Problem};
use crate::words::{cat, list, number, quoted};

/// Collects problems while a document is decoded.
#[derive(Default)]
pub(crate) struct Decoder {
    pub(crate) problems: Vec<Problem>,
    /// Whether a problem costs only the part it is in (the widget, issue 32; see
    /// [`Decoder::is_lenient`]); in the browser, the build decides.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) lenient: bool,
    /// The config's default language, for the checks of texts that lenient decoding makes as it
    /// goes.
    pub(crate) language: String,
    /// The parts left out so far (lenient decoding only).
    #[cfg(lenient_decoding)]
    pub(crate) omitted: Vec<Omitted>,
    /// The problems of the parts left out, each with the index in `omitted` of its part.
    #[cfg(lenient_decoding)]
    pub(crate) contained: Vec<(Problem, usize)>,
    /// Natively, on request: every object opened, with its path and the fields the decoder knows
    /// there, so that a test can hold the decoder against the JSON Schemas.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) known: Option<Vec<(String, Vec<String>)>>,
}

/// A part of a document left out, because of a problem in it or in a part it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omitted {
    /// Where it is in the document as written: `offers[1]`, `programme.rewards[0]`,
    /// `orders[3].lines[1]`, `max_per_placement.top`, `programme`.
    pub path: String,
    /// What kind of part: `offer`, `reward`, `way to earn`, `badge`, `recommendation rule`,
    /// `recommendations`, `placement limit`, `field`, `programme`; in a session `order`,
    /// `order line`, `cart line`, `redemption`, `expiring points`, `points ledger`.
    pub part: &'static str,
    /// Its id, for parts that have one (an offer's, a reward's, a badge's, an order's).
    pub id: Option<String>,
    /// Why: the first problem found in it, or what it needed.
    pub reason: String,
}

impl Omitted {
    /// What leaving it out costs, in the words of the console: `offer "win-back" not shown`,
    /// `programme not shown` (the card and the rewards panel), `redemption left out`.
    pub fn consequence(&self) -> String {
        let id = self.id.as_deref().map(|id| cat(&[" ", &quoted(id)])).unwrap_or_default();
        let shown = matches!(self.part, "offer" | "badge" | "programme");
        cat(&[self.part, &id, if shown { " not shown" } else { " left out" }])
    }
}

/// Whether to keep a list's item, asked with the decoder's mark before the item ([`Fields::parts`]).
#[cfg(lenient_decoding)]
type Keep<'a> = &'a mut dyn FnMut(&mut Decoder, usize) -> bool;

/// A document as the widget uses it: every part without a problem, and what the others cost.
#[derive(Clone, Debug)]
pub struct Lenient<T> {
    /// The parts that can be used.
    pub value: T,
    /// The parts left out, in the order found.
    pub omitted: Vec<Omitted>,
    /// Every problem found, at its path in the document, with the index in `omitted` of the part
    /// it cost.
    pub problems: Vec<(Problem, usize)>,
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

    /// Whether a part decoded since `mark` had a problem; when decoding leniently, the part is
    /// then left out: its problems move out of `problems` (so that the parts around it still
    /// decode) and it is recorded, at `path`, with its `id` when the document gives one.
    pub(crate) fn omit(&mut self, mark: usize, path: &str, part: &'static str, id: Option<&Value>) -> bool {
        if self.problems.len() == mark {
            return false;
        }
        #[cfg(lenient_decoding)]
        if self.is_lenient() {
            let id = id.and_then(|v| v.get("id")).and_then(Value::as_str).map(str::to_string);
            self.leave_out(mark, Omitted { path: path.to_string(), part, id, reason: String::new() });
        }
        #[cfg(not(lenient_decoding))]
        let _ = (path, part, id);
        true
    }

    /// Leaves out, as separate parts, each problem since `mark` at its own path (unknown fields,
    /// one placement's limit, one rule): when decoding leniently.
    pub(crate) fn omit_each(&mut self, mark: usize, part: &'static str) {
        #[cfg(not(lenient_decoding))]
        let _ = (mark, part);
        #[cfg(lenient_decoding)]
        while self.is_lenient() && self.problems.len() > mark {
            let path = self.problems.last().map(|p| p.path.clone()).unwrap_or_default();
            let at = self.problems.len() - 1;
            self.leave_out(at, Omitted { path, part, id: None, reason: String::new() });
        }
    }

    /// Records `part` with the problems since `mark` (its reason is the first one's).
    #[cfg(lenient_decoding)]
    pub(crate) fn leave_out(&mut self, mark: usize, mut part: Omitted) {
        let n = self.omitted.len();
        let found = self.problems.split_off(mark.min(self.problems.len()));
        for problem in found {
            if part.reason.is_empty() {
                part.reason.clone_from(&problem.message);
            }
            self.contained.push((problem, n));
        }
        self.omitted.push(part);
    }

    /// Whether a problem costs only the part it is in: [`Decoder::omit`] then takes the part's
    /// problems out of `problems` and records the part in `omitted`, and the checks across sections
    /// run on each part as it is decoded, so that each problem is found in its own part. Otherwise
    /// decoding is strict, as `patron validate` and `Config::from_value` read, and the checks across
    /// sections run once the whole document decodes. In the browser this is the build's: the
    /// recovery module (feature `lenient`) decodes only leniently, the others only strictly, and
    /// each leaves the other's paths out.
    pub(crate) fn is_lenient(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        return cfg!(feature = "lenient");
        #[cfg(not(target_arch = "wasm32"))]
        self.lenient
    }

    /// Lenient decoding: reports item `i` of the list at `list` (its items as written, `shared`
    /// from [`shared_ids`]) when another item has its id: two parts with one id cannot both be meant,
    /// so both are left out; with `both` false (an order sent twice) only the later ones are.
    #[allow(clippy::too_many_arguments)] // Called once per list; a struct would only rename them.
    #[cfg(any(not(target_arch = "wasm32"), feature = "banners", feature = "rewards"))]
    pub(crate) fn shared_id(&mut self, items: &[Value], shared: &[bool], i: usize, list: &str, what: &str, both: bool) {
        fn id(v: &Value) -> Option<&str> {
            v.get("id").and_then(Value::as_str)
        }
        let Some(mine) = items.get(i).filter(|_| shared.get(i) == Some(&true)).and_then(id) else { return };
        if both || items.iter().take(i).any(|v| id(v) == Some(mine)) {
            let message = why!(
                cat(&["another ", what, " has this id"]);
                "another {what} in {list} has the id {}",
                quoted(mine)
            );
            self.report(&child(&index(list, i), "id"), message);
        }
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

    /// A list whose items are parts of their own (a programme's rewards, a ledger's redemptions):
    /// absent or `null` is empty. Decoding leniently, each decoded item is also `check`ed (the
    /// checks across sections, which need it whole), items sharing an id have a problem when `ids`
    /// says they have ids (`Some(both)`, see [`Decoder::shared_id`]), and an item with a problem is
    /// left out alone as a `part`; a field that is no list (or too long) is left out as a `section`,
    /// or, when that is empty, costs the part around it.
    #[cfg(lenient_decoding)]
    pub(crate) fn parts<T: Decode>(
        &self,
        d: &mut Decoder,
        key: &str,
        names: (&'static str, &'static str),
        ids: Option<bool>,
        check: &mut dyn FnMut(&T, usize, &str, &mut Decoder),
    ) -> Vec<T> {
        if !d.is_lenient() {
            // Strictly, as any list: a build that decodes only strictly carries nothing more.
            return self.get_or(d, key, Vec::new());
        }
        // Only the item's decoding is per type: the list, the ids and the leaving out are shared
        // (`each_part`), one copy in the bundle instead of one per list.
        let mut out = Vec::new();
        self.each_part(d, key, names, ids, &mut |i, item, here, d, keep| {
            let mark = d.mark();
            let decoded = T::decode(item, here, d);
            if let Some(decoded) = &decoded {
                check(decoded, i, here, d);
            }
            if keep(d, mark) {
                if let Some(decoded) = decoded {
                    out.push(decoded);
                }
            }
        });
        out
    }

    /// [`Fields::parts`] in a build that decodes only strictly: any list.
    #[cfg(not(lenient_decoding))]
    #[inline(always)]
    pub(crate) fn parts<T: Decode>(
        &self,
        d: &mut Decoder,
        key: &str,
        _: (&'static str, &'static str),
        _: Option<bool>,
        _: &mut dyn FnMut(&T, usize, &str, &mut Decoder),
    ) -> Vec<T> {
        self.get_or(d, key, Vec::new())
    }

    /// [`Fields::parts`] without its type: `element` decodes item `i` and asks `keep` (with the
    /// decoder's mark before it) whether to keep it.
    #[cfg(lenient_decoding)]
    fn each_part(
        &self,
        d: &mut Decoder,
        key: &str,
        (part, section): (&'static str, &'static str),
        ids: Option<bool>,
        element: &mut dyn FnMut(usize, &Value, &str, &mut Decoder, Keep<'_>),
    ) {
        let (Some(value), mark) = (self.value.get(key).filter(|v| !matches!(v, Value::Null)), d.mark()) else {
            return;
        };
        let path = child(self.path, key);
        let items: &[Value] = match value {
            Value::Array(items) => items,
            _ => &[],
        };
        let shared = match ids {
            Some(_) if d.is_lenient() => shared_ids(items),
            _ => Vec::new(),
        };
        each(value, &path, d, &mut |i, item, here, d| {
            element(i, item, here, d, &mut |d, mark| {
                if d.is_lenient() {
                    d.shared_id(items, &shared, i, &path, part, ids == Some(true));
                }
                !d.omit(mark, here, part, Some(item))
            });
            true
        });
        if !section.is_empty() {
            d.omit(mark, &path, section, None);
        }
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
        let complete =
            each(value, path, decoder, &mut |_, item, path, decoder| match T::decode(item, path, decoder) {
                Some(decoded) => {
                    out.push(decoded);
                    true
                }
                None => false,
            })?;
        complete.then_some(out)
    }
}

/// Calls `element` on every item of the array at `path` (with its index); `Some(false)` when any item was broken,
/// `None` when `value` is no array or too long.
fn each(
    value: &Value,
    path: &str,
    decoder: &mut Decoder,
    element: &mut dyn FnMut(usize, &Value, &str, &mut Decoder) -> bool,
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
        complete &= element(i, item, &index(path, i), decoder);
    }
    Some(complete)
}

/// For each item of a list as written, whether another item has its `id` (lenient decoding): one
/// ranking of the ids' hashes, so that a list of 10,000 rewards is not compared pair by pair.
#[cfg(any(not(target_arch = "wasm32"), feature = "banners", feature = "rewards"))]
pub(crate) fn shared_ids(items: &[Value]) -> Vec<bool> {
    let id = |i: usize| items.get(i).and_then(|v| v.get("id")).and_then(Value::as_str);
    let key = |i: usize| id(i).map_or(-1, |id| (crate::hash::stable_hash(&[id]) >> 1) as i64);
    let order = crate::rank::ranked((0..items.len()).map(|i| (key(i), 0)));
    let mut shared = vec![false; items.len()];
    for pair in order.windows(2) {
        if let [a, b] = *pair {
            if id(a).is_some() && id(a) == id(b) {
                for k in [a, b] {
                    if let Some(flag) = shared.get_mut(k) {
                        *flag = true;
                    }
                }
            }
        }
    }
    shared
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
    let decoded = T::decode(value, "", &mut decoder);
    let problems = decoder.problems;
    // A build that decodes only leniently has moved the problems of the parts it left out.
    #[cfg(all(target_arch = "wasm32", lenient_decoding))]
    let problems: Vec<Problem> = decoder.contained.into_iter().map(|(problem, _)| problem).chain(problems).collect();
    match decoded {
        Some(decoded) if problems.is_empty() => Ok(decoded),
        _ => Err(Error::all(document, problems)),
    }
}

/// Decodes a document leniently (see [`Decoder::is_lenient`]): every part without a problem, and
/// what the others cost.
///
/// # Errors
/// The problems no part contains: the document cannot be used at all.
#[cfg(lenient_decoding)]
pub(crate) fn decode_leniently<T: Decode>(document: Document, value: &Value) -> Result<Lenient<T>, Error> {
    let mut d = Decoder {
        #[cfg(not(target_arch = "wasm32"))]
        lenient: true,
        ..Decoder::default()
    };
    match T::decode(value, "", &mut d) {
        Some(value) if d.problems.is_empty() => Ok(Lenient { value, omitted: d.omitted, problems: d.contained }),
        _ => Err(Error::all(document, d.problems)),
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
