//! JSON Schemas of the two documents, generated from the Rust types so that they cannot drift; the
//! files in `schemas/` are kept equal to these by a test, and `patron schema` rewrites them.

use schemars::generate::SchemaSettings;

use crate::{Config, Session};

/// The session document's JSON Schema, pretty-printed with a trailing newline.
pub fn session() -> String {
    render(SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<Session>())
}

/// The config document's JSON Schema, pretty-printed with a trailing newline.
pub fn config() -> String {
    render(SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<Config>())
}

fn render(schema: schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
