// Times the recommender in headless Chromium through the WASM build (the playground's, which exports
// benchRecommendations), on the synthetic inputs of the native `cargo bench --bench recommend`: a
// 10,000-product model and a 500-line history. Prints the figures; asserts nothing.
//   node scripts/bench-browser.mjs          (after scripts/build.sh with FEATURES=playground)
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

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
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/playground.html`);
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
  await browser.close();
  server.kill();
}
