//! The browser layer: the `<patron-widget>` element, the `mount` and `refresh` exports, and the only
//! code that touches wasm-bindgen, web-sys and js-sys. Everything it shows is computed by the core.
//!
//! Nothing here may throw into the host page: every entry point catches its errors, logs one
//! `console.warn` naming the problem and its JSON path, and renders the non-personalised fallback
//! (or nothing).

#[cfg(feature = "banners")]
mod banner;
mod card;
mod host;
mod intl;
mod json;
#[cfg(feature = "playground")]
mod playground;
#[cfg(feature = "recommendations")]
mod recs;
#[cfg(feature = "rewards")]
mod rewards;
mod source;
#[cfg(feature = "banners")]
mod storage;
mod view;

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::config::Config;
use crate::language::{is_language_tag, Language};
use crate::loyalty::{self, Card};
#[cfg(feature = "banners")]
use crate::offers::{self, Outcome};
use crate::session::Session;
use crate::time::Timestamp;
use crate::words::quoted;
use host::{
    clear, clock, define_element, describe, options_of, page, page_language, remember_options, set_styles, warn, wire,
};
use source::Sources;

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The custom element's tag name.
pub const TAG: &str = "patron-widget";

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
    set_styles(card::STYLES);
    let render = Closure::<dyn Fn(HtmlElement)>::new(|element: HtmlElement| render_element(&element)).into_js_value();
    // What this module renders beyond the card and the banners: a module takes over the page's
    // widgets only from one that renders no more than it does (element.js).
    // The recovery module renders every widget, and leniently (4): it takes over from any other.
    let widgets = u32::from(cfg!(feature = "recommendations"))
        | u32::from(cfg!(feature = "rewards")) << 1
        | u32::from(cfg!(feature = "lenient")) << 2;
    define_element(TAG, &render, widgets);
}

fn install_panic_hook() {
    // A panic aborts the module; without this hook the widget would just go blank with a bare
    // "unreachable" trap. With it, the console says what happened.
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        web_sys::console::error_1(&JsValue::from_str(&format!("patron: internal error{place}, please report it")));
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
  /** What to render: "loyalty" (the default) or the offer banners of a placement such as "top". */
  placement?: string;
}
"#;

/// Renders the loyalty card, or a placement's offer banners, into `element`'s shadow root from
/// explicit options, for pages that do not use the `<patron-widget>` element. With `configSrc` it
/// renders once the config has arrived. Never throws: problems are logged with `console.warn`.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) {
    // Whatever an application passes: null, a text node, a component instance, a string.
    let Ok(element) = element.dyn_into::<HtmlElement>() else {
        return warn("mount(): the first argument is not an HTML element");
    };
    if !options.is_object() {
        return warn("mount(): the options are not an object");
    }
    wire(&element);
    remember_options(&element, &options);
    render_element(&element);
}

/// Replaces the session of every widget on the page and renders them again: after sign-in, sign-out
/// or a route change in a single-page app. `session` is a session object or JSON text; `null` goes
/// back to the session embedded in the page. A broken session is reported with `console.warn` and
/// changes nothing.
#[wasm_bindgen]
pub fn update(#[wasm_bindgen(unchecked_param_type = "object | string | null")] session: JsValue) {
    if session.is_null() || session.is_undefined() {
        source::set_override(None, true);
    } else if let Err(message) = check_session(&session) {
        warn(&format!("update(): {message}"));
        return;
    } else {
        source::set_override(Some(session), true);
    }
    refresh();
}

/// Replaces the cart of the session in force and renders every widget again: what the page's
/// `patron:cart-updated` event does (its `detail` is the cart, `{"lines": [...]}`).
#[wasm_bindgen(js_name = updateCart)]
pub fn update_cart(cart: JsValue) {
    let changed = host::with_cart(&cart);
    if let Some(problem) = changed.as_string() {
        return warn(&format!("patron:cart-updated: {problem}"));
    }
    match check_session(&changed) {
        Ok(()) => {
            source::set_override(Some(changed), false);
            refresh();
        }
        Err(message) => warn(&format!("patron:cart-updated: {message}")),
    }
}

/// A JavaScript value copied into the core's JSON as every document an application hands the widget
/// is copied: public for the browser tests' property test of that copy, and not exported to pages.
#[doc(hidden)]
pub fn copy_value(value: &JsValue) -> Result<crate::json::Value, String> {
    json::from_js(value)
}

/// Whether a session (object or JSON text) reads, before it replaces the one in force; the message
/// says why not, as for an embedded one ("session is invalid: …"). One with a problem that the
/// recovery module can leave out is taken: rendering it hands the page over (source.rs).
fn check_session(session: &JsValue) -> Result<(), String> {
    let value = match session.as_string() {
        Some(text) => json::parse(&text),
        None => json::from_js(session),
    };
    match source::decode_session(value, None) {
        Err(message) if !message.is_empty() => Err(message),
        _ => Ok(()),
    }
}

/// Re-renders every `<patron-widget>` on the page, for example after the page replaced the embedded
/// session (sign-in, cart change).
#[wasm_bindgen]
pub fn refresh() {
    let Some(document) = page() else { return };
    let Ok(elements) = document.query_selector_all(TAG) else { return };
    for i in 0..elements.length() {
        if let Some(element) = elements.item(i).and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
            render_element(&element);
        }
    }
}

/// Renders one widget from its attributes, or from the options it was mounted with.
fn render_element(element: &HtmlElement) {
    let options = options_of(element);
    let sources = if options.is_undefined() { Sources::from_element(element) } else { Sources::from_options(&options) };
    let config = match sources.config(element) {
        Some(config) => config,
        // Still on its way: the element renders again when it arrives.
        None => return,
    };
    let config = match config {
        Ok(config) => config,
        // Waiting for the recovery module, which renders it (source.rs).
        Err(message) if message.is_empty() => return,
        Err(message) => {
            // Without a programme there is nothing to show, not even the generic card.
            warn(&message);
            clear(element);
            return;
        }
    };
    // A session Patron cannot use contributes nothing anywhere on the page: not to the card, the
    // banners, the carousel or the panel, and not to how amounts are formatted.
    let session = match sources.session(element) {
        Ok(session) => session.filter(|session| match loyalty::same_currency(session, &config.programme) {
            Ok(()) => true,
            Err(error) => {
                warn(&format!("{error}; showing the programme without personal data"));
                false
            }
        }),
        // Waiting for the recovery module: a signed-in shopper is not shown a sign-in prompt
        // because of a problem in one part of their session.
        Err(message) if message.is_empty() => return,
        Err(message) => {
            warn(&format!("{message}; showing the programme without personal data"));
            None
        }
    };
    // A session that says the shopper does not (or no longer) consents to personalisation: what
    // Patron remembered with their consent goes now, not at the next dismissal (the book, integrate/privacy.md, "What Patron
    // stores"). A session Patron could not read says nothing of consent, and nothing is removed.
    if session.as_ref().is_some_and(|session| !session.consent.personalisation) {
        host::forget_stored();
    }
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
            let usable = is_language_tag(locale);
            if !usable {
                warn(&format!("{source} {} is not a language tag such as \"de-DE\"; ignoring it", quoted(locale)));
            }
            usable
        })
        .map_or_else(|| config.default_language.clone(), |(_, locale)| locale);
    let format = match intl::shared(&locale, config.programme.currency.code()) {
        Ok(format) => format,
        Err(_) => {
            warn("the browser has no Intl support; the widget needs it");
            return;
        }
    };
    let format = &*format;
    let language = Language::for_locale(&locale);
    let now = session.as_ref().and_then(|s| s.now).unwrap_or_else(clock);
    match sources.placement.as_deref() {
        // Without its programme's core (issue 32) the card and the panel are hidden; the console
        // and `patron:config-problem` have said why.
        None | Some("loyalty") if !config.programme_usable => clear(element),
        None | Some("loyalty") => render_card(element, session.as_deref(), &config, now, &locale, format, language),
        #[cfg(feature = "recommendations")]
        Some("recommendations") => {
            let Some(url) = sources.model.as_deref() else {
                warn("placement \"recommendations\" needs model-src=\"URL\" (a model from `patron model build`)");
                clear(element);
                return;
            };
            let model = match recs::model(url, element) {
                None => return,
                Some(Ok(model)) => model,
                Some(Err(message)) => {
                    warn(&message);
                    clear(element);
                    return;
                }
            };
            let session =
                session.unwrap_or_else(|| std::rc::Rc::new(Session::guest(config.programme.currency.clone())));
            // Twelve fill two rows of six on a wide page; at most 50, which nobody scrolls past.
            let count = sources.count.unwrap_or(12).clamp(1, 50);
            if let Err(error) =
                recs::recommend_and_render(element, &model, &session, &config, now, count, language, format)
            {
                warn(&format!("could not render the recommendations: {}", describe(&error)));
            }
        }
        #[cfg(feature = "rewards")]
        Some("rewards") if !config.programme_usable => clear(element),
        #[cfg(feature = "rewards")]
        Some("rewards") => {
            let session =
                session.unwrap_or_else(|| std::rc::Rc::new(Session::guest(config.programme.currency.clone())));
            if let Err(error) = rewards::render(element, &session, &config, now, &locale, language, format) {
                warn(&format!("could not render the rewards panel: {}", describe(&error)));
            }
        }
        // A module without the widget: the page's entry loads one with it, which renders it.
        #[cfg(not(feature = "recommendations"))]
        Some("recommendations") => await_module(element, "recommendations"),
        #[cfg(not(feature = "rewards"))]
        Some("rewards") => await_module(element, "rewards"),
        #[cfg(feature = "banners")]
        Some(placement) => {
            let session =
                session.unwrap_or_else(|| std::rc::Rc::new(Session::guest(config.programme.currency.clone())));
            render_banners(element, placement, &session, &config, now, &locale, format, language);
        }
        #[cfg(not(feature = "banners"))]
        Some(placement) => {
            warn(&format!(
                "placement {} shows offer banners, which this build of Patron does not include yet",
                quoted(placement)
            ));
            clear(element);
        }
    }
}

/// Hands `element` to a module that renders its placement (npm/patron.js loads it).
#[cfg(not(all(feature = "recommendations", feature = "rewards")))]
fn await_module(element: &HtmlElement, placement: &str) {
    if !host::await_module(element, placement) {
        warn(&format!(
            "placement {} needs another of Patron's modules: load patron.js, which loads it, rather than one module's script",
            quoted(placement)
        ));
        clear(element);
    }
}

fn render_card(
    element: &HtmlElement,
    session: Option<&Session>,
    config: &Config,
    now: Timestamp,
    locale: &str,
    format: &intl::IntlFormatter,
    language: Language,
) {
    let card = match session {
        Some(session) => loyalty::card(session, &config.programme, &config.default_language, now, locale)
            .unwrap_or_else(|error| {
                warn(&format!("{error}; showing the programme without personal data"));
                Card::Programme(loyalty::programme_card(&config.programme, &config.default_language, locale))
            }),
        None => Card::Programme(loyalty::programme_card(&config.programme, &config.default_language, locale)),
    };
    let text = loyalty::card_text(&card, language, format);
    if let Err(error) = card::render(element, &text) {
        warn(&format!("could not render the loyalty card: {}", describe(&error)));
    }
}

#[cfg(feature = "banners")]
#[allow(clippy::too_many_arguments)] // One call site; a struct would only rename the list.
fn render_banners(
    element: &HtmlElement,
    placement: &str,
    session: &Session,
    config: &Config,
    now: Timestamp,
    locale: &str,
    format: &intl::IntlFormatter,
    language: Language,
) {
    let personal = session.personalised();
    // Without consent nothing is read from storage either: caps and dismissals start empty.
    let memory = if personal { storage::load() } else { offers::Memory::default() };
    let decisions = offers::decide(session, config.offer_config(), now, locale, &memory, format);
    // The banners shown here, and every offer the shopper qualifies for but does not see, with its
    // group: the holdouts and the treatment that arbitration, a dismissal or a cap hides (both
    // reported as patron:offer-assigned).
    let mut banners: Vec<&offers::Banner> = Vec::new();
    let mut unseen: Vec<(&offers::Banner, offers::Group)> = Vec::new();
    for decision in decisions.iter().filter(|d| d.placement == placement) {
        if let (Some(banner), Some(group)) = (&decision.banner, decision.group) {
            match decision.outcome {
                Outcome::Shown => banners.push(banner),
                _ => unseen.push((banner, group)),
            }
        }
    }
    let context = banner::Context { personal, analytics_id: session.analytics_id(), today: now.date() };
    if let Err(error) = banner::render(element, &banners, &unseen, &context, language, format) {
        warn(&format!("could not render the offers for {}: {}", quoted(placement), describe(&error)));
    }
}
