// Writes target/sessions/heaviest.json: the session of the heaviest customer, for the demo's
// `#persona=heaviest` page, which scripts/measure-page.mjs measures against the light personas
// (issue 17). With The Complete Journey at hand (scripts/session-sizes.sh writes
// target/sessions/compact.jsonl), it is household 1111's own compact history: 162 orders, 4,189
// lines, 1,096 products. Without it, a generated history of the same shape, so that the page can be
// measured on any machine without downloading anything.
//   node scripts/heavy-session.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = new URL("../target/sessions/heaviest.json", import.meta.url);
const real = new URL("../target/sessions/compact.jsonl", import.meta.url);
mkdirSync(new URL(".", out), { recursive: true });

let history;
let source;
const line = existsSync(real) && readFileSync(real, "utf8").split("\n").find((l) => l.includes('"id":"1111"'));
if (line) {
  history = JSON.parse(line).history;
  source = "The Complete Journey, household 1111";
} else {
  // 162 orders over a year, about 4,190 lines of about 1,050 products in 300 categories: 150
  // products bought again and again (20 lines an order), the others once (5 or 6 lines an order).
  // A small linear congruential generator keeps it the same on every machine.
  let state = 1111;
  const next = (n) => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
  const orders = [1483268400, 0, 0];
  const bought = Array.from({ length: 1096 }, () => []);
  let fresh = 150;
  for (let o = 0; o < 162; o++) {
    if (o > 0) orders.push(86400 + next(3 * 86400), 0, 0);
    const lines = new Set();
    while (lines.size < 20) lines.add(next(150));
    for (let k = 0; k < (o < 136 ? 6 : 5) && fresh < 1096; k++) lines.add(fresh++);
    let total = 0;
    for (const p of lines) {
      bought[p].push(o);
      total += 50 + next(900);
    }
    orders[3 * o + 1] = total;
  }
  const products = [];
  for (const [p, list] of bought.entries()) {
    if (list.length === 0) continue;
    products.push({ sku: String(800000 + p * 97), category: `CATEGORY ${p % 300}`, orders: list.map((o, i) => (i ? o - list[i - 1] : o)) });
  }
  history = { version: 1, orders, products };
  source = "generated, of the same shape as The Complete Journey's household 1111";
}
// The session's clock: the day after the last order.
let at = 0;
for (let i = 0; i < history.orders.length; i += 3) at += history.orders[i];
const now = new Date((at + 86400) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
const session = {
  customer: { id: "h-1111", first_name: "Hanna", member_since: "2015-03-01" },
  consent: { personalisation: true, analytics: false },
  now,
  currency: "EUR",
  locale: "de-DE",
  history,
  cart: { lines: [] },
};
writeFileSync(out, JSON.stringify(session));
const lines = history.products.reduce((sum, p) => sum + p.orders.length, 0);
console.log(`[heavy-session] ${out.pathname}: ${history.orders.length / 3} orders, ${lines} product lines, ${history.products.length} products (${source})`);
