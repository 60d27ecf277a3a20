//! The recommendation model: what scoring needs per product, in a compact binary file that the
//! browser fetches once and the HTTP cache keeps.
//!
//! # Format, version 1
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
//! ```
//!
//! Neighbour indices are stored ascending as deltas, so the common neighbours of popular products
//! (small indices) take one byte each; the decoder re-sorts them by weight.

use crate::money::Money;
use crate::time::Date;

/// The file's first bytes.
pub const MAGIC: &[u8; 4] = b"PTRM";
/// The format version this build reads and writes.
pub const VERSION: u8 = 1;
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
        let mut model = Model { built_at, categories, brands, products, by_sku: Vec::new() };
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

    /// Encodes the model in the binary format described in the module documentation.
    pub fn to_bytes(&self) -> Vec<u8> {
        let ps = &self.products;
        let mut out = Vec::with_capacity(48 * ps.len() + 64);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        varint(&mut out, self.built_at.days_since_epoch().max(0) as u64);
        for names in [&self.categories, &self.brands] {
            varint(&mut out, names.len() as u64);
            for name in names {
                string(&mut out, name);
            }
        }
        varint(&mut out, ps.len() as u64);
        // Column by column: like values side by side compress far better than product records.
        ps.iter().for_each(|p| string(&mut out, &p.sku));
        ps.iter().for_each(|p| string(&mut out, &p.title));
        ps.iter().for_each(|p| varint(&mut out, p.category.map_or(0, |c| u64::from(c) + 1)));
        ps.iter().for_each(|p| varint(&mut out, p.brand.map_or(0, |b| u64::from(b) + 1)));
        ps.iter().for_each(|p| varint(&mut out, p.price.map_or(0, |m| m.minor().max(0) as u64 + 1)));
        ps.iter().for_each(|p| {
            out.push(
                u8::from(p.in_stock)
                    | if p.new_since.is_some() { 2 } else { 0 }
                    | if p.url.is_some() { 4 } else { 0 }
                    | if p.image.is_some() { 8 } else { 0 },
            );
        });
        ps.iter().filter_map(|p| p.new_since).for_each(|d| varint(&mut out, d.days_since_epoch().max(0) as u64));
        ps.iter().filter_map(|p| p.url.as_ref()).for_each(|u| string(&mut out, u));
        ps.iter().filter_map(|p| p.image.as_ref()).for_each(|i| string(&mut out, i));
        // Most popular first, so each popularity is stored as its difference from the one before:
        // small numbers that compress well (zigzag-encoded, in case a model is not in that order).
        let mut previous = 0i64;
        for p in ps {
            let delta = i64::from(p.popularity) - previous;
            varint(&mut out, ((delta << 1) ^ (delta >> 63)) as u64);
            previous = i64::from(p.popularity);
        }
        ps.iter().for_each(|p| out.push(quantise(p.repurchase.share)));
        ps.iter().for_each(|p| varint(&mut out, p.repurchase.interval_days.map_or(0, |d| u64::from(d) + 1)));
        let sorted: Vec<Vec<Neighbour>> = ps
            .iter()
            .map(|p| {
                let mut n = p.neighbours.clone();
                n.sort_unstable_by_key(|n| n.product);
                n
            })
            .collect();
        sorted.iter().for_each(|n| varint(&mut out, n.len() as u64));
        for list in &sorted {
            let mut previous = 0;
            for n in list {
                varint(&mut out, u64::from(n.product - previous));
                previous = n.product;
            }
        }
        sorted.iter().flatten().for_each(|n| out.push(quantise_weight(n.weight)));
        out
    }

    /// Decodes a model file.
    ///
    /// # Errors
    /// What is wrong and at which byte: not a Patron model, another format version, a truncated
    /// file, or an index out of range.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() > MAX_MODEL_BYTES {
            return Err(format!("the model has {} bytes, over the limit of {MAX_MODEL_BYTES}", bytes.len()));
        }
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err("not a Patron model (the file does not start with \"PTRM\")".to_string());
        }
        let version = r.byte()?;
        if version != VERSION {
            return Err(format!("model format version {version} is not supported; this build reads version {VERSION}"));
        }
        let built_at = r.day()?;
        let categories = r.names()?;
        let brands = r.names()?;
        let count = r.count()?;
        if count > MAX_PRODUCTS {
            return Err(format!("the model has {count} products, over the limit of {MAX_PRODUCTS}"));
        }
        let mut ps: Vec<Product> = vec![Product::default(); count];
        for p in &mut ps {
            p.sku = r.string()?;
        }
        for p in &mut ps {
            p.title = r.string()?;
        }
        for p in &mut ps {
            p.category = r.index(categories.len())?;
        }
        for p in &mut ps {
            p.brand = r.index(brands.len())?;
        }
        for p in &mut ps {
            p.price = match r.varint()? {
                0 => None,
                n => Some(Money::from_minor(i64::try_from(n - 1).map_err(|_| r.error("a price out of range"))?)),
            };
        }
        let mut flags = Vec::with_capacity(count);
        for p in &mut ps {
            let f = r.byte()?;
            p.in_stock = f & 1 != 0;
            flags.push(f);
        }
        for (p, f) in ps.iter_mut().zip(&flags) {
            if f & 2 != 0 {
                p.new_since = Some(r.day()?);
            }
        }
        for (p, f) in ps.iter_mut().zip(&flags) {
            if f & 4 != 0 {
                p.url = Some(r.string()?);
            }
        }
        for (p, f) in ps.iter_mut().zip(&flags) {
            if f & 8 != 0 {
                p.image = Some(r.string()?);
            }
        }
        let mut previous = 0i64;
        for p in &mut ps {
            let zigzag = r.varint()?;
            let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
            let popularity = previous.checked_add(delta).and_then(|n| u32::try_from(n).ok());
            p.popularity = popularity.ok_or_else(|| r.error("a popularity out of range"))?;
            previous = i64::from(p.popularity);
        }
        for p in &mut ps {
            p.repurchase.share = f32::from(r.byte()?) / 255.0;
        }
        for p in &mut ps {
            p.repurchase.interval_days = r.u32()?.checked_sub(1);
        }
        let mut lengths = Vec::with_capacity(count);
        for _ in 0..count {
            lengths.push(r.count()?);
        }
        for (p, n) in ps.iter_mut().zip(&lengths) {
            let mut product = 0u32;
            p.neighbours = Vec::with_capacity(*n);
            for _ in 0..*n {
                product = product.checked_add(r.u32()?).ok_or_else(|| r.error("a neighbour index out of range"))?;
                if product as usize >= count {
                    return Err(r.error("a neighbour index out of range"));
                }
                p.neighbours.push(Neighbour { product, weight: 0.0 });
            }
        }
        for p in &mut ps {
            for n in &mut p.neighbours {
                n.weight = f32::from(r.byte()?.min(WEIGHT_STEPS)) / f32::from(WEIGHT_STEPS);
            }
            let neighbours = std::mem::take(&mut p.neighbours);
            p.neighbours =
                crate::rank::ordered(&neighbours, |n| (crate::rank::descending(n.weight), i64::from(n.product)));
        }
        if r.at != bytes.len() {
            return Err(r.error("unexpected bytes after the last column"));
        }
        Ok(Model::new(built_at, categories, brands, ps))
    }
}

fn sku_of(products: &[Product], index: u32) -> &str {
    products.get(index as usize).map_or("", |p| p.sku.as_str())
}

/// Neighbour weights in 63 steps: they only rank and nudge (see score.rs), and the smaller alphabet
/// compresses better than 255 steps.
const WEIGHT_STEPS: u8 = 63;

fn quantise_weight(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * f32::from(WEIGHT_STEPS)).round() as u8
}

fn quantise(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn string(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> String {
        format!("broken model at byte {}: {what}", self.at)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|end| *end <= self.bytes.len());
        match end.and_then(|end| self.bytes.get(self.at..end)) {
            Some(slice) => {
                self.at += n;
                Ok(slice)
            }
            None => Err(self.error("the file ends too early")),
        }
    }

    fn byte(&mut self) -> Result<u8, String> {
        self.take(1).map(|b| b.first().copied().unwrap_or(0))
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(self.error("a number too long"))
    }

    fn u32(&mut self) -> Result<u32, String> {
        let value = self.varint()?;
        u32::try_from(value).map_err(|_| self.error("a number out of range"))
    }

    /// A count of items that follow, each at least one byte: larger than the rest of the file is
    /// broken (and must not make us reserve gigabytes).
    fn count(&mut self) -> Result<usize, String> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(self.error("a count larger than the file"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, String> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("text that is not UTF-8"))
    }

    fn names(&mut self) -> Result<Vec<String>, String> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }

    fn index(&mut self, len: usize) -> Result<Option<u32>, String> {
        match self.u32()? {
            0 => Ok(None),
            n if (n as usize) <= len => Ok(Some(n - 1)),
            _ => Err(self.error("a name index out of range")),
        }
    }

    fn day(&mut self) -> Result<Date, String> {
        let days = self.varint()?;
        i64::try_from(days).ok().and_then(Date::from_days_since_epoch).ok_or_else(|| self.error("a date out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        let day = Date::new(2026, 11, 1).unwrap();
        let product = |sku: &str, neighbours: Vec<Neighbour>| Product {
            sku: sku.to_string(),
            title: format!("Product {sku}"),
            category: Some(0),
            brand: None,
            price: Some(Money::from_minor(1299)),
            in_stock: true,
            new_since: Some(day),
            url: Some(format!("/p/{sku}")),
            image: None,
            popularity: 7,
            repurchase: Repurchase { share: 0.4, interval_days: Some(30) },
            neighbours,
        };
        Model::new(
            day,
            vec!["Kaffee".to_string()],
            vec![],
            vec![
                product("b", vec![Neighbour { product: 1, weight: 0.2 }, Neighbour { product: 2, weight: 0.6 }]),
                product("a", vec![]),
                product("c", vec![Neighbour { product: 0, weight: 1.0 }]),
            ],
        )
    }

    #[test]
    fn round_trips_with_quantised_weights() {
        let model = sample();
        let read = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(read.products.len(), 3);
        assert_eq!(read.find("a"), Some(1));
        assert_eq!(read.find("z"), None);
        let b = read.product(0).unwrap();
        assert_eq!(b.neighbours.iter().map(|n| n.product).collect::<Vec<_>>(), [2, 1], "strongest first");
        assert!((b.neighbours[0].weight - 0.6).abs() < 0.01);
        assert_eq!(b.url.as_deref(), Some("/p/b"));
        assert_eq!(b.price, Some(Money::from_minor(1299)));
        assert_eq!(read.category_of(b), Some("Kaffee"));
    }

    #[test]
    fn refuses_broken_files_with_the_byte() {
        assert_eq!(
            Model::from_bytes(b"PK\x03\x04").unwrap_err(),
            "not a Patron model (the file does not start with \"PTRM\")"
        );
        assert_eq!(
            Model::from_bytes(b"PTRM\x07").unwrap_err(),
            "model format version 7 is not supported; this build reads version 1"
        );
        let bytes = sample().to_bytes();
        let cut = &bytes[..bytes.len() - 3];
        assert_eq!(
            Model::from_bytes(cut).unwrap_err(),
            format!("broken model at byte {}: the file ends too early", cut.len())
        );
        // Every truncation is refused without a panic.
        for end in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..end]).is_err());
        }
    }
}
