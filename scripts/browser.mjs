// Shared by the measuring scripts (bench-browser.mjs, measure-page.mjs): the demo server on a free
// loopback port and Debian's headless Chromium, driven by playwright-core.
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

/** Starts scripts/serve.mjs and Chromium; returns `{base, browser, close}`. */
export async function startBrowser() {
  const port = 18000 + Math.floor(Math.random() * 2000);
  const server = spawn(process.execPath, ["scripts/serve.mjs"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve) => server.stdout.on("data", resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    base: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      server.kill();
    },
  };
}

/**
 * One load of the demo storefront in a fresh browser context: returns the page's load event,
 * `patron:start` to `patron:first-paint`, the bytes of the widget's files and the layout shift.
 * `widget: false` measures the page without Patron; `products: false` a page without a carousel
 * (`hash` has `recs=off`); `warm: true` measures a second navigation, the first having filled the
 * HTTP cache (scripts/serve.mjs revalidates: each file is a 304 then).
 */
export async function loadDemo(browser, base, hash, { widget = true, products = true, warm = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The page reports its first widget painted through a binding: polling for it from here would run
  // Playwright's scripts on the page's main thread while the widget is starting, and be measured.
  let painted;
  let firstPaint;
  const expectPaint = () => { firstPaint = new Promise((resolve) => { painted = resolve; }); };
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
  const visit = async (url) => {
    expectPaint();
    await page.goto(url, { waitUntil: "load" });
    if (widget) {
      await firstPaint;
      if (products) await page.locator("patron-widget .product").first().waitFor();
      else await page.locator("patron-widget .points").first().waitFor();
    }
    await page.waitForTimeout(300);
  };
  // A new context starts a renderer process and its storage, dozens of threads on the machine's
  // cores; a browser keeps a renderer ready for the next navigation instead. Navigating at once
  // measured that start-up, which took the cores from the page: let it settle first. The load is
  // still cold (empty cache, a renderer that has run nothing).
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (warm) await visit(`${base}?first#${hash}`);
  await visit(`${base}${warm ? "?again" : ""}#${hash}`);
  const figures = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation");
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const widgetFiles = performance.getEntriesByType("resource")
      .filter((r) => /\/pkg\/|\/catalogue\/model\.ptrm|\/configs\//.test(r.name));
    return {
      load: navigation.loadEventEnd,
      paint: mark("patron:first-paint") - mark("patron:start"),
      bytes: widgetFiles.reduce((sum, r) => sum + r.encodedBodySize, 0),
      // What crossed the network: a 304's headers only, for a file from the HTTP cache.
      transferred: widgetFiles.reduce((sum, r) => sum + r.transferSize, 0),
      cls: window.__cls,
    };
  });
  await context.close();
  return figures;
}
