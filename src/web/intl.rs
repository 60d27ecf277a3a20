//! The browser's `Intl` as a [`Formatter`], so the widget formats money, numbers, dates and plurals
//! exactly as the shopper's browser does for their locale.
//!
//! The constructors are bound here with `catch` rather than taken from js-sys, whose stable bindings
//! let the `RangeError` of a malformed locale tag escape: a bad `lang` attribute on the host page must
//! fall back to English, not throw out of the widget.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
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
    fn new(locale: &str, options: &Object) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "NumberFormat", catch)]
    fn format(this: &NumberFormat, value: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat", catch)]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method, js_class = "PluralRules", catch)]
    fn select(this: &PluralRules, count: f64) -> Result<String, JsValue>;
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
            money: NumberFormat::new(locale, &options(&[("style", "currency"), ("currency", currency)]))?,
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
            .get_or_init(|| NumberFormat::new(&self.locale, &options(&[("maximumFractionDigits", "3")])).ok())
            .as_ref()
    }

    fn percent_format(&self) -> Option<&NumberFormat> {
        self.percent.get_or_init(|| NumberFormat::new(&self.locale, &options(&[("style", "percent")])).ok()).as_ref()
    }

    fn date_format(&self) -> Option<&DateTimeFormat> {
        self.date
            .get_or_init(|| {
                // The civil date is built at UTC midnight, so it must be read back at UTC.
                DateTimeFormat::new(&self.locale, &options(&[("dateStyle", "long"), ("timeZone", "UTC")])).ok()
            })
            .as_ref()
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

// A page may have replaced a formatting method with one that throws; every value is then shown
// plainly ("12.50 EUR", "1240", "2026-12-02") rather than not at all.
impl Formatter for IntlFormatter {
    fn money(&self, amount: Money) -> String {
        self.money.format(amount.units()).unwrap_or_else(|_| format!("{amount} {}", self.currency))
    }

    fn number(&self, value: f64) -> String {
        // Rounded in the fallback: formatting an f64 in Rust adds 9.0 KB gzipped to the shipped
        // package (measured: README, "Checking what code costs").
        self.number_format()
            .and_then(|format| format.format(value).ok())
            .unwrap_or_else(|| (value.round() as i64).to_string())
    }

    fn percent(&self, value: u8) -> String {
        self.percent_format()
            .and_then(|format| format.format(f64::from(value) / 100.0).ok())
            .unwrap_or_else(|| format!("{value} %"))
    }

    fn date(&self, date: Date) -> String {
        let millis = date.days_since_epoch() as f64 * 86_400_000.0;
        self.date_format()
            .and_then(|format| format.format(&js_sys::Date::new(&JsValue::from_f64(millis))).ok())
            .unwrap_or_else(|| date.to_string())
    }

    fn plural(&self, count: u64) -> Plural {
        let rules = self.plural.get_or_init(|| PluralRules::new(&self.locale).ok());
        match rules.as_ref().and_then(|rules| rules.select(count as f64).ok()) {
            Some(category) if category != "one" => Plural::Other,
            Some(_) => Plural::One,
            // German and English, the widget's languages, agree on this.
            None if count == 1 => Plural::One,
            None => Plural::Other,
        }
    }
}
