#!/usr/bin/env bash
# Prints the gzipped size of every file of the built package the browser may download (WASM and
# JavaScript; the styles live inside the WASM), then what each kind of page downloads of Patron's
# code against its budget, then each module's largest functions (twiggy, on the named twin of the
# module that scripts/build.sh keeps in target/names/), so that a comment's claim about what some
# code costs can be checked.
#   scripts/size.sh [DIR]     (default: pkg)
#   TOP=40 scripts/size.sh    lists 40 functions per module instead of 15
# Exits 1 when the package is not built, or when a page of the shipped package is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-pkg}
if [ ! -f "$dir/patron_core_bg.wasm" ]; then
  echo "size.sh: $dir/ is not built; run scripts/build.sh first" >&2
  exit 1
fi
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

printf '%-44s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r file; do
  printf '%-44s %10d %10d\n' "$file" "$(wc -c < "$file")" "$(gz "$file")"
done < <(find "$dir" -type f \( -name '*.wasm' -o -name '*.js' \) | sort)

# page LABEL BUDGET_KB FILE…: what a kind of page downloads; a budget of 0 is none. Sets $total.
over=0
page() {
  local label=$1 budget=$2 file
  total=0
  shift 2
  for file in "$@"; do total=$((total + $(gz "$dir/$file"))); done
  if [ "$budget" = 0 ]; then
    printf '%-44s %21d  (%s KB)\n' "$label" "$total" "$(kb "$total")"
  elif [ "$total" -le $((budget * 1024)) ]; then
    printf '%-44s %21d  (%s KB: within the %d KB budget)\n' "$label" "$total" "$(kb "$total")" "$budget"
  else
    printf '%-44s %21d  (%s KB: OVER the %d KB budget)\n' "$label" "$total" "$(kb "$total")" "$budget"
    over=1
  fi
}
echo
echo "what a page downloads of Patron's code (gzip -9; not the config, the session or the model):"
if [ -f "$dir/patron_full_bg.wasm" ]; then
  # The budgets of DEVELOPERS.md (issue 30 adds the page with both): each page pays for what it shows.
  page "a page with the card and banners" 64 patron.js patron_core.js patron_core_bg.wasm
  page "a page that also shows the rewards panel" 76 patron.js patron_rewards.js patron_rewards_bg.wasm
  page "a page that also shows recommendations" 78 patron.js patron_full.js patron_full_bg.wasm
  page "a page with recommendations and rewards" 90 patron.js patron_full_rewards.js patron_full_rewards_bg.wasm
  page "a carousel added later: the second download" 0 patron_full.js patron_full_bg.wasm
  page "a rewards panel added later: the second one" 0 patron_rewards.js patron_rewards_bg.wasm
  [ -f "$dir/patron_lenient_bg.wasm" ] &&
    page "a config or session with a problem: the recovery module" 0 patron_lenient.js patron_lenient_bg.wasm
else
  page "this build" 0 $(cd "$dir" && ls patron.js 2>/dev/null) patron_core.js patron_core_bg.wasm
fi

if command -v twiggy >/dev/null 2>&1; then
  for module in patron_core patron_rewards patron_full patron_full_rewards patron_lenient; do
    named="target/names/$(basename "$dir")-$module.wasm"
    [ -f "$named" ] && [ -f "$dir/${module}_bg.wasm" ] || continue
    echo
    echo "largest functions of $dir/${module}_bg.wasm (bytes before gzip; twiggy top on $named):"
    twiggy top -n "${TOP:-15}" "$named" | sed 's/^/  /'
  done
fi
exit "$over"
