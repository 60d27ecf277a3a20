//! The shop's rules for recommendations, the config's `recommendations` section: how many products
//! of one category a list may hold, which categories to boost or bury, which products to pin.

#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
use crate::json::{child, whole, Decode, Decoder, Value};

/// The shop's rules for recommendations: diversity, boosts and burials, pins.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    schema,
    derive(serde::Serialize, schemars::JsonSchema),
    schemars(rename = "Recommendations"),
    serde(deny_unknown_fields)
)]
pub struct Rules {
    /// At most this many products of one category in a list; 4 when not given.
    #[cfg_attr(schema, serde(default = "Rules::default_max_per_category"))]
    #[cfg_attr(schema, schemars(with = "u32"))]
    pub max_per_category: usize,
    /// Score factors by category name: above 1 boosts, below 1 buries, 0 hides the category.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Vec::is_empty"))]
    #[cfg_attr(schema, schemars(with = "std::collections::BTreeMap<String, f64>"))]
    pub boost: Vec<(String, f32)>,
    /// SKUs shown first, in this order, when in stock and not in the cart.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub pin: Vec<String>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules { max_per_category: Rules::default_max_per_category(), boost: Vec::new(), pin: Vec::new() }
    }
}

impl Rules {
    fn default_max_per_category() -> usize {
        4
    }

    /// Whether these are the rules a config without the section gets.
    pub fn is_default(&self) -> bool {
        *self == Rules::default()
    }
}

// A widget built without the carousel accepts the section and ignores it (config.rs): it has nothing to
// apply it to, and the decoder would cost the bundle.
#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
impl Decode for Rules {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Rules> {
        let mark = d.mark();
        let fields = d.object(value, path, &["max_per_category", "boost", "pin"])?;
        // Each rule is a part of its own (issue 32): one that does not read is left out alone, the
        // widget ignores fields it does not know, and a broken `max_per_category` leaves the default.
        let rule = "recommendation rule";
        d.omit_each(mark, rule);
        let at = d.mark();
        let max_per_category = match value.get("max_per_category") {
            None => Rules::default_max_per_category(),
            Some(n) => {
                let here = child(path, "max_per_category");
                match whole(n, &here, d, 100) {
                    Some(0) => {
                        d.report(&here, "expected at least 1 product per category, got 0".to_string());
                        Rules::default_max_per_category()
                    }
                    Some(n) => n as usize,
                    None => Rules::default_max_per_category(),
                }
            }
        };
        d.omit_each(at, rule);
        let boost = match value.get("boost") {
            None => Vec::new(),
            Some(Value::Object(factors)) => {
                let mut boost = Vec::with_capacity(factors.len());
                for (category, factor) in factors {
                    let (here, at) = (child(&child(path, "boost"), category), d.mark());
                    match factor {
                        Value::Number(f) if f.is_finite() && (0.0..=100.0).contains(f) => {
                            boost.push((category.clone(), *f as f32));
                        }
                        other => {
                            d.expected::<()>(&here, "a factor from 0 (hide) to 100", other);
                        }
                    }
                    d.omit_each(at, rule);
                }
                boost
            }
            Some(other) => {
                let at = d.mark();
                d.expected::<()>(&child(path, "boost"), "an object such as {\"Kaffee\": 1.5, \"Zubehör\": 0}", other);
                d.omit_each(at, rule);
                Vec::new()
            }
        };
        let rules =
            Rules { max_per_category, boost, pin: fields.parts(d, "pin", (rule, rule), None, &mut |_, _, _, _| {}) };
        d.finish(mark, rules)
    }
}
