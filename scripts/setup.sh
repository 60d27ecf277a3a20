#!/usr/bin/env bash
# Installs, when missing, every tool the build and the tests need, from the package registries only:
#   - the wasm32-unknown-unknown target (rustup)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (crates.io)
#   - wasm-opt from the npm package `binaryen` (Debian's binaryen is too old for current rustc output)
#   - twiggy (crates.io), which scripts/size.sh uses to list the module's largest functions
#   - with --browser: Debian's chromium and chromium-driver, for the browser tests
#   - with --engines: the two other engines (issue 30): Debian's firefox-esr, webkit2gtk-driver
#     (WebKitWebDriver and WebKitGTK's MiniBrowser) and xvfb (MiniBrowser has no headless mode), and
#     geckodriver (crates.io), for the browser tests in Firefox and the smoke test e2e/engines.mjs
#   - with --shopify: Debian's ruby and ruby-liquid (Shopify's Liquid), for the Shopify kit's tests
#   - with --book: mdBook (crates.io, pinned), which builds the manual in docs/ (issue 31)
#   - with --spark: Debian's Java runtime (default-jre-headless, Java 17 or newer) and PySpark from
#     PyPI in target/spark/venv, for the Spark job's check (kits/spark/)
# Safe to run again: each step checks first and does nothing when the tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_engines=0
want_shopify=0
want_spark=0
want_book=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --engines) want_engines=1 ;;
    --shopify) want_shopify=1 ;;
    --spark) want_spark=1 ;;
    --book) want_book=1 ;;
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

# npm devDependencies (binaryen for wasm-opt, esbuild and terser, playwright-core and axe-core for
# end-to-end tests, json-schema-to-typescript and typescript for the declarations and the element
# scripts' types) are pinned by package-lock.json and installed into node_modules/.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm devDependencies (wasm-opt)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The book's builder, at one version: its HTML (and so the link check) is the same on every machine.
mdbook_version=0.5.4
if [ "$want_book" = 1 ] && { ! command -v mdbook >/dev/null 2>&1 || [ "$(mdbook --version | awk '{print $2}')" != "v$mdbook_version" ]; }; then
  say "installing mdbook $mdbook_version (takes a few minutes, once)"
  cargo install mdbook --version "$mdbook_version" --locked
fi

if [ "$want_browser" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing Debian's chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [ "$want_engines" = 1 ]; then
  # (MiniBrowser comes with WebKitWebDriver's library, libwebkit2gtk-4.1-0.)
  if ! command -v firefox-esr >/dev/null 2>&1 || ! command -v WebKitWebDriver >/dev/null 2>&1 \
    || ! command -v Xvfb >/dev/null 2>&1; then
    say "installing Debian's firefox-esr, webkit2gtk-driver and xvfb"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
  # Mozilla's WebDriver server for Firefox, built from its crate (Debian does not package it).
  geckodriver_version=0.37.1
  if ! command -v geckodriver >/dev/null 2>&1 || [ "$(geckodriver --version | awk 'NR == 1 {print $2}')" != "$geckodriver_version" ]; then
    say "installing geckodriver $geckodriver_version (takes a few minutes, once)"
    cargo install geckodriver --version "$geckodriver_version" --locked
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

if [ "$want_spark" = 1 ]; then
  java_major=$(java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }' || true)
  if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
    say "installing Debian's Java runtime (default-jre-headless)"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >/dev/null
  fi
  pyspark_version=4.3.0
  if ! target/spark/venv/bin/python -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" >/dev/null 2>&1; then
    say "installing PySpark $pyspark_version into target/spark/venv (a 450 MB download, once)"
    python3 -m venv target/spark/venv
    target/spark/venv/bin/pip install --quiet "pyspark==$pyspark_version"
  fi
fi
