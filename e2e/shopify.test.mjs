// End-to-end: the Shopify kit (kits/shopify/). Its Liquid is rendered by Debian's ruby-liquid,
// Shopify's own Liquid (kits/shopify/test/render.rb, which registers the four theme tags and
// filters the kit uses with Shopify's documented semantics: `json`, `asset_url`, `paginate`,
// `schema`), on objects shaped like Shopify's `customer`, `cart` and `request`. The session it
// embeds must satisfy schemas/session.schema.json, and the page must show the card in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import { useBrowser } from "./support.mjs";

const state = useBrowser();
const require = createRequire(import.meta.url);
const { toSession } = require("../pkg-session/index.js");
const schema = JSON.parse(await readFile("schemas/session.schema.json", "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const regular = JSON.parse(await readFile("www/sessions/regular.json", "utf8"));

const cents = (amount) => Math.round(amount * 100);
/** A Shopify line item (or cart item) for a line of a Patron session. */
const item = (line, i) => ({
  sku: line.sku, variant_id: 900 + i, quantity: line.quantity, final_price: cents(line.unit_price),
  product: { type: line.category ?? "" },
});
const cart = { currency: { iso_code: "EUR" }, items: regular.cart.lines.map(item) };
const request = { locale: { iso_code: "de" } };
const sections = [
  { id: "card", settings: { placement: "card", reserve: 180 } },
  { id: "top", settings: { placement: "top", reserve: 120 } },
];
/** A Shopify customer with regular.json's orders, newest first as `customer.orders` lists them. */
const customer = (extra = {}) => ({
  id: 2002,
  first_name: "Anna",
  metafields: { patron: { personalisation: { value: true }, analytics: { value: true }, birthday: { value: regular.customer.birthday } } },
  orders: regular.orders.slice().reverse().map((order, i) => ({
    id: 5000 + i, created_at: order.placed_at, cancelled: false, line_items: order.lines.map(item),
  })),
  ...extra,
});

/** The theme page for `globals`, rendered by Shopify's Liquid. */
function theme(globals) {
  return execFileSync("ruby", ["kits/shopify/test/render.rb"], { input: JSON.stringify({ globals, sections }), encoding: "utf8" });
}

/** The session the page embeds, checked against the session schema. */
function embedded(html) {
  const match = /<script type="application\/json" id="patron-session">([^]*?)<\/script>/.exec(html);
  assert.ok(match, html);
  const session = JSON.parse(match[1]);
  assert.ok(validate(session), JSON.stringify(validate.errors));
  return { session, json: match[1] };
}

/** The page in Chromium: the card's text, the banners', and what the console said. */
async function shown(html) {
  const page = await state.browser.newPage();
  const problems = [];
  let dialogs = 0;
  page.on("dialog", (dialog) => { dialogs++; dialog.dismiss(); });
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  const url = `${state.base}check/shopify-${Math.random().toString(36).slice(2)}.html`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector(".patron-card patron-widget").shadowRoot?.querySelector(".card, .guest"));
  await page.waitForTimeout(100);
  const text = await page.evaluate(() => ({
    card: document.querySelector(".patron-card patron-widget").shadowRoot.textContent,
    top: document.querySelector(".patron-top patron-widget").shadowRoot?.textContent ?? "",
    after: document.querySelector("#after")?.textContent,
    scripts: document.scripts.length,
  }));
  await page.close();
  return { ...text, problems, dialogs };
}

/** The same page with `session` embedded directly: what the kit's page must look like. */
function control(session) {
  return theme({ customer: null, cart, request }).replace(
    /(<script type="application\/json" id="patron-session">)[^]*?(<\/script>)/,
    (_, open, close) => open + session + close,
  );
}

test("Liquid-only mode: the session built from Shopify's objects shows the customer's card", async () => {
  const html = theme({ customer: customer(), cart, request });
  assert.match(html, /<script type="module" src="\/pkg\/patron.js"><\/script>/);
  const { session } = embedded(html);
  assert.equal(session.customer.id, "2002");
  assert.equal(session.orders.length, regular.orders.length);
  assert.deepEqual(session.consent, { personalisation: true, analytics: true });
  assert.equal(session.customer.analytics_id, undefined, "no analytics key without the backend's");
  // The same card and banners as the demo's regular customer with the same orders and cart.
  const { $schema, now, ...same } = { ...regular, customer: { id: "2002", first_name: "Anna", birthday: regular.customer.birthday }, locale: "de", cart: session.cart };
  const [page, expected] = [await shown(html), await shown(control(JSON.stringify(same)))];
  assert.match(page.card, /Anna/);
  assert.deepEqual(page, expected);
  assert.deepEqual(page.problems, []);
});

test("metafield mode: the backend's compact session is embedded with the live cart", async () => {
  const built = JSON.parse(toSession({ ...regular, analyticsKey: "a-shop-secret-of-32-bytes-or-so!" }));
  delete built.cart;
  delete built.now;
  const html = theme({ customer: customer({ metafields: { patron: { session: { value: built } } } }), cart, request });
  const { session } = embedded(html);
  assert.deepEqual(session.history, built.history);
  assert.equal(session.customer.analytics_id, built.customer.analytics_id);
  assert.equal(session.cart.lines.length, regular.cart.lines.length);
  const page = await shown(html);
  const expected = await shown(control(JSON.stringify({ ...built, cart: session.cart })));
  assert.match(page.card, /Anna/);
  assert.deepEqual(page, expected);
  assert.deepEqual(page.problems, []);
});

test("a customer's name made of markup stays text, and the theme goes on", async () => {
  const name = "</script><script>alert(1)</script><!--";
  const html = theme({ customer: customer({ first_name: name }), cart, request });
  const { session, json } = embedded(html);
  assert.equal(session.customer.first_name, name);
  assert.doesNotMatch(json, /[<>&]/);
  const page = await shown(html);
  assert.equal(page.after, "the theme goes on");
  assert.equal(page.dialogs, 0);
  // The two sections' module tags and the session block: nothing the name opened.
  assert.equal(page.scripts, 3);
  assert.match(page.card, /<\/script><script>alert\(1\)<\/script><!--/);
  assert.deepEqual(page.problems, []);
});

test("without consent no order is read; a guest gets the programme; one page of 250 orders at most", async () => {
  const declined = embedded(theme({ customer: customer({ metafields: {} }), cart, request })).session;
  assert.deepEqual(declined.consent, { personalisation: false, analytics: false });
  assert.equal(declined.orders, undefined);

  const guest = theme({ customer: null, cart, request });
  assert.equal(embedded(guest).session.customer, undefined);
  const page = await shown(guest);
  assert.deepEqual(page.problems, []);

  const many = customer();
  const order = many.orders[0];
  many.orders = Array.from({ length: 300 }, (_, i) => ({
    ...order, id: 9000 + i, created_at: new Date(Date.parse("2026-11-01T10:00:00Z") - i * 86400000).toISOString(),
  }));
  assert.equal(embedded(theme({ customer: many, cart, request })).session.orders.length, 250);
});
