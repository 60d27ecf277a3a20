// Serves the demo storefront (www/) and the built package (pkg/ at /pkg/) on localhost, with the
// strict Content Security Policy the widget is built to live under. No dependencies beyond Node.
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

function locate(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  if (path.includes("..")) return null;
  // The shipped package; PKG_DIR serves another build in its place (scripts/compare-builds.mjs).
  if (path.startsWith("/pkg/")) return join(process.env.PKG_DIR ? resolve(process.env.PKG_DIR) : join(root, "pkg"), path.slice(5));
  // The playground's build, with the banners, the carousel and the marketer exports (scripts/build.sh).
  if (path.startsWith("/pkg-playground/")) return join(root, "target", path);
  // The sample catalogue's recommendation model (scripts/demo-model.sh builds it).
  if (path === "/catalogue/model.ptrm") return join(root, "target", "demo", "model.ptrm");
  return join(root, "www", path.endsWith("/") ? `${path}index.html` : path);
}

// Compressed bodies by path and content, so that a rebuilt file is compressed again but a repeated
// request costs no compression time.
const compressed = new Map();
function gzipped(file, body) {
  const hit = compressed.get(file);
  if (hit && hit.source.equals(body)) return hit.body;
  const entry = { source: body, body: gzipSync(body, { level: 9 }) };
  compressed.set(file, entry);
  return entry.body;
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url, "http://localhost");
  const file = locate(url.pathname);
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error("not a file");
    let body = await readFile(file);
    // Cached, and revalidated on every use (no-cache with an ETag): a second visit gets 304s, and
    // its files from the HTTP cache, as from a shop's server; a rebuilt file is never stale.
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    const headers = {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "content-security-policy": csp,
      "cache-control": "no-cache",
      etag,
    };
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    // Compressed as a shop's server or CDN would (gzip -9), so that the browser's transfer sizes are
    // the figures scripts/size.sh reports.
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "") && extname(file) !== ".png") {
      body = gzipped(file, body);
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
    }
    response.writeHead(200, headers);
    response.end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end("not found\n");
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Patron demo storefront: http://127.0.0.1:${port}/`);
  console.log(`Press Ctrl+C to stop.`);
});
