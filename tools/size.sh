#!/usr/bin/env bash
# Size budgets (DESIGN §8), brotli: wasm ≤ 80 KB, JS ≤ 8 KB (glue + boot), CSS ≤ 6 KB, loader ≤ 3 KB,
# province search index ≤ 60 KB for ~2,000 procedures (reported separately). Prints raw / gzip / brotli
# per file, the totals against the budgets, and the largest wasm functions when twiggy is present.
set -euo pipefail
cd "$(dirname "$0")/.."
D=dist
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
br() { brotli -c -q 11 "$1" | wc -c; }
gz() { gzip -c -9 "$1" | wc -c; }
row() { printf '%-34s %9s %9s %9s\n' "$1" "$(kb "$(wc -c < "$2")")" "$(kb "$(gz "$2")")" "$(kb "$(br "$2")")"; }
printf '%-34s %9s %9s %9s   (KB)\n' file raw gzip brotli
# Versioned files carry a content hash in their names (tools/finish-dist.sh).
for f in "$D"/widget_bg-*.wasm "$D"/widget-*.js "$D"/boot-*.js "$D"/*.css "$D"/embed.js "$D"/sw.js "$D"/index.html; do
  [ -f "$f" ] && row "${f#$D/}" "$f"
done
for f in "$D"/data/*/index.json; do row "${f#$D/}" "$f"; done
wasm=$(br "$D"/widget_bg-*.wasm); js=$(( $(br "$D"/widget-*.js) + $(br "$D"/boot-*.js) ))
css=0; for f in "$D"/*.css; do css=$((css + $(br "$f"))); done
loader=$(br "$D/embed.js")
echo
check() { local name=$1 bytes=$2 budget_kb=$3; local ok=ok; [ "$bytes" -le $((budget_kb * 1024)) ] || ok=OVER
  printf '%-8s %7s KB brotli  budget %3s KB  %s\n' "$name" "$(kb "$bytes")" "$budget_kb" "$ok"
  printf 'SUMMARY\tsize, brotli: %s (budget %s KB)\t%s KB %s\n' "$name" "$budget_kb" "$(kb "$bytes")" "$ok"; }
check wasm "$wasm" 80; check js "$js" 8; check css "$css" 6; check loader "$loader" 3
for f in "$D"/data/*/index.json; do check index "$(br "$f")" 60; break; done
# Function names survive only in cargo's output (wasm-opt strips them from dist).
command -v twiggy >/dev/null || cargo install --quiet twiggy
named=target/wasm32-unknown-unknown/wasm-release/widget.wasm
echo; echo "largest code items before wasm-bindgen / wasm-opt ($named):"
twiggy top -n 25 "$named" | grep -v -e 'custom section' -e 'function names' | cut -c1-150
