#!/usr/bin/env bash
# After `trunk build`: writes the catalogue bundles into dist/data, the service worker's version
# and precache list, and precompressed .br/.gz copies. Usage: tools/finish-dist.sh <catalogue-binary>
# POPULARITY=<usage.csv> (the collector's counters export) orders equally good search matches.
set -euo pipefail
cd "$(dirname "$0")/.."
CATALOGUE=${1:?usage: finish-dist.sh <catalogue-binary>}
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
DIST=dist

rm -rf "$DIST/data"
"$CATALOGUE" build seeds "$DIST/data" ${POPULARITY:+--popularity "$POPULARITY"}

# Precache: the versioned app shell (not data: that is network-first and cached on use).
files=$(cd "$DIST" && ls *.js *.wasm *.css *.svg *.webmanifest 2>/dev/null | grep -v '^sw\.js$' | grep -v '^embed\.js$')
list=$(printf '"/w/%s/%s",' $(for f in $files; do printf '%s %s ' "$VERSION" "$f"; done))
# Survey definitions are the same for every province: precached so the survey opens offline.
surveys=$(cd "$DIST/data/surveys" && ls *.json | sed 's|^|"/v1/data/surveys/|; s|$|",|' | tr -d '\n')
precache="[\"/v1/\",${surveys}${list%,}]"
cp public/sw.js "$DIST/sw.js"  # fresh template, so running this script twice is harmless
sed -i -e "s|__VERSION__|$VERSION|" -e "s|__PRECACHE__|$precache|" "$DIST/sw.js"

# Precompressed copies for the collector's static server.
find "$DIST" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' -o -name '*.json' \
  -o -name '*.svg' -o -name '*.webmanifest' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k "$f"
  done
echo "dist: version $VERSION, $(find "$DIST/data" -name '*.json' | wc -l) data files"
