#!/usr/bin/env bash
# Builds the browser package: the release WASM, wasm-bindgen's ES module glue (--target web) with
# the element scripts inlined, wasm-opt, and terser over the JavaScript: three files, patron.js,
# patron_core.js and patron_core_bg.wasm. Installs missing tools first (scripts/setup.sh).
#
#   scripts/build.sh                     the shipped widget (loyalty card, offer banners), into pkg/
#   FEATURES=recommendations OUT=target/pkg-full scripts/build.sh
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
# wasm-bindgen's module is patron_core.js; patron.js (npm/) is the entry that starts it on import.
wasm-bindgen target/wasm32-unknown-unknown/release/patron.wasm --out-dir "$out" --out-name patron_core --target web
# Flattening and re-looping the control flow before two -Oz rounds gives -Oz more to merge: 1.1 %
# smaller gzipped than one -Oz (the shipped module, wasm-opt 132, 2026-11-27). The last pass renames the
# module's imports and exports to "a", "b"…: wasm-bindgen's names carry hashes that do not compress.
# It prints the renaming, which minify-names.mjs applies to the glue.
# A function with one caller is inlined only when tiny: inlining every such function (wasm-opt's
# default) builds one render function of 24 KB (11.7 KB with the limit; scripts/size.sh lists the
# largest functions), which Chromium compiles whole before the first widget can render, however
# little of it the widget runs (about 4 ms in traces, when it was 44 KB). Kept apart, functions are
# compiled when first called, and the shipped module gzips 4.3 % smaller (2026-11-27).
optimise=(--flatten --rereloop -Oz -Oz --one-caller-inline-max-function-size=30
  --strip-producers --strip-target-features
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue
  --minify-imports-and-exports-and-modules)
# A twin of the shipped module that keeps the function names (-g), for scripts/size.sh's list of
# the largest functions: the same passes, so that the sizes it lists are the shipped ones.
mkdir -p target/names
node_modules/.bin/wasm-opt "${optimise[@]}" -g "$out/patron_core_bg.wasm" \
  -o "target/names/$(basename "$out").wasm" > /dev/null
node_modules/.bin/wasm-opt "${optimise[@]}" "$out/patron_core_bg.wasm" -o "$out/patron_core_bg.wasm" > "$out/names.json"
node scripts/minify-names.mjs "$out" "$out/names.json"
rm "$out/names.json"
# The element script and the others (src/web/*.js) go into the glue: no module for the browser to
# discover late, and one gzip stream.
node scripts/inline-snippets.mjs "$out"
cp npm/patron.js npm/patron.d.ts npm/documents.d.ts "$out/"
# package.json for `npm pack`, with the crate's version.
node -e '
  const fs = require("fs");
  const version = /^version = "(.+)"$/m.exec(fs.readFileSync("Cargo.toml", "utf8"))[1];
  const files = ["patron.js", "patron.d.ts", "documents.d.ts", "patron_core.js", "patron_core.d.ts", "patron_core_bg.wasm", "patron_core_bg.wasm.d.ts"];
  fs.writeFileSync(process.argv[1] + "/package.json", JSON.stringify({
    name: "patron",
    version,
    description: "Loyalty card, offers and recommendations for storefronts, computed in the shopper\u0027s browser.",
    license: "MIT OR Apache-2.0",
    type: "module",
    main: "patron.js",
    module: "patron.js",
    types: "patron.d.ts",
    exports: { ".": { types: "./patron.d.ts", default: "./patron.js" } },
    files,
    sideEffects: ["./patron.js", "./patron_core.js"],
  }, null, 2) + "\n");
' "$out"
# Minify the JavaScript the browser downloads; module syntax and export names stay as they are.
while IFS= read -r js; do
  node_modules/.bin/terser "$js" --module --compress --mangle --output "$js"
done < <(find "$out" -name '*.js')
echo "[build] $out/ is ready"
