//! Offer banners in the DOM. What happens when the shopper sees, clicks or closes one — the events and
//! the offer memory in localStorage — is the element script's (element.js), from the data attributes
//! written here.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::{show, Node};

#[wasm_bindgen(module = "/src/web/banners.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireBanners)]
    fn wire_banners(host: &HtmlElement);
    #[wasm_bindgen(js_name = afterBuild)]
    fn after_build(host: &HtmlElement);
}
use crate::language::Language;
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

/// What the element script needs to know to report and remember what the shopper does.
pub(super) struct Context<'a> {
    /// Whether impressions and dismissals may be stored (consent).
    pub(super) personal: bool,
    /// The customer's analytics key for events, with analytics consent.
    pub(super) analytics_id: Option<&'a str>,
    /// The shopper's day, for daily caps.
    pub(super) today: Date,
}

/// Replaces `host`'s content with these banners.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(
    host: &HtmlElement,
    banners: &[&Banner],
    holdouts: &[&Banner],
    context: &Context,
    language: Language,
) -> Result<(), JsValue> {
    let words = words(language);
    // The element script reads these to dispatch events and keep the offer memory (element.js).
    let mut list = Node::new("div", "banners").attr("data-today", &context.today.to_string());
    if context.personal {
        list = list.attr("data-remember", "");
    }
    if let Some(id) = context.analytics_id {
        list = list.attr("data-analytics-id", id);
    }
    for banner in banners {
        list.push(banner_node(banner, &words, language));
    }
    for held in holdouts {
        list.push(marker(Node::new("div", "holdout").attr("hidden", ""), held));
    }
    wire_banners(host);
    show(host, &[list])?;
    after_build(host);
    Ok(())
}

/// The offer's id, variant and placement as data attributes, for the element script's events.
fn marker(node: Node, banner: &Banner) -> Node {
    let node = node.attr("data-offer", &banner.id).attr("data-placement", &banner.placement);
    match &banner.variant {
        Some(variant) => node.attr("data-variant", variant),
        None => node,
    }
}

fn banner_node(banner: &Banner, words: &Words, language: Language) -> Node {
    let mut section =
        marker(Node::new("section", "banner"), banner).attr("part", "banner").attr("aria-label", &banner.headline);
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
            .attr("data-action", "dismiss"),
    )
}
