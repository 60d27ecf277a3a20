// The <patron-widget> element class and the plumbing around a widget's shadow root: the config
// fetch and the DOM built from the module's description (banners.js adds the banners' events). A custom element must be a
// JavaScript class that extends HTMLElement, which Rust cannot declare; every decision is delegated
// back to the WASM module through `render` and `act`.
const mounted = new WeakMap();
const texts = new Map();
let renderHost = null;

export function defineElement(name, render) {
  renderHost = render;
  if (customElements.get(name)) return false;
  customElements.define(name, class extends HTMLElement {
    static observedAttributes = ["placement", "session", "config", "config-src", "locale", "model-src", "count"];
    constructor() { super(); wire(this); }
    connectedCallback() { render(this); }
    attributeChangedCallback(_name, before, after) {
      if (this.isConnected && before !== after) render(this);
    }
  });
  return true;
}

// The options `mount` was called with for `host`, so that a re-render (after a fetch) uses them.
export function rememberOptions(host, options) { mounted.set(host, options); }
export function optionsOf(host) { return mounted.get(host); }

// The text at `url`, fetched once per page with normal HTTP caching: a string when it has arrived,
// {error} when it failed, undefined while it is on its way (then `host` renders again on arrival).
export function loadText(url, host) { return load(url, host, (response) => response.text()); }

// The same for a binary file (the recommendation model): a Uint8Array when it has arrived.
export function loadBytes(url, host) {
  return load(url, host, (response) => response.arrayBuffer().then((buffer) => new Uint8Array(buffer)));
}

function load(url, host, read) {
  let entry = texts.get(url);
  if (!entry) {
    entry = { waiting: new Set() };
    texts.set(url, entry);
    fetch(url, { credentials: "same-origin" })
      .then((response) => (response.ok ? read(response) : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((body) => { entry.body = body; }, (error) => { entry.error = String(error?.message ?? error); })
      .finally(() => {
        const waiting = [...entry.waiting];
        entry.waiting.clear();
        for (const waiter of waiting) renderHost?.(waiter);
      });
  }
  if ("body" in entry) return entry.body;
  if ("error" in entry) return { error: entry.error };
  entry.waiting.add(host);
  return undefined;
}

// Gives `host` an open shadow root. Safe to call again.
export function wire(host) {
  if (!host.shadowRoot) host.attachShadow({ mode: "open" });
}

// Replaces the content of a widget's shadow root with a tree the WASM module describes as JSON:
// [tag, class, [[attribute, value]...], text or null, [children...]]. Names come from the module, values
// and texts from documents; texts are set as textContent, never parsed as markup.
export function build(root, tree) {
  const make = ([tag, className, attributes, text, children]) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    for (const [name, value] of attributes) {
      if (name.startsWith("--")) element.style.setProperty(name, value);
      else element.setAttribute(name, value);
    }
    if (text !== null) element.textContent = text;
    element.append(...children.map(make));
    return element;
  };
  root.replaceChildren(...JSON.parse(tree).map(make));
}
