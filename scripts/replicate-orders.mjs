// Replicates an orders export N times, as a bigger shop's export over the same period would look:
// each copy has its own customers and orders (ids suffixed "~k"), its moments shifted k hours
// earlier, and a share of its products under new SKUs ("SKU~k", the same category), so that the
// catalogue and its co-purchase pairs grow with the copies too. Copy 0 is the export itself. For
// scripts/bench-model.sh; nothing is committed.
//
//   node scripts/replicate-orders.mjs --orders ORDERS.csv --times N --out BIG.csv [--new-share 0.3]
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createHash } from "node:crypto";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
if (!args.orders || !args.times || !args.out) {
  console.error("usage: node scripts/replicate-orders.mjs --orders ORDERS.csv --times N --out BIG.csv [--new-share 0.3]");
  process.exit(2);
}
const times = Number(args.times);
const share = Number(args["new-share"] ?? 0.3);

// Whether `sku` gets a new SKU in copy `k`: a stable draw per product and copy.
const renamed = new Map();
function skuIn(sku, k) {
  if (k === 0) return sku;
  const key = `${sku}~${k}`;
  let fresh = renamed.get(key);
  if (fresh === undefined) {
    fresh = createHash("sha1").update(key).digest().readUInt32BE(0) / 2 ** 32 < share;
    if (renamed.size > 5_000_000) renamed.clear();
    renamed.set(key, fresh);
  }
  return fresh ? key : sku;
}

const out = createWriteStream(args.out);
let header = null;
let columns = null;
let written = 0;
for (let k = 0; k < times; k++) {
  let buffer = "";
  let first = true;
  for await (const line of createInterface({ input: createReadStream(args.orders) })) {
    if (first) {
      first = false;
      if (k === 0) {
        header = line;
        columns = Object.fromEntries(line.split(",").map((name, i) => [name, i]));
        buffer += line + "\n";
      }
      continue;
    }
    if (!line) continue;
    // The export's fields hold no quotes or commas but in the last column (a category), which is
    // copied as it is.
    const cells = line.split(",");
    if (k > 0) {
      cells[columns.customer_id] += `~${k}`;
      cells[columns.order_id] += `~${k}`;
      cells[columns.placed_at] = new Date(Date.parse(cells[columns.placed_at]) - k * 3_600_000).toISOString().replace(".000Z", "Z");
      cells[columns.sku] = skuIn(cells[columns.sku], k);
    }
    buffer += cells.join(",") + "\n";
    written += 1;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once("drain", resolve));
      buffer = "";
    }
  }
  out.write(buffer);
}
out.end();
await new Promise((resolve) => out.on("finish", resolve));
console.error(`replicate-orders: ${written} lines (${times} copies) into ${args.out}; header ${header}`);
