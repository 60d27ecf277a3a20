// @ts-check
// Small helpers around what a page may have taken away or replaced: the console, Intl's methods,
// the document.
import { dispatch } from "./events.js";
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
 * Says what Patron left out of a document because of a problem in it (issue 32): for a shop's
 * monitoring, a bubbling, composed `patron:config-problem` per problem from `host`, with `{document,
 * path, reason, omitted}`; for its developer, one console warning listing every problem of the
 * task (the config's and the session's together).
 * @param {HTMLElement} host
 * @param {string} document "config" or "session"
 * @param {string} flat path, reason and what was left out, three by three, each followed by U+001F
 */
export function problems(host, document, flat) {
  // Once per page: every module that reads the document (a carousel's, the panel's) finds the same.
  const key = document + flat;
  if (shared.said.has(key)) return;
  shared.said.add(key);
  const parts = flat.split("\u001f");
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const detail = { document, path: parts[i], reason: parts[i + 1], omitted: parts[i + 2] };
    if (!shared.left) {
      /** @type {string[]} */
      const left = shared.left = [];
      queueMicrotask(() => {
        shared.left = null;
        say(`showing what has no problem; left out (\`patron validate\` explains each): ${left.join("; ")}`);
      });
    }
    shared.left.push(`${document} ${detail.path}: ${detail.reason} — ${detail.omitted}`);
    dispatch(host, "patron:config-problem", detail);
  }
}

/**
 * The page's document; null outside a page.
 * @returns {Document | null}
 */
export function page() {
  return globalThis.document ?? null;
}
