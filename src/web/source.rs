//! Where a widget's documents come from: JSON embedded in the page, passed to `mount`, or (for the
//! config) fetched once per URL and shared by every widget on the page.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, Response};

use super::describe;

/// The default id of the embedded session script.
const SESSION_ID: &str = "patron-session";
/// The default id of an embedded config script.
const CONFIG_ID: &str = "patron-config";

enum Text {
    /// JSON text given directly.
    Inline(String),
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
        let json = |value: JsValue| match value.as_string() {
            Some(text) => Some(text),
            // An object is turned back into text so that it goes through the same parser, with the
            // same JSON-path errors, as embedded JSON.
            None => JSON::stringify(&value).ok().and_then(|s| s.as_string()),
        };
        Sources {
            config: match (field("config").and_then(json), field("configSrc").and_then(|v| v.as_string())) {
                (Some(text), _) => Text::Inline(text),
                (None, Some(url)) => Text::Url(url),
                (None, None) => Text::Absent,
            },
            session: field("session").and_then(json).map_or(Text::Absent, Text::Inline),
            locale: field("locale").and_then(|v| v.as_string()),
        }
    }

    /// The config's JSON text.
    ///
    /// # Errors
    /// A message for the console when there is no config or it cannot be fetched.
    pub(super) async fn config_text(&self) -> Result<String, String> {
        match &self.config {
            Text::Inline(text) => Ok(text.clone()),
            Text::Script(id) => script_text(id).ok_or_else(|| {
                format!("no config: give the element config-src=\"URL\", or embed <script type=\"application/json\" id=\"{id}\">")
            }),
            Text::Url(url) => fetch_once(url).await,
            Text::Absent => Err("no config: mount() needs options.config or options.configSrc".to_string()),
        }
    }

    /// The session's JSON text; `None` for a guest (no session embedded).
    pub(super) fn session_text(&self) -> Option<String> {
        match &self.session {
            Text::Inline(text) => Some(text.clone()),
            Text::Script(id) => script_text(id),
            Text::Url(_) | Text::Absent => None,
        }
    }
}

fn script_text(id: &str) -> Option<String> {
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    element.text_content()
}

thread_local! {
    /// One request per config URL per page, however many widgets name it.
    static FETCHES: RefCell<HashMap<String, Promise>> = RefCell::new(HashMap::new());
}

async fn fetch_once(url: &str) -> Result<String, String> {
    let promise = FETCHES.with(|fetches| {
        fetches
            .borrow_mut()
            .entry(url.to_string())
            .or_insert_with(|| {
                let url = url.to_string();
                wasm_bindgen_futures::future_to_promise(async move {
                    fetch_text(&url).await.map(JsValue::from).map_err(JsValue::from)
                })
            })
            .clone()
    });
    match JsFuture::from(promise).await {
        Ok(text) => text.as_string().ok_or_else(|| format!("config {url:?} is not text")),
        Err(error) => Err(error.as_string().unwrap_or_else(|| describe(&error))),
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |error: JsValue| format!("could not fetch the config from {url:?}: {}", describe(&error));
    let response: Response = JsFuture::from(window.fetch_with_str(url)).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("could not fetch the config from {url:?}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| format!("the config at {url:?} is not text"))
}
