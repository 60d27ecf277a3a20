//! What the browser remembers per offer — impressions today and in total, and dismissals — so that
//! frequency caps and "×" hold across page views. Only offer ids, a day and counts: no personal data.
//!
//! The format is plain JSON kept in localStorage under one namespaced key; reading it is forgiving
//! (a broken or foreign value is treated as empty), because a shopper's storage is not ours to fail on.

use crate::json::Value;
use crate::time::Date;

/// The localStorage key, versioned so that a future format can migrate.
pub const STORAGE_KEY: &str = "patron:v1:offers";

/// Entries beyond this many (old offers) are dropped, oldest day first.
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

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"offers\":{");
        for (i, entry) in self.offers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&crate::json::quoted(&entry.id));
            out.push_str(":{");
            if let Some(day) = entry.day {
                out.push_str(&format!("\"day\":\"{day}\","));
            }
            out.push_str(&format!(
                "\"today\":{},\"total\":{},\"dismissed\":{}}}",
                entry.today, entry.total, entry.dismissed
            ));
        }
        out.push_str("}}");
        out
    }

    /// The counts for an offer, with "today" reset when the stored day is not `today`.
    pub fn get(&self, id: &str, today: Date) -> OfferMemory {
        self.offers
            .iter()
            .find(|entry| entry.id == id)
            .map(|entry| OfferMemory { today: if entry.day == Some(today) { entry.today } else { 0 }, ..entry.clone() })
            .unwrap_or_else(|| OfferMemory { id: id.to_string(), ..OfferMemory::default() })
    }

    /// The offer's entry, created when new, with "today" reset on a new day.
    fn entry(&mut self, id: &str, today: Date) -> Option<&mut OfferMemory> {
        if !self.offers.iter().any(|entry| entry.id == id) {
            if self.offers.len() >= MAX_ENTRIES {
                // Forget the offer seen longest ago.
                if let Some(oldest) = self.offers.iter().enumerate().min_by_key(|(_, e)| e.day).map(|(i, _)| i) {
                    self.offers.remove(oldest);
                }
            }
            self.offers.push(OfferMemory { id: id.to_string(), ..OfferMemory::default() });
        }
        let entry = self.offers.iter_mut().find(|entry| entry.id == id)?;
        if entry.day != Some(today) {
            entry.day = Some(today);
            entry.today = 0;
        }
        Some(entry)
    }

    /// Counts one impression.
    pub fn record_impression(&mut self, id: &str, today: Date) {
        if let Some(entry) = self.entry(id, today) {
            entry.today = entry.today.saturating_add(1);
            entry.total = entry.total.saturating_add(1);
        }
    }

    /// Remembers that the shopper closed the banner.
    pub fn record_dismissal(&mut self, id: &str, today: Date) {
        if let Some(entry) = self.entry(id, today) {
            entry.dismissed = true;
        }
    }
}

// Native only: the tests parse JSON text, which only the command line does.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_resets_the_day() {
        let monday = Date::parse("2026-11-23").unwrap();
        let tuesday = Date::parse("2026-11-24").unwrap();
        let mut memory = Memory::default();
        memory.record_impression("birthday", monday);
        memory.record_impression("birthday", monday);
        memory.record_dismissal("win-back", monday);
        let json = memory.to_json();
        assert_eq!(
            json,
            r#"{"offers":{"birthday":{"day":"2026-11-23","today":2,"total":2,"dismissed":false},"win-back":{"day":"2026-11-23","today":0,"total":0,"dismissed":true}}}"#
        );
        let read = Memory::from_value(&Value::parse(&json).unwrap());
        assert_eq!(read, memory);
        assert_eq!(read.get("birthday", tuesday).today, 0);
        assert_eq!(read.get("birthday", tuesday).total, 2);
        assert!(read.get("win-back", tuesday).dismissed);
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
