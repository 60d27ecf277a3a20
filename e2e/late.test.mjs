// End-to-end: each page downloads only what it shows (www/check/late.html, a shop's page without a
// carousel, as a single-page app shows it). The card and banners page loads the core build only; a
// carousel added later loads the full build, which renders it while the card and the banner stay as
// they are; a rewards panel added later loads the rewards build, and a carousel after it the build
// with both; and when the full build cannot load, one warning says so and the other widgets go on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, useBrowser } from "./support.mjs";

const state = useBrowser();

/** Opens the page, recording the paths it requests. */
async function page(route) {
  const context = await state.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const problems = [];
  const requests = [];
  tab.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
  tab.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  tab.on("request", (request) => requests.push(new URL(request.url()).pathname));
  if (route) await tab.route("**/pkg/patron_full*", route);
  await tab.goto(`${state.base}check/late.html`);
  await tab.locator("#card .points").waitFor();
  await tab.locator("patron-widget[placement=top] .headline").waitFor();
  return { context, tab, problems, requests };
}

const patronFiles = (requests) => [...new Set(requests.filter((path) => path.startsWith("/pkg/")))].sort();

test("a page with the card and banners downloads no recommendation code", async () => {
  const { context, tab, problems, requests } = await page();
  assert.equal(await tab.locator("#card .points").textContent(), "1.220 Punkte");
  assert.deepEqual(patronFiles(requests), ["/pkg/patron.js", "/pkg/patron_core.js", "/pkg/patron_core_bg.wasm"]);
  assert.ok(!requests.some((path) => path.endsWith(".ptrm")), "no model either");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a carousel added later renders, and the card and the banner do not change", async () => {
  const { context, tab, problems, requests } = await page();
  await tab.evaluate(() => window.__watch());
  await tab.evaluate(() => window.__addCarousel());
  const products = tab.locator("patron-widget[placement=recommendations] .product");
  await products.first().waitFor();
  assert.ok(await products.count() > 0);
  // One carousel, rendered once: a second module rendering it too would have doubled its list.
  assert.equal(await tab.locator("patron-widget[placement=recommendations] .recs").count(), 1);
  assert.deepEqual(patronFiles(requests), [
    "/pkg/patron.js", "/pkg/patron_core.js", "/pkg/patron_core_bg.wasm", "/pkg/patron_full.js", "/pkg/patron_full_bg.wasm",
  ]);
  await tab.waitForTimeout(300);
  assert.equal(await tab.evaluate(() => window.__changes), 0, "the card and the banner were not rendered again");
  // From now on the full build renders every widget: a new session reaches the card too.
  await tab.evaluate(() => {
    const session = JSON.parse(document.getElementById("patron-session").textContent);
    session.customer.first_name = "Anne";
    window.__patron.update(session);
  });
  await tab.locator("#card .greeting", { hasText: "Anne" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a rewards panel added later loads its build, then a carousel the build with both", async () => {
  const { context, tab, problems, requests } = await page();
  await tab.evaluate(() => window.__watch());
  await tab.evaluate(() => window.__addRewards());
  await tab.locator("patron-widget[placement=rewards] [data-reward=five-off][data-state=affordable]").waitFor();
  assert.deepEqual(patronFiles(requests), [
    "/pkg/patron.js", "/pkg/patron_core.js", "/pkg/patron_core_bg.wasm", "/pkg/patron_rewards.js", "/pkg/patron_rewards_bg.wasm",
  ]);
  await tab.evaluate(() => window.__addCarousel());
  await tab.locator("patron-widget[placement=recommendations] .product").first().waitFor();
  assert.ok(patronFiles(requests).includes("/pkg/patron_full_rewards_bg.wasm"));
  assert.ok(!patronFiles(requests).includes("/pkg/patron_full_bg.wasm"), "not the build without the panel");
  await tab.waitForTimeout(300);
  assert.equal(await tab.evaluate(() => window.__changes), 0, "the card and the banner were not rendered again");
  // The build with both renders the panel from now on: a new session reaches it.
  await tab.evaluate(() => {
    const session = JSON.parse(document.getElementById("patron-session").textContent);
    session.points = { balance: 520 };
    window.__patron.update(session);
  });
  await tab.locator("patron-widget[placement=rewards] .points", { hasText: "520 Punkte" }).waitFor();
  assert.equal(await tab.locator("patron-widget[placement=rewards] .redeem").count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("when the full build cannot load, one warning says so and the card and banners go on", async () => {
  const { context, tab, problems } = await page((route) => route.fulfill({ status: 404, body: "not found" }));
  await tab.evaluate(() => window.__addCarousel());
  await tab.waitForFunction(() => window.__patron !== undefined);
  await tab.waitForTimeout(500);
  const warnings = problems.filter((p) => p.startsWith("warning: patron:"));
  assert.equal(warnings.length, 1, problems.join("\n"));
  assert.match(warnings[0], /^warning: patron: could not load patron_full\.js, which the page's widgets need: /);
  assert.equal(await tab.locator("patron-widget[placement=recommendations] .product").count(), 0);
  // The core build still renders: a cart change reaches the card (Silber earns 1.25 points per euro:
  // 2 × 21.90 earned 54 points, 4 × 50.00 earn 250).
  const cart = tab.locator("#card .cart");
  assert.match(await cart.textContent(), /\b54 Punkte/);
  await tab.evaluate(() => document.dispatchEvent(new CustomEvent("patron:cart-updated", {
    detail: { lines: [{ sku: "BEAN-1", quantity: 4, unit_price: 50 }] },
  })));
  await tab.locator("#card .cart", { hasText: "250 Punkte" }).waitFor();
  await context.close();
});
