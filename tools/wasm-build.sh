#!/usr/bin/env bash
# Builds the widget's wasm into a dist directory: one part per binary of the widget crate
# (tthc_core::embed::Part; boot.js loads one), each split at its lazy views (src/main.rs, src/bin/feedback.rs:
# `#[wasm_split]`) so a citizen downloads a view's code only when the view opens. trunk builds the
# page, the styles and the copied files; it cannot split a wasm, so the wasm is built here:
#   1. cargo, with the pinned nightly of tools/wasm-env.sh, keeping relocations for the split;
#   2. wasm-split-cli: the part's main module, one module per lazy view (and per code two of them
#      share), and their loader;
#   3. wasm-bindgen: the part's JS glue (the main module's exports the lazy modules use are kept);
#   4. wasm-opt -Oz on every module.
# Files written: <part>.js (the glue, the loader joined in), <part>_bg.wasm (the main module) and
# <part>_<module>.wasm per lazy module. The loader is joined into the glue because the two import
# each other: as two files they would be a cycle that content-hashed names (`catalogue dist`)
# cannot name. tools/setup.sh installs the pinned wasm-bindgen, wasm-split-cli and wasm-opt.
# Usage: tools/wasm-build.sh <dist> <part>...
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$1; shift
bins=(); for part in "$@"; do bins+=(--bin "$part"); done
# RUSTFLAGS as tools/wasm-env.sh sets them, plus the relocations wasm-split reads.
tools/wasm-env.sh bash -c 'RUSTFLAGS="$RUSTFLAGS -Clink-args=--emit-relocs" exec cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown "$@"' \
  cargo "${bins[@]}"
# The wasm features current wasm-bindgen output uses (wasm-opt must not lower them).
opt() {
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$1" -o "$2"
}
for part in "$@"; do
  work=target/wasm-split/$part
  rm -rf "$work"; mkdir -p "$work"
  wasm-split-cli --target web --out-name "$part" "target/wasm32-unknown-unknown/wasm-release/$part.wasm" "$work"
  wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript --out-dir "$work/bindgen" --out-name "$part" "$work/$part.wasm"
  opt "$work/bindgen/${part}_bg.wasm" "$dist/${part}_bg.wasm"
  js=$work/bindgen/$part.js loader=$work/__wasm_split.js
  for module in "$work"/split_*.wasm "$work"/chunk_*.wasm; do
    [ -e "$module" ] || continue
    name=${module##*/}; name=${part}_${name#split_}
    opt "$module" "$dist/$name"
    sed -i "s|\"\\./${module##*/}\"|\"./$name\"|" "$loader"
  done
  # The glue imports the loader as `import * as <alias> from "./__wasm_split.js"` (once per lazy
  # module); the loader imports `initSync` from the glue and exports one load function per module.
  aliases=$(sed -n 's|^import \* as \([A-Za-z0-9_]*\) from "\./__wasm_split\.js";\{0,1\}$|\1|p' "$js" | paste -sd' ' -)
  if [ -z "$aliases" ]; then
    cp "$js" "$dist/$part.js"
    continue
  fi
  grep -q "^import { initSync } from \"\./$part\.js\";\{0,1\}$" "$loader" \
    || { echo "wasm-build: $loader does not import initSync from ./$part.js as expected" >&2; exit 1; }
  loads=$(sed -n 's/^export const \([A-Za-z0-9_]*\) = .*/\1/p' "$loader" | paste -sd, -)
  {
    grep -v '^import \* as [A-Za-z0-9_]* from "\./__wasm_split\.js"' "$js"
    echo "// The lazy modules' loader (wasm-split-cli), joined into the glue by tools/wasm-build.sh."
    grep -v "^import { initSync } from " "$loader" | sed 's/^export const /const /'
    for alias in $aliases; do echo "const $alias = { $loads };"; done
  } > "$dist/$part.js"
done
