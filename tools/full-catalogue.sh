#!/usr/bin/env bash
# Full-size catalogue for tests and benchmarks, from the real national records (never committed):
#   tools/full-catalogue.sh <dist> [province-code]        (default code: toan-quoc-thu)
# Imports ../shared/data/tthc-national.jsonl (override with NATIONAL=…) with a generated level list
# (every 4th procedure left without a level; the others cycle toàn trình / một phần / trực tiếp),
# builds it, and installs the province as <dist>/data/<code>/ (index.json + .br/.gz, p/<code>.json).
# <dist>/data/provinces.json is left alone. Exits 0 with a note when the national file is absent.
# Binaries: built here (cargo, release) unless BIN=<dir holding import and catalogue> is given.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:?usage: tools/full-catalogue.sh <dist> [province-code]}
CODE=${2:-toan-quoc-thu}
NATIONAL=${NATIONAL:-../shared/data/tthc-national.jsonl}
if [ ! -f "$NATIONAL" ]; then
  echo "full-catalogue: $NATIONAL is absent; nothing built"
  exit 0
fi
if [ -z "${BIN:-}" ]; then
  cargo build -q --release -p tthc-core --bin import --bin catalogue
  BIN=${CARGO_TARGET_DIR:-target}/release
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
args=(--records "$NATIONAL" --province "$CODE" --name "Toàn quốc (thử nghiệm)" --portal https://dichvucong.gov.vn
  --as-of 2026-07-20)

# Pass 1 gives the codes; the level list is made from them, as a province would export it.
"$BIN/import" "${args[@]}" --out "$tmp/pass-1" > "$tmp/report-1.txt"
"$BIN/catalogue" codes "$tmp/pass-1" |
  awk 'BEGIN { print "code,level"; split("toan_trinh mot_phan truc_tiep", L, " ") }
       NR % 4 != 0 { print $0 "," L[NR % 3 + 1] }' > "$tmp/levels.csv"
t0=$(now)
"$BIN/import" "${args[@]}" --levels "$tmp/levels.csv" --out "$tmp/seeds" > "$tmp/report.txt"
t1=$(now)
"$BIN/catalogue" build "$tmp/seeds" "$tmp/out" > /dev/null
rm -rf "${DIST:?}/data/$CODE"
mkdir -p "$DIST/data"
cp -r "$tmp/out/$CODE" "$DIST/data/$CODE"
index=$DIST/data/$CODE/index.json
brotli -f -q 11 -o "$index.br" "$index"
gzip -f -9 -k "$index"
sed -n '/^records/,/^  unusable/p; /^level list/,/^  levels written/p' "$tmp/report.txt"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "import of the full file (with the level list): %.2f s\n", b - a;
  printf "SUMMARY\timport of the full national file (2,642 records)\t%.2f s\n", b - a }'
echo "full-catalogue: $DIST/data/$CODE — $(ls "$DIST/data/$CODE/p" | wc -l) procedures; open /v1/?province=$CODE"
