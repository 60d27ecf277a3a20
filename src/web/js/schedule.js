// @ts-check
// When a widget renders: once at the end of the task however many of its attributes changed, when
// the config or model it names has arrived, and, while the page's first widget waits for its first
// paint, after that paint. Every decision of what to show is the WASM module's (`shared.render`).
import { describe, say } from "./helpers.js";
import { shared } from "./state.js";

/**
 * Renders `host` at the end of the task. An upgrade reports every attribute before
 * connectedCallback, and a page often sets several attributes in a row: each element renders once.
 * @param {HTMLElement} host
 */
export function schedule(host) {
  // queueMicrotask is missing from some embedded web views: a timer then renders a little later.
  if (shared.dirty.size === 0) (globalThis.queueMicrotask ?? setTimeout)(flush);
  shared.dirty.add(host);
}
function flush() {
  const hosts = [...shared.dirty];
  shared.dirty.clear();
  for (const host of hosts) render(host);
}

/**
 * Renders `host` now, except between the page's first widget being built and it being painted:
 * then it waits for that paint, so that the first widget shows a frame sooner and the others
 * follow in the next.
 * @param {HTMLElement} host
 */
export function render(host) {
  if (!host.isConnected) return;
  if (shared.built && !shared.painted) shared.afterFirstPaint.add(host);
  else if (!awaitsFetch(host)) {
    // The module catches what it expects; this is for what a browser or page may still throw at
    // it (a missing or altered built-in), so that the page's other widgets render all the same.
    try {
      shared.render?.(host);
    } catch (error) {
      say(`could not render a widget: ${describe(error)}`);
    }
  }
}

/**
 * Whether the config or model that `host`'s attributes name is still on its way; it then renders
 * on arrival. Without this the module would be entered, cold, only to find the text missing: a few
 * milliseconds before the first widget can paint.
 * @param {HTMLElement} host
 */
function awaitsFetch(host) {
  if (shared.mounted.has(host)) return false;
  /** @param {string | null} url */
  const pending = (url) => {
    const entry = url && shared.texts.get(url);
    if (!entry || "body" in entry || "error" in entry) return false;
    entry.waiting.add(host);
    return true;
  };
  return pending(host.getAttribute("config-src"))
    || (host.getAttribute("placement") === "recommendations" && pending(host.getAttribute("model-src")));
}

/**
 * Called when a widget has been built: the first of the page's, and the others render after the
 * next frame has been painted, when it is on screen; a hidden tab paints no frame, so they do not
 * wait longer than 100 ms for it.
 */
export function built() {
  if (shared.built) return;
  shared.built = true;
  requestAnimationFrame(() => setTimeout(() => {
    try {
      performance.mark("patron:first-paint");
    } catch {
      // No performance.mark, or one a page replaced: the mark is only for measuring.
    }
    release();
  }));
  setTimeout(release, 100);
}
function release() {
  if (shared.painted) return;
  shared.painted = true;
  const waiting = [...shared.afterFirstPaint];
  shared.afterFirstPaint.clear();
  for (const host of waiting) render(host);
}
