//! The browser's `Intl` as a [`Formatter`], so the widget formats money, numbers, dates and plurals
//! exactly as the shopper's browser does for their locale.
//!
//! The constructors are bound here with `catch` rather than taken from js-sys, whose stable bindings
//! let the `RangeError` of a malformed locale tag escape: a bad `lang` attribute on the host page must
//! fall back to English, not throw out of the widget.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{remembered, Last};
use crate::loyalty::{Formatter, Plural};
use crate::{Date, Money};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str, options: &Object) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "NumberFormat")]
    fn format(this: &NumberFormat, value: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method, js_class = "PluralRules")]
    fn select(this: &PluralRules, count: f64) -> String;
}

/// Formatting through `Intl` for one locale and currency.
pub(crate) struct IntlFormatter {
    money: NumberFormat,
    number: NumberFormat,
    percent: NumberFormat,
    date: DateTimeFormat,
    plural: PluralRules,
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
            number: NumberFormat::new(locale, &options(&[("maximumFractionDigits", "3")]))?,
            percent: NumberFormat::new(locale, &options(&[("style", "percent")]))?,
            // The civil date is built at UTC midnight, so it must be read back at UTC.
            date: DateTimeFormat::new(locale, &options(&[("dateStyle", "long"), ("timeZone", "UTC")]))?,
            plural: PluralRules::new(locale)?,
        })
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

impl Formatter for IntlFormatter {
    fn money(&self, amount: Money) -> String {
        self.money.format(amount.units())
    }

    fn number(&self, value: f64) -> String {
        self.number.format(value)
    }

    fn percent(&self, value: u8) -> String {
        self.percent.format(f64::from(value) / 100.0)
    }

    fn date(&self, date: Date) -> String {
        let millis = date.days_since_epoch() as f64 * 86_400_000.0;
        self.date.format(&js_sys::Date::new(&JsValue::from_f64(millis)))
    }

    fn plural(&self, count: u64) -> Plural {
        if self.plural.select(count as f64) == "one" {
            Plural::One
        } else {
            Plural::Other
        }
    }
}
