//! Recommendations: which products the shopper most likely buys next, scored from their purchase
//! history against a [`Model`] of the catalogue, each with a [`Reason`].

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod exports;
#[cfg(not(target_arch = "wasm32"))]
pub mod lean;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod pack;
pub mod peers;
pub mod rules;
mod score;
#[doc(hidden)]
pub mod synthetic;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod tifu;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

pub use model::{Model, Neighbour, Product, Repurchase};
pub use rules::Rules;
pub use score::{recommend, History, Reason, Recommendation, Weights};

use crate::session::Session;
use crate::time::Timestamp;

impl History {
    /// The history the scorer reads from a session: its orders, oldest first (products the model
    /// does not know are skipped), and its cart. Without personalisation consent only the cart is read.
    pub fn from_session(session: &Session, model: &Model) -> History {
        let personal = session.personalised();
        let mut purchases = Vec::new();
        if personal {
            // Oldest first, whatever the document's order (the compact history lists them so): the
            // scores add up in the same order for both forms of a session.
            let orders = crate::rank::ordered(&session.orders.iter().collect::<Vec<_>>(), |order| {
                (order.placed_at.unix_seconds(), 0)
            });
            for order in orders {
                let day = order.placed_at.date();
                let start = purchases.len();
                for line in &order.lines {
                    if let Some(p) = model.find(&line.sku) {
                        // One entry per order holding the product, however many lines name it.
                        if !purchases.iter().skip(start).any(|(q, _)| *q == p) {
                            purchases.push((p, day));
                        }
                    }
                }
            }
        }
        let cart = session.cart.lines.iter().filter_map(|line| model.find(&line.sku)).collect();
        History { purchases, cart, personal }
    }
}

/// Recommends `k` products for a session at `now` (the shopper's calendar day decides due-ness).
pub fn for_session(session: &Session, model: &Model, now: Timestamp, k: usize, rules: &Rules) -> Vec<Recommendation> {
    let history = History::from_session(session, model);
    recommend(model, &history, now.date(), k, rules, &Weights::default())
}
