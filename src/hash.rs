//! One stable hash for the whole crate, the same in the browser and on the command line; and, on the
//! shop's side only, the customers' analytics keys.

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

/// A customer's analytics key, `customer.analytics_id` in the session: the first 32 hexadecimal
/// digits of HMAC-SHA256(`secret`, customer id). Computed where the secret is, the shop's server or
/// `patron`; the browser never sees the secret, so whoever sees the events cannot tell whose key it
/// is, and the shop, which has the secret, can join them to its orders.
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub fn analytics_id(secret: &[u8], customer_id: &str) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret) else { return String::new() };
    mac.update(customer_id.as_bytes());
    mac.finalize().into_bytes().iter().take(16).map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_analytics_id_is_hmac_sha256_cut_to_32_hex_digits() {
        // RFC 4231, test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
        assert_eq!(super::analytics_id(b"Jefe", "what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c7");
    }

    #[test]
    fn is_fnv_1a_with_a_separator_between_parts() {
        // FNV-1a of the empty input is its offset basis; of "a", the published test vector.
        assert_eq!(super::stable_hash(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::stable_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(super::stable_hash(&["ab", "c"]), super::stable_hash(&["a", "bc"]));
    }
}
