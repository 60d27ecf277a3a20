//! The architecture, kept: every `crate::`, `super::` and `self::` path in `src/` (in `use` lines and
//! inline) is resolved to the module file it reaches, and the test fails, naming the file and the
//! path, when a module reaches a layer above its own or when modules reach each other in a circle.
//! The layers are the book's (`docs/internals/architecture.md`, "The layers"); `LAYERS` below is the
//! same list, and a test keeps the two equal.
//!
//! Inline test modules (`#[cfg(test)] mod tests { … }`) are left out: a test may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module paths and their layer, lowest first; a module belongs to the longest prefix listed.
const LAYERS: [(&str, &[&str]); 5] = [
    ("vocabulary", &["error", "format", "hash", "json", "language", "money", "rank", "time", "url", "words"]),
    (
        "documents",
        &[
            "session",
            "audience",
            "loyalty::programme",
            "loyalty::rewards",
            "offers::offer",
            "offers::template",
            "recommend::model",
            "recommend::rules",
        ],
    ),
    ("config", &["config"]),
    ("capabilities", &["loyalty", "offers", "recommend", "report"]),
    ("surfaces", &["", "web", "cli", "schema", "node"]),
];

/// The layer of a module path (`loyalty::programme`), as an index into `LAYERS`.
fn layer(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (level, (_, prefixes)) in LAYERS.iter().enumerate() {
        for prefix in *prefixes {
            let matches = prefix.is_empty()
                || module == *prefix
                || module.strip_prefix(prefix).is_some_and(|rest| rest.starts_with("::"));
            if matches && best.is_none_or(|(length, _)| prefix.len() > length) {
                best = Some((prefix.len(), level));
            }
        }
    }
    best.map(|(_, level)| level)
}

/// One module file of `src/` (the binary's `src/bin/` is outside: it names the library by `patron::`).
struct Module {
    file: PathBuf,
    /// `loyalty::programme`; empty for `lib.rs`.
    path: String,
}

fn modules() -> Vec<Module> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix("src").unwrap().with_extension("");
            let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            Module { file, path: parts.join("::") }
        })
        .collect()
}

/// The code without comments, strings and character literals (paths in them are not imports).
fn code_only(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while bytes.get(i).is_some_and(|c| *c != '\n') {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < bytes.len() && !(bytes[i] == '*' && bytes.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !is_ident(bytes.get(i.wrapping_sub(1))) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match bytes.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| bytes.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    _ => j += 1,
                }
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while let Some(&c) = bytes.get(i) {
                i += if c == '\\' { 2 } else { 1 };
                if c == '"' {
                    break;
                }
            }
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('a', '\n', '\u{1f}'), not a lifetime ('a without a closing quote).
            let close = if next == Some('\\') {
                (i + 2..i + 12).find(|&j| bytes.get(j) == Some(&'\''))
            } else {
                (bytes.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match close {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Every path that starts with `crate`, `super` or `self`, with `use` groups expanded, and the inline
/// module it appears in (for `super`). Code inside `#[cfg(test)]` modules is skipped.
fn paths(code: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    // Inline modules: (name, brace depth inside it, is a test module).
    let mut inline: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        match token.as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                while inline.last().is_some_and(|(_, inner, _)| *inner > depth) {
                    inline.pop();
                }
            }
            "mod" => {
                if let (Some(name), Some(open)) = (tokens.get(i + 1), tokens.get(i + 2)) {
                    if open == "{" {
                        inline.push((name.clone(), depth + 1, is_test(&tokens[..i])));
                    }
                }
            }
            // `crate::…`, `super::…`, `self::…`, and `name::…` (a child module, or anything else:
            // resolve() keeps only what names a module of src/).
            word if tokens.get(i + 1).is_some_and(|t| t == "::")
                && word.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && (i == 0 || tokens[i - 1] != "::") =>
            {
                let in_test = inline.iter().any(|(_, _, test)| *test);
                let (trees, end) = use_tree(&tokens, i);
                if !in_test {
                    let here: Vec<String> = inline.iter().map(|(name, _, _)| name.clone()).collect();
                    for mut tree in trees {
                        if !matches!(word, "crate" | "super" | "self") {
                            tree.insert(0, "self".to_string());
                        }
                        found.push((here.clone(), tree));
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Whether the attributes just before a `mod` (the end of `before`) include `#[cfg(test)]` or a
/// `cfg(all(test, …))`.
fn is_test(before: &[String]) -> bool {
    let mut end = before.len();
    while end > 0 && before[end - 1] == "]" {
        let Some(open) = (0..end).rev().find(|&j| before[j] == "[" && j > 0 && before[j - 1] == "#") else {
            return false;
        };
        let attribute = before[open + 1..end - 1].join("");
        if attribute.starts_with("cfg(") && (attribute.contains("(test") || attribute.contains(",test")) {
            return true;
        }
        end = open - 1;
    }
    false
}

fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while is_ident(chars.get(i)) {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_string());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}

/// Reads a path from `start` (`crate :: a :: { b , c :: d }`), expanding groups; returns every full
/// path and the index after it.
fn use_tree(tokens: &[String], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut i = start;
    loop {
        match tokens.get(i) {
            Some(t) if t == "{" => {
                let mut all = Vec::new();
                i += 1;
                loop {
                    match tokens.get(i).map(String::as_str) {
                        Some("}") => {
                            i += 1;
                            break;
                        }
                        Some(",") => i += 1,
                        Some(_) => {
                            let (inner, end) = use_tree(tokens, i);
                            for path in inner {
                                let mut full = prefix.clone();
                                full.extend(path);
                                all.push(full);
                            }
                            i = end;
                        }
                        None => break,
                    }
                }
                return (all, i);
            }
            Some(t) if t.chars().all(|c| c.is_alphanumeric() || c == '_') || t == "*" => {
                prefix.push(t.clone());
                i += 1;
                if tokens.get(i).is_some_and(|t| t == "::") {
                    i += 1;
                } else {
                    return (vec![prefix], i);
                }
            }
            _ => return (vec![prefix], i),
        }
    }
}

/// Names that `lib.rs` re-exports at the crate root (`pub use loyalty::programme::{Tier, …}`), with
/// the module each comes from, so that `crate::Tier` counts as an import of `loyalty::programme`.
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let tokens = tokenize(&code_only(lib));
    let mut names = BTreeMap::new();
    for (i, pair) in tokens.windows(2).enumerate() {
        if pair[0] == "pub" && pair[1] == "use" {
            let (trees, _) = use_tree(&tokens, i + 2);
            for tree in trees {
                if let Some((name, module)) = tree.split_last() {
                    names.insert(name.clone(), module.join("::"));
                }
            }
        }
    }
    names
}

/// The module file a path reaches: the longest prefix of it that is a module of `src/`.
fn resolve(
    module: &str,
    inline: &[String],
    path: &[String],
    known: &BTreeSet<String>,
    roots: &BTreeMap<String, String>,
) -> Option<String> {
    let mut here: Vec<String> = module.split("::").filter(|p| !p.is_empty()).map(str::to_string).collect();
    here.extend(inline.iter().cloned());
    let mut segments = path.iter().peekable();
    let mut absolute: Vec<String> = match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        _ => here,
    };
    for segment in segments {
        match segment.as_str() {
            "self" => {}
            "super" => {
                absolute.pop();
            }
            name => absolute.push(name.to_string()),
        }
    }
    if path.first().is_some_and(|s| s == "crate") && absolute.len() == 1 {
        if let Some(module) = roots.get(&absolute[0]) {
            return Some(module.clone());
        }
    }
    (0..=absolute.len()).rev().map(|n| absolute[..n].join("::")).find(|candidate| known.contains(candidate))
}

/// Every import between two different module files: (from, to, the path as written).
fn imports() -> Vec<(String, String, String)> {
    let modules = modules();
    let known: BTreeSet<String> = modules.iter().map(|m| m.path.clone()).collect();
    let roots = root_names(&std::fs::read_to_string("src/lib.rs").unwrap());
    let mut edges = Vec::new();
    for module in &modules {
        let code = code_only(&std::fs::read_to_string(&module.file).unwrap());
        for (inline, path) in paths(&code) {
            if let Some(target) = resolve(&module.path, &inline, &path, &known, &roots) {
                if target != module.path {
                    edges.push((module.path.clone(), target, path.join("::")));
                }
            }
        }
    }
    edges
}

fn file_of(module: &str) -> String {
    modules()
        .into_iter()
        .find(|m| m.path == module)
        .map_or_else(|| module.to_string(), |m| m.file.display().to_string())
}

#[test]
fn every_module_of_src_has_a_layer() {
    let unplaced: Vec<String> =
        modules().iter().filter(|m| layer(&m.path).is_none()).map(|m| m.file.display().to_string()).collect();
    assert!(unplaced.is_empty(), "modules without a layer in tests/layers.rs: {unplaced:?}");
}

#[test]
fn no_module_reaches_a_layer_above_its_own() {
    let mut broken = Vec::new();
    for (from, to, path) in imports() {
        let (Some(own), Some(reached)) = (layer(&from), layer(&to)) else { continue };
        if reached > own {
            broken.push(format!(
                "{}: `{path}` reaches {to} ({}) from the {} layer",
                file_of(&from),
                LAYERS[reached].0,
                LAYERS[own].0
            ));
        }
    }
    assert!(broken.is_empty(), "imports against the layers:\n{}", broken.join("\n"));
}

#[test]
fn no_modules_reach_each_other() {
    let edges = imports();
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, _) in &edges {
        graph.entry(from).or_default().insert(to);
    }
    // A module that can reach itself through others is in a circle.
    let reaches = |start: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = graph.get(start).map(|s| s.iter().copied().collect()).unwrap_or_default();
        while let Some(next) = todo.pop() {
            if seen.insert(next.to_string()) {
                todo.extend(graph.get(next).into_iter().flatten().copied());
            }
        }
        seen
    };
    let mut circles = Vec::new();
    for (from, to, path) in &edges {
        if reaches(to).contains(from.as_str()) {
            circles.push(format!("{}: `{path}` reaches {to}, which reaches back to {from}", file_of(from)));
        }
    }
    circles.dedup();
    assert!(circles.is_empty(), "import circles:\n{}", circles.join("\n"));
}

#[test]
fn the_reader_sees_through_use_groups_comments_and_strings() {
    let code = code_only(
        "use crate::a::{b::C, d};\n// crate::nope::X\nlet s = \"crate::nope::Y\";\nlet c = '\\'';\n\
         fn f() { super::e::g(); }\n#[cfg(test)]\nmod tests { use crate::hidden::Z; }",
    );
    let found: Vec<String> = paths(&code).into_iter().map(|(_, p)| p.join("::")).collect();
    assert_eq!(found, ["crate::a::b::C", "crate::a::d", "super::e::g"]);
    let relative: Vec<String> =
        paths("pub use points::{earned, history};").into_iter().map(|(_, p)| p.join("::")).collect();
    assert_eq!(relative, ["self::points::earned", "self::points::history"]);
    let known: BTreeSet<String> = ["", "a", "a::b", "x", "x::e"].iter().map(|s| s.to_string()).collect();
    let roots = BTreeMap::new();
    let path = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
    assert_eq!(resolve("x::y", &[], &path("super::e::g"), &known, &roots).as_deref(), Some("x::e"));
    assert_eq!(resolve("q", &[], &path("crate::a::b::C"), &known, &roots).as_deref(), Some("a::b"));
    assert_eq!(layer("loyalty::programme"), Some(1));
    assert_eq!(layer("loyalty::points"), Some(3));
    assert_eq!(layer("web::host"), Some(4));
}

/// The book's table of the layers (docs/internals/architecture.md) lists exactly `LAYERS`: each row
/// `| N. name | modules | … |` names the modules of layer N as files and folders (`money.rs`,
/// `json/`, `loyalty/programme.rs`, `lib.rs` for the crate's root).
#[test]
fn the_books_table_of_layers_is_the_one_enforced() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/internals/architecture.md")).unwrap();
    let section = page.split("## The layers").nth(1).unwrap_or_default();
    let mut rows = BTreeMap::new();
    for line in section.lines().take_while(|l| !l.starts_with("## ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(number) = cells.get(1).and_then(|c| c.split('.').next()).and_then(|n| n.parse::<usize>().ok()) else {
            continue;
        };
        let modules: BTreeSet<String> =
            cells.get(2).unwrap_or(&"").split('`').skip(1).step_by(2).map(str::to_string).collect();
        rows.insert(number, modules);
    }
    for (level, (name, prefixes)) in LAYERS.iter().enumerate() {
        let expected: BTreeSet<String> = prefixes
            .iter()
            .map(|prefix| {
                let path = prefix.replace("::", "/");
                if prefix.is_empty() {
                    "lib.rs".to_string()
                } else if root.join("src").join(&path).is_dir() {
                    format!("{path}/")
                } else {
                    format!("{path}.rs")
                }
            })
            .collect();
        assert_eq!(
            rows.get(&(level + 1)),
            Some(&expected),
            "docs/internals/architecture.md's row {} ({name}) must list the modules of LAYERS",
            level + 1
        );
    }
    assert_eq!(rows.len(), LAYERS.len(), "docs/internals/architecture.md lists {} layers", rows.len());
}
