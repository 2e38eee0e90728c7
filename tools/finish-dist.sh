#!/usr/bin/env bash
# After `trunk build --public-url /w/<version>/` (run by the Makefile): names the versioned files by
# their content, writes the catalogue bundles into dist/data, the service worker's build id and
# precache list, and precompressed .br/.gz copies. The version is Cargo.toml's workspace version
# (the collector serves /w/<its version>/): read here and by the Makefile, written nowhere else.
# Running this again, also on a dist whose files changed, is harmless: stamped names are re-stamped.
# Usage: tools/finish-dist.sh <catalogue-binary> [dist directory]
# POPULARITY=<usage.csv> (the collector's counters export) orders equally good search matches.
set -euo pipefail
cd "$(dirname "$0")/.."
CATALOGUE=${1:?usage: finish-dist.sh <catalogue-binary> [dist directory]}
DIST=${2:-dist}
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
if ! grep -q "/w/$VERSION/" "$DIST/index.html"; then
  echo "finish-dist: $DIST/index.html does not load /w/$VERSION/; build with 'make dist' or 'make widget'" >&2
  exit 1
fi
find "$DIST" -type f \( -name '*.br' -o -name '*.gz' \) -delete

rm -rf "$DIST/data"
"$CATALOGUE" build seeds "$DIST/data" ${POPULARITY:+--popularity "$POPULARITY"}

# Files under /w/<version>/ are served immutable: each name carries a hash of its content, so a
# rebuild under the same version is new URLs. Leaves first, so a hash covers the names a file loads.
for name in widget_bg.wasm feedback_bg.wasm icon.svg widget.css widget.js feedback.js manifest.webmanifest boot.js; do
  stem=${name%.*}; ext=${name##*.}
  re="$stem(-[0-9a-f]{10})?\\.$ext"
  old=$(cd "$DIST" && ls | grep -E "^$re\$" || true)
  if [ "$(printf '%s\n' "$old" | grep -c .)" -ne 1 ]; then
    echo "finish-dist: expected one $name in $DIST, found: ${old:-none}" >&2
    exit 1
  fi
  new="$stem-$(sha256sum "$DIST/$old" | cut -c1-10).$ext"
  [ "$old" = "$new" ] && continue
  mv "$DIST/$old" "$DIST/$new"
  sed -i -E "s/(^|[^A-Za-z0-9_-])$re\\b/\\1$new/g" "$DIST"/index.html "$DIST"/*.js "$DIST"/*.css "$DIST"/*.webmanifest
done

# boot.js picks the part to load (finder or feedback): trunk's preload of the finder's files would
# make a citizen who opens the survey download both parts.
sed -i -E '/<link rel="(modulepreload|preload)" href="[^"]*(widget|feedback)(_bg)?(-[0-9a-f]{10})?\.(js|wasm)"[^>]*>/d' "$DIST/index.html"

# trunk's subresource integrity (the stylesheet), recomputed for the files' current content.
grep -oE 'href="[^"]*" integrity="sha384-[^"]*"' "$DIST/index.html" | while IFS= read -r attr; do
  href=$(printf '%s' "$attr" | sed -E 's/^href="([^"]*)".*/\1/')
  sri="sha384-$(openssl dgst -sha384 -binary "$DIST/${href##*/}" | base64 -w0)"
  sed -i "s#href=\"$href\" integrity=\"sha384-[^\"]*\"#href=\"$href\" integrity=\"$sri\"#" "$DIST/index.html"
done

# The worker: the build id (version + a hash of every file, code and data) names its cache, so any
# rebuild replaces code and data together; it precaches the versioned shell and the survey
# definitions (the same for every province, so the survey opens offline). Catalogue data is
# network-first and cached on use.
files=$(cd "$DIST" && ls *.js *.wasm *.css *.svg *.webmanifest 2>/dev/null | grep -v -e '^sw\.js$' -e '^embed\.js$')
list=$(printf '"/w/%s/%s",' $(for f in $files; do printf '%s %s ' "$VERSION" "$f"; done))
surveys=$(cd "$DIST/data/surveys" && ls *.json | sed 's|^|"/v1/data/surveys/|; s|$|",|' | tr -d '\n')
precache="[\"/v1/\",${surveys}${list%,}]"
build="$VERSION-$(cd "$DIST" && find . -type f ! -name sw.js -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-10)"
cp public/sw.js "$DIST/sw.js"  # fresh template
sed -i -e "s|__BUILD__|$build|" -e "s|__VERSIONED__|/w/$VERSION/|" -e "s|__PRECACHE__|$precache|" "$DIST/sw.js"

# Precompressed copies for the collector's static server.
find "$DIST" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' -o -name '*.json' \
  -o -name '*.svg' -o -name '*.webmanifest' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k "$f"
  done
echo "dist: build $build, $(find "$DIST/data" -name '*.json' | wc -l) data files"
