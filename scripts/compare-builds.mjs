// Compares two builds of the package on the demo storefront (prints, asserts nothing): the gzipped
// bytes of each and `patron:start` to `patron:first-paint`, in alternating cold loads (A, B, B, A,
// …), so that the machine's drift falls on both alike. The demo loads /pkg/, which scripts/serve.mjs
// serves from PKG_DIR: here a link that each load points at one build.
//   node scripts/compare-builds.mjs DIR_A DIR_B     (RUNS=15 loads of each by default; PAGE=recs=off
//                                                   for the page without the carousel)
// The book quotes it for the design's crates (internals/decisions.md).
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { resolve, join } from "node:path";
import { gzipSync } from "node:zlib";
import { loadDemo, startBrowser } from "./browser.mjs";

const [a, b] = process.argv.slice(2).map((dir) => resolve(dir));
if (!a || !b) {
  console.error("usage: node scripts/compare-builds.mjs DIR_A DIR_B");
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 15);
const served = resolve("target/compare/pkg");
mkdirSync(resolve("target/compare"), { recursive: true });
process.env.PKG_DIR = served;
const gzipped = (dir) => readdirSync(dir)
  .filter((f) => /\.(js|wasm)$/.test(f))
  .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
const median = (values) => values.slice().sort((x, y) => x - y)[Math.floor(values.length / 2)];

const point = (dir) => {
  rmSync(served, { force: true });
  symlinkSync(dir, served);
};
const { base, browser, close } = await startBrowser();
const paints = { [a]: [], [b]: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const dir of i % 2 === 0 ? [a, b] : [b, a]) {
      point(dir);
      paints[dir].push((await loadDemo(browser, base, `persona=regular&locale=de-DE${process.env.PAGE ? `&${process.env.PAGE}` : ""}`, { products: !process.env.PAGE })).paint);
    }
  }
} finally {
  await close();
  rmSync(served, { force: true });
}
for (const dir of [a, b]) {
  const sorted = paints[dir].slice().sort((x, y) => x - y);
  const q = (p) => sorted[Math.round((sorted.length - 1) * p)].toFixed(1);
  console.log(`${dir}: ${gzipped(dir)} B gzipped; first paint median ${median(sorted).toFixed(1)} ms (quartiles ${q(0.25)} and ${q(0.75)} ms, ${runs} loads)`);
}
const ratios = paints[a].map((p, i) => p / paints[b][i]);
console.log(`paint A/B, load by load: median ${median(ratios).toFixed(3)}`);
