//! The decoders and the generated JSON Schemas describe the same fields: a field is written three
//! times (the struct, the decoder's list of known fields, the `fields.req(…)` call) and only the
//! struct shapes the schema, so this test holds the two against each other, both ways.
//!
//! From each schema it generates documents that carry every property the schema allows — one
//! document per alternative of every `oneOf` (an offer's reward, an audience condition) — and
//! decodes them with a decoder that records every object it opens, with the fields it knows there.
//! - A property of the schema that the decoder calls an unknown field is a mismatch.
//! - A field the decoder knows that no alternative of the schema has at that path is a mismatch.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value as Json};

use crate::config::Config;
use crate::json::{child, index, Decode, Decoder, Value};
use crate::session::Session;

/// Generates documents from a schema, remembering the properties the schema allows at each path.
struct Generator<'a> {
    defs: &'a Json,
    /// Which alternative of each `oneOf` to take (the last one when there are fewer).
    variant: usize,
    /// `$ref`s being generated, to stop recursive conditions after two levels.
    stack: Vec<String>,
    /// Per JSON path of a generated object, every property any alternative allows there.
    allowed: BTreeMap<String, BTreeSet<String>>,
}

impl<'a> Generator<'a> {
    fn resolve(&self, node: &'a Json) -> (&'a Json, Option<String>) {
        match node.get("$ref").and_then(Json::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => (&self.defs[name], Some(name.to_string())),
            None => (node, None),
        }
    }

    /// Every property the schema allows on an object at this node, over all its alternatives.
    fn properties(&self, node: &'a Json) -> BTreeSet<String> {
        let (node, _) = self.resolve(node);
        let mut all: BTreeSet<String> =
            node.get("properties").and_then(Json::as_object).into_iter().flat_map(|p| p.keys().cloned()).collect();
        for key in ["oneOf", "anyOf", "allOf"] {
            for alternative in node.get(key).and_then(Json::as_array).into_iter().flatten() {
                all.extend(self.properties(alternative));
            }
        }
        all
    }

    fn generate(&mut self, node: &'a Json, path: &str) -> Json {
        let (node, name) = self.resolve(node);
        let deep = name.as_ref().is_some_and(|n| self.stack.iter().filter(|s| *s == n).count() >= 2);
        if let Some(name) = &name {
            self.stack.push(name.clone());
        }
        let value = self.generate_resolved(node, path, deep);
        if name.is_some() {
            self.stack.pop();
        }
        value
    }

    fn generate_resolved(&mut self, node: &'a Json, path: &str, deep: bool) -> Json {
        if let Some(constant) = node.get("const") {
            return constant.clone();
        }
        if let Some(first) = node.get("enum").and_then(|e| e.get(0)) {
            return first.clone();
        }
        let mut object = serde_json::Map::new();
        let mut is_object = false;
        if let Some(properties) = node.get("properties").and_then(Json::as_object) {
            is_object = true;
            for (key, property) in properties {
                object.insert(key.clone(), self.generate(property, &child(path, key)));
            }
        }
        if let Some(alternatives) = node.get("oneOf").or_else(|| node.get("anyOf")).and_then(Json::as_array) {
            // An optional field is "anyOf": [the type, null]; the document gives the type.
            let alternatives: Vec<&Json> =
                alternatives.iter().filter(|a| a.get("type") != Some(&json!("null"))).collect();
            // Deep inside a recursive type, the last alternative (a condition that nests no other).
            let pick = if deep { alternatives.len() - 1 } else { self.variant.min(alternatives.len() - 1) };
            match self.generate(alternatives[pick], path) {
                Json::Object(fields) => {
                    is_object = true;
                    object.extend(fields);
                }
                other if !is_object => return other,
                _ => {}
            }
        }
        if is_object {
            let allowed = self.properties(node);
            self.allowed.entry(path.to_string()).or_default().extend(allowed);
            return Json::Object(object);
        }
        let kind = match &node["type"] {
            Json::Array(kinds) => kinds.iter().find(|k| *k != "null").cloned().unwrap_or(Json::Null),
            other => other.clone(),
        };
        match kind.as_str() {
            Some("object") => match node.get("additionalProperties") {
                // A map (texts by language, limits by placement): its keys are the author's.
                Some(values) if values.is_object() => json!({ "x": self.generate(values, &child(path, "x")) }),
                _ => json!({}),
            },
            Some("array") if deep => json!([]),
            Some("array") => json!([self.generate(&node["items"], &index(path, 0))]),
            Some("string") => match (node["format"].as_str(), node["pattern"].as_str()) {
                (Some("date"), _) => json!("2026-01-01"),
                (Some("date-time"), _) => json!("2026-01-01T00:00:00+01:00"),
                (_, Some("^[A-Z]{3}$")) => json!("EUR"),
                _ => json!("x"),
            },
            Some("integer") => json!(node["minimum"].as_u64().unwrap_or(1).max(1)),
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            _ => Json::Null,
        }
    }
}

/// Every disagreement between a schema and a document's decoder, as readable lines.
fn mismatches(schema: &Json, decode: fn(&Value, &mut Decoder)) -> Vec<String> {
    check(schema, decode).0
}

/// The mismatches, and every path at which the decoder opened an object (what the check covered).
fn check(schema: &Json, decode: fn(&Value, &mut Decoder)) -> (Vec<String>, BTreeSet<String>) {
    let defs = &schema["$defs"];
    let most_alternatives = defs
        .as_object()
        .into_iter()
        .flat_map(|d| d.values())
        .filter_map(|d| d.get("oneOf").and_then(Json::as_array).map(Vec::len))
        .max()
        .unwrap_or(1);
    let mut found = BTreeSet::new();
    let mut opened = BTreeSet::new();
    for variant in 0..most_alternatives {
        let mut generator = Generator { defs, variant, stack: Vec::new(), allowed: BTreeMap::new() };
        let document = generator.generate(schema, "");
        let mut decoder = Decoder { known: Some(Vec::new()), ..Decoder::default() };
        decode(&Value::from(document), &mut decoder);
        for problem in &decoder.problems {
            if problem.message.starts_with("unknown field") {
                found.insert(format!("{}: in the schema, unknown to the decoder", problem.path));
            }
        }
        for (path, known) in decoder.known.unwrap_or_default() {
            opened.insert(path.clone());
            let allowed = generator.allowed.get(&path);
            for field in known {
                // A retired field stays known to its decoder, which explains what replaced it.
                let retired = path.is_empty() && RETIRED.contains(&field.as_str());
                if !retired && !allowed.is_some_and(|allowed| allowed.contains(&field)) {
                    found.insert(format!("{}: known to the decoder, not in the schema", child(&path, &field)));
                }
            }
        }
    }
    (found.into_iter().collect(), opened)
}

/// Top-level fields no schema has any more, which the decoders still know in order to refuse them
/// with an explanation (the config's `analytics_salt`).
const RETIRED: [&str; 1] = ["analytics_salt"];

fn decode_session(value: &Value, decoder: &mut Decoder) {
    Session::decode(value, "", decoder);
}

fn decode_config(value: &Value, decoder: &mut Decoder) {
    Config::decode(value, "", decoder);
}

fn schema(text: &str) -> Json {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_session_decoder_and_its_schema_agree() {
    let (found, opened) = check(&schema(&super::session()), decode_session);
    assert_eq!(found, Vec::<String>::new());
    for path in [
        "",
        "customer",
        "consent",
        "orders[0]",
        "orders[0].lines[0]",
        "history",
        "points",
        "points.expiring[0]",
        "points.redeemed[0]",
        "cart",
    ] {
        assert!(opened.contains(path), "the generated sessions never reach {path:?}: {opened:?}");
    }
}

#[test]
fn the_config_decoder_and_its_schema_agree() {
    let (found, opened) = check(&schema(&super::config()), decode_config);
    assert_eq!(found, Vec::<String>::new());
    // Every part of the config was reached: each reward, nested and product conditions, the sections.
    for path in [
        "programme.earn",
        "programme.qualification",
        "programme.tiers[0]",
        "offers[0].schedule",
        "offers[0].frequency_cap",
        "offers[0].stamp_card",
        "offers[0].reward",
        "offers[0].audience.all[0].all[0]",
        "offers[0].audience.bought",
        "offers[0].audience.last_bought_days_ago",
        "offers[0].audience.variant",
        "programme.rewards[0]",
        "programme.rewards[0].reward",
        "programme.ways_to_earn[0]",
        "programme.badges[0]",
        "programme.badges[0].condition",
        "recommendations",
    ] {
        assert!(opened.contains(path), "the generated configs never reach {path}: {opened:?}");
    }
}

#[test]
fn a_field_on_one_side_only_is_found_with_its_path() {
    let mut config = schema(&super::config());
    // The schema loses a tier's benefits, and gains a colour no decoder reads.
    let tier = &mut config["$defs"]["Tier"]["properties"];
    tier.as_object_mut().unwrap().remove("benefits");
    tier["colour"] = json!({ "type": "string" });
    // A reward the decoder does not know at all.
    let reward = config["$defs"]["Reward"]["oneOf"].as_array_mut().unwrap();
    reward[1]["properties"]["percent_of"] = json!({ "type": "number" });
    assert_eq!(
        mismatches(&config, decode_config),
        [
            "offers[0].reward.percent_of: in the schema, unknown to the decoder",
            "programme.tiers[0].benefits: known to the decoder, not in the schema",
            "programme.tiers[0].colour: in the schema, unknown to the decoder",
        ]
    );
}
