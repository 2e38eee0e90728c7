#!/usr/bin/env bash
# A province's online-service registry at real scale, through the real importer path, measured:
#   tools/registry-scale.sh <dist> [province-code]        (default code: bench-registry)
# synth_registry makes, from ../shared/data/tthc-national.jsonl (override with NATIONAL=…), records
# of 1,800 tỉnh/xã procedures and a registry CSV of ~33,500 rows × 107 agencies shaped like Quảng
# Trị's; then `import` (records → seeds), `import registry --write` (the overlay), `catalogue check`
# and `catalogue build`, as a province would. Installs <dist>/data/<code>/ (index.json + .br/.gz,
# p/<code>.json) and prints the sizes a citizen downloads, with SUMMARY lines for tools/bench.sh:
# the search index with levels, the place picker's data (the index's province.agencies alone), and
# the detail shards that carry registry variants (opening a procedure is one request). Exits 0 with
# a note when the national file is absent. Binaries: built here unless BIN=<dir> is given.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:?usage: tools/registry-scale.sh <dist> [province-code]}
CODE=${2:-bench-registry}
NATIONAL=${NATIONAL:-../shared/data/tthc-national.jsonl}
INDEX_BUDGET_KB=60
PICKER_BUDGET_KB=5
if [ ! -f "$NATIONAL" ]; then
  echo "registry-scale: $NATIONAL is absent; nothing built"
  exit 0
fi
if [ -z "${BIN:-}" ]; then
  cargo build -q --release -p tthc-core --bin synth_registry --bin import --bin catalogue
  BIN=${CARGO_TARGET_DIR:-target}/release
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
br() { brotli -c -q 11 "$1" | wc -c; }

"$BIN/synth_registry" "$NATIONAL" "$tmp/src"
"$BIN/import" --records "$tmp/src/records.jsonl" --province "$CODE" --name "Thử Nghiệm" \
  --portal https://dichvucong.quangtri.gov.vn --as-of 2026-10-03 --out "$tmp/seeds" > "$tmp/report-1.txt"
t0=$(now)
"$BIN/import" registry --seeds "$tmp/seeds" --province "$CODE" --registry "$tmp/src/registry.csv" \
  --date 2026-10-03 --source "Sổ đăng ký thử tải (synth_registry)" --write > "$tmp/report.txt"
t1=$(now)
grep -v '^    ' "$tmp/report.txt" | sed -n '/^registry/,/^  levels unchanged/p'
"$BIN/catalogue" check "$tmp/seeds" > /dev/null
"$BIN/catalogue" build "$tmp/seeds" "$tmp/out" > /dev/null
rm -rf "${DIST:?}/data/$CODE"
mkdir -p "$DIST/data"
cp -r "$tmp/out/$CODE" "$DIST/data/$CODE"
dir=$DIST/data/$CODE
index=$dir/index.json
brotli -f -q 11 -o "$index.br" "$index"
gzip -f -9 -k "$index"

# The picker's data: the directory of agencies as the index carries it, serialized alone; and the
# registry part of the shards (the offer), for what the per-place data adds to a detail request.
node -e '
  const fs = require("fs"), [index, dir, out] = process.argv.slice(1);
  fs.writeFileSync(out + "/agencies.json", JSON.stringify(JSON.parse(fs.readFileSync(index)).province.agencies));
  let largest = ["", 0];
  for (const f of fs.readdirSync(dir + "/p")) {
    const offer = JSON.parse(fs.readFileSync(dir + "/p/" + f)).offer;
    if (!offer || !offer.variants) continue;
    fs.appendFileSync(out + "/with-variants.txt", f + "\n");
    const n = Buffer.byteLength(JSON.stringify(offer));
    if (n > largest[1]) largest = [f, n];
  }
  fs.writeFileSync(out + "/largest-offer.txt", largest.join(" ") + "\n");
' "$index" "$dir" "$tmp"
shards=$(sed "s|^|$dir/p/|" "$tmp/with-variants.txt" | xargs stat -c '%s %n' | sort -n)
n=$(wc -l <<< "$shards")
largest=$(tail -1 <<< "$shards" | cut -d' ' -f2)
median=$(sed -n "$(((n + 1) / 2))p" <<< "$shards" | cut -d' ' -f2)
read -r offer_file offer_bytes < "$tmp/largest-offer.txt"

raw=$(wc -c < "$index") gz=$(wc -c < "$index.gz") ib=$(wc -c < "$index.br")
pr=$(wc -c < "$tmp/agencies.json") pb=$(br "$tmp/agencies.json")
verdict() { [ "$1" -le $(($2 * 1024)) ] && echo within || echo OVER; }
procs=$(ls "$dir/p" | wc -l)
rows=$(awk '/^  rows:/ { print $2; exit }' "$tmp/report.txt")
agencies=$(grep -o '"code":' "$tmp/agencies.json" | wc -l)
echo
printf '%-46s %9s %9s %9s   (KB)\n' "" raw gzip brotli
printf '%-46s %9s %9s %9s\n' "search index with levels ($procs procedures)" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$ib")"
printf '%-46s %9s %9s %9s\n' "picker data (province.agencies alone)" "$(kb "$pr")" - "$(kb "$pb")"
printf '%-46s %9s %9s %9s\n' "largest detail shard with variants" "$(kb "$(wc -c < "$largest")")" - "$(kb "$(br "$largest")")"
printf '%-46s %9s %9s %9s\n' "median detail shard with variants" "$(kb "$(wc -c < "$median")")" - "$(kb "$(br "$median")")"
echo "$n shards carry registry variants; the largest offer (variants, levels per agency) is $(kb "$offer_bytes") KB raw" \
  "(${offer_file%.json}); the place's level and filing link come with the detail: one request per opened procedure"
awk -v a="$t0" -v b="$t1" -v r="$rows" 'BEGIN { printf "import registry (%s rows): %.2f s\n", r, b - a }'
printf 'SUMMARY\tregistry scale: index with levels, %s procedures, raw / gzip / brotli (budget %s KB br)\t%s / %s / %s KB %s\n' \
  "$procs" "$INDEX_BUDGET_KB" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$ib")" "$(verdict "$ib" "$INDEX_BUDGET_KB")"
printf 'SUMMARY\tregistry scale: picker data (%s agencies), raw / brotli (budget %s KB br)\t%s / %s KB %s\n' \
  "$agencies" "$PICKER_BUDGET_KB" "$(kb "$pr")" "$(kb "$pb")" "$(verdict "$pb" "$PICKER_BUDGET_KB")"
printf 'SUMMARY\tregistry scale: detail shard with variants, largest / median, brotli (1 request)\t%s / %s KB\n' \
  "$(kb "$(br "$largest")")" "$(kb "$(br "$median")")"
awk -v a="$t0" -v b="$t1" -v r="$rows" 'BEGIN { printf "SUMMARY\tregistry scale: import registry of %s rows (release)\t%.2f s\n", r, b - a }'
