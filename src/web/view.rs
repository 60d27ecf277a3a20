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

#[cfg(feature = "rewards")]
/// The same tree written as it is described, element by element, without building [`Node`]s first:
/// for the rewards panel, whose many small elements cost about a third as many bytes of WASM
/// written this way (README, "Checking what code costs").
///
/// `open` starts an element; `attr` and then `text` may follow; `close` ends it. Children are the
/// elements opened before it is closed.
pub(super) struct Tree {
    out: String,
    /// For each open element: whether its attribute list is still open.
    open: Vec<bool>,
    /// Whether the list being written (attributes or children) has no item yet.
    fresh: bool,
}

#[cfg(feature = "rewards")]
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

    /// An attribute of the element just opened (as [`Node::attr`]).
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
    /// As [`show`].
    pub(super) fn show(mut self, host: &HtmlElement) -> Result<(), JsValue> {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push(']');
        build(host, &self.out)
    }
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
