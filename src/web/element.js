// The <patron-widget> element class and the plumbing around a widget's shadow root: the config
// fetch, the delegated click listener and the IntersectionObserver. A custom element must be a
// JavaScript class that extends HTMLElement, which Rust cannot declare; every decision is delegated
// back to the WASM module through `render` and `act`.
const observers = new WeakMap();
const mounted = new WeakMap();
const texts = new Map();
let renderHost = null;

export function defineElement(name, render, act) {
  renderHost = render;
  if (customElements.get(name)) return false;
  customElements.define(name, class extends HTMLElement {
    static observedAttributes = ["placement", "session", "config", "config-src", "locale"];
    constructor() { super(); wire(this, act); }
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
export function loadText(url, host) {
  let entry = texts.get(url);
  if (!entry) {
    entry = { waiting: new Set() };
    texts.set(url, entry);
    fetch(url, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((text) => { entry.text = text; }, (error) => { entry.error = String(error?.message ?? error); })
      .finally(() => {
        const waiting = [...entry.waiting];
        entry.waiting.clear();
        for (const waiter of waiting) renderHost?.(waiter);
      });
  }
  if ("text" in entry) return entry.text;
  if ("error" in entry) return { error: entry.error };
  entry.waiting.add(host);
  return undefined;
}

// Gives `host` an open shadow root with one delegated click listener and one IntersectionObserver
// (at least half of a banner visible counts as an impression). Safe to call again.
export function wire(host, act) {
  if (observers.has(host)) return;
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  if (typeof act !== "function") { observers.set(host, null); return; }
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!target) return;
    if (target.dataset.action === "copy") {
      navigator.clipboard?.writeText(target.dataset.text ?? "").then(
        () => { target.textContent = target.dataset.copied ?? target.textContent; },
        () => {},
      );
    }
    act(host, target.dataset.action, target.closest("[data-offer]")?.dataset.offer ?? "");
  });
  observers.set(host, new IntersectionObserver((entries, observer) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      act(host, "impression", entry.target.dataset.offer ?? "");
    }
  }, { threshold: 0.5 }));
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

// Watches the banners now in `host`'s shadow root for impressions.
export function observeBanners(host) {
  const observer = observers.get(host);
  if (!observer || !host.shadowRoot) return;
  observer.disconnect();
  for (const banner of host.shadowRoot.querySelectorAll("[data-offer]")) observer.observe(banner);
}
