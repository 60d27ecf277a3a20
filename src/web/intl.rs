//! The browser's `Intl` as a [`Formatter`], so the widget formats money, numbers, dates and plurals
//! exactly as the shopper's browser does for their locale.
//!
//! The constructors are bound here with `catch` rather than taken from js-sys, whose stable bindings
//! let the `RangeError` of a malformed locale tag escape: a bad `lang` attribute on the host page must
//! fall back to English, not throw out of the widget.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::host::{remembered, Last};
use crate::format::{Formatter, Plural};
use crate::money::Money;
use crate::time::Date;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
}

// A formatter's `format` (or a PluralRules' `select`) of a number, or None where the page replaced
// the method with one that throws. One import for the three: a `catch` binding per method cost 200
// bytes gzipped more (2026-11-28).
#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    fn formatted(formatter: &JsValue, value: f64) -> Option<String>;
}

/// Formatting through `Intl` for one locale and currency.
///
/// Only the money formatter is made up front, because it proves the locale and the currency; the
/// others are made on first use with the locale it accepted. The first widget on a page then pays
/// only for the formatters it shows (a banner with a money reward needs no date formatter), and
/// each formatter costs up to a few milliseconds the first time a page makes one.
pub(crate) struct IntlFormatter {
    locale: String,
    currency: String,
    money: NumberFormat,
    number: OnceCell<Option<NumberFormat>>,
    percent: OnceCell<Option<NumberFormat>>,
    date: OnceCell<Option<DateTimeFormat>>,
    plural: OnceCell<Option<PluralRules>>,
}

thread_local! {
    /// The formatters last made, with their locale and currency: every widget on a page formats for
    /// the same shopper, and making five formatters costs more than rendering a card.
    static LAST: Last<(String, String), IntlFormatter> = const { RefCell::new(None) };
}

/// Formatters for `locale` and `currency`, made once and shared while they stay the same.
///
/// # Errors
/// As [`IntlFormatter::new`].
pub(crate) fn shared(locale: &str, currency: &str) -> Result<Rc<IntlFormatter>, JsValue> {
    remembered(&LAST, (locale.to_string(), currency.to_string()), |(locale, currency)| {
        IntlFormatter::new(locale, currency).map(Rc::new)
    })
}

impl IntlFormatter {
    /// Formatters for `locale`, or for `en-GB` when the browser refuses the locale or the currency.
    ///
    /// # Errors
    /// The browser's exception when even en-GB cannot be formatted (no `Intl` at all).
    pub(crate) fn new(locale: &str, currency: &str) -> Result<IntlFormatter, JsValue> {
        Self::try_new(locale, currency).or_else(|_| Self::try_new("en-GB", currency))
    }

    fn try_new(locale: &str, currency: &str) -> Result<IntlFormatter, JsValue> {
        Ok(IntlFormatter {
            money: NumberFormat::new(locale, &options(&format!(r#"{{"style":"currency","currency":"{currency}"}}"#)))?,
            locale: locale.to_string(),
            currency: currency.to_string(),
            number: OnceCell::new(),
            percent: OnceCell::new(),
            date: OnceCell::new(),
            plural: OnceCell::new(),
        })
    }

    // The locale has been accepted by the money formatter and the options are constants, so these
    // constructors do not fail in practice; if one ever did, the value is shown unformatted rather
    // than not at all.
    fn number_format(&self) -> Option<&NumberFormat> {
        self.number
            .get_or_init(|| NumberFormat::new(&self.locale, &options(r#"{"maximumFractionDigits":3}"#)).ok())
            .as_ref()
    }

    fn percent_format(&self) -> Option<&NumberFormat> {
        self.percent.get_or_init(|| NumberFormat::new(&self.locale, &options(r#"{"style":"percent"}"#)).ok()).as_ref()
    }

    fn date_format(&self) -> Option<&DateTimeFormat> {
        self.date
            .get_or_init(|| {
                // The civil date is built at UTC midnight, so it must be read back at UTC.
                DateTimeFormat::new(&self.locale, &options(r#"{"dateStyle":"long","timeZone":"UTC"}"#)).ok()
            })
            .as_ref()
    }
}

/// The decimal digit for `n`, which is below 10.
fn digit(n: u64) -> char {
    char::from(b'0' + n as u8)
}

// The options object from JSON text: JSON.parse is imported already, and setting fields one by one
// took two imports more. The texts are constants, or hold a currency code (three capital letters).
fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or_default()
}

// A page may have replaced a formatting method with one that throws; every value is then shown
// plainly ("12.50 EUR", "1240", "2026-12-02") rather than not at all.
impl Formatter for IntlFormatter {
    fn money(&self, amount: Money) -> String {
        formatted(&self.money, amount.units()).unwrap_or_else(|| {
            // "12.50 EUR", digit by digit: `format!` would download the formatting of integers for
            // this case alone (295 bytes before gzip, 2026-11-28). Amounts shown are never negative.
            let minor = amount.minor().unsigned_abs();
            let mut text = (minor / 100).to_string();
            for c in ['.', digit(minor % 100 / 10), digit(minor % 10), ' '] {
                text.push(c);
            }
            text + &self.currency
        })
    }

    fn number(&self, value: f64) -> String {
        // Rounded in the fallback: formatting an f64 in Rust adds 9.0 KB gzipped to the shipped
        // package (measured: the book, internals/architecture.md, "Checking what code costs").
        self.number_format()
            .and_then(|format| formatted(format, value))
            .unwrap_or_else(|| (value.round() as i64).to_string())
    }

    fn percent(&self, value: u8) -> String {
        self.percent_format()
            .and_then(|format| formatted(format, f64::from(value) / 100.0))
            .unwrap_or_else(|| format!("{value} %"))
    }

    fn date(&self, date: Date) -> String {
        let millis = date.days_since_epoch() as f64 * 86_400_000.0;
        // DateTimeFormat's format takes a moment as milliseconds since 1970, as it takes a Date.
        self.date_format().and_then(|format| formatted(format, millis)).unwrap_or_else(|| date.to_string())
    }

    fn plural(&self, count: u64) -> Plural {
        let rules = self.plural.get_or_init(|| PluralRules::new(&self.locale).ok());
        match rules.as_ref().and_then(|rules| formatted(rules, count as f64)) {
            Some(category) if category != "one" => Plural::Other,
            Some(_) => Plural::One,
            // German and English, the widget's languages, agree on this.
            None if count == 1 => Plural::One,
            None => Plural::Other,
        }
    }
}
