#!/usr/bin/env bash
# Quick start, first command: builds the WASM package and serves the demo storefront (and the marketer
# playground at /playground.html) on localhost.
# The demo runs on its built-in sample data (www/sessions, www/configs). PORT=9000 picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
# The shipped package, which the storefront runs: loyalty card, offer banners and recommendations.
bash scripts/build.sh
# The marketer playground (/playground.html) runs a build with banners and its own exports.
FEATURES=playground OUT=target/pkg-playground bash scripts/build.sh
bash scripts/demo-model.sh
exec node scripts/serve.mjs
