//! Offer banners in the DOM. What happens when the shopper sees, clicks or closes one — the events and
//! the offer memory in localStorage — is the element script's (element.js), from the data attributes
//! written here.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::Tree;

#[wasm_bindgen(module = "/src/web/banners.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireBanners)]
    fn wire_banners(host: &HtmlElement);
    #[wasm_bindgen(js_name = afterBuild)]
    fn after_build(host: &HtmlElement);
}
use crate::format::Formatter;
use crate::language::Language;
use crate::offers::{Banner, Group};
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
    unseen: &[(&Banner, Group)],
    context: &Context,
    language: Language,
    format: &dyn Formatter,
) -> Result<(), JsValue> {
    let words = words(language);
    let mut t = Tree::new();
    // The element script reads these to dispatch events and keep the offer memory (element.js).
    t.open("div", "banners").attr("data-today", &context.today.to_string());
    if context.personal {
        t.attr("data-remember", "");
    }
    if let Some(id) = context.analytics_id {
        t.attr("data-analytics-id", id);
    }
    for banner in banners {
        banner_tree(&mut t, banner, &words, banner.stamps_label(language, format));
    }
    // Hidden markers for the offers the shopper is assigned to but does not see: the element script
    // reports each as assigned, and the held-out ones as held out too.
    for (banner, group) in unseen {
        t.open("i", "assigned").attr("hidden", "");
        marker(&mut t, banner).attr("data-group", group.name()).close();
    }
    wire_banners(host);
    t.show(host)?;
    after_build(host);
    Ok(())
}

/// The offer's id, variant and placement as data attributes of the element just opened, for the
/// element script's events.
fn marker<'t>(t: &'t mut Tree, banner: &Banner) -> &'t mut Tree {
    t.attr("data-offer", &banner.id).attr("data-placement", &banner.placement);
    if let Some(variant) = &banner.variant {
        t.attr("data-variant", variant);
    }
    t
}

fn banner_tree(t: &mut Tree, banner: &Banner, words: &Words, stamps_label: Option<String>) {
    t.open("section", "banner");
    marker(t, banner).attr("data-group", "treatment").attr("part", "banner").attr("aria-label", &banner.headline);
    if let Some(image) = &banner.image {
        t.open("img", "image")
            .attr("src", image)
            .attr("alt", "")
            .attr("loading", "lazy")
            .attr("width", "96")
            .attr("height", "96")
            .close();
    }
    t.open("div", "content").leaf("h2", "headline", &banner.headline);
    if !banner.body.is_empty() {
        t.leaf("p", "body", &banner.body);
    }
    if let (Some((have, of)), Some(label)) = (banner.stamps, stamps_label) {
        t.open("div", "stamps").attr("role", "img").attr("aria-label", &label);
        for i in 0..of {
            t.open("span", if i < have { "stamp filled" } else { "stamp" }).close();
        }
        t.close().leaf("p", "stamps-label", &label);
    }
    if let Some(code) = &banner.coupon_code {
        t.open("p", "coupon").text(words.code).leaf("code", "code", code).close();
    }
    if let Some(url) = &banner.referral_url {
        t.open("div", "referral")
            .open("input", "link")
            .attr("readonly", "")
            .attr("value", url)
            .attr("aria-label", words.referral)
            .close()
            .open("button", "copy")
            .attr("type", "button")
            .attr("part", "button")
            .attr("data-action", "copy")
            .attr("data-text", url)
            .attr("data-copied", words.copied)
            .text(words.copy)
            .close()
            .close();
    }
    if let Some((label, url)) = &banner.cta {
        t.open("a", "cta").attr("href", url).attr("part", "button").attr("data-action", "click").text(label).close();
    }
    t.close();
    t.open("button", "dismiss")
        .attr("type", "button")
        .attr("aria-label", words.dismiss)
        .attr("data-action", "dismiss")
        .close()
        .close();
}
