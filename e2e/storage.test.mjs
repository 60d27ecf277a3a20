// End-to-end: what Patron keeps in the shopper's browser has a lifecycle (the book, integrate/privacy.md, "What Patron
// stores"). The offer memory is written with consent; a session that arrives without personalisation
// consent removes it at once, and so does the package's forget(); the shop's own keys stay; storage
// that throws counts as empty and never breaks the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, useBrowser } from "./support.mjs";

const state = useBrowser();
const KEY = "patron:v1:offers";

/** The demo with the regular shopper (who consents), after a banner was dismissed. */
async function withMemory() {
  const opened = await open(state, "#persona=regular");
  const { page } = opened;
  await page.locator("patron-widget[placement=top] .headline").first().waitFor();
  await page.evaluate(() => localStorage.setItem("shop:cart", "[1]"));
  await page.locator("patron-widget[placement=top] .dismiss").first().click();
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, KEY);
  return opened;
}

const stored = (page) => page.evaluate((key) => [localStorage.getItem(key) !== null, localStorage.getItem("shop:cart")], KEY);

test("a session without personalisation consent removes what Patron stored, and only that", async () => {
  const { page, problems } = await withMemory();
  const memory = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), KEY));
  // The banners seen and the one dismissed.
  assert.ok(Object.values(memory.offers).some((entry) => entry.dismissed === true), JSON.stringify(memory));
  await page.evaluate(async () => {
    const session = JSON.parse(document.getElementById("patron-session").textContent);
    session.consent.personalisation = false;
    (await import("/pkg/patron.js")).update(session);
  });
  await page.waitForFunction((key) => localStorage.getItem(key) === null, KEY);
  assert.deepEqual(await stored(page), [false, "[1]"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("forget() removes what Patron stored, for a shop's delete-my-data page", async () => {
  const { page, problems } = await withMemory();
  const returned = await page.evaluate(async () => (await import("/pkg/patron.js")).forget());
  assert.equal(returned, undefined);
  assert.deepEqual(await stored(page), [false, "[1]"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("storage that throws counts as empty: the widgets render, forget() and a withdrawal pass quietly", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
  });
  await page.goto(`${state.base}#persona=regular`);
  await page.locator("patron-widget[placement=top] .headline").first().waitFor();
  assert.equal(await page.locator("#card .points").textContent(), "1.220 Punkte");
  await page.locator("patron-widget[placement=top] .dismiss").first().click();
  await page.evaluate(async () => {
    const patron = await import("/pkg/patron.js");
    patron.forget();
    const session = JSON.parse(document.getElementById("patron-session").textContent);
    session.consent.personalisation = false;
    patron.update(session);
  });
  // The programme card replaces the shopper's: the withdrawal was rendered.
  await page.locator("#card .greeting").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await page.close();
});
