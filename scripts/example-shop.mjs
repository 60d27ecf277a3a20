// Writes the book's example shop, Teehaus Morgentau (a tea shop in Hamburg), into docs/examples/tea/:
// orders.csv (18 months of orders from 320 customers), products.csv and customers.csv. The shop is
// made up and the generator seeded, so the files are the same on every run; the book's guides run
// their commands on them (tests/docs.rs), and the coffee shop of the demo stays the demo's.
//   node scripts/example-shop.mjs
import { writeFileSync } from "node:fs";

// A small seeded generator (mulberry32): the same files on every machine.
let seed = 20261207;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
// One CSV line: a field with a comma or a quote is quoted, as every spreadsheet writes it.
const csv = (fields) => fields.map((f) => (/[",\n]/.test(String(f)) ? `"${String(f).replaceAll('"', '""')}"` : f)).join(",");

const products = [
  // sku, title, category, brand, price, weight in a basket
  ["SENCHA-100", "Sencha Kagoshima 100 g", "Grüntee", "Morgentau", 9.5, 8],
  ["GENMAICHA-100", "Genmaicha 100 g", "Grüntee", "Morgentau", 7.9, 5],
  ["MATCHA-30", "Matcha Uji 30 g", "Grüntee", "Morgentau", 19.9, 3],
  ["ASSAM-250", "Assam Mokalbari 250 g", "Schwarztee", "Morgentau", 12.5, 7],
  ["DARJ-100", "Darjeeling First Flush 100 g", "Schwarztee", "Morgentau", 14.9, 4],
  ["EARLGREY-100", "Earl Grey Bergamotte 100 g", "Schwarztee", "Morgentau", 8.9, 6],
  ["ROOIBOS-250", "Rooibos Vanille 250 g", "Kräutertee", "Morgentau", 8.5, 5],
  ["CHAMOMILE-100", "Kamille Ägypten 100 g", "Kräutertee", "Morgentau", 5.9, 3],
  ["KYUSU-350", "Kyusu Tokoname 350 ml", "Zubehör", "Tokoname", 54.0, 1],
  ["FILTER-100", "Teefilter Papier, 100 Stück", "Zubehör", "Morgentau", 3.5, 4],
  ["CADDY-TIN", "Teedose Washi", "Zubehör", "Morgentau", 16.0, 1],
  ["WHISK-CHASEN", "Matcha-Besen Chasen", "Zubehör", "Morgentau", 22.0, 1],
];
const weights = products.map((p) => p[5]);
const total = weights.reduce((a, b) => a + b, 0);
const product = () => {
  let r = random() * total;
  for (const p of products) {
    r -= p[5];
    if (r < 0) return p;
  }
  return products[0];
};

const start = Date.UTC(2025, 5, 1); // 1 June 2025
const end = Date.UTC(2026, 10, 30); // 30 November 2026
const day = 86_400_000;
const names = ["Jana", "Lukas", "Mia", "Ben", "Lea", "Finn", "Emma", "Paul", "Hanna", "Jonas", "Lina", "Elias"];

// Gamma(shape, 1) by Marsaglia and Tsang's method, and Beta from two of them.
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const gamma = (shape) => {
  if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
};
const beta = (a, b) => {
  const x = gamma(a);
  return x / (x + gamma(b));
};

// Customers behave as the report's lifetime-value model assumes ("buy till you die"): each orders at
// a pace of their own (a Poisson process; the rates spread as a gamma distribution, one order every
// 45 days on average) and, after each order, leaves for good with a chance of their own (spread as a
// beta distribution, 1 in 6 on average). A shop's real customers differ, but not so much that the
// model would not fit them; random ones would not fit at all.
const rows = [];
const customers = ["customer_id,first_name,birthday,member_since,consent_personalisation,consent_analytics"];
let order = 5000;
for (let c = 1; c <= 320; c++) {
  const id = `t${String(c).padStart(3, "0")}`;
  const rate = gamma(1.5) / 67; // orders per day
  const leave = beta(1, 5);
  let at = start + random() * (end - start - 14 * day);
  const joined = new Date(at).toISOString().slice(0, 10);
  for (;;) {
    order++;
    // Orders come in between 8:00 and 22:00 UTC, to the minute.
    const moment = new Date(Math.floor(at / day) * day + (8 * 60 + Math.floor(random() * 14 * 60)) * 60_000);
    const when = moment.toISOString().replace(".000Z", "Z");
    const basket = new Map();
    const size = 1 + Math.floor(random() * 3);
    for (let i = 0; i < size; i++) {
      const p = product();
      basket.set(p, (basket.get(p) ?? 0) + 1);
    }
    for (const [p, quantity] of basket) {
      rows.push([when, [id, `m${order}`, when, p[0], quantity, p[4].toFixed(2), p[2]]]);
    }
    if (random() < leave) break;
    // At least a day apart: the next order is another day's.
    at += day * Math.max(1, -Math.log(1 - random()) / rate);
    if (at >= end) break;
  }
  const born = `${1960 + Math.floor(random() * 40)}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
  const consent = random() < 0.8;
  customers.push(csv([id, pick(names), born, joined, consent, consent && random() < 0.9]));
}
// As a shop's system exports them: oldest first.
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const lines = ["customer_id,order_id,placed_at,sku,quantity,unit_price,category", ...rows.map((r) => csv(r[1]))];

const catalogue = ["sku,title,category,brand,in_stock,new_since,url,image,price"];
for (const [sku, title, category, brand, price] of products) {
  const slug = sku.toLowerCase();
  catalogue.push(csv([sku, title, category, brand, sku !== "WHISK-CHASEN", sku === "MATCHA-30" ? "2026-11-01" : "", `/tee/${slug}`, `/img/${slug}.jpg`, price.toFixed(2)]));
}

const dir = new URL("../docs/examples/tea/", import.meta.url);
writeFileSync(new URL("orders.csv", dir), lines.join("\n") + "\n");
writeFileSync(new URL("products.csv", dir), catalogue.join("\n") + "\n");
writeFileSync(new URL("customers.csv", dir), customers.join("\n") + "\n");
console.log(`docs/examples/tea/: ${lines.length - 1} order lines, ${order - 5000} orders, 320 customers, ${products.length} products`);
