//! What the browser remembers per offer — impressions today and in total, and dismissals — so that
//! frequency caps and "×" hold across page views. Only offer ids, a day and counts: no personal data.
//!
//! The format is plain JSON kept in localStorage under one namespaced key:
//! `{"offers": {"birthday": {"day": "2026-11-20", "today": 2, "total": 5, "dismissed": false}}}`.
//! The element script (banners.js) writes it, at most 200 offers, least recently seen dropped first;
//! this module reads it, forgivingly (a broken or foreign value counts as empty), because a shopper's
//! storage is not ours to fail on.

use crate::json::Value;
use crate::time::Date;

/// The localStorage key, versioned so that a future format can migrate.
pub const STORAGE_KEY: &str = "patron:v1:offers";

/// Entries read at most (banners.js keeps no more).
const MAX_ENTRIES: usize = 200;

/// One offer's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfferMemory {
    /// The offer's id.
    pub id: String,
    /// The day `today` counts.
    pub day: Option<Date>,
    /// Impressions on `day`.
    pub today: u32,
    /// Impressions in all.
    pub total: u32,
    /// Whether the shopper closed the banner.
    pub dismissed: bool,
}

/// Every offer's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    /// One entry per offer seen.
    pub offers: Vec<OfferMemory>,
}

impl Memory {
    /// Reads the stored JSON; anything unreadable counts as nothing remembered.
    pub fn from_value(value: &Value) -> Memory {
        let Some(Value::Object(entries)) = value.get("offers") else {
            return Memory::default();
        };
        let offers = entries
            .iter()
            .take(MAX_ENTRIES)
            .map(|(id, entry)| {
                let count = |key: &str| match entry.get(key) {
                    Some(Value::Number(n)) if *n >= 0.0 && n.fract() == 0.0 => (*n).min(f64::from(u32::MAX)) as u32,
                    _ => 0,
                };
                OfferMemory {
                    id: id.clone(),
                    day: entry.get("day").and_then(Value::as_str).and_then(|day| Date::parse(day).ok()),
                    today: count("today"),
                    total: count("total"),
                    dismissed: matches!(entry.get("dismissed"), Some(Value::Bool(true))),
                }
            })
            .collect();
        Memory { offers }
    }

    /// The counts for an offer, with "today" reset when the stored day is not `today`.
    pub fn get(&self, id: &str, today: Date) -> OfferMemory {
        self.offers
            .iter()
            .find(|entry| entry.id == id)
            .map(|entry| OfferMemory { today: if entry.day == Some(today) { entry.today } else { 0 }, ..entry.clone() })
            .unwrap_or_else(|| OfferMemory { id: id.to_string(), ..OfferMemory::default() })
    }
}

// Native only: the tests parse JSON text, which only the command line does.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_element_script_stores_and_resets_the_day() {
        let monday = Date::parse("2026-11-23").unwrap();
        let tuesday = Date::parse("2026-11-24").unwrap();
        let stored = r#"{"offers":{"birthday":{"day":"2026-11-23","today":2,"total":2,"dismissed":false},"win-back":{"day":"2026-11-23","today":0,"total":0,"dismissed":true}}}"#;
        let read = Memory::from_value(&Value::parse(stored).unwrap());
        assert_eq!(read.get("birthday", monday).today, 2);
        assert_eq!(read.get("birthday", tuesday).today, 0);
        assert_eq!(read.get("birthday", tuesday).total, 2);
        assert!(read.get("win-back", tuesday).dismissed);
        assert_eq!(read.get("unknown", monday), OfferMemory { id: "unknown".into(), ..OfferMemory::default() });
    }

    #[test]
    fn foreign_values_count_as_nothing() {
        assert_eq!(Memory::from_value(&Value::String("x".into())), Memory::default());
        let odd = Value::parse(r#"{"offers":{"a":{"today":-3,"total":"many","dismissed":"yes"}}}"#).unwrap();
        assert_eq!(
            Memory::from_value(&odd).get("a", Date::MIN),
            OfferMemory { id: "a".into(), ..OfferMemory::default() }
        );
    }
}
