#!/usr/bin/env bash
# How much a session weighs in the page, full orders against the compact history (issue 17), on
# The Complete Journey (scripts/dunnhumby.sh fetches it; nothing is committed): every household's
# session from `patron session --all`, with consent, in both forms; prints the median, the top tenth
# and the heaviest household (1111: 162 orders, 4,189 lines), raw and gzipped (-9), and how long
# `patron session --all` took and how much memory it held; then checks, on the first 500
# households, that both forms give the same card, offers and recommendations (tests/history.rs).
#   scripts/session-sizes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/dunnhumby.sh
cargo build --release --quiet --bin patron
dir=target/sessions
mkdir -p "$dir"
orders=target/dunnhumby/orders.csv
# Every household consents: the sizes are of the history itself.
{ echo "customer_id,consent_personalisation"; tail -n +2 "$orders" | cut -d, -f1 | sort -u | sed 's/$/,true/'; } > "$dir/profile.csv"
for form in compact full; do
  flag=""
  [ "$form" = full ] && flag="--full"
  /usr/bin/time -f "%e %M" -o "$dir/$form.time" \
    target/release/patron session --orders "$orders" --all --profile "$dir/profile.csv" $flag > "$dir/$form.jsonl"
done
python3 - "$dir" <<'PY'
import gzip, json, statistics, sys
dir = sys.argv[1]
def sizes(form):
    out = {}
    for line in open(f"{dir}/{form}.jsonl", encoding="utf-8"):
        data = line.rstrip("\n").encode()
        out[json.loads(line)["customer"]["id"]] = (len(data), len(gzip.compress(data, 9)))
    return out
full, compact = sizes("full"), sizes("compact")
def at(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]
print(f"sessions of {len(full)} households of The Complete Journey, bytes (gzip -9):")
print(f"  {'':>10} {'full orders':>22} {'compact history':>22}")
for label, pick in [("median", lambda d, i: statistics.median(v[i] for v in d.values())),
                    ("top tenth", lambda d, i: at([v[i] for v in d.values()], 0.9)),
                    ("heaviest", lambda d, i: d["1111"][i])]:
    print(f"  {label:>10} {pick(full, 0):>12,} ({pick(full, 1):>6,}) {pick(compact, 0):>12,} ({pick(compact, 1):>6,})")
for form in ("compact", "full"):
    seconds, kilobytes = open(f"{dir}/{form}.time").read().split()
    print(f"  patron session --all ({form}): {float(seconds):.1f} s, {int(kilobytes) / 1024:.0f} MB resident at most")
PY
echo
echo "both forms give the same card, offers and recommendations (500 households, 3 moments):"
cargo test --release --test lib history::the_complete_journeys 2>&1 | grep -E "test result|panicked|skipped"
