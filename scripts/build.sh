#!/usr/bin/env bash
# Builds the browser package into pkg/: the release WASM, wasm-bindgen's ES module glue (--target web)
# and a wasm-opt -Oz pass. Installs missing tools first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build --release --lib --target wasm32-unknown-unknown --quiet
rm -rf pkg
wasm-bindgen target/wasm32-unknown-unknown/release/patron.wasm --out-dir pkg --target web
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/patron_bg.wasm -o pkg/patron_bg.wasm
echo "[build] pkg/ is ready"
