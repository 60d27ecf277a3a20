//! The browser layer: the `<patron-widget>` element, the `mount` and `refresh` exports, and the only
//! code that touches wasm-bindgen, web-sys and js-sys. Everything it shows is computed by the core.
//!
//! Nothing here may throw into the host page: every entry point catches its errors, logs one
//! `console.warn` naming the problem and its JSON path, and renders the non-personalised fallback
//! (or nothing).

mod card;
mod intl;
mod json;
mod source;

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::loyalty::{self, Card, Language};
use crate::{Config, Session, Timestamp};
use source::Sources;

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The custom element's tag name.
pub const TAG: &str = "patron-widget";

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(name: &str, render: &JsValue) -> bool;
}

/// Runs when the module is instantiated: reports panics and defines `<patron-widget>`.
#[wasm_bindgen(start)]
pub fn start() {
    install_panic_hook();
    define();
}

/// Defines `<patron-widget>` once per page; later calls do nothing.
pub fn define() {
    thread_local!(static DEFINED: Cell<bool> = const { Cell::new(false) });
    if DEFINED.with(|defined| defined.replace(true)) {
        return;
    }
    // The callback lives as long as the element class, which is as long as the page: it is handed
    // to JavaScript for good rather than dropped.
    let render = Closure::<dyn Fn(HtmlElement)>::new(|element: HtmlElement| {
        wasm_bindgen_futures::spawn_local(render_element(element));
    })
    .into_js_value();
    define_element(TAG, &render);
}

fn install_panic_hook() {
    // A panic aborts the module; without this hook the widget would just go blank with a bare
    // "unreachable" trap. With it, the console says what happened.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("patron: internal error, please report it: {info}")));
    }));
}

/// Options for [`mount`], as a JavaScript object.
///
/// `config` and `session` are JSON text or plain objects; `configSrc` is a same-origin URL to fetch
/// the config from; `locale` overrides the page's language.
#[wasm_bindgen(typescript_custom_section)]
const MOUNT_OPTIONS: &str = r#"
/** Options for `mount`. */
export interface MountOptions {
  /** The marketer's config, as JSON text or an object. */
  config?: string | object;
  /** A same-origin URL to fetch the config from, when `config` is not given. */
  configSrc?: string;
  /** The session document, as JSON text or an object; omitted for a guest. */
  session?: string | object;
  /** A BCP 47 locale such as "de-DE"; defaults to the session's, then `<html lang>`. */
  locale?: string;
}
"#;

/// Renders the loyalty card into `element`'s shadow root from explicit options, for pages that do
/// not use the `<patron-widget>` element. Never rejects: problems are logged with `console.warn`.
#[wasm_bindgen]
pub async fn mount(element: HtmlElement, options: JsValue) {
    let sources = Sources::from_options(&options);
    render_with(&element, sources).await;
}

/// Re-renders every `<patron-widget>` on the page, for example after the page replaced the embedded
/// session (sign-in, cart change).
#[wasm_bindgen]
pub fn refresh() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(elements) = document.query_selector_all(TAG) else { return };
    for i in 0..elements.length() {
        if let Some(element) = elements.item(i).and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
            wasm_bindgen_futures::spawn_local(render_element(element));
        }
    }
}

async fn render_element(element: HtmlElement) {
    let sources = Sources::from_element(&element);
    render_with(&element, sources).await;
}

thread_local! {
    /// The latest render started for each element, so that a slow render (a config still being
    /// fetched) never overwrites a newer one (the shopper switched language meanwhile).
    static LATEST: (js_sys::WeakMap, Cell<f64>) = (js_sys::WeakMap::new(), Cell::new(0.0));
}

/// Marks a new render of `element` and returns its number.
fn begin_render(element: &HtmlElement) -> f64 {
    LATEST.with(|(latest, counter)| {
        let ticket = counter.get() + 1.0;
        counter.set(ticket);
        latest.set(element, &JsValue::from_f64(ticket));
        ticket
    })
}

/// Whether `ticket` is still the latest render of `element`.
fn is_latest(element: &HtmlElement, ticket: f64) -> bool {
    LATEST.with(|(latest, _)| latest.get(element).as_f64() == Some(ticket))
}

async fn render_with(element: &HtmlElement, sources: Sources) {
    let ticket = begin_render(element);
    let config = sources.config().await;
    if !is_latest(element, ticket) {
        return;
    }
    let config = match config.and_then(|value| Config::from_value(&value).map_err(|e| e.to_string())) {
        Ok(config) => config,
        Err(message) => {
            // Without a programme there is nothing to show, not even the generic card.
            warn(&message);
            card::clear(element);
            return;
        }
    };
    let session = match sources.session().and_then(|value| match value {
        Some(value) => Session::from_value(&value).map(Some).map_err(|e| e.to_string()),
        None => Ok(None),
    }) {
        Ok(session) => session,
        Err(message) => {
            warn(&format!("{message}; showing the programme without personal data"));
            None
        }
    };
    let candidates = [
        ("the locale attribute", sources.locale.clone()),
        ("the session's locale", session.as_ref().and_then(|s| s.locale.clone())),
        ("<html lang>", page_language()),
    ];
    let locale = candidates
        .into_iter()
        .filter_map(|(source, locale)| locale.map(|locale| (source, locale)))
        .find(|(source, locale)| {
            // A page's lang attribute can hold anything; one bad value must not mix languages.
            let usable = crate::session::is_language_tag(locale);
            if !usable {
                warn(&format!(
                    "{source} {} is not a language tag such as \"de-DE\"; ignoring it",
                    crate::json::quoted(locale)
                ));
            }
            usable
        })
        .map_or_else(|| config.default_language.clone(), |(_, locale)| locale);
    let card = match &session {
        Some(session) => {
            let now = session.now.unwrap_or_else(clock);
            loyalty::card(session, &config, now, &locale).unwrap_or_else(|error| {
                warn(&format!("{error}; showing the programme without personal data"));
                Card::Programme(loyalty::programme_card(&config, &locale))
            })
        }
        None => Card::Programme(loyalty::programme_card(&config, &locale)),
    };
    let currency = session.as_ref().map_or(config.programme.currency.code(), |s| s.currency.code());
    let format = match intl::IntlFormatter::new(&locale, currency) {
        Ok(format) => format,
        Err(_) => {
            warn("the browser has no Intl support; the loyalty card needs it");
            return;
        }
    };
    let text = loyalty::card_text(&card, Language::for_locale(&locale), &format);
    if let Err(error) = card::render(element, &text) {
        warn(&format!("could not render the loyalty card: {}", describe(&error)));
    }
}

/// The shopper's clock, with their UTC offset so that "today" is their day.
fn clock() -> Timestamp {
    let now = js_sys::Date::new_0();
    let seconds = (now.get_time() / 1000.0).floor() as i64;
    // getTimezoneOffset is minutes *behind* UTC (-60 in Berlin in winter).
    Timestamp::from_unix(seconds, -(now.get_timezone_offset() as i16))
}

fn page_language() -> Option<String> {
    let lang = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

/// Logs one warning, prefixed so a developer can filter the console for it.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("patron: {message}")));
}

/// A JavaScript exception's message, or its string form.
pub(crate) fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
