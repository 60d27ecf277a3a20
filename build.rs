//! Sets the `schema` and `decodes_rewards` cfgs (see below), and minifies the widget's stylesheets into one `OUT_DIR/widget.css`, where `src/web/card.rs` includes
//! it: their comments and layout are for the people who edit them, and would otherwise ship in every
//! download. The banners', the carousel's and the rewards panel's rules go in only when their cargo feature is
//! on.
//!
//! Only what is safe for this stylesheet is removed (it has no `url()` and no strings but the empty
//! one, `content: ""`, which has nothing to mangle): comments,
//! whitespace runs, spaces beside `{`, `}`, `;`, `,` and `>` and after `:`, and the last `;` of a
//! block.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    // `schema`: the builds that generate the documents' JSON Schemas, every native one. The document
    // types derive their schema (serde's attributes shape it) only there, so that the browser build
    // compiles neither serde nor schemars.
    println!("cargo::rustc-check-cfg=cfg(schema)");
    let native = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32");
    if native {
        println!("cargo::rustc-cfg=schema");
    }
    // `decodes_rewards`: the builds that read the programme's rewards, ways to earn and badges and the
    // ledger's `redeemed` list — the command line always, the browser only with the rewards panel
    // (the others accept those sections and leave them unread). One name for what would otherwise be
    // `any(not(target_arch = "wasm32"), feature = "rewards")` at every use.
    println!("cargo::rustc-check-cfg=cfg(decodes_rewards)");
    if native || std::env::var_os("CARGO_FEATURE_REWARDS").is_some() {
        println!("cargo::rustc-cfg=decodes_rewards");
    }
    // `lenient_decoding`: the builds that can leave out the parts of a document with a problem
    // (issue 32) — the command line always, the browser only in the recovery module (feature
    // `lenient`); the others decode strictly and carry none of it.
    println!("cargo::rustc-check-cfg=cfg(lenient_decoding)");
    if native || std::env::var_os("CARGO_FEATURE_LENIENT").is_some() {
        println!("cargo::rustc-cfg=lenient_decoding");
    }
    // Each widget's rules ship only in the builds that have the widget.
    let sources = [
        ("src/web/widget.css", true),
        ("src/web/banners.css", std::env::var_os("CARGO_FEATURE_BANNERS").is_some()),
        ("src/web/recs.css", std::env::var_os("CARGO_FEATURE_RECOMMENDATIONS").is_some()),
        ("src/web/rewards.css", std::env::var_os("CARGO_FEATURE_REWARDS").is_some()),
    ];
    let mut css = String::new();
    for (source, wanted) in sources {
        println!("cargo:rerun-if-changed={source}");
        if wanted {
            css += &minify(&std::fs::read_to_string(source)?).ok_or_else(|| {
                format!("{source} has a string or url(), which build.rs would mangle (only \"\" is safe)")
            })?;
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?).join("widget.css");
    std::fs::write(out, css)?;
    Ok(())
}

/// `None` for a stylesheet with `url()` or a string other than `""`.
fn minify(css: &str) -> Option<String> {
    // Comments out, whitespace runs down to one space.
    let mut spaced = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        spaced.push_str(&rest[..start]);
        spaced.push(' ');
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    spaced.push_str(rest);
    if spaced.replace("\"\"", "").contains(['"', '\'']) || spaced.contains("url(") {
        return None;
    }
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let spaced = words.join(" ");

    // Spaces beside punctuation that needs none.
    let mut out = String::with_capacity(spaced.len());
    let chars: Vec<char> = spaced.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars.get(i + 1).copied();
            let tight = |c: Option<char>| matches!(c, Some('{' | '}' | ';' | ',' | '>'));
            if tight(before) || tight(after) || before == Some(':') {
                continue;
            }
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    Some(out)
}
