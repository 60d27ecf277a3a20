//! The recommendation model: what scoring needs per product, in a compact binary file that the
//! browser fetches once and the HTTP cache keeps.
//!
//! # Format, version 2
//! Little-endian; `varint` is unsigned LEB128, `str` a varint byte length and UTF-8 bytes, `u8w` a
//! weight or share in [0, 1] quantised to 0..=255. After a header, the products (most popular
//! first) are stored column by column, so that like values sit together and compress well:
//!
//! ```text
//! "PTRM" u8 version=1
//! varint built_at_day                 days since 1970-01-01 of the newest order trained on
//! varint categories, str × n          category names
//! varint brands, str × n              brand names
//! varint products (n)
//! str × n                             sku
//! str × n                             title
//! varint × n                          category index + 1 (0 = none)
//! varint × n                          brand index + 1 (0 = none)
//! varint × n                          price in minor units + 1 (0 = none)
//! u8 × n                              flags: 1 in stock, 2 has new_since, 4 has url, 8 has image
//! varint × (flag 2)                   new_since day
//! str × (flag 4), str × (flag 8)      url, image
//! varint × n                          popularity (distinct buyers in the recent window), as the
//!                                     zigzag-encoded difference from the product before
//! u8w × n                             repurchase share
//! varint × n                          repurchase interval in days + 1 (0 = unknown)
//! varint × n                          neighbour count
//! varint × Σ                          neighbour index deltas, each product's ascending
//! u8 × Σ                              neighbour weights in 63ths (0..=63), same order
//! varint groups (g)                   peer groups (version 2; version 1 ends before them)
//! varint × g                          each group's largest share, in millionths
//! varint × g                          product count
//! varint × Σ                          product index deltas, each group's ascending
//! u8 × Σ                              shares in 255ths of the group's largest, same order
//! ```
//!
//! Neighbour indices are stored ascending as deltas, so the common neighbours of popular products
//! (small indices) take one byte each; the decoder re-sorts them by weight.

mod file;

use crate::money::Money;
use crate::time::Date;

/// The file's first bytes.
pub const MAGIC: &[u8; 4] = b"PTRM";
/// The format version this build reads and writes.
pub const VERSION: u8 = 2;
/// The largest model file Patron reads, in bytes: a runaway export must not stall the shopper's
/// browser (a 10,000-product model is about 0.6 MB).
pub const MAX_MODEL_BYTES: usize = 32 * 1024 * 1024;
/// The most products a model may hold.
pub const MAX_PRODUCTS: usize = 500_000;
/// Share of a product's buyers who bought it again at or above which the product is a consumable
/// (repurchased), below which a durable (bought once; not recommended again to its buyers).
pub const CONSUMABLE_SHARE: f32 = 0.1;

/// Everything scoring knows about the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The day of the newest order the model was built from.
    pub built_at: Date,
    /// Category names; products refer to them by index.
    pub categories: Vec<String>,
    /// Brand names; products refer to them by index.
    pub brands: Vec<String>,
    /// The products, most popular first.
    pub products: Vec<Product>,
    /// Groups of shoppers alike, for "shoppers like you bought" (empty in a version 1 file).
    pub peer_groups: Vec<PeerGroup>,
    /// (SKU hash, product index) ordered by hash, for lookups.
    by_sku: Vec<(u64, u32)>,
}

/// One product of the model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Product {
    /// The shop's product id.
    pub sku: String,
    /// The display title.
    pub title: String,
    /// Index into [`Model::categories`].
    pub category: Option<u32>,
    /// Index into [`Model::brands`].
    pub brand: Option<u32>,
    /// The price, in the shop's currency.
    pub price: Option<Money>,
    /// Whether it can be bought now.
    pub in_stock: bool,
    /// The day it entered the catalogue, for new arrivals.
    pub new_since: Option<Date>,
    /// The product page.
    pub url: Option<String>,
    /// The product image.
    pub image: Option<String>,
    /// Distinct buyers in the recent window.
    pub popularity: u32,
    /// How it is bought again.
    pub repurchase: Repurchase,
    /// Products often bought with it, strongest first.
    pub neighbours: Vec<Neighbour>,
}

/// How buyers of a product buy it again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Repurchase {
    /// Share of its buyers who bought it in more than one order, 0 to 1.
    pub share: f32,
    /// The median number of days between two purchases by the same buyer.
    pub interval_days: Option<u32>,
}

impl Repurchase {
    /// Whether the product is bought again (coffee), rather than once (a grinder).
    pub fn consumable(&self) -> bool {
        self.share >= CONSUMABLE_SHARE
    }
}

/// Shoppers alike (a cluster of their decayed purchase vectors, see `peers.rs`): the products
/// their baskets hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeerGroup {
    /// (product index, mean share of the members' decayed baskets holding it), by product index.
    pub products: Vec<(u32, f32)>,
}

/// How a model file's bytes divide, and what it holds: what `patron model inspect` shows
/// ([`Model::layout`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The format version, 1 or 2.
    pub version: u8,
    /// The day of the newest order the model was built from.
    pub built_at: Date,
    /// The products.
    pub products: usize,
    /// The category names.
    pub categories: usize,
    /// The brand names.
    pub brands: usize,
    /// The products with at least one co-purchase neighbour.
    pub neighbour_lists: usize,
    /// The neighbours of all products together.
    pub neighbours: usize,
    /// Each peer group's number of products, in the file's order (none in a version 1 file).
    pub peer_groups: Vec<usize>,
    /// Each section's name and bytes, in file order: `header` (the magic, the version and the
    /// day), `names` (categories and brands), `products` (their columns up to the repurchase
    /// intervals), `neighbours` and `peer groups`. They add up to the file's length.
    pub sections: Vec<(&'static str, usize)>,
}

/// A product often bought together with another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Neighbour {
    /// Its index in [`Model::products`].
    pub product: u32,
    /// How strongly the two go together, 0 to 1 (co-purchase counts normalised and shrunk).
    pub weight: f32,
}

impl Model {
    /// A model of these products (in popularity order) and names.
    pub fn new(built_at: Date, categories: Vec<String>, brands: Vec<String>, products: Vec<Product>) -> Model {
        let mut model = Model { built_at, categories, brands, products, peer_groups: Vec::new(), by_sku: Vec::new() };
        model.index();
        model
    }

    fn index(&mut self) {
        // Hashes rather than strings, so that the crate's one sort (rank.rs) orders them: a string
        // sort would add its own copy of the standard sort to the browser bundle.
        let hashed: Vec<(u64, u32)> =
            self.products.iter().enumerate().map(|(i, p)| (crate::hash::stable_hash(&[&p.sku]), i as u32)).collect();
        self.by_sku = crate::rank::ordered(&hashed, |(hash, i)| (*hash as i64, i64::from(*i)));
    }

    /// The index of the product with this SKU.
    pub fn find(&self, sku: &str) -> Option<u32> {
        let hash = crate::hash::stable_hash(&[sku]) as i64;
        // First entry whose hash is not below, then every entry with the same hash.
        let start = self.by_sku.partition_point(|(h, _)| (*h as i64) < hash);
        self.by_sku
            .iter()
            .skip(start)
            .take_while(|(h, _)| *h as i64 == hash)
            .map(|(_, i)| *i)
            .find(|i| sku_of(&self.products, *i) == sku)
    }

    /// The product at an index.
    pub fn product(&self, index: u32) -> Option<&Product> {
        self.products.get(index as usize)
    }

    /// The category name of a product.
    pub fn category_of(&self, product: &Product) -> Option<&str> {
        product.category.and_then(|c| self.categories.get(c as usize)).map(String::as_str)
    }
}

fn sku_of(products: &[Product], index: u32) -> &str {
    products.get(index as usize).map_or("", |p| p.sku.as_str())
}
