// Patron's entry point. Importing it — one <script type="module" src=".../patron.js"> or a
// bundler's `import { mount, update } from "patron"` — starts the widget: every <patron-widget> on
// the page, now or later, renders. A failure to start is logged, never thrown into the page.
import init, { mount, refresh, update, updateCart } from "./patron_core.js";

// "patron:start" and, once the first widget is on screen, "patron:first-paint" (element.js): the
// page's own performance tooling can measure Patron with them.
performance.mark?.("patron:start");

export { mount, refresh, update };

try {
  await init();
  // The host announces cart changes with this event; its detail is the cart, {"lines": [...]}.
  document.addEventListener("patron:cart-updated", (event) => updateCart(event.detail));
} catch (error) {
  console.warn(`patron: could not start: ${error?.message ?? error}`);
}
