//! The committed JSON Schemas are the ones the Rust types generate; `patron schema` refreshes them.

#[test]
fn committed_schemas_match_the_types() {
    let session = std::fs::read_to_string("schemas/session.schema.json").unwrap_or_default();
    let config = std::fs::read_to_string("schemas/config.schema.json").unwrap_or_default();
    assert!(session == patron::schema::session(), "schemas/session.schema.json is stale: run `cargo run -- schema`");
    assert!(config == patron::schema::config(), "schemas/config.schema.json is stale: run `cargo run -- schema`");
}

#[test]
fn schemas_describe_the_documents() {
    let session: serde_json::Value = serde_json::from_str(&patron::schema::session()).unwrap();
    assert_eq!(session["required"], serde_json::json!(["currency"]));
    assert_eq!(session["additionalProperties"], serde_json::json!(false));
    let config: serde_json::Value = serde_json::from_str(&patron::schema::config()).unwrap();
    assert_eq!(config["required"], serde_json::json!(["default_language", "programme"]));
    let rounding: Vec<&str> =
        config["$defs"]["Rounding"]["oneOf"].as_array().unwrap().iter().map(|v| v["const"].as_str().unwrap()).collect();
    assert_eq!(rounding, ["floor", "round", "ceil"]);
}
