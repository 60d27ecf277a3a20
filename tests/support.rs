//! Builders shared by the native tests.

use patron::format::PlainFormatter;
use patron::loyalty::{self, Card, CardText, Language};
use patron::{Config, Session, Timestamp};
use serde_json::{json, Value};

pub const CONSUMER: &str = include_str!("../www/configs/consumer.json");
pub const B2B: &str = include_str!("../www/configs/b2b.json");

pub fn consumer() -> Config {
    Config::from_json(CONSUMER).expect("the demo consumer config is valid")
}

pub fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a valid timestamp")
}

/// A consenting customer with the given orders, at 2026-11-20 10:00 CET.
pub fn session_with(orders: Value) -> Value {
    json!({
        "customer": {"id": "c-1", "first_name": "Anna"},
        "consent": {"personalisation": true},
        "now": "2026-11-20T10:00:00+01:00",
        "currency": "EUR",
        "locale": "de-DE",
        "orders": orders
    })
}

/// One order of `amount` euros placed at `placed_at`.
pub fn order(id: &str, placed_at: &str, amount: f64) -> Value {
    json!({"id": id, "placed_at": placed_at, "lines": [{"sku": "BEAN", "quantity": 1, "unit_price": amount}]})
}

pub fn parse_session(value: &Value) -> Session {
    Session::from_json(&value.to_string()).expect("a valid session")
}

pub fn card(session: &Value, config: &Config, locale: &str) -> Card {
    let session = parse_session(session);
    let now = session.now.expect("test sessions fix the clock");
    loyalty::card(&session, &config.programme, &config.default_language, now, locale).expect("a card")
}

pub fn text(session: &Value, config: &Config, locale: &str) -> CardText {
    let card = card(session, config, locale);
    loyalty::card_text(&card, Language::for_locale(locale), &PlainFormatter::new(locale, "EUR"))
}

/// Every file below `dirs` (relative to the repository), in no particular order; a folder that is
/// not there has none.
pub fn files_under(dirs: &[&str]) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut pending: Vec<std::path::PathBuf> = dirs.iter().map(Into::into).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}
