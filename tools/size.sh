#!/usr/bin/env bash
# Size budgets, brotli -q 11 (issue 13; DESIGN §8 for the parts): a budget, not a timed test, and not
# part of `make test`. Fails (exit 1) when a budget is over, after printing everything; `--report`
# prints the same and exits 0 (make bench). Budgets:
#   first load (everything fetched before the search view is interactive: page, boot.js, wasm-bindgen
#   JS, CSS, the finder's main wasm module, the province's search index; the lazily loaded modules of
#   tools/wasm-build.sh come later): wasm ≤ 120 KB (stretch 80), all files ≤ 140 KB;
#   the survey path (a link straight to the survey: the feedback part instead of the finder, plus the
#   survey definitions; the survey is drawn before the province index, which follows with the part's
#   reader module, so neither is counted): wasm
#   ≤ 120 KB, all files ≤ 140 KB; the parts: JS ≤ 8 KB (glue + boot), CSS ≤ 6 KB, loader ≤ 3 KB,
#   province search index ≤ 60 KB for ~2,000 procedures (the largest index in dist).
# Prints raw / gzip / brotli per file, the totals against the budgets, and the largest wasm functions
# when twiggy is present.
set -euo pipefail
cd "$(dirname "$0")/.."
D=dist
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
br() { brotli -c -q 11 "$1" | wc -c; }
gz() { gzip -c -9 "$1" | wc -c; }
row() { printf '%-34s %9s %9s %9s\n' "$1" "$(kb "$(wc -c < "$2")")" "$(kb "$(gz "$2")")" "$(kb "$(br "$2")")"; }
printf '%-34s %9s %9s %9s   (KB)\n' file raw gzip brotli
# Versioned files carry a content hash in their names (tools/finish-dist.sh).
for f in "$D"/widget_bg-*.wasm "$D"/feedback_bg-*.wasm "$D"/widget-*.js "$D"/feedback-*.js "$D"/boot-*.js "$D"/*.css "$D"/embed.js "$D"/sw.js "$D"/index.html; do
  [ -f "$f" ] && row "${f#$D/}" "$f"
done
for f in "$D"/data/*/index.json; do row "${f#$D/}" "$f"; done
# The parts' lazily loaded modules (tools/wasm-build.sh): fetched when their view first opens (the
# detail's once the search is usable), so not part of a first load.
echo "lazily loaded modules:"
for f in "$D"/*.wasm; do case ${f##*/} in widget_bg-*|feedback_bg-*) ;; *) row "${f#$D/}" "$f" ;; esac; done
report_only=false; [ "${1:-}" = --report ] && report_only=true
# Two parts (boot.js picks one by mode): the finder's main module (widget_bg: the search) on the
# first load, the feedback part's (feedback_bg: the survey) on the survey path.
wasm=$(br "$D"/widget_bg-*.wasm); js=$(( $(br "$D"/widget-*.js) + $(br "$D"/boot-*.js) ))
fwasm=$(br "$D"/feedback_bg-*.wasm); fjs=$(( $(br "$D"/feedback-*.js) + $(br "$D"/boot-*.js) ))
css=0; for f in "$D"/*.css; do css=$((css + $(br "$f"))); done
loader=$(br "$D/embed.js"); page=$(br "$D/index.html")
# The largest province index and the survey definitions (list + largest definition) in this dist.
index=0; for f in "$D"/data/*/index.json; do b=$(br "$f"); [ "$b" -le "$index" ] || index=$b; done
survey=0; for f in "$D"/data/surveys/*.json; do
  [ "${f##*/}" = index.json ] && continue; b=$(br "$f"); [ "$b" -le "$survey" ] || survey=$b; done
[ -f "$D/data/surveys/index.json" ] && survey=$((survey + $(br "$D/data/surveys/index.json")))
first=$((page + js + css + wasm + index)); survey_path=$((page + fjs + css + fwasm + survey))
echo
over=0
check() { local name=$1 bytes=$2 budget_kb=$3; local ok=ok; [ "$bytes" -le $((budget_kb * 1024)) ] || { ok=OVER; over=$((over + 1)); }
  local ratio; ratio=$(awk -v b="$bytes" -v k="$budget_kb" 'BEGIN { printf "%.2f", b / (k * 1024) }')
  printf '%-22s %7s KB brotli  budget %3s KB  %5s×  %s\n' "$name" "$(kb "$bytes")" "$budget_kb" "$ratio" "$ok"
  printf 'SUMMARY\tsize, brotli: %s (budget %s KB)\t%s KB %s\n' "$name" "$budget_kb" "$(kb "$bytes")" "$ok"; }
check "wasm, first load" "$wasm" 120; check "first load, all files" "$first" 140
check "wasm, survey path" "$fwasm" 120; check "survey path, all files" "$survey_path" 140
check js "$js" 8; check "js, survey path" "$fjs" 8; check css "$css" 6; check loader "$loader" 3; check index "$index" 60
printf '(first load: page %s + JS %s + CSS %s + finder wasm %s + largest province index %s KB; survey path: page + JS %s + CSS + feedback wasm %s + survey definitions %s KB; wasm stretch goal 80 KB)\n' \
  "$(kb "$page")" "$(kb "$js")" "$(kb "$css")" "$(kb "$wasm")" "$(kb "$index")" "$(kb "$fjs")" "$(kb "$fwasm")" "$(kb "$survey")"
# Function names survive only in cargo's output (wasm-opt strips them from dist).
command -v twiggy >/dev/null || cargo install --quiet twiggy
named=target/wasm-split/widget/bindgen/widget_bg.wasm
echo; echo "largest code items of the finder's main module before wasm-opt ($named):"
twiggy top -n 25 "$named" | grep -v -e 'custom section' -e 'function names' | cut -c1-150
echo
if [ "$over" -gt 0 ]; then
  echo "size: $over budget(s) OVER (see above)"
  $report_only || exit 1
else
  echo "size: every budget met"
fi
