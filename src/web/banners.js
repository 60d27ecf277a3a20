// Offer banners in the page (builds with the cargo feature "banners"): the events a shop's analytics
// listens to and the shopper's offer memory in localStorage. The WASM module decides what shows;
// this script reports what the shopper does with it, from the data attributes the module writes.
// Kept once per page, for both of Patron's modules (element.js): a banner wired by one is not wired
// again by the other, and an impression counts once per page view whichever module rendered it.
const shared = globalThis[Symbol.for("patron:page")] ??= {};
const observers = shared.bannerObservers ??= new WeakMap();

// Gives `host`'s shadow root one delegated click listener and one IntersectionObserver (at least
// half of a banner visible counts as an impression). Safe to call again.
export function wireBanners(host) {
  const root = host.shadowRoot;
  if (!root || observers.has(host)) return;
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!target) return;
    const action = target.dataset.action;
    if (action === "copy") {
      copy(target);
    } else if (action === "click") {
      report(host, "click", target.closest("[data-offer]"));
    } else if (action === "dismiss") {
      const banner = target.closest("[data-offer]");
      remember(banner, (entry) => { entry.dismissed = true; });
      report(host, "dismiss", banner);
      banner?.remove();
    }
  });
  // Without IntersectionObserver (older browsers, some embedded web views) a banner counts as seen
  // when it is shown (afterBuild).
  observers.set(host, typeof IntersectionObserver == "function" ? new IntersectionObserver((entries, observer) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      impression(host, entry.target);
    }
  }, { threshold: 0.5 }) : null);
}

// Copies the button's text (a code, a referral link), then says so on the button; without the
// clipboard, or refused, the button stays as it was. Awaited rather than then(), which a page may
// have replaced.
async function copy(target) {
  try {
    await navigator.clipboard.writeText(target.dataset.text ?? "");
    target.textContent = target.dataset.copied ?? target.textContent;
  } catch {
    // Nothing copied: the text stays on screen to copy by hand.
  }
}

function impression(host, banner) {
  if (once(host, "impression", banner)) remember(banner, (memory) => { memory.today += 1; memory.total += 1; });
}

// What was reported in this page view: an assignment, an impression or a holdout counts once per offer.
const reported = shared.reported ??= new Set();

// Reports patron:offer-NAME for `banner` unless this page view has already; whether it did.
function once(host, name, banner) {
  const key = `${name}:${banner.dataset.offer}`;
  if (reported.has(key)) return false;
  reported.add(key);
  report(host, name, banner);
  return true;
}
const MEMORY_KEY = "patron:v1:offers";

// Dispatches patron:offer-NAME from `host`, bubbling and composed so the page hears it; the detail
// names the offer and the shopper's group ("treatment" or "holdout"), never the shopper: analyticsId is the key the shop's server computed with its
// secret (customer.analytics_id), null without one or without analytics consent.
function report(host, name, banner) {
  if (!banner) return;
  const list = banner.closest(".banners");
  host.dispatchEvent(new CustomEvent(`patron:offer-${name}`, {
    bubbles: true,
    composed: true,
    detail: {
      offerId: banner.dataset.offer,
      variant: banner.dataset.variant ?? null,
      placement: banner.dataset.placement,
      group: banner.dataset.group,
      analyticsId: list?.dataset.analyticsId ?? null,
    },
  }));
}

// Updates the offer memory (impressions by day and in total, dismissals) in localStorage — only
// where the WASM module marked the list as rememberable (the shopper consented). The WASM module
// reads the same JSON for frequency caps.
function remember(banner, change) {
  const list = banner?.closest(".banners");
  if (!list || !("remember" in list.dataset)) return;
  try {
    let memory = JSON.parse(localStorage.getItem(MEMORY_KEY) ?? "null");
    if (!memory || typeof memory.offers !== "object" || memory.offers === null) memory = { offers: {} };
    const old = memory.offers[banner.dataset.offer] ?? {};
    const today = list.dataset.today;
    const entry = {
      day: today,
      today: old.day === today ? Number(old.today) || 0 : 0,
      total: Number(old.total) || 0,
      dismissed: old.dismissed === true,
    };
    change(entry);
    delete memory.offers[banner.dataset.offer];
    memory.offers[banner.dataset.offer] = entry;
    // Forget the offers seen longest ago beyond 200.
    const ids = Object.keys(memory.offers);
    for (const id of ids.slice(0, Math.max(0, ids.length - 200))) delete memory.offers[id];
    localStorage.setItem(MEMORY_KEY, JSON.stringify(memory));
  } catch {
    // Storage refused (private mode, a sandboxed frame, quota): caps then hold for this page only.
  }
}

// The text stored under `key`; null where there is none or storage refuses to be read (private
// modes, sandboxed frames), which counts as an empty memory.
export function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// After a render: watches the new banners for impressions and reports the offers assigned and held out.
export function afterBuild(host) {
  const observer = observers.get(host);
  if (observer === undefined) return;
  observer?.disconnect();
  for (const banner of host.shadowRoot.querySelectorAll(".banner[data-offer]")) {
    if (observer) observer.observe(banner);
    else impression(host, banner);
  }
  // Every offer the shopper qualifies for, shown or not, with its group: what patron report compares.
  for (const assigned of host.shadowRoot.querySelectorAll("[data-group]")) {
    once(host, "assigned", assigned);
    if (assigned.dataset.group === "holdout") once(host, "holdout", assigned);
  }
}
