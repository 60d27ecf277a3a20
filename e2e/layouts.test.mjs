// End-to-end: each placement in the layouts shops commonly write (www/check/layouts.html), on the
// shipped package, at a phone's and a desktop's width. A widget never makes the page wider than an
// empty block in its place would — grid `1fr` columns, flex items and table cells size themselves by
// their content's smallest width, which a carousel's row of products must not set — and it is never
// 0 wide, even in containers that shrink to fit their content (inline-block, float, a centred flex
// column). Prints the widths it measured.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const state = useBrowser();

const layouts = ["grid", "flex", "table", "inline-block", "float", "centred"];
const widgets = { card: ".points", banners: ".headline", carousel: ".product", rewards: ".reward" };
const widths = [375, 1280];

/** The page's width with the widget, the widget's own width, and the page's width with an empty block. */
async function measure(layout, widget, width) {
  const context = await state.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  await page.goto(`${state.base}check/layouts.html?layout=${layout}&widget=${widget}`);
  await page.locator(`#widget ${widgets[widget]}`).first().waitFor();
  // Images and fonts settle the carousel's height, not its width; one frame lets layout finish.
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const withWidget = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    widget: document.getElementById("widget").getBoundingClientRect().width,
  }));
  await page.evaluate(() => window.__emptyBlock());
  const empty = await page.evaluate(() => document.documentElement.scrollWidth);
  await context.close();
  return { layout, widget, width, page: withWidget.page, empty, widgetWidth: Math.round(withWidget.widget), problems };
}

test("no placement widens the page or collapses to nothing, in any common layout", async () => {
  const rows = [];
  for (const width of widths) {
    for (const widget of Object.keys(widgets)) {
      for (const layout of layouts) rows.push(await measure(layout, widget, width));
    }
  }
  console.log("viewport  widget    layout        page with widget  with an empty block  widget width");
  for (const r of rows) {
    console.log(`${String(r.width).padEnd(10)}${r.widget.padEnd(10)}${r.layout.padEnd(14)}${String(r.page).padStart(16)}${String(r.empty).padStart(21)}${String(r.widgetWidth).padStart(14)}`);
  }
  const wider = rows.filter((r) => r.page !== r.empty).map((r) => `${r.widget} in ${r.layout} at ${r.width} px: ${r.page} px, ${r.empty} px with an empty block`);
  const collapsed = rows.filter((r) => !(r.widgetWidth > 0)).map((r) => `${r.widget} in ${r.layout} at ${r.width} px is ${r.widgetWidth} px wide`);
  assert.deepEqual(wider, []);
  assert.deepEqual(collapsed, []);
  assert.deepEqual(rows.flatMap((r) => r.problems), []);
});
