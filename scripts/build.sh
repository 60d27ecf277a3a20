#!/usr/bin/env bash
# Builds the browser package: for each module, the release WASM, wasm-bindgen's ES module glue
# (--target web) with the element scripts inlined, and wasm-opt; then terser over the JavaScript.
# Installs missing tools first (scripts/setup.sh).
#
#   scripts/build.sh      the shipped package, into pkg/: the entry patron.js and four builds of the
#                         module, patron_core (the loyalty card and the offer banners), patron_full
#                         (the same with the recommendations carousel), patron_rewards (with the
#                         rewards panel) and patron_full_rewards (with both); a page downloads one of
#                         them (npm/patron.js chooses; README, "Architecture")
#   FEATURES=playground OUT=target/pkg-playground scripts/build.sh
#                         one module, patron_core, with other cargo features, elsewhere
#   EXTRA_FEATURES=F OUT=target/measure scripts/build.sh
#                         the package with more cargo features in every build (to measure what they
#                         cost: scripts/compare-builds.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-pkg}
bash scripts/setup.sh
rm -rf "$out"
mkdir -p "$out" target/names

# Flattening and re-looping the control flow before two -Oz rounds gives -Oz more to merge: 1.1 %
# smaller gzipped than one -Oz (the shipped module, wasm-opt 132, 2026-11-27). The last pass renames the
# module's imports and exports to "a", "b"…: wasm-bindgen's names carry hashes that do not compress.
# It prints the renaming, which minify-names.mjs applies to the glue.
# A function with one caller is inlined only when tiny: inlining every such function (wasm-opt's
# default) builds one render function of 24 KB (11.7 KB with the limit; scripts/size.sh lists the
# largest functions), which Chromium compiles whole before the first widget can render, however
# little of it the widget runs (about 4 ms in traces, when it was 44 KB). Kept apart, functions are
# compiled when first called, and the shipped module gzips 4.3 % smaller (2026-11-27).
optimise=(--low-memory-unused --flatten --rereloop -Oz -Oz --one-caller-inline-max-function-size=30
  --strip-producers --strip-target-features
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue
  --minify-imports-and-exports-and-modules)

# module NAME [FEATURES]: builds one module into $out as NAME.js and NAME_bg.wasm.
module() {
  local name=$1 features=${2:-}
  if [ -n "$features" ]; then
    cargo build --release --lib --target wasm32-unknown-unknown --quiet --features "$features"
  else
    cargo build --release --lib --target wasm32-unknown-unknown --quiet
  fi
  wasm-bindgen target/wasm32-unknown-unknown/release/patron.wasm --out-dir "$out" --out-name "$name" --target web
  # A twin of the module that keeps the function names (-g), for scripts/size.sh's list of the
  # largest functions: the same passes, so that the sizes it lists are the shipped ones.
  node_modules/.bin/wasm-opt "${optimise[@]}" -g "$out/${name}_bg.wasm" \
    -o "target/names/$(basename "$out")-$name.wasm" > /dev/null
  node_modules/.bin/wasm-opt "${optimise[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm" > "$out/names.json"
  node scripts/minify-names.mjs "$out" "$out/names.json" "$name"
  rm "$out/names.json"
  # The element script and the others (src/web/*.js) go into the glue: no module for the browser to
  # discover late, and one gzip stream.
  node scripts/inline-snippets.mjs "$out" "$name"
}

if [ -n "${FEATURES:-}" ]; then
  module patron_core "$FEATURES"
else
  extra=${EXTRA_FEATURES:+,$EXTRA_FEATURES}
  module patron_core "banners$extra"
  module patron_full "recommendations$extra"
  module patron_rewards "rewards$extra"
  module patron_full_rewards "recommendations,rewards$extra"
fi
cp npm/patron.js npm/patron.d.ts npm/documents.d.ts "$out/"
# package.json for `npm pack`, with the crate's version.
node -e '
  const fs = require("fs");
  const version = /^version = "(.+)"$/m.exec(fs.readFileSync("Cargo.toml", "utf8"))[1];
  const files = ["patron.js", "patron.d.ts", "documents.d.ts"].concat(fs.readdirSync(process.argv[1])
    .filter((f) => /^patron_(core|full|rewards|full_rewards)(\.js|\.d\.ts|_bg\.wasm|_bg\.wasm\.d\.ts)$/.test(f)).sort());
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
    sideEffects: ["./patron.js", "./patron_core.js", "./patron_full.js", "./patron_rewards.js", "./patron_full_rewards.js"],
  }, null, 2) + "\n");
' "$out"
# Minify the JavaScript the browser downloads; module syntax and export names stay as they are.
while IFS= read -r js; do
  node_modules/.bin/terser "$js" --module --compress --mangle --output "$js"
done < <(find "$out" -name '*.js')
echo "[build] $out/ is ready"
# The server's session builder for Node.js (npm/session/), beside the shipped package.
if [ -z "${FEATURES:-}" ] && [ "$out" = pkg ]; then
  bash scripts/build-session.sh
fi
