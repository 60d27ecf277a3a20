// @ts-check
// What the widgets' scripts (banners.js, recs.js, rewards.js) share: the events they dispatch, the
// impressions they count and the copy buttons.

/**
 * Dispatches `type` from `host`, bubbling and composed so the page hears it, with `detail`.
 * @param {HTMLElement} host
 * @param {string} type
 * @param {object} detail
 */
export function dispatch(host, type, detail) {
  host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

/**
 * An IntersectionObserver that calls `seen` for each element it watches once at least half of it
 * is visible (an impression), then stops watching it; null without IntersectionObserver (older
 * browsers, some embedded web views).
 * @param {(element: HTMLElement) => void} seen
 */
export function observer(seen) {
  return typeof IntersectionObserver == "function" ? new IntersectionObserver((entries, observer) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      seen(/** @type {HTMLElement} */ (entry.target));
    }
  }, { threshold: 0.5 }) : null;
}

/**
 * Watches `elements` with `observer` in place of what it watched before (a render replaced them).
 * Without an observer, each counts as seen now, when `seen` is given.
 * @param {IntersectionObserver | null} observer
 * @param {Iterable<HTMLElement>} elements
 * @param {(element: HTMLElement) => void} [seen]
 */
export function watch(observer, elements, seen) {
  observer?.disconnect();
  for (const element of elements) {
    if (observer) observer.observe(element);
    else seen?.(element);
  }
}

/**
 * Copies the button's text (a code, a referral link), then says so on the button (its
 * data-copied); without the clipboard, or refused, the button stays as it was. Awaited rather than
 * then(), which a page may have replaced.
 * @param {HTMLElement} button
 */
export async function copy(button) {
  try {
    await navigator.clipboard.writeText(button.dataset.text ?? "");
    button.textContent = button.dataset.copied ?? button.textContent;
  } catch {
    // Nothing copied: the text stays on screen to copy by hand.
  }
}
