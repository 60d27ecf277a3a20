//! The customer's analytics key (issue 17): computed on the shop's side with a secret the browser
//! never sees, carried by the session, checked there, and the config's old public salt refused.

use patron::{analytics_id, Config, Session};
use serde_json::{json, Value};

use crate::support::*;

#[test]
fn the_demo_sessions_carry_the_key_their_secret_gives() {
    // The demo's secret (the book, integrate/privacy.md); a shop keeps its own on its server.
    for (persona, id) in [("new", "c-1001"), ("regular", "c-2002"), ("lapsed", "c-3003"), ("partner", "b-4004")] {
        let text = std::fs::read_to_string(format!("www/sessions/{persona}.json")).unwrap();
        let session = Session::from_json(&text).unwrap();
        let customer = session.customer.as_ref().unwrap();
        assert_eq!(customer.id, id);
        assert_eq!(
            customer.analytics_id.as_deref(),
            Some(analytics_id(b"patron-demo-secret", id).as_str()),
            "{persona}"
        );
    }
    // Without analytics consent the widget hands no key to events.
    let lapsed = Session::from_json(&std::fs::read_to_string("www/sessions/lapsed.json").unwrap()).unwrap();
    assert_eq!(lapsed.analytics_id(), None);
    let regular = Session::from_json(&std::fs::read_to_string("www/sessions/regular.json").unwrap()).unwrap();
    assert_eq!(regular.analytics_id(), Some("71c5f8ed102ca3c2a34227873ebebe1c"));
}

#[test]
fn a_key_that_is_not_32_hex_digits_is_refused_with_its_path() {
    let mut session = session_with(json!([]));
    session["customer"]["analytics_id"] = json!("c-2002");
    let error = Session::from_json(&session.to_string()).unwrap_err();
    assert_eq!(
        error.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["customer.analytics_id: expected 32 lowercase hexadecimal digits (the first 32 of HMAC-SHA256 with the shop's secret), got \"c-2002\""]
    );
    session["customer"]["analytics_id"] = json!("71C5F8ED102CA3C2A34227873EBEBE1C");
    assert!(Session::from_json(&session.to_string()).is_err(), "upper case is refused: one key, one spelling");
}

#[test]
fn the_configs_public_salt_is_refused_with_what_replaced_it() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["analytics_salt"] = json!("bohnenhaus-2026");
    let error = Config::from_json(&config.to_string()).unwrap_err();
    assert_eq!(
        error.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["analytics_salt: analytics_salt is no longer used: the config is a public file, so anyone could recompute the customer key from it; remove it, and let the shop's server put customer.analytics_id in the session (HMAC-SHA256 with a secret the browser never sees; see the book, integrate/privacy.md)"]
    );
}
