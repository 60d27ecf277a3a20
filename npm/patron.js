// Patron's entry point. Importing it — one <script type="module" src=".../patron.js"> or a
// bundler's `import { mount, update } from "patron"` — starts the widget: every <patron-widget> on
// the page, now or later, renders. A failure to start is logged, never thrown into the page.
//
// The package has four builds of the module, and a page downloads one: patron_core (the loyalty card
// and the offer banners), patron_full (the same with the recommendations carousel), patron_rewards
// (with the rewards panel) and patron_full_rewards (with both), chosen by the widgets the page shows
// when it starts. A widget added later that the module lacks (a single-page app going to a product
// page) loads the build with it then; that build takes over every widget of the page, and the
// widgets already shown stay as they are until they render again. A fifth, patron_lenient (every
// widget, leaving out only the parts of a config or session that have a problem), loads when a
// build finds a problem in the page's config or session, and takes over the same way: only the
// pages with a mistake pay for it. The book (internals/architecture.md) says why.

// The performance marks "patron:start" (here: the first statement of Patron's code to run; the
// glue sets it where it is imported directly) and "patron:first-paint" (element.js) let a page's own
// tooling measure Patron.
try {
  performance.getEntriesByName("patron:start").length || performance.mark("patron:start");
} catch {
  // No performance marks, or ones the page replaced: they are only for measuring.
}

// What the page's widgets share across the builds (element.js keeps the rest there).
const shared = globalThis[Symbol.for("patron:page")] ??= {};

const shows = (placement) =>
  typeof document !== "undefined" && document.querySelector(`patron-widget[placement="${placement}"]`) !== null;

// The widgets beyond the card and the banners that the build being loaded renders.
const wanted = { recommendations: shows("recommendations"), rewards: shows("rewards"), lenient: false };

// Literal paths, so that bundlers see every build and emit each as a chunk of its own.
const load = async ({ recommendations, rewards, lenient }) => {
  const glue = lenient
    ? await import("./patron_lenient.js")
    : recommendations
    ? await (rewards ? import("./patron_full_rewards.js") : import("./patron_full.js"))
    : await (rewards ? import("./patron_rewards.js") : import("./patron_core.js"));
  await glue.default();
  return glue;
};
const name = ({ recommendations, rewards, lenient }) =>
  lenient ? "patron_lenient"
  : recommendations ? (rewards ? "patron_full_rewards" : "patron_full") : (rewards ? "patron_rewards" : "patron_core");

// The glue of the build that renders the page's widgets, and what it renders: a build finishing
// after one with more widgets does not replace it (element.js decides the same for rendering).
let glue = null;
let has = null;
const adopt = (widgets, loaded) => {
  if (!has || widgets.lenient || (!has.lenient && (widgets.recommendations || !has.recommendations) && (widgets.rewards || !has.rewards))) {
    glue = loaded;
    has = widgets;
  }
};

// A warning; lost where the page removed console.warn or made it throw. (Each of this script's is
// said once: the builds load once each.)
const warn = (message) => {
  try {
    console.warn(message);
  } catch {
    // Nowhere to say it.
  }
};

// The module's exports never throw; these wrappers hold the same for what the module cannot
// catch itself (a built-in the page broke).
const safely = (name, call) => {
  try {
    call();
  } catch (error) {
    warn(`patron: ${name}() failed: ${error?.message ?? error}`);
  }
};

export function mount(element, options) {
  safely("mount", () => glue?.mount(element, options));
}

export function update(session) {
  safely("update", () => glue?.update(session));
}

export function refresh() {
  safely("refresh", () => glue?.refresh());
}

// Removes everything Patron keeps in this browser (localStorage keys under "patron:"), for a shop's
// "delete my data" page; a session without personalisation consent does the same from the module
// (src/web/js/storage.js holds the same loop: this one needs no build loaded). Storage that throws
// holds nothing of Patron's.
export function forget() {
  try {
    for (let i = localStorage.length - 1; i >= 0; i -= 1) {
      const key = localStorage.key(i);
      if (key?.startsWith("patron:")) localStorage.removeItem(key);
    }
  } catch {
    // Nothing to remove.
  }
}

// Loads the build for `widgets` and adopts it; the reason when it cannot load (no network, or a
// browser without what the generated glue needs, such as TextDecoder). Written with await rather
// than then(), which a page may have replaced.
const start = async (widgets) => {
  try {
    adopt(widgets, await load(widgets));
    return null;
  } catch (error) {
    return error?.message ?? String(error);
  }
};
const cannotLoad = (widgets, reason) =>
  warn(`patron: could not load ${name(widgets)}.js, which the page's widgets need: ${reason}`);

// A build asks for this when it meets an element it does not render ("recommendations" or
// "rewards"), or a config or session with a problem ("lenient"); the build that renders it does so
// once it has started. If it cannot load, the other widgets carry on.
shared.upgrade = async (placement) => {
  if (wanted[placement] !== false) return;
  wanted[placement] = true;
  const widgets = { ...wanted };
  const reason = await start(widgets);
  if (reason) cannotLoad(widgets, reason);
};

// The module downloads and compiles off the main thread; meanwhile the browser loads its number
// data for the page's language, which the first widget would otherwise wait for (the first Intl
// formatter of a page costs 10 to 20 ms in Chromium, every later one a fraction of a millisecond).
// Dates and plurals are left to the widgets that show them.
try {
  const locale = document.querySelector("patron-widget[locale]")?.getAttribute("locale") || document.documentElement.lang || undefined;
  new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(1);
} catch {
  // A malformed locale, or no Intl: the widget falls back on its own and says so.
}

// A page starts with the build for the widgets it shows; if that cannot load, with the core one, so
// that the card and the banners still show. When neither loads, one warning says why.
const first = { ...wanted };
const reason = await start(first);
if (reason) {
  // With the carousel or the panel, the core build may still load: then only they are missing.
  if ((first.recommendations || first.rewards) && !(await start({}))) cannotLoad(first, reason);
  else warn(`patron: could not start: ${reason}`);
}
// The host announces cart changes with this event; its detail is the cart, {"lines": [...]}.
if (glue) document.addEventListener("patron:cart-updated", (event) => safely("updateCart", () => glue.updateCart(event.detail)));
