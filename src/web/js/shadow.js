// @ts-check
// A widget's shadow root: its stylesheet, and its content, built from the tree the WASM module
// describes.
import { loadable } from "./fetch.js";
import { say } from "./helpers.js";
import { built } from "./schedule.js";
import { shared } from "./state.js";

/**
 * Gives `host` an open shadow root. Safe to call again, and on an element that cannot have one
 * (`mount` on an <img>): rendering into it then reports that.
 * @param {HTMLElement} host
 */
export function wire(host) {
  try {
    shadowOf(host);
  } catch {
    // Reported by the render.
  }
}

/**
 * `host`'s shadow root, made if it has none yet; throws where `host` cannot have one.
 * @param {HTMLElement} host
 */
function shadowOf(host) {
  return host.shadowRoot ?? host.attachShadow({ mode: "open" });
}

/**
 * The widget's stylesheet (widget.css, from the module): one constructable stylesheet shared by
 * every widget on the page, parsed once. A browser without them shows the widgets unstyled.
 * @param {string} css
 */
export function setStyles(css) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shared.sheets.add(sheet);
    shared.sheet = sheet;
  } catch {
    shared.sheet = null;
  }
}

/**
 * Empties a widget: what a page shows when there is nothing valid to render.
 * @param {HTMLElement} host
 */
export function clear(host) {
  host.shadowRoot?.replaceChildren();
}

/**
 * An element as the module describes it: [tag, class, [[attribute, value]...], text or null,
 * [children...]].
 * @typedef {[string, string, [string, string][], string | null, Tree[]]} Tree
 */

/**
 * Replaces the content of a widget's shadow root with a tree the WASM module describes as JSON (a
 * list of `Tree`). Names come from the module, values and texts from documents; texts are set as
 * textContent, never parsed as markup. Throws where `host` cannot have a shadow root.
 * @param {HTMLElement} host
 * @param {string} tree
 */
export function build(host, tree) {
  const root = shadowOf(host);
  const sheet = shared.sheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((other) => !shared.sheets.has(other)), sheet];
  }
  /**
   * @param {Tree} tree
   * @returns {Node | string}
   */
  const make = ([tag, className, attributes, text, children]) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    for (const [name, value] of attributes) {
      if (name.startsWith("--")) element.style.setProperty(name, value);
      else {
        // An image Patron may not load is left out, and the rest of the widget shows. (Links are the
        // documents' check: http(s) or a reference, and no backslash; src/url.rs.)
        try {
          if (name === "src") loadable(value);
        } catch (error) {
          say(`left out the image ${value}: ${/** @type {Error} */ (error).message}`);
          return "";
        }
        element.setAttribute(name, value);
      }
    }
    if (text !== null) element.textContent = text;
    element.append(...children.map(make));
    return element;
  };
  root.replaceChildren(...JSON.parse(tree).map(make));
  built();
}
