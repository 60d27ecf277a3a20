//! JSON Schemas of the two documents, generated from the Rust types so that they cannot drift; the
//! files in `schemas/` are kept equal to these by a test, and `patron schema` rewrites them.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::config::Config;
use crate::language::Localised;
use crate::money::{Currency, Money};
use crate::session::Session;
use crate::time::{Date, Timestamp};

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

// How the vocabulary's types appear in the schemas. Serialize is implemented for the schema
// generator, which writes each field's default value with it, and `patron session` writes the
// session's orders and history with it.

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.units())
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl serde::Serialize for Localised {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(language, text)| (language, text)))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD.",
            "examples": ["1990-05-17"]
        })
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "An RFC 3339 timestamp with its UTC offset.",
            "examples": ["2026-11-23T09:30:00+01:00"]
        })
    }
}

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "minimum": 0,
            "maximum": crate::money::MAX_UNITS,
            "description": "An amount in the shop's currency units, such as 12.99."
        })
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "An ISO 4217 currency code.",
            "examples": ["EUR"]
        })
    }
}

impl JsonSchema for Localised {
    fn schema_name() -> Cow<'static, str> {
        "Localised".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text in several languages, keyed by language (\"de\") or locale (\"de-CH\"); it must have the config's default_language.",
            "type": "object",
            "additionalProperties": { "type": "string", "minLength": 1 },
            "minProperties": 1,
            "examples": [{ "de": "Kostenloser Versand", "en": "Free shipping" }]
        })
    }
}

#[cfg(test)]
mod agreement;
