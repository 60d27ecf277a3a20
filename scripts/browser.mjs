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
