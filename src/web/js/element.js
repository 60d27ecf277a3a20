// @ts-check
// The <patron-widget> element class. A custom element must be a JavaScript class that extends
// HTMLElement, which Rust cannot declare; every decision is delegated back to the WASM module
// through `shared.render` (schedule.js).
import { say } from "./helpers.js";
import { schedule } from "./schedule.js";
import { wire } from "./shadow.js";
import { shared } from "./state.js";

/**
 * Defines the element class under `name`, once per page: whether this call defined it.
 * @param {string} name
 */
export function define(name) {
  const defined = customElements.get(name);
  if (defined) {
    // Another script of the page took the name first: its elements are not Patron's to render.
    if (defined !== shared.element) say(`another script already defined <${name}>; Patron's widgets cannot render`);
    return false;
  }
  customElements.define(name, shared.element = class extends HTMLElement {
    static observedAttributes = ["placement", "session", "config", "config-src", "locale", "model-src", "count"];
    #connected = false;
    constructor() { super(); wire(this); }
    connectedCallback() { this.#connected = true; schedule(this); }
    disconnectedCallback() { this.#connected = false; }
    /**
     * @param {string} _name
     * @param {string | null} before
     * @param {string | null} after
     */
    attributeChangedCallback(_name, before, after) {
      if (this.#connected && before !== after) schedule(this);
    }
  });
  return true;
}
