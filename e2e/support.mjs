// Shared by the end-to-end tests: the demo server on a free loopback port and Debian's Chromium.
import { before, after } from "node:test";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

/** Starts the demo server (scripts/serve.mjs) on `port`; resolves with its process once it serves. */
export async function startDemo(port) {
  const server = spawn(process.execPath, ["scripts/serve.mjs"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    server.stdout.on("data", (chunk) => String(chunk).includes("http://") && resolve());
    server.on("exit", (code) => reject(new Error(`the demo server exited with ${code}`)));
  });
  return server;
}

/** Starts the server and the browser for the calling test file; returns accessors. */
export function useBrowser() {
  const state = { base: "", browser: null, server: null };
  before(async () => {
    const port = 18000 + Math.floor(Math.random() * 2000);
    state.base = `http://127.0.0.1:${port}/`;
    state.server = await startDemo(port);
    state.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // LocalNetworkAccessChecks: a test's "other origin" is another port on the loopback address,
      // which Chromium would otherwise refuse on its own, before Patron's check is reached.
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
        "--disable-features=LocalNetworkAccessChecks"],
    });
  });
  after(async () => {
    await state.browser?.close();
    state.server?.kill();
  });
  return state;
}

/** Opens `path` and collects the console's errors and warnings and the page's exceptions. */
export async function open(state, path, width = 1280) {
  const page = await state.browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  await page.goto(`${state.base}${path}`);
  return { page, problems };
}

const axe = await readFile(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/**
 * axe-core's WCAG 2.2 A and AA violations on `page`, each as "rule: target summary"; injects axe
 * the first time. The page's context must bypass CSP: every page here refuses injected scripts.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join("; ")}`);
  });
}
