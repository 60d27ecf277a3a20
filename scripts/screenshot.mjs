// Takes the front page's picture of the demo storefront (docs/storefront.png): the regular
// customer's page in German at 1,280 px, once the card, the banners and the carousel have rendered,
// in Debian's Chromium. Run it after a change that shows (scripts/demo.sh builds what it serves).
//   node scripts/screenshot.mjs
import { startDemo } from "../e2e/support.mjs";
import { chromium } from "playwright-core";

const port = 18000 + Math.floor(Math.random() * 2000);
const server = await startDemo(port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`http://127.0.0.1:${port}/#persona=regular&locale=de-DE`);
  await page.locator("#card .points").waitFor();
  await page.locator("patron-widget .product").first().waitFor();
  // The carousel's images are lazy: wait until those in view have loaded.
  await page.waitForFunction(() => [...document.querySelectorAll("patron-widget")]
    .flatMap((w) => [...(w.shadowRoot?.querySelectorAll("img") ?? [])])
    .every((img) => img.loading === "lazy" && img.getBoundingClientRect().top > innerHeight || img.complete));
  await page.screenshot({ path: "docs/storefront.png" });
  console.log("docs/storefront.png");
} finally {
  await browser.close();
  server.kill();
}
