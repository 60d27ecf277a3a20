//! The loyalty card in the DOM: described from [`CardText`] and built inside the element's shadow
//! root, styled by one constructable stylesheet shared by every widget on the page.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::{show, Node};

use crate::loyalty::CardText;

/// The widgets' stylesheet (`widget.css`, then `banners.css` and `recs.css` in builds with those
/// widgets; minified by build.rs), handed to the element script once per page.
pub(super) const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// Replaces the widget's content with the card.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(host: &HtmlElement, text: &CardText) -> Result<(), JsValue> {
    let mut header = Node::new("header", "header").child(Node::new("h2", "title").text(&text.title));
    if let Some(tier) = &text.tier {
        header.push(Node::new("span", "tier").attr("part", "tier").text(tier));
    }
    let mut card = Node::new("section", "card").attr("part", "card").attr("aria-label", &text.title).child(header);
    if let Some(greeting) = &text.greeting {
        card.push(Node::new("p", "greeting").text(greeting));
    }
    card.push(
        Node::new("p", "balance")
            .child(Node::new("strong", "points").text(&text.balance))
            .child(Node::new("span", "note").text(&text.balance_note)),
    );
    if let Some(progress) = &text.progress {
        card.push(
            Node::new("div", "progress")
                .attr("role", "progressbar")
                .attr("aria-label", &progress.label)
                .attr("aria-valuemin", "0")
                .attr("aria-valuemax", "100")
                .attr("aria-valuenow", &progress.percent.to_string())
                .attr("aria-valuetext", &progress.value_text)
                .child(Node::new("div", "fill").attr("--patron-progress", &format!("{}%", progress.percent))),
        );
        card.push(Node::new("p", "caption").text(&progress.caption));
    }
    for (line, class) in [(&text.top_tier, "top"), (&text.expiring, "expiring"), (&text.cart, "cart")] {
        if let Some(line) = line {
            card.push(Node::new("p", class).text(line));
        }
    }
    if let Some(heading) = &text.list_heading {
        card.push(Node::new("h3", "list-heading").text(heading));
        let mut list = Node::new("ul", "list");
        for item in &text.list {
            list.push(Node::new("li", "item").text(item));
        }
        card.push(list);
    }
    show(host, &[card])
}
