// End-to-end: the rewards panel on the demo's account page (www/rewards.html), served with the strict
// CSP, against the demo's points backend in scripts/serve.mjs, which deducts the points and issues a
// code. The whole redemption flow — success, the backend's refusal, no handler, no answer within
// 15 s, a double click — by mouse and by keyboard alone, the events for the report, and axe.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { axeViolations, open as openPage, useBrowser } from "./support.mjs";

const state = useBrowser();

// Every test starts from the personas' own ledgers.
beforeEach(() => fetch(`${state.base}demo/reset`, { method: "POST" }));

/** Opens the account page for a persona, with the reward events recorded in `window.events`. */
async function open(persona, locale = "de-DE", { clock = false } = {}) {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  if (clock) await page.clock.install();
  await page.addInitScript(() => {
    window.events = [];
    for (const name of ["impression", "redeem", "redeemed", "redeem-failed"]) {
      document.addEventListener(`patron:reward-${name}`, (event) => {
        const { respondWith, ...detail } = event.detail;
        window.events.push([name, detail]);
      });
    }
  });
  await page.goto(`${state.base}rewards.html#persona=${persona}&locale=${locale}`);
  await page.locator("#rewards .reward").first().waitFor();
  return { page, problems };
}

const panel = (page) => page.locator("#rewards");
const balance = (page) => panel(page).locator(".balance .points").textContent();
const dialog = (page) => panel(page).locator("dialog");
const focused = (page) => page.evaluate(() => {
  const active = document.querySelector("#rewards").shadowRoot.activeElement;
  return active && `${active.tagName.toLowerCase()}: ${active.textContent}`;
});
const events = (page) => page.evaluate(() => window.events.map(([name, detail]) => [name, detail.rewardId, detail.reason ?? detail.state ?? ""]));

test("a shopper redeems a reward, gets a code, and sees the new balance everywhere", async () => {
  const { page, problems } = await open("lapsed");
  assert.equal(await balance(page), "412 Punkte");
  await panel(page).getByRole("button", { name: "Versandkostenfrei einlösen" }).click();
  assert.equal(await dialog(page).getAttribute("data-step"), "confirm");
  assert.equal(await dialog(page).locator("p").first().textContent(), "300 Punkte für Versandkostenfrei einlösen?");
  assert.equal(await focused(page), "button: Ja, einlösen");
  const request = page.waitForRequest("**/demo/redeem");
  await dialog(page).getByRole("button", { name: "Ja, einlösen" }).click();
  const body = JSON.parse((await request).postData());
  // The page's backend knows the shopper from its own session cookie; the event names no customer.
  assert.deepEqual(Object.keys(body).sort(), ["locale", "requestId", "rewardId"]);
  await panel(page).locator("dialog[data-step=done]").waitFor();
  assert.equal(await dialog(page).locator("h2").textContent(), "Eingelöst: Versandkostenfrei.");
  assert.match(await dialog(page).locator(".code").textContent(), /^BH-[0-9A-F]{8}$/);
  assert.equal(await dialog(page).locator("p").nth(1).textContent(), "Ihr neuer Punktestand: 112 Punkte");
  assert.equal(await focused(page), "button: Schließen");
  // The page handed over the new ledger: the panel and the card show the ledger's truth.
  await page.locator("#card").evaluate((card) => new Promise((resolve) => {
    const check = () => card.shadowRoot.querySelector(".points")?.textContent === "112 Punkte" ? resolve() : setTimeout(check, 20);
    check();
  }));
  await page.keyboard.press("Escape");
  assert.equal(await dialog(page).count(), 0);
  assert.equal(await balance(page), "112 Punkte");
  assert.equal(await panel(page).locator("[data-reward=free-shipping]").getAttribute("data-state"), "next");
  assert.equal(await panel(page).locator("[data-reward=free-shipping] .status").textContent(), "Noch 188 Punkte bis Versandkostenfrei");
  assert.equal(await focused(page), "h2: Prämien", "the reward has no button any more: the focus goes to the panel");
  const seen = await events(page);
  assert.deepEqual(seen.filter(([name]) => name !== "impression"), [
    ["redeem", "free-shipping", ""],
    ["redeemed", "free-shipping", ""],
  ]);
  assert.deepEqual(seen.filter(([name]) => name === "impression").map(([, id, state]) => [id, state]), [
    ["free-shipping", "affordable"], ["five-off", "next"], ["free-bag", "short"], ["roastery-visit", "locked"],
  ]);
  const detail = await page.evaluate(() => window.events.find(([name]) => name === "redeem")[1]);
  assert.equal(detail.costPoints, 300);
  // Markus gave no analytics consent: the report events carry no key.
  assert.ok(await page.evaluate(() => window.events.filter(([name]) => name !== "redeem").every(([, d]) => d.analyticsId === null)));
  assert.match(detail.requestId, /^[0-9a-f-]{32,36}$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the backend's refusal is shown with its words, and the balance stays", async () => {
  const { page } = await open("lapsed", "en-GB");
  // Another tab spent the points already: the backend now holds 112.
  await page.evaluate(() => fetch("/demo/redeem", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ rewardId: "free-shipping", requestId: "other-tab", locale: "en-GB" }),
  }));
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).click();
  await panel(page).locator("dialog[data-step=failed]").waitFor();
  assert.equal(await dialog(page).getByRole("alert").textContent(), "The reward could not be redeemed. Your points are unchanged.");
  assert.equal(await dialog(page).locator(".note").textContent(), "You no longer have enough points for this.");
  assert.equal(await balance(page), "412 points");
  assert.deepEqual((await events(page)).filter(([name]) => name !== "impression"), [
    ["redeem", "free-shipping", ""],
    ["redeem-failed", "free-shipping", "rejected"],
  ]);
  await dialog(page).getByRole("button", { name: "Close" }).click();
  assert.equal(await focused(page), "button: Redeem");
  await page.close();
});

test("without a handler redeeming is unavailable; preventDefault alone cancels quietly", async () => {
  const { page } = await open("lapsed", "en-GB");
  // A page that does not handle redemptions: the demo's own handler never hears the event.
  await page.evaluate(() => {
    window.silence = (event) => event.stopImmediatePropagation();
    window.addEventListener("patron:reward-redeem", window.silence, true);
  });
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).click();
  await panel(page).locator("dialog[data-step=unavailable]").waitFor();
  assert.equal(await dialog(page).getByRole("alert").textContent(), "Redeeming is not available right now.");
  await page.keyboard.press("Escape");
  assert.equal(await dialog(page).count(), 0);
  await page.evaluate(() => {
    window.removeEventListener("patron:reward-redeem", window.silence, true);
    window.addEventListener("patron:reward-redeem", (event) => { event.stopImmediatePropagation(); event.preventDefault(); }, true);
  });
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).click();
  assert.equal(await dialog(page).count(), 0, "cancelled by the page: the flow just closes");
  assert.deepEqual((await events(page)).filter(([name]) => name === "redeem-failed"), [["redeem-failed", "free-shipping", "unavailable"]]);
  await page.close();
});

test("an answer that never comes fails after 15 seconds; one redemption is in flight at a time", async () => {
  const { page } = await open("lapsed", "en-GB", { clock: true });
  await page.evaluate(() => {
    window.answers = 0;
    window.addEventListener("patron:reward-redeem", (event) => {
      event.stopImmediatePropagation();
      window.answers += 1;
      event.detail.respondWith(new Promise(() => {}));
      // respondWith is for the dispatch only, and once.
      try { event.detail.respondWith(Promise.resolve({})); } catch (error) { window.second = error.name; }
      setTimeout(() => { try { event.detail.respondWith(Promise.resolve({})); } catch (error) { window.late = error.name; } });
    }, true);
  });
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  const yes = dialog(page).getByRole("button", { name: "Yes, redeem" });
  await yes.click();
  // Pending: busy and disabled; more clicks (double click, Escape) change nothing.
  const busy = dialog(page).getByRole("button", { name: "Redeeming…" });
  assert.equal(await busy.getAttribute("aria-busy"), "true");
  assert.equal(await busy.getAttribute("aria-disabled"), "true");
  await busy.click({ force: true, clickCount: 2 });
  await page.keyboard.press("Escape");
  assert.equal(await dialog(page).getAttribute("data-step"), "pending");
  await page.clock.runFor(14_000);
  assert.equal(await dialog(page).getAttribute("data-step"), "pending");
  await page.clock.runFor(1_100);
  await panel(page).locator("dialog[data-step=failed]").waitFor();
  assert.equal(await page.evaluate(() => [window.answers, window.second, window.late].join()), "1,InvalidStateError,InvalidStateError");
  assert.deepEqual((await events(page)).filter(([name]) => name === "redeem-failed"), [["redeem-failed", "free-shipping", "timeout"]]);
  assert.equal(await balance(page), "412 points");
  await page.close();
});

test("a double click on the confirmation sends one request", async () => {
  const { page, problems } = await open("partner", "en-GB");
  const requests = [];
  page.on("request", (request) => request.url().endsWith("/demo/redeem") && requests.push(request));
  await panel(page).getByRole("button", { name: "Redeem Maintenance of one main appliance" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).dblclick();
  await panel(page).locator("dialog[data-step=done]").waitFor();
  assert.equal(requests.length, 1);
  assert.equal(await dialog(page).locator("p").nth(1).textContent(), "Your new balance: 108,940 points");
  await dialog(page).getByRole("button", { name: "Close" }).click();
  // Limited to once per customer: now redeemed, per the ledger the page handed over.
  await panel(page).locator("[data-reward=maintenance][data-state=limit]").waitFor();
  assert.equal(await panel(page).locator("[data-reward=maintenance] .status").textContent(), "Already redeemed");
  // Petra's session has analytics consent: the report's events carry her key, the request does not.
  const details = await page.evaluate(() => window.events.filter(([name]) => name === "redeemed" || name === "redeem"));
  assert.equal(details.find(([name]) => name === "redeemed")[1].analyticsId, "921917395dc4c1436350b1c4c976f11e");
  assert.equal("analyticsId" in details.find(([name]) => name === "redeem")[1], false);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the whole flow works with the keyboard alone, and the copy button copies the code", async () => {
  const { page } = await open("lapsed");
  const context = page.context();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: state.base });
  // Tab through the page to the panel's first Redeem button.
  for (let i = 0; i < 40 && (await focused(page)) !== "button: Einlösen"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(page), "button: Einlösen");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "button: Ja, einlösen");
  // Escape cancels and gives the focus back.
  await page.keyboard.press("Escape");
  assert.equal(await dialog(page).count(), 0);
  assert.equal(await focused(page), "button: Einlösen");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await panel(page).locator("dialog[data-step=done]").waitFor();
  assert.equal(await focused(page), "button: Schließen");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), "button: Code kopieren");
  await page.keyboard.press("Enter");
  await panel(page).getByRole("button", { name: "Kopiert" }).waitFor();
  const code = await dialog(page).locator(".code").textContent();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await page.close();
});

for (const [persona, locale] of [["lapsed", "de-DE"], ["regular", "en-GB"], ["partner", "en-GB"], ["new", "de-DE"]]) {
  test(`axe finds no violation in the rewards panel and its dialog: ${persona}, ${locale}`, async () => {
    const context = await state.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${state.base}rewards.html#persona=${persona}&locale=${locale}`);
    await page.locator("#rewards .reward").first().waitFor();
    const check = () => axeViolations(page);
    assert.deepEqual(await check(), []);
    const redeem = page.locator("#rewards button.redeem").first();
    if (await redeem.count()) {
      await redeem.click();
      assert.deepEqual(await check(), [], "with the confirmation open");
    }
    await context.close();
  });
}

test("a reward redeemed up to its limit, in a session patron session built, is not offered again", async () => {
  // The command line as cargo test built it, on the sample exports (docs/examples/): c21 redeemed the
  // free bag ("limit_per_customer": 2) twice.
  const session = (...extra) => {
    const run = spawnSync("target/debug/patron", ["session", "--orders", "www/catalogue/orders.csv", "--customer", "c21",
      "--now", "2026-11-20T10:00:00+01:00", "--profile", "docs/examples/customers.csv",
      "--points-ledger", "docs/examples/ledger.csv", ...extra], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  };
  const { page, problems } = await open("regular");
  const bag = panel(page).locator(".reward", { hasText: "Gratis-Packung 250 g" });
  const show = (document) => page.evaluate(async (document) => (await import("/pkg/patron.js")).update(document), document);
  await show(session());
  await panel(page).locator(".balance .points", { hasText: "2.650 Punkte" }).waitFor();
  assert.equal(await bag.getAttribute("data-state"), "affordable");
  assert.equal(await panel(page).getByRole("button", { name: "Gratis-Packung 250 g einlösen" }).count(), 1);
  await show(session("--redemptions", "docs/examples/redemptions.csv"));
  await panel(page).locator(".reward[data-state=limit]").waitFor();
  assert.equal(await bag.getAttribute("data-state"), "limit");
  assert.equal(await bag.locator(".status").textContent(), "Schon 2-mal eingelöst");
  assert.equal(await panel(page).getByRole("button", { name: "Gratis-Packung 250 g einlösen" }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
