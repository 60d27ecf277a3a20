//! The loyalty card in the DOM: built from [`CardText`] inside the element's shadow root, text always
//! set as text, styled by one constructable stylesheet shared by every widget on the page.

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::loyalty::CardText;

const STYLES: &str = include_str!("widget.css");

thread_local! {
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new().ok().filter(|sheet| sheet.replace_sync(STYLES).is_ok());
}

/// The element's shadow root (created if the element was not wired yet), with the widget's stylesheet.
pub(super) fn shadow(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    if root.adopted_style_sheets().length() == 0 {
        SHEET.with(|sheet| {
            if let Some(sheet) = sheet {
                root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
            }
        });
    }
    Ok(root)
}

/// Empties the widget: what a page shows when there is nothing valid to render.
pub(super) fn clear(host: &HtmlElement) {
    if let Some(root) = host.shadow_root() {
        while let Some(child) = root.first_child() {
            let _ = root.remove_child(&child);
        }
    }
}

/// Replaces the widget's content with the card.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(host: &HtmlElement, text: &CardText) -> Result<(), JsValue> {
    let root = shadow(host)?;
    let document = host.owner_document().ok_or("the element has no document")?;
    let card = el(&document, "section", "card")?;
    card.set_attribute("part", "card")?;
    card.set_attribute("aria-label", &text.title)?;

    let header = el(&document, "header", "header")?;
    add(&header, &text_el(&document, "h2", "title", &text.title)?)?;
    if let Some(tier) = &text.tier {
        let badge = text_el(&document, "span", "tier", tier)?;
        badge.set_attribute("part", "tier")?;
        add(&header, &badge)?;
    }
    add(&card, &header)?;

    if let Some(greeting) = &text.greeting {
        add(&card, &text_el(&document, "p", "greeting", greeting)?)?;
    }
    let balance = el(&document, "p", "balance")?;
    add(&balance, &text_el(&document, "strong", "points", &text.balance)?)?;
    add(&balance, &text_el(&document, "span", "note", &text.balance_note)?)?;
    add(&card, &balance)?;

    if let Some(progress) = &text.progress {
        let bar = el(&document, "div", "progress")?;
        bar.set_attribute("role", "progressbar")?;
        bar.set_attribute("aria-label", &progress.label)?;
        bar.set_attribute("aria-valuemin", "0")?;
        bar.set_attribute("aria-valuemax", "100")?;
        bar.set_attribute("aria-valuenow", &progress.percent.to_string())?;
        bar.set_attribute("aria-valuetext", &progress.value_text)?;
        let fill: HtmlElement = el(&document, "div", "fill")?.unchecked_into();
        // Through the CSSOM rather than a style attribute, which a strict CSP would block.
        fill.style().set_property("--patron-progress", &format!("{}%", progress.percent))?;
        add(&bar, &fill)?;
        add(&card, &bar)?;
        add(&card, &text_el(&document, "p", "caption", &progress.caption)?)?;
    }
    for (line, class) in [(&text.top_tier, "top"), (&text.expiring, "expiring"), (&text.cart, "cart")] {
        if let Some(line) = line {
            add(&card, &text_el(&document, "p", class, line)?)?;
        }
    }
    if let Some(heading) = &text.list_heading {
        add(&card, &text_el(&document, "h3", "list-heading", heading)?)?;
        let list = el(&document, "ul", "list")?;
        for item in &text.list {
            add(&list, &text_el(&document, "li", "item", item)?)?;
        }
        add(&card, &list)?;
    }

    clear(host);
    add(&root, &card)?;
    Ok(())
}

pub(super) fn add(parent: &impl AsRef<web_sys::Node>, child: &impl AsRef<web_sys::Node>) -> Result<(), JsValue> {
    parent.as_ref().append_child(child.as_ref()).map(|_| ())
}

pub(super) fn el(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_class_name(class);
    Ok(element)
}

pub(super) fn text_el(document: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let element = el(document, tag, class)?;
    // Text, never markup: names and config texts reach the page as typed.
    element.set_text_content(Some(text));
    Ok(element)
}
