// Writes target/sessions/heaviest.json: the session of the heaviest customer, for the demo's
// `#persona=heaviest` page, which scripts/measure-page.mjs measures against the light personas
// (issue 17). With The Complete Journey at hand (scripts/session-sizes.sh writes
// target/sessions/full.jsonl), it is household 1111's: 162 orders, 4,189 lines, 1,096 products.
// Without it, a generated history of the same shape, so that the page can be measured on any
// machine without downloading anything. Either way the session is built as a shop's server would,
// by patron-session's toSession (pkg-session/, scripts/build.sh), in compact form.
//   node scripts/heavy-session.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const { toSession } = createRequire(import.meta.url)("../pkg-session/index.js");
const out = new URL("../target/sessions/heaviest.json", import.meta.url);
const real = new URL("../target/sessions/full.jsonl", import.meta.url);
mkdirSync(new URL(".", out), { recursive: true });

let orders;
let source;
const line = existsSync(real) && readFileSync(real, "utf8").split("\n").find((l) => l.includes('"id":"1111"'));
if (line) {
  orders = JSON.parse(line).orders;
  source = "The Complete Journey, household 1111";
} else {
  // 162 orders over a year, about 4,190 lines of about 1,050 products in 300 categories: 150
  // products bought again and again (20 lines an order), the others once (5 or 6 lines an order).
  // A small linear congruential generator keeps it the same on every machine.
  let state = 1111;
  const next = (n) => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
  let at = 1483268400;
  let fresh = 150;
  orders = [];
  for (let o = 0; o < 162; o++) {
    if (o > 0) at += 86400 + next(3 * 86400);
    const products = new Set();
    while (products.size < 20) products.add(next(150));
    for (let k = 0; k < (o < 136 ? 6 : 5) && fresh < 1096; k++) products.add(fresh++);
    const lines = [...products].map((p) => ({
      sku: String(800000 + p * 97), quantity: 1, unit_price: (50 + next(900)) / 100, category: `CATEGORY ${p % 300}`,
    }));
    orders.push({ id: `o${o}`, placed_at: new Date(at * 1000).toISOString().replace(/\.\d+Z$/, "Z"), lines });
  }
  source = "generated, of the same shape as The Complete Journey's household 1111";
}
// The session's clock: the day after the last order.
const last = Math.max(...orders.map((o) => Date.parse(o.placed_at)));
const now = new Date(last + 86400 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
const json = toSession({
  customer: { id: "h-1111", first_name: "Hanna", member_since: "2015-03-01" },
  consent: { personalisation: true, analytics: false },
  now,
  currency: "EUR",
  locale: "de-DE",
  orders,
  cart: { lines: [] },
});
writeFileSync(out, json);
const { history } = JSON.parse(json);
const lines = orders.reduce((sum, o) => sum + o.lines.length, 0);
console.log(`[heavy-session] ${out.pathname}: ${orders.length} orders, ${lines} lines, ${history.skus.length} products, ${json.length} bytes (${source})`);
