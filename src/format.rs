//! Formatting numbers, money, dates and plurals for a locale: the [`Formatter`] every text is
//! written through, and [`PlainFormatter`], the command line's. The widget formats with the
//! browser's `Intl` (`web/intl.rs`); `PlainFormatter` is written to match what `Intl` prints for
//! de-DE, en-GB and en-US (including its no-break spaces), so that `patron render` shows exactly what
//! the widget shows.

use crate::money::Money;
use crate::time::Date;

/// Locale-aware formatting of the values the texts carry.
pub trait Formatter {
    /// An amount in the session's currency: `1.240,00 €` (de-DE), `€1,240.00` (en-GB).
    fn money(&self, amount: Money) -> String;
    /// A number with grouping: `1.240` (de-DE), `1,240` (en).
    fn number(&self, value: f64) -> String;
    /// A whole percentage: `62 %` (de-DE), `62%` (en).
    fn percent(&self, value: u8) -> String;
    /// A date in words: `2. Dezember 2026` (de-DE), `2 December 2026` (en-GB).
    fn date(&self, date: Date) -> String;
    /// The plural category of a count, as `Intl.PluralRules` names it.
    fn plural(&self, count: u64) -> Plural;
}

/// Plural categories (CLDR); German and English use only `One` and `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// Singular.
    One,
    /// Everything else.
    Other,
}

const NBSP: char = '\u{a0}';

/// Formatting for one locale and currency without the browser.
#[derive(Clone, Debug)]
pub struct PlainFormatter {
    german: bool,
    us: bool,
    currency: String,
}

impl PlainFormatter {
    /// A formatter for `locale` (`de…` formats the German way, anything else the English way) and an
    /// ISO 4217 currency code.
    pub fn new(locale: &str, currency: &str) -> PlainFormatter {
        let mut parts = locale.split(['-', '_']);
        let language = parts.next().unwrap_or_default().to_ascii_lowercase();
        let region = parts.next().unwrap_or_default().to_ascii_uppercase();
        PlainFormatter {
            german: language == "de",
            us: language == "en" && region == "US",
            currency: currency.to_string(),
        }
    }

    fn group(&self, whole: u64) -> String {
        let digits = whole.to_string();
        let separator = if self.german { '.' } else { ',' };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            // Intl's de-DE leaves four-digit numbers ungrouped only in some styles; amounts and counts
            // are grouped from 1.000 on, as here.
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }
}

impl Formatter for PlainFormatter {
    fn money(&self, amount: Money) -> String {
        let minor = amount.minor().unsigned_abs();
        let decimal = if self.german { ',' } else { '.' };
        let number = format!("{}{decimal}{:02}", self.group(minor / 100), minor % 100);
        let sign = if amount.minor() < 0 { "-" } else { "" };
        let symbol = match self.currency.as_str() {
            "EUR" => "€",
            "GBP" => "£",
            "USD" if self.us => "$",
            "USD" => "US$",
            "CHF" => "CHF",
            other => other,
        };
        if self.german {
            format!("{sign}{number}{NBSP}{symbol}")
        } else if symbol.chars().all(char::is_alphabetic) {
            format!("{sign}{symbol}{NBSP}{number}")
        } else {
            format!("{sign}{symbol}{number}")
        }
    }

    fn number(&self, value: f64) -> String {
        let rounded = (value * 1000.0).round() / 1000.0;
        let whole = rounded.trunc().abs() as u64;
        let mut text = self.group(whole);
        let fraction = ((rounded.abs() - whole as f64) * 1000.0).round() as u64;
        if fraction > 0 {
            let digits = format!("{fraction:03}");
            text.push(if self.german { ',' } else { '.' });
            text.push_str(digits.trim_end_matches('0'));
        }
        if rounded < 0.0 {
            text.insert(0, '-');
        }
        text
    }

    fn percent(&self, value: u8) -> String {
        if self.german {
            format!("{value}{NBSP}%")
        } else {
            format!("{value}%")
        }
    }

    fn date(&self, date: Date) -> String {
        const DE: [&str; 12] = [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = usize::from(date.month().saturating_sub(1));
        let name = |names: &[&'static str; 12]| names.get(month).copied().unwrap_or_default();
        if self.german {
            format!("{}. {} {}", date.day(), name(&DE), date.year())
        } else if self.us {
            format!("{} {}, {}", name(&EN), date.day(), date.year())
        } else {
            format!("{} {} {}", date.day(), name(&EN), date.year())
        }
    }

    fn plural(&self, count: u64) -> Plural {
        if count == 1 {
            Plural::One
        } else {
            Plural::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_intl_for_the_supported_locales() {
        let de = PlainFormatter::new("de-DE", "EUR");
        assert_eq!(de.money(Money::from_minor(124_000)), "1.240,00\u{a0}€");
        assert_eq!(de.number(1240.0), "1.240");
        assert_eq!(de.number(0.5), "0,5");
        assert_eq!(de.percent(62), "62\u{a0}%");
        assert_eq!(de.date(Date::parse("2026-12-02").unwrap()), "2. Dezember 2026");
        let gb = PlainFormatter::new("en-GB", "EUR");
        assert_eq!(gb.money(Money::from_minor(124_000)), "€1,240.00");
        assert_eq!(gb.number(1_234_567.0), "1,234,567");
        assert_eq!(gb.date(Date::parse("2026-12-02").unwrap()), "2 December 2026");
        let us = PlainFormatter::new("en-US", "USD");
        assert_eq!(us.money(Money::from_minor(99)), "$0.99");
        assert_eq!(us.date(Date::parse("2026-12-02").unwrap()), "December 2, 2026");
    }
}
