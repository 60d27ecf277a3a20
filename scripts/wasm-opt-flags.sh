# wasm-opt's flags, in one place for scripts/build.sh and scripts/build-session.sh (sourced by both).

# The WebAssembly features rustc's wasm32 output uses: wasm-opt must be told of them to read the module.
wasm_features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# The browser package's modules (build.sh).
# Flattening and re-looping the control flow before two -Oz rounds gives -Oz more to merge: 1.1 %
# smaller gzipped than one -Oz (the shipped module, wasm-opt 132, 2026-11-27). The last pass renames the
# module's imports and exports to "a", "b"…: wasm-bindgen's names carry hashes that do not compress.
# It prints the renaming, which minify-names.mjs applies to the glue.
# A function with one caller is inlined only when tiny: inlining every such function (wasm-opt's
# default) builds one render function of 24 KB (11.7 KB with the limit; scripts/size.sh lists the
# largest functions), which Chromium compiles whole before the first widget can render, however
# little of it the widget runs (about 4 ms in traces, when it was 44 KB). Kept apart, functions are
# compiled when first called, and the shipped module gzips 4.3 % smaller (2026-11-27).
# --low-memory-unused: Rust's stack sits below the data, and never reaches its lowest kilobyte at
# Patron's depths (190 bytes gzipped, 2026-11-28).
optimise_browser=(--low-memory-unused --flatten --rereloop -Oz -Oz --one-caller-inline-max-function-size=30
  --strip-producers --strip-target-features
  "${wasm_features[@]}"
  --minify-imports-and-exports-and-modules)

# The server's session builder for Node.js (build-session.sh): smaller and faster to instantiate; a
# server does not care much, a serverless cold start does.
optimise_session=(-Oz "${wasm_features[@]}")
