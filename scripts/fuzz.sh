#!/usr/bin/env bash
# Fuzzes the parsers and evaluators with cargo fuzz (libFuzzer), ten million executions per target,
# then prints the executions, the time and the crashes found per target. Not part of scripts/test.sh:
# run it by hand or on a schedule (the book, internals/figures.md, says how long it takes).
#
#   scripts/fuzz.sh                 10,000,000 executions per target
#   RUNS=100000 scripts/fuzz.sh     a quick look
#
# The targets (fuzz/fuzz_targets/): session parsing (the full orders and the compact history) and
# the card, config parsing and validation (rewards, ways to earn and badges included), model loading
# and scoring, offer evaluation, and the rewards panel with its words. The corpus in fuzz/corpus/ is committed and grows with each run
# (minimised by `cargo fuzz cmin`); a crash leaves its input in fuzz/artifacts/TARGET/, and every
# crash found becomes a regression test in tests/.
#
# Sanitizer "none" runs on the stable toolchain (the only one this project installs): libFuzzer's
# coverage guidance works; AddressSanitizer, which needs nightly, is not needed for safe Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10000000}
if ! command -v cargo-fuzz >/dev/null 2>&1 || [ "$(cargo fuzz --version | awk '{print $2}')" != "0.13.2" ]; then
  echo "[fuzz] installing cargo-fuzz 0.13.2 (about a minute, once)"
  cargo install cargo-fuzz --version 0.13.2 --locked --force
fi
bash scripts/demo-model.sh >/dev/null
cp -n target/demo/model.ptrm fuzz/corpus/model/demo.ptrm 2>/dev/null || true

cargo fuzz build -s none --release
summary=""
for target in session config model offers rewards; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="target/fuzz-$target.log"
  status=0
  started=$(date +%s)
  cargo fuzz run -s none --release "$target" -- -runs="$runs" -print_final_stats=1 >"$log" 2>&1 || status=$?
  seconds=$(($(date +%s) - started))
  executed=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  crashes=$(find "fuzz/artifacts/$target" -type f | wc -l)
  summary+=$(printf '%-8s %12s executions in %ss, %s crashes%s' "$target" "$executed" "$seconds" "$crashes" \
    "$([ "$status" = 0 ] || echo " (exit $status, see $log)")")$'\n'
  # Keep the committed corpus small: only the inputs that add coverage.
  cargo fuzz cmin -s none --release "$target" >/dev/null 2>&1 || true
done
echo
echo "[fuzz] $runs executions per target:"
printf '%s' "$summary"
