//! What the browser layer asks of the page: the element script's functions (element.js), the
//! shopper's clock and the page's language, the console, and the one-per-page memo every widget of a
//! page shares. Every other module of `web/` may use it; it uses none of them.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::time::Timestamp;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    pub(super) fn define_element(name: &str, render: &JsValue, widgets: u32) -> bool;
    pub(super) fn wire(host: &HtmlElement);
    #[wasm_bindgen(js_name = rememberOptions)]
    pub(super) fn remember_options(host: &HtmlElement, options: &JsValue);
    #[wasm_bindgen(js_name = optionsOf)]
    pub(super) fn options_of(host: &HtmlElement) -> JsValue;
    #[wasm_bindgen(js_name = loadText)]
    pub(super) fn load_text(url: &str, host: &HtmlElement) -> JsValue;
    // The document without web-sys's window(), whose search for the global object costs four
    // imports and their glue.
    pub(super) fn page() -> Option<web_sys::Document>;
    #[wasm_bindgen(js_name = setStyles)]
    pub(super) fn set_styles(css: &str);
    pub(super) fn clear(host: &HtmlElement);
    // The session given to update(), kept by the page rather than by this module: the page's other
    // Patron module, when it takes over, must see it too.
    #[wasm_bindgen(js_name = sessionOverride)]
    pub(super) fn session_override() -> JsValue;
    #[wasm_bindgen(js_name = setSessionOverride)]
    pub(super) fn set_session_override(session: &JsValue, from_page: bool);
    // `placement` "recommendations", "rewards", or "lenient" for the recovery module.
    #[cfg(not(feature = "lenient"))]
    #[wasm_bindgen(js_name = awaitModule)]
    pub(super) fn await_module(host: &HtmlElement, placement: &str) -> bool;
    // Whether npm/patron.js can load another module (the recovery module, for update()).
    #[cfg(not(feature = "lenient"))]
    pub(super) fn recoverable() -> bool;
    // The session in force with `cart` in place of its own, in a new object; a string says why
    // there is no session to change.
    #[wasm_bindgen(js_name = withCart)]
    pub(super) fn with_cart(cart: &JsValue) -> JsValue;
    // A JavaScript exception's message, or its string form.
    pub(super) fn describe(error: &JsValue) -> String;
    // Logs one warning through console.warn, prefixed with "patron: " and once per page; a page may
    // have removed console.warn or replaced it with one that throws.
    #[wasm_bindgen(js_name = say)]
    pub(super) fn warn(message: &str);
    // Removes every key Patron keeps in localStorage (js/storage.js); storage that throws holds none.
    #[wasm_bindgen(js_name = forgetStored)]
    pub(super) fn forget_stored();
    // What Patron left out of a document (js/helpers.js `problems`): path, reason and cost, three
    // by three, each followed by U+001F.
    #[cfg(feature = "lenient")]
    #[wasm_bindgen(js_name = problems)]
    pub(super) fn report_problems(host: &HtmlElement, document: &str, flat: &str);
}

/// The shopper's clock, with their UTC offset so that "today" is their day.
pub(super) fn clock() -> Timestamp {
    let now = js_sys::Date::new_0();
    let seconds = (now.get_time() / 1000.0).floor() as i64;
    // getTimezoneOffset is minutes *behind* UTC (-60 in Berlin in winter).
    Timestamp::from_unix(seconds, -(now.get_timezone_offset() as i16))
}

pub(super) fn page_language() -> Option<String> {
    let lang = page()?.document_element()?.get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

/// The last value made, with the key it was made from: one per page is enough, since every widget
/// on a page shows the same shopper with the same config.
pub(super) type Last<K, T> = std::cell::RefCell<Option<(K, std::rc::Rc<T>)>>;

/// The value for `key`: the remembered one when `key` is the one it was made from, else `make`'s,
/// which is remembered in its place (a failure is not).
pub(super) fn remembered<K: PartialEq, T, E>(
    last: &'static std::thread::LocalKey<Last<K, T>>,
    key: K,
    make: impl FnOnce(&K) -> Result<std::rc::Rc<T>, E>,
) -> Result<std::rc::Rc<T>, E> {
    let hit = last.with(|last| last.borrow().as_ref().filter(|(seen, _)| *seen == key).map(|(_, value)| value.clone()));
    if let Some(value) = hit {
        return Ok(value);
    }
    let value = make(&key)?;
    last.with(|last| *last.borrow_mut() = Some((key, value.clone())));
    Ok(value)
}

// The element scripts' own modules (src/web/js/), which element.js and the widgets' scripts import.
// wasm-bindgen copies a script into its output only when the module names it, and the browser tests
// load the scripts from there as they are (scripts/build.sh bundles them into the glue): an import
// of one export each names them. The module never calls them, so no build carries them.
macro_rules! scripts {
    ($($path:tt $export:tt $name:ident;)*) => {$(
        #[wasm_bindgen(module = $path)]
        extern "C" {
            #[wasm_bindgen(js_name = $export)]
            #[allow(dead_code)]
            fn $name();
        }
    )*};
}
scripts! {
    "/src/web/js/state.js" shared state_js;
    "/src/web/js/helpers.js" say helpers_js;
    "/src/web/js/schedule.js" schedule schedule_js;
    "/src/web/js/fetch.js" loadText fetch_js;
    "/src/web/js/shadow.js" build shadow_js;
    "/src/web/js/element.js" define element_js;
    "/src/web/js/handover.js" defineElement handover_js;
    "/src/web/js/tape.js" jsonTape tape_js;
    "/src/web/js/events.js" dispatch events_js;
    "/src/web/js/storage.js" forgetStored storage_js;
}
