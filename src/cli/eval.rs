//! `patron eval`: the recommender against baselines, on held-out baskets.

use std::path::Path;

use super::input::said;
use super::model::load_catalogue;
use crate::recommend::exports::Orders;
use crate::recommend::train;
use crate::recommend::{eval, tifu, Weights};
use crate::words::count;

#[allow(clippy::too_many_arguments)] // One caller, which passes the parsed arguments by name.
pub(crate) fn eval(
    orders: &Path,
    products: Option<&Path>,
    ks: &[usize],
    max_products: Option<usize>,
    validation: bool,
    weights: Option<&str>,
    session_max_products: Option<usize>,
    tune_tifu: bool,
    tune_mix: bool,
) -> Result<String, String> {
    if tune_tifu && !validation {
        return Err("patron: --tune-tifu tunes on the validation baskets: add --validation\n".to_string());
    }
    if tune_mix && !validation {
        return Err("patron: --tune-mix tunes on the validation baskets: add --validation\n".to_string());
    }
    let started = std::time::Instant::now();
    // Evaluation holds every order and two models: 627 MB for The Complete Journey's 100 MB export
    // (the book, internals/figures.md), so about 6.5 bytes per byte of export.
    super::input::check_memory(orders, "patron eval", 6.5)?;
    let orders = Orders::read(orders).map_err(said)?;
    let catalogue = load_catalogue(products)?;
    let weights = match weights {
        Some(text) => parse_weights(text).map_err(|e| format!("patron: --weights: {e}\n"))?,
        None => Weights::default(),
    };
    let options = train::Options { max_products, ..train::Options::default() };
    let holdout = if validation { eval::Holdout::Validation } else { eval::Holdout::Test };
    let tifu = if tune_tifu { tifu::Params::grid() } else { vec![tifu::Params::default()] };
    let mixes = if tune_mix { eval::mix_grid(&weights) } else { Vec::new() };
    let report =
        eval::evaluate(&orders, &catalogue, &options, ks, &weights, holdout, session_max_products, &tifu, &mixes);
    Ok(format!(
        "{}, {:.1} s\n\n{}",
        evaluated(report.households, report.products, validation),
        started.elapsed().as_secs_f64(),
        report.table()
    ))
}

/// "2500 households, 8000 products in the model, last basket held out".
fn evaluated(households: usize, products: usize, validation: bool) -> String {
    format!(
        "{}, {} in the model, {} basket held out",
        count(households as i64, "household", "households"),
        count(products as i64, "product", "products"),
        if validation { "second-to-last" } else { "last" }
    )
}

fn parse_weights(text: &str) -> Result<Weights, String> {
    let mut weights = Weights::default();
    for pair in text.split(',').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').ok_or_else(|| format!("expected name=value, got {pair:?}"))?;
        let value: f32 = value.parse().map_err(|_| format!("{name}: expected a number, got {value:?}"))?;
        let slot = match name {
            "repurchase" => &mut weights.repurchase,
            "due" => &mut weights.due,
            "neighbours" => &mut weights.neighbours,
            "peers" => &mut weights.peers,
            "category" => &mut weights.category,
            "popularity" => &mut weights.popularity,
            "explore_popularity" => &mut weights.explore_popularity,
            "half_life_days" => &mut weights.half_life_days,
            "discovery_share" => &mut weights.discovery_share,
            "repeat_threshold" => &mut weights.repeat_threshold,
            other => return Err(format!("unknown weight {other:?}")),
        };
        *slot = value;
    }
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_households_and_products_in_the_singular_and_plural() {
        assert_eq!(evaluated(0, 0, false), "0 households, 0 products in the model, last basket held out");
        assert_eq!(evaluated(1, 1, true), "1 household, 1 product in the model, second-to-last basket held out");
        assert_eq!(evaluated(2, 2, false), "2 households, 2 products in the model, last basket held out");
    }
}
