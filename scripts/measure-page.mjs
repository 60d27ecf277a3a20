// Measures the demo storefront in headless Chromium, the widget's cost to a page (prints, asserts
// nothing): the bytes the widget downloads (gzip, as scripts/serve.mjs sends them), the time from
// the module's start to the first widget painted (performance marks patron:start and
// patron:first-paint), the page's load event with and without the widget (`#widget=off`), and the
// cumulative layout shift. Each figure is the median of 15 cold loads (a fresh browser context each,
// navigated once its start-up has settled).
//   node scripts/measure-page.mjs      (after scripts/demo.sh or scripts/test.sh built everything)
import { loadDemo, startBrowser } from "./browser.mjs";

const runs = Number(process.env.RUNS ?? 15);
const { base, browser, close } = await startBrowser();
const load = (hash, widget) => loadDemo(browser, base, hash, widget);
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
