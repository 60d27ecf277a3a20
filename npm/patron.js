// Patron's entry point. Importing it — one <script type="module" src=".../patron.js"> or a
// bundler's `import { mount, update } from "patron"` — starts the widget: every <patron-widget> on
// the page, now or later, renders. A failure to start is logged, never thrown into the page.
import init, { mount, refresh, update, updateCart } from "./patron_core.js";

// The performance marks "patron:start" (the first statement of patron_core.js, which runs before
// this module's body) and "patron:first-paint" (element.js) let a page's own tooling measure Patron.

export { mount, refresh, update };

// The module downloads and compiles off the main thread; meanwhile the browser loads its number
// data for the page's language, which the first widget would otherwise wait for (the first Intl
// formatter of a page costs 10 to 20 ms in Chromium, every later one a fraction of a millisecond).
// Dates and plurals are left to the widgets that show them.
const started = init();
try {
  const locale = document.querySelector("patron-widget[locale]")?.getAttribute("locale") || document.documentElement.lang || undefined;
  new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(1);
} catch {
  // A malformed locale: the widget falls back on its own and says so.
}

try {
  await started;
  // The host announces cart changes with this event; its detail is the cart, {"lines": [...]}.
  document.addEventListener("patron:cart-updated", (event) => updateCart(event.detail));
} catch (error) {
  console.warn(`patron: could not start: ${error?.message ?? error}`);
}
