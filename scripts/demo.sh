#!/usr/bin/env bash
# Quick start, first command: builds the WASM package and serves the demo storefront on localhost.
# The demo runs on its built-in sample data (www/sessions, www/configs). PORT=9000 picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec node scripts/serve.mjs
