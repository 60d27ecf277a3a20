// @ts-check
// The configs and models the widgets name: fetched once per page with normal HTTP caching, from the
// page's origin or one it lists, and started before the WASM module has compiled.
import { describe } from "./helpers.js";
import { render } from "./schedule.js";
import { shared } from "./state.js";

/** @typedef {import("./state.js").Download} Download */
/** @typedef {(response: Response) => Promise<string | Uint8Array>} Read */

/**
 * The text at `url`, fetched once per page with normal HTTP caching: a string when it has arrived,
 * {error} when it failed, undefined while it is on its way (then `host` renders again on arrival).
 * @param {string} url
 * @param {HTMLElement} host
 */
export function loadText(url, host) { return load(url, host, text); }
/** @type {Read} */
const text = (response) => response.text();

/**
 * The same for a binary file (the recommendation model): a Uint8Array when it has arrived.
 * @param {string} url
 * @param {HTMLElement} host
 */
export function loadBytes(url, host) { return load(url, host, bytes); }
/** @type {Read} */
const bytes = async (response) => new Uint8Array(await response.arrayBuffer());

/**
 * @param {string} url
 * @param {HTMLElement} host
 * @param {Read} read
 */
function load(url, host, read) {
  const entry = start(url, read);
  if ("body" in entry) return entry.body;
  if ("error" in entry) return { error: entry.error };
  entry.waiting.add(host);
  return undefined;
}

/**
 * @param {string} url
 * @param {Read} read
 * @returns {Download}
 */
function start(url, read) {
  let entry = shared.texts.get(url);
  if (!entry) {
    entry = { waiting: new Set() };
    shared.texts.set(url, entry);
    fetchInto(entry, url, read);
  }
  return entry;
}

/**
 * Fetches `url` into `entry` and renders the elements waiting for it. Written with await rather
 * than then(), which a page may have replaced; a missing or throwing fetch is a failed download.
 * @param {Download} entry
 * @param {string} url
 * @param {Read} read
 */
async function fetchInto(entry, url, read) {
  try {
    const response = await fetch(loadable(url), { credentials: "same-origin" });
    // A redirect may lead anywhere: the file must come from where Patron may load from.
    if (response.redirected && !allowed(new URL(response.url))) throw new Error(`redirected to ${response.url}, ${elsewhere}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    entry.body = await read(response);
  } catch (error) {
    entry.error = describe(error);
  }
  const waiting = [...entry.waiting];
  entry.waiting.clear();
  for (const waiter of waiting) render(waiter);
}

// What Patron fetches (configs, models) and the images it shows come from the page's own origin,
// or from an origin the page lists in <meta name="patron-origins" content="https://cdn.example">
// (links the shopper follows may go to any http(s) address). The URL is resolved against the page
// by the browser's URL parser, which sees "//evil.example" for the other origin it is.
const elsewhere = "an origin this page does not list in <meta name=patron-origins>";
/**
 * The URL resolved against the page, or throws why Patron may not load from it.
 * @param {string} url
 * @returns {string}
 */
export function loadable(url) {
  const target = new URL(url, document.baseURI);
  if (!allowed(target)) throw new Error(`${target.origin} is ${elsewhere}`);
  return target.href;
}
/** @param {URL} target */
function allowed(target) {
  // A data: URL is the page's own content, and requests nothing.
  if (target.protocol === "data:") return true;
  const listed = /** @type {HTMLMetaElement | null} */ (document.querySelector("meta[name=patron-origins]"))?.content.split(/\s+/) ?? [];
  return target.origin === location.origin || listed.some((origin) => {
    try {
      return new URL(origin).origin === target.origin;
    } catch {
      return false; // not an origin: it allows nothing
    }
  });
}

// The configs and models the page's elements name start downloading now, while the WASM module
// compiles, rather than after: the first widget paints one round trip sooner.
const named = typeof document === "undefined" ? [] : document.querySelectorAll("patron-widget[config-src], patron-widget[model-src]");
for (const element of named) {
  const config = element.getAttribute("config-src");
  const model = element.getAttribute("model-src");
  if (config) start(config, text);
  if (model && element.getAttribute("placement") === "recommendations") start(model, bytes);
}
