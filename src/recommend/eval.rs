//! Offline evaluation, as the next-basket literature does it: each household's last basket is left
//! out, the model is trained on everything else, and each method recommends k products for that
//! basket. Native only (`patron eval`).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::exports::{Basket, Catalogue, Orders};
use super::model::Model;
use super::rules::Rules;
use super::score::{recommend, History, Weights};
use super::tifu;
use super::train::{build, Options};
use crate::session::{Line, Order, Session};
use crate::time::Date;
use crate::words::count;

/// A method's scores at one k.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    /// Mean share of the held-out basket found in the list.
    pub recall: f64,
    /// Mean normalised discounted cumulative gain, binary relevance.
    pub ndcg: f64,
    /// Recall over the basket's items the household bought before (households with such items).
    pub repeat_recall: f64,
    /// Recall over the basket's items new to the household (households with such items).
    pub explore_recall: f64,
    /// Share of the model's products recommended to at least one household.
    pub coverage: f64,
}

/// The evaluation's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Households evaluated (at least 3 baskets).
    pub households: usize,
    /// Products in the model.
    pub products: usize,
    /// The k values, in order.
    pub ks: Vec<usize>,
    /// Per method, its name and metrics per k.
    pub methods: Vec<(String, Vec<Metrics>)>,
}

/// Which basket is held out: 0 the last (the test), 1 the one before (for tuning weights without
/// looking at the test baskets; the last basket is then dropped entirely).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holdout {
    /// The last basket: the reported figures.
    Test,
    /// The second-to-last basket: for tuning.
    Validation,
}

struct Case {
    /// The household, as an index into the orders' customers.
    customer: usize,
    day: Date,
    history: History,
    /// The same history as a shop's page gives it: through a session's compact history.
    compact: History,
    /// Products the household bought before, with the number of baskets and the last day.
    counts: Vec<(u32, u32, Date)>,
    /// The held-out basket's products: model indices, `None` for products the model does not know.
    truth: Vec<Option<u32>>,
}

/// The repeat/explore mixes `patron eval --validation --tune-mix` scores, from `base`: the places
/// kept for new products, the share below which a product the shopper bought gives way to them,
/// and how much popularity ranks the new ones.
pub fn mix_grid(base: &Weights) -> Vec<Weights> {
    let mut grid = Vec::new();
    for discovery_share in [0.0, 0.1, 0.2, 0.3] {
        for repeat_threshold in [0.05, 0.1, 0.2] {
            for explore_popularity in [0.3, 0.6] {
                grid.push(Weights { discovery_share, repeat_threshold, explore_popularity, ..*base });
            }
        }
    }
    grid
}

/// Runs the evaluation. "Patron, compact sessions" scores each household through a session's compact
/// history, of at most `session_max_products` products when given (the lossy cap of `patron session
/// --max-products`). TIFU-KNN runs once per entry of `tifu`: one row with its tuned values, or a row
/// per point of the grid when tuning.
#[allow(clippy::too_many_arguments)] // One caller, the command line, which names each.
pub fn evaluate(
    orders: &Orders,
    catalogue: &Catalogue,
    options: &Options,
    ks: &[usize],
    weights: &Weights,
    holdout: Holdout,
    session_max_products: Option<usize>,
    tifu: &[tifu::Params],
    mixes: &[Weights],
) -> Report {
    let skip = match holdout {
        Holdout::Test => 0,
        Holdout::Validation => 1,
    };
    let mut by_customer: Vec<Vec<usize>> = vec![Vec::new(); orders.customers.len()];
    for (i, basket) in orders.baskets.iter().enumerate() {
        if let Some(list) = by_customer.get_mut(basket.customer as usize) {
            list.push(i);
        }
    }
    let mut held: Vec<bool> = vec![false; orders.baskets.len()];
    let mut tests: Vec<(usize, Vec<usize>)> = Vec::new();
    for list in &by_customer {
        let mut list = list.clone();
        for _ in 0..skip {
            if let Some(dropped) = list.pop() {
                if let Some(h) = held.get_mut(dropped) {
                    *h = true;
                }
            }
        }
        if list.len() >= 3 {
            if let Some(test) = list.pop() {
                if let Some(h) = held.get_mut(test) {
                    *h = true;
                }
                tests.push((test, list));
            }
        }
    }
    let train = Orders {
        baskets: orders.baskets.iter().zip(&held).filter(|(_, h)| !**h).map(|(b, _)| b.clone()).collect(),
        ..orders.clone()
    };
    // Through the file format, so that its quantised weights are what is measured.
    let built = build(&train, catalogue, options);
    let model = Model::from_bytes(&built.to_bytes()).unwrap_or(built);
    let index: Vec<Option<u32>> = orders.skus.iter().map(|sku| model.find(sku)).collect();
    let to_model = |sku: u32| index.get(sku as usize).copied().flatten();

    // G-TopFreq: products in the most training baskets.
    let mut basket_counts: HashMap<u32, u32> = HashMap::new();
    for basket in &train.baskets {
        for (sku, _, _) in &basket.items {
            if let Some(p) = to_model(*sku) {
                *basket_counts.entry(p).or_insert(0) += 1;
            }
        }
    }
    let kmax = ks.iter().copied().max().unwrap_or(10);
    let mut global: Vec<(u32, u32)> = basket_counts.into_iter().collect();
    global.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let global: Vec<u32> = global.into_iter().take(kmax).map(|(p, _)| p).collect();

    let cases: Vec<Case> = tests
        .iter()
        .filter_map(|(test, history)| {
            let basket = orders.baskets.get(*test)?;
            let mut purchases = Vec::new();
            let mut counts: Vec<(u32, u32, Date)> = Vec::new();
            let mut seen: HashMap<u32, usize> = HashMap::new();
            for b in history.iter().filter_map(|i| orders.baskets.get(*i)) {
                for (sku, _, _) in &b.items {
                    let Some(p) = to_model(*sku) else { continue };
                    purchases.push((p, b.day));
                    match seen.get(&p).and_then(|at| counts.get_mut(*at)) {
                        Some(entry) => {
                            entry.1 += 1;
                            entry.2 = b.day;
                        }
                        None => {
                            seen.insert(p, counts.len());
                            counts.push((p, 1, b.day));
                        }
                    }
                }
            }
            let truth = basket.items.iter().map(|(sku, _, _)| to_model(*sku)).collect();
            let baskets: Vec<&Basket> = history.iter().filter_map(|i| orders.baskets.get(*i)).collect();
            Some(Case {
                customer: basket.customer as usize,
                day: basket.day,
                history: History { purchases, cart: Vec::new(), personal: true },
                compact: through_compact_session(orders, &baskets, &model, session_max_products),
                counts,
                truth,
            })
        })
        .collect();

    let rules = Rules::default();
    // P-TopFreq: the household's products by the number of its baskets holding them, the most
    // recent first among equals.
    let personal = |case: &Case, k: usize| {
        let mut counts = case.counts.clone();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        counts.into_iter().take(k).map(|(p, _, _)| p).collect::<Vec<u32>>()
    };
    type Method<'a> = Box<dyn Fn(&Case, usize) -> Vec<u32> + 'a>;
    let compact_name = compact_name(session_max_products);
    let methods: Vec<(&str, Method)> = vec![
        (
            "Patron",
            Box::new(|case: &Case, k: usize| {
                recommend(&model, &case.history, case.day, k, &rules, weights).into_iter().map(|r| r.product).collect()
            }),
        ),
        (
            compact_name.as_str(),
            Box::new(|case: &Case, k: usize| {
                recommend(&model, &case.compact, case.day, k, &rules, weights).into_iter().map(|r| r.product).collect()
            }),
        ),
        ("G-TopFreq", Box::new(|_: &Case, k: usize| global.iter().take(k).copied().collect())),
        ("P-TopFreq", Box::new(personal)),
        (
            "GP-TopFreq",
            Box::new(|case: &Case, k: usize| {
                let mut list = personal(case, k);
                for p in &global {
                    if list.len() >= k {
                        break;
                    }
                    if !list.contains(p) {
                        list.push(*p);
                    }
                }
                list
            }),
        ),
    ];

    // TIFU-KNN's neighbours are every household's training baskets, its own included.
    let mut households: Vec<Vec<Vec<u32>>> = vec![Vec::new(); orders.customers.len()];
    for (basket, _) in orders.baskets.iter().zip(&held).filter(|(_, h)| !**h) {
        let mut products: Vec<u32> = basket.items.iter().filter_map(|(sku, _, _)| to_model(*sku)).collect();
        products.sort_unstable();
        products.dedup();
        if let Some(list) = households.get_mut(basket.customer as usize) {
            list.push(products);
        }
    }
    let queries: Vec<usize> = cases.iter().map(|case| case.customer).collect();
    let tifu_rows: Vec<(String, Vec<Vec<u32>>)> = tifu
        .iter()
        .map(|params| {
            let name = if tifu.len() == 1 {
                "TIFU-KNN".to_string()
            } else {
                format!(
                    "TIFU-KNN m={} rb={} rg={} k={} a={}",
                    params.group_size, params.within_decay, params.group_decay, params.neighbours, params.alpha
                )
            };
            (name, tifu::recommend(&households, &queries, params, kmax))
        })
        .collect();

    let mut report =
        Report { households: cases.len(), products: model.products.len(), ks: ks.to_vec(), methods: Vec::new() };
    for (name, method) in &methods {
        let per_k = ks
            .iter()
            .map(|k| {
                let lists: Vec<Vec<u32>> = cases.iter().map(|case| method(case, *k)).collect();
                metrics(&cases, &lists, *k, model.products.len())
            })
            .collect();
        report.methods.push((name.to_string(), per_k));
    }
    for mix in mixes {
        let name = format!(
            "Patron discovery_share={} repeat_threshold={} explore_popularity={}",
            mix.discovery_share, mix.repeat_threshold, mix.explore_popularity
        );
        let lists: Vec<Vec<u32>> = cases
            .iter()
            .map(|case| {
                recommend(&model, &case.history, case.day, kmax, &rules, mix).into_iter().map(|r| r.product).collect()
            })
            .collect();
        let per_k = ks.iter().map(|k| metrics(&cases, &lists, *k, model.products.len())).collect();
        report.methods.push((name, per_k));
    }
    for (name, lists) in tifu_rows {
        let per_k = ks.iter().map(|k| metrics(&cases, &lists, *k, model.products.len())).collect();
        report.methods.push((name, per_k));
    }
    report
}

/// The scorer's history for `baskets` as a shop's page gives it: the orders written into a session's
/// compact history (`patron session`, `toSession`), read back by the session's decoder and digested
/// by [`History::from_session`]. The compact history is lossless for Patron, so the figures from it
/// must equal those from the orders; `patron eval` prints both.
/// The compact sessions' row: "Patron, compact sessions of at most 1 product" with
/// `--session-max-products 1`.
fn compact_name(max_products: Option<usize>) -> String {
    match max_products {
        Some(n) => format!("Patron, compact sessions of at most {}", count(n as i64, "product", "products")),
        None => "Patron, compact sessions".to_string(),
    }
}

fn through_compact_session(
    orders: &Orders,
    baskets: &[&Basket],
    model: &Model,
    max_products: Option<usize>,
) -> History {
    let full: Vec<Order> = baskets
        .iter()
        .enumerate()
        .map(|(i, basket)| Order {
            id: i.to_string(),
            placed_at: basket.placed_at,
            lines: basket
                .items
                .iter()
                .map(|(sku, quantity, unit_price)| Line {
                    sku: orders.skus.get(*sku as usize).cloned().unwrap_or_default(),
                    quantity: *quantity,
                    unit_price: *unit_price,
                    category: orders.sku_categories.get(*sku as usize).cloned().flatten(),
                })
                .collect(),
            total: None,
        })
        .collect();
    let document = serde_json::json!({
        "customer": { "id": "eval" },
        "consent": { "personalisation": true },
        "currency": "EUR",
        "history": crate::session::History::from_orders_keeping(&full, max_products.unwrap_or(usize::MAX)).to_json(),
    });
    match Session::from_value(&crate::json::Value::from(document)) {
        Ok(session) => History::from_session(&session, model),
        // Not reached: the encoder writes what the decoder reads (tests/history.rs).
        Err(_) => History { purchases: Vec::new(), cart: Vec::new(), personal: true },
    }
}

fn metrics(cases: &[Case], lists: &[Vec<u32>], k: usize, products: usize) -> Metrics {
    let mut m = Metrics::default();
    let (mut repeat_n, mut explore_n) = (0usize, 0usize);
    let mut shown = vec![false; products];
    for (case, list) in cases.iter().zip(lists) {
        let top: Vec<u32> = list.iter().take(k).copied().collect();
        for p in &top {
            if let Some(s) = shown.get_mut(*p as usize) {
                *s = true;
            }
        }
        let truth = &case.truth;
        if truth.is_empty() {
            continue;
        }
        let hit = |p: &Option<u32>| p.is_some_and(|p| top.contains(&p));
        let hits = truth.iter().filter(|p| hit(p)).count();
        m.recall += hits as f64 / truth.len() as f64;
        let dcg: f64 = top
            .iter()
            .enumerate()
            .filter(|(_, p)| truth.contains(&Some(**p)))
            .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
            .sum();
        let ideal: f64 = (0..truth.len().min(k)).map(|i| 1.0 / ((i + 2) as f64).log2()).sum();
        m.ndcg += dcg / ideal;
        let before = |p: &Option<u32>| p.is_some_and(|p| case.counts.iter().any(|(q, _, _)| *q == p));
        let (repeat, explore): (Vec<&Option<u32>>, Vec<&Option<u32>>) = truth.iter().partition(|p| before(p));
        if !repeat.is_empty() {
            repeat_n += 1;
            m.repeat_recall += repeat.iter().filter(|p| hit(p)).count() as f64 / repeat.len() as f64;
        }
        if !explore.is_empty() {
            explore_n += 1;
            m.explore_recall += explore.iter().filter(|p| hit(p)).count() as f64 / explore.len() as f64;
        }
    }
    let n = cases.iter().filter(|c| !c.truth.is_empty()).count().max(1) as f64;
    m.recall /= n;
    m.ndcg /= n;
    m.repeat_recall /= repeat_n.max(1) as f64;
    m.explore_recall /= explore_n.max(1) as f64;
    m.coverage = shown.iter().filter(|s| **s).count() as f64 / products.max(1) as f64;
    m
}

impl Report {
    /// The report as a Markdown table, one row per method.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = write!(out, "| method |");
        for k in &self.ks {
            let _ = write!(out, " Recall@{k} | NDCG@{k} | repeat R@{k} | explore R@{k} | coverage@{k} |");
        }
        out.push_str("\n|---|");
        for _ in &self.ks {
            out.push_str("---:|---:|---:|---:|---:|");
        }
        out.push('\n');
        for (name, per_k) in &self.methods {
            let _ = write!(out, "| {name} |");
            for m in per_k {
                let _ = write!(
                    out,
                    " {:.4} | {:.4} | {:.4} | {:.4} | {:.4} |",
                    m.recall, m.ndcg, m.repeat_recall, m.explore_recall, m.coverage
                );
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_row_counts_products_in_the_singular_and_plural() {
        assert_eq!(compact_name(None), "Patron, compact sessions");
        assert_eq!(compact_name(Some(0)), "Patron, compact sessions of at most 0 products");
        assert_eq!(compact_name(Some(1)), "Patron, compact sessions of at most 1 product");
        assert_eq!(compact_name(Some(2)), "Patron, compact sessions of at most 2 products");
    }
}
