//! Languages: the texts a marketer writes in several of them, the check that a tag looks like one,
//! and the languages Patron's own words exist in.

use crate::error::Problem;
use crate::json::{child, Decode, Decoder, Value};
use crate::words::{list, quoted};

/// A text in several languages, keyed by language (`de`) or full locale (`de-CH`), in the order
/// written. A list rather than a map: a text has two or three languages, which a list searches as
/// fast, and it keeps the order the marketer wrote.
#[derive(Clone, Debug, Default)]
pub struct Localised(pub Vec<(String, String)>);

impl Localised {
    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(language, _)| language == key).map(|(_, text)| text.as_str())
    }
}

impl Localised {
    /// The text for a locale: the exact locale (`de-CH`), then its language (`de`), then the
    /// default language; empty only for a text that validation would have refused.
    pub fn get(&self, locale: &str, default_language: &str) -> &str {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        [locale, language, default_language]
            .iter()
            .find_map(|key| self.text(key))
            .or_else(|| self.0.first().map(|(_, text)| text.as_str()))
            .unwrap_or("")
    }
}

/// A localised text needs the default language, so that every shopper sees something.
pub(crate) fn check_text(text: &Localised, path: &str, default_language: &str, problems: &mut Vec<Problem>) {
    if text.text(default_language).is_none() {
        problems.push(Problem::at(
            path,
            why!(
                "missing the default language";
                "missing the default language {} (has {})",
                quoted(default_language),
                if text.0.is_empty() {
                    "none".to_string()
                } else {
                    list(text.0.iter().map(|(language, _)| language.as_str()))
                }
            ),
        ));
    }
    for (language, value) in &text.0 {
        if value.trim().is_empty() {
            problems.push(Problem::at(format!("{path}.{language}"), "text is empty"));
        }
    }
}

/// A loose BCP 47 check: letters, digits and hyphens, starting with a 2–3 letter language. `Intl`
/// does the real work; this only catches values that are clearly not a language at all.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|part| (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The languages the card's own words exist in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// German.
    De,
    /// English, the fallback.
    En,
}

impl Language {
    /// The language for a locale such as `de-DE`; English for any language Patron does not speak yet.
    pub fn for_locale(locale: &str) -> Language {
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("de") {
            Language::De
        } else {
            Language::En
        }
    }
}

impl Decode for Localised {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Localised> {
        let Value::Object(map) = value else {
            return d.expected(path, "an object of texts by language, such as {\"de\": \"…\", \"en\": \"…\"}", value);
        };
        let mut texts = Vec::with_capacity(map.len());
        let mut complete = true;
        for (language, text) in map {
            match String::decode(text, &child(path, language), d) {
                Some(text) => texts.push((language.clone(), text)),
                None => complete = false,
            }
        }
        complete.then_some(Localised(texts))
    }
}
