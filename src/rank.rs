//! One sort for the whole crate. Every `sort_by_key` with its own closure compiles its own copy of
//! the standard sort into the WASM bundle; ranking plain keys shares one.

/// Positions `0..keys.len()` ordered by key; equal keys keep their order, so the result is
/// deterministic.
pub(crate) fn ranked(keys: impl Iterator<Item = (i64, i64)>) -> Vec<usize> {
    rank(keys.enumerate().map(|(i, (a, b))| (a, b, i)).collect())
}

/// `items` ordered by `key`, ties in their given order.
pub(crate) fn ordered<T: Copy>(items: &[T], key: impl Fn(&T) -> (i64, i64)) -> Vec<T> {
    ranked(items.iter().map(key)).into_iter().filter_map(|i| items.get(i).copied()).collect()
}

/// `items` moved into the order of `key`, ties in their given order: for items that are not `Copy`.
pub(crate) fn sorted<T>(items: Vec<T>, key: impl Fn(&T) -> (i64, i64)) -> Vec<T> {
    let order = ranked(items.iter().map(key));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)).collect()
}

/// A sort key for a float, highest first (scores and weights; NaN last).
pub(crate) fn descending(value: f32) -> i64 {
    if value.is_nan() {
        i64::MAX
    } else {
        -((f64::from(value) * 1e9).round() as i64)
    }
}

fn rank(mut keyed: Vec<(i64, i64, usize)>) -> Vec<usize> {
    sort(&mut keyed);
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The standard sort natively, where the command line sorts millions of keys, and in browser builds
/// with the recommender, which sorts a 10,000-product model's index on load and the scored products
/// on every render: there its speed is worth its 1.5 KB gzipped.
#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
fn sort(keyed: &mut [(i64, i64, usize)]) {
    keyed.sort_unstable();
}

/// A heapsort in the shipped widget, 1.5 KB gzipped smaller than the standard sort (measured:
/// README, "Checking what code costs"), and still O(n log n) for a long order history. Keys are unique (they end in the
/// position), so both sorts give the same order.
#[cfg(all(target_arch = "wasm32", not(feature = "recommendations")))]
fn sort(keyed: &mut [(i64, i64, usize)]) {
    heapsort(keyed);
}

// Native builds test it against the standard sort.
#[cfg_attr(any(not(target_arch = "wasm32"), feature = "recommendations"), allow(dead_code))]
fn heapsort<T: Ord>(items: &mut [T]) {
    // Sift the item at `root` down the max-heap `heap`.
    fn sift<T: Ord>(heap: &mut [T], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= heap.len() {
                return;
            }
            if child + 1 < heap.len() && heap.get(child) < heap.get(child + 1) {
                child += 1;
            }
            if heap.get(root) >= heap.get(child) {
                return;
            }
            heap.swap(root, child);
            root = child;
        }
    }
    for root in (0..items.len() / 2).rev() {
        sift(items, root);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        if let Some(heap) = items.get_mut(..end) {
            sift(heap, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn orders_by_key_then_position() {
        assert_eq!(super::ranked([(2, 0), (1, 5), (1, 5), (0, 9)].into_iter()), [3, 1, 2, 0]);
    }

    #[test]
    fn heapsort_agrees_with_the_standard_sort() {
        // Lengths around the heap's levels, with repeated keys; a fixed pseudo-random sequence.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0, 1, 2, 3, 7, 8, 9, 100, 1000] {
            let mut items: Vec<(i64, i64, usize)> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 10) as i64 - 5, (state >> 8) as i64 % 3, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            super::heapsort(&mut items);
            assert_eq!(items, expected, "length {len}");
        }
    }
}
