// @ts-check
// Small helpers around what a page may have taken away or replaced: the console, Intl's methods,
// the document.
import { shared } from "./state.js";

/**
 * An exception's message, or its string form: what the module reports of an error it caught.
 * @param {unknown} error
 * @returns {string}
 */
export function describe(error) {
  return String(/** @type {any} */ (error)?.message ?? error);
}

/**
 * An Intl.NumberFormat, DateTimeFormat or PluralRules, as a page may have altered it.
 * @typedef {{ select?: (value: number) => string, format?: (value: number) => string }} Formatter
 */

/**
 * What an Intl formatter makes of a number: NumberFormat's and DateTimeFormat's format (a moment as
 * milliseconds since 1970), PluralRules' select. Undefined where the page replaced the method with
 * one that throws: the module then shows the value plainly.
 * @param {Formatter} formatter
 * @param {number} value
 * @returns {string | undefined}
 */
export function formatted(formatter, value) {
  try {
    // Without format (a PluralRules whose select the page removed), the call throws as well.
    return formatter.select ? formatter.select(value) : /** @type {(value: number) => string} */ (formatter.format)(value);
  } catch {
    // Shown plainly.
  }
}

/**
 * Logs a warning, prefixed so that a developer can filter the console for it, and once per page: a
 * page with five widgets and one broken session hears of it once. A page may have removed
 * console.warn or replaced it with one that throws: the warning is then lost, and the render goes on.
 * @param {string} message
 */
export function say(message) {
  if (shared.said.has(message)) return;
  shared.said.add(message);
  try {
    console.warn(`patron: ${message}`);
  } catch {
    // Nowhere to say it.
  }
}

/**
 * The page's document; null outside a page.
 * @returns {Document | null}
 */
export function page() {
  return globalThis.document ?? null;
}
