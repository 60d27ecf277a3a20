//! The npm packages' package.json files are committed (npm/package.json for the browser package
//! `patron`, npm/session/package.json for `patron-session`), and scripts/build.sh and
//! build-session.sh copy them into pkg/ and pkg-session/: their version is the crate's.

#[test]
fn the_npm_packages_have_the_crates_version() {
    for path in ["npm/package.json", "npm/session/package.json"] {
        let text = std::fs::read_to_string(path).unwrap();
        let package: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(package["version"], env!("CARGO_PKG_VERSION"), "{path}: the version is not Cargo.toml's");
    }
}
