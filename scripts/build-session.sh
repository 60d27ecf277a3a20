#!/usr/bin/env bash
# Builds the server's session builder for Node.js, the npm package patron-session, into pkg-session/:
# the crate with its `node` feature (the session's decoder and the compact history's encoder, no
# browser layer), wasm-bindgen's CommonJS glue for Node (--target nodejs), and npm/session/'s
# wrapper, which checks the call's shape. scripts/build.sh runs it after the browser package.
#   scripts/build-session.sh     (OUT=dir to build elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT_SESSION:-pkg-session}
rm -rf "$out"
mkdir -p "$out"
cargo build --release --lib --target wasm32-unknown-unknown --quiet --no-default-features --features node
wasm-bindgen target/wasm32-unknown-unknown/release/patron.wasm --out-dir "$out" --out-name patron_session \
  --target nodejs --no-typescript
# Smaller and faster to instantiate (optimise_session, scripts/wasm-opt-flags.sh).
source scripts/wasm-opt-flags.sh
node_modules/.bin/wasm-opt "${optimise_session[@]}" "$out/patron_session_bg.wasm" -o "$out/patron_session_bg.wasm"
# package.json: npm/session/package.json, committed (its version is the crate's: tests/packages.rs).
cp npm/session/index.js npm/session/index.d.ts npm/session/package.json npm/documents.d.ts "$out/"
echo "[build] $out/ is ready ($(gzip -9 -c "$out/patron_session_bg.wasm" | wc -c) bytes of WASM gzipped)"
