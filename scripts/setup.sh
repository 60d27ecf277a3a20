#!/usr/bin/env bash
# Installs, when missing, every tool the build and the tests need, from the package registries only:
#   - the wasm32-unknown-unknown target (rustup)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (crates.io)
#   - wasm-opt from the npm package `binaryen` (Debian's binaryen is too old for current rustc output)
#   - twiggy (crates.io), which scripts/size.sh uses to list the module's largest functions
#   - with --browser: Debian's chromium and chromium-driver, for the browser tests
#   - with --shopify: Debian's ruby and ruby-liquid (Shopify's Liquid), for the Shopify kit's tests
# Safe to run again: each step checks first and does nothing when the tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_shopify=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --shopify) want_shopify=1 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Cargo.lock is committed, so this is the version the crate actually links against; the CLI must match
# it exactly or wasm-bindgen refuses to process the module.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  echo "setup.sh: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (takes a few minutes, once)"
  # --locked currently fails to resolve one of its dependencies, so the CLI resolves afresh.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

twiggy_version=0.8.0
if ! command -v twiggy >/dev/null 2>&1 || [ "$(twiggy --version | awk '{print $2}')" != "$twiggy_version" ]; then
  say "installing twiggy $twiggy_version (takes a few minutes, once)"
  cargo install twiggy --version "$twiggy_version" --locked
fi

# npm devDependencies (binaryen for wasm-opt, terser, playwright-core and axe-core for end-to-end
# tests, json-schema-to-typescript and typescript for the declarations) are pinned by
# package-lock.json and installed into node_modules/.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm devDependencies (wasm-opt)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_browser" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing Debian's chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [ "$want_shopify" = 1 ]; then
  if ! command -v ruby >/dev/null 2>&1 || ! ruby -e 'require "liquid"' >/dev/null 2>&1; then
    say "installing Debian's ruby and ruby-liquid"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    # ruby-liquid does not pull in the interpreter itself.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ruby ruby-liquid >/dev/null
  fi
fi
