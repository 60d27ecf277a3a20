// Patron's entry point. Importing it — one <script type="module" src=".../patron.js"> or a
// bundler's `import { mount, update } from "patron"` — starts the widget: every <patron-widget> on
// the page, now or later, renders. A failure to start is logged, never thrown into the page.
//
// The package has two builds of the module, and a page downloads one: patron_core (the loyalty card
// and the offer banners) or, when the page shows recommendations when it starts, patron_full (the
// same with the carousel). A carousel added later (a single-page app going to a product page) loads
// patron_full then; it takes over every widget of the page, and the widgets already shown stay as
// they are until they render again. README, "Architecture", says why.

// The performance marks "patron:start" (here: the first statement of Patron's code to run; the
// glue sets it where it is imported directly) and "patron:first-paint" (element.js) let a page's own
// tooling measure Patron.
globalThis.performance?.getEntriesByName?.("patron:start").length || globalThis.performance?.mark?.("patron:start");

// What the page's widgets share across the two builds (element.js keeps the rest there).
const shared = globalThis[Symbol.for("patron:page")] ??= {};

const showsRecommendations = () =>
  typeof document !== "undefined" && document.querySelector('patron-widget[placement="recommendations"]') !== null;

// Literal paths, so that bundlers see both builds and emit them as chunks of their own.
const load = async (full) => {
  const glue = full ? await import("./patron_full.js") : await import("./patron_core.js");
  await glue.default();
  return glue;
};

let glue = null;
let full = null;

export function mount(element, options) {
  glue?.mount(element, options);
}

export function update(session) {
  glue?.update(session);
}

export function refresh() {
  glue?.refresh();
}

const missingFull = (error) =>
  console.warn(`patron: could not load the recommendations (patron_full.js): ${error?.message ?? error}`);

// The core build asks for this when it meets a recommendations element; the full build renders
// that element once it has started. If it cannot load, the other widgets carry on.
shared.upgrade = () => {
  full ??= load(true).then((loaded) => { glue = loaded; }, missingFull);
};

// A page that shows recommendations starts with the full build; if that cannot load, with the core
// one, so that the card and the banners still show.
const started = showsRecommendations()
  ? (full = load(true)).catch((error) => {
      missingFull(error);
      return load(false);
    })
  : load(false);

// The module downloads and compiles off the main thread; meanwhile the browser loads its number
// data for the page's language, which the first widget would otherwise wait for (the first Intl
// formatter of a page costs 10 to 20 ms in Chromium, every later one a fraction of a millisecond).
// Dates and plurals are left to the widgets that show them.
try {
  const locale = document.querySelector("patron-widget[locale]")?.getAttribute("locale") || document.documentElement.lang || undefined;
  new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(1);
} catch {
  // A malformed locale: the widget falls back on its own and says so.
}

try {
  glue ??= await started;
  // The host announces cart changes with this event; its detail is the cart, {"lines": [...]}.
  document.addEventListener("patron:cart-updated", (event) => glue.updateCart(event.detail));
} catch (error) {
  console.warn(`patron: could not start: ${error?.message ?? error}`);
}
