//! One sort for the whole crate. Every `sort_by_key` with its own closure compiles its own copy of
//! the standard sort, several kilobytes each in the WASM bundle; ranking plain keys shares one.

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
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn orders_by_key_then_position() {
        assert_eq!(super::ranked([(2, 0), (1, 5), (1, 5), (0, 9)].into_iter()), [3, 1, 2, 0]);
    }
}
