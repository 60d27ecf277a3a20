#!/usr/bin/env bash
# Builds the browser package: the release WASM, wasm-bindgen's ES module glue (--target web), a
# wasm-opt -Oz pass, and terser over the JavaScript. Installs missing tools first (scripts/setup.sh).
#
#   scripts/build.sh                     the shipped widget, into pkg/
#   FEATURES=banners OUT=target/pkg-banners scripts/build.sh
#                                        a build with extra cargo features, elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-pkg}
features=${FEATURES:-}
bash scripts/setup.sh
if [ -n "$features" ]; then
  cargo build --release --lib --target wasm32-unknown-unknown --quiet --features "$features"
else
  cargo build --release --lib --target wasm32-unknown-unknown --quiet
fi
rm -rf "$out"
wasm-bindgen target/wasm32-unknown-unknown/release/patron.wasm --out-dir "$out" --target web
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/patron_bg.wasm" -o "$out/patron_bg.wasm"
# Minify the JavaScript the browser downloads; module syntax and export names stay as they are.
while IFS= read -r js; do
  node_modules/.bin/terser "$js" --module --compress --mangle --output "$js"
done < <(find "$out" -name '*.js')
echo "[build] $out/ is ready"
