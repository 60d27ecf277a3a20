#!/usr/bin/env bash
# Times `patron render --placement rewards` on a programme with 10,000 rewards limited per customer
# and a ledger of 100,000 redemptions (issue 32: counting each reward's redemptions scanned them all
# once per reward, 10.5 s); prints the median of 5 runs. Prints, asserts nothing.
#   scripts/bench-rewards.sh [PATRON]     (default: target/release/patron, built first)
set -euo pipefail
cd "$(dirname "$0")/.."
patron=${1:-target/release/patron}
[ -n "${1:-}" ] || cargo build --quiet --release
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node -e '
const fs = require("fs");
const rewards = Array.from({ length: 10000 }, (_, i) => ({ id: `r${i}`, name: { de: `R${i}` }, cost_points: 100 + i,
  reward: { type: "free_shipping" }, limit_per_customer: 3 }));
fs.writeFileSync(process.argv[1] + "/config.json", JSON.stringify({ default_language: "de",
  programme: { name: { de: "X" }, currency: "EUR", earn: { points_per_unit: 1 }, rewards } }));
const redeemed = Array.from({ length: 100000 }, (_, i) => ({ reward_id: `r${i % 10000}`, on: "2026-01-01" }));
fs.writeFileSync(process.argv[1] + "/session.json", JSON.stringify({ customer: { id: "c1" },
  consent: { personalisation: true }, currency: "EUR", orders: [], now: "2026-12-01T10:00:00+01:00",
  points: { balance: 500, redeemed } }));
' "$dir"
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$patron" render --placement rewards --session "$dir/session.json" --config "$dir/config.json" > /dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "patron render --placement rewards, 10,000 limited rewards, 100,000 redemptions: median ${median} ms of 5 (${times[*]})"
