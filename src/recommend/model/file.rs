//! The model file: writing it (`patron model build`) and reading it back (the widget, every
//! command), in the format the module documentation describes.
//!
//! Writing and reading stay side by side, over 450 lines with their tests: each section's writer
//! and reader must agree byte for byte, and a change to one is read against the other.

use super::{Layout, Model, Neighbour, PeerGroup, Product, MAGIC, MAX_MODEL_BYTES, MAX_PRODUCTS, VERSION};
use crate::error::{Document, Error, Problem};
use crate::money::Money;
use crate::time::Date;

impl Model {
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
        // Version 2: the peer groups, column by column as the products are.
        let groups = &self.peer_groups;
        varint(&mut out, groups.len() as u64);
        let scales: Vec<f32> = groups.iter().map(|g| g.products.iter().map(|(_, w)| *w).fold(0.0, f32::max)).collect();
        scales.iter().for_each(|s| varint(&mut out, (f64::from(*s) * SCALE_UNITS).round() as u64));
        groups.iter().for_each(|g| varint(&mut out, g.products.len() as u64));
        for group in groups {
            let mut previous = 0;
            for (p, _) in &group.products {
                varint(&mut out, u64::from(p - previous));
                previous = *p;
            }
        }
        for (group, scale) in groups.iter().zip(&scales) {
            group.products.iter().for_each(|(_, w)| out.push(quantise(if *scale > 0.0 { w / scale } else { 0.0 })));
        }
        out
    }

    /// Decodes a model file.
    ///
    /// # Errors
    /// What is wrong and at which byte: not a Patron model, another format version, a truncated
    /// file, or an index out of range.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        decode(bytes).map(|(model, _)| model)
    }

    /// The layout of a model file, read as [`Model::from_bytes`] reads it: what `patron model
    /// inspect` shows.
    ///
    /// # Errors
    /// The same as [`Model::from_bytes`]'s: a file it refuses has no layout.
    pub fn layout(bytes: &[u8]) -> Result<Layout, Error> {
        let (model, (version, ends)) = decode(bytes)?;
        let mut start = 0;
        let mut sections = Vec::with_capacity(SECTIONS.len());
        for (name, end) in SECTIONS.iter().zip(ends) {
            sections.push((*name, end.saturating_sub(start)));
            start = end;
        }
        let ps = &model.products;
        Ok(Layout {
            version,
            built_at: model.built_at,
            products: ps.len(),
            categories: model.categories.len(),
            brands: model.brands.len(),
            neighbour_lists: ps.iter().filter(|p| !p.neighbours.is_empty()).count(),
            neighbours: ps.iter().map(|p| p.neighbours.len()).sum(),
            peer_groups: model.peer_groups.iter().map(|g| g.products.len()).collect(),
            sections,
        })
    }
}

/// The sections of a model file, in order.
const SECTIONS: [&str; 5] = ["header", "names", "products", "neighbours", "peer groups"];

/// Decodes a model file; also returns its version and where each of its [`SECTIONS`] ends.
fn decode(bytes: &[u8]) -> Result<(Model, (u8, [usize; 5])), Error> {
    let mut ends = [0; 5];
    if bytes.len() > MAX_MODEL_BYTES {
        return Err(whole(format!("the model has {} bytes, over the limit of {MAX_MODEL_BYTES}", bytes.len())));
    }
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(whole("not a Patron model (the file does not start with \"PTRM\")"));
    }
    let version = r.byte()?;
    // Version 1 is version 2 without the peer groups: models built before them still load.
    if version != 1 && version != VERSION {
        return Err(whole(format!(
            "model format version {version} is not supported; this build reads versions 1 to {VERSION}"
        )));
    }
    let built_at = r.day()?;
    ends[0] = r.at;
    let categories = r.names()?;
    let brands = r.names()?;
    ends[1] = r.at;
    let count = r.count()?;
    if count > MAX_PRODUCTS {
        return Err(whole(format!("the model has {count} products, over the limit of {MAX_PRODUCTS}")));
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
    ends[2] = r.at;
    for (p, list) in ps.iter_mut().zip(r.lists(count, count, "a neighbour index out of range")?) {
        p.neighbours = list.into_iter().map(|product| Neighbour { product, weight: 0.0 }).collect();
    }
    for p in &mut ps {
        for n in &mut p.neighbours {
            n.weight = f32::from(r.byte()?.min(WEIGHT_STEPS)) / f32::from(WEIGHT_STEPS);
        }
        let neighbours = std::mem::take(&mut p.neighbours);
        p.neighbours = crate::rank::ordered(&neighbours, |n| (crate::rank::descending(n.weight), i64::from(n.product)));
    }
    ends[3] = r.at;
    let mut peer_groups = Vec::new();
    if version >= 2 {
        let groups = r.count()?;
        let mut scales = Vec::with_capacity(groups);
        for _ in 0..groups {
            scales.push((r.varint()? as f64 / SCALE_UNITS) as f32);
        }
        for list in r.lists(groups, count, "a peer group's product index out of range")? {
            peer_groups.push(PeerGroup { products: list.into_iter().map(|p| (p, 0.0)).collect() });
        }
        for (group, scale) in peer_groups.iter_mut().zip(&scales) {
            for (_, w) in &mut group.products {
                *w = f32::from(r.byte()?) / 255.0 * scale;
            }
        }
    }
    if r.at != bytes.len() {
        return Err(r.error("unexpected bytes after the last column"));
    }
    ends[4] = r.at;
    let mut model = Model::new(built_at, categories, brands, ps);
    model.peer_groups = peer_groups;
    Ok((model, (version, ends)))
}

/// A peer group's largest share is stored in millionths; the others in 255ths of it.
const SCALE_UNITS: f64 = 1_000_000.0;

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

/// A problem of the whole file, at no byte in particular.
fn whole(message: impl Into<String>) -> Error {
    Error::one(Document::Model, Problem::at("", message))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> Error {
        Error::one(Document::Model, Problem::at_byte(self.at, what))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|end| *end <= self.bytes.len());
        match end.and_then(|end| self.bytes.get(self.at..end)) {
            Some(slice) => {
                self.at += n;
                Ok(slice)
            }
            None => Err(self.error("the file ends too early")),
        }
    }

    fn byte(&mut self) -> Result<u8, Error> {
        self.take(1).map(|b| b.first().copied().unwrap_or(0))
    }

    fn varint(&mut self) -> Result<u64, Error> {
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

    fn u32(&mut self) -> Result<u32, Error> {
        let value = self.varint()?;
        u32::try_from(value).map_err(|_| self.error("a number out of range"))
    }

    /// A count of items that follow, each at least one byte: larger than the rest of the file is
    /// broken (and must not make us reserve gigabytes).
    fn count(&mut self) -> Result<usize, Error> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(self.error("a count larger than the file"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, Error> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("text that is not UTF-8"))
    }

    /// `n` lists of indices below `limit`: their lengths, then each list's ascending indices as
    /// deltas (the neighbours' and the peer groups' layout).
    fn lists(&mut self, n: usize, limit: usize, what: &str) -> Result<Vec<Vec<u32>>, Error> {
        let mut lengths = Vec::with_capacity(n);
        for _ in 0..n {
            lengths.push(self.count()?);
        }
        let mut lists = Vec::with_capacity(n);
        for length in lengths {
            let mut index = 0u32;
            let mut list = Vec::with_capacity(length);
            for _ in 0..length {
                index =
                    index.checked_add(self.u32()?).filter(|i| (*i as usize) < limit).ok_or_else(|| self.error(what))?;
                list.push(index);
            }
            lists.push(list);
        }
        Ok(lists)
    }

    fn names(&mut self) -> Result<Vec<String>, Error> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }

    fn index(&mut self, len: usize) -> Result<Option<u32>, Error> {
        match self.u32()? {
            0 => Ok(None),
            n if (n as usize) <= len => Ok(Some(n - 1)),
            _ => Err(self.error("a name index out of range")),
        }
    }

    fn day(&mut self) -> Result<Date, Error> {
        let days = self.varint()?;
        i64::try_from(days).ok().and_then(Date::from_days_since_epoch).ok_or_else(|| self.error("a date out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::Repurchase;
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
    fn lays_out_the_sections_of_versions_1_and_2() {
        let mut model = sample();
        model.peer_groups =
            vec![PeerGroup { products: vec![(0, 0.5), (2, 0.25)] }, PeerGroup { products: vec![(1, 1.0)] }];
        let bytes = model.to_bytes();
        let found = Model::layout(&bytes).unwrap();
        assert_eq!((found.version, found.products, found.categories, found.brands), (2, 3, 1, 0), "{found:?}");
        assert_eq!((found.neighbour_lists, found.neighbours), (2, 3));
        assert_eq!(found.peer_groups, [2, 1]);
        let names: Vec<&str> = found.sections.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["header", "names", "products", "neighbours", "peer groups"]);
        // "PTRM", the version and the day (20,393: three varint bytes).
        assert_eq!(found.sections[0].1, 8);
        // Two groups: their count, scales (500,000 and 1,000,000 millionths: three bytes each), sizes,
        // index deltas and shares.
        assert_eq!(found.sections[4].1, 1 + 6 + 2 + 3 + 3);
        assert_eq!(found.sections.iter().map(|(_, n)| n).sum::<usize>(), bytes.len());

        // Version 1: the same without the peer groups' section.
        let mut v1 = sample().to_bytes();
        v1.truncate(v1.len() - 1);
        v1[4] = 1;
        let found = Model::layout(&v1).unwrap();
        assert_eq!((found.version, found.peer_groups.len()), (1, 0));
        assert_eq!(found.sections[4], ("peer groups", 0));
        assert_eq!(found.sections.iter().map(|(_, n)| n).sum::<usize>(), v1.len());
        assert_eq!(
            Model::layout(&v1[..v1.len() - 1]).unwrap_err(),
            Model::from_bytes(&v1[..v1.len() - 1]).unwrap_err()
        );
    }

    #[test]
    fn refuses_broken_files_with_the_byte() {
        assert_eq!(
            Model::from_bytes(b"PK\x03\x04").unwrap_err().to_string(),
            "not a Patron model (the file does not start with \"PTRM\")"
        );
        assert_eq!(
            Model::from_bytes(b"PTRM\x07").unwrap_err().to_string(),
            "model format version 7 is not supported; this build reads versions 1 to 2"
        );
        let bytes = sample().to_bytes();
        let cut = &bytes[..bytes.len() - 3];
        assert_eq!(
            Model::from_bytes(cut).unwrap_err().to_string(),
            format!("broken model at byte {}: the file ends too early", cut.len())
        );
        // Every truncation is refused without a panic.
        for end in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..end]).is_err());
        }
    }
}
