//! Where a widget's documents come from: JSON embedded in the page, passed to `mount`, or (for the
//! config) fetched once per URL and shared by every widget on the page.

use std::cell::RefCell;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, Response};

use super::{describe, json};
use crate::json::quoted;
use crate::Value;

/// The default id of the embedded session script.
const SESSION_ID: &str = "patron-session";
/// The default id of an embedded config script.
const CONFIG_ID: &str = "patron-config";

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
        }
    }

    /// The parsed config.
    ///
    /// # Errors
    /// A message for the console when there is no config, it cannot be fetched, or it is not JSON.
    pub(super) async fn config(&self) -> Result<Value, String> {
        let inline =
            |value: &JsValue| value.as_string().map_or_else(|| json::from_js(value), |text| json::parse(&text));
        let value = match &self.config {
            Text::Inline(value) => inline(value),
            Text::Script(id) => match script_text(id) {
                Some(text) => json::parse(&text),
                None => Err(format!(
                    "no config: give the element config-src=\"URL\", or embed <script type=\"application/json\" id=\"{id}\">"
                )),
            },
            Text::Url(url) => json::parse(&fetch_once(url).await?),
            Text::Absent => return Err("no config: mount() needs options.config or options.configSrc".to_string()),
        };
        value.map_err(|message| format!("config is invalid: {message}"))
    }

    /// The parsed session; `Ok(None)` for a guest (no session given).
    ///
    /// # Errors
    /// A message for the console when the session is not JSON.
    pub(super) fn session(&self) -> Result<Option<Value>, String> {
        let value = match &self.session {
            Text::Inline(value) => value.as_string().map_or_else(|| json::from_js(value), |text| json::parse(&text)),
            Text::Script(id) => match script_text(id) {
                Some(text) => json::parse(&text),
                None => return Ok(None),
            },
            Text::Url(_) | Text::Absent => return Ok(None),
        };
        value.map(Some).map_err(|message| format!("session is invalid: {message}"))
    }
}

/// The text of an embedded JSON script; `None` when there is no such element or it is empty (a
/// page template that embeds nothing for a guest).
fn script_text(id: &str) -> Option<String> {
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    element.text_content().filter(|text| !text.trim().is_empty())
}

thread_local! {
    /// One request per config URL per page, however many widgets name it.
    /// A list rather than a map: a page names one or two config URLs, and a hash map would add
    /// kilobytes of code to the download.
    static FETCHES: RefCell<Vec<(String, Promise)>> = const { RefCell::new(Vec::new()) };
}

async fn fetch_once(url: &str) -> Result<String, String> {
    let promise = FETCHES.with(|fetches| {
        let mut fetches = fetches.borrow_mut();
        if let Some((_, promise)) = fetches.iter().find(|(known, _)| known == url) {
            return promise.clone();
        }
        let owned = url.to_string();
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            fetch_text(&owned).await.map(JsValue::from).map_err(JsValue::from)
        });
        fetches.push((url.to_string(), promise.clone()));
        promise
    });
    match JsFuture::from(promise).await {
        Ok(text) => text.as_string().ok_or_else(|| format!("the config at {} is not text", quoted(url))),
        Err(error) => Err(error.as_string().unwrap_or_else(|| describe(&error))),
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |error: JsValue| format!("could not fetch the config from {}: {}", quoted(url), describe(&error));
    let response: Response = JsFuture::from(window.fetch_with_str(url)).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("could not fetch the config from {}: HTTP {}", quoted(url), response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| format!("the config at {} is not text", quoted(url)))
}
