#!/usr/bin/env bash
# Builds the demo storefront's recommendation model from the sample catalogue in www/catalogue/ into
# target/demo/model.ptrm, which scripts/serve.mjs serves at /catalogue/model.ptrm.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/demo
cargo run --quiet -- model build \
  --orders www/catalogue/orders.csv --products www/catalogue/products.csv --out target/demo/model.ptrm
