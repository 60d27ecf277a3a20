// End-to-end: the demo storefront, served as scripts/serve.mjs serves it (strict CSP included), in
// Debian's headless Chromium driven by playwright-core. Every persona must show its loyalty card; the
// persona switcher must re-render it; the console must stay free of errors and CSP violations.
// Screenshots go to test-results/screenshots/.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { open as openPage, useBrowser } from "./support.mjs";

const shots = new URL("../test-results/screenshots/", import.meta.url).pathname;
const state = useBrowser();
before(() => mkdir(shots, { recursive: true }));

/** Opens the demo and waits for the card. */
async function open(hash, width = 1280) {
  const opened = await openPage(state, `#${hash}`, width);
  await opened.page.locator("patron-widget .points").waitFor();
  return opened;
}

/** The card's visible texts, read through the open shadow root. */
async function card(page) {
  return page.locator("#card").evaluate((widget) => {
    const text = (selector) => widget.shadowRoot.querySelector(selector)?.textContent ?? null;
    const bar = widget.shadowRoot.querySelector("[role=progressbar]");
    return {
      title: text(".title"),
      greeting: text(".greeting"),
      points: text(".points"),
      tier: text(".tier"),
      caption: text(".caption"),
      progress: bar && bar.getAttribute("aria-valuenow"),
      top: text(".top"),
      expiring: text(".expiring"),
    };
  });
}

const personas = {
  new: { title: "Bohnenhaus Club", greeting: "Hallo Lena!", points: "0 Punkte", tier: "Bronze", caption: "Noch 500,00\u00a0€ bis Silber", progress: "0", top: null, expiring: null },
  regular: { title: "Bohnenhaus Club", greeting: "Hallo Anna!", points: "1.220 Punkte", tier: "Silber", caption: "Noch 941,59\u00a0€ bis Gold", progress: "37", top: null, expiring: "49 Punkte verfallen am 9. Dezember 2026." },
  lapsed: { title: "Bohnenhaus Club", greeting: "Hallo Markus!", points: "412 Punkte", tier: "Bronze", caption: "Noch 500,00\u00a0€ bis Silber", progress: "0", top: null, expiring: "65 Punkte verfallen am 3. Dezember 2026." },
  partner: { title: "Küchenprofi Partnerprogramm", greeting: "Hallo Petra!", points: "118.940 Punkte", tier: "Strategischer Partner", caption: null, progress: null, top: "Höchste Stufe erreicht – danke für Ihre Treue!", expiring: null },
};

for (const [persona, expected] of Object.entries(personas)) {
  test(`the demo shows the ${persona} persona's loyalty card`, async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await open(`persona=${persona}&locale=de-DE`, width);
      assert.deepEqual(await card(page), expected);
      await page.screenshot({ path: `${shots}${persona}-${width}.png`, fullPage: true });
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}

test("the persona and language switchers re-render the card", async () => {
  const { page, problems } = await open("persona=new&locale=de-DE");
  await page.getByRole("button", { name: "B2B partner" }).click();
  await page.locator("patron-widget .top").waitFor();
  assert.equal((await card(page)).tier, "Strategischer Partner");
  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.querySelector("#card").shadowRoot.querySelector(".tier")?.textContent === "Strategic partner");
  assert.equal((await card(page)).points, "118,940 points");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the widget stays on its own origin, sets no cookie and trips no CSP rule", async () => {
  const context = await state.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective));
  });
  await page.goto(`${state.base}#persona=regular&locale=de-DE`);
  await page.locator("patron-widget .points").waitFor();
  await page.locator("patron-widget .product").first().waitFor();
  const origin = new URL(state.base).origin;
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, []);
  // Everything the page loaded, by path: the demo's own files, the package, and the one config.
  // Product images load lazily, as they scroll into view: they are checked for origin above only.
  const paths = [...new Set(requests.map((url) => new URL(url).pathname))]
    .filter((path) => !path.startsWith("/img/"))
    .sort();
  assert.deepEqual(paths, [
    "/", "/catalogue/model.ptrm", "/configs/consumer.json", "/demo.css", "/demo.js", "/favicon.svg",
    // The page shows recommendations: the full build only, not the card and banners one.
    "/pkg/patron.js", "/pkg/patron_full.js", "/pkg/patron_full_bg.wasm",
    "/sessions/regular.json",
  ].sort());
  assert.deepEqual(await context.cookies(), []);
  assert.equal(await page.evaluate(() => document.cookie), "");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

test("the page's patron:cart-updated event re-renders the card", async () => {
  const { page, problems } = await open("persona=regular&locale=de-DE");
  assert.equal((await card(page)).points, "1.220 Punkte");
  await page.evaluate(() => document.dispatchEvent(new CustomEvent("patron:cart-updated", {
    detail: { lines: [{ sku: "GRINDER", quantity: 1, unit_price: 100 }] },
  })));
  await page.waitForFunction(() =>
    document.querySelector("#card").shadowRoot.querySelector(".cart")?.textContent === "Ihr Warenkorb bringt Ihnen 125 Punkte.");
  assert.deepEqual(problems, []);
  await page.close();
});
