//! The book's reference is generated (issue 31): `docs/reference/session.md` and `config.md` from
//! the JSON Schemas (which `patron schema` writes from the Rust types and their doc comments, and
//! `tests/schema.rs` keeps current), and `docs/reference/commands.md` from the command line's own
//! help. These tests fail when a page differs from what its source says today;
//! `PATRON_WRITE_REFERENCE=1 cargo test --test lib reference` rewrites the pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

const HOW: &str = "`PATRON_WRITE_REFERENCE=1 cargo test --test lib reference` rewrites it";

/// Compares a generated page with the committed one, or writes it when asked to.
fn check(page: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(page);
    if std::env::var_os("PATRON_WRITE_REFERENCE").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "{page} is not what its source says today: {HOW}");
}

/// A description on one line, safe inside a table cell.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

fn description(schema: &Value) -> String {
    schema.get("description").and_then(Value::as_str).map(cell).unwrap_or_default()
}

/// The name a `$ref` points to, as a link to its section.
fn reference(target: &str) -> String {
    let name = target.rsplit('/').next().unwrap_or(target);
    format!("[{name}](#{})", name.to_lowercase())
}

/// A schema's type in words: `integer`, `list of [Offer](#offer)`, `string or null`, `"spend"`.
fn kind(schema: &Value) -> String {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        return reference(target);
    }
    if let Some(constant) = schema.get("const") {
        return format!("`{constant}`");
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" \\| ");
    }
    if let Some(variants) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
        return variants.iter().map(kind).collect::<Vec<_>>().join(" or ");
    }
    let types: Vec<String> = match schema.get("type") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let words: Vec<String> = types
        .iter()
        .map(|t| match t.as_str() {
            "array" => format!("list of {}", schema.get("items").map_or("values".to_string(), kind)),
            "object" => match schema.get("additionalProperties") {
                Some(inner @ Value::Object(_)) => format!("map of names to {}", kind(inner)),
                _ => "object".to_string(),
            },
            other => other.to_string(),
        })
        .collect();
    if words.is_empty() {
        "any".to_string()
    } else {
        words.join(" or ")
    }
}

/// The bounds and formats a value must keep: `at least 1`, `at most 120`, `date-time`.
fn limits(schema: &Value) -> Vec<String> {
    let mut said = Vec::new();
    for (key, words) in [
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "length at least"),
        ("maxLength", "length at most"),
        ("minItems", "at least this many items:"),
        ("maxItems", "at most this many items:"),
    ] {
        if let Some(n) = schema.get(key) {
            said.push(format!("{words} {n}"));
        }
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        if !format.starts_with("uint") && !format.starts_with("int") && format != "double" && format != "float" {
            said.push(format!("format `{format}`"));
        }
    }
    said
}

/// A table of an object's fields.
fn fields(out: &mut String, object: &Value) {
    let Some(properties) = object.get("properties").and_then(Value::as_object) else { return };
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |r| r.iter().filter_map(Value::as_str).collect());
    out.push_str("| field | type | required or default | description |\n|---|---|---|---|\n");
    for (name, field) in properties {
        let mut wanted = if required.contains(&name.as_str()) {
            "required".to_string()
        } else {
            match field.get("default") {
                Some(default) => format!("`{default}`"),
                None => "optional".to_string(),
            }
        };
        let bounds = limits(field);
        if !bounds.is_empty() {
            let _ = write!(wanted, "; {}", bounds.join(", "));
        }
        let _ = writeln!(out, "| `{name}` | {} | {wanted} | {} |", kind(field), description(field));
    }
    if object.get("additionalProperties") == Some(&Value::Bool(false)) {
        out.push_str("\nNo other field is allowed: a misspelt one is reported, with the nearest name.\n");
    }
}

/// One type's section: its description, then its fields, its variants or its constraints.
fn section(out: &mut String, name: &str, schema: &Value) {
    let _ = writeln!(out, "\n## {name}\n");
    let text = description(schema);
    if !text.is_empty() {
        let _ = writeln!(out, "{text}\n");
    }
    if let Some(variants) = schema.get("oneOf").and_then(Value::as_array) {
        out.push_str("One of:\n\n");
        for variant in variants {
            let properties = variant.get("properties").and_then(Value::as_object);
            // A condition such as `{"tier_is": […]}`: one key, whose type says it all.
            if let Some((key, field)) = properties.filter(|p| p.len() == 1).and_then(|p| p.iter().next()) {
                if field.get("const").is_none() {
                    let _ = writeln!(out, "- `{key}` ({}): {}", kind(field), description(variant));
                    continue;
                }
            }
            let shape = match properties {
                // A tagged variant, `{"type": "percent_off", …}`, or an object with a single key.
                Some(properties) => {
                    let tag = properties.iter().find_map(|(key, field)| Some((key, field.get("const")?)));
                    match tag {
                        Some((key, value)) => format!("`\"{key}\": {value}`"),
                        None => properties.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
                    }
                }
                None => kind(variant),
            };
            let _ = writeln!(out, "- {shape}: {}", description(variant));
            if let Some(properties) = variant.get("properties").and_then(Value::as_object) {
                for (key, field) in properties.iter().filter(|(_, f)| f.get("const").is_none()) {
                    let _ = writeln!(out, "  - `{key}` ({}): {}", kind(field), description(field));
                }
            }
        }
        return;
    }
    if schema.get("properties").is_some() {
        fields(out, schema);
        return;
    }
    let mut facts = vec![format!("Type: {}", kind(schema))];
    facts.extend(limits(schema));
    if let Some(examples) = schema.get("examples").and_then(Value::as_array) {
        facts.push(format!("for example {}", examples.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")));
    }
    let _ = writeln!(out, "{}.", facts.join("; "));
}

fn schema_page(file: &str, title: &str, intro: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("schemas").join(file)).unwrap()).unwrap();
    let mut out = format!(
        "# {title}\n\n<!-- Generated from schemas/{file} by tests/reference.rs: do not edit; {HOW}. -->\n\n{intro}\n\nEvery type below is a section; its fields link to the types they hold.\n"
    );
    let name = schema.get("title").and_then(Value::as_str).unwrap_or(title);
    section(&mut out, name, &schema);
    let empty = Map::new();
    for (name, definition) in schema.get("$defs").and_then(Value::as_object).unwrap_or(&empty) {
        section(&mut out, name, definition);
    }
    out
}

#[test]
fn the_session_reference_is_the_schema() {
    check(
        "docs/reference/session.md",
        &schema_page(
            "session.schema.json",
            "The session document",
            "The shopper's session, which the shop's server embeds in the page (see [The session on the server](../integrate/session.md)). The same text as `schemas/session.schema.json`, which editors use for autocompletion.",
        ),
    );
}

#[test]
fn the_config_reference_is_the_schema() {
    check(
        "docs/reference/config.md",
        &schema_page(
            "config.schema.json",
            "The config document",
            "The marketer's programme and offers (see [Write your programme](../programme/index.md)). The same text as `schemas/config.schema.json`, which editors use for autocompletion.",
        ),
    );
}

/// What `patron ARGS` prints.
fn patron(args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The subcommands a help text lists under `Commands:`, without `help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

fn command_sections(out: &mut String, path: &[&str]) {
    let mut args = vec!["help"];
    args.extend_from_slice(path);
    let help = patron(&args);
    let _ = writeln!(out, "\n## patron {}\n\n```text\n{}\n```", path.join(" "), help.trim_end());
    for sub in subcommands(&help) {
        let mut deeper: Vec<&str> = path.to_vec();
        deeper.push(&sub);
        command_sections(out, &deeper);
    }
}

#[test]
fn the_commands_reference_is_the_help() {
    let top = patron(&["--help"]);
    let mut out = format!(
        "# Commands\n\n<!-- Generated from `patron help` by tests/reference.rs: do not edit; {HOW}. -->\n\nEvery command of the `patron` command line and every flag, as `patron help COMMAND` prints them.\n\n```text\n{}\n```\n",
        top.trim_end()
    );
    for command in subcommands(&top) {
        command_sections(&mut out, &[&command]);
    }
    check("docs/reference/commands.md", &out);
}

/// The generated pages are the ones SUMMARY.md lists (so the book links to them).
#[test]
fn the_book_lists_the_generated_pages() {
    let summary = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/SUMMARY.md")).unwrap();
    for page in ["reference/session.md", "reference/config.md", "reference/commands.md"] {
        assert!(summary.contains(&format!("({page})")), "docs/SUMMARY.md does not list {page}");
    }
}
