#!/usr/bin/env bash
# Quick start, first command: builds the WASM package and serves the demo storefront (and the marketer
# playground at /playground.html, and the book at /book/) on localhost.
# The demo runs on its built-in sample data (www/sessions, www/configs). PORT=9000 picks another port.
#
#   scripts/demo.sh               builds what changed since the last build, then serves
#   scripts/demo.sh --build-only  builds what changed, and stops there (scripts/test.sh)
#   scripts/demo.sh --status      says whether a build is due, and builds nothing
#
# The builds are skipped when the inputs are the ones the last build was made from: a SHA-256 over the
# contents (not the times: a `git checkout` or a fresh clone resets those) of every file git tracks or
# would track under the sources, the lock files, the build scripts and the sample catalogue, with
# their names. The digest is written to target/demo/inputs.sha256 after a build that succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=serve
case "${1:-}" in
  "") ;;
  --build-only) mode=build ;;
  --status) mode=status ;;
  *) echo "demo.sh: unknown argument $1 (expected --build-only or --status)" >&2; exit 2 ;;
esac

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }

# What the three builds read: the crate, the package's JavaScript and types, the npm tools that
# build it, the scripts, and the catalogue the demo model is built from.
inputs=(Cargo.toml Cargo.lock build.rs src npm package.json package-lock.json scripts www/catalogue)
stamp=target/demo/inputs.sha256

# The files, one per line: tracked or untracked-but-not-ignored in a git checkout (build output is
# ignored), every file elsewhere (an unpacked archive).
input_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- "${inputs[@]}"
  else
    find "${inputs[@]}" -type f
  fi
}

digest() {
  {
    # The compiler too: another toolchain builds another module from the same sources.
    rustc --version
    # A file listed but deleted in the work tree (git still tracks it) counts as absent.
    input_files | LC_ALL=C sort -u | while IFS= read -r file; do
      if [ -f "$file" ]; then sha256sum -- "$file"; else echo "absent  $file"; fi
    done
  } | sha256sum | cut -d' ' -f1
}

# The build outputs the demo serves: without any of them, the inputs' digest says nothing.
built() {
  [ -f pkg/patron.js ] && [ -f target/pkg-playground/patron_core.js ] && [ -f target/demo/model.ptrm ]
}

current=$(digest)
if built && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$current" ]; then
  say "up to date: the sources are those of the last build, nothing to build"
  [ "$mode" = status ] && exit 0
else
  if [ "$mode" = status ]; then
    say "a build is due: the sources changed since the last build, or nothing was built yet"
    exit 1
  fi
  rm -f "$stamp"
  # The shipped package, which the storefront runs: loyalty card, offer banners and recommendations.
  bash scripts/build.sh
  # The marketer playground (/playground.html) runs a build with banners and its own exports.
  FEATURES=playground OUT=target/pkg-playground bash scripts/build.sh
  bash scripts/demo-model.sh
  mkdir -p target/demo
  echo "$current" > "$stamp"
fi

# The book (docs/, mdBook), on its own digest: a change to the manual rebuilds the book alone, and a
# change to the code does not rebuild the book.
book_stamp=target/demo/book.sha256
book_digest() {
  { mdbook --version; git ls-files --cached --others --exclude-standard -- docs 2>/dev/null | LC_ALL=C sort \
      | while IFS= read -r file; do sha256sum -- "$file"; done; } | sha256sum | cut -d' ' -f1
}
bash scripts/setup.sh --book
book_now=$(book_digest)
if [ -f target/book/index.html ] && [ -f "$book_stamp" ] && [ "$(cat "$book_stamp")" = "$book_now" ]; then
  say "the book is up to date"
else
  say "building the book (docs/ → target/book/)"
  mdbook build docs >/dev/null
  mkdir -p target/demo
  echo "$book_now" > "$book_stamp"
fi

[ "$mode" = build ] && exit 0
exec node scripts/serve.mjs
