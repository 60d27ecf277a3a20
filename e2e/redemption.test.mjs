// End-to-end: redemption that a careless or hostile page handler cannot fool (issue 32), on the
// demo's account page (www/rewards.html) with the shipped package. Each test puts its own handler
// of patron:reward-redeem in front of the demo's (capturing, stopping the event there) and checks
// what the panel shows, what it reports and that nothing escapes to the page.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const state = useBrowser();

beforeEach(() => fetch(`${state.base}demo/reset`, { method: "POST" }));

/**
 * The lapsed customer's account page (412 points; free shipping costs 300), the reward events the
 * document hears in `window.events`, the module in `window.patron`, and `handler` in front of the
 * demo's own: a function, run in the page (Playwright's evaluation, which the page's CSP allows).
 */
async function open(handler) {
  const page = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const warnings = [];
  const exceptions = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  page.on("pageerror", (error) => exceptions.push(error.message));
  await page.addInitScript(() => {
    window.events = [];
    // (The redeem event itself stops at each test's handler, in front of the demo's.)
    for (const name of ["redeemed", "redeem-failed"]) {
      document.addEventListener(`patron:reward-${name}`, (event) => window.events.push([name, event.detail.reason ?? ""]));
    }
  });
  await page.goto(`${state.base}rewards.html#persona=lapsed&locale=en-GB`);
  await page.locator("#rewards .reward").first().waitFor();
  await page.evaluate(async () => {
    window.patron = await import("/pkg/patron.js");
    window.answers = 0;
    window.addEventListener("patron:reward-redeem", (event) => {
      event.stopImmediatePropagation();
      window.answers += 1;
      window.handle(event);
    }, true);
  });
  await page.evaluate(handler);
  return { page, warnings, exceptions };
}

const panel = (page) => page.locator("#rewards");
const dialog = (page) => panel(page).locator("dialog");
const balance = (page) => panel(page).locator(".balance .points").textContent();

/** Redeems free shipping and waits until the dialog leaves its pending step. */
async function redeem(page) {
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).click();
  await panel(page).locator("dialog:not([data-step=pending])").waitFor({ timeout: 5000 });
  return dialog(page).getAttribute("data-step");
}

test("an answer that is no object (a handler that forgot its return) is a failure, and said", async () => {
  const { page, warnings, exceptions } = await open(() => {
    window.handle = (event) => {
    event.detail.respondWith(fetch("/no-such-backend").then(() => {}));
    };
  });
  assert.equal(await redeem(page), "failed");
  assert.equal(await balance(page), "412 points");
  assert.deepEqual(await page.evaluate(() => window.events), [["redeem-failed", "rejected"]]);
  assert.deepEqual(warnings, [
    "patron: redeeming \"free-shipping\" failed: respondWith() must answer an object such as {code, balance}, not undefined",
  ]);
  assert.deepEqual(exceptions, []);
  await page.close();
});

test("a rejection that throws when read fails the attempt, and nothing escapes to the page", async () => {
  const rejections = {
    "a revoked proxy": () => {
      window.handle = (event) => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        event.detail.respondWith(Promise.reject(proxy));
      };
    },
    "a getter that throws": () => {
      window.handle = (event) => {
        event.detail.respondWith(Promise.reject({ get message() { throw new Error("a getter that throws"); } }));
      };
    },
  };
  for (const [rejection, install] of Object.entries(rejections)) {
    const { page, warnings, exceptions } = await open(install);
    assert.equal(await redeem(page), "failed", rejection);
    assert.equal(await balance(page), "412 points");
    assert.deepEqual(await page.evaluate(() => window.events), [["redeem-failed", "rejected"]]);
    assert.deepEqual(warnings, ["patron: redeeming \"free-shipping\" failed: an unreadable rejection"], rejection);
    assert.deepEqual(exceptions, [], rejection);
    await page.close();
  }
});

test("a second confirm while the event is dispatched starts no second redemption", async () => {
  const { page, exceptions } = await open(() => {
    window.handle = (event) => {
    // The handler clicks confirm again before it answers.
    document.querySelector("#rewards").shadowRoot.querySelector("[data-action=confirm]")?.click();
    event.detail.respondWith(Promise.resolve({ code: "ONE", balance: 112 }));
    };
  });
  assert.equal(await redeem(page), "done");
  assert.equal(await page.evaluate(() => window.answers), 1);
  assert.deepEqual(await page.evaluate(() => window.events), [["redeemed", ""]]);
  assert.equal(await dialog(page).locator(".code").textContent(), "ONE");
  assert.deepEqual(exceptions, []);
  await page.close();
});

test("a ledger the page hands over during the dispatch is the truth: the cost is not taken off again", async () => {
  const { page } = await open(() => {
    window.handle = (event) => {
    // The page's backend answered at once and the page passes on the new ledger, then answers
    // without a balance.
    const session = JSON.parse(document.getElementById("patron-session").textContent);
    session.points.balance = 112;
    window.patron.update(session);
    event.detail.respondWith(Promise.resolve({ code: "LEDGER" }));
    };
  });
  assert.equal(await redeem(page), "done");
  await dialog(page).getByRole("button", { name: "Close" }).click();
  assert.equal(await balance(page), "112 points");
  await page.close();
});

test("a numeric code is shown; a code of another kind is left out, and said", async () => {
  const numeric = await open(() => {
    window.handle = (event) => {event.detail.respondWith(Promise.resolve({ code: 40213, balance: 112 }));
    };
  });
  assert.equal(await redeem(numeric.page), "done");
  assert.equal(await dialog(numeric.page).locator(".code").textContent(), "40213");
  assert.deepEqual(numeric.warnings, []);
  await numeric.page.close();
  const odd = await open(() => {
    window.handle = (event) => {event.detail.respondWith(Promise.resolve({ code: { value: "X" }, balance: 112 }));
    };
  });
  assert.equal(await redeem(odd.page), "done");
  assert.equal(await dialog(odd.page).locator(".code").count(), 0);
  assert.deepEqual(odd.warnings, ["patron: redeeming \"free-shipping\": a code must be a string or a number"]);
  await odd.page.close();
});

test("an answer that arrives after the panel was taken away still reaches the document", async () => {
  const { page, exceptions } = await open(() => {
    window.handle = (event) => {
    // A single-page app changes route while the backend answers.
    event.detail.respondWith(new Promise((resolve) => setTimeout(() => resolve({ code: "LATE", balance: 112 }), 200)));
    setTimeout(() => document.querySelector("#rewards").remove(), 50);
    };
  });
  await panel(page).getByRole("button", { name: "Redeem Free shipping" }).click();
  await dialog(page).getByRole("button", { name: "Yes, redeem" }).click();
  await page.waitForFunction(() => window.events.length === 1);
  assert.deepEqual(await page.evaluate(() => window.events), [["redeemed", ""]]);
  assert.deepEqual(exceptions, []);
  await page.close();
});
