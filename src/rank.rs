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

/// The standard sort natively, where the command line sorts millions of keys.
#[cfg(not(target_arch = "wasm32"))]
fn sort(keyed: &mut [(i64, i64, usize)]) {
    keyed.sort_unstable();
}

/// A merge sort in the browser: the standard sort costs the bundle 1.5 KB gzipped (the book,
/// internals/architecture.md, "Checking what code costs"), and this one is nearly as fast on the recommender's 10,000-product
/// model (a heapsort, as small, took the top 12 from 0.6 to 0.9 ms). Keys are unique (they end in
/// the position), so both sorts give the same order.
#[cfg(target_arch = "wasm32")]
fn sort(keyed: &mut [(i64, i64, usize)]) {
    merge_sort(keyed);
}

// Native builds test it against the standard sort.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn merge_sort<T: Ord + Copy>(items: &mut [T]) {
    // Bottom-up: runs of 1, 2, 4… merged pairwise into the buffer, then copied back.
    let n = items.len();
    let mut buffer = items.to_vec();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let (middle, end) = ((start + width).min(n), (start + 2 * width).min(n));
            let (mut left, mut right) = (start, middle);
            for slot in buffer.get_mut(start..end).unwrap_or_default() {
                // Ties from the left run first: stable.
                let from = if right >= end || (left < middle && items.get(left) <= items.get(right)) {
                    left += 1;
                    left - 1
                } else {
                    right += 1;
                    right - 1
                };
                if let Some(item) = items.get(from) {
                    *slot = *item;
                }
            }
            start = end;
        }
        items.copy_from_slice(&buffer);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn orders_by_key_then_position() {
        assert_eq!(super::ranked([(2, 0), (1, 5), (1, 5), (0, 9)].into_iter()), [3, 1, 2, 0]);
    }

    #[test]
    fn merge_sort_agrees_with_the_standard_sort() {
        // Lengths around powers of two, with repeated keys; a fixed pseudo-random sequence.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0, 1, 2, 3, 7, 8, 9, 100, 1000, 1025] {
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
            super::merge_sort(&mut items);
            assert_eq!(items, expected, "length {len}");
        }
    }
}
