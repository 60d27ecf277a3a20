//! A deterministic synthetic catalogue and shopper, for the benchmarks (native and in the browser):
//! the same inputs on both sides, so that their timings compare.

use super::model::{Model, Neighbour, PeerGroup, Product, Repurchase};
use super::score::History;
use crate::money::Money;
use crate::time::Date;

/// A small linear congruential generator: reproducible everywhere, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

/// A model of `products` products in `products / 50` categories, each with 8 neighbours, and 64
/// peer groups of 300 products each (as `patron model build` makes them).
pub fn model(products: u32) -> Model {
    let mut rng = Lcg(42);
    let categories: Vec<String> = (0..(products / 50).max(1)).map(|c| format!("Category {c}")).collect();
    let list = (0..products)
        .map(|i| Product {
            sku: format!("SKU-{i:06}"),
            title: format!("Product {i}"),
            category: Some(rng.below(categories.len() as u32)),
            brand: None,
            price: Some(Money::from_minor(i64::from(199 + rng.below(5_000)))),
            in_stock: rng.below(20) != 0,
            new_since: None,
            url: Some(format!("/p/sku-{i:06}")),
            image: Some(format!("/img/sku-{i:06}.jpg")),
            popularity: products - i,
            repurchase: Repurchase { share: rng.below(100) as f32 / 100.0, interval_days: Some(7 + rng.below(90)) },
            neighbours: (0..8)
                .map(|_| Neighbour { product: rng.below(products), weight: rng.below(1000) as f32 / 1000.0 })
                .collect(),
        })
        .collect();
    let mut model = Model::new(Date::new(2026, 11, 1).unwrap_or(Date::MIN), categories, Vec::new(), list);
    model.peer_groups = (0..64)
        .map(|_| {
            let mut chosen: Vec<u32> = (0..300).map(|_| rng.below(products)).collect();
            chosen.sort_unstable();
            chosen.dedup();
            PeerGroup { products: chosen.into_iter().map(|p| (p, rng.below(1000) as f32 / 2000.0)).collect() }
        })
        .collect();
    model
}

/// A shopper with `lines` purchase lines over the two years before `today`, favouring a few
/// hundred products as real shoppers do.
pub fn history(model: &Model, lines: u32, today: Date) -> History {
    let mut rng = Lcg(7);
    let n = model.products.len() as u32;
    let favourites: Vec<u32> = (0..(lines / 3).max(1)).map(|_| rng.below(n)).collect();
    let purchases = (0..lines)
        .map(|i| {
            let product = if rng.below(4) == 0 {
                rng.below(n)
            } else {
                favourites.get(rng.below(favourites.len() as u32) as usize).copied().unwrap_or(0)
            };
            (product, today.add_days(-i64::from(730 * (lines - i) / lines.max(1))))
        })
        .collect();
    History { purchases, cart: vec![rng.below(n), rng.below(n)], personal: true }
}
