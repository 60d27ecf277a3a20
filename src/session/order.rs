//! An order and its lines, as the full form of the history gives them; the compact form
//! (`history.rs`) decodes into the same.

use crate::json::{child, Decode, Decoder, Value};
use crate::money::Money;
use crate::time::Timestamp;

/// One past order.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Order {
    /// The shop's order id.
    pub id: String,
    /// When the order was placed.
    pub placed_at: Timestamp,
    /// What was bought.
    pub lines: Vec<Line>,
    /// The order's value when the session gave it (the compact history), not its lines.
    #[cfg_attr(schema, serde(skip))]
    pub total: Option<Money>,
}

impl Order {
    /// The order's value: quantity times unit price, summed over its lines, or as the compact
    /// history gives it.
    pub fn total(&self) -> Money {
        self.total.unwrap_or_else(|| total(&self.lines))
    }
}

/// One line of an order or of the cart.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Line {
    /// The product's stock-keeping unit.
    pub sku: String,
    /// How many, at least 1.
    #[cfg_attr(schema, schemars(range(min = 1)))]
    pub quantity: u32,
    /// Price of one unit in the session's currency, after discounts.
    pub unit_price: Money,
    /// The product's category, when the shop knows it.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub category: Option<String>,
}

/// What a line of no units is told.
pub(crate) const ZERO_QUANTITY: &str = "expected a quantity of at least 1, got 0";

pub(crate) fn total(lines: &[Line]) -> Money {
    lines.iter().map(|line| line.unit_price * line.quantity).sum()
}

impl Decode for Order {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Order> {
        let mark = d.mark();
        let fields = d.object(value, path, &["id", "placed_at", "lines"])?;
        let order = Order {
            id: fields.req(d, "id"),
            placed_at: fields.req(d, "placed_at"),
            // Each line is a part of its own when decoding leniently; a missing list costs the order.
            lines: if d.is_lenient() && value.get("lines").is_some() {
                fields.parts(d, "lines", ("order line", ""), None, &mut |_, _, _, _| {})
            } else {
                fields.req(d, "lines")
            },
            total: None,
        };
        d.finish(mark, order)
    }
}

impl Decode for Line {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Line> {
        let mark = d.mark();
        let fields = d.object(value, path, &["sku", "quantity", "unit_price", "category"])?;
        let line = Line {
            sku: fields.req(d, "sku"),
            quantity: fields.req(d, "quantity"),
            unit_price: fields.req(d, "unit_price"),
            category: fields.opt(d, "category"),
        };
        // Checked here when lenient, so that the line alone is left out (`Session::lenient`); the
        // strict decoder finds it among the checks across the session.
        if d.is_lenient() && line.quantity == 0 && d.mark() == mark {
            d.report(&child(path, "quantity"), ZERO_QUANTITY.to_string());
        }
        d.finish(mark, line)
    }
}
