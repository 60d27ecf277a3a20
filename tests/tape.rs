//! The tape that carries a document from the element script into the module (`jsonTape` in
//! web/js/tape.js, read by web/json.rs) uses the same tag numbers on both sides: each side names them
//! `TAPE_…`, and this test reads both.

use std::collections::BTreeMap;

/// `const TAPE_NAME = N` (JavaScript) or `const TAPE_NAME: usize = N;` (Rust), by name.
fn tags(source: &str) -> BTreeMap<String, u32> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("const TAPE_")?;
            let (name, value) = rest.split_once('=')?;
            let name = name.split(':').next()?.trim();
            let value = value.trim().trim_end_matches(';').trim().parse().ok()?;
            Some((format!("TAPE_{name}"), value))
        })
        .collect()
}

#[test]
fn tape_js_and_the_module_read_the_same_tags() {
    let js = tags(&std::fs::read_to_string("src/web/js/tape.js").unwrap());
    let rust = tags(&std::fs::read_to_string("src/web/json.rs").unwrap());
    assert_eq!(js.len(), 11, "tape.js: {js:?}");
    assert_eq!(js, rust);
    // Every tag is a different number.
    let mut numbers: Vec<u32> = js.values().copied().collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), 11);
}
