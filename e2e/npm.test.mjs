// End-to-end: the npm package as a shop's developer uses it. `npm pack` the built pkg/, install the
// tarball into a fresh project, and load a page that imports "patron" from node_modules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

let dir;
let server;
let browser;
let base;

const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "patron-npm-"));
  const tarball = execFileSync("npm", ["pack", "./pkg", "--pack-destination", dir, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "shop", private: true }));
  execFileSync("npm", ["install", join(dir, tarball), "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir });
  const config = await readFile("www/configs/consumer.json", "utf8");
  const session = await readFile("www/sessions/regular.json", "utf8");
  await writeFile(join(dir, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop</title>
<script type="module" src="/app.js"></script></head>
<body>
<script type="application/json" id="patron-session">${session}</script>
<script type="application/json" id="patron-config">${config}</script>
<patron-widget locale="en-GB"></patron-widget>
<patron-widget placement="top" locale="en-GB"></patron-widget>
</body></html>`);
  // What a developer writes: import the package by name (an import map stands in for a bundler).
  await writeFile(join(dir, "app.js"), `import { update } from "patron"; window.patronUpdate = update;`);
  await writeFile(join(dir, "index.html"), (await readFile(join(dir, "index.html"), "utf8")).replace(
    "<script type=\"module\"",
    `<script type="importmap">${JSON.stringify({ imports: { patron: "/node_modules/patron/patron.js" } })}</script><script type="module"`));
  server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (path === "/favicon.ico") {
      response.writeHead(204);
      response.end();
      return;
    }
    try {
      const body = await readFile(join(dir, path === "/" ? "index.html" : path));
      response.writeHead(200, { "content-type": types[extname(path)] ?? "text/html" });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("the packed npm package installs and renders in a shop's page", async () => {
  const installed = JSON.parse(await readFile(join(dir, "node_modules/patron/package.json"), "utf8"));
  assert.equal(installed.name, "patron");
  assert.equal(installed.types, "patron.d.ts");
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(m.text()));
  await page.goto(base);
  await page.locator("patron-widget .points").waitFor();
  assert.equal(await page.locator("patron-widget .points").textContent(), "1,220 points");
  // The offer banners are in the package too.
  const banner = page.locator("patron-widget[placement=top] .banner");
  await banner.waitFor();
  assert.equal(await banner.getAttribute("data-offer"), "birthday");
  assert.equal(await banner.locator(".headline").textContent(), "Happy birthday, Anna!");
  assert.deepEqual(problems, []);
  await page.close();
});
