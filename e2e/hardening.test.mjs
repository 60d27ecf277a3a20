// End-to-end: Patron on a hostile host page (www/check/hostile.html): aggressive global CSS with
// !important, polluted prototypes, globals of the same name. Every widget must render intact, work,
// and add no global of its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, useBrowser } from "./support.mjs";

const state = useBrowser();

test("a hostile page's CSS and globals leave every widget intact", async () => {
  const { page, problems } = await open(state, "check/hostile.html");
  await page.locator("#card .points").waitFor();
  await page.locator("patron-widget .product").first().waitFor();
  const seen = await page.evaluate(() => {
    const shown = (widget, selector) => {
      const element = document.querySelector(widget).shadowRoot.querySelector(selector);
      if (!element) return null;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        text: element.textContent,
        visible: style.display !== "none" && style.visibility === "visible" && style.opacity === "1" && box.height > 0,
      };
    };
    return {
      points: shown("#card", ".points"),
      tier: shown("#card", ".tier"),
      banner: shown("patron-widget[placement=top]", ".headline"),
      button: shown("patron-widget[placement=top]", ".cta"),
      product: shown("patron-widget[placement=recommendations]", ".product-title"),
      added: window.__added,
      hostGlobal: window.patron,
    };
  });
  assert.deepEqual(seen, {
    points: { text: "1.220 Punkte", visible: true },
    tier: { text: "Silber", visible: true },
    banner: { text: "Alles Gute zum Geburtstag, Anna!", visible: true },
    button: { text: "Geschenk einlösen", visible: true },
    product: { text: "Espresso Classico 1 kg", visible: true },
    added: [],
    hostGlobal: "the host's own global",
  });
  // The banner still closes from the keyboard.
  await page.locator("patron-widget[placement=top] .dismiss").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("patron-widget[placement=top]").shadowRoot.querySelector(".banner"));
  assert.deepEqual(problems, []);
  await page.close();
});
