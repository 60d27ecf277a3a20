//! One stable hash for the whole crate, the same in the browser and on the command line.

/// FNV-1a: a stable hash, the same in the browser and on the command line, for A/B buckets and
/// holdout groups. Not for secrecy.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0x1f;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_fnv_1a_with_a_separator_between_parts() {
        // FNV-1a of the empty input is its offset basis; of "a", the published test vector.
        assert_eq!(super::stable_hash(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::stable_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(super::stable_hash(&["ab", "c"]), super::stable_hash(&["a", "bc"]));
    }
}
