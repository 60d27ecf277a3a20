//! Where a widget's documents come from: JSON embedded in the page, passed to `mount`, or (for the
//! config) fetched once per URL by the element's script and shared by every widget on the page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::host::{remembered, Last};
use super::json;
use crate::config::Config;
#[cfg(feature = "lenient")]
use crate::error::Problem;
#[cfg(feature = "lenient")]
use crate::json::Omitted;
use crate::json::Value;
use crate::session::Session;
use crate::words::quoted;

/// The default id of the embedded session script.
const SESSION_ID: &str = "patron-session";
/// The default id of an embedded config script.
const CONFIG_ID: &str = "patron-config";

#[derive(Clone)]
enum Text {
    /// A document given directly to `mount`: JSON text or a plain object.
    Inline(JsValue),
    /// The text of the `<script type="application/json">` with this id.
    Script(String),
    /// A same-origin URL to fetch.
    Url(String),
    /// Nothing given.
    Absent,
}

/// A widget's inputs, before they are read.
pub(super) struct Sources {
    config: Text,
    session: Text,
    /// The locale the widget was asked to use, if any.
    pub(super) locale: Option<String>,
    /// What to render: the loyalty card (`None` or `loyalty`) or a placement's banners.
    pub(super) placement: Option<String>,
    /// The recommendation model's URL, for `placement="recommendations"`.
    #[cfg(feature = "recommendations")]
    pub(super) model: Option<String>,
    /// How many products the carousel shows.
    #[cfg(feature = "recommendations")]
    pub(super) count: Option<usize>,
}

impl Sources {
    /// The inputs named by a `<patron-widget>`'s attributes.
    pub(super) fn from_element(element: &HtmlElement) -> Sources {
        let attribute = |name: &str| element.get_attribute(name).filter(|value| !value.trim().is_empty());
        Sources {
            config: match attribute("config-src") {
                Some(url) => Text::Url(url),
                None => Text::Script(attribute("config").unwrap_or_else(|| CONFIG_ID.to_string())),
            },
            session: Text::Script(attribute("session").unwrap_or_else(|| SESSION_ID.to_string())),
            locale: attribute("locale"),
            placement: attribute("placement"),
            #[cfg(feature = "recommendations")]
            model: attribute("model-src"),
            #[cfg(feature = "recommendations")]
            count: attribute("count").and_then(|n| n.trim().parse().ok()),
        }
    }

    /// The inputs passed to `mount`.
    pub(super) fn from_options(options: &JsValue) -> Sources {
        let field = |name: &str| {
            Reflect::get(options, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
        };
        Sources {
            config: match (field("config"), field("configSrc").and_then(|v| v.as_string())) {
                (Some(value), _) => Text::Inline(value),
                (None, Some(url)) => Text::Url(url),
                (None, None) => Text::Absent,
            },
            session: field("session").map_or(Text::Absent, Text::Inline),
            locale: field("locale").and_then(|v| v.as_string()),
            placement: field("placement").and_then(|v| v.as_string()),
            #[cfg(feature = "recommendations")]
            model: field("modelSrc").and_then(|v| v.as_string()),
            #[cfg(feature = "recommendations")]
            count: field("count").and_then(|v| v.as_f64()).filter(|n| *n >= 1.0).map(|n| n as usize),
        }
    }

    /// The decoded config; `None` while a fetch is on its way (`host` renders again on arrival).
    pub(super) fn config(&self, host: &HtmlElement) -> Option<Result<Rc<Config>, String>> {
        let text = match &self.config {
            Text::Inline(value) => match value.as_string() {
                Some(text) => text,
                None => return Some(decode_config(json::from_js(value), host)),
            },
            Text::Script(id) => match script_text(id) {
                Some(text) => text,
                None => {
                    return Some(Err(format!(
                        "no config: give the element config-src=\"URL\", or embed <script type=\"application/json\" id=\"{id}\">"
                    )))
                }
            },
            Text::Url(url) => {
                let loaded = super::host::load_text(url, host);
                if loaded.is_undefined() {
                    return None;
                }
                match loaded.as_string() {
                    Some(text) => text,
                    None => {
                        let reason = Reflect::get(&loaded, &JsValue::from_str("error")).ok().and_then(|e| e.as_string());
                        return Some(Err(format!(
                            "could not fetch the config from {}: {}",
                            quoted(url),
                            reason.unwrap_or_default()
                        )));
                    }
                }
            }
            Text::Absent => return Some(Err("no config: mount() needs options.config or options.configSrc".to_string())),
        };
        Some(remembered(&LAST_CONFIG, text, |text| decode_config(json::parse(text), host)))
    }

    /// The decoded session; `Ok(None)` for a guest (no session given). The parts left out are
    /// reported from `host`.
    ///
    /// # Errors
    /// A message for the console when the session is not JSON or cannot be used at all.
    pub(super) fn session(&self, host: &HtmlElement) -> Result<Option<Rc<Session>>, String> {
        // A session given to `update` (after sign-in, a cart change) replaces the embedded one.
        let session = match (&self.session, current_override()) {
            (Text::Script(_), Some(value)) => Text::Inline(value),
            _ => self.session.clone(),
        };
        let text = match &session {
            Text::Inline(value) => match value.as_string() {
                Some(text) => text,
                None => return decode_session(json::from_js(value), Some(host)).map(Some),
            },
            Text::Script(id) => match script_text(id) {
                Some(text) => text,
                None => return Ok(None),
            },
            Text::Url(_) | Text::Absent => return Ok(None),
        };
        remembered(&LAST_SESSION, text, |text| decode_session(json::parse(text), Some(host))).map(Some)
    }
}

/// The config from JSON the page gave, or why it cannot be used, in the words of the console. A
/// problem costs only the part it is in (`Config::lenient`, issue 32); what was left out is said
/// from `host`.
fn decode_config(value: Result<Value, String>, host: &HtmlElement) -> Result<Rc<Config>, String> {
    let value = value.map_err(|problem| format!("config is invalid: {problem}"))?;
    #[cfg(feature = "lenient")]
    {
        let lenient = Config::lenient(&value).map_err(|error| error.to_string())?;
        report("config", &lenient.problems, &lenient.omitted, Some(host));
        Ok(Rc::new(lenient.value))
    }
    #[cfg(not(feature = "lenient"))]
    {
        // What the recovery module refuses too (an attack, not a mistake) is refused here, without
        // a second download: a document that is no object, or over the limit of offers.
        let whole = crate::config::refused_whole(&value);
        Config::from_value(&value).map(Rc::new).map_err(|error| {
            if whole {
                error.to_string()
            } else {
                recover(Some(host), error)
            }
        })
    }
}

/// A document with a problem, in a build that decodes strictly: the recovery module (feature
/// `lenient`) renders the page instead, once npm/patron.js has loaded it; meanwhile `host` waits,
/// and the empty message says so. Where nothing can load it, the problem's message.
#[cfg(not(feature = "lenient"))]
fn recover(host: Option<&HtmlElement>, error: crate::error::Error) -> String {
    let waiting = match host {
        Some(host) => super::host::await_module(host, "lenient"),
        None => super::host::recoverable(),
    };
    if waiting {
        String::new()
    } else {
        error.to_string()
    }
}

/// The session from JSON the page gave, or why it cannot be used at all, in the words of the
/// console; what was left out is said from `host` (none when only checking it, for `update`).
pub(super) fn decode_session(value: Result<Value, String>, host: Option<&HtmlElement>) -> Result<Rc<Session>, String> {
    let value = value.map_err(|problem| format!("session is invalid: {problem}"))?;
    #[cfg(feature = "lenient")]
    {
        let lenient = Session::lenient(&value).map_err(|error| error.to_string())?;
        report("session", &lenient.problems, &lenient.omitted, host);
        Ok(Rc::new(lenient.value))
    }
    #[cfg(not(feature = "lenient"))]
    Session::from_value(&value).map(Rc::new).map_err(|error| recover(host, error))
}

/// Says what was left out of a document, for the page's script to say once in the console and
/// as `patron:config-problem` events: each problem's path, reason and cost, each followed by
/// U+001F (one string is the cheapest way across).
#[cfg(feature = "lenient")]
fn report(document: &str, problems: &[(Problem, usize)], omitted: &[Omitted], host: Option<&HtmlElement>) {
    let Some(host) = host.filter(|_| !problems.is_empty()) else { return };
    let mut flat = String::new();
    for (problem, n) in problems {
        let cost = omitted.get(*n).map(Omitted::consequence).unwrap_or_default();
        for piece in [problem.path.as_str(), &problem.message, &cost] {
            flat.push_str(piece);
            flat.push('\u{1f}');
        }
    }
    super::host::report_problems(host, document, &flat);
}

thread_local! {
    // Every widget on a page reads the same config and session: the first decodes them, the others
    // (and re-renders until the text changes) reuse the result, so that a page with five widgets
    // parses once, not five times.
    static LAST_CONFIG: Last<String, Config> = const { RefCell::new(None) };
    static LAST_SESSION: Last<String, Session> = const { RefCell::new(None) };
}

/// The text of an embedded JSON script; `None` when there is no such element or it is empty (a
/// page template that embeds nothing for a guest).
fn script_text(id: &str) -> Option<String> {
    let element = super::host::page()?.get_element_by_id(id)?;
    element.text_content().filter(|text| !text.trim().is_empty())
}

fn current_override() -> Option<JsValue> {
    Some(super::host::session_override()).filter(|session| !session.is_undefined())
}

/// Replaces the session of every widget on the page; `None` goes back to the embedded one.
/// `from_page`: the page handed it over (`update`), rather than Patron changing its cart; only then
/// is it the ledger's truth about points spent on the page.
pub(super) fn set_override(session: Option<JsValue>, from_page: bool) {
    super::host::set_session_override(&session.unwrap_or(JsValue::UNDEFINED), from_page);
}
