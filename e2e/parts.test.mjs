// End-to-end, on the shipped package: a mistake in the config or the session costs only the part it
// is in (issue 32). www/check/parts.html shows every placement on the demo's programme and the
// regular shopper's session with one mistake put in; each test compares what every widget shows
// with the page without the mistake, and reads the console warning and the patron:config-problem
// events that say what was left out.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const state = useBrowser();

/** What each widget shows, by its placement, once the page has rendered; the console's warnings. */
async function shown(mistake = "") {
  const tab = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const warnings = [];
  tab.on("console", (m) => (m.type() === "error" || m.type() === "warning") && warnings.push(m.text()));
  tab.on("pageerror", (error) => warnings.push(`exception: ${error.message}`));
  await tab.goto(`${state.base}check/parts.html#${mistake}`);
  // Everything that renders has rendered once the carousel's products are there.
  await tab.locator("patron-widget[placement=recommendations] .product").first().waitFor();
  await tab.waitForTimeout(100);
  const widgets = await tab.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("patron-widget")].map((w) => [
      w.getAttribute("placement") ?? "loyalty",
      (w.shadowRoot?.textContent ?? "").replace(/\s+/g, " ").trim(),
    ]),
  ));
  const problems = await tab.evaluate(() => window.__problems);
  await tab.close();
  return { widgets, problems, warnings };
}

let baseline;
before(async () => {
  baseline = await shown();
});

test("without a mistake every placement shows, and nothing is said", () => {
  assert.deepEqual(baseline.warnings, []);
  assert.deepEqual(baseline.problems, []);
  for (const [placement, text] of Object.entries(baseline.widgets)) {
    if (placement !== "cart") assert.notEqual(text, "", `${placement} shows something`);
  }
});

/** The widgets as the baseline, with `changes` (placement → text) applied. */
const as = (changes = {}) => ({ ...baseline.widgets, ...changes });

const cases = [
  {
    mistake: "offer-typo",
    // The regular shopper is not in win-back's audience: nothing on her page changes.
    widgets: () => as(),
    problems: [{ document: "config", path: "offers[1].cta_lable", reason: "unknown field", omitted: "offer \"win-back\" not shown" }],
    warning: "patron: config has problems; showing the rest (`patron validate` explains each problem): offers[1].cta_lable: unknown field — offer \"win-back\" not shown",
  },
];

for (const { mistake, widgets, problems, warning } of cases) {
  test(`${mistake}: costs only its part`, async () => {
    const page = await shown(mistake);
    assert.deepEqual(page.widgets, widgets());
    assert.deepEqual(page.problems, problems);
    assert.deepEqual(page.warnings, [warning]);
  });
}
