#!/usr/bin/env bash
# Builds the browser package: for each module, the release WASM, wasm-bindgen's ES module glue
# (--target web) with the element scripts bundled into it (esbuild), and wasm-opt; then terser over
# the JavaScript.
# Installs missing tools first (scripts/setup.sh).
#
#   scripts/build.sh      the shipped package, into pkg/: the entry patron.js and four builds of the
#                         module, patron_core (the loyalty card and the offer banners), patron_full
#                         (the same with the recommendations carousel), patron_rewards (with the
#                         rewards panel) and patron_full_rewards (with both); a page downloads one of
#                         them (npm/patron.js chooses; the book, internals/architecture.md)
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

# wasm-opt's passes (optimise_browser) and why: scripts/wasm-opt-flags.sh.
source scripts/wasm-opt-flags.sh

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
  node_modules/.bin/wasm-opt "${optimise_browser[@]}" -g "$out/${name}_bg.wasm" \
    -o "target/names/$(basename "$out")-$name.wasm" > /dev/null
  node_modules/.bin/wasm-opt "${optimise_browser[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm" > "$out/names.json"
  node scripts/minify-names.mjs "$out" "$out/names.json" "$name"
  rm "$out/names.json"
  # The element scripts (src/web/*.js and the modules of src/web/js/ they import) go into the glue,
  # bundled by esbuild: no module for the browser to discover late, and one gzip stream. Against
  # the inliner it replaced (each script in a closure of its own, which could not import another),
  # each page downloaded 258 to 347 bytes less on the same scripts, and 207 to 364 less with the
  # scripts split by concern (the card and banners page 61,750 → 61,543; the book, internals/architecture.md,
  # "The element scripts"; 2026-12-07).
  node scripts/bundle-snippets.mjs "$out" "$name"
}

if [ -n "${FEATURES:-}" ]; then
  module patron_core "$FEATURES"
else
  extra=${EXTRA_FEATURES:+,$EXTRA_FEATURES}
  module patron_core "banners$extra"
  module patron_full "recommendations$extra"
  module patron_rewards "rewards$extra"
  module patron_full_rewards "recommendations,rewards$extra"
  # The recovery module: loaded only by a page whose config or session has a problem (Cargo.toml).
  module patron_lenient "lenient$extra"
fi
cp npm/patron.js npm/patron.d.ts npm/documents.d.ts "$out/"
# package.json for `npm pack`: npm/package.json, committed (its version is the crate's: cargo test
# checks them, tests/packages.rs).
cp npm/package.json "$out/"
# Minify the JavaScript the browser downloads; module syntax and export names stay as they are.
while IFS= read -r js; do
  node_modules/.bin/terser "$js" --module --compress --mangle --output "$js"
done < <(find "$out" -name '*.js')
echo "[build] $out/ is ready"
# The server's session builder for Node.js (npm/session/), beside the shipped package.
if [ -z "${FEATURES:-}" ] && [ "$out" = pkg ]; then
  bash scripts/build-session.sh
fi
