#!/usr/bin/env bash
# Minifies the JavaScript a dist directory sends to browsers, in place (terser, pinned in
# tools/package.json): ES modules (the parts' wasm-bindgen glue with their lazy modules' loader,
# boot.js) with --module, classic scripts (embed.js, which portals include) without it. Names of
# properties and the contents of strings are kept (quotes may change), so `catalogue dist` still
# finds the file names it stamps, and the glue's imports still match the wasm's. The sources stay readable (public/,
# the glue as wasm-bindgen writes it); the service worker is left alone (catalogue dist fills its
# file list in).
# Usage: tools/minify.sh <dist, relative to the repository's root> module:<file>... script:<file>...
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: tools/minify.sh <dist> module:<file>... script:<file>..." >&2; exit 1; }
terser=tools/node_modules/.bin/terser
[ -x "$terser" ] || { echo "minify: $terser is missing: run make setup" >&2; exit 1; }
dist=$1; shift
for item in "$@"; do
  kind=${item%%:*} file=$dist/${item#*:}
  case $kind in
    module) flags=(--module) ;;
    script) flags=() ;;
    *) echo "minify: $item: expected module:<file> or script:<file>" >&2; exit 1 ;;
  esac
  "$terser" "$file" "${flags[@]}" --compress --mangle --comments false -o "$file.min"
  mv "$file.min" "$file"
done
