// Measures the demo storefront in headless Chromium, the widget's cost to a page (prints, asserts
// nothing): the bytes the widget downloads (gzip, as scripts/serve.mjs sends them), the time from
// the module's start to the first widget painted (performance marks patron:start and
// patron:first-paint), the page's load event with and without the widget (`#widget=off`), and the
// cumulative layout shift. Each figure is the median of 15 cold loads (a fresh browser context each,
// navigated once its start-up has settled).
//   node scripts/measure-page.mjs      (after scripts/demo.sh or scripts/test.sh built everything)
import { startBrowser } from "./browser.mjs";

const runs = Number(process.env.RUNS ?? 15);
const { base, browser, close } = await startBrowser();
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function load(hash, widget) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The page reports its first widget painted through a binding: polling for it from here would run
  // Playwright's scripts on the page's main thread while the widget is starting, and be measured.
  let painted;
  const firstPaint = new Promise((resolve) => { painted = resolve; });
  await page.exposeFunction("__patronPainted", () => painted());
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((list) => {
      if (list.getEntriesByName("patron:first-paint").length > 0) window.__patronPainted();
    }).observe({ type: "mark" });
  });
  // A new context starts a renderer process and its storage, dozens of threads on the machine's
  // cores; a browser keeps a renderer ready for the next navigation instead. Navigating at once
  // measured that start-up, which took the cores from the page: let it settle first. The load is
  // still cold (empty cache, a renderer that has run nothing).
  await new Promise((resolve) => setTimeout(resolve, 500));
  await page.goto(`${base}#${hash}`, { waitUntil: "load" });
  if (widget) {
    await firstPaint;
    await page.locator("patron-widget .product").first().waitFor();
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
  const paints = withWidget.map((f) => f.paint).sort((a, b) => a - b);
  const quartile = (q) => paints[Math.round((paints.length - 1) * q)].toFixed(1);
  console.log(`demo storefront, persona "regular", 1280 px, median of ${runs} cold loads (Chromium ${browser.version()}):`);
  console.log(`  bytes the widget downloads (gzip): ${median(withWidget.map((f) => f.bytes))} (module, glue, config, model)`);
  console.log(`  module start to first widget painted: ${median(paints).toFixed(1)} ms (quartiles ${quartile(0.25)} and ${quartile(0.75)} ms)`);
  console.log(`  load event: ${loadWith.toFixed(1)} ms with the widget, ${loadWithout.toFixed(1)} ms without (${(loadWith - loadWithout).toFixed(1)} ms)`);
  console.log(`  cumulative layout shift: ${Math.max(...withWidget.map((f) => f.cls)).toFixed(4)} (worst of ${runs})`);
} finally {
  await close();
}
