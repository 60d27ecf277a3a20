//! The loyalty card in the DOM: described from [`CardText`] and built inside the element's shadow
//! root, styled by one constructable stylesheet shared by every widget on the page.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::Tree;

use crate::loyalty::CardText;

/// The widgets' stylesheet (`widget.css`, then `banners.css` and `recs.css` in builds with those
/// widgets; minified by build.rs), handed to the element script once per page.
pub(super) const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// Replaces the widget's content with the card.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(host: &HtmlElement, text: &CardText) -> Result<(), JsValue> {
    let mut t = Tree::new();
    t.open("section", "card").attr("part", "card").attr("aria-label", &text.title);
    t.open("header", "header").leaf("h2", "title", &text.title);
    if let Some(tier) = &text.tier {
        t.open("span", "tier").attr("part", "tier").text(tier).close();
    }
    t.close();
    if let Some(greeting) = &text.greeting {
        t.leaf("p", "greeting", greeting);
    }
    t.open("p", "balance").leaf("strong", "points", &text.balance).leaf("span", "note", &text.balance_note).close();
    if let Some(progress) = &text.progress {
        t.open("div", "progress")
            .attr("role", "progressbar")
            .attr("aria-label", &progress.label)
            .attr("aria-valuemin", "0")
            .attr("aria-valuemax", "100")
            .attr("aria-valuenow", &progress.percent.to_string())
            .attr("aria-valuetext", &progress.value_text)
            .open("div", "fill")
            .attr("--patron-progress", &format!("{}%", progress.percent))
            .close()
            .close();
        t.leaf("p", "caption", &progress.caption);
    }
    for (line, class) in [(&text.top_tier, "top"), (&text.expiring, "expiring"), (&text.cart, "cart")] {
        if let Some(line) = line {
            t.leaf("p", class, line);
        }
    }
    if let Some(heading) = &text.list_heading {
        t.leaf("h3", "list-heading", heading).open("ul", "list");
        for item in &text.list {
            t.leaf("li", "item", item);
        }
        t.close();
    }
    t.show(host)
}
