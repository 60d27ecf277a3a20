//! Taking parts out of a copy of a document, for documents that are used part by part (issue 32:
//! the config, the session): the copy loses an offer, an order line or a field, is decoded again,
//! and every path reported of it is given back as the document has it, though items taken out of a
//! list shift the indexes of the items after them.

use super::value::Value;

/// A copy of a document with parts taken out.
pub(crate) struct Pruned {
    /// The copy.
    pub(crate) value: Value,
    /// For each list an item was taken out of, by the list's path in the document as written, the
    /// index in the document of each item the copy still holds.
    origins: Vec<(String, Vec<usize>)>,
}

/// The segments of a path: `orders[3].lines` → `orders`, `[3]`, `lines`; a key as `Ok`, an index
/// as `Err`.
fn segments(path: &str) -> impl Iterator<Item = Result<&str, usize>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|segment| {
        let mut parts = segment.split('[');
        let key = parts.next().filter(|k| !k.is_empty()).map(Ok);
        key.into_iter().chain(parts.filter_map(|n| n.strip_suffix(']').and_then(|n| n.parse::<usize>().ok()).map(Err)))
    })
}

impl Pruned {
    pub(crate) fn new(value: &Value) -> Pruned {
        Pruned { value: value.clone(), origins: Vec::new() }
    }

    /// `path` (as the copy has it) as the document has it.
    pub(crate) fn original(&self, path: &str) -> String {
        let mut out = String::with_capacity(path.len());
        for segment in segments(path) {
            match segment {
                Ok(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Err(i) => {
                    let i = self
                        .origins
                        .iter()
                        .find(|(list, _)| *list == out)
                        .and_then(|(_, origins)| origins.get(i).copied())
                        .unwrap_or(i);
                    out = super::decode::index(&out, i);
                }
            }
        }
        out
    }

    /// The value at `path` in the copy.
    pub(crate) fn at_mut(&mut self, path: &str) -> Option<&mut Value> {
        segments(path).try_fold(&mut self.value, |value, segment| match (value, segment) {
            (Value::Object(fields), Ok(key)) => fields.iter_mut().rev().find(|(name, _)| name == key).map(|(_, v)| v),
            (Value::Array(items), Err(i)) => items.get_mut(i),
            _ => None,
        })
    }

    /// Takes the items at `doomed` (indexes as the copy has them) out of the list at `list`, all at
    /// once: each item with its index in the copy and its path in the document, in list order.
    /// (`retain`, not `remove` and a sort: the bundle carries neither one's panic nor the standard
    /// sort, which `rank.rs` stands in for.)
    pub(crate) fn remove_items(&mut self, list: &str, doomed: &[usize]) -> Vec<(usize, Value, String)> {
        let key = self.original(list);
        let Some(Value::Array(items)) = self.at_mut(list) else { return Vec::new() };
        let len = items.len();
        let gone: Vec<(usize, Value)> =
            items.iter().enumerate().filter(|(i, _)| doomed.contains(i)).map(|(i, v)| (i, v.clone())).collect();
        let mut at = 0;
        items.retain(|_| {
            at += 1;
            !doomed.contains(&(at - 1))
        });
        let origins = match self.origins.iter().position(|(l, _)| *l == key) {
            Some(found) => self.origins.get_mut(found).map(|(_, o)| o),
            None => {
                self.origins.push((key.clone(), (0..len).collect()));
                self.origins.last_mut().map(|(_, o)| o)
            }
        };
        let Some(origins) = origins else { return Vec::new() };
        let originals: Vec<usize> = gone.iter().map(|(i, _)| origins.get(*i).copied().unwrap_or(*i)).collect();
        let mut at = 0;
        origins.retain(|_| {
            at += 1;
            !doomed.contains(&(at - 1))
        });
        gone.into_iter().zip(originals).map(|((i, item), o)| (i, item, super::decode::index(&key, o))).collect()
    }

    /// Takes the field at `path` (as the copy has it) out, when it is there.
    pub(crate) fn remove_field(&mut self, path: &str) {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        let parent = if parent.is_empty() { Some(&mut self.value) } else { self.at_mut(parent) };
        if let Some(Value::Object(fields)) = parent {
            fields.retain(|(name, _)| name != key);
        }
    }
}
