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
# Smaller and faster to instantiate; a server does not care much, a serverless cold start does.
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/patron_session_bg.wasm" -o "$out/patron_session_bg.wasm"
cp npm/session/index.js npm/session/index.d.ts npm/documents.d.ts "$out/"
node -e '
  const fs = require("fs");
  const version = /^version = "(.+)"$/m.exec(fs.readFileSync("Cargo.toml", "utf8"))[1];
  fs.writeFileSync(process.argv[1] + "/package.json", JSON.stringify({
    name: "patron-session",
    version,
    description: "Builds the session document for Patron\u0027s storefront widget on the shop\u0027s server (Node.js).",
    license: "MIT OR Apache-2.0",
    main: "index.js",
    types: "index.d.ts",
    engines: { node: ">=18" },
    files: ["index.js", "index.d.ts", "documents.d.ts", "patron_session.js", "patron_session_bg.wasm"],
  }, null, 2) + "\n");
' "$out"
echo "[build] $out/ is ready ($(gzip -9 -c "$out/patron_session_bg.wasm" | wc -c) bytes of WASM gzipped)"
