//! The session part by part (issue 32), by the config's rule (`config/parts.rs`, which says where
//! it is used): a malformed
//! order, order line, cart line, redemption or batch of expiring points is left out with its path;
//! a malformed points ledger is left out whole, so that the points are computed from the orders (and
//! the rewards panel waits for a ledger to redeem, as it does without one); an optional field that
//! does not read (`locale`, `now`, `customer.birthday`, …) is ignored. A signed-in shopper is never
//! asked to sign in because of a data problem. What cannot be used at all is refused as before: a
//! document that is no object, without a readable currency (every amount is in it), or whose
//! customer has no readable id.

use super::Session;
use crate::error::{Document, Error, Problem};
use crate::json::{decode, Omitted, Pruned, Value};

/// The lists whose items are parts of their own, and what each item is: the list's path (an
/// order's lines are `orders[N].lines`, the `N` whatever the problem's path says), innermost first so
/// that an order's lines go before the order.
const LISTS: [(&str, &str, &str); 5] = [
    ("orders", ".lines", "order line"),
    ("orders", "", "order"),
    ("cart.lines", "", "cart line"),
    ("points.redeemed", "", "redemption"),
    ("points.expiring", "", "expiring points"),
];

/// Rounds at most: the second finds what only a decoded session shows (an order sent twice).
const MAX_ROUNDS: usize = 4;

/// `[N]` at the start of `text`: N and what follows.
fn bracketed(text: &str) -> Option<(usize, &str)> {
    let (n, rest) = text.strip_prefix('[')?.split_once(']')?;
    Some((n.parse().ok()?, rest))
}

/// The list (as `LISTS` index), its path, and the index a problem at `path` is in, when it is in an
/// item of one of `LISTS`.
fn item_of(path: &str) -> Option<(usize, String, usize)> {
    for (k, (head, tail, _)) in LISTS.iter().enumerate() {
        let Some(rest) = path.strip_prefix(head) else { continue };
        let (list, rest) = if tail.is_empty() {
            (head.to_string(), rest)
        } else {
            let Some((n, after)) = bracketed(rest) else { continue };
            let Some(after) = after.strip_prefix(tail) else { continue };
            (format!("{head}[{n}]{tail}"), after)
        };
        if let Some((i, _)) = bracketed(rest) {
            return Some((k, list, i));
        }
    }
    None
}

impl Session {
    /// The session part by part: every part without a problem; the problems, at their
    /// paths in the document; and the parts left out (see the module's documentation).
    ///
    /// # Errors
    /// A session of which nothing can be used.
    pub fn in_parts(value: &Value) -> Result<(Session, Vec<Problem>, Vec<Omitted>), Error> {
        let mut pruned: Option<Pruned> = None;
        let mut problems: Vec<Problem> = Vec::new();
        let mut omitted: Vec<Omitted> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let current = pruned.as_ref().map_or(value, |p| &p.value);
            let found = match decode::<Session>(Document::Session, current) {
                Ok(session) => {
                    let found = session.problems();
                    if found.is_empty() {
                        return Ok((session, problems, omitted));
                    }
                    found
                }
                Err(error) => error.problems,
            };
            let copy = pruned.get_or_insert_with(|| Pruned::new(value));
            problems.extend(found.iter().map(|p| Problem { path: copy.original(&p.path), ..p.clone() }));
            // Items: all of a round's at once per list, an order's lines before the orders.
            let mut items: Vec<(usize, String, usize, String)> = Vec::new();
            for problem in &found {
                let reason = problem.message.clone();
                let first = problem.path.split(['.', '[']).next().unwrap_or_default();
                if let Some((k, list, i)) = item_of(&problem.path) {
                    if !items.iter().any(|(_, l, j, _)| *l == list && *j == i) {
                        items.push((k, list, i, reason));
                    }
                    continue;
                }
                let (field, part) = match first {
                    "" | "currency" => return Err(Error::all(Document::Session, problems)),
                    "customer" if problem.path == "customer" || problem.path.starts_with("customer.id") => {
                        return Err(Error::all(Document::Session, problems));
                    }
                    "customer" => (problem.path.split('[').next().unwrap_or_default().to_string(), "field"),
                    "points" => ("points".to_string(), "points ledger"),
                    "cart" | "orders" | "history" | "consent" => (first.to_string(), first_part(first)),
                    _ => (first.to_string(), "field"),
                };
                let original = copy.original(&field);
                if !omitted.iter().any(|o| o.path == original) {
                    copy.remove_field(&field);
                    omitted.push(Omitted { path: original, part, id: None, reason });
                }
            }
            for (k, (_, _, part)) in LISTS.iter().enumerate() {
                let mut lists: Vec<&str> = Vec::new();
                for (_, list, _, _) in items.iter().filter(|(l, ..)| *l == k) {
                    if !lists.contains(&list.as_str()) {
                        lists.push(list);
                    }
                }
                for list in lists {
                    let mine = || items.iter().filter(|(l, name, ..)| *l == k && name == list);
                    let doomed: Vec<usize> = mine().map(|(_, _, i, _)| *i).collect();
                    for (i, item, path) in copy.remove_items(list, &doomed) {
                        let reason = mine().find(|(_, _, j, _)| *j == i).map(|(.., r)| r.clone()).unwrap_or_default();
                        let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                        omitted.push(Omitted { path, part, id, reason });
                    }
                }
            }
        }
        Err(Error::all(Document::Session, problems))
    }
}

/// What a whole section left out is.
fn first_part(section: &str) -> &'static str {
    match section {
        "cart" => "cart",
        "orders" | "history" => "orders",
        _ => "consent",
    }
}
