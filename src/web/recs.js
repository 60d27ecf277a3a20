// The recommendations carousel's events (builds with the cargo feature "recommendations"): the WASM
// module decides what shows; this script reports what the shopper sees and clicks, from the data
// attributes the module writes. Events bubble and are composed, so the page hears them; their detail
// names the product and its place, never the shopper: analyticsId is the key the shop's server
// computed with its secret, null without one or without analytics consent.
const observers = new WeakMap();
const seen = new Set();

function report(host, name, item) {
  if (!item) return;
  host.dispatchEvent(new CustomEvent(`patron:rec-${name}`, {
    bubbles: true,
    composed: true,
    detail: {
      sku: item.dataset.sku,
      position: Number(item.dataset.position),
      reason: item.dataset.reason,
      analyticsId: item.closest(".recs")?.dataset.analyticsId ?? null,
    },
  }));
}

// One delegated click listener and one IntersectionObserver per widget (half of a product visible
// counts as an impression, once per product per page view). Safe to call again.
export function wireRecs(host) {
  const root = host.shadowRoot;
  if (!root || observers.has(host)) return;
  root.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-action=rec-click]") : null;
    if (link) report(host, "click", link.closest("[data-sku]"));
  });
  // Without IntersectionObserver (older browsers, some embedded web views) a product counts as seen
  // when it is shown (afterRecs).
  observers.set(host, typeof IntersectionObserver == "function" ? new IntersectionObserver((entries, observer) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      impression(host, entry.target);
    }
  }, { threshold: 0.5 }) : null);
}

function impression(host, item) {
  if (seen.has(item.dataset.sku)) return;
  seen.add(item.dataset.sku);
  report(host, "impression", item);
}

// After a render: watches the new products for impressions.
export function afterRecs(host) {
  const observer = observers.get(host);
  if (observer === undefined) return;
  observer?.disconnect();
  for (const item of host.shadowRoot.querySelectorAll(".product[data-sku]")) {
    if (observer) observer.observe(item);
    else impression(host, item);
  }
}
