// Serves the demo storefront (www/) and the built package (pkg/ at /pkg/) on localhost, with the
// strict Content Security Policy the widget is built to live under, the book (target/book/ at
// /book/, which scripts/demo.sh builds from docs/), and a tiny stand-in for the
// shop's points backend (POST /demo/redeem). No dependencies beyond Node.
import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";
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
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
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
  // The manual, as mdBook built it (scripts/demo.sh).
  if (path === "/book" || path.startsWith("/book/")) {
    const inside = path.slice(5) || "/";
    return join(root, "target", "book", inside.endsWith("/") ? `${inside}index.html` : inside);
  }
  // The heaviest customer's session, never committed (scripts/heavy-session.mjs writes it).
  if (path === "/sessions/heaviest.json") return join(root, "target", "sessions", "heaviest.json");
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

// The demo's points backend: what a shop's server does when the widget asks to redeem a reward. It
// knows the shopper from its own session (here the `demo-persona` cookie the demo page sets, in place
// of the shop's login), never from the request's body; it checks the reward against the programme
// and the ledger, deducts the points, issues a code, and answers the same request id once only.
// Ledgers start from the personas' sessions and live as long as the server (POST /demo/reset
// starts them again).
const ledgers = new Map();
const answered = new Map();
const json = async (path) => JSON.parse(await readFile(join(root, "www", path), "utf8"));

async function redeem(request) {
  const persona = /(?:^|;\s*)demo-persona=(\w+)/.exec(request.headers.cookie ?? "")?.[1];
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const { rewardId, requestId, locale } = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  const de = !String(locale ?? "de").startsWith("en");
  const refuse = (status, german, english) => ({ status, body: { message: de ? german : english } });
  if (typeof requestId !== "string" || typeof rewardId !== "string") return refuse(400, "Ungültige Anfrage.", "Invalid request.");
  if (answered.has(requestId)) return answered.get(requestId);
  let session;
  try {
    session = await json(`sessions/${persona}.json`);
  } catch {
    return refuse(401, "Bitte melden Sie sich an.", "Please sign in.");
  }
  const config = await json(persona === "partner" ? "configs/b2b.json" : "configs/consumer.json");
  if (!session.points) return refuse(409, "Für dieses Konto gibt es kein Punktekonto.", "This account has no points ledger.");
  if (!ledgers.has(persona)) ledgers.set(persona, structuredClone({ redeemed: [], ...session.points }));
  const ledger = ledgers.get(persona);
  const reward = config.programme.rewards?.find((r) => r.id === rewardId);
  let answer;
  if (!reward) answer = refuse(404, "Diese Prämie gibt es nicht mehr.", "This reward no longer exists.");
  else if (reward.limit_per_customer && ledger.redeemed.filter((r) => r.reward_id === rewardId).length >= reward.limit_per_customer) {
    answer = refuse(409, "Diese Prämie haben Sie schon so oft eingelöst wie möglich.", "You have redeemed this reward as often as it allows.");
  } else if (ledger.balance < reward.cost_points) {
    answer = refuse(409, "Dafür reichen Ihre Punkte nicht mehr.", "You no longer have enough points for this.");
  } else {
    // (A real backend also checks the tier a reward needs; the demo's personas cannot reach one they lack.)
    ledger.balance -= reward.cost_points;
    ledger.redeemed.push({ reward_id: rewardId, on: session.now.slice(0, 10) });
    const code = `BH-${randomBytes(4).toString("hex").toUpperCase()}`;
    answer = { status: 200, body: { code, points: structuredClone(ledger) } };
  }
  answered.set(requestId, answer);
  return answer;
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url, "http://localhost");
  if (request.method === "POST" && url.pathname.startsWith("/demo/")) {
    let answer = { status: 404, body: { message: "not found" } };
    if (url.pathname === "/demo/reset") {
      ledgers.clear();
      answered.clear();
      answer = { status: 200, body: {} };
    } else if (url.pathname === "/demo/redeem") {
      answer = await redeem(request).catch(() => ({ status: 400, body: { message: "Invalid request." } }));
    }
    response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    response.end(JSON.stringify(answer.body));
    return;
  }
  const file = locate(url.pathname);
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error("not a file");
    let body = await readFile(file);
    // Cached, and revalidated on every use (no-cache with an ETag): a second visit gets 304s, and
    // its files from the HTTP cache, as from a shop's server; a rebuilt file is never stale.
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    const headers = {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      // mdBook's pages run inline scripts of their own (theme, search); the widget's pages do not.
      ...(url.pathname.startsWith("/book/") ? {} : { "content-security-policy": csp }),
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
  console.log(`The book: http://127.0.0.1:${port}/book/`);
  console.log(`Press Ctrl+C to stop.`);
});
