// End-to-end: the demo storefront's offer banners and recommendations carousel, in Debian's headless
// Chromium: who sees which banner, the carousel's products and reasons in words, keyboard use, and the
// events a shop's analytics listens to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, useBrowser } from "./support.mjs";

const state = useBrowser();

/** Opens a persona and waits for the card and the carousel. */
async function storefront(hash) {
  const opened = await open(state, `#${hash}`);
  await opened.page.locator("#card .points").waitFor();
  await opened.page.locator("patron-widget .product").first().waitFor();
  return opened;
}

/** Headlines of a placement's banners. */
function headlines(page, placement) {
  return page.locator(`patron-widget[placement=${placement}]`).evaluate((widget) =>
    [...widget.shadowRoot.querySelectorAll(".banner .headline")].map((h) => h.textContent));
}

/** The carousel's products: title, price and reason as shown. */
function carousel(page) {
  return page.locator("patron-widget[placement=recommendations]").evaluate((widget) =>
    [...widget.shadowRoot.querySelectorAll(".product")].map((item) => [
      item.querySelector(".product-title").textContent,
      item.querySelector(".product-price")?.textContent ?? null,
      item.querySelector(".product-reason").textContent,
    ]));
}

test("each persona sees the banners meant for them", async () => {
  const { page, problems } = await storefront("persona=regular&locale=de-DE");
  assert.deepEqual(await headlines(page, "top"), ["Alles Gute zum Geburtstag, Anna!"]);
  assert.deepEqual(await headlines(page, "inline"), ["Bestellungen bis zur Gratis-Packung: noch 10", "10 € schenken, 10 € bekommen"]);
  await page.locator("button[data-persona=lapsed]").click();
  await page.waitForFunction(() =>
    document.querySelector("patron-widget[placement=top]").shadowRoot.querySelector(".headline")?.textContent !== "Alles Gute zum Geburtstag, Anna!");
  assert.deepEqual(await headlines(page, "top"), ["Wir vermissen Sie, Markus!"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the carousel shows products with prices and reasons in words", async () => {
  const { page, problems } = await storefront("persona=regular&locale=de-DE");
  assert.deepEqual((await carousel(page)).slice(0, 5), [
    ["Espresso Classico 1 kg", "24,90\u00a0€", "Zeit für Nachschub?"],
    ["Filtertüten Größe 102", "3,49\u00a0€", "Wieder bestellen?"],
    ["Earl Grey 250 g", "8,90\u00a0€", "Zeit für Nachschub?"],
    ["Sencha 250 g", "9,90\u00a0€", "Oft zusammen gekauft mit Earl Grey 250 g"],
    ["Handmühle", "89,00\u00a0€", "Oft zusammen gekauft mit Espresso Classico 1 kg"],
  ]);
  // The house blend is in Anna's cart, so it is not recommended.
  assert.ok(!(await carousel(page)).some(([title]) => title === "Hausmischung 1 kg"));
  const image = await page.locator("patron-widget[placement=recommendations] img").first().evaluate((img) =>
    [img.getAttribute("width"), img.getAttribute("height"), img.getAttribute("loading"), img.getAttribute("alt")]);
  assert.deepEqual(image, ["160", "160", "lazy", ""]);
  await page.locator("button[data-locale=en-GB]").click();
  await page.waitForFunction(() =>
    document.querySelector("patron-widget[placement=recommendations]").shadowRoot.querySelector(".recs-title")?.textContent === "Recommended for you");
  assert.deepEqual((await carousel(page))[0], ["Espresso Classico 1 kg", "€24.90", "Time to restock?"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a newcomer is shown what is popular", async () => {
  const { page } = await storefront("persona=new&locale=de-DE");
  const reasons = (await carousel(page)).map(([, , reason]) => reason);
  assert.ok(reasons.length > 0 && reasons.every((reason) => reason === "Gerade beliebt"), reasons.join(", "));
  await page.close();
});

test("the carousel is keyboard-operable and reports impressions and clicks", async () => {
  // Listening from the start: products visible on arrival count at once.
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ["patron:rec-impression", "patron:rec-click"]) {
      document.addEventListener(name, (event) => window.__events.push([name, event.detail]));
    }
  });
  await page.goto(`${state.base}#persona=regular&locale=de-DE`);
  await page.locator("patron-widget .product").first().waitFor();
  // Links would navigate away; the test keeps the page.
  await page.locator("patron-widget[placement=recommendations]").evaluate((widget) =>
    widget.shadowRoot.addEventListener("click", (event) => event.preventDefault()));
  await page.locator("patron-widget[placement=recommendations]").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__events.filter(([name]) => name === "patron:rec-impression").length >= 3);
  const impressions = await page.evaluate(() => window.__events.filter(([name]) => name === "patron:rec-impression").map(([, d]) => d));
  // analyticsId: the key Anna's session carries, with her analytics consent (customer.analytics_id).
  const analyticsId = "71c5f8ed102ca3c2a34227873ebebe1c";
  assert.deepEqual(impressions[0], { sku: "BEAN-ESPRESSO-1KG", position: 1, reason: "repurchase_due", analyticsId });

  // Tab from the element before the carousel: the track, then the first product's link.
  await page.locator("patron-widget[placement=recommendations]").evaluate((widget) => widget.shadowRoot.querySelector(".track").focus());
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const active = document.querySelector("patron-widget[placement=recommendations]").shadowRoot.activeElement;
    return [active?.tagName, active?.closest(".product")?.dataset.sku];
  });
  assert.deepEqual(focused, ["A", "BEAN-ESPRESSO-1KG"]);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.__events.some(([name]) => name === "patron:rec-click"));
  const click = await page.evaluate(() => window.__events.find(([name]) => name === "patron:rec-click")[1]);
  assert.deepEqual(click, { sku: "FILTER-102", position: 2, reason: "buy_again", analyticsId });
  assert.deepEqual(problems, []);
  await page.close();
});

test("nothing on the page moves when the widgets render, from 320 px phones to a desktop", async () => {
  for (const persona of ["new", "regular", "lapsed", "partner"]) {
    for (const width of [320, 375, 1280]) {
      const page = await state.browser.newPage({ viewport: { width, height: 900 } });
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__shifts.push(entry.value);
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(`${state.base}#persona=${persona}&locale=de-DE`);
      await page.locator("#card .points").waitFor();
      await page.locator("patron-widget .product").first().waitFor();
      await page.waitForTimeout(300);
      const [shifts, overflow] = await page.evaluate(() =>
        [window.__shifts, document.scrollingElement.scrollWidth - window.innerWidth]);
      assert.deepEqual(shifts, [], `${persona} at ${width} px`);
      assert.ok(overflow <= 0, `${persona} at ${width} px scrolls sideways by ${overflow} px`);
      await page.close();
    }
  }
});

test("the first widget is painted before the others render, and then they all do", async () => {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    // When each widget's shadow root is first filled, by placement.
    window.__built = [];
    const replace = ShadowRoot.prototype.replaceChildren;
    ShadowRoot.prototype.replaceChildren = function (...nodes) {
      if (nodes.length) window.__built.push([this.host.getAttribute("placement") ?? "loyalty", performance.now()]);
      return replace.apply(this, nodes);
    };
  });
  await page.goto(`${state.base}#persona=regular&locale=de-DE`);
  await page.locator("#card .points").waitFor();
  await page.locator("patron-widget .product").first().waitFor();
  await page.locator("patron-widget[placement=inline]").evaluate((w) => w.shadowRoot.querySelector(".banner")).then(assert.ok);
  const [built, start, painted] = await page.evaluate(() => [
    window.__built,
    performance.getEntriesByName("patron:start")[0].startTime,
    performance.getEntriesByName("patron:first-paint")[0].startTime,
  ]);
  const first = new Map();
  for (const [placement, at] of built) if (!first.has(placement)) first.set(placement, at);
  assert.deepEqual([...first.keys()].sort(), ["inline", "loyalty", "recommendations", "top"]);
  const before = [...first].filter(([, at]) => at < painted).map(([placement]) => placement);
  assert.equal(before.length, 1, `built before the first paint: ${before}`);
  assert.ok(start < painted);
  await page.close();
});
