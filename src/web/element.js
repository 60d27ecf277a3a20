// The <patron-widget> element class. A custom element must be a JavaScript class that extends
// HTMLElement, which Rust cannot declare; everything it does is delegated back to the WASM module.
export function defineElement(name, connected, disconnected) {
  if (customElements.get(name)) return false;
  customElements.define(name, class extends HTMLElement {
    static observedAttributes = ["placement", "session", "config", "config-src", "locale"];
    connectedCallback() { connected(this); }
    disconnectedCallback() { disconnected(this); }
    attributeChangedCallback(_name, before, after) {
      if (this.isConnected && before !== after) connected(this);
    }
  });
  return true;
}
