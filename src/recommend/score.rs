//! Scoring: which products this shopper most likely buys next, each with its reason.
//!
//! Four signals, each scaled to 0..1 for the shopper, then weighted ([`Weights`]):
//! - **repurchase**: the shopper's own time-decayed purchase frequency of a product, raised when a
//!   consumable is *due* (its typical interval has passed since the last purchase);
//! - **discovery**: co-purchase neighbours of what the shopper bought, recent purchases weighing more;
//! - **category affinity**: popular products of the categories the shopper buys most;
//! - **popularity**: what many shoppers bought recently, the prior for shoppers with little history.
//!
//! Filters: out of stock, already in the cart, and a durable product the shopper already bought.
//! Then business rules (boosts, burials and pins from the config) and diversity (at most
//! [`Rules::max_per_category`] per category).

use super::model::Model;
use super::rules::Rules;
use crate::time::Date;

/// Why a product is recommended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A consumable the shopper buys, whose typical interval has passed.
    RepurchaseDue,
    /// A product the shopper buys again and again, not due yet.
    BuyAgain,
    /// Often bought with this product (its SKU), which the shopper bought.
    BoughtWith(String),
    /// Popular in a category the shopper buys from.
    PopularIn(String),
    /// Bought by shoppers whose purchases are like this shopper's.
    SimilarShoppers,
    /// Bought by many shoppers recently.
    Trending,
    /// Pinned by the shop.
    Pinned,
}

impl Reason {
    /// The reason's code, as the command line and the events carry it.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::RepurchaseDue => "repurchase_due",
            Reason::BuyAgain => "buy_again",
            Reason::BoughtWith(_) => "bought_with",
            Reason::PopularIn(_) => "popular_in",
            Reason::SimilarShoppers => "similar_shoppers",
            Reason::Trending => "trending",
            Reason::Pinned => "pinned",
        }
    }
}

/// One recommended product.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// Its index in the model.
    pub product: u32,
    /// The score; higher is more likely bought next.
    pub score: f32,
    /// Why.
    pub reason: Reason,
}

/// What the scorer knows of the shopper, in model indices.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Past purchases: product and day, one entry per order holding the product, oldest first.
    pub purchases: Vec<(u32, Date)>,
    /// Products in the cart.
    pub cart: Vec<u32>,
    /// Whether the history may be read (personalisation consent); popularity only without it.
    pub personal: bool,
}

/// How the signals combine. The defaults are tuned on The Complete Journey (see the book, internals/recommendation-quality.md).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// The shopper's own repurchase signal.
    pub repurchase: f32,
    /// Added to the repurchase signal's factor when the product is due.
    pub due: f32,
    /// Discovery through co-purchase neighbours.
    pub neighbours: f32,
    /// What shoppers like this one buy (the model's peer groups), as the share of their baskets.
    pub peers: f32,
    /// Category affinity.
    pub category: f32,
    /// Popularity, for products the shopper bought.
    pub popularity: f32,
    /// Popularity, for products new to the shopper (the explore list).
    pub explore_popularity: f32,
    /// Half-life of a purchase in the repurchase signal, in days.
    pub half_life_days: f32,
    /// Share of the list kept for products new to the shopper (discovery), 0 to 1.
    pub discovery_share: f32,
    /// A product the shopper bought takes a place before the products new to them only when its
    /// share of their (decayed) baskets is at least this: the repeat/explore mix.
    pub repeat_threshold: f32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            repurchase: 1.0,
            due: 0.15,
            neighbours: 0.05,
            peers: 0.3,
            category: 0.08,
            popularity: 0.3,
            explore_popularity: 0.3,
            half_life_days: 120.0,
            discovery_share: 0.1,
            repeat_threshold: 0.1,
        }
    }
}

/// Candidates considered from the popularity lists: overall and per favourite category.
const POPULAR_CANDIDATES: usize = 60;
const CATEGORY_CANDIDATES: usize = 20;
const FAVOURITE_CATEGORIES: usize = 3;
/// A consumable is due from this share of its typical interval, until this many intervals.
const DUE_FROM: f32 = 0.8;
const DUE_UNTIL: f32 = 3.0;

#[derive(Clone, Copy, Default)]
struct Signals {
    repurchase: f32,
    neighbours: f32,
    /// What shoppers like this one buy.
    peers: f32,
    /// The shopper's own share of baskets.
    own: f32,
    /// The purchase that contributed most to `neighbours`, and how much.
    via: Option<u32>,
    best: f32,
    /// The shopper's last purchase of the product, and in how many orders.
    last: Option<Date>,
    orders: u32,
    due: bool,
    candidate: bool,
}

/// The top `k` products for the shopper at `today`.
pub fn recommend(
    model: &Model,
    history: &History,
    today: Date,
    k: usize,
    rules: &Rules,
    weights: &Weights,
) -> Vec<Recommendation> {
    let n = model.products.len();
    let mut signals = vec![Signals::default(); n];
    let mut candidates: Vec<u32> = Vec::new();
    let add = |signals: &mut [Signals], candidates: &mut Vec<u32>, p: u32| {
        if let Some(s) = signals.get_mut(p as usize) {
            if !s.candidate {
                s.candidate = true;
                candidates.push(p);
            }
        }
    };

    // The shopper's own purchases: decayed frequency, last day, purchase count.
    let purchases: &[(u32, Date)] = if history.personal { &history.purchases } else { &[] };
    let decay = std::f32::consts::LN_2 / weights.half_life_days.max(1.0);
    for (p, day) in purchases {
        let age = day.days_until(today).max(0) as f32;
        if let Some(s) = signals.get_mut(*p as usize) {
            s.repurchase += (-decay * age).exp();
            s.orders += 1;
            s.last = Some(s.last.map_or(*day, |last| last.max(*day)));
        }
        add(&mut signals, &mut candidates, *p);
    }
    // Shoppers like this one. The shopper's own vector first: their baskets (the purchases of one
    // day are one basket), weighted by age (peers.rs), summed per product.
    let mut count = 0;
    let mut previous = None;
    for (_, day) in purchases {
        if previous != Some(day) {
            count += 1;
            previous = Some(day);
        }
    }
    let basket_weights = super::peers::basket_weights(count);
    let (mut basket, mut previous) = (0, None);
    for (p, day) in purchases {
        if previous.is_some_and(|d| d != day) {
            basket += 1;
        }
        previous = Some(day);
        if let Some(s) = signals.get_mut(*p as usize) {
            s.own += basket_weights.get(basket).copied().unwrap_or(0.0);
        }
    }
    // Then the nearest peer groups, blended by similarity.
    if weights.peers > 0.0 {
        let norm =
            candidates.iter().filter_map(|p| signals.get(*p as usize)).map(|s| s.own * s.own).sum::<f32>().sqrt();
        let nearest =
            super::peers::nearest(&model.peer_groups, |p| signals.get(p as usize).map_or(0.0, |s| s.own), norm);
        let total: f32 = nearest.iter().map(|(_, similarity)| similarity).sum();
        for (g, similarity) in &nearest {
            for (p, w) in model.peer_groups.get(*g).map(|g| g.products.as_slice()).unwrap_or_default() {
                add(&mut signals, &mut candidates, *p);
                if let Some(s) = signals.get_mut(*p as usize) {
                    s.peers += w * similarity / total;
                }
            }
        }
    }
    let bought: Vec<(u32, Date)> =
        candidates.iter().filter_map(|p| signals.get(*p as usize).and_then(|s| s.last).map(|d| (*p, d))).collect();
    let mut category_weight: Vec<(u32, f32)> = Vec::new();
    for (p, day) in &bought {
        let Some(product) = model.product(*p) else { continue };
        let since = day.days_until(today).max(0) as f32;
        if let (true, Some(interval)) = (product.repurchase.consumable(), product.repurchase.interval_days) {
            let ratio = since / interval.max(1) as f32;
            if let Some(s) = signals.get_mut(*p as usize) {
                s.due = (DUE_FROM..=DUE_UNTIL).contains(&ratio);
            }
        }
        // Neighbours of recent purchases count more.
        let recency = (-decay * since).exp();
        for neighbour in &product.neighbours {
            add(&mut signals, &mut candidates, neighbour.product);
            if let Some(s) = signals.get_mut(neighbour.product as usize) {
                let contribution = recency * neighbour.weight;
                if contribution > s.best {
                    s.best = contribution;
                    s.via = Some(*p);
                }
                s.neighbours += contribution;
            }
        }
        if let Some(c) = product.category {
            let weight = signals.get(*p as usize).map_or(0.0, |s| s.repurchase);
            match category_weight.iter_mut().find(|(x, _)| *x == c) {
                Some(entry) => entry.1 += weight,
                None => category_weight.push((c, weight)),
            }
        }
    }
    let total_category: f32 = category_weight.iter().map(|(_, w)| w).sum();
    let category_weight = crate::rank::sorted(category_weight, |(c, w)| (crate::rank::descending(*w), i64::from(*c)));

    // Popular products overall and in the favourite categories (the model is in popularity order).
    for p in 0..n.min(POPULAR_CANDIDATES) as u32 {
        add(&mut signals, &mut candidates, p);
    }
    for (c, _) in category_weight.iter().take(FAVOURITE_CATEGORIES) {
        let in_category = (0..n as u32).filter(|p| model.product(*p).and_then(|x| x.category) == Some(*c));
        for p in in_category.take(CATEGORY_CANDIDATES) {
            add(&mut signals, &mut candidates, p);
        }
    }

    let max_repurchase =
        candidates.iter().filter_map(|p| signals.get(*p as usize)).map(|s| s.repurchase).fold(0.0, f32::max);
    let max_neighbours =
        candidates.iter().filter_map(|p| signals.get(*p as usize)).map(|s| s.neighbours).fold(0.0, f32::max);
    let max_peers = candidates.iter().filter_map(|p| signals.get(*p as usize)).map(|s| s.peers).fold(0.0, f32::max);
    let max_popularity = model.products.first().map_or(0, |p| p.popularity).max(1) as f32;

    let mut scored: Vec<Recommendation> = Vec::with_capacity(candidates.len());
    for p in candidates {
        let (Some(product), Some(s)) = (model.product(p), signals.get(p as usize)) else { continue };
        // A durable the shopper bought once is not sold to them again (they bought it twice: it is
        // not durable for them).
        if !product.in_stock || history.cart.contains(&p) || (s.orders == 1 && !product.repurchase.consumable()) {
            continue;
        }
        let factor = model
            .category_of(product)
            .and_then(|c| rules.boost.iter().find(|(name, _)| name == c))
            .map_or(1.0, |(_, f)| *f);
        if factor <= 0.0 {
            continue;
        }
        let affinity = product
            .category
            .and_then(|c| category_weight.iter().find(|(x, _)| *x == c))
            .map_or(0.0, |(_, w)| if total_category > 0.0 { w / total_category } else { 0.0 });
        let popularity = product.popularity as f32 / max_popularity;
        let repurchase = if max_repurchase > 0.0 { s.repurchase / max_repurchase } else { 0.0 };
        let neighbours = if max_neighbours > 0.0 { s.neighbours / max_neighbours } else { 0.0 };
        let peers = if max_peers > 0.0 { s.peers / max_peers } else { 0.0 };
        let parts = [
            weights.repurchase * repurchase * (1.0 + if s.due { weights.due } else { 0.0 }),
            weights.neighbours * neighbours,
            weights.peers * peers,
            weights.category * affinity * popularity,
            if s.orders > 0 { weights.popularity } else { weights.explore_popularity } * popularity,
        ];
        let score = parts.iter().sum::<f32>() * factor;
        // The reason is found for the products shown only (below): its names would cost every
        // candidate an allocation.
        scored.push(Recommendation { product: p, score, reason: Reason::Trending });
    }
    // The crate's one sort (see rank.rs): highest score first, then the more popular product.
    let scored = crate::rank::sorted(scored, |r| (crate::rank::descending(r.score), i64::from(r.product)));

    // Pins first, then the ranking, at most `max_per_category` per category.
    let mut out: Vec<Recommendation> = Vec::with_capacity(k);
    for sku in &rules.pin {
        let Some(p) = model.find(sku) else { continue };
        let Some(product) = model.product(p) else { continue };
        if product.in_stock && !history.cart.contains(&p) && out.len() < k && !out.iter().any(|r| r.product == p) {
            out.push(Recommendation { product: p, score: 0.0, reason: Reason::Pinned });
        }
    }
    // Products the shopper already buys fill at most `k - discovery` places, so that the list
    // always shows something new when there is something to show; passed-over ones fill up after.
    let discovery = ((k as f32) * weights.discovery_share).round() as usize;
    let new_available =
        scored.iter().filter(|r| signals.get(r.product as usize).is_some_and(|s| s.orders == 0)).count();
    let known_limit = k.saturating_sub(discovery.min(new_available));
    let mut per_category: Vec<(u32, usize)> = Vec::new();
    let mut passed = Vec::new();
    // The two lists: what the shopper buys, then what is new to them. A new product is less likely
    // bought than one they buy (so NDCG rises), and the shopper reads the carousel the same way.
    let mut fresh = Vec::new();
    let mut known = 0;
    for r in scored {
        if out.len() + fresh.len() >= k {
            break;
        }
        if out.iter().any(|o| o.product == r.product) {
            continue;
        }
        let is_known = signals.get(r.product as usize).is_some_and(|s| s.orders > 0);
        let weak = signals.get(r.product as usize).is_some_and(|s| s.own < weights.repeat_threshold);
        if is_known && weak && known >= known_limit {
            passed.push(r);
            continue;
        }
        if let Some(c) = model.product(r.product).and_then(|p| p.category) {
            match per_category.iter_mut().find(|(x, _)| *x == c) {
                Some((_, count)) if *count >= rules.max_per_category => continue,
                Some((_, count)) => *count += 1,
                None => per_category.push((c, 1)),
            }
        }
        if is_known {
            known += 1;
            out.push(r);
        } else {
            fresh.push(r);
        }
    }
    out.extend(fresh);
    out.extend(passed.into_iter().take(k.saturating_sub(out.len())));
    // The reason is the most specific evidence, not the largest term: popularity lifts nearly
    // everything, but "you bought X" is what explains a personal pick.
    for r in out.iter_mut().filter(|r| r.reason != Reason::Pinned) {
        let (Some(product), Some(s)) = (model.product(r.product), signals.get(r.product as usize)) else { continue };
        let peers = if max_peers > 0.0 { s.peers / max_peers } else { 0.0 };
        let neighbours = if max_neighbours > 0.0 { s.neighbours / max_neighbours } else { 0.0 };
        let bought_in_category =
            product.category.is_some_and(|c| category_weight.iter().any(|(x, w)| *x == c && *w > 0.0));
        r.reason = if s.orders > 0 {
            if s.due {
                Reason::RepurchaseDue
            } else {
                Reason::BuyAgain
            }
        } else if weights.peers * peers > weights.neighbours * neighbours {
            Reason::SimilarShoppers
        } else if let Some(q) = s.via.and_then(|q| model.product(q)) {
            Reason::BoughtWith(q.sku.clone())
        } else {
            match model.category_of(product) {
                Some(c) if bought_in_category => Reason::PopularIn(c.to_string()),
                _ => Reason::Trending,
            }
        };
    }
    out
}
