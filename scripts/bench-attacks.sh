#!/usr/bin/env bash
# Times `patron validate` on the four documents the limits refuse whole (issue 32: a mistake costs
# only its part, but an attack is still refused whole, in the time it took before): text that is not
# JSON (3.7 MB), a document over 10 MiB, nesting far past the limit, 501 offers. With a second
# command line (an older build), runs the two in turn, pair by pair, and prints each one's median of
# 21 runs and the median of the ratios. Prints, asserts nothing.
#   scripts/bench-attacks.sh [PATRON] [BASELINE_PATRON]     (default: target/release/patron, built first)
set -euo pipefail
cd "$(dirname "$0")/.."
patron=${1:-target/release/patron}
baseline=${2:-}
[ -n "${1:-}" ] || cargo build --quiet --release --bin patron
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node -e '
const fs = require("fs");
const dir = process.argv[1];
const base = JSON.parse(fs.readFileSync("www/configs/consumer.json", "utf8"));
const offer = base.offers[6];
const offers = (n, text) => Array.from({ length: n }, (_, i) => ({ ...offer, id: `o${i}`, ...(text ? { body: { de: "x".repeat(text), en: "y".repeat(text) } } : {}) }));
const notJson = JSON.stringify({ ...base, offers: offers(450, 4000) });
fs.writeFileSync(`${dir}/not-json.json`, notJson.slice(0, -1) + "x");
fs.writeFileSync(`${dir}/over-10-mib.json`, JSON.stringify({ ...base, offers: offers(600, 9000) }));
fs.writeFileSync(`${dir}/too-deep.json`, `{"default_language":${"[".repeat(200000)}${"]".repeat(200000)}}`);
fs.writeFileSync(`${dir}/501-offers.json`, JSON.stringify({ ...base, offers: offers(501, 0) }));
' "$dir"
# ms COMMAND…: one run's wall time in milliseconds (the command fails: it is refused).
ms() {
  local start
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  echo $(( ($(date +%s%N) - start) / 100000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for attack in not-json over-10-mib too-deep 501-offers; do
  a=() b=() r=()
  for _ in $(seq 21); do
    x=$(ms "$patron" validate "$dir/$attack.json")
    a+=("$x")
    if [ -n "$baseline" ]; then
      y=$(ms "$baseline" validate "$dir/$attack.json")
      b+=("$y")
      r+=("$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.3f", x / (y > 0 ? y : 1) }')")
    fi
  done
  line="$attack: median $(printf '%s\n' "${a[@]}" | median | awk '{ printf "%.1f", $1 / 10 }') ms"
  if [ -n "$baseline" ]; then
    line+=", baseline $(printf '%s\n' "${b[@]}" | median | awk '{ printf "%.1f", $1 / 10 }') ms, ratio $(printf '%s\n' "${r[@]}" | median)"
  fi
  echo "$line"
done
