// End-to-end: the server's session builder as a shop's developer uses it. `npm pack` the built
// pkg-session/, install the tarball into a fresh Node project, build sessions with `toSession`, and
// embed them in a page the widget (pkg/) renders in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useBrowser } from "./support.mjs";

const state = useBrowser();
let dir;
let toSession;
const regular = JSON.parse(await readFile("www/sessions/regular.json", "utf8"));
const secret = "a-shop-secret-of-32-bytes-or-so!";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "patron-session-"));
  const tarball = execFileSync("npm", ["pack", "./pkg-session", "--pack-destination", dir, "--silent"], { encoding: "utf8" })
    .trim().split("\n").pop();
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "shop-server", private: true }));
  execFileSync("npm", ["install", join(dir, tarball), "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir });
  // As the shop's server code requires it: by name, from its own node_modules.
  ({ toSession } = createRequire(join(dir, "server.js"))("patron-session"));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The card's and the top banners' text for a page embedding `session` (JSON text as given). */
async function rendered(session) {
  const page = await state.browser.newPage();
  const problems = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  const url = `${state.base}check/session-${Math.random().toString(36).slice(2)}.html`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><script type="module" src="/pkg/patron.js"></script></head>
<body>
<patron-widget id="card" config-src="/configs/consumer.json"></patron-widget>
<patron-widget id="top" placement="top" config-src="/configs/consumer.json"></patron-widget>
<script type="application/json" id="patron-session">${session}</script>
<p id="after">the page goes on</p>
</body></html>` }));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("#card").shadowRoot?.querySelector(".card, .guest, [role=status]"));
  await page.waitForTimeout(100);
  const text = await page.evaluate(() => ({
    card: document.querySelector("#card").shadowRoot.textContent,
    top: document.querySelector("#top").shadowRoot?.textContent ?? "",
    after: document.querySelector("#after")?.textContent,
    scripts: document.scripts.length,
  }));
  await page.close();
  return { ...text, problems };
}

test("the compact session renders the same card and banners as the full history it came from", async () => {
  const { $schema, ...fields } = regular;
  const compact = toSession(fields);
  const parsed = JSON.parse(compact);
  assert.equal(parsed.orders, undefined);
  assert.equal(parsed.history.version, 1);
  assert.match(parsed.history.orders, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(parsed.history.skus, [...new Set(regular.orders.slice().sort((a, b) => Date.parse(a.placed_at) - Date.parse(b.placed_at))
    .flatMap((order) => order.lines.map((line) => line.sku)))]);
  assert.ok(compact.length < JSON.stringify(regular).length / 2, `${compact.length} bytes`);
  const full = await rendered(JSON.stringify(regular));
  const fromCompact = await rendered(compact);
  assert.match(full.card, /Anna/);
  assert.deepEqual(fromCompact, full);
  assert.deepEqual(fromCompact.problems, []);
});

test("the analytics key is HMAC-SHA256 of the customer id under the shop's secret, cut to 32 hex digits", () => {
  const expected = createHmac("sha256", secret).update("c-2002").digest("hex").slice(0, 32);
  const session = JSON.parse(toSession({ ...regular, analyticsKey: secret }));
  assert.equal(session.customer.analytics_id, expected);
  // The same from a Buffer; and a key the caller wrote is replaced by the secret's.
  const again = JSON.parse(toSession({ ...regular, customer: { ...regular.customer, analytics_id: "0".repeat(32) }, analyticsKey: Buffer.from(secret) }));
  assert.equal(again.customer.analytics_id, expected);
  // Without consent to analytics, no key at all, whatever the caller passed.
  const declined = JSON.parse(toSession({ ...regular, consent: { personalisation: true, analytics: false }, analyticsKey: secret }));
  assert.equal(declined.customer.analytics_id, undefined);
  assert.equal(JSON.parse(toSession({ ...regular, analyticsKey: undefined })).customer.analytics_id, undefined);
});

test("maxProducts keeps the products bought most often, and every order with its total", () => {
  const full = JSON.parse(toSession(regular)).history;
  const capped = JSON.parse(toSession({ ...regular, maxProducts: 2 })).history;
  assert.ok(full.skus.length > 2);
  assert.equal(capped.skus.length, 2);
  assert.equal(capped.orders, full.orders);
  // The two kept are among the most often bought (what `patron session --max-products` keeps too).
  const orders = (sku) => regular.orders.filter((o) => o.lines.some((l) => l.sku === sku)).length;
  const most = Math.max(...full.skus.map(orders));
  assert.equal(orders(capped.skus[0]) === most || orders(capped.skus[1]) === most, true);
});

test("without consent to personalisation the session carries no history and no points", () => {
  const session = JSON.parse(toSession({
    ...regular, consent: { personalisation: false, analytics: false },
    points: { balance: 120 },
  }));
  assert.equal(session.history, undefined);
  assert.equal(session.orders, undefined);
  assert.equal(session.points, undefined);
  assert.equal(session.customer.first_name, "Anna");
});

test("hostile strings stay strings: nothing in the JSON can close the script block", async () => {
  const name = "</script><script>alert(1)</script><!--";
  const hostile = {
    ...regular,
    customer: { ...regular.customer, first_name: name },
    orders: regular.orders.map((order, i) => i ? order : {
      ...order, lines: order.lines.map((line) => ({ ...line, sku: "</SCRIPT >\u2028&amp;", category: "<!-- x" })),
    }),
  };
  const json = toSession(hostile);
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  const parsed = JSON.parse(json);
  assert.equal(parsed.customer.first_name, name);
  assert.equal(parsed.history.skus[0], "</SCRIPT >\u2028&amp;");
  const page = await rendered(json);
  assert.equal(page.after, "the page goes on");
  assert.equal(page.scripts, 2);
  assert.match(page.card, /<\/script><script>alert\(1\)<\/script><!--/);
  assert.deepEqual(page.problems, []);
});

test("a wrong shape is a TypeError naming the field", () => {
  const refused = (input, message) => assert.throws(() => toSession(input), (e) => {
    assert.equal(e.constructor, TypeError);
    assert.match(e.message, message);
    return true;
  });
  refused(null, /^toSession: the argument: expected an object with the session's fields, got null$/);
  refused([regular], /^toSession: the argument: expected an object with the session's fields, got an array$/);
  refused({ ...regular, analyticsKey: 42 }, /^toSession: analyticsKey: expected a string or a Uint8Array \(a Buffer\), got a number$/);
  refused({ ...regular, analyticsKey: "short" }, /^toSession: analyticsKey: the secret has 5 bytes; use at least 16 random bytes$/);
  refused({ ...regular, orders: "none" }, /^toSession: session is invalid: orders: expected an array, got "none"$/);
  refused({ ...regular, customer: { first_name: "Anna" } }, /^toSession: session is invalid: customer: missing field "id"$/);
  refused({ ...regular, orders: [{ ...regular.orders[0], placed_at: "yesterday" }] }, /^toSession: session is invalid: orders\[0\]\.placed_at: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00\+01:00, got "yesterday"$/);
  refused({ ...regular, maxProducts: 0 }, /^toSession: maxProducts: expected a whole number of at least 1, got a number$/);
  refused({ ...regular, order: [] }, /^toSession: session is invalid: order: unknown field "order"; did you mean "orders"\?$/);
  const cyclic = { ...regular, customer: { ...regular.customer } };
  cyclic.customer.self = cyclic;
  refused(cyclic, /circular/);
});
