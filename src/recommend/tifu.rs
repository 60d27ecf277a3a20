//! TIFU-KNN (Hu, Zhang, Wang and Wei, "Modeling Personalized Item Frequency Information for
//! Next-basket Recommendation", SIGIR 2020), the next-basket literature's bar, as a baseline for
//! `patron eval`. Native only: it needs every other household's vector when it scores one, which
//! is what a web page does not have.
//!
//! A household's baskets, oldest first, are cut into groups of `group_size` consecutive baskets, the
//! newest group full and the oldest possibly shorter. A group's vector is the mean of its baskets'
//! multi-hot vectors, the basket `j` places before the group's newest weighted `within_decay^j`; the
//! household's vector is the mean of its groups' vectors, the group `i` places before the newest
//! weighted `group_decay^i`. The prediction blends the household's vector with the mean vector of
//! its `neighbours` nearest households (Euclidean distance between the vectors):
//! `alpha * own + (1 - alpha) * neighbours`.

use std::collections::HashMap;

/// TIFU-KNN's hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Baskets per group (the paper's m).
    pub group_size: usize,
    /// The decay between baskets of a group (r_b).
    pub within_decay: f64,
    /// The decay between groups (r_g).
    pub group_decay: f64,
    /// Nearest households blended in (k).
    pub neighbours: usize,
    /// The weight of the household's own vector (α).
    pub alpha: f64,
}

impl Default for Params {
    /// The values `patron eval --validation --tune-tifu` chose on The Complete Journey's
    /// second-to-last baskets, by Recall@10 (2026-11-28; the book, internals/recommendation-quality.md). α and the
    /// neighbours sit at the grid's edges: the grid is the fixed, small one.
    fn default() -> Params {
        Params { group_size: 7, within_decay: 1.0, group_decay: 0.6, neighbours: 300, alpha: 0.5 }
    }
}

impl Params {
    /// The grid `--tune-tifu` searches: the paper's ranges, a few values each.
    pub fn grid() -> Vec<Params> {
        let mut grid = Vec::new();
        for group_size in [3, 7] {
            for within_decay in [0.9, 1.0] {
                for group_decay in [0.6, 0.8] {
                    for neighbours in [100, 300] {
                        for alpha in [0.5, 0.7, 0.9] {
                            grid.push(Params { group_size, within_decay, group_decay, neighbours, alpha });
                        }
                    }
                }
            }
        }
        grid
    }
}

/// A sparse vector: (product, weight), by product.
type Vector = Vec<(u32, f64)>;

/// The household's vector from its baskets (products as model indices), oldest first.
pub fn household_vector(baskets: &[Vec<u32>], params: &Params) -> Vector {
    let size = params.group_size.max(1);
    let mut groups: Vec<&[Vec<u32>]> = baskets.rchunks(size).collect();
    groups.reverse(); // oldest group first; the newest is full
    let count = groups.len() as f64;
    let mut sum: HashMap<u32, f64> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        let group_weight = params.group_decay.powi((groups.len() - 1 - g) as i32) / count;
        let inner = group.len() as f64;
        for (j, basket) in group.iter().enumerate() {
            let weight = group_weight * params.within_decay.powi((group.len() - 1 - j) as i32) / inner;
            for product in basket {
                *sum.entry(*product).or_insert(0.0) += weight;
            }
        }
    }
    let mut vector: Vector = sum.into_iter().collect();
    vector.sort_by_key(|(product, _)| *product);
    vector
}

/// The top `k` products for each household in `queries` (indices into `households`), whose
/// neighbours are sought among all of `households` (each a list of baskets, oldest first).
pub fn recommend(households: &[Vec<Vec<u32>>], queries: &[usize], params: &Params, k: usize) -> Vec<Vec<u32>> {
    let vectors: Vec<Vector> = households.iter().map(|baskets| household_vector(baskets, params)).collect();
    let norms: Vec<f64> = vectors.iter().map(|v| v.iter().map(|(_, w)| w * w).sum()).collect();
    // Who holds each product, for the dot products.
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for (h, vector) in vectors.iter().enumerate() {
        for (product, weight) in vector {
            postings.entry(*product).or_default().push((h, *weight));
        }
    }
    let empty = Vector::new();
    let mut dots = vec![0.0; vectors.len()];
    let products = vectors.iter().flat_map(|v| v.last()).map(|(p, _)| *p as usize + 1).max().unwrap_or(0);
    let mut scores = vec![0.0; products];
    queries
        .iter()
        .map(|&q| {
            let own = vectors.get(q).unwrap_or(&empty);
            dots.iter_mut().for_each(|d| *d = 0.0);
            for (product, weight) in own {
                for (h, other) in postings.get(product).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(d) = dots.get_mut(*h) {
                        *d += weight * other;
                    }
                }
            }
            let own_norm = norms.get(q).copied().unwrap_or_default();
            let mut distances: Vec<(f64, usize)> = norms
                .iter()
                .zip(&dots)
                .enumerate()
                .filter(|(h, (norm, _))| *h != q && **norm > 0.0)
                .map(|(h, (norm, dot))| (own_norm + norm - 2.0 * dot, h))
                .collect();
            let nearest = params.neighbours.min(distances.len());
            if nearest > 0 && nearest < distances.len() {
                distances.select_nth_unstable_by(nearest - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            }
            // A dense accumulator with the products it touched: a hash map per household was most
            // of the time on The Complete Journey (300 neighbours of some 700 products each).
            let mut touched: Vec<u32> = Vec::new();
            let mut add = |product: u32, weight: f64| {
                // A weight of zero (alpha 0 or 1) would list a product twice.
                if weight <= 0.0 {
                    return;
                }
                if let Some(score) = scores.get_mut(product as usize) {
                    if *score == 0.0 {
                        touched.push(product);
                    }
                    *score += weight;
                }
            };
            for (_, h) in distances.iter().take(nearest) {
                for (product, weight) in vectors.get(*h).unwrap_or(&empty) {
                    add(*product, (1.0 - params.alpha) * weight / nearest as f64);
                }
            }
            for (product, weight) in own {
                add(*product, params.alpha * weight);
            }
            let mut ranked: Vec<(u32, f64)> = touched
                .iter()
                .map(|product| (*product, scores.get(*product as usize).copied().unwrap_or_default()))
                .collect();
            for product in &touched {
                if let Some(score) = scores.get_mut(*product as usize) {
                    *score = 0.0;
                }
            }
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.into_iter().take(k).map(|(product, _)| product).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_baskets_and_groups_weigh_most() {
        let params = Params { group_size: 2, within_decay: 0.5, group_decay: 0.5, neighbours: 1, alpha: 1.0 };
        // Groups [A], [B, C] (the newest full): A in the older group, weight 0.5 / 2 groups;
        // B one basket before the newest, 0.5 / 2 baskets / 2 groups; C the newest, 1 / 2 / 2.
        let vector = household_vector(&[vec![0], vec![1], vec![2]], &params);
        assert_eq!(vector, vec![(0, 0.25), (1, 0.125), (2, 0.25)]);
    }

    #[test]
    fn neighbours_lend_what_the_household_has_not_bought() {
        let households = vec![vec![vec![0, 1]], vec![vec![0, 1, 2]], vec![vec![5]]];
        let params = Params { group_size: 1, within_decay: 1.0, group_decay: 1.0, neighbours: 1, alpha: 0.5 };
        // Household 1 is household 0's nearest: product 2 comes from it, after the shared ones.
        assert_eq!(recommend(&households, &[0], &params, 3), vec![vec![0, 1, 2]]);
    }
}
