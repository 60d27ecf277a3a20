#!/usr/bin/env bash
# Prints the gzipped size of every file the browser downloads for the widget (the built pkg/ plus any
# stylesheet shipped beside it), and the total against the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb=${PATRON_SIZE_BUDGET_KB:-60}
if [ ! -f pkg/patron_bg.wasm ]; then
  echo "size.sh: pkg/ is not built; run scripts/build.sh first" >&2
  exit 1
fi
total=0
printf '%-40s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r file; do
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-40s %10d %10d\n' "$file" "$raw" "$gz"
done < <(find pkg -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | sort)
printf '%-40s %10s %10d  (%.1f KB of the %d KB budget)\n' "total downloaded by the browser" "" "$total" "$(awk -v t="$total" 'BEGIN { print t / 1024 }')" "$budget_kb"
if [ "$total" -gt $((budget_kb * 1024)) ]; then
  echo "size.sh: over the ${budget_kb} KB budget" >&2
  exit 1
fi
