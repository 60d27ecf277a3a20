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

/// One element.
pub(super) struct Node {
    tag: &'static str,
    class: &'static str,
    attributes: Vec<(&'static str, String)>,
    text: Option<String>,
    children: Vec<Node>,
}

impl Node {
    /// `<tag class="class">`.
    pub(super) fn new(tag: &'static str, class: &'static str) -> Node {
        Node { tag, class, attributes: Vec::new(), text: None, children: Vec::new() }
    }

    /// Sets the element's text.
    pub(super) fn text(mut self, text: &str) -> Node {
        self.text = Some(text.to_string());
        self
    }

    /// Sets an attribute; a name starting with `--` sets a CSS custom property through the CSSOM,
    /// which a strict Content Security Policy allows where a `style` attribute would be blocked.
    pub(super) fn attr(mut self, name: &'static str, value: &str) -> Node {
        self.attributes.push((name, value.to_string()));
        self
    }

    /// Appends a child.
    pub(super) fn child(mut self, child: Node) -> Node {
        self.children.push(child);
        self
    }

    /// Appends a child in place.
    pub(super) fn push(&mut self, child: Node) {
        self.children.push(child);
    }

    /// `["tag","class",[["name","value"]…],"text"|null,[children…]]`
    fn write(&self, out: &mut String) {
        out.push('[');
        out.push_str(&quoted(self.tag));
        out.push(',');
        out.push_str(&quoted(self.class));
        out.push_str(",[");
        for (i, (name, value)) in self.attributes.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            out.push_str(&quoted(name));
            out.push(',');
            out.push_str(&escaped(value));
            out.push(']');
        }
        out.push_str("],");
        match &self.text {
            Some(text) => out.push_str(&escaped(text)),
            None => out.push_str("null"),
        }
        out.push_str(",[");
        for (i, child) in self.children.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            child.write(out);
        }
        out.push_str("]]");
    }
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

/// Replaces the content of `host`'s shadow root with `nodes`.
///
/// # Errors
/// A DOM exception: `host` cannot have a shadow root (`mount` on an `<img>`), or a broken browser
/// environment.
pub(super) fn show(host: &HtmlElement, nodes: &[Node]) -> Result<(), JsValue> {
    let mut tree = String::from("[");
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            tree.push(',');
        }
        node.write(&mut tree);
    }
    tree.push(']');
    build(host, &tree)
}
