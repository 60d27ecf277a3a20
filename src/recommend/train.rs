//! Building a [`Model`] from the shop's orders (native only: the command line's `patron model build`
//! and `patron eval`); the exports are read in `exports.rs`.

use std::collections::HashMap;

use super::exports::{Basket, Catalogue, Orders};
use super::model::{Model, Neighbour, Product, Repurchase};
use crate::time::Date;

/// How a model is built.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Neighbours kept per product.
    pub neighbours: usize,
    /// Keep only this many products, the most popular.
    pub max_products: Option<usize>,
    /// The popularity window, in days before the newest order.
    pub recent_days: i64,
    /// Added to the denominator of the co-purchase weight, so that two products that met once in
    /// a tiny sample do not look inseparable.
    pub shrink: f32,
    /// Groups of shoppers alike (see `peers.rs`); 0 leaves them out.
    pub peer_groups: usize,
    /// Products kept per peer group, its strongest.
    pub peer_products: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { neighbours: 8, max_products: None, recent_days: 90, shrink: 5.0, peer_groups: 64, peer_products: 300 }
    }
}

/// What the model says of each product, counted over the customers: the orders holding it, its
/// buyers, its buyers within the popularity window, the buyers who bought it again, and the days
/// between one customer's purchases of it.
pub(crate) struct Stats {
    pub(crate) baskets_with: Vec<u32>,
    buyers: Vec<u32>,
    recent: Vec<u32>,
    repeat: Vec<u32>,
    gaps: Vec<Vec<u32>>,
    last_seen: HashMap<u32, (Date, bool)>,
}

impl Stats {
    /// Zero counts for `n` products.
    pub(crate) fn new(n: usize) -> Stats {
        Stats {
            baskets_with: vec![0; n],
            buyers: vec![0; n],
            recent: vec![0; n],
            repeat: vec![0; n],
            gaps: vec![Vec::new(); n],
            last_seen: HashMap::new(),
        }
    }

    /// Counts as a table gives them ([`super::pack`]): per product the orders holding it, its
    /// buyers, recent and repeat buyers, and its median repurchase interval.
    pub(crate) fn from_counts(
        baskets_with: Vec<u32>,
        buyers: Vec<u32>,
        recent: Vec<u32>,
        repeat: Vec<u32>,
        intervals: Vec<Option<u32>>,
    ) -> Stats {
        Stats {
            baskets_with,
            buyers,
            recent,
            repeat,
            // The median of one value is that value.
            gaps: intervals.into_iter().map(|i| i.into_iter().collect()).collect(),
            last_seen: HashMap::new(),
        }
    }

    /// Counts one customer's orders, oldest first, as (day, products); a purchase on or after
    /// `recent_from` makes a recent buyer. The orders holding each product are counted apart.
    pub(crate) fn add_customer<'o>(&mut self, orders: impl Iterator<Item = (Date, &'o [u32])>, recent_from: Date) {
        self.last_seen.clear();
        for (day, items) in orders {
            for sku in items {
                let s = *sku as usize;
                match self.last_seen.get_mut(sku) {
                    None => {
                        self.last_seen.insert(*sku, (day, false));
                        if let Some(b) = self.buyers.get_mut(s) {
                            *b += 1;
                        }
                    }
                    Some((last, repeated)) => {
                        let gap = last.days_until(day);
                        if gap > 0 {
                            if let Some(g) = self.gaps.get_mut(s) {
                                g.push(gap as u32);
                            }
                        }
                        if !*repeated {
                            *repeated = true;
                            if let Some(r) = self.repeat.get_mut(s) {
                                *r += 1;
                            }
                        }
                        *last = day;
                    }
                }
            }
        }
        for (sku, (last, _)) in &self.last_seen {
            if *last >= recent_from {
                if let Some(r) = self.recent.get_mut(*sku as usize) {
                    *r += 1;
                }
            }
        }
    }
}

/// Builds the model from orders read whole (and display data). `patron model build` builds the same
/// model from the file in bounded memory ([`super::lean::build`]).
pub fn build(orders: &Orders, catalogue: &Catalogue, options: &Options) -> Model {
    // Products sold, then catalogue products never sold (new arrivals), which only popularity-free
    // signals can recommend but which the widget must be able to show.
    let mut skus: Vec<String> = orders.skus.clone();
    skus.extend(catalogue.unsold(&orders.skus));
    let built_at = orders.last_day().unwrap_or(Date::MIN);
    let recent_from = built_at.add_days(-options.recent_days);
    let mut stats = Stats::new(skus.len());
    let mut by_customer: Vec<Vec<usize>> = vec![Vec::new(); orders.customers.len()];
    for (i, basket) in orders.baskets.iter().enumerate() {
        if let Some(list) = by_customer.get_mut(basket.customer as usize) {
            list.push(i);
        }
        for (sku, _, _) in &basket.items {
            if let Some(count) = stats.baskets_with.get_mut(*sku as usize) {
                *count += 1;
            }
        }
    }
    let mut items: Vec<Vec<u32>> = Vec::new();
    for list in &by_customer {
        items.clear();
        let baskets: Vec<&Basket> = list.iter().filter_map(|i| orders.baskets.get(*i)).collect();
        items.extend(baskets.iter().map(|b| b.items.iter().map(|(sku, _, _)| *sku).collect::<Vec<u32>>()));
        stats.add_customer(baskets.iter().zip(&items).map(|(b, items)| (b.day, items.as_slice())), recent_from);
    }
    let (order, position) = kept(&skus, &stats, options);
    let neighbours = co_purchases(orders, &position, &stats.baskets_with, &order, options);
    let mut tastes = Tastes::default();
    for (customer, list) in orders.customers.iter().zip(&by_customer) {
        let baskets =
            list.iter().filter_map(|i| orders.baskets.get(*i)).map(|b| b.items.iter().map(|(sku, _, _)| *sku));
        tastes.add(customer, baskets, &position);
    }
    let mut model = assemble(&skus, &orders.sku_categories, &stats, &order, neighbours, catalogue, built_at);
    model.peer_groups = tastes.groups(options);
    model
}

/// The shoppers' tastes the peer groups are learnt from: all of them up to [`Tastes::MAX`], beyond
/// that the [`Tastes::MAX`] whose id hashes lowest (a sample that does not depend on the export's
/// order, so that both builders pick the same).
#[derive(Default)]
pub(crate) struct Tastes {
    kept: std::collections::BinaryHeap<Sampled>,
}

/// A sampled customer's taste, ordered by their id's hash, then the id.
struct Sampled {
    hash: u64,
    id: String,
    taste: super::peers::Taste,
}

impl PartialEq for Sampled {
    fn eq(&self, other: &Sampled) -> bool {
        (self.hash, &self.id) == (other.hash, &other.id)
    }
}

impl Eq for Sampled {}

impl PartialOrd for Sampled {
    fn partial_cmp(&self, other: &Sampled) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sampled {
    fn cmp(&self, other: &Sampled) -> std::cmp::Ordering {
        (self.hash, &self.id).cmp(&(other.hash, &other.id))
    }
}

impl Tastes {
    /// Shoppers clustered at most: k-means over them takes seconds, and more change little.
    pub(crate) const MAX: usize = 20_000;

    /// Adds a customer's baskets (SKU numbers, oldest first), read in model positions.
    pub(crate) fn add<I: Iterator<Item = u32>>(
        &mut self,
        customer: &str,
        baskets: impl Iterator<Item = I>,
        position: &[u32],
    ) {
        let hash = crate::hash::stable_hash(&[customer]);
        if self.kept.len() >= Self::MAX
            && self.kept.peek().is_some_and(|top| (top.hash, top.id.as_str()) < (hash, customer))
        {
            return;
        }
        let mut kept: Vec<Vec<u32>> = Vec::new();
        for basket in baskets {
            let mut products: Vec<u32> = Vec::new();
            for p in basket.filter_map(|s| position.get(s as usize).copied()).filter(|p| *p != u32::MAX) {
                if !products.contains(&p) {
                    products.push(p);
                }
            }
            // A basket of products the model does not keep is no basket to the browser either.
            if !products.is_empty() {
                kept.push(products);
            }
        }
        let slices: Vec<&[u32]> = kept.iter().map(Vec::as_slice).collect();
        let taste = super::peers::taste(&slices);
        self.kept.push(Sampled { hash, id: customer.to_string(), taste });
        if self.kept.len() > Self::MAX {
            self.kept.pop();
        }
    }

    /// The peer groups of the kept shoppers.
    pub(crate) fn groups(self, options: &Options) -> Vec<super::peers::PeerGroup> {
        if options.peer_groups == 0 {
            return Vec::new();
        }
        let tastes = self.kept.into_sorted_vec().into_iter().map(|s| s.taste).collect();
        super::peers::train(tastes, options.peer_groups, options.peer_products)
    }
}

/// Which products the model keeps, most recommendable first (recent buyers, then all buyers, then
/// SKU), and each product's place among them (`u32::MAX` for those left out).
pub(crate) fn kept(skus: &[String], stats: &Stats, options: &Options) -> (Vec<u32>, Vec<u32>) {
    let n = skus.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let key = |s: u32| {
        let i = s as usize;
        (stats.recent.get(i).copied().unwrap_or(0), stats.buyers.get(i).copied().unwrap_or(0))
    };
    order.sort_by(|a, b| key(*b).cmp(&key(*a)).then_with(|| skus.get(*a as usize).cmp(&skus.get(*b as usize))));
    if let Some(max) = options.max_products {
        order.truncate(max);
    }
    let mut position = vec![u32::MAX; n];
    for (at, sku) in order.iter().enumerate() {
        if let Some(p) = position.get_mut(*sku as usize) {
            *p = at as u32;
        }
    }
    (order, position)
}

/// The model's products, in the kept order, with their display data, categories, popularity,
/// repurchase profile and neighbours.
pub(crate) fn assemble(
    skus: &[String],
    sku_categories: &[Option<String>],
    stats: &Stats,
    order: &[u32],
    neighbours: Vec<Vec<Neighbour>>,
    catalogue: &Catalogue,
    built_at: Date,
) -> Model {
    let mut gaps = stats.gaps.clone();
    let mut categories: Vec<String> = Vec::new();
    let mut brands: Vec<String> = Vec::new();
    let intern = |names: &mut Vec<String>, name: Option<&String>| -> Option<u32> {
        let name = name?;
        Some(match names.iter().position(|n| n == name) {
            Some(at) => at as u32,
            None => {
                names.push(name.clone());
                names.len() as u32 - 1
            }
        })
    };
    let mut category_index: HashMap<String, u32> = HashMap::new();
    let mut products = Vec::with_capacity(order.len());
    let mut neighbours = neighbours.into_iter();
    for sku in order {
        let s = *sku as usize;
        let name = skus.get(s).cloned().unwrap_or_default();
        let mut product = catalogue.products.get(&name).cloned().unwrap_or_else(|| Product {
            sku: name.clone(),
            in_stock: true,
            ..Product::default()
        });
        let category = catalogue.category(&name).or(sku_categories.get(s).and_then(Option::as_ref));
        product.category = category.map(|c| {
            let next = category_index.len() as u32;
            *category_index.entry(c.clone()).or_insert_with(|| {
                categories.push(c.clone());
                next
            })
        });
        product.brand = intern(&mut brands, catalogue.brand(&name));
        product.popularity = stats.recent.get(s).copied().unwrap_or(0);
        let bought_by = stats.buyers.get(s).copied().unwrap_or(0);
        product.repurchase = Repurchase {
            share: if bought_by == 0 {
                0.0
            } else {
                stats.repeat.get(s).copied().unwrap_or(0) as f32 / bought_by as f32
            },
            interval_days: gaps.get_mut(s).and_then(|g| median(g)),
        };
        product.neighbours = neighbours.next().unwrap_or_default();
        products.push(product);
    }
    Model::new(built_at, categories, brands, products)
}

fn median(values: &mut [u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// Top co-purchase neighbours per kept product: the number of orders holding both, over the
/// geometric mean of the orders holding each plus a shrinkage term (a shrunk cosine).
fn co_purchases(
    orders: &Orders,
    position: &[u32],
    baskets_with: &[u32],
    order: &[u32],
    options: &Options,
) -> Vec<Vec<Neighbour>> {
    // Every pair of kept products in one order, both ways, as (a << 32 | b); sorted, runs are counts.
    let mut pairs: Vec<u64> = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    for basket in &orders.baskets {
        kept.clear();
        kept.extend(basket.items.iter().filter_map(|(s, _, _)| position.get(*s as usize)).filter(|p| **p != u32::MAX));
        for (i, a) in kept.iter().enumerate() {
            for b in kept.iter().skip(i + 1) {
                pairs.push(u64::from(*a) << 32 | u64::from(*b));
                pairs.push(u64::from(*b) << 32 | u64::from(*a));
            }
        }
    }
    pairs.sort_unstable();
    let mut out: Vec<Vec<Neighbour>> = vec![Vec::new(); order.len()];
    let mut i = 0;
    while let Some(first) = pairs.get(i).copied() {
        let mut j = i;
        while pairs.get(j) == Some(&first) {
            j += 1;
        }
        let (a, b) = ((first >> 32) as u32, first as u32);
        if let Some(list) = out.get_mut(a as usize) {
            list.push(Neighbour { product: b, weight: weight((j - i) as u32, a, b, order, baskets_with, options) });
        }
        i = j;
    }
    for list in &mut out {
        rank_neighbours(list, options);
    }
    out
}

/// The co-purchase weight of kept products `a` and `b`, found together in `together` orders: a
/// cosine shrunk towards 0 for products seldom bought ([`Options::shrink`]).
pub(crate) fn weight(together: u32, a: u32, b: u32, order: &[u32], baskets_with: &[u32], options: &Options) -> f32 {
    let count_of =
        |p: u32| order.get(p as usize).and_then(|s| baskets_with.get(*s as usize)).copied().unwrap_or(0) as f32;
    together as f32 / ((count_of(a) * count_of(b)).sqrt() + options.shrink)
}

/// Keeps a product's strongest neighbours: by weight, ties by the neighbour's place in the model.
pub(crate) fn rank_neighbours(list: &mut Vec<Neighbour>, options: &Options) {
    list.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.product.cmp(&y.product)));
    list.truncate(options.neighbours);
    // A popular product meets thousands of others: without this, the capacity of every list would
    // add up to every pair the export holds.
    list.shrink_to_fit();
}
