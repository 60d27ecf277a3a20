#!/usr/bin/env bash
# Times `patron report` on The Complete Journey's 1.46 M order lines alone, then with 10 M event lines
# simulated for its households (scripts/simulate-events.mjs), and prints the wall time and the peak
# resident memory of each (GNU time). Both inputs are streamed: memory grows with the orders,
# customers and offers, not with the lines. Not part of the test command (the events file is about
# 1.8 GB and takes a few minutes to write).
#   scripts/bench-report.sh            10 M event lines
#   LINES=1000000 scripts/bench-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${LINES:-10000000}
dir=target/bench-report
mkdir -p "$dir"
bash scripts/dunnhumby.sh > /dev/null
cargo build --release --quiet
orders=target/dunnhumby/orders.csv
key="$dir/secret.key"
[ -s "$key" ] || head -c 32 /dev/urandom | base64 > "$key"
events="$dir/events-$lines.jsonl"
if [ ! -s "$events" ]; then
  echo "[bench-report] simulating $lines event lines into $events" >&2
  node scripts/simulate-events.mjs --orders "$orders" --key "$key" --out "$events" --lines "$lines"
fi

# run NAME ARGS…: the report into $dir/NAME.txt, its time and peak memory into $dir/NAME.time.
run() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$dir/$name.time" target/release/patron report --orders "$orders" --to 2017-12-31 "$@" \
    --out "$dir/$name.txt"
  read -r seconds kilobytes < "$dir/$name.time"
  printf '%-48s %8.1f s %8d MB\n' "$name" "$seconds" "$((kilobytes / 1024))"
}
order_lines=$(($(wc -l < "$orders") - 1))
event_lines=$(wc -l < "$events")
printf '%-48s %10s %11s\n' "patron report on" "time" "peak memory"
run "$order_lines order lines" --format text
run "$order_lines order lines and $event_lines event lines" --events "$events" --analytics-key "$key"
echo
echo "the offers in the report with events (simulated: winter-coupon has a planted effect):"
grep -A4 "^Offers against" "$dir/$order_lines order lines and $event_lines event lines.txt" | tail -n +2
