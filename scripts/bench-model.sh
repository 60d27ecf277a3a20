#!/usr/bin/env bash
# `patron model build` on 1×, 4× and 16× The Complete Journey's export (scripts/replicate-orders.mjs:
# each copy its own customers and orders, shifted an hour per copy, 30 % of its products under new
# SKUs), printing lines per second and peak resident memory (GNU time) for each. Not part of the
# test command: the 16× export is 23 M lines (about 1.3 GB) and takes a few minutes in all.
#   scripts/bench-model.sh           1, 4 and 16 copies
#   TIMES="1 2" scripts/bench-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-model
mkdir -p "$dir"
bash scripts/dunnhumby.sh > /dev/null
cargo build --release --quiet
printf '%-8s %12s %10s %14s %12s\n' "export" "lines" "time" "lines per s" "peak memory"
for times in ${TIMES:-1 4 16}; do
  orders="$dir/orders-$times.csv"
  if [ "$times" = 1 ]; then
    orders=target/dunnhumby/orders.csv
  elif [ ! -s "$orders" ]; then
    node scripts/replicate-orders.mjs --orders target/dunnhumby/orders.csv --times "$times" --out "$orders" 2> /dev/null
  fi
  lines=$(($(wc -l < "$orders") - 1))
  /usr/bin/time -f "%e %M" -o "$dir/$times.time" \
    target/release/patron model build --orders "$orders" --out "$dir/model-$times.ptrm" > "$dir/$times.txt"
  read -r seconds kilobytes < "$dir/$times.time"
  awk -v t="$times" -v l="$lines" -v s="$seconds" -v k="$kilobytes" \
    'BEGIN { printf "%-8s %12d %8.1f s %14.0f %9.0f MB\n", t "×", l, s, l / s, k / 1024 }'
done
