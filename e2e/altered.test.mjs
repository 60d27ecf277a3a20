// End-to-end: Patron on pages whose browser lacks a feature, or whose scripts replaced one with
// something that throws (issue 20), and with URLs that only look like the shop's. Each case runs on
// both kinds of page: the card and banners (the core build) and with the carousel (the full build).
// Patron must degrade — or stop with one warning — and never throw into the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { useBrowser } from "./support.mjs";

const state = useBrowser();
const consumer = JSON.parse(await readFile(new URL("../www/configs/consumer.json", import.meta.url), "utf8"));

/**
 * Opens www/check/altered.html (with `#recs`, the carousel too) after `init` ran in the page, and
 * returns what the widgets show, the console's warnings and errors, the page's exceptions and the
 * requests it made. The page is served without its CSP, so that only Patron stands between a URL
 * and a request. `routes`: [pattern, handler] for page.route.
 */
async function visit(kind, { init, routes = [] } = {}) {
  const page = await state.browser.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.route("**/check/altered.html", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers["content-security-policy"];
    await route.fulfill({ response, headers });
  });
  for (const [pattern, handler] of routes) await page.route(pattern, handler);
  if (init) await page.addInitScript(init);
  await page.goto(`${state.base}check/altered.html${kind === "recs" ? "#recs" : ""}`);
  // Rendered, or given up: a broken page may show nothing, and must then say why once.
  await page.waitForFunction(() => document.querySelector("#card")?.shadowRoot?.querySelector(".card"), null, { timeout: 5000 })
    .catch(() => {});
  if (kind === "recs") {
    await page.waitForFunction(() => document.querySelector("[placement=recommendations]")?.shadowRoot?.querySelector(".product"), null, { timeout: 3000 })
      .catch(() => {});
  }
  await page.waitForTimeout(300);
  const shown = await page.evaluate(() => {
    const text = (selector, inside) => document.querySelector(selector)?.shadowRoot?.querySelector(inside)?.textContent ?? null;
    return {
      points: text("#card", ".points"),
      banner: text("[placement=top]", ".headline"),
      products: document.querySelector("[placement=recommendations]")?.shadowRoot?.querySelectorAll(".product").length ?? null,
    };
  });
  await page.close();
  return { shown, problems, requests };
}

const rendered = (kind, points = "1.220 Punkte") =>
  ({ points, banner: "Alles Gute zum Geburtstag, Anna!", products: kind === "recs" ? 6 : null });

// What a browser may lack or a page may break, and what the shopper then sees.
const altered = [
  ["no IntersectionObserver", "delete window.IntersectionObserver", []],
  ["no queueMicrotask", "delete window.queueMicrotask", []],
  ["a performance.mark that throws", "performance.mark = () => { throw new Error('marks are locked down'); }", []],
  ["a console without warn", "delete console.warn", []],
  ["a console.warn that throws", "console.warn = () => { throw new Error('console is locked down'); }", []],
  ["an Intl format that throws",
    "Object.defineProperty(Intl.NumberFormat.prototype, 'format', { get() { return () => { throw new Error('locked'); }; } })",
    [], "1220 Punkte"],
  ["a fetch that throws for documents",
    "{ const real = fetch; window.fetch = (url, options) => String(url).endsWith('.wasm') ? real(url, options) : (() => { throw new TypeError('fetch is locked down'); })(); }",
    ["warning: patron: could not fetch the config from \"../configs/consumer.json\": fetch is locked down"], null],
];

for (const kind of ["core", "recs"]) {
  for (const [name, init, warnings, points = "1.220 Punkte"] of altered) {
    test(`${kind} page, ${name}: the widgets degrade and nothing is thrown`, async () => {
      const { shown, problems } = await visit(kind, { init });
      if (points === null) {
        // Without its config no widget can show; the page hears of it once.
        assert.deepEqual(shown, { points: null, banner: null, products: kind === "recs" ? 0 : null });
        assert.deepEqual(problems, warnings);
      } else {
        assert.deepEqual(shown, rendered(kind, points));
        assert.deepEqual(problems, warnings);
      }
    });
  }

  test(`${kind} page, no TextDecoder: Patron stops with one warning`, async () => {
    const { shown, problems } = await visit(kind, { init: "delete window.TextDecoder" });
    assert.deepEqual(shown, { points: null, banner: null, products: null });
    assert.deepEqual(problems, ["warning: patron: could not start: TextDecoder is not defined"]);
  });

  test(`${kind} page, a page that defined its own <patron-widget>: one warning`, async () => {
    const { problems } = await visit(kind, { init: "customElements.define('patron-widget', class extends HTMLElement {})" });
    assert.deepEqual(problems, ["warning: patron: another script already defined <patron-widget>; Patron's widgets cannot render"]);
  });

  test(`${kind} page, a Promise.prototype.then that throws: no exception reaches the page`, async () => {
    const { problems } = await visit(kind, { init: "Promise.prototype.then = function () { throw new Error('then is locked down'); }" });
    assert.deepEqual(problems.filter((p) => p.startsWith("exception")), []);
  });

  test(`${kind} page, URLs that only look like the shop's: nothing is requested from another origin`, async () => {
    const withImage = structuredClone(consumer);
    withImage.offers.find((offer) => offer.id === "birthday").image = "//evil.example/gift.png";
    const json = (body) => (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(body) });
    const { shown, problems, requests } = await visit(kind, {
      routes: [["**/configs/consumer.json", json(withImage)], ["http://evil.example/**", (route) => route.abort()]],
    });
    assert.deepEqual(shown, rendered(kind));
    assert.deepEqual(problems, [
      "warning: patron: left out the image //evil.example/gift.png: http://evil.example is an origin this page does not list in <meta name=patron-origins>",
    ]);
    assert.deepEqual(requests.filter((url) => url.includes("evil.example")), []);
  });

  test(`${kind} page, a config that redirects to another origin is refused`, async () => {
    // Another origin (another port), which serves the config to anyone: only Patron refuses it.
    const elsewhere = createServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      response.end(JSON.stringify(consumer));
    });
    await new Promise((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const target = `http://127.0.0.1:${elsewhere.address().port}/config.json`;
    try {
      const { shown, problems } = await visit(kind, {
        routes: [["**/configs/consumer.json", (route) => route.fulfill({ status: 302, headers: { location: target } })]],
      });
      assert.deepEqual(shown.points, null);
      assert.deepEqual(problems.filter((p) => p.includes("config")), [
        `warning: patron: could not fetch the config from "../configs/consumer.json": redirected to ${target}, an origin this page does not list in <meta name=patron-origins>`,
      ]);
    } finally {
      elsewhere.close();
    }
  });

  test(`${kind} page, a config named "//evil.example/…" is not fetched`, async () => {
    const { problems, requests } = await visit(kind, {
      init: "document.addEventListener('DOMContentLoaded', () => { for (const w of document.querySelectorAll('patron-widget')) w.setAttribute('config-src', '//evil.example/config.json'); })",
    });
    assert.deepEqual(requests.filter((url) => url.includes("evil.example")), []);
    assert.ok(problems.includes(
      "warning: patron: could not fetch the config from \"//evil.example/config.json\": http://evil.example is an origin this page does not list in <meta name=patron-origins>",
    ), problems.join("\n"));
  });

  test(`${kind} page, application objects, wrong arguments and a session in another currency`, async () => {
    const page = await state.browser.newPage();
    const problems = [];
    page.on("console", (message) => message.type() === "warning" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
    await page.goto(`${state.base}check/altered.html${kind === "recs" ? "#recs" : ""}`);
    await page.locator("#card .points").waitFor();
    const seen = await page.evaluate(async () => {
      const session = JSON.parse(document.getElementById("patron-session").textContent);
      const timed = (value) => {
        const start = performance.now();
        window.__patron.update(value);
        return performance.now() - start;
      };
      // An ORM's graph: orders point back at their customer; and parts shared along 2^40 paths.
      const cyclic = structuredClone(session);
      for (const order of cyclic.orders) order.customer = cyclic.customer;
      cyclic.customer.orders = cyclic.orders;
      let shared = { leaf: true };
      for (let i = 0; i < 40; i++) shared = { left: shared, right: shared };
      const wide = { ...structuredClone(session), extra: shared };
      const times = [timed(cyclic), timed(wide), timed(window)];
      window.__patron.mount(null, {});
      window.__patron.mount(document.body, "options");
      window.__patron.update({ ...session, currency: "USD" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const card = document.querySelector("#card").shadowRoot;
      return { slowest: Math.max(...times), card: card.textContent, greeting: card.querySelector(".greeting")?.textContent ?? "" };
    });
    await page.close();
    console.log(`${kind} page: the slowest refusal of an object graph took ${seen.slowest.toFixed(1)} ms`);
    assert.ok(seen.slowest < 1000, `${seen.slowest} ms`);
    assert.equal(seen.greeting, "", "a session in another currency contributes nothing personal");
    assert.ok(!seen.card.includes("$"), seen.card);
    assert.deepEqual(problems, [
      "patron: update(): session is invalid: an object contains itself",
      "patron: update(): session is invalid: over the size limit",
      "patron: mount(): the first argument is not an HTML element",
      "patron: mount(): the options are not an object",
      "patron: session is invalid: currency: the programme counts in EUR but the session is in USD (`patron render` explains each problem); showing the programme without personal data",
    ]);
  });
}
