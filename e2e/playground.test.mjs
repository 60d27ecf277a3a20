// End-to-end: the marketer playground. A marketer edits the config and sees validation problems with
// their JSON paths, every offer's outcome with its reason, and the banners as the shopper sees them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, useBrowser } from "./support.mjs";

const state = useBrowser();

async function rows(page) {
  return page.locator("#offers tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
}

test("the playground explains who sees which offer and previews the banners", async () => {
  const { page, problems } = await open(state, "playground.html");
  await page.locator("#offers tbody tr").first().waitFor();
  assert.equal(await page.locator("#verdict").textContent(), "Valid, with 1 warning.");
  const table = await rows(page);
  assert.deepEqual(table[0], ["birthdayAlles Gute zum Geburtstag, Anna!", "top", "shown"]);
  assert.deepEqual(table[1], ["win-back", "top", "not in the audience: offers[1].audience: the last order was 7 days ago"]);
  assert.deepEqual(table[3].slice(1), ["top", "its placement is full with \"birthday\""]);
  await page.locator("#preview-top .headline").waitFor();
  assert.equal(await page.locator("#preview-top .headline").textContent(), "Alles Gute zum Geburtstag, Anna!");
  assert.equal(await page.locator("#preview-inline .link").getAttribute("value"), "/empfehlen/anna-7Q2K");
  assert.equal(await page.locator("#preview-loyalty .tier").textContent(), "Silber");
  // The rewards panel, as Anna sees it: no ledger in her session, so nothing to redeem yet.
  assert.equal(await page.locator("#preview-rewards [data-reward=five-off]").getAttribute("data-state"), "affordable");
  assert.equal(await page.locator("#preview-rewards .redeem").count(), 0);
  assert.equal(await page.locator("#preview-rewards [data-badge=streak] .status").textContent(), "2 von 6 Monaten in Folge");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a marketer's typo shows up with its path and a suggestion", async () => {
  const { page } = await open(state, "playground.html");
  await page.locator("#offers tbody tr").first().waitFor();
  const config = await page.locator("#config").inputValue();
  await page.locator("#config").fill(config.replace('"days_since_last_order_at_least": 90', '"days_since_last_order_at_leat": 90'));
  await page.waitForFunction(() => document.querySelector("#verdict").textContent === "1 problem found.");
  assert.deepEqual(await page.locator("#problems li").allTextContents(), [
    "offers[1].audience.days_since_last_order_at_leat: unknown field \"days_since_last_order_at_leat\"; did you mean \"days_since_last_order_at_least\"?",
  ]);
  assert.match(await page.locator("#offers tbody td").first().textContent(), /config is invalid: offers\[1\]\.audience\.days_since_last_order_at_leat/);
  // Two typos: the count takes its plural.
  await page.locator("#config").fill(config
    .replace('"days_since_last_order_at_least": 90', '"days_since_last_order_at_leat": 90')
    .replace('"priority": 40', '"priorty": 40'));
  await page.waitForFunction(() => document.querySelector("#verdict").textContent === "2 problems found.");
  // In one pass, as patron validate (issue 32): a reward naming an unknown tier is found beside a
  // typo in an offer, though the tier is checked across sections, after decoding.
  await page.locator("#config").fill(config
    .replace('"days_since_last_order_at_least": 90', '"days_since_last_order_at_leat": 90')
    .replace('"cost_points": 300,', '"cost_points": 300, "min_tier": "platin",'));
  await page.waitForFunction(() => document.querySelector("#problems").textContent.includes("min_tier"));
  assert.equal(await page.locator("#verdict").textContent(), "2 problems found.");
  const listed = (await page.locator("#problems li").allTextContents()).map((line) => line.split(":")[0]).sort();
  assert.deepEqual(listed, ["offers[1].audience.days_since_last_order_at_leat", "programme.rewards[0].min_tier"]);
  // And what the shop's widget would leave out if the file were published anyway.
  assert.equal(await page.locator("#left-out-note").isVisible(), true);
  assert.deepEqual(await page.locator("#left-out li").allTextContents(), [
    'offers[1]: offer "win-back" (in "top"; its audience sees instead the first it qualifies for of "early-access", "double-points-week")',
    'programme.rewards[0]: reward "free-shipping"',
  ]);
  await page.close();
});

test("switching the example and the language re-explains", async () => {
  const { page, problems } = await open(state, "playground.html");
  await page.locator("#offers tbody tr").first().waitFor();
  await page.locator("#example").selectOption("b2b/partner");
  await page.waitForFunction(() => document.querySelector("#offers tbody tr td")?.textContent.startsWith("tier-discount-business"));
  await page.locator("#locale").selectOption("en-GB");
  await page.waitForFunction(() => document.querySelector("#offers tbody tr:nth-child(3) td")?.textContent.includes("As a strategic partner"));
  const table = await rows(page);
  assert.deepEqual(table[2], ["tier-discount-strategicAs a strategic partner: 8% off new equipment and 10% off consumables", "top", "shown"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the playground previews a redemption in the rewards panel", async () => {
  const { page, problems } = await open(state, "playground.html");
  await page.locator("#offers tbody tr").first().waitFor();
  await page.locator("#example").selectOption("consumer/lapsed");
  const panel = page.locator("#preview-rewards");
  await panel.getByRole("button", { name: "Versandkostenfrei einlösen" }).click();
  await panel.getByRole("button", { name: "Ja, einlösen" }).click();
  await panel.locator("dialog[data-step=done] .code").waitFor();
  assert.equal(await panel.locator("dialog .code").textContent(), "PREVIEW-0000");
  assert.equal(await panel.locator("dialog p").nth(1).textContent(), "Ihr neuer Punktestand: 112 Punkte");
  assert.deepEqual(problems, []);
  await page.close();
});
