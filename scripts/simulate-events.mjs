// Simulates the widget's events for the customers of an orders export, as a shop's forwarding script
// would have logged them (the book, integrate/events.md): JSON lines with `event`, `at` and the detail
// in snake_case. For `patron report --events`: its benchmark (scripts/bench-report.sh) and the book's
// example report (report/index.md). No data is written anywhere but --out.
//
//   node scripts/simulate-events.mjs --orders ORDERS.csv --key SECRET_FILE --out EVENTS.jsonl
//        [--lines N] [--seed S] [--from YYYY-MM-DD]
//
// Three offers, each customer in a stable group per offer (10 % held out where there is a holdout):
//   "winter-coupon"       planted effect: for a fifth of the treatment group the assignment falls 1
//                         to 5 days before one of the customer's real orders, so that more of the
//                         treatment group converts within 14 days than of the holdout;
//   "double-points-week"  no effect: both groups' assignments fall at random moments;
//   "welcome"             no holdout: reach and clicks only.
// A customer's later page views fall after their first assignment, which keeps the planted effect
// where the report looks for it. Each page view also shows recommendations (the customer's own products as "repurchase_due", popular
// ones as "popular"), some clicked, and the rewards panel (its impressions carry no analytics key,
// as the widget's do not). Page views go round the customers until --lines lines are written
// (default: one page view per customer). Moments fall between --from (default: 120 days before the
// export's last order) and the last order.
import { createHmac } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
for (const name of ["orders", "key", "out"]) {
  if (!args[name]) {
    console.error(`simulate-events: --${name} is missing; usage: node scripts/simulate-events.mjs --orders ORDERS.csv --key SECRET_FILE --out EVENTS.jsonl [--lines N] [--seed S] [--from YYYY-MM-DD]`);
    process.exit(2);
  }
}
const secret = readFileSync(args.key).toString().replace(/\n$/, "");
const wanted = args.lines ? Number(args.lines) : 0;

// A small deterministic generator (mulberry32), so that a seed gives the same file.
let state = Number(args.seed ?? 7) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// The customers: their orders' moments and the products they bought (up to 12 distinct).
const customers = new Map();
const popularity = new Map();
let last = 0;
const lines = createInterface({ input: createReadStream(args.orders) });
let header = null;
for await (const line of lines) {
  const cells = line.split(",");
  if (!header) {
    header = Object.fromEntries(cells.map((name, i) => [name.trim(), i]));
    continue;
  }
  const id = cells[header.customer_id];
  const at = Date.parse(cells[header.placed_at]);
  const sku = cells[header.sku];
  if (!id || Number.isNaN(at)) continue;
  let customer = customers.get(id);
  if (!customer) {
    customer = { id, orders: new Set(), skus: new Set(), key: createHmac("sha256", secret).update(id).digest("hex").slice(0, 32) };
    customers.set(id, customer);
  }
  customer.orders.add(at);
  if (customer.skus.size < 12) customer.skus.add(sku);
  popularity.set(sku, (popularity.get(sku) ?? 0) + 1);
  last = Math.max(last, at);
}
const popular = [...popularity].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([sku]) => sku);
const from = args.from ? Date.parse(args.from) : last - 120 * 86_400_000;
const list = [...customers.values()].map((c) => ({ ...c, orders: [...c.orders].sort((a, b) => a - b).filter((t) => t > from) }));

// The stable share of 10,000 a customer falls in for an offer (the widget hashes alike, not equally).
function bucket(offer, id) {
  return createHmac("sha256", "groups").update(`${offer}:${id}`).digest().readUInt32BE(0) % 10_000;
}
const offers = [
  { id: "winter-coupon", holdout: 10, planted: 0.2 },
  { id: "double-points-week", holdout: 10, planted: 0 },
  { id: "welcome", holdout: 0, planted: 0 },
];

const out = createWriteStream(args.out);
let written = 0;
let buffer = "";
function emit(event) {
  buffer += JSON.stringify(event) + "\n";
  written += 1;
  if (buffer.length > 1 << 20) {
    const chunk = buffer;
    buffer = "";
    return out.write(chunk) ? null : new Promise((resolve) => out.once("drain", resolve));
  }
  return null;
}
const iso = (t) => new Date(t).toISOString();
const randomMoment = () => from + random() * (last - from);

let round = 0;
while (round === 0 || written < wanted) {
  for (const customer of list) {
    if (round > 0 && written >= wanted) break;
    const key = customer.key;
    for (const offer of offers) {
      const group = bucket(offer.id, customer.id) < offer.holdout * 100 ? "holdout" : "treatment";
      // The first page view decides the moment of the first assignment, which the report counts
      // from (intention to treat); later page views fall after it.
      customer.first ??= {};
      let at;
      if (round === 0) {
        at = randomMoment();
        if (group === "treatment" && customer.orders.length > 0 && random() < offer.planted) {
          const order = customer.orders[Math.floor(random() * customer.orders.length)];
          at = order - (1 + random() * 4) * 86_400_000;
        }
        customer.first[offer.id] = at;
      } else {
        at = customer.first[offer.id] + random() * (last - customer.first[offer.id]);
      }
      const detail = { offer_id: offer.id, variant: null, placement: "top", group, analytics_id: key };
      await emit({ event: "patron:offer-assigned", at: iso(at), ...detail });
      if (group === "treatment" && random() < 0.7) {
        await emit({ event: "patron:offer-impression", at: iso(at + 2_000), ...detail });
        if (random() < 0.08) await emit({ event: "patron:offer-click", at: iso(at + 9_000), ...detail });
      }
    }
    const at = randomMoment();
    const own = [...customer.skus].slice(0, 2).map((sku) => [sku, "repurchase_due"]);
    const others = [0, 1].map(() => [popular[Math.floor(random() * popular.length)], "popular"]);
    for (const [position, [sku, reason]] of [...own, ...others].entries()) {
      const detail = { sku, position: position + 1, reason, analytics_id: key };
      await emit({ event: "patron:rec-impression", at: iso(at + position * 500), ...detail });
      if (random() < 0.06) await emit({ event: "patron:rec-click", at: iso(at + 20_000), ...detail });
    }
    for (const reward of ["five-off", "free-bag"]) {
      await emit({ event: "patron:reward-impression", at: iso(at), reward_id: reward, state: "locked" });
    }
    if (random() < 0.02) {
      await emit({ event: "patron:reward-redeemed", at: iso(at + 30_000), reward_id: "five-off", cost_points: 500, request_id: `r${written}`, analytics_id: key });
    }
  }
  round += 1;
  if (wanted === 0) break;
}
out.end(buffer);
await new Promise((resolve) => out.on("finish", resolve));
console.error(`simulate-events: ${written} lines for ${list.length} customers, ${round} page view(s) each, into ${args.out}`);
