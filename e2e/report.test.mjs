// End-to-end: `patron report --format html` as a shop opens it. Orders for 400 customers are
// generated, their widget events simulated (scripts/simulate-events.mjs), and the report written by
// the command line is opened in Chromium from disk: its four charts are there with their titles and
// descriptions, the page makes no request beyond itself, and axe-core finds no WCAG violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { axeViolations, useBrowser } from "./support.mjs";

const state = useBrowser();
let dir;
let report;

/**
 * 400 customers over the first half of 2026, as the lifetime-value models picture them: each buys
 * every 5 to 60 days, drops out after any order with their own probability, and spends at their
 * own level.
 */
function orders() {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ["customer_id,order_id,placed_at,sku,quantity,unit_price"];
  const start = Date.parse("2026-01-01T09:00:00Z");
  const end = Date.parse("2026-06-30T18:00:00Z");
  for (let c = 0; c < 400; c++) {
    const gap = (5 + random() * 55) * 86_400_000;
    const dropout = 0.02 + random() * random() * 0.6;
    const level = 4 + 60 * random() * random();
    let at = start + random() * 90 * 86_400_000;
    for (let o = 0; at < end && (o === 0 || random() > dropout); o++) {
      for (let l = 0; l < 1 + Math.floor(random() * 3); l++) {
        const sku = `SKU-${Math.floor(random() * 30)}`;
        lines.push(`c${c},o${c}-${o},${new Date(at).toISOString()},${sku},1,${(level * (0.6 + 0.8 * random())).toFixed(2)}`);
      }
      at += gap * (0.2 + 1.6 * random());
    }
  }
  return lines.join("\n") + "\n";
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "patron-report-"));
  await writeFile(join(dir, "orders.csv"), orders());
  await writeFile(join(dir, "secret.key"), "an-analytics-secret-for-the-test\n");
  const paths = { orders: join(dir, "orders.csv"), key: join(dir, "secret.key"), events: join(dir, "events.jsonl") };
  execFileSync(process.execPath, ["scripts/simulate-events.mjs", "--orders", paths.orders, "--key", paths.key,
    "--out", paths.events, "--lines", "20000", "--from", "2026-03-01"], { stdio: "ignore" });
  report = join(dir, "report.html");
  execFileSync("cargo", ["run", "--quiet", "--", "report", "--orders", paths.orders, "--events", paths.events,
    "--analytics-key", paths.key, "--format", "html", "--out", report], { stdio: ["ignore", "ignore", "inherit"] });
});
after(() => rm(dir, { recursive: true, force: true }));

test("the HTML report draws its four charts, each with a title and a description", async () => {
  const page = await state.browser.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(report).href);
  const charts = await page.$$eval("svg[role=img]", (svgs) => svgs.map((svg) => {
    const [title, desc] = svg.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id));
    return { title: title?.textContent, described: (desc?.textContent ?? "").length > 40, inside: svg.contains(title) && svg.contains(desc) };
  }));
  assert.deepEqual(charts.map((c) => c.title), [
    "Retention and churn per month",
    "Cohort retention heatmap",
    "Predicted lifetime value per customer",
    "Uplift per offer with its 95 % interval",
  ]);
  assert.ok(charts.every((c) => c.described && c.inside), JSON.stringify(charts));
  assert.deepEqual(await page.$$eval("h2", (h) => h.map((e) => e.textContent)),
    ["Programme health", "Cohorts", "Customer lifetime value", "Offers against their control groups", "Recommendations", "Rewards"]);
  // Each offer is a row of the table that follows the chart; the one without a holdout makes no claim
  // (without --config the report cannot tell whether one is configured).
  const table = page.locator("table", { has: page.locator("caption", { hasText: /^Offers$/ }) });
  const offers = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [r.cells[0].textContent, r.cells[6].textContent]));
  assert.deepEqual(offers.map(([id]) => id), ["double-points-week", "welcome", "winter-coupon"]);
  assert.equal(offers[1][1], "nobody held out: reach and clicks only, no claim about the effect (without --config the report cannot tell whether the offer has a holdout)");
  // Bars and cells are drawn: the heatmap prints every share, the histogram has its 20 bars.
  assert.equal(await page.locator("svg[aria-labelledby^=clv] rect").count(), 20);
  const drawn = await page.$$eval("svg[aria-labelledby^=cohorts] text", (t) => t.filter((e) => e.textContent.endsWith("%")).length);
  const tabled = await page.locator("table", { has: page.locator("caption", { hasText: /^Cohort retention$/ }) })
    .locator("tbody td").evaluateAll((cells) => cells.filter((c) => c.textContent.endsWith("%")).length);
  assert.ok(drawn >= 15 && drawn === tabled, `${drawn} shares drawn, ${tabled} in the table`);
  // Nothing but the file itself: no script, font, image or stylesheet from anywhere.
  assert.deepEqual(requests, [pathToFileURL(report).href]);
  await page.close();
});

test("axe finds no violation in the HTML report", async () => {
  // The report's own CSP (default-src 'none') would refuse the injected axe script.
  const context = await state.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(report).href);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, []);
  await context.close();
});
