//! Bad input, tried systematically: each case names what a shop or a marketer might send and the
//! exact outcome — the error with its path, or what the card shows.

use patron::{Config, Session};
use serde_json::{json, Value};

use crate::support::*;

/// A valid session to break.
fn base() -> Value {
    session_with(json!([order("A-1", "2026-06-01T12:00:00+02:00", 10.0)]))
}

fn with(edit: impl FnOnce(&mut Value)) -> String {
    let mut session = base();
    edit(&mut session);
    session.to_string()
}

/// What Patron makes of a session text: the error, or the balance and greeting it shows.
fn outcome(text: &str) -> String {
    match Session::from_json(text) {
        Err(error) => error.to_string(),
        Ok(session) => {
            let config = consumer();
            let card = patron::loyalty::card(
                &session,
                &config.programme,
                &config.default_language,
                session.now.unwrap_or(ts("2026-11-20T10:00:00+01:00")),
                "de-DE",
            );
            match card {
                Err(error) => error.to_string(),
                Ok(card) => {
                    let text = patron::loyalty::card_text(
                        &card,
                        patron::loyalty::Language::De,
                        &patron::format::PlainFormatter::new("de-DE", "EUR"),
                    );
                    format!("{} | {}", text.greeting.unwrap_or_default(), text.balance)
                }
            }
        }
    }
}

#[test]
fn sessions() {
    let long_history = {
        let orders: Vec<Value> = (0..20_000)
            .map(|i| {
                let lines: Vec<Value> =
                    (0..5).map(|l| json!({"sku": format!("S{l}"), "quantity": 1, "unit_price": 0.5})).collect();
                json!({"id": format!("O{i}"), "placed_at": "2026-06-01T12:00:00+02:00", "lines": lines})
            })
            .collect();
        with(|s| s["orders"] = Value::Array(orders))
    };
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let cases: Vec<(&str, String, String)> = vec![
        ("malformed JSON", "{\"currency\": \"EUR\",".into(), "session is invalid: not valid JSON: EOF while parsing a value".into()),
        ("not an object", "[1, 2]".into(), "session is invalid: expected an object, got an array".into()),
        ("deep nesting", deep, "session is invalid: not valid JSON: recursion limit exceeded".into()),
        ("wrong type", with(|s| s["orders"] = json!("many")), "session is invalid: orders: expected an array, got \"many\"".into()),
        ("missing currency", with(|s| drop(s.as_object_mut().unwrap().remove("currency"))), "session is invalid: missing field \"currency\"".into()),
        ("missing order id", with(|s| drop(s["orders"][0].as_object_mut().unwrap().remove("id"))), "session is invalid: orders[0]: missing field \"id\"".into()),
        ("empty history", with(|s| s["orders"] = json!([])), "Hallo Anna! | 0 Punkte".into()),
        // 20,000 orders of 2.50 €, the later ones at the Silver (×1.25) and Gold (×1.5) multipliers.
        ("100,000 order lines", long_history, "Hallo Anna! | 59.800 Punkte".into()),
        ("negative price", with(|s| s["orders"][0]["lines"][0]["unit_price"] = json!(-1)), "session is invalid: orders[0].lines[0].unit_price: expected an amount of zero or more, got -1".into()),
        ("huge price", with(|s| s["orders"][0]["lines"][0]["unit_price"] = json!(1e13)), "session is invalid: orders[0].lines[0].unit_price: expected an amount of at most 1000000000000, got 10000000000000".into()),
        ("infinite price", r#"{"currency": "EUR", "cart": {"lines": [{"sku": "A", "quantity": 1, "unit_price": 1e400}]}}"#.into(), "session is invalid: not valid JSON: number out of range".into()),
        ("price as text", with(|s| s["orders"][0]["lines"][0]["unit_price"] = json!("12,99")), "session is invalid: orders[0].lines[0].unit_price: expected a number, got \"12,99\"".into()),
        ("zero quantity", with(|s| s["orders"][0]["lines"][0]["quantity"] = json!(0)), "session is invalid: orders[0].lines[0].quantity: expected a quantity of at least 1, got 0".into()),
        ("fractional quantity", with(|s| s["orders"][0]["lines"][0]["quantity"] = json!(1.5)), "session is invalid: orders[0].lines[0].quantity: expected a whole number from 0 to 4294967295, got 1.5".into()),
        ("huge quantity", with(|s| s["orders"][0]["lines"][0]["quantity"] = json!(1e10)), "session is invalid: orders[0].lines[0].quantity: expected a whole number from 0 to 4294967295, got 10000000000".into()),
        ("duplicate order", with(|s| s["orders"] = json!([order("A-1", "2026-06-01T12:00:00+02:00", 10.0), order("A-2", "2026-06-02T12:00:00+02:00", 10.0), order("A-1", "2026-06-03T12:00:00+02:00", 10.0)])), "session is invalid: orders[2].id: order id \"A-1\" is already used by orders[0]".into()),
        ("duplicate SKU lines", with(|s| s["orders"][0]["lines"] = json!([{"sku": "A", "quantity": 1, "unit_price": 5.0}, {"sku": "A", "quantity": 2, "unit_price": 5.0}])), "Hallo Anna! | 15 Punkte".into()),
        ("unknown SKUs", with(|s| s["cart"] = json!({"lines": [{"sku": "NOT-IN-ANY-CATALOGUE", "quantity": 1, "unit_price": 1.0}]})), "Hallo Anna! | 10 Punkte".into()),
        ("future order", with(|s| s["orders"][0]["placed_at"] = json!("2027-01-01T00:00:00Z")), "Hallo Anna! | 0 Punkte".into()),
        ("unparseable date", with(|s| s["orders"][0]["placed_at"] = json!("01.06.2026")), "session is invalid: orders[0].placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"01.06.2026\"".into()),
        ("impossible birthday", with(|s| s["customer"]["birthday"] = json!("2026-02-30")), "session is invalid: customer.birthday: expected a date as YYYY-MM-DD, got \"2026-02-30\"".into()),
        ("RTL and emoji name", with(|s| s["customer"]["first_name"] = json!("مريم 🌸")), "Hallo مريم 🌸! | 10 Punkte".into()),
        ("markup in a name", with(|s| s["customer"]["first_name"] = json!("<img src=x onerror=alert(1)>")), "Hallo <img src=x onerror=alert(1)>! | 10 Punkte".into()),
        ("megabyte name", with(|s| s["customer"]["first_name"] = json!("x".repeat(1_000_000))), "session is invalid: customer.first_name: a string of 1000000 characters is longer than the limit of 10000".into()),
        ("too many orders", with(|s| s["orders"] = Value::Array(vec![json!(null); 100_001])), "session is invalid: orders: a list of 100001 items is longer than the limit of 100000".into()),
        ("eleven megabytes", format!("{{\"currency\": \"EUR\", \"locale\": \"{}\"}}", "x".repeat(11 * 1024 * 1024)), "session is invalid: the document has 11534369 bytes, over the limit of 10485760".into()),
    ];
    let mut failures = Vec::new();
    for (name, text, expected) in &cases {
        let got = outcome(text);
        if &got != expected {
            failures.push(format!("{name}:\n  expected {expected}\n       got {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn configs() {
    let nested = {
        let mut condition = json!({"orders_at_least": 1});
        for _ in 0..17 {
            condition = json!({"not": condition});
        }
        condition
    };
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
        f(&mut config);
        config.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty file", String::new(), "config is invalid: not valid JSON: EOF while parsing a value"),
        ("deeply nested conditions", edit(&|c| c["offers"][0]["audience"] = nested.clone()), "config is invalid: offers[0].audience.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not: conditions nest deeper than 16 levels"),
        ("megabyte headline", edit(&|c| c["offers"][0]["headline"]["de"] = json!("x".repeat(1_000_000))), "config is invalid: offers[0].headline.de: a string of 1000000 characters is longer than the limit of 10000"),
        ("offers not a list", edit(&|c| c["offers"] = json!({"id": "x"})), "config is invalid: offers: expected an array of offers, got an object"),
        ("XSS link", edit(&|c| c["offers"][0]["cta_url"] = json!("javascript:alert(document.cookie)")), "config is invalid: offers[0].cta_url: expected an http(s) URL or a path on the shop such as \"/sale\", got \"javascript:alert(document.cookie)\""),
        ("too many offers", edit(&|c| c["offers"] = Value::Array(vec![json!({}); 501])), "config is invalid: offers: a list of 501 offers is longer than the limit of 500"),
        ("negative threshold", edit(&|c| c["programme"]["tiers"][0]["threshold"] = json!(-5)), "config is invalid: programme.tiers[0].threshold: expected zero or more, got -5"),
    ];
    for (name, text, expected) in cases {
        let got = Config::from_json(&text).map(|_| "valid".to_string()).unwrap_or_else(|e| e.to_string());
        assert_eq!(got, expected, "{name}");
    }
}

/// More of what a shop's server may send (issue 20 raised the floor to 100 cases): the ledger, the
/// cart, consent, the customer, the clock and the compact history, each broken the way a template
/// or an export script breaks it.
#[test]
fn more_sessions() {
    let cases: Vec<(&str, String, &str)> = vec![
        ("null document", "null".into(), "session is invalid: expected an object, got null"),
        ("a string document", "\"session\"".into(), "session is invalid: expected an object, got \"session\""),
        ("currency lower case", with(|s| s["currency"] = json!("eur")), "session is invalid: currency: expected an ISO 4217 currency code such as \"EUR\", got \"eur\""),
        ("currency as number", with(|s| s["currency"] = json!(978)), "session is invalid: currency: expected a string, got 978"),
        ("now unparseable", with(|s| s["now"] = json!("today")), "session is invalid: now: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"today\""),
        ("locale not a tag", with(|s| s["locale"] = json!("German")), "session is invalid: locale: expected a language tag such as \"de-DE\", got \"German\""),
        ("customer a string", with(|s| s["customer"] = json!("c-1")), "session is invalid: customer: expected an object, got \"c-1\""),
        ("customer id empty", with(|s| s["customer"]["id"] = json!("")), "Hallo Anna! | 10 Punkte"),
        ("consent a string", with(|s| s["consent"] = json!("yes")), "session is invalid: consent: expected an object, got \"yes\""),
        ("consent flag as text", with(|s| s["consent"]["personalisation"] = json!("true")), "session is invalid: consent.personalisation: expected true or false, got \"true\""),
        ("no consent", with(|s| s["consent"]["personalisation"] = json!(false)), " | 1 Punkt pro 1,00\u{a0}€ Einkaufswert"),
        ("orders null", with(|s| s["orders"] = Value::Null), "Hallo Anna! | 0 Punkte"),
        ("an order a number", with(|s| s["orders"] = json!([7])), "session is invalid: orders[0]: expected an object, got 7"),
        ("lines missing", with(|s| drop(s["orders"][0].as_object_mut().unwrap().remove("lines"))), "session is invalid: orders[0]: missing field \"lines\""),
        ("sku missing", with(|s| drop(s["orders"][0]["lines"][0].as_object_mut().unwrap().remove("sku"))), "session is invalid: orders[0].lines[0]: missing field \"sku\""),
        ("sku empty", with(|s| s["orders"][0]["lines"][0]["sku"] = json!("")), "Hallo Anna! | 10 Punkte"),
        ("negative quantity", with(|s| s["orders"][0]["lines"][0]["quantity"] = json!(-1)), "session is invalid: orders[0].lines[0].quantity: expected a whole number from 0 to 4294967295, got -1"),
        ("price NaN as text", with(|s| s["orders"][0]["lines"][0]["unit_price"] = json!("NaN")), "session is invalid: orders[0].lines[0].unit_price: expected a number, got \"NaN\""),
        ("date without offset", with(|s| s["orders"][0]["placed_at"] = json!("2026-06-01T12:00:00")), "session is invalid: orders[0].placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"2026-06-01T12:00:00\""),
        ("date out of range", with(|s| s["orders"][0]["placed_at"] = json!("2026-13-01T12:00:00Z")), "session is invalid: orders[0].placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"2026-13-01T12:00:00Z\""),
        ("cart lines not a list", with(|s| s["cart"] = json!({"lines": {"sku": "A"}})), "session is invalid: cart.lines: expected an array, got an object"),
        ("cart line without price", with(|s| s["cart"] = json!({"lines": [{"sku": "A", "quantity": 1}]})), "session is invalid: cart.lines[0]: missing field \"unit_price\""),
        ("ledger balance negative", with(|s| s["points"] = json!({"balance": -5})), "session is invalid: points.balance: expected a whole number from 0 to 9007199254740992, got -5"),
        ("ledger balance fractional", with(|s| s["points"] = json!({"balance": 10.5})), "session is invalid: points.balance: expected a whole number from 0 to 9007199254740992, got 10.5"),
        ("ledger balance as text", with(|s| s["points"] = json!({"balance": "100"})), "session is invalid: points.balance: expected a whole number from 0 to 9007199254740992, got \"100\""),
        ("redeemed entry without id", with(|s| s["points"] = json!({"balance": 100, "redeemed": [{"on": "2026-11-01"}]})), "session is invalid: points.redeemed[0]: missing field \"reward_id\""),
        ("referral link javascript:", with(|s| s["customer"]["referral_url"] = json!("javascript:alert(1)")), "session is invalid: customer.referral_url: expected an http(s) URL or a path on the shop, got \"javascript:alert(1)\""),
        ("referral link with backslashes", with(|s| s["customer"]["referral_url"] = json!("/\\evil.example/join")), "session is invalid: customer.referral_url: expected an http(s) URL or a path on the shop, got \"/\\\\evil.example/join\""),
        ("analytics id not hex", with(|s| s["customer"]["analytics_id"] = json!("c-1")), "session is invalid: customer.analytics_id: expected 32 lowercase hexadecimal digits (the first 32 of HMAC-SHA256 with the shop's secret), got \"c-1\""),
        ("history and orders both", with(|s| s["history"] = json!({"version": 1, "orders": "", "skus": [], "categories": [], "products": ""})), "session is invalid: history: expected either orders or history, not both"),
        ("history of another version", with(|s| { s.as_object_mut().unwrap().remove("orders"); s["history"] = json!({"version": 2, "orders": "", "skus": [], "categories": [], "products": ""}); }), "session is invalid: history.version: expected version 1: this Patron reads compact histories of version 1, got 2"),
        ("history with a digit out of range", with(|s| { s.as_object_mut().unwrap().remove("orders"); s["history"] = json!({"version": 1, "orders": "!!!", "skus": ["A"], "categories": ["c"], "products": "AA"}); }), "session is invalid: history.orders: expected the digits A-Z, a-z, 0-9, - and _, got \"!\" at character 0"),
        ("unknown field", with(|s| s["loyalty_points"] = json!(5)), "session is invalid: loyalty_points: unknown field \"loyalty_points\", expected one of \"customer\", \"consent\", \"now\", \"currency\", \"locale\", \"orders\", \"history\", \"points\", \"cart\""),
    ];
    let mut failures = Vec::new();
    for (name, text, expected) in &cases {
        let got = outcome(text);
        if got != *expected {
            failures.push(format!("        ({name:?}, ..., {got:?}),"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// More of a marketer's typos, each with its path: the rewards, ways to earn and badges of
/// issue 16, URLs, schedules, caps and templates.
#[test]
fn more_configs() {
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
        f(&mut config);
        config.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("not an object", "[]".into(), "config is invalid: expected an object, got an array"),
        ("programme missing", edit(&|c| drop(c.as_object_mut().unwrap().remove("programme"))), "config is invalid: missing field \"programme\"; offers[2].audience.tier_at_least: unknown tier \"gold\"; the programme has no tiers"),
        ("default language not a tag", edit(&|c| c["default_language"] = json!("Deutsch")), "config is invalid: default_language: expected a language such as \"en\", got \"Deutsch\""),
        ("currency unknown shape", edit(&|c| c["programme"]["currency"] = json!("Euro")), "config is invalid: programme.currency: expected an ISO 4217 currency code such as \"EUR\", got \"Euro\""),
        ("tiers empty", edit(&|c| c["programme"]["tiers"] = json!([])), "config is invalid: offers[2].audience.tier_at_least: unknown tier \"gold\"; the programme has no tiers"),
        ("tier without name", edit(&|c| drop(c["programme"]["tiers"][1].as_object_mut().unwrap().remove("name"))), "config is invalid: programme.tiers[1]: missing field \"name\""),
        ("tiers out of order", edit(&|c| c["programme"]["tiers"][1]["threshold"] = json!(0)), "config is invalid: programme.tiers[1].threshold: tiers must be listed lowest first: 0 is not above 0 of programme.tiers[0] (\"bronze\")"),
        ("earn rule misspelt", edit(&|c| c["programme"]["earn"]["points_per_currency_unit"] = json!(1)), "config is invalid: programme.earn.points_per_currency_unit: unknown field \"points_per_currency_unit\", expected one of \"points_per_unit\", \"rounding\""),
        ("points per unit negative", edit(&|c| c["programme"]["earn"]["points_per_unit"] = json!(-1)), "config is invalid: programme.earn.points_per_unit: expected between 0 and 1000 points per currency unit, got -1"),
        ("expiry negative", edit(&|c| c["programme"]["points_expire_after_months"] = json!(-1)), "config is invalid: programme.points_expire_after_months: expected a whole number from 0 to 65535, got -1"),
        ("reward cost zero", edit(&|c| c["programme"]["rewards"][0]["cost_points"] = json!(0)), "config is invalid: programme.rewards[0].cost_points: expected at least 1 point, got 0"),
        ("reward ids repeated", edit(&|c| c["programme"]["rewards"][1]["id"] = c["programme"]["rewards"][0]["id"].clone()), "config is invalid: programme.rewards[1].id: reward id \"free-shipping\" is already used by programme.rewards[0]"),
        ("reward of unknown type", edit(&|c| c["programme"]["rewards"][0]["reward"] = json!({"type": "cashback"})), "config is invalid: programme.rewards[0].reward.type: expected one of \"fixed_amount\", \"percent_off\", \"free_shipping\", \"free_gift\", \"perk\", got \"cashback\""),
        ("reward for an unknown tier", edit(&|c| c["programme"]["rewards"][0]["min_tier"] = json!("Platin")), "config is invalid: programme.rewards[0].min_tier: unknown tier \"Platin\"; the programme has \"bronze\", \"silver\", \"gold\""),
        ("reward limit zero", edit(&|c| c["programme"]["rewards"][0]["limit_per_customer"] = json!(0)), "config is invalid: programme.rewards[0].limit_per_customer: expected at least 1 redemption, got 0; remove the reward to withdraw it"),
        ("way to earn of unknown type", edit(&|c| c["programme"]["ways_to_earn"][0]["type"] = json!("tweet")), "config is invalid: programme.ways_to_earn[0].type: expected one of \"purchase\", \"sign_up\", \"birthday\", \"referral\", \"review\", \"custom\", got \"tweet\""),
        ("badge that can never hold", edit(&|c| c["programme"]["badges"][0]["condition"] = json!({"orders_at_least": -1})), "config is invalid: programme.badges[0].condition.orders_at_least: expected a whole number from 0 to 4294967295, got -1"),
        ("badge with an unknown condition", edit(&|c| c["programme"]["badges"][0]["condition"] = json!({"orders_atleast": 10})), "config is invalid: programme.badges[0].condition.orders_atleast: unknown field \"orders_atleast\"; did you mean \"orders_at_least\"?"),
        ("sign-in link javascript:", edit(&|c| c["programme"]["sign_in_url"] = json!("javascript:void(0)")), "config is invalid: programme.sign_in_url: expected an http(s) URL or a path on the shop, got \"javascript:void(0)\""),
        ("image with backslashes", edit(&|c| c["offers"][0]["image"] = json!("\\\\evil.example/x.png")), "config is invalid: offers[0].image: expected an http(s) URL or a path on the shop such as \"/sale\", got \"\\\\\\\\evil.example/x.png\""),
        ("button link data:", edit(&|c| c["offers"][0]["cta_url"] = json!("data:text/html,hi")), "config is invalid: offers[0].cta_url: expected an http(s) URL or a path on the shop such as \"/sale\", got \"data:text/html,hi\""),
        ("button without its link", edit(&|c| drop(c["offers"][0].as_object_mut().unwrap().remove("cta_url"))), "config is invalid: offers[0].cta_url: missing: a button needs both cta_label and cta_url, and cta_label is given"),
        ("offer ids repeated", edit(&|c| c["offers"][1]["id"] = c["offers"][0]["id"].clone()), "config is invalid: offers[1].id: offer id \"birthday\" is already used by offers[0]"),
        ("placement empty", edit(&|c| c["offers"][0]["placement"] = json!("")), "config is invalid: offers[0].placement: expected a placement name such as \"top\", got \"\""),
        ("priority as text", edit(&|c| c["offers"][0]["priority"] = json!("high")), "config is invalid: offers[0].priority: expected a whole number from -1000000 to 1000000, got \"high\""),
        ("headline missing the default language", edit(&|c| c["offers"][0]["headline"] = json!({"en": "Hello"})), "config is invalid: offers[0].headline: missing the default language \"de\" (has en)"),
        ("unknown placeholder", edit(&|c| c["offers"][0]["headline"]["de"] = json!("Hallo {firstname}!")), "config is invalid: offers[0].headline.de: unknown placeholder \"{firstname}\"; known are {first_name}, {points}, {tier}, {next_tier}, {amount_to_next_tier}, {orders_to_reward}, {stamps}, {stamps_total}, {coupon_code}, {reward}, {days_since_last_order}"),
        ("unclosed placeholder", edit(&|c| c["offers"][0]["headline"]["de"] = json!("Hallo {first_name!")), "config is invalid: offers[0].headline.de: a \"{\" is not closed; write \"{{\" for a literal brace"),
        ("cap per day zero", edit(&|c| c["offers"][0]["frequency_cap"]["per_day"] = json!(0)), "config is invalid: offers[0].frequency_cap.per_day: expected at least 1 impression, got 0; remove the offer to hide it"),
        ("schedule misspelt", edit(&|c| c["offers"][0]["schedule"] = json!({"starts": "2026-12-01T00:00:00Z"})), "config is invalid: offers[0].schedule.starts: unknown field \"starts\"; did you mean \"start\"?"),
        ("schedule ends before it starts", edit(&|c| c["offers"][0]["schedule"] = json!({"start": "2026-12-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"})), "config is invalid: offers[0].schedule.end: the end 2026-11-01T00:00:00Z is not after the start 2026-12-01T00:00:00Z"),
        ("holdout over 100 percent", edit(&|c| c["offers"][0]["holdout_percent"] = json!(150)), "config is invalid: offers[0].holdout_percent: expected a percentage from 0 to 100, got 150"),
        ("percent off over 100", edit(&|c| c["offers"][0]["reward"] = json!({"type": "percent_off", "percent": 120})), "config is invalid: offers[0].reward.percent: expected a percentage above 0 and at most 100, got 120"),
        ("max per placement zero", edit(&|c| c["max_per_placement"]["top"] = json!(0)), "config is invalid: max_per_placement.top: expected at least 1 banner per placement, got 0"),
    ];
    let mut failures = Vec::new();
    for (name, text, expected) in &cases {
        let got = Config::from_json(text).map(|_| "valid".to_string()).unwrap_or_else(|e| e.to_string());
        if got != *expected {
            failures.push(format!("        ({name:?}, ..., {got:?}),"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
