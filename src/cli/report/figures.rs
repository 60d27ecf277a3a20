//! The figures the report's text and JSON share: quantiles and shares of sorted values.

/// The `q`-quantile of sorted values (nearest rank).
pub(super) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(rank).copied().unwrap_or(0.0)
}

/// The share of the total held by the top tenth.
pub(super) fn top_decile_share(sorted: &[f64]) -> f64 {
    let total: f64 = sorted.iter().sum();
    let top: f64 = sorted.iter().rev().take(sorted.len().div_ceil(10)).sum();
    if total > 0.0 {
        top / total
    } else {
        0.0
    }
}

/// The values, sorted (by `f64::total_cmp`).
pub(super) fn sorted(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values
}
