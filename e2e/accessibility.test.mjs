// End-to-end: axe-core (npm) checks the demo storefront with every widget rendered — card, banners and
// carousel, inside their open shadow roots — for every persona, in both languages, at a phone's and a
// desktop's width, and in dark mode at the narrowest supported width (320 px). WCAG 2.2 A and AA
// rules; any violation fails with its rule, target and summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, useBrowser } from "./support.mjs";

const state = useBrowser();

for (const persona of ["new", "regular", "lapsed", "partner"]) {
  for (const [locale, width, colorScheme] of [["de-DE", 1280, "light"], ["en-GB", 375, "light"], ["en-GB", 320, "dark"]]) {
    test(`axe finds no violation: ${persona}, ${locale}, ${width} px, ${colorScheme}`, async () => {
      // The demo's strict CSP would refuse the injected axe script; the widget itself is unchanged.
      const context = await state.browser.newContext({ bypassCSP: true, colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${state.base}#persona=${persona}&locale=${locale}`);
      await page.locator("#card .points").waitFor();
      await page.locator("patron-widget .product").first().waitFor();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
}
