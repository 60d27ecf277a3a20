// Measures the demo storefront in headless Chromium, the widget's cost to a page (prints, asserts
// nothing): the bytes the widget downloads (gzip, as scripts/serve.mjs sends them), the time from
// the module's start to the first widget painted (performance marks patron:start and
// patron:first-paint), the page's load event with and without the widget (`#widget=off`), and the
// cumulative layout shift. Each figure is the median of 15 cold loads (a fresh browser context each).
//   node scripts/measure-page.mjs      (after scripts/demo.sh or scripts/test.sh built everything)
import { startBrowser } from "./browser.mjs";

const runs = Number(process.env.RUNS ?? 15);
const { base, browser, close } = await startBrowser();
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function load(hash, widget) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`${base}#${hash}`, { waitUntil: "load" });
  if (widget) {
    await page.locator("patron-widget .product").first().waitFor();
    await page.waitForFunction(() => performance.getEntriesByName("patron:first-paint").length > 0);
  }
  await page.waitForTimeout(300);
  const figures = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation");
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const widgetFiles = performance.getEntriesByType("resource")
      .filter((r) => /\/pkg-full\/|\/catalogue\/model\.ptrm|\/configs\//.test(r.name));
    return {
      load: navigation.loadEventEnd,
      paint: mark("patron:first-paint") - mark("patron:start"),
      bytes: widgetFiles.reduce((sum, r) => sum + r.encodedBodySize, 0),
      cls: window.__cls,
    };
  });
  await context.close();
  return figures;
}

try {
  const withWidget = [];
  const without = [];
  for (let i = 0; i < runs; i++) {
    withWidget.push(await load("persona=regular&locale=de-DE", true));
    without.push(await load("persona=regular&locale=de-DE&widget=off", false));
  }
  const loadWith = median(withWidget.map((f) => f.load));
  const loadWithout = median(without.map((f) => f.load));
  console.log(`demo storefront, persona "regular", 1280 px, median of ${runs} cold loads (Chromium ${browser.version()}):`);
  console.log(`  bytes the widget downloads (gzip): ${median(withWidget.map((f) => f.bytes))} (module, glue, config, model)`);
  console.log(`  module start to first widget painted: ${median(withWidget.map((f) => f.paint)).toFixed(1)} ms`);
  console.log(`  load event: ${loadWith.toFixed(1)} ms with the widget, ${loadWithout.toFixed(1)} ms without (${(loadWith - loadWithout).toFixed(1)} ms)`);
  console.log(`  cumulative layout shift: ${Math.max(...withWidget.map((f) => f.cls)).toFixed(4)} (worst of ${runs})`);
} finally {
  await close();
}
