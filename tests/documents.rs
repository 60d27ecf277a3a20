//! Broken sessions and configs: every problem names its JSON path and says what was expected.

use patron::{Config, Document, Position, Session};
use serde_json::json;

use crate::support::*;

fn session_error(value: &serde_json::Value) -> String {
    Session::from_json(&value.to_string()).unwrap_err().to_string()
}

fn config_error(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut config: serde_json::Value = serde_json::from_str(CONSUMER).unwrap();
    edit(&mut config);
    Config::from_json(&config.to_string()).unwrap_err().to_string()
}

#[test]
fn malformed_json_reports_line_and_column() {
    let error = Session::from_json("{\n  \"currency\": \"EUR\",\n  \"orders\": [\n}").unwrap_err();
    assert_eq!(error.document, Document::Session);
    assert_eq!(error.problems[0].path, "");
    assert_eq!(error.problems[0].message, "not valid JSON: expected value");
    assert_eq!(error.problems[0].position, Some(Position { line: 4, column: 1 }));
    assert_eq!(
        Session::from_json("{\"currency\": \"EUR\"} x").unwrap_err().to_string(),
        "session is invalid: not valid JSON: trailing characters"
    );
}

#[test]
fn a_bad_timestamp_names_its_order() {
    let mut session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 5.0), order("2", "yesterday", 5.0)]));
    assert_eq!(
        session_error(&session),
        "session is invalid: orders[1].placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"yesterday\""
    );
    session["orders"] = json!([]);
    session["customer"]["birthday"] = json!("1990-02-30");
    assert_eq!(
        session_error(&session),
        "session is invalid: customer.birthday: expected a date as YYYY-MM-DD, got \"1990-02-30\""
    );
}

#[test]
fn a_misspelt_field_is_reported_not_ignored() {
    let mut session = session_with(json!([]));
    session["customer"]["birth_day"] = json!("1990-02-03");
    assert_eq!(
        session_error(&session),
        "session is invalid: customer.birth_day: unknown field \"birth_day\"; did you mean \"birthday\"?"
    );
    session["customer"].as_object_mut().unwrap().remove("birth_day");
    session["customer"]["email"] = json!("anna@example.org");
    assert_eq!(
        session_error(&session),
        "session is invalid: customer.email: unknown field \"email\", expected one of \"id\", \"first_name\", \"birthday\", \"member_since\", \"referral_url\""
    );
}

#[test]
fn missing_and_mistyped_fields_name_their_place() {
    let mut session = session_with(json!([]));
    session.as_object_mut().unwrap().remove("currency");
    assert_eq!(session_error(&session), "session is invalid: missing field \"currency\"");
    let mut session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 5.0)]));
    session["orders"][0]["lines"][0]["quantity"] = json!("2");
    assert_eq!(
        session_error(&session),
        "session is invalid: orders[0].lines[0].quantity: expected a whole number from 0 to 4294967295, got \"2\""
    );
    session["orders"][0]["lines"][0]["quantity"] = json!(0);
    assert_eq!(
        session_error(&session),
        "session is invalid: orders[0].lines[0].quantity: expected a quantity of at least 1, got 0"
    );
    session["orders"][0]["lines"][0]["quantity"] = json!(1);
    session["orders"][0]["lines"][0]["unit_price"] = json!(-3.5);
    assert_eq!(
        session_error(&session),
        "session is invalid: orders[0].lines[0].unit_price: expected an amount of zero or more, got -3.5"
    );
    let mut session = session_with(json!([]));
    session["currency"] = json!("euro");
    assert_eq!(
        session_error(&session),
        "session is invalid: currency: expected an ISO 4217 currency code such as \"EUR\", got \"euro\""
    );
    session["currency"] = json!("EUR");
    session["locale"] = json!("<script>");
    assert_eq!(
        session_error(&session),
        "session is invalid: locale: expected a language tag such as \"de-DE\", got \"<script>\""
    );
}

#[test]
fn tiers_out_of_order_are_refused() {
    assert_eq!(
        config_error(|c| c["programme"]["tiers"][2]["threshold"] = json!(400)),
        "config is invalid: programme.tiers[2].threshold: tiers must be listed lowest first: 400 is not above 500 of programme.tiers[1] (\"silver\")"
    );
}

#[test]
fn every_rule_broken_is_listed_at_once() {
    let error = config_error(|c| {
        c["programme"]["earn"]["points_per_unit"] = json!(-1);
        c["programme"]["tiers"][1]["id"] = json!("bronze");
        c["programme"]["tiers"][1]["name"] = json!({"en": "Silver"});
        c["programme"]["tiers"][2]["earn_multiplier"] = json!(500);
    });
    assert_eq!(
        error,
        "config is invalid: programme.earn.points_per_unit: expected between 0 and 1000 points per currency unit, got -1; \
         programme.tiers[1].id: tier id \"bronze\" is already used by programme.tiers[0]; \
         programme.tiers[1].name: missing the default language \"de\" (has en); \
         programme.tiers[2].earn_multiplier: expected between 0 and 100, got 500"
    );
}

#[test]
fn config_typos_and_wrong_kinds_name_their_place() {
    assert_eq!(
        config_error(|c| c["programme"]["earn"]["rounding"] = json!("down")),
        "config is invalid: programme.earn.rounding: expected one of \"floor\", \"round\", \"ceil\", got \"down\""
    );
    assert_eq!(
        config_error(|c| c["programme"]["tiers"][0]["treshold"] = json!(0)),
        "config is invalid: programme.tiers[0].treshold: unknown field \"treshold\"; did you mean \"threshold\"?"
    );
    assert_eq!(
        config_error(|c| c["programme"]["tiers"][1]["benefits"][0]["de"] = json!("  ")),
        "config is invalid: programme.tiers[1].benefits[0].de: text is empty"
    );
}

#[test]
fn the_demo_configs_are_valid() {
    Config::from_json(CONSUMER).unwrap();
    Config::from_json(B2B).unwrap();
}

#[test]
fn every_broken_value_in_a_session_is_reported_together() {
    let session = json!({
        "currency": "EUR",
        "orders": [
            {"id": "1", "placed_at": "2026-13-01T00:00:00Z", "lines": []},
            {"id": 2, "placed_at": "2026-01-01T00:00:00Z", "lines": [{"sku": "A", "quantity": 1}]}
        ],
        "cart": {"lines": "none"}
    });
    let error = Session::from_json(&session.to_string()).unwrap_err();
    let problems: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "orders[0].placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"2026-13-01T00:00:00Z\"",
            "orders[1].id: expected a string, got 2",
            "orders[1].lines[0]: missing field \"unit_price\"",
            "cart.lines: expected an array, got \"none\"",
        ]
    );
}
