#!/usr/bin/env bash
# Fetches the CDNOW summary tables that the PyPI package `lifetimes` ships in its wheel, for the test
# that holds Patron's customer-lifetime-value fits to the published ones (issue 18):
#   target/cdnow/cdnow_customers_summary.csv                    ID,frequency,recency,T (weeks)
#   target/cdnow/cdnow_customers_summary_with_transactions.csv  ID,x,t_x,T,zbar
# Nothing is committed; scripts/test.sh runs this before the native tests (a 2 MB download, once).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=target/cdnow
if [ -s "$dir/cdnow_customers_summary.csv" ] && [ -s "$dir/cdnow_customers_summary_with_transactions.csv" ]; then
  exit 0
fi
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/pip" ]; then
  python3 -m venv "$dir/venv"
fi
"$dir/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps "lifetimes==0.11.3" -d "$dir"
rm -rf "$dir/wheel"
"$dir/venv/bin/python" -m zipfile -e "$dir"/[Ll]ifetimes-0.11.3-*.whl "$dir/wheel"
cp "$dir/wheel/lifetimes/datasets/cdnow_customers_summary.csv" \
  "$dir/wheel/lifetimes/datasets/cdnow_customers_summary_with_transactions.csv" "$dir/"
rm -rf "$dir/wheel"
echo "[cdnow] $dir/ is ready"
