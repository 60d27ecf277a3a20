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
        "session is invalid: customer.email: unknown field \"email\", expected one of \"id\", \"first_name\", \"birthday\", \"member_since\", \"referral_url\", \"analytics_id\""
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

/// The consumer config with its offers replaced, as a marketer's error report.
fn offers_error(offers: serde_json::Value) -> Vec<String> {
    let mut config: serde_json::Value = serde_json::from_str(CONSUMER).unwrap();
    config["offers"] = offers;
    match Config::from_json(&config.to_string()) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems.iter().map(ToString::to_string).collect(),
    }
}

fn offer(extra: serde_json::Value) -> serde_json::Value {
    let mut offer = json!({"id": "o", "placement": "top", "headline": {"de": "Hallo", "en": "Hello"}});
    for (key, value) in extra.as_object().unwrap() {
        offer[key] = value.clone();
    }
    offer
}

#[test]
fn offer_typos_get_a_suggestion() {
    assert_eq!(
        offers_error(json!([offer(json!({"priorty": 3}))])),
        ["offers[0].priorty: unknown field \"priorty\"; did you mean \"priority\"?"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"days_since_last_order_at_leat": 90}}))])),
        ["offers[0].audience.days_since_last_order_at_leat: unknown field \"days_since_last_order_at_leat\"; did you mean \"days_since_last_order_at_least\"?"]
    );
}

#[test]
fn offer_values_of_the_wrong_kind_name_their_path() {
    assert_eq!(
        offers_error(json!([offer(json!({"priority": "high"}))])),
        ["offers[0].priority: expected a whole number from -1000000 to 1000000, got \"high\""]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"orders_at_least": -1}}))])),
        ["offers[0].audience.orders_at_least: expected a whole number from 0 to 4294967295, got -1"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"orders_at_least": 1, "consent": true}}))])),
        ["offers[0].audience: expected exactly one condition per object, got \"orders_at_least\", \"consent\"; combine them with \"all\" or \"any\""]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"all": []}}))])),
        ["offers[0].audience.all: \"all\" needs at least one condition"]
    );
}

#[test]
fn a_schedule_that_ends_before_it_starts_is_refused() {
    assert_eq!(
        offers_error(json!([offer(
            json!({"schedule": {"start": "2026-12-01T00:00:00+01:00", "end": "2026-11-01T00:00:00+01:00"}})
        )])),
        ["offers[0].schedule.end: the end 2026-11-01T00:00:00+01:00 is not after the start 2026-12-01T00:00:00+01:00"]
    );
}

#[test]
fn rewards_out_of_range_are_refused() {
    assert_eq!(
        offers_error(json!([offer(json!({"reward": {"type": "percent_off", "percent": 120}}))])),
        ["offers[0].reward.percent: expected a percentage above 0 and at most 100, got 120"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"reward": {"type": "points_multiplier", "multiplier": 1}}))])),
        ["offers[0].reward.multiplier: expected a multiplier above 1 and at most 100, got 1"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"reward": {"type": "cashback"}}))])),
        ["offers[0].reward.type: expected one of \"none\", \"percent_off\", \"fixed_amount\", \"free_shipping\", \"free_gift\", \"points_multiplier\", \"early_access\", got \"cashback\""]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"frequency_cap": {"per_day": 5, "total": 2}}))])),
        ["offers[0].frequency_cap.per_day: 5 a day is more than the total of 2"]
    );
}

#[test]
fn unknown_tiers_are_refused_with_the_known_ones() {
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"tier_is": ["gold", "platinum"]}}))])),
        ["offers[0].audience.tier_is[1]: unknown tier \"platinum\"; the programme has \"bronze\", \"silver\", \"gold\""]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"audience": {"not": {"tier_at_least": "Gold"}}}))])),
        ["offers[0].audience.not.tier_at_least: unknown tier \"Gold\"; the programme has \"bronze\", \"silver\", \"gold\""]
    );
}

#[test]
fn unknown_placeholders_are_errors_not_blanks() {
    assert_eq!(
        offers_error(json!([offer(json!({"headline": {"de": "Hallo {vorname}", "en": "Hello {first_name}"}}))])),
        ["offers[0].headline.de: unknown placeholder \"{vorname}\"; known are {first_name}, {points}, {tier}, {next_tier}, {amount_to_next_tier}, {orders_to_reward}, {stamps}, {stamps_total}, {coupon_code}, {reward}, {days_since_last_order}"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"body": {"de": "Code: {coupon_code}"}}))])),
        ["offers[0].body.de: the placeholder {coupon_code} needs a coupon_code on the offer"]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"body": {"de": "Nur {heute"}}))])),
        ["offers[0].body.de: a \"{\" is not closed; write \"{{\" for a literal brace"]
    );
}

#[test]
fn links_must_be_http_or_on_the_shop() {
    assert_eq!(
        offers_error(json!([offer(json!({"cta_label": {"de": "Los"}, "cta_url": "javascript:alert(1)", "image": "data:image/png;base64,AAAA"}))])),
        [
            "offers[0].cta_url: expected an http(s) URL or a path on the shop such as \"/sale\", got \"javascript:alert(1)\"",
            "offers[0].image: expected an http(s) URL or a path on the shop such as \"/sale\", got \"data:image/png;base64,AAAA\""
        ]
    );
    assert_eq!(
        offers_error(json!([offer(json!({"cta_url": "/sale"}))])),
        ["offers[0].cta_label: missing: a button needs both cta_label and cta_url, and cta_url is given"]
    );
}

#[test]
fn duplicate_offer_ids_and_placement_limits_are_checked() {
    assert_eq!(
        offers_error(json!([offer(json!({})), offer(json!({}))])),
        ["offers[1].id: offer id \"o\" is already used by offers[0]"]
    );
    let mut config: serde_json::Value = serde_json::from_str(CONSUMER).unwrap();
    config["max_per_placement"] = json!({"top": 0});
    assert_eq!(
        Config::from_json(&config.to_string()).unwrap_err().to_string(),
        "config is invalid: max_per_placement.top: expected at least 1 banner per placement, got 0"
    );
}

#[test]
fn a_coupon_for_a_restricted_audience_is_a_warning() {
    let config = Config::from_json(CONSUMER).unwrap();
    let warnings: Vec<String> = config.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["offers[1].coupon_code: this code is in the page source for anyone to read, not only the offer's audience: the checkout must check per customer that it may be redeemed"]
    );
}

#[test]
fn schema_references_are_kept_at_the_top_and_refused_elsewhere() {
    let config = Config::from_json(CONSUMER).unwrap();
    assert_eq!(config.schema.as_deref(), Some("../../schemas/config.schema.json"));
    let mut session = session_with(json!([]));
    session["customer"]["$schema"] = json!("x.json");
    assert_eq!(
        Session::from_json(&session.to_string()).unwrap_err().to_string(),
        "session is invalid: customer.$schema: unknown field \"$schema\", expected one of \"id\", \"first_name\", \"birthday\", \"member_since\", \"referral_url\", \"analytics_id\""
    );
}
