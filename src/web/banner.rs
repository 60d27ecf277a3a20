//! Offer banners in the DOM, and what happens when the shopper sees, clicks or closes one.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Document, Element, HtmlElement};

use super::card::{add, el, shadow, text_el};
use crate::loyalty::Language;
use crate::offers::Banner;
use crate::time::Date;

/// The words around the marketer's texts.
struct Words {
    dismiss: &'static str,
    code: &'static str,
    referral: &'static str,
    copy: &'static str,
    copied: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::De => Words {
            dismiss: "Angebot schließen",
            code: "Ihr Code:",
            referral: "Ihr Empfehlungslink",
            copy: "Link kopieren",
            copied: "Link kopiert",
        },
        Language::En => Words {
            dismiss: "Dismiss offer",
            code: "Your code:",
            referral: "Your referral link",
            copy: "Copy link",
            copied: "Link copied",
        },
    }
}

fn stamps_label(language: Language, have: u32, of: u32) -> String {
    match language {
        Language::De => format!("{have} von {of} Bestellungen"),
        Language::En => format!("{have} of {of} orders"),
    }
}

/// What a rendered placement needs to remember for the shopper's actions.
#[derive(Clone)]
pub(super) struct Context {
    /// Whether storage may be written and the customer hashed (consent).
    pub(super) personal: bool,
    /// The salted customer hash for events, with consent.
    pub(super) customer: Option<String>,
    /// The shopper's day, for daily caps.
    pub(super) today: Date,
    /// The banners shown: id, variant, placement.
    pub(super) banners: Vec<(String, Option<String>, String)>,
}

thread_local! {
    static CONTEXTS: RefCell<Vec<(HtmlElement, Context)>> = const { RefCell::new(Vec::new()) };
    /// Offers whose impression or holdout was reported in this page view.
    static REPORTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Remembers the context of `host`'s latest render (replacing the previous one).
pub(super) fn remember(host: &HtmlElement, context: Context) {
    CONTEXTS.with(|contexts| {
        let mut contexts = contexts.borrow_mut();
        // Elements removed from the page are forgotten, so the list stays as long as the page's widgets.
        contexts.retain(|(element, _)| element.is_connected() && element != host);
        contexts.push((host.clone(), context));
    });
}

fn recall(host: &HtmlElement) -> Option<Context> {
    CONTEXTS.with(|contexts| contexts.borrow().iter().find(|(element, _)| element == host).map(|(_, c)| c.clone()))
}

/// Reports something once per page view; returns false when it was reported already.
pub(super) fn first_time(key: String) -> bool {
    REPORTED.with(|reported| {
        let mut reported = reported.borrow_mut();
        if reported.contains(&key) {
            return false;
        }
        reported.push(key);
        true
    })
}

/// Dispatches a `patron:*` event from `host`: bubbling and composed, so the page hears it from
/// outside the shadow root. The detail names the offer, never the shopper.
pub(super) fn emit(
    host: &HtmlElement,
    name: &str,
    offer: &str,
    variant: Option<&str>,
    placement: &str,
    customer: Option<&str>,
) {
    let detail = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&detail, &JsValue::from_str(key), &value);
    };
    set("offerId", JsValue::from_str(offer));
    set("variant", variant.map_or(JsValue::NULL, JsValue::from_str));
    set("placement", JsValue::from_str(placement));
    set("customer", customer.map_or(JsValue::NULL, JsValue::from_str));
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Handles a shopper's action inside `host`: `impression`, `click` or `dismiss` of `offer`.
pub(super) fn act(host: &HtmlElement, action: &str, offer: &str) {
    let Some(context) = recall(host) else { return };
    let Some((id, variant, placement)) = context.banners.iter().find(|(id, _, _)| id == offer) else { return };
    let customer = context.customer.as_deref();
    match action {
        "impression" => {
            if !first_time(format!("impression:{id}")) {
                return;
            }
            if context.personal {
                let mut memory = super::storage::load();
                memory.record_impression(id, context.today);
                super::storage::save(&memory);
            }
            emit(host, "patron:offer-impression", id, variant.as_deref(), placement, customer);
        }
        "click" => emit(host, "patron:offer-click", id, variant.as_deref(), placement, customer),
        "dismiss" => {
            if context.personal {
                let mut memory = super::storage::load();
                memory.record_dismissal(id, context.today);
                super::storage::save(&memory);
            }
            emit(host, "patron:offer-dismiss", id, variant.as_deref(), placement, customer);
            // Without storage (no consent) the banner still goes, for this page view.
            if let Some(banner) =
                shadow(host).ok().and_then(|root| root.query_selector(&format!("[data-offer=\"{id}\"]")).ok().flatten())
            {
                banner.remove();
            }
        }
        _ => {}
    }
}

/// Replaces `host`'s content with these banners.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(host: &HtmlElement, banners: &[Banner], language: Language) -> Result<(), JsValue> {
    let root = shadow(host)?;
    let document = host.owner_document().ok_or("the element has no document")?;
    let words = words(language);
    let list = el(&document, "div", "banners")?;
    for banner in banners {
        add(&list, &banner_element(&document, banner, &words, language)?)?;
    }
    super::card::clear(host);
    add(&root, &list)?;
    Ok(())
}

fn banner_element(document: &Document, banner: &Banner, words: &Words, language: Language) -> Result<Element, JsValue> {
    let section = el(document, "section", "banner")?;
    section.set_attribute("part", "banner")?;
    section.set_attribute("data-offer", &banner.id)?;
    section.set_attribute("aria-label", &banner.headline)?;
    if let Some(image) = &banner.image {
        let img = el(document, "img", "image")?;
        img.set_attribute("src", image)?;
        img.set_attribute("alt", "")?;
        img.set_attribute("loading", "lazy")?;
        img.set_attribute("width", "96")?;
        img.set_attribute("height", "96")?;
        add(&section, &img)?;
    }
    let content = el(document, "div", "content")?;
    add(&content, &text_el(document, "h2", "headline", &banner.headline)?)?;
    if !banner.body.is_empty() {
        add(&content, &text_el(document, "p", "body", &banner.body)?)?;
    }
    if let Some((have, of)) = banner.stamps {
        let label = stamps_label(language, have, of);
        let stamps = el(document, "div", "stamps")?;
        stamps.set_attribute("role", "img")?;
        stamps.set_attribute("aria-label", &label)?;
        for i in 0..of {
            add(&stamps, &el(document, "span", if i < have { "stamp filled" } else { "stamp" })?)?;
        }
        add(&content, &stamps)?;
        add(&content, &text_el(document, "p", "stamps-label", &label)?)?;
    }
    if let Some(code) = &banner.coupon_code {
        let line = text_el(document, "p", "coupon", words.code)?;
        add(&line, &document.create_text_node(" "))?;
        add(&line, &text_el(document, "code", "code", code)?)?;
        add(&content, &line)?;
    }
    if let Some(url) = &banner.referral_url {
        let row = el(document, "div", "referral")?;
        let input = el(document, "input", "link")?;
        input.set_attribute("readonly", "")?;
        input.set_attribute("value", url)?;
        input.set_attribute("aria-label", words.referral)?;
        add(&row, &input)?;
        let copy = text_el(document, "button", "copy", words.copy)?;
        copy.set_attribute("type", "button")?;
        copy.set_attribute("part", "button")?;
        copy.set_attribute("data-action", "copy")?;
        copy.set_attribute("data-text", url)?;
        copy.set_attribute("data-copied", words.copied)?;
        add(&row, &copy)?;
        add(&content, &row)?;
    }
    if let Some((label, url)) = &banner.cta {
        let link = text_el(document, "a", "cta", label)?;
        link.set_attribute("href", url)?;
        link.set_attribute("part", "button")?;
        link.set_attribute("data-action", "click")?;
        add(&content, &link)?;
    }
    add(&section, &content)?;
    let close = text_el(document, "button", "dismiss", "×")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("aria-label", words.dismiss)?;
    close.set_attribute("data-action", "dismiss")?;
    add(&section, &close)?;
    Ok(section)
}
