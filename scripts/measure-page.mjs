// Measures the demo storefront in headless Chromium, the widget's cost to a page (prints, asserts
// nothing): the time from the module's start to the first widget painted (performance marks
// patron:start and patron:first-paint) and the bytes transferred, for the two kinds of page (with
// the carousel, and without it: `#recs=off`), each cold (a fresh browser context, navigated once its
// start-up has settled) and warm (a second navigation, the module in the HTTP cache); the page's load
// event with and without the widget (`#widget=off`); the cumulative layout shift; and the heaviest
// customer's page (`#persona=heaviest`, scripts/heavy-session.mjs) against the regular's. Each figure
// is the median of 15 loads.
//   node scripts/measure-page.mjs      (after scripts/demo.sh or scripts/test.sh built everything)
import { loadDemo, startBrowser } from "./browser.mjs";

const runs = Number(process.env.RUNS ?? 15);
const { base, browser, close } = await startBrowser();
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quartiles = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const q = (p) => sorted[Math.round((sorted.length - 1) * p)].toFixed(1);
  return `${median(sorted).toFixed(1)} ms (quartiles ${q(0.25)} and ${q(0.75)} ms)`;
};

// The two kinds of page (with the carousel: the full build; without: the card and banners build),
// each cold and warm, and the page without Patron; in turn, so that the machine's drift falls on
// all of them alike.
const kinds = [
  { name: "card, banners and carousel, cold", hash: "persona=regular&locale=de-DE", options: {} },
  { name: "card, banners and carousel, warm", hash: "persona=regular&locale=de-DE", options: { warm: true } },
  { name: "card and banners, cold", hash: "persona=regular&locale=de-DE&recs=off", options: { products: false } },
  { name: "card and banners, warm", hash: "persona=regular&locale=de-DE&recs=off", options: { products: false, warm: true } },
  { name: "without Patron", hash: "persona=regular&locale=de-DE&widget=off", options: { widget: false } },
  // The heaviest customer's session (scripts/heavy-session.mjs), against the regular's above.
  { name: "heaviest customer: card, banners and carousel, cold", hash: "persona=heaviest&locale=de-DE", options: {} },
  { name: "heaviest customer: card, banners and carousel, warm", hash: "persona=heaviest&locale=de-DE", options: { warm: true } },
];
try {
  const figures = kinds.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, kind] of kinds.entries()) figures[k].push(await loadDemo(browser, base, kind.hash, kind.options));
  }
  console.log(`demo storefront, persona "regular", 1280 px, median of ${runs} loads of each (Chromium ${browser.version()}):`);
  console.log("  module start (patron:start) to first widget painted (patron:first-paint):");
  for (const [k, kind] of kinds.entries()) {
    if (kind.options.widget === false) continue;
    const bytes = median(figures[k].map((f) => f.bytes));
    const transferred = median(figures[k].map((f) => f.transferred));
    console.log(`    ${kind.name}: ${quartiles(figures[k].map((f) => f.paint))}; files of ${bytes} bytes (gzip: module, glue, config, model), ${transferred} bytes over the network`);
  }
  const loadWith = median(figures[0].map((f) => f.load));
  const loadWithout = median(figures[4].map((f) => f.load));
  console.log(`  load event, cold: ${loadWith.toFixed(1)} ms with the widget, ${loadWithout.toFixed(1)} ms without (${(loadWith - loadWithout).toFixed(1)} ms)`);
  const worst = Math.max(...figures.slice(0, 4).flat().map((f) => f.cls));
  console.log(`  cumulative layout shift: ${worst.toFixed(4)} (worst of ${4 * runs})`);
  const heaviest = (k, light) => {
    const [a, b] = [median(figures[k].map((f) => f.paint)), median(figures[light].map((f) => f.paint))];
    return `${a.toFixed(1)} ms against ${b.toFixed(1)} ms (${(a - b).toFixed(1)} ms, ${((a / b - 1) * 100).toFixed(0)} %)`;
  };
  console.log(`  heaviest customer against the regular, first paint: cold ${heaviest(5, 0)}, warm ${heaviest(6, 1)}`);
} finally {
  await close();
}
