#!/usr/bin/env bash
# Fuzzes the parsers and evaluators with cargo fuzz (libFuzzer) for a set time per target, then
# prints the executions per target and the crashes found. Not part of scripts/test.sh: run it by hand
# or on a schedule.
#
#   scripts/fuzz.sh            60 seconds per target
#   SECONDS_PER_TARGET=600 scripts/fuzz.sh
#
# The targets (fuzz/fuzz_targets/): session parsing, config parsing and validation, model loading and
# scoring, offer evaluation. The corpus in fuzz/corpus/ is committed and grows with each run
# (minimised by `cargo fuzz cmin`); a crash leaves its input in fuzz/artifacts/TARGET/, and every
# crash found becomes a regression test in tests/.
#
# Sanitizer "none" runs on the stable toolchain (the only one this project installs): libFuzzer's
# coverage guidance works; AddressSanitizer, which needs nightly, is not needed for safe Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SECONDS_PER_TARGET:-60}
if ! command -v cargo-fuzz >/dev/null 2>&1 || [ "$(cargo fuzz --version | awk '{print $2}')" != "0.13.2" ]; then
  echo "[fuzz] installing cargo-fuzz 0.13.2 (about a minute, once)"
  cargo install cargo-fuzz --version 0.13.2 --locked --force
fi
bash scripts/demo-model.sh >/dev/null
cp -n target/demo/model.ptrm fuzz/corpus/model/demo.ptrm 2>/dev/null || true

cargo fuzz build -s none --release
summary=""
for target in session config model offers; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="target/fuzz-$target.log"
  status=0
  cargo fuzz run -s none --release "$target" -- -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  crashes=$(find "fuzz/artifacts/$target" -type f | wc -l)
  summary+=$(printf '%-8s %12s executions in %ss, %s crashes%s' "$target" "$runs" "$seconds" "$crashes" \
    "$([ "$status" = 0 ] || echo " (exit $status, see $log)")")$'\n'
  # Keep the committed corpus small: only the inputs that add coverage.
  cargo fuzz cmin -s none --release "$target" >/dev/null 2>&1 || true
done
echo
echo "[fuzz] $seconds seconds per target:"
printf '%s' "$summary"
