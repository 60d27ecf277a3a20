// End-to-end: the npm package as a shop's developer uses it. `npm pack` the built pkg/, install the
// tarball into a fresh project, and load a page that imports "patron" from node_modules: once
// through an import map, once bundled by Vite (whose build emits each of the package's two modules
// as a chunk of its own, the full one loaded only when a carousel appears).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

let dir;
let server;
let browser;
let base;

const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml" };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "patron-npm-"));
  const tarball = execFileSync("npm", ["pack", "./pkg", "--pack-destination", dir, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "shop", private: true }));
  execFileSync("npm", ["install", join(dir, tarball), "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir });
  const config = await readFile("www/configs/consumer.json", "utf8");
  const session = await readFile("www/sessions/regular.json", "utf8");
  // A shop's page: the session and the config embedded, a card and the top banners, and `head`.
  const shopPage = (head) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop</title>
${head}</head>
<body>
<script type="application/json" id="patron-session">${session}</script>
<script type="application/json" id="patron-config">${config}</script>
<patron-widget locale="en-GB"></patron-widget>
<patron-widget placement="top" locale="en-GB"></patron-widget>
</body></html>`;
  // What a developer writes: import the package by name (an import map stands in for a bundler).
  await writeFile(join(dir, "app.js"), `import { update } from "patron"; window.patronUpdate = update;`);
  const importMap = JSON.stringify({ imports: { patron: "/node_modules/patron/patron.js" } });
  await writeFile(join(dir, "index.html"),
    shopPage(`<script type="importmap">${importMap}</script><script type="module" src="/app.js"></script>`));
  // The Vite project: the same page, its script bundled, served under /vite/ with the strict CSP.
  await mkdir(join(dir, "vite/public"), { recursive: true });
  await copyFile("target/demo/model.ptrm", join(dir, "vite/public/model.ptrm"));
  await writeFile(join(dir, "vite/index.html"), shopPage(`<script type="module" src="./main.js"></script>`));
  await writeFile(join(dir, "vite/main.js"), `import { update } from "patron";
window.patronUpdate = update;
// A single-page app going to a product page: a carousel appears after start-up.
window.addCarousel = () => {
  const carousel = document.createElement("patron-widget");
  carousel.setAttribute("placement", "recommendations");
  carousel.setAttribute("model-src", "/vite/model.ptrm");
  carousel.setAttribute("locale", "en-GB");
  document.body.append(carousel);
};
`);
  execFileSync(join(process.cwd(), "node_modules/.bin/vite"), ["build", "--base", "/vite/", "--logLevel", "error"], {
    cwd: join(dir, "vite"),
    env: { ...process.env, NODE_PATH: join(dir, "node_modules") },
  });
  server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (path === "/favicon.ico") {
      response.writeHead(204);
      response.end();
      return;
    }
    try {
      const vite = path.startsWith("/vite/");
      // The demo model's product images.
      const image = path.startsWith("/img/") && join(process.cwd(), "www", path);
      const file = image || (vite ? join(dir, "vite/dist", path.slice(6) || "index.html") : join(dir, path === "/" ? "index.html" : path));
      const body = await readFile(file);
      const headers = { "content-type": types[extname(file)] ?? "text/html" };
      if (vite) headers["content-security-policy"] = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
      response.writeHead(200, headers);
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

test("bundled by Vite, a page without a carousel loads no recommendation code, and one added later renders", async () => {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(m.text()));
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${base}vite/`);
  await page.locator("patron-widget .points").first().waitFor();
  assert.equal(await page.locator("patron-widget .points").first().textContent(), "1,220 points");
  await page.locator("patron-widget[placement=top] .banner .headline").waitFor();
  assert.equal(await page.locator("patron-widget[placement=top] .headline").textContent(), "Happy birthday, Anna!");
  const wasm = () => requests.filter((path) => path.endsWith(".wasm"));
  assert.equal(wasm().length, 1, `one module: ${wasm()}`);
  assert.match(wasm()[0], /patron_core_bg/);
  assert.deepEqual(requests.filter((path) => /patron_full|model\.ptrm/.test(path)), []);
  await page.evaluate(() => window.addCarousel());
  const products = page.locator("patron-widget[placement=recommendations] .product");
  await products.first().waitFor();
  assert.ok(await products.count() > 0);
  assert.match(wasm()[1], /patron_full_bg/);
  assert.equal(wasm().length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

