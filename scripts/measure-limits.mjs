// Times Patron at its documented limits (prints, asserts nothing): a session with 100,000 order lines
// and a config of about 10 MB, through the command line (`patron render`, `patron validate`,
// `patron simulate`), each the median of 5 runs. The documents are generated into target/limits/.
//   node scripts/measure-limits.mjs      (after cargo build --release)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";

const dir = "target/limits";
mkdirSync(dir, { recursive: true });
const patron = "target/release/patron";

// 20,000 orders of 5 lines over ten years.
const regular = JSON.parse(readFileSync("www/sessions/regular.json", "utf8"));
const start = Date.parse("2016-11-20T10:00:00Z");
regular.orders = Array.from({ length: 20_000 }, (_, i) => ({
  id: `o-${i}`,
  placed_at: new Date(start + i * 4.38 * 3600_000).toISOString().replace(/\.\d+Z$/, "Z"),
  lines: Array.from({ length: 5 }, (_, j) => ({ sku: `SKU-${(i * 7 + j) % 3000}`, quantity: 1 + (j % 3), unit_price: 2.5 + j, category: ["coffee", "tea", "accessories"][j % 3] })),
}));
delete regular.points;
writeFileSync(`${dir}/session-100k-lines.json`, JSON.stringify(regular));

// The consumer config with its offers repeated to the limit of 500, their texts long enough for ~10 MB.
const config = JSON.parse(readFileSync("www/configs/consumer.json", "utf8"));
const filler = "Frisch geröstet, fair gehandelt, jede Woche neu. ".repeat(190);
config.offers = Array.from({ length: 500 }, (_, i) => {
  const offer = structuredClone(config.offers[i % config.offers.length]);
  offer.id = `${offer.id}-${i}`;
  if (offer.group) offer.group = `${offer.group}-${i}`;
  offer.body = Object.fromEntries(Object.keys(offer.headline).map((language) => [language, filler]));
  return offer;
});
delete config.$schema;
writeFileSync(`${dir}/config-10mb.json`, JSON.stringify(config, null, 2));

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(args) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    try { execFileSync(patron, args, { stdio: "pipe" }); } catch { /* exit 1 is a finding, not a failure here */ }
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return `${median(runs).toFixed(0)} ms`;
}
const size = (file) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`;
console.log(`session with 100,000 order lines (${size(`${dir}/session-100k-lines.json`)}):`);
console.log(`  patron render: ${time(["render", "--session", `${dir}/session-100k-lines.json`, "--config", "www/configs/consumer.json"])}`);
console.log(`config with 500 offers (${size(`${dir}/config-10mb.json`)}):`);
console.log(`  patron validate: ${time(["validate", `${dir}/config-10mb.json`])}`);
console.log(`  patron simulate (the 100,000-line session): ${time(["simulate", "--config", `${dir}/config-10mb.json`, "--sessions", `${dir}/session-100k-lines.json`])}`);
