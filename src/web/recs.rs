//! The recommendations carousel in the DOM. What the shopper does with it — impressions and clicks,
//! reported as events — is recs.js's, from the data attributes written here.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::Tree;
use crate::format::Formatter;
use crate::language::Language;
use crate::recommend::{self, text, Model, Recommendation};

#[wasm_bindgen(module = "/src/web/recs.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireRecs)]
    fn wire_recs(host: &HtmlElement);
    #[wasm_bindgen(js_name = afterRecs)]
    fn after_recs(host: &HtmlElement);
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadBytes)]
    fn load_bytes(url: &str, host: &HtmlElement) -> JsValue;
}

/// A model, or why it could not be had.
type Loaded = Result<Rc<Model>, String>;

thread_local! {
    /// Parsed models by URL: parsed once per page, shared by every carousel.
    static MODELS: RefCell<Vec<(String, Loaded)>> = const { RefCell::new(Vec::new()) };
}

/// The model at `url`: `None` while it is on its way (`host` renders again on arrival).
pub(super) fn model(url: &str, host: &HtmlElement) -> Option<Loaded> {
    if let Some(found) = MODELS.with(|m| m.borrow().iter().find(|(u, _)| u == url).map(|(_, m)| m.clone())) {
        return Some(found);
    }
    let loaded = load_bytes(url, host);
    if loaded.is_undefined() {
        return None;
    }
    let parsed = match loaded.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) => Model::from_bytes(&bytes.to_vec()).map(Rc::new).map_err(|e| format!("model {url}: {e}")),
        Err(error) => Err(format!(
            "could not fetch the model {url}: {}",
            js_sys::Reflect::get(&error, &JsValue::from_str("error"))
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_default()
        )),
    };
    MODELS.with(|m| m.borrow_mut().push((url.to_string(), parsed.clone())));
    Some(parsed)
}

/// Replaces the widget's content with the carousel (nothing when there is nothing to recommend).
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(
    host: &HtmlElement,
    model: &Model,
    list: &[Recommendation],
    analytics_id: Option<&str>,
    language: Language,
    format: &dyn Formatter,
) -> Result<(), JsValue> {
    let heading = text::heading(language);
    let mut t = Tree::new();
    if !list.is_empty() {
        t.open("section", "recs").attr("part", "recommendations").attr("aria-label", heading);
        // The customer's analytics key, for recs.js's events: only with analytics consent.
        if let Some(id) = analytics_id {
            t.attr("data-analytics-id", id);
        }
        t.leaf("h2", "recs-title", heading);
        t.open("ul", "track").attr("role", "list").attr("tabindex", "0").attr("aria-label", heading);
        for (position, r) in list.iter().enumerate() {
            let Some(product) = model.product(r.product) else { continue };
            let title = if product.title.is_empty() { product.sku.as_str() } else { product.title.as_str() };
            t.open("li", "product")
                .attr("part", "product")
                .attr("data-sku", &product.sku)
                .attr("data-position", &(position + 1).to_string())
                .attr("data-reason", r.reason.code());
            match &product.url {
                Some(url) if crate::url::is_safe_url(url) => {
                    t.open("a", "product-link").attr("href", url).attr("data-action", "rec-click")
                }
                _ => t.open("div", "product-link"),
            };
            if let Some(image) = product.image.as_ref().filter(|url| crate::url::is_safe_url(url)) {
                t.open("img", "product-image")
                    .attr("src", image)
                    .attr("alt", "")
                    .attr("width", "160")
                    .attr("height", "160")
                    .attr("loading", "lazy")
                    .attr("decoding", "async")
                    .close();
            }
            t.leaf("span", "product-title", title);
            if let Some(price) = product.price {
                t.leaf("span", "product-price", &format.money(price));
            }
            t.leaf("span", "product-reason", &text::reason(&r.reason, language, model)).close().close();
        }
    }
    wire_recs(host);
    t.show(host)?;
    after_recs(host);
    Ok(())
}

/// Scores for the session and renders.
#[allow(clippy::too_many_arguments)] // One call site; a struct would only rename the list.
pub(super) fn recommend_and_render(
    host: &HtmlElement,
    model: &Model,
    session: &crate::session::Session,
    config: &crate::config::Config,
    now: crate::time::Timestamp,
    count: usize,
    language: Language,
    format: &dyn Formatter,
) -> Result<(), JsValue> {
    let list = recommend::for_session(session, model, now, count, &config.recommendations);
    render(host, model, &list, session.analytics_id(), language, format)
}
