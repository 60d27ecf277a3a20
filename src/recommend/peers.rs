//! Shoppers like this one: the discovery signal that fits in the model.
//!
//! TIFU-KNN (see `tifu.rs`) finds what a shopper will try next in the baskets of the shoppers whose
//! time-decayed purchase vectors are nearest to theirs — which needs every other shopper's vector at
//! scoring time. A web page cannot hold them, so the model carries a summary instead: the shoppers
//! are clustered by those vectors (spherical k-means on cosine similarity), and each [`PeerGroup`]
//! keeps the mean vector of its members, truncated to its strongest products. In the browser the
//! shopper's own vector is computed from their history the same way, the nearest groups are found,
//! and their vectors blended — "shoppers with a similar basket buy this" — which names products the
//! shopper has not bought and the co-purchase neighbours of what they bought rarely reach.
//!
//! The shopper's vector is TIFU-KNN's: baskets cut into groups of [`GROUP_SIZE`], oldest group
//! possibly shorter; a group's vector is the mean of its baskets' multi-hot vectors; the shopper's
//! the mean of the groups' vectors, the group `i` places before the newest weighted
//! [`GROUP_DECAY`]`^i`. Its values are the (decayed) share of the shopper's baskets that hold each
//! product, so a group's mean is the share among shoppers like them: comparable across groups.

/// Baskets per group in the shopper's vector: TIFU-KNN's m, as tuned on The Complete Journey.
pub const GROUP_SIZE: usize = 7;
/// The weight of each older group of baskets: TIFU-KNN's r_g, as tuned.
pub const GROUP_DECAY: f32 = 0.6;
/// How many of the nearest groups are blended for a shopper.
pub const BLENDED: usize = 3;

pub use super::model::PeerGroup;

/// The weight of each of `count` baskets (oldest first) in the shopper's vector: a product's value
/// is the sum of the weights of the baskets that hold it.
///
/// TIFU-KNN divides by the number of groups; dividing by the groups' total weight instead makes each
/// value a share (a product in every basket has 1), comparable between shoppers with short and long
/// histories, and to the threshold that mixes repeat and explore (see score.rs).
pub fn basket_weights(count: usize) -> Vec<f32> {
    let groups = count.div_ceil(GROUP_SIZE);
    let total: f32 = (0..groups).map(|i| GROUP_DECAY.powi(i as i32)).sum();
    // The newest group is full: the oldest takes what is left over.
    let oldest = count - groups.saturating_sub(1) * GROUP_SIZE;
    (0..count)
        .map(|b| {
            let (group, size) = if b < oldest { (0, oldest) } else { (1 + (b - oldest) / GROUP_SIZE, GROUP_SIZE) };
            GROUP_DECAY.powi((groups - 1 - group) as i32) / total / size as f32
        })
        .collect()
}

/// The groups nearest to a shopper whose vector is `own` (a product's value, 0 for most), with
/// their cosine similarity, most similar first: at most [`BLENDED`], none for an empty vector.
/// `norm` is the vector's length.
pub fn nearest(groups: &[PeerGroup], own: impl Fn(u32) -> f32, norm: f32) -> Vec<(usize, f32)> {
    let mut nearest: Vec<(usize, f32)> = Vec::with_capacity(BLENDED + 1);
    for (g, group) in groups.iter().enumerate() {
        let (mut dot, mut length) = (0.0, 0.0);
        for (p, w) in &group.products {
            dot += own(*p) * w;
            length += w * w;
        }
        let similarity = dot / (norm * f32::sqrt(length)).max(f32::MIN_POSITIVE);
        // Kept in order by insertion: there are at most three.
        if similarity > 0.0 {
            let at = nearest.iter().position(|(_, s)| similarity > *s).unwrap_or(nearest.len());
            nearest.insert(at, (g, similarity));
            nearest.truncate(BLENDED);
        }
    }
    nearest
}

/// A sparse vector, by product index.
#[cfg(not(target_arch = "wasm32"))]
pub type Taste = Vec<(u32, f32)>;

/// The shopper's vector from their baskets (product indices, each basket's products distinct),
/// oldest basket first, as a sparse vector: the same sums, in the same order, as the scorer's.
#[cfg(not(target_arch = "wasm32"))]
pub fn taste(baskets: &[&[u32]]) -> Taste {
    let mut entries: Vec<(u32, f32)> = Vec::new();
    for (basket, weight) in baskets.iter().zip(basket_weights(baskets.len())) {
        entries.extend(basket.iter().map(|p| (*p, weight)));
    }
    // A stable sort: each product's weights are summed in basket order.
    entries.sort_by_key(|(p, _)| *p);
    let mut out: Taste = Vec::with_capacity(entries.len());
    for (p, w) in entries {
        match out.last_mut() {
            Some((q, sum)) if *q == p => *sum += w,
            _ => out.push((p, w)),
        }
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while let (Some((p, x)), Some((q, y))) = (a.get(i), b.get(j)) {
        if p == q {
            sum += x * y;
            i += 1;
            j += 1;
        } else if p < q {
            i += 1;
        } else {
            j += 1;
        }
    }
    sum
}

#[cfg(not(target_arch = "wasm32"))]
pub use training::train;

#[cfg(not(target_arch = "wasm32"))]
mod training {
    use super::{dot, PeerGroup, Taste};

    /// Clusters the shoppers' tastes into at most `groups` groups (spherical k-means: each shopper
    /// joins the group whose mean vector is most similar by cosine, the means are recomputed, until
    /// nothing moves or after `ROUNDS`), each keeping its `keep` strongest products. The start is
    /// k-means++ with a fixed seed, so the same tastes in the same order give the same groups.
    pub fn train(mut tastes: Vec<Taste>, groups: usize, keep: usize) -> Vec<PeerGroup> {
        const ROUNDS: usize = 25;
        // The means are dense over the products the tastes hold, numbered compactly (a catalogue of
        // hundreds of thousands of products would otherwise cost megabytes per group), and stored
        // product by product, each product's weight in every group side by side: a shopper's
        // similarity to all groups then reads memory in order.
        let mut held: Vec<u32> = tastes.iter().flatten().map(|(p, _)| *p).collect();
        held.sort_unstable();
        held.dedup();
        tastes.retain(|t| !t.is_empty());
        for taste in &mut tastes {
            for (p, _) in taste.iter_mut() {
                *p = held.binary_search(p).unwrap_or(0) as u32;
            }
        }
        let count = groups.min(tastes.len());
        if count == 0 {
            return Vec::new();
        }
        let products = held.len();
        let norms: Vec<f32> = tastes.iter().map(|t| t.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()).collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut random = move || {
            // splitmix64: a fixed, portable sequence.
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        // k-means++: each next centre drawn with probability proportional to its distance (1 − cosine)
        // from the nearest centre so far.
        let cosine = |a: usize, b: usize| {
            let (Some(x), Some(y)) = (tastes.get(a), tastes.get(b)) else { return 0.0 };
            dot(x, y)
                / (norms.get(a).copied().unwrap_or(1.0) * norms.get(b).copied().unwrap_or(1.0)).max(f32::MIN_POSITIVE)
        };
        let first = (random() * tastes.len() as f64) as usize % tastes.len();
        let mut centres = vec![first];
        let mut distance: Vec<f32> = (0..tastes.len()).map(|i| 1.0 - cosine(i, first)).collect();
        while centres.len() < count {
            let total: f64 = distance.iter().map(|d| f64::from(d.max(0.0))).sum();
            if total <= 0.0 {
                break;
            }
            let mut target = random() * total;
            let mut pick = tastes.len() - 1;
            for (i, d) in distance.iter().enumerate() {
                target -= f64::from(d.max(0.0));
                if target <= 0.0 {
                    pick = i;
                    break;
                }
            }
            centres.push(pick);
            for (i, d) in distance.iter_mut().enumerate() {
                *d = d.min(1.0 - cosine(i, pick));
            }
        }
        // means[p * count + g]: product p's weight in group g.
        let mut means = vec![0.0f32; products * count];
        for (g, c) in centres.iter().enumerate() {
            for (p, w) in tastes.get(*c).map(|t| t.as_slice()).unwrap_or_default() {
                if let Some(slot) = means.get_mut(*p as usize * count + g) {
                    *slot = *w;
                }
            }
        }
        let mut assigned = vec![usize::MAX; tastes.len()];
        let mut dots = vec![0.0f32; count];
        let mut sizes = vec![0usize; count];
        for _ in 0..ROUNDS {
            let mut mean_norms = vec![0.0f32; count];
            for row in means.chunks(count) {
                for (norm, w) in mean_norms.iter_mut().zip(row) {
                    *norm += w * w;
                }
            }
            mean_norms.iter_mut().for_each(|n| *n = n.sqrt());
            let mut moved = false;
            for (i, taste) in tastes.iter().enumerate() {
                dots.iter_mut().for_each(|d| *d = 0.0);
                for (p, w) in taste {
                    let row = means.get(*p as usize * count..(*p as usize + 1) * count).unwrap_or_default();
                    for (d, m) in dots.iter_mut().zip(row) {
                        *d += w * m;
                    }
                }
                let mut best = (f32::MIN, 0);
                for (g, (d, norm)) in dots.iter().zip(&mean_norms).enumerate() {
                    let s = d / norm.max(f32::MIN_POSITIVE);
                    if s > best.0 {
                        best = (s, g);
                    }
                }
                if let Some(slot) = assigned.get_mut(i).filter(|slot| **slot != best.1) {
                    moved = true;
                    *slot = best.1;
                }
            }
            if !moved {
                break;
            }
            // The new means are summed where the old ones were, but for a group left empty, which
            // keeps its mean: it may win members back.
            sizes.iter_mut().for_each(|s| *s = 0);
            for g in &assigned {
                if let Some(size) = sizes.get_mut(*g) {
                    *size += 1;
                }
            }
            for row in means.chunks_mut(count) {
                for (mean, size) in row.iter_mut().zip(&sizes) {
                    if *size > 0 {
                        *mean = 0.0;
                    }
                }
            }
            for (taste, g) in tastes.iter().zip(&assigned) {
                for (p, w) in taste {
                    if let Some(slot) = means.get_mut(*p as usize * count + g) {
                        *slot += w;
                    }
                }
            }
            for row in means.chunks_mut(count) {
                for (mean, size) in row.iter_mut().zip(&sizes) {
                    if *size > 0 {
                        *mean /= *size as f32;
                    }
                }
            }
        }
        (0..count)
            .map(|g| {
                let mut strongest: Vec<(u32, f32)> = means
                    .chunks(count)
                    .zip(&held)
                    .filter_map(|(row, p)| row.get(g).filter(|w| **w > 0.0).map(|w| (*p, *w)))
                    .collect();
                strongest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                strongest.truncate(keep);
                strongest.sort_by_key(|(p, _)| *p);
                PeerGroup { products: strongest }
            })
            .collect()
    }
}
