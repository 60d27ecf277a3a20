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
            let card = patron::loyalty::card(
                &session,
                &consumer(),
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
