//! The compact form of the purchase history (`history`, version 1): what Patron reads of the orders
//! and nothing more, for the shop to embed in place of `orders`.
//!
//! Patron reads of an order its moment, its total, and which products it held with their category:
//! the loyalty card needs the moments and totals, the audience conditions those and the products,
//! the recommender which products each order held. Line prices, quantities, order ids and the
//! repetition of each SKU in every order it was bought in are left out. The moments are
//! delta-encoded in seconds, the products listed once each with the orders they were bought in,
//! delta-encoded too. Decoded, the history becomes the same orders as the full form gives, so the
//! card, every offer's outcome and the recommendations are the same (tests/history.rs).
//!
//! ```json
//! "history": {
//!   "version": 1,
//!   "orders": [1762160400, 3390, 60,  3542400, 2190, 0,  2937600, 4380, 0],
//!   "products": [{ "sku": "BEAN-HOUSE-1KG", "category": "coffee", "orders": [0, 1, 1] },
//!                { "sku": "MUG-STONE", "category": "accessories", "orders": [0] }]
//! }
//! ```
//!
//! `orders` holds three numbers per order, oldest first: its moment (the first as Unix time in
//! seconds, each other as the seconds since the order before it), its total in hundredths of the
//! currency (cents), and its UTC offset in minutes as the change from the order before it (the
//! first: from 0). One list of numbers rather than three keeps the decoder, which every page
//! downloads, small.

use super::order::{Line, Order};
use crate::json::{child, index, Decoder};
use crate::money::Money;
use crate::time::Timestamp;
use crate::words::quoted;

/// The compact history's version this Patron reads.
pub const VERSION: u32 = 1;

/// The orders in compact form; see the module's documentation.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct History {
    /// The form's version: 1.
    pub version: u32,
    /// Three numbers per order, oldest first: the seconds since the order before it (the first:
    /// Unix time), the total in cents, the change of the UTC offset in minutes (the first: from 0).
    pub orders: Vec<i64>,
    /// Each product once, with the orders it was bought in.
    #[cfg_attr(schema, serde(default))]
    pub products: Vec<Purchases>,
}

/// One product and the orders it was bought in.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Purchases {
    /// The product's stock-keeping unit.
    pub sku: String,
    /// Its category, when the shop knows it.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub category: Option<String>,
    /// The orders it was bought in, as positions among the history's orders: the first as is, each
    /// other as the distance from the one before it (at least 1).
    pub orders: Vec<i64>,
}

impl History {
    /// The compact form of `orders`. Products are listed in the order they first appear (oldest
    /// order first, then line by line), which is the order the decoded orders list them in; a
    /// product bought under two categories is listed once for each.
    pub fn from_orders(orders: &[Order]) -> History {
        let placed =
            crate::rank::ordered(&orders.iter().collect::<Vec<_>>(), |order| (order.placed_at.unix_seconds(), 0));
        let mut history = History { version: VERSION, ..History::default() };
        let (mut previous_at, mut previous_offset) = (0_i64, 0_i64);
        // Each product's position in `products`, by SKU and category.
        let mut listed: std::collections::HashMap<(&str, Option<&str>), usize> = std::collections::HashMap::new();
        for (i, order) in placed.iter().enumerate() {
            let at = order.placed_at.unix_seconds();
            let offset = i64::from(order.placed_at.offset_minutes());
            history.orders.extend([at - previous_at, order.total().minor(), offset - previous_offset]);
            (previous_at, previous_offset) = (at, offset);
            for line in &order.lines {
                let product = *listed.entry((&line.sku, line.category.as_deref())).or_insert_with(|| {
                    history.products.push(Purchases {
                        sku: line.sku.clone(),
                        category: line.category.clone(),
                        orders: Vec::new(),
                    });
                    history.products.len() - 1
                });
                // Positions for now, one per order however many lines name the product.
                if let Some(purchases) = history.products.get_mut(product) {
                    if purchases.orders.last() != Some(&(i as i64)) {
                        purchases.orders.push(i as i64);
                    }
                }
            }
        }
        // Then each position as the distance from the one before it.
        for purchases in &mut history.products {
            let mut previous = 0;
            for order in &mut purchases.orders {
                (*order, previous) = (*order - previous, *order);
            }
        }
        history
    }

    /// The history as JSON, as `patron session` and the Node library (`patron-session`) write it: a
    /// product's `category` only when it has one.
    #[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
    pub fn to_json(&self) -> serde_json::Value {
        let products: Vec<serde_json::Value> = self
            .products
            .iter()
            .map(|product| {
                let mut fields = serde_json::Map::new();
                fields.insert("sku".into(), product.sku.clone().into());
                if let Some(category) = &product.category {
                    fields.insert("category".into(), category.clone().into());
                }
                fields.insert("orders".into(), product.orders.clone().into());
                serde_json::Value::Object(fields)
            })
            .collect();
        serde_json::json!({ "version": self.version, "orders": self.orders, "products": products })
    }

    /// The orders this history stands for, each with one line per product (quantity 1; the total
    /// is the order's own) and its position as its id, oldest first. Every inconsistency is reported to `d` with its path under
    /// `path`; the orders are then `None`.
    pub(crate) fn orders(&self, path: &str, now: Option<Timestamp>, d: &mut Decoder) -> Option<Vec<Order>> {
        let mark = d.mark();
        let n = self.orders.len() / 3;
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
        if self.orders.len() % 3 != 0 {
            d.report(
                &child(path, "orders"),
                why!(
                    "expected three numbers per order";
                    "expected three numbers per order (moment, total, offset), got {}",
                    self.orders.len()
                ),
            );
        }
        let mut orders: Vec<Order> = Vec::with_capacity(n);
        let (mut at, mut offset) = (0_i64, 0_i64);
        for (i, numbers) in self.orders.chunks_exact(3).enumerate() {
            let [step, total, shift] = [0, 1, 2].map(|k| numbers.get(k).copied().unwrap_or(0));
            at = at.saturating_add(step);
            offset = offset.saturating_add(shift);
            // RFC 3339 offsets stay within a day.
            let placed_at = Timestamp::from_unix(at, offset.clamp(-1439, 1439) as i16);
            if (i > 0 && step < 0) || total < 0 || offset.abs() > 1439 || now.is_some_and(|now| placed_at > now) {
                d.report(
                    &index(&child(path, "orders"), 3 * i),
                    why!(
                        "the order is out of order, after now, or its total or offset impossible";
                        "order {i} ({placed_at}, total {total}) is before the one above it, after the session's now, or its total is below 0 or its offset beyond a day"
                    ),
                );
            }
            orders.push(Order {
                id: i.to_string(),
                placed_at,
                lines: Vec::new(),
                total: Some(Money::from_minor(total)),
            });
        }
        for (p, product) in self.products.iter().enumerate() {
            let here = index(&child(path, "products"), p);
            let mut order: i64 = 0;
            for (k, step) in product.orders.iter().enumerate() {
                order = order.saturating_add(*step);
                let placed = if (k > 0 && *step < 1) || order < 0 { None } else { orders.get_mut(order as usize) };
                let Some(placed) = placed else {
                    d.report(
                        &index(&child(&here, "orders"), k),
                        why!(
                            "no such order, or an order listed twice";
                            "order {order} does not exist (the history has {n}) or is listed twice, for product {}",
                            quoted(&product.sku)
                        ),
                    );
                    break;
                };
                placed.lines.push(Line {
                    sku: product.sku.clone(),
                    quantity: 1,
                    unit_price: Money::ZERO,
                    category: product.category.clone(),
                });
            }
        }
        d.finish(mark, orders)
    }
}
