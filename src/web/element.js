// The <patron-widget> element class and the plumbing around a widget's shadow root: the config and
// model fetches and the DOM built from the module's description (banners.js and recs.js add their
// events). A custom element must be a JavaScript class that extends HTMLElement, which Rust cannot
// declare; every decision is delegated back to the WASM module through `render`.
//
// A page may run several of Patron's modules, each with its own copy of this script: the card and
// banners module, and one with the recommendations or the rewards panel once the page shows them,
// which then renders every widget (npm/patron.js loads it). What belongs to the page is kept once,
// in `shared`, for all of them.
const shared = globalThis[Symbol.for("patron:page")] ??= {};
shared.mounted ??= new WeakMap(); // mount()'s options, by element
shared.texts ??= new Map(); // fetched configs and models, by URL
shared.dirty ??= new Set(); // elements to render at the end of the task
shared.afterFirstPaint ??= new Set(); // elements waiting for the first widget's paint
shared.upgrading ??= new Set(); // elements waiting for a module that renders them
shared.sheets ??= new WeakSet(); // every stylesheet a module made, to replace in shadow roots
shared.said ??= new Set(); // the warnings logged: each once per page, however many widgets meet it
// Also: render and widgets (the rendering module's function, and what it renders beyond the card
// and banners: 1 recommendations, 2 rewards), sheet (its stylesheet), built and painted (the first
// widget's), session (the one given to update()), redeemed (rewards.js), upgrade (npm/patron.js:
// loads a module with more widgets).

// Elements waiting to render. An upgrade reports every attribute before connectedCallback, and a
// page often sets several attributes in a row: each element renders once, at the end of the task.
function schedule(host) {
  // queueMicrotask is missing from some embedded web views: a timer then renders a little later.
  if (shared.dirty.size === 0) (globalThis.queueMicrotask ?? setTimeout)(flush);
  shared.dirty.add(host);
}
function flush() {
  const hosts = [...shared.dirty];
  shared.dirty.clear();
  for (const host of hosts) render(host);
}

// Renders `host` now, except between the page's first widget being built and it being painted:
// then it waits for that paint, so that the first widget shows a frame sooner and the others
// follow in the next.
function render(host) {
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

// Whether the config or model that `host`'s attributes name is still on its way; it then renders
// on arrival. Without this the module would be entered, cold, only to find the text missing: a few
// milliseconds before the first widget can paint.
function awaitsFetch(host) {
  if (shared.mounted.has(host)) return false;
  const pending = (url) => {
    const entry = url && shared.texts.get(url);
    if (!entry || "body" in entry || "error" in entry) return false;
    entry.waiting.add(host);
    return true;
  };
  return pending(host.getAttribute("config-src"))
    || (host.getAttribute("placement") === "recommendations" && pending(host.getAttribute("model-src")));
}

// Makes `renderWidget` the page's renderer when its module renders every widget the current one
// does (a module with more widgets takes over; one loaded earlier but finishing later does not),
// renders the elements that were waiting for it, and defines the element class once per page.
export function defineElement(name, renderWidget, widgets) {
  if (shared.render && (widgets & shared.widgets) !== shared.widgets) return false;
  shared.render = renderWidget;
  shared.widgets = widgets;
  for (const host of shared.upgrading) schedule(host);
  shared.upgrading.clear();
  const defined = customElements.get(name);
  if (defined) {
    // Another script of the page took the name first: its elements are not Patron's to render.
    if (defined !== shared.element) say(`another script already defined <${name}>; Patron's widgets cannot render`);
    return false;
  }
  customElements.define(name, shared.element = class extends HTMLElement {
    static observedAttributes = ["placement", "session", "config", "config-src", "locale", "model-src", "count"];
    #connected = false;
    constructor() { super(); wire(this); }
    connectedCallback() { this.#connected = true; schedule(this); }
    disconnectedCallback() { this.#connected = false; }
    attributeChangedCallback(_name, before, after) {
      if (this.#connected && before !== after) schedule(this);
    }
  });
  return true;
}

// The options `mount` was called with for `host`, so that a re-render (after a fetch) uses them.
export function rememberOptions(host, options) { shared.mounted.set(host, options); }
export function optionsOf(host) { return shared.mounted.get(host); }

// The session given to update() (an object or JSON text), for every widget of the page; undefined
// for the embedded one.
export function sessionOverride() { return shared.session; }
// `fromPage`: the page handed the session over with update(); it is then the ledger's truth, and
// what was redeemed on the page before is in it (rewards.js). A cart change keeps what was redeemed.
export function setSessionOverride(session, fromPage) {
  shared.session = session ?? undefined;
  if (fromPage) shared.redeemed = [];
}

// The session in force with `cart` in place of its own (a patron:cart-updated event), in a new
// object: the page's own is left as it was. The session in force is the one given to update(), else
// the embedded one. A string instead says why there is none to change: no session, JSON that does
// not parse, or a field that cannot be read (a getter that throws).
export function withCart(cart) {
  try {
    let session = shared.session ?? page()?.getElementById("patron-session")?.textContent.trim();
    if (typeof session == "string") session = session && JSON.parse(session);
    return session ? { ...session, cart } : "there is no session to update";
  } catch (error) {
    return `the session cannot be read: ${describe(error)}`;
  }
}

// An element this module does not render (`placement` "recommendations" or "rewards"): asks
// npm/patron.js for a module that does, which renders `host` once it runs. False where nothing can
// load it (one module's script imported directly rather than through patron.js).
export function awaitModule(host, placement) {
  if (typeof shared.upgrade !== "function") return false;
  shared.upgrading.add(host);
  shared.upgrade(placement);
  return true;
}

// The text at `url`, fetched once per page with normal HTTP caching: a string when it has arrived,
// {error} when it failed, undefined while it is on its way (then `host` renders again on arrival).
export function loadText(url, host) { return load(url, host, (response) => response.text()); }

// The same for a binary file (the recommendation model): a Uint8Array when it has arrived.
export function loadBytes(url, host) { return load(url, host, bytes); }
const bytes = async (response) => new Uint8Array(await response.arrayBuffer());

function load(url, host, read) {
  const entry = start(url, read);
  if ("body" in entry) return entry.body;
  if ("error" in entry) return { error: entry.error };
  entry.waiting.add(host);
  return undefined;
}

function start(url, read) {
  let entry = shared.texts.get(url);
  if (!entry) {
    entry = { waiting: new Set() };
    shared.texts.set(url, entry);
    fetchInto(entry, url, read);
  }
  return entry;
}

// Fetches `url` into `entry` and renders the elements waiting for it. Written with await rather
// than then(), which a page may have replaced; a missing or throwing fetch is a failed download.
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
// by the browser's URL parser, which sees "//evil.example" for the other origin it is. Returns the
// resolved URL, or throws why not.
const elsewhere = "an origin this page does not list in <meta name=patron-origins>";
function loadable(url) {
  const target = new URL(url, document.baseURI);
  if (!allowed(target)) throw new Error(`${target.origin} is ${elsewhere}`);
  return target.href;
}
function allowed(target) {
  // A data: URL is the page's own content, and requests nothing.
  if (target.protocol === "data:") return true;
  const listed = document.querySelector("meta[name=patron-origins]")?.content.split(/\s+/) ?? [];
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
  if (config) start(config, (response) => response.text());
  if (model && element.getAttribute("placement") === "recommendations") start(model, bytes);
}

// A JSON value (as JSON.parse or a page's script made it) flattened for the module in one call,
// which web/json.rs reads back: copying it value by value crossed between JavaScript and the module
// a few times per value, half a millisecond more per document on the first render. Returns [tape, text]:
// the tape holds, depth first, each value's kind (a TAPE_ tag below), followed by the number, the
// string's length, or the count of items or fields (each field: its key's length, then its value);
// the text is every string and key, end to end. Lengths count UTF-16 code units. Values are taken as
// JSON.stringify takes them: fields whose value is undefined are left out, and a value with a toJSON
// method (a Date) gives its result.
//
// An application's objects are not JSON text: they may contain themselves (an order pointing back at
// its customer), share parts along exponentially many paths, claim an array length of 2^32 - 1, or
// throw from a getter. The copy stops at the first cycle, at the limits below (and the documented
// 100,000 items per list), or at an exception, and the tape is then that one tag: the work is
// bounded whatever the shape.
// The tags, named alike in web/json.rs (tests/tape.rs keeps the two lists equal).
const TAPE_NULL = 0;
const TAPE_FALSE = 1;
const TAPE_TRUE = 2;
const TAPE_NUMBER = 3;
const TAPE_STRING = 4;
const TAPE_ARRAY = 5;
const TAPE_OBJECT = 6;
const TAPE_INEXPRESSIBLE = 7;
const TAPE_TOO_DEEP = 8;
const TAPE_CYCLE = 9;
const TAPE_TOO_LARGE = 10;
// At most a million values, and ten million UTF-16 units of strings and keys (about the documented
// 10 MiB). No document comes near the first (the heaviest household's full history has 25,000
// values).
const MAX_VALUES = 1e6;
const MAX_UNITS = 1e7;
export function jsonTape(root) {
  // The tape grows by doubling in a typed array: pushing onto a plain array and converting it at the
  // end took twice as long for a large session.
  let tape = new Float64Array(1024);
  let end = 0;
  const room = (more) => {
    if (end + more > tape.length) {
      const grown = new Float64Array(Math.max(tape.length * 2, end + more));
      grown.set(tape);
      tape = grown;
    }
  };
  const emit = (tag) => { room(1); tape[end++] = tag; };
  const emit2 = (tag, number) => { room(2); tape[end++] = tag; tape[end++] = number; };
  const text = [];
  const open = new Set(); // the objects being copied: meeting one again is a cycle
  // The objects copied so far, each with where its copy lies in the tape and the text, how many
  // values and units it holds and how deep it goes: an object met again along another path (shared,
  // not a cycle) is repeated from that copy rather than walked again, so that a graph sharing its
  // parts along exponentially many paths reaches the limits in milliseconds.
  const copied = new Map();
  let values = 0;
  let units = 0;
  let deepest = 0;
  const put = (value, depth) => {
    if (depth > deepest) deepest = depth;
    if (depth > 64) return emit(TAPE_TOO_DEEP);
    if (typeof value?.toJSON == "function") value = value.toJSON();
    if (++values > MAX_VALUES) throw TAPE_TOO_LARGE;
    switch (typeof value) {
      case "boolean": return emit(value ? TAPE_TRUE : TAPE_FALSE);
      case "number": return emit2(TAPE_NUMBER, value);
      case "string":
        if ((units += value.length) > MAX_UNITS) throw TAPE_TOO_LARGE;
        text.push(value);
        return emit2(TAPE_STRING, value.length);
      case "object": {
        if (value === null) return emit(TAPE_NULL);
        if (open.has(value)) throw TAPE_CYCLE;
        const copy = copied.get(value);
        if (copy) {
          // Here its copy would go past the depth limit: too deep, as a walk would find somewhere
          // inside it (the document is refused either way, with the same message).
          if (depth + copy.height > 64) return emit(TAPE_TOO_DEEP);
          if ((values += copy.values) > MAX_VALUES || (units += copy.units) > MAX_UNITS) throw TAPE_TOO_LARGE;
          deepest = Math.max(deepest, depth + copy.height);
          room(copy.to - copy.from);
          tape.copyWithin(end, copy.from, copy.to);
          end += copy.to - copy.from;
          // Its strings and keys as one: a copy of a copy is then one string, not thousands.
          text.push(text.slice(copy.textFrom, copy.textTo).join(""));
          return;
        }
        const from = end;
        const textFrom = text.length;
        const before = { values, units, deepest };
        deepest = depth;
        open.add(value);
        if (Array.isArray(value)) {
          const length = value.length;
          if (length > 1e5) throw TAPE_TOO_LARGE;
          emit2(TAPE_ARRAY, length);
          for (let i = 0; i < length; i++) put(value[i], depth + 1);
        } else {
          // The count of fields is written once they are known: those whose value is undefined are
          // left out.
          const count = end + 1;
          emit2(TAPE_OBJECT, 0);
          for (const key of Object.keys(value)) {
            const field = value[key];
            if (field === undefined) continue;
            tape[count]++;
            units += key.length;
            text.push(key);
            emit(key.length);
            put(field, depth + 1);
          }
        }
        open.delete(value);
        const height = deepest - depth;
        deepest = Math.max(deepest, before.deepest);
        copied.set(value, {
          from, to: end, textFrom, textTo: text.length, values: values - before.values, units: units - before.units, height,
        });
        return;
      }
      default: return emit(TAPE_INEXPRESSIBLE);
    }
  };
  try {
    put(root, 0);
  } catch (error) {
    // A getter or a proxy that threw reads as a value JSON cannot express.
    return [new Float64Array([typeof error == "number" ? error : TAPE_INEXPRESSIBLE]), ""];
  }
  return [tape.subarray(0, end), text.join("")];
}

// An exception's message, or its string form: what the module reports of an error it caught.
export function describe(error) {
  return String(error?.message ?? error);
}

// What an Intl formatter makes of a number: NumberFormat's and DateTimeFormat's format (a moment as
// milliseconds since 1970), PluralRules' select. Undefined where the page replaced the method with
// one that throws: the module then shows the value plainly.
export function formatted(formatter, value) {
  try {
    return formatter.select ? formatter.select(value) : formatter.format(value);
  } catch {
    // Shown plainly.
  }
}

// Logs a warning, prefixed so that a developer can filter the console for it, and once per page: a
// page with five widgets and one broken session hears of it once. A page may have removed
// console.warn or replaced it with one that throws: the warning is then lost, and the render goes on.
export function say(message) {
  if (shared.said.has(message)) return;
  shared.said.add(message);
  try {
    console.warn(`patron: ${message}`);
  } catch {
    // Nowhere to say it.
  }
}

// The page's document; null outside a page.
export function page() {
  return globalThis.document ?? null;
}

// Gives `host` an open shadow root. Safe to call again, and on an element that cannot have one
// (`mount` on an <img>): rendering into it then reports that.
export function wire(host) {
  try {
    shadowOf(host);
  } catch {
    // Reported by the render.
  }
}

// `host`'s shadow root, made if it has none yet; throws where `host` cannot have one.
function shadowOf(host) {
  return host.shadowRoot ?? host.attachShadow({ mode: "open" });
}

// The widget's stylesheet (widget.css, from the module): one constructable stylesheet shared by
// every widget on the page, parsed once. A browser without them shows the widgets unstyled.
export function setStyles(css) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shared.sheets.add(sheet);
    shared.sheet = sheet;
  } catch {
    shared.sheet = null;
  }
}

// Empties a widget: what a page shows when there is nothing valid to render.
export function clear(host) {
  host.shadowRoot?.replaceChildren();
}

// Replaces the content of a widget's shadow root with a tree the WASM module describes as JSON:
// [tag, class, [[attribute, value]...], text or null, [children...]]. Names come from the module, values
// and texts from documents; texts are set as textContent, never parsed as markup. Throws where
// `host` cannot have a shadow root.
export function build(host, tree) {
  const root = shadowOf(host);
  const sheet = shared.sheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((other) => !shared.sheets.has(other)), sheet];
  }
  const make = ([tag, className, attributes, text, children]) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    for (const [name, value] of attributes) {
      if (name.startsWith("--")) element.style.setProperty(name, value);
      else {
        // An image Patron may not load is left out, and the rest of the widget shows. (Links are the
        // documents' check: http(s) or a reference, and no backslash; src/url.rs.)
        try {
          if (name === "src") loadable(value);
        } catch (error) {
          say(`left out the image ${value}: ${error.message}`);
          return "";
        }
        element.setAttribute(name, value);
      }
    }
    if (text !== null) element.textContent = text;
    element.append(...children.map(make));
    return element;
  };
  root.replaceChildren(...JSON.parse(tree).map(make));
  if (!shared.built) {
    shared.built = true;
    // After the next frame has been painted, the first widget is on screen and the others render;
    // a hidden tab paints no frame, so they do not wait longer than 100 ms for it.
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
}
function release() {
  if (shared.painted) return;
  shared.painted = true;
  const waiting = [...shared.afterFirstPaint];
  shared.afterFirstPaint.clear();
  for (const host of waiting) render(host);
}
