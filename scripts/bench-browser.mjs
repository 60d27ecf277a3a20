// Times the recommender in headless Chromium through the WASM build (the playground's, which exports
// benchRecommendations), on the synthetic inputs of the native `cargo bench --bench recommend`: a
// 10,000-product model and a 500-line history. Prints the figures; asserts nothing.
//   node scripts/bench-browser.mjs          (after scripts/build.sh with FEATURES=playground)
import { startBrowser } from "./browser.mjs";

const { base, browser, close } = await startBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${base}playground.html`);
  const result = await page.evaluate(async () => {
    const patron = await import("/pkg-playground/patron_core.js");
    await patron.default();
    patron.benchRecommendations(10000, 500, 5); // warm-up: the engine compiles the hot code first
    return patron.benchRecommendations(10000, 500, 50);
  });
  console.log(`browser (Chromium ${browser.version()}), WASM:`);
  console.log(`  model: ${result.products} products, ${result.modelBytes} bytes`);
  console.log(`  parse: ${result.parseMs.toFixed(2)} ms`);
  console.log(`  top 12 for a ${result.lines}-line history: ${(result.scoreMs * 1000).toFixed(0)} µs`);
  console.log(`  WASM linear memory with the model parsed: ${(result.memoryBytes / 1024 / 1024).toFixed(1)} MiB`);
} finally {
  await close();
}
