// The <patron-widget> element class. A custom element must be a JavaScript class that extends
// HTMLElement, which Rust cannot declare; rendering is delegated back to the WASM module.
export function defineElement(name, render) {
  if (customElements.get(name)) return false;
  customElements.define(name, class extends HTMLElement {
    static observedAttributes = ["session", "config", "config-src", "locale"];
    connectedCallback() { render(this); }
    attributeChangedCallback(_name, before, after) {
      if (this.isConnected && before !== after) render(this);
    }
  });
  return true;
}
