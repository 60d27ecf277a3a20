// @ts-check
// Offer banners in the page (builds with the cargo feature "banners"): the events a shop's analytics
// listens to and the shopper's offer memory in localStorage. The WASM module decides what shows;
// this script reports what the shopper does with it, from the data attributes the module writes.
// Kept once per page, for both of Patron's modules (js/state.js): a banner wired by one is not wired
// again by the other, and an impression counts once per page view whichever module rendered it.
import { copy, dispatch, observer, watch } from "./js/events.js";
import { shared } from "./js/state.js";
import { MEMORY_KEY } from "./js/storage.js";

export { readStored } from "./js/storage.js";

const observers = shared.bannerObservers ??= new WeakMap();

/** @typedef {{ day?: string, today: number, total: number, dismissed: boolean }} Memory */

/**
 * Gives `host`'s shadow root one delegated click listener and one IntersectionObserver (at least
 * half of a banner visible counts as an impression). Safe to call again.
 * @param {HTMLElement} host
 */
export function wireBanners(host) {
  const root = host.shadowRoot;
  if (!root || observers.has(host)) return;
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest("[data-action]")) : null;
    if (!target) return;
    const action = target.dataset.action;
    if (action === "copy") {
      copy(target);
    } else if (action === "click") {
      report(host, "click", /** @type {HTMLElement | null} */ (target.closest("[data-offer]")));
    } else if (action === "dismiss") {
      const banner = /** @type {HTMLElement | null} */ (target.closest("[data-offer]"));
      remember(banner, (entry) => { entry.dismissed = true; });
      report(host, "dismiss", banner);
      banner?.remove();
    }
  });
  // Without IntersectionObserver (older browsers, some embedded web views) a banner counts as seen
  // when it is shown (afterBuild).
  observers.set(host, observer((banner) => impression(host, banner)));
}

/**
 * @param {HTMLElement} host
 * @param {HTMLElement} banner
 */
function impression(host, banner) {
  if (once(host, "impression", banner)) remember(banner, (memory) => { memory.today += 1; memory.total += 1; });
}

// What was reported in this page view: an assignment, an impression or a holdout counts once per offer.
const reported = shared.reported ??= new Set();

/**
 * Reports patron:offer-NAME for `banner` unless this page view has already; whether it did.
 * @param {HTMLElement} host
 * @param {string} name
 * @param {HTMLElement} banner
 */
function once(host, name, banner) {
  const key = `${name}:${banner.dataset.offer}`;
  if (reported.has(key)) return false;
  reported.add(key);
  report(host, name, banner);
  return true;
}

/**
 * Dispatches patron:offer-NAME from `host`, bubbling and composed so the page hears it; the detail
 * names the offer and the shopper's group ("treatment" or "holdout"), never the shopper: analyticsId
 * is the key the shop's server computed with its secret (customer.analytics_id), null without one
 * or without analytics consent.
 * @param {HTMLElement} host
 * @param {string} name
 * @param {HTMLElement | null} banner
 */
function report(host, name, banner) {
  if (!banner) return;
  const list = /** @type {HTMLElement | null} */ (banner.closest(".banners"));
  dispatch(host, `patron:offer-${name}`, {
    offerId: banner.dataset.offer,
    variant: banner.dataset.variant ?? null,
    placement: banner.dataset.placement,
    group: banner.dataset.group,
    analyticsId: list?.dataset.analyticsId ?? null,
  });
}

/**
 * Updates the offer memory (impressions by day and in total, dismissals) in localStorage — only
 * where the WASM module marked the list as rememberable (the shopper consented). The WASM module
 * reads the same JSON for frequency caps.
 * @param {HTMLElement | null} banner
 * @param {(entry: Memory) => void} change
 */
function remember(banner, change) {
  const list = /** @type {HTMLElement | null | undefined} */ (banner?.closest(".banners"));
  if (!list || !("remember" in list.dataset)) return;
  try {
    let memory = JSON.parse(localStorage.getItem(MEMORY_KEY) ?? "null");
    if (!memory || typeof memory.offers !== "object" || memory.offers === null) memory = { offers: {} };
    // The element the module marked with data-offer (closest("[data-offer]")).
    const offer = /** @type {string} */ (/** @type {HTMLElement} */ (banner).dataset.offer);
    const old = memory.offers[offer] ?? {};
    const today = list.dataset.today;
    const entry = {
      day: today,
      today: old.day === today ? Number(old.today) || 0 : 0,
      total: Number(old.total) || 0,
      dismissed: old.dismissed === true,
    };
    change(entry);
    delete memory.offers[offer];
    memory.offers[offer] = entry;
    // Forget the offers seen longest ago beyond 200.
    const ids = Object.keys(memory.offers);
    for (const id of ids.slice(0, Math.max(0, ids.length - 200))) delete memory.offers[id];
    localStorage.setItem(MEMORY_KEY, JSON.stringify(memory));
  } catch {
    // Storage refused (private mode, a sandboxed frame, quota): caps then hold for this page only.
  }
}

/**
 * After a render: watches the new banners for impressions and reports the offers assigned and held out.
 * @param {HTMLElement} host
 */
export function afterBuild(host) {
  const watching = observers.get(host);
  if (watching === undefined) return;
  const root = /** @type {ShadowRoot} */ (host.shadowRoot);
  watch(watching, /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(".banner[data-offer]")), (banner) => impression(host, banner));
  // Every offer the shopper qualifies for, shown or not, with its group: what patron report compares.
  for (const assigned of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-group]"))) {
    once(host, "assigned", assigned);
    if (assigned.dataset.group === "holdout") once(host, "holdout", assigned);
  }
}
