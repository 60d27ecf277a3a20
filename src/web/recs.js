// @ts-check
// The recommendations carousel's events (builds with the cargo feature "recommendations"): the WASM
// module decides what shows; this script reports what the shopper sees and clicks, from the data
// attributes the module writes. Events bubble and are composed, so the page hears them; their detail
// names the product and its place, never the shopper: analyticsId is the key the shop's server
// computed with its secret, null without one or without analytics consent.
import { dispatch, observer, watch } from "./js/events.js";
import { shared } from "./js/state.js";

// The page's, not this module's: a module that takes the page over (a rewards panel added later, the
// recovery module after a mistake) finds each carousel wired and each impression counted, so that no
// click or impression is reported twice.
const observers = shared.recObservers ??= new WeakMap();
const seen = shared.recsSeen ??= new Set(); // products with an impression in this page view

/**
 * @param {HTMLElement} host
 * @param {string} name
 * @param {HTMLElement | null} item
 */
function report(host, name, item) {
  if (!item) return;
  dispatch(host, `patron:rec-${name}`, {
    sku: item.dataset.sku,
    position: Number(item.dataset.position),
    reason: item.dataset.reason,
    analyticsId: /** @type {HTMLElement | null} */ (item.closest(".recs"))?.dataset.analyticsId ?? null,
  });
}

/**
 * One delegated click listener and one IntersectionObserver per widget (half of a product visible
 * counts as an impression, once per product per page view). Safe to call again.
 * @param {HTMLElement} host
 */
export function wireRecs(host) {
  const root = host.shadowRoot;
  if (!root || observers.has(host)) return;
  root.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-action=rec-click]") : null;
    if (link) report(host, "click", /** @type {HTMLElement | null} */ (link.closest("[data-sku]")));
  });
  // Without IntersectionObserver (older browsers, some embedded web views) a product counts as seen
  // when it is shown (afterRecs).
  observers.set(host, observer((item) => impression(host, item)));
}

/**
 * @param {HTMLElement} host
 * @param {HTMLElement} item
 */
function impression(host, item) {
  if (seen.has(item.dataset.sku)) return;
  seen.add(item.dataset.sku);
  report(host, "impression", item);
}

/**
 * After a render: watches the new products for impressions.
 * @param {HTMLElement} host
 */
export function afterRecs(host) {
  const watching = observers.get(host);
  if (watching === undefined) return;
  const products = /** @type {ShadowRoot} */ (host.shadowRoot).querySelectorAll(".product[data-sku]");
  watch(watching, /** @type {NodeListOf<HTMLElement>} */ (products), (item) => impression(host, item));
}
