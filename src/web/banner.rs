//! Offer banners in the DOM, and what happens when the shopper sees, clicks or closes one.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use super::card::shadow;
use super::view::{show, Node};
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
            code: "Ihr Code: ",
            referral: "Ihr Empfehlungslink",
            copy: "Link kopieren",
            copied: "Link kopiert",
        },
        Language::En => Words {
            dismiss: "Dismiss offer",
            code: "Your code: ",
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
    let words = words(language);
    let mut list = Node::new("div", "banners");
    for banner in banners {
        list.push(banner_node(banner, &words, language));
    }
    show(host, &[list])
}

fn banner_node(banner: &Banner, words: &Words, language: Language) -> Node {
    let mut section = Node::new("section", "banner")
        .attr("part", "banner")
        .attr("data-offer", &banner.id)
        .attr("aria-label", &banner.headline);
    if let Some(image) = &banner.image {
        section.push(
            Node::new("img", "image")
                .attr("src", image)
                .attr("alt", "")
                .attr("loading", "lazy")
                .attr("width", "96")
                .attr("height", "96"),
        );
    }
    let mut content = Node::new("div", "content").child(Node::new("h2", "headline").text(&banner.headline));
    if !banner.body.is_empty() {
        content.push(Node::new("p", "body").text(&banner.body));
    }
    if let Some((have, of)) = banner.stamps {
        let label = stamps_label(language, have, of);
        let mut stamps = Node::new("div", "stamps").attr("role", "img").attr("aria-label", &label);
        for i in 0..of {
            stamps.push(Node::new("span", if i < have { "stamp filled" } else { "stamp" }));
        }
        content.push(stamps);
        content.push(Node::new("p", "stamps-label").text(&label));
    }
    if let Some(code) = &banner.coupon_code {
        content.push(Node::new("p", "coupon").text(words.code).child(Node::new("code", "code").text(code)));
    }
    if let Some(url) = &banner.referral_url {
        content.push(
            Node::new("div", "referral")
                .child(
                    Node::new("input", "link")
                        .attr("readonly", "")
                        .attr("value", url)
                        .attr("aria-label", words.referral),
                )
                .child(
                    Node::new("button", "copy")
                        .attr("type", "button")
                        .attr("part", "button")
                        .attr("data-action", "copy")
                        .attr("data-text", url)
                        .attr("data-copied", words.copied)
                        .text(words.copy),
                ),
        );
    }
    if let Some((label, url)) = &banner.cta {
        content.push(
            Node::new("a", "cta").attr("href", url).attr("part", "button").attr("data-action", "click").text(label),
        );
    }
    section.child(content).child(
        Node::new("button", "dismiss")
            .attr("type", "button")
            .attr("aria-label", words.dismiss)
            .attr("data-action", "dismiss")
            .text("×"),
    )
}
