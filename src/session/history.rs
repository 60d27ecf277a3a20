//! The compact form of the purchase history (`history`, version 1): what Patron reads of the orders
//! and nothing more, for the shop to embed in place of `orders`.
//!
//! Patron reads of an order its moment, its total, and which products it held with their category:
//! the loyalty card needs the moments and totals, the audience conditions those and the products,
//! the recommender which products each order held. Line prices, quantities, order ids and the
//! repetition of each SKU in every order it was bought in are left out. Decoded, the history becomes
//! the same orders as the full form gives, so the card, every offer's outcome and the
//! recommendations are the same (tests/history.rs).
//!
//! ```json
//! "history": {
//!   "version": 1,
//!   "orders": "jphh3xAjpejYjsjsAikOAi504AkocA",
//!   "skus": ["BEAN-HOUSE-1KG", "MUG-STONE"],
//!   "categories": ["coffee", "accessories"],
//!   "products": "BCAAACAA"
//! }
//! ```
//!
//! The numbers are written as digits (`write_number`): a page's script then hands the module one
//! string where it would hand it thousands of numbers (the heaviest household of The Complete
//! Journey: 22 KB of JSON instead of 75 KB, and 11.5 KB gzipped instead of 14.9), and the browser
//! parses them as fast as it copies a string.
//! - `orders`: three numbers per order, oldest first: its moment in seconds (the first as Unix
//!   time, zigzag-encoded; each other as the seconds since the order before it), its total in
//!   hundredths of the currency (cents), and the change of its UTC offset in minutes from the
//!   order before it (the first: from 0), zigzag-encoded.
//! - `skus`: each product once, in the order the history first lists it (oldest order first, then
//!   line by line), which is the order the decoded orders list their lines in.
//! - `categories`: each category once.
//! - `products`: for each SKU in turn, its category (0 for none, `k` for `categories[k - 1]`), the
//!   number `n` of its purchases after the first, the position of its first order as the distance
//!   from the previous product's first (the first product's: from 0), then `n` distances to the
//!   order after, each less 1.

use super::order::{Line, Order};
use crate::error::Problem;
use crate::json::{child, Decoder};
use crate::money::Money;
use crate::time::Timestamp;
use crate::words::{count, quoted};

/// The compact history's version this Patron reads.
pub const VERSION: u32 = 1;

/// The digits of the compact history's numbers: the URL-safe base64 alphabet, which needs no
/// escaping in JSON or HTML. The first 32 end a number, the last 32 are followed by more of it.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The largest number the digits may spell: JavaScript's largest exact integer, so that a shop's
/// own script can read every number too.
const MAX_NUMBER: u64 = (1 << 53) - 1;

/// Writes `n` in base 32, most significant digit first: each digit but the last as one of
/// `DIGITS[32..]`, the last as one of `DIGITS[..32]`. 0 to 31 take one character, up to 1,023
/// two, up to 32,767 three.
fn write_number(out: &mut String, n: u64) {
    let mut shift = 0;
    while shift < 60 && n >> (shift + 5) != 0 {
        shift += 5;
    }
    while shift > 0 {
        out.push(digit(32 + ((n >> shift) & 31)));
        shift -= 5;
    }
    out.push(digit(n & 31));
}

/// The digit for 0 to 63.
fn digit(value: u64) -> char {
    // Every caller masks the value below 64.
    char::from(DIGITS.get(value as usize).copied().unwrap_or(b'_'))
}

/// The numbers `text` spells (see [`write_number`]), or what is wrong with it.
fn read_numbers(text: &str) -> Result<Vec<u64>, Problem> {
    let mut numbers = Vec::with_capacity(text.len());
    let mut n: u64 = 0;
    let mut open = false;
    for (i, byte) in text.bytes().enumerate() {
        let digit = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => {
                return Err(Problem::reason(why!(
                    "expected the compact history's digits";
                    "expected the digits A-Z, a-z, 0-9, - and _, got {} at character {i}",
                    quoted(&text[i..].chars().next().map(String::from).unwrap_or_default())
                )))
            }
        };
        n = n.saturating_mul(32).saturating_add(u64::from(digit & 31));
        if n > MAX_NUMBER {
            return Err(Problem::reason(why!(
                "expected the compact history's digits";
                "the number ending at character {i} is over 2^53 - 1"
            )));
        }
        open = digit >= 32;
        if !open {
            numbers.push(n);
            n = 0;
        }
    }
    if open {
        return Err(Problem::reason(why!("expected the compact history's digits"; "the text ends inside a number")));
    }
    Ok(numbers)
}

/// A signed number as an unsigned one: 0, -1, 1, -2… as 0, 1, 2, 3…
fn zigzag(n: i64) -> u64 {
    if n < 0 {
        n.unsigned_abs() * 2 - 1
    } else {
        n.unsigned_abs() * 2
    }
}

/// The inverse of [`zigzag`].
fn unzigzag(n: u64) -> i64 {
    let half = (n / 2) as i64;
    if n % 2 == 1 {
        -half - 1
    } else {
        half
    }
}

/// A product as the history lists it: its SKU and category.
type Product<'a> = (&'a str, Option<&'a str>);

/// The orders in compact form; see the module's documentation.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct History {
    /// The form's version: 1.
    pub version: u32,
    /// Three numbers per order, oldest first, as digits: the moment (the first as Unix time, each
    /// other as the seconds since the order before it), the total in cents, the change of the UTC
    /// offset in minutes (the first: from 0). The first moment and the offsets are zigzag-encoded.
    #[cfg_attr(schema, schemars(regex(pattern = r"^[A-Za-z0-9_-]*$")))]
    pub orders: String,
    /// Each product's SKU once, in the order the history first lists it.
    #[cfg_attr(schema, serde(default))]
    pub skus: Vec<String>,
    /// Each category once.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub categories: Vec<String>,
    /// For each SKU, as digits: its category (0: none, k: `categories[k - 1]`), the number n of its
    /// purchases after the first, the distance of its first order from the previous product's
    /// first, then n distances to the next order, each less 1.
    #[cfg_attr(schema, serde(default))]
    #[cfg_attr(schema, schemars(regex(pattern = r"^[A-Za-z0-9_-]*$")))]
    pub products: String,
}

impl History {
    /// The compact form of `orders`. Products are listed in the order they first appear (oldest
    /// order first, then line by line), which is the order the decoded orders list them in; a
    /// product bought under two categories is listed once for each.
    pub fn from_orders(orders: &[Order]) -> History {
        History::encode(orders, usize::MAX)
    }

    /// The compact form of `orders` with at most `max_products` products: those bought in the most
    /// orders, the most recently bought first among equals. **Lossy**, for a shop that prefers a
    /// lighter page for its heaviest customers: the orders, their moments and totals stay, so the
    /// loyalty card is the same; the products left out no longer count for the audience conditions
    /// about products and categories, nor for the recommendations (`patron eval
    /// --session-max-products N` measures what that costs).
    pub fn from_orders_keeping(orders: &[Order], max_products: usize) -> History {
        History::encode(orders, max_products)
    }

    fn encode(orders: &[Order], max_products: usize) -> History {
        let placed =
            crate::rank::ordered(&orders.iter().collect::<Vec<_>>(), |order| (order.placed_at.unix_seconds(), 0));
        let mut history = History { version: VERSION, ..History::default() };
        let (mut previous_at, mut previous_offset) = (0_i64, 0_i64);
        // Each product's position in `products`, by SKU and category; and the orders it was bought in.
        let mut listed: std::collections::HashMap<Product, usize> = std::collections::HashMap::new();
        let mut products: Vec<(Product, Vec<usize>)> = Vec::new();
        for (i, order) in placed.iter().enumerate() {
            let at = order.placed_at.unix_seconds();
            let offset = i64::from(order.placed_at.offset_minutes());
            let step = if i == 0 { zigzag(at) } else { (at - previous_at).unsigned_abs() };
            write_number(&mut history.orders, step);
            write_number(&mut history.orders, order.total().minor().unsigned_abs());
            write_number(&mut history.orders, zigzag(offset - previous_offset));
            (previous_at, previous_offset) = (at, offset);
            for line in &order.lines {
                let product = (line.sku.as_str(), line.category.as_deref());
                let at = *listed.entry(product).or_insert_with(|| {
                    products.push((product, Vec::new()));
                    products.len() - 1
                });
                // One position per order, however many lines name the product.
                if let Some((_, bought)) = products.get_mut(at) {
                    if bought.last() != Some(&i) {
                        bought.push(i);
                    }
                }
            }
        }
        if products.len() > max_products {
            let kept = crate::rank::ranked(
                products
                    .iter()
                    .map(|(_, bought)| (-(bought.len() as i64), -(bought.last().copied().unwrap_or(0) as i64))),
            );
            let mut keep = vec![false; products.len()];
            for p in kept.into_iter().take(max_products) {
                if let Some(flag) = keep.get_mut(p) {
                    *flag = true;
                }
            }
            let mut flags = keep.into_iter();
            products.retain(|_| flags.next().unwrap_or(false));
        }
        let mut categories: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut previous_first = 0;
        for ((sku, category), bought) in &products {
            let Some(&first) = bought.first() else { continue };
            let number = match category {
                Some(name) => {
                    1 + *categories.entry(name).or_insert_with(|| {
                        history.categories.push(name.to_string());
                        history.categories.len() - 1
                    })
                }
                None => 0,
            };
            history.skus.push(sku.to_string());
            write_number(&mut history.products, number as u64);
            write_number(&mut history.products, (bought.len() - 1) as u64);
            write_number(&mut history.products, (first - previous_first) as u64);
            previous_first = first;
            let mut previous = first;
            for &order in bought.iter().skip(1) {
                write_number(&mut history.products, (order - previous - 1) as u64);
                previous = order;
            }
        }
        history
    }

    /// The history as JSON, as `patron session` and the Node library (`patron-session`) write it: a
    /// product's `category` only when it has one.
    #[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
    pub fn to_json(&self) -> serde_json::Value {
        let mut fields = serde_json::Map::new();
        fields.insert("version".into(), self.version.into());
        fields.insert("orders".into(), self.orders.clone().into());
        fields.insert("skus".into(), self.skus.clone().into());
        if !self.categories.is_empty() {
            fields.insert("categories".into(), self.categories.clone().into());
        }
        fields.insert("products".into(), self.products.clone().into());
        serde_json::Value::Object(fields)
    }

    /// The orders this history stands for, each with one line per product (quantity 1; the total
    /// is the order's own) and its position as its id, oldest first. Every inconsistency is
    /// reported to `d` with its path under `path`; the orders are then `None`.
    pub(crate) fn orders(&self, path: &str, now: Option<Timestamp>, d: &mut Decoder) -> Option<Vec<Order>> {
        let mark = d.mark();
        if self.version != VERSION {
            d.report(
                &child(path, "version"),
                why!(
                    "expected version 1";
                    "expected version {VERSION}: this Patron reads compact histories of version {VERSION}, got {}",
                    self.version
                ),
            );
        }
        let numbers = |field: &str, text: &str, d: &mut Decoder| match read_numbers(text) {
            Ok(numbers) => numbers,
            Err(problem) => {
                d.report(&child(path, field), problem.message);
                Vec::new()
            }
        };
        let moments = numbers("orders", &self.orders, d);
        if d.mark() != mark {
            // Without the orders (or in a version this Patron does not read) the products cannot
            // be placed: their problems would be this one's.
            return None;
        }
        if moments.len() % 3 != 0 {
            d.report(
                &child(path, "orders"),
                why!(
                    "expected the compact history's digits";
                    "expected three numbers per order (moment, total, offset), got {}",
                    moments.len()
                ),
            );
        }
        let n = moments.len() / 3;
        let mut orders: Vec<Order> = Vec::with_capacity(n);
        let (mut at, mut offset) = (0_i64, 0_i64);
        for (i, numbers) in moments.chunks_exact(3).enumerate() {
            let [step, total, shift] = [0, 1, 2].map(|k| numbers.get(k).copied().unwrap_or(0));
            // Every number is below 2^53 (read_numbers), so none of this overflows.
            at = if i == 0 { unzigzag(step) } else { at + step as i64 };
            offset += unzigzag(shift);
            // RFC 3339 offsets stay within a day.
            let placed_at = Timestamp::from_unix(at, offset.clamp(-1439, 1439) as i16);
            if offset.abs() > 1439 || now.is_some_and(|now| placed_at > now) {
                d.report(
                    &child(path, "orders"),
                    why!(
                        "an order is after now, or its offset beyond a day";
                        "order {i} ({placed_at}) is after the session's now, or its offset is beyond a day"
                    ),
                );
            }
            orders.push(Order {
                id: i.to_string(),
                placed_at,
                lines: Vec::new(),
                total: Some(Money::from_minor(total as i64)),
            });
        }
        let bought = numbers("products", &self.products, d);
        let mut bought = bought.iter().copied();
        let mut first: u64 = 0;
        // The first problem of the products ends their reading: after it their numbers are misread.
        // (A flag rather than an early return: each return would carry its own copy of the cleanup
        // into the widget's download.)
        let mut problem: Option<String> = None;
        'products: for (p, sku) in self.skus.iter().enumerate() {
            let (Some(category), Some(more), Some(step)) = (bought.next(), bought.next(), bought.next()) else {
                problem = Some(why!(
                    "the products do not match the orders and categories";
                    "the numbers end at product {p} ({}): every SKU needs a category, a count and a first order",
                    quoted(sku)
                ));
                break;
            };
            let category = match category.checked_sub(1) {
                None => None,
                Some(k) => {
                    let name = self.categories.get(k as usize);
                    if name.is_none() {
                        problem = Some(why!(
                            "the products do not match the orders and categories";
                            "product {p} ({}) has category {category}, but the history lists {}",
                            quoted(sku),
                            count(self.categories.len() as i64, "category", "categories")
                        ));
                        break;
                    }
                    name.cloned()
                }
            };
            first += step;
            let mut order = first;
            for k in 0..=more {
                if k > 0 {
                    order = order.saturating_add(bought.next().unwrap_or(u64::MAX)).saturating_add(1);
                }
                let Some(placed) = orders.get_mut(order as usize) else {
                    problem = Some(why!(
                        "the products do not match the orders and categories";
                        "product {p} ({}) is bought in order {order}, but the history has {n}",
                        quoted(sku)
                    ));
                    break 'products;
                };
                placed.lines.push(Line {
                    sku: sku.clone(),
                    quantity: 1,
                    unit_price: Money::ZERO,
                    category: category.clone(),
                });
            }
        }
        if problem.is_none() && bought.next().is_some() {
            problem = Some(why!(
                "the products do not match the orders and categories";
                "more numbers than the {} need{}",
                count(self.skus.len() as i64, "SKU", "SKUs"),
                if self.skus.len() == 1 { "s" } else { "" }
            ));
        }
        if let Some(message) = problem {
            d.report(&child(path, "products"), message);
        }
        d.finish(mark, orders)
    }
}
