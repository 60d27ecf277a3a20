// @ts-check
// What Patron keeps in the shopper's browser (the book, integrate/privacy.md, "What Patron stores"): localStorage keys under
// the prefix "patron:", today one, the offer memory banners.js writes with consent. Storage that
// throws (private modes, sandboxed frames, a page that removed it) counts as empty, never as an error.

/** The offer memory: impressions and dismissals by offer id (banners.js; offers/memory.rs). */
export const MEMORY_KEY = "patron:v1:offers";

/**
 * The text stored under `key`; null where there is none or storage refuses to be read.
 * @param {string} key
 */
export function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Removes every key Patron wrote: the module calls it when a session arrives without
 * personalisation consent, and the package's `forget()` does the same (npm/patron.js, which loads
 * no module for it, holds the same loop).
 */
export function forgetStored() {
  try {
    for (let i = localStorage.length - 1; i >= 0; i -= 1) {
      const key = localStorage.key(i);
      if (key?.startsWith("patron:")) localStorage.removeItem(key);
    }
  } catch {
    // Storage that cannot be read holds nothing of Patron's either.
  }
}
