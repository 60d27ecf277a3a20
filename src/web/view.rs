//! The widget's DOM, described as data and built by the element script in one call. Building it
//! element by element through web-sys cost a binding and its glue per call.
//!
//! Every tag and attribute name is a `&'static str` of this crate; only values and texts come from
//! documents. Texts are set as `textContent` and never parsed as markup.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::words::quoted;

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    // Also gives the element its shadow root and the widget's stylesheet, if it has them not yet.
    #[wasm_bindgen(catch)]
    fn build(host: &HtmlElement, tree: &str) -> Result<(), JsValue>;
}

/// A JSON string of any length (`quoted` shortens long strings for messages; page text must not be).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                out.push_str(&crate::words::hex(u64::from(c), 4));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The tree the element script builds, written as it is described, element by element, as JSON:
/// `[tag, class, [[attribute, value]…], text or null, [children…]]` per element. Writing it straight
/// into one string, rather than building a value per element first, took a third of the bytes the
/// widgets' drawing code cost (the book: internals/architecture.md, "Checking what code costs").
///
/// `open` starts an element; `attr` and then `text` may follow; `close` ends it. Children are the
/// elements opened before it is closed. An attribute named `--…` sets a CSS custom property through
/// the CSSOM, which a strict Content Security Policy allows where a `style` attribute would be
/// blocked.
pub(super) struct Tree {
    out: String,
    /// For each open element: whether its attribute list is still open.
    open: Vec<bool>,
    /// Whether the list being written (attributes or children) has no item yet.
    fresh: bool,
}

impl Tree {
    /// An empty tree.
    pub(super) fn new() -> Tree {
        Tree { out: String::from("["), open: Vec::new(), fresh: true }
    }

    fn item(&mut self) {
        if !self.fresh {
            self.out.push(',');
        }
        self.fresh = false;
    }

    /// Closes the open element's attributes, with no text, before its first child.
    fn children(&mut self) {
        if let Some(attributes @ true) = self.open.last_mut() {
            *attributes = false;
            self.out.push_str("],null,[");
            self.fresh = true;
        }
    }

    /// Starts `<tag class="class">`.
    pub(super) fn open(&mut self, tag: &'static str, class: &'static str) -> &mut Tree {
        self.children();
        self.item();
        self.out.push('[');
        self.out.push_str(&quoted(tag));
        self.out.push(',');
        self.out.push_str(&quoted(class));
        self.out.push_str(",[");
        self.open.push(true);
        self.fresh = true;
        self
    }

    /// An attribute of the element just opened.
    pub(super) fn attr(&mut self, name: &'static str, value: &str) -> &mut Tree {
        self.item();
        self.out.push('[');
        self.out.push_str(&quoted(name));
        self.out.push(',');
        self.out.push_str(&escaped(value));
        self.out.push(']');
        self
    }

    /// The text of the element just opened, after its attributes.
    pub(super) fn text(&mut self, text: &str) -> &mut Tree {
        if let Some(attributes @ true) = self.open.last_mut() {
            *attributes = false;
            self.out.push_str("],");
            self.out.push_str(&escaped(text));
            self.out.push_str(",[");
            self.fresh = true;
        }
        self
    }

    /// Ends the innermost open element.
    pub(super) fn close(&mut self) -> &mut Tree {
        self.children();
        self.out.push_str("]]");
        self.open.pop();
        self.fresh = false;
        self
    }

    /// `<tag class="class">text</tag>`.
    pub(super) fn leaf(&mut self, tag: &'static str, class: &'static str, text: &str) -> &mut Tree {
        self.open(tag, class).text(text).close()
    }

    /// Replaces the content of `host`'s shadow root with the tree.
    ///
    /// # Errors
    /// A DOM exception: `host` cannot have a shadow root (`mount` on an `<img>`), or a broken browser
    /// environment.
    pub(super) fn show(mut self, host: &HtmlElement) -> Result<(), JsValue> {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push(']');
        build(host, &self.out)
    }
}
