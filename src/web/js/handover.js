// @ts-check
// What passes from one of the page's Patron modules to the next (state.js): which module renders,
// the elements waiting for a module that renders them, mount()'s options and the session given to
// update(). A module with more widgets takes over every element of the page; the others' work stays
// on screen until it renders again.
import { define } from "./element.js";
import { describe, page } from "./helpers.js";
import { schedule } from "./schedule.js";
import { shared } from "./state.js";

/**
 * Makes `renderWidget` the page's renderer when its module renders every widget the current one
 * does (a module with more widgets takes over; one loaded earlier but finishing later does not),
 * renders the elements that were waiting for it, and defines the element class once per page.
 * @param {string} name
 * @param {(host: HTMLElement) => void} renderWidget
 * @param {number} widgets
 */
export function defineElement(name, renderWidget, widgets) {
  if (shared.render && (widgets & /** @type {number} */ (shared.widgets)) !== shared.widgets) return false;
  shared.render = renderWidget;
  shared.widgets = widgets;
  for (const host of shared.upgrading) schedule(host);
  shared.upgrading.clear();
  return define(name);
}

/**
 * An element this module does not render (`placement` "recommendations" or "rewards"): asks
 * npm/patron.js for a module that does, which renders `host` once it runs. False where nothing can
 * load it (one module's script imported directly rather than through patron.js).
 * @param {HTMLElement} host
 * @param {string} placement
 */
export function awaitModule(host, placement) {
  if (typeof shared.upgrade !== "function") return false;
  shared.upgrading.add(host);
  shared.upgrade(placement);
  return true;
}

/** Whether npm/patron.js can load another module: the recovery module, for update(). */
export function recoverable() { return typeof shared.upgrade == "function"; }

/**
 * Keeps the options `mount` was called with for `host`, so that a re-render (after a fetch, or by
 * the module that takes over) uses them.
 * @param {HTMLElement} host
 * @param {unknown} options
 */
export function rememberOptions(host, options) { shared.mounted.set(host, options); }
/** @param {HTMLElement} host */
export function optionsOf(host) { return shared.mounted.get(host); }

/** The session given to update() (an object or JSON text), for every widget of the page; undefined for the embedded one. */
export function sessionOverride() { return shared.session; }
/**
 * `fromPage`: the page handed the session over with update(); it is then the ledger's truth, and
 * what was redeemed on the page before is in it (rewards.js). A cart change keeps what was redeemed.
 * @param {unknown} session
 * @param {boolean} fromPage
 */
export function setSessionOverride(session, fromPage) {
  shared.session = session ?? undefined;
  if (fromPage) shared.redeemed = [];
}

/**
 * The session in force with `cart` in place of its own (a patron:cart-updated event), in a new
 * object: the page's own is left as it was. The session in force is the one given to update(), else
 * the embedded one. A string instead says why there is none to change: no session, JSON that does
 * not parse, or a field that cannot be read (a getter that throws).
 * @param {unknown} cart
 * @returns {object | string}
 */
export function withCart(cart) {
  try {
    /** @type {any} */
    let session = shared.session ?? page()?.getElementById("patron-session")?.textContent.trim();
    if (typeof session == "string") session = session && JSON.parse(session);
    return session ? { ...session, cart } : "there is no session to update";
  } catch (error) {
    return `the session cannot be read: ${describe(error)}`;
  }
}
