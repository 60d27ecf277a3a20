#!/usr/bin/env bash
# Prints the gzipped size of every file the browser downloads for the widget (the built package:
# WASM and JavaScript; the styles live inside the WASM), and the total against the budget; then the
# module's largest functions (twiggy, on the named twin of the module that scripts/build.sh keeps in
# target/names/), so that a comment's claim about what some code costs can be checked.
# A figure, not a test: it exits 1 only when the package is not built.
#   TOP=40 scripts/size.sh     lists 40 functions instead of 15
#   scripts/size.sh [DIR]     (default: pkg)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-pkg}
budget_kb=${PATRON_SIZE_BUDGET_KB:-60}
if [ ! -f "$dir/patron_core_bg.wasm" ]; then
  echo "size.sh: $dir/ is not built; run scripts/build.sh first" >&2
  exit 1
fi
total=0
printf '%-52s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r file; do
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-52s %10d %10d\n' "$file" "$raw" "$gz"
done < <(find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | sort)
verdict="within"
[ "$total" -le $((budget_kb * 1024)) ] || verdict="OVER"
printf '%-52s %10s %10d  (%s KB: %s the %d KB budget)\n' "total downloaded by the browser" "" "$total" \
  "$(awk -v t="$total" 'BEGIN { printf "%.1f", t / 1024 }')" "$verdict" "$budget_kb"
named="target/names/$(basename "$dir").wasm"
if [ -f "$named" ] && command -v twiggy >/dev/null 2>&1; then
  echo
  echo "largest functions of $dir/patron_core_bg.wasm (bytes before gzip; twiggy top on $named):"
  twiggy top -n "${TOP:-15}" "$named" | sed 's/^/  /'
fi

