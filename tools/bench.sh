#!/usr/bin/env bash
# make bench (after make dist): prints figures, never fails on time; fails only on real errors.
#   1. synthetic province bundles bench-2000 / bench-20000 in dist/data (from the real national records
#      in ../shared/data, else from seeds/catalogue/base.json), their size against the 60 KB budget
#   2. the full national file imported (tools/full-catalogue.sh: import with a generated level list,
#      catalogue build) as dist/data/bench-national: import time, index size against the budget
#   3. a province's online-service registry at real scale (tools/registry-scale.sh: 1,800 procedures,
#      ~33,500 registry rows × 107 agencies, through import, import registry and catalogue build) as
#      dist/data/bench-registry: the index with levels, the place picker's data, the detail shards
#   4. search latency per keystroke, native (search_bench), synthetic, bench-national and bench-registry
#   5. search latency per keystroke in the wasm widget, headless Chromium, 4× CPU (tests/bench/search.mjs)
#   6. open-to-interactive from a cold cache, 4× CPU + Slow 4G (tests/bench/load.mjs), beside a bare
#      Leptos page with a search box built the same way (tests/bench/baseline) for calibration, and
#      SurveyJS rendering the same SIPAS survey (tests/bench/surveyjs) as an anchor
#   7. collector ingest and summary over many stored responses (loadgen; BENCH_SECONDS, BENCH_ROWS)
# The bench bundles are removed at the end so they never reach a release dist.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NATIONAL=../shared/data/tthc-national.jsonl
SECONDS_INGEST=${BENCH_SECONDS:-10}
ROWS=${BENCH_ROWS:-1000000}
SIZES=(2000 20000)
INDEX_BUDGET_KB=60

[ -f dist/index.html ] || { echo "bench: dist/ is missing; run make bench (it builds dist first)" >&2; exit 1; }

cleanup() { for n in "${SIZES[@]}" national registry; do rm -rf "dist/data/bench-$n"; done; rm -rf dist/baseline dist/surveyjs; }
trap cleanup EXIT

# Every stage's output also goes to $LOG; its "SUMMARY<TAB>what<TAB>figure" lines make the final table.
LOG=$(mktemp)
stage() {
  local name=$1; shift
  local t0=$SECONDS
  echo
  echo "::: $name"
  "$@" 2>&1 | tee -a "$LOG" | { grep --line-buffered -v '^SUMMARY' || true; }
  echo "::: $name took $((SECONDS - t0)) s"
}

summary() {
  echo
  echo "::: summary (make bench, $(date -u +%Y-%m-%d), $(nproc) cores; figures from a shared machine)"
  grep '^SUMMARY' "$LOG" | cut -f2- | awk -F'\t' '{ printf "  %-78s %s\n", $1, $2 }'
  rm -f "$LOG"
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

machine() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
  echo "machine: $(nproc) cores (${cpu:-unknown CPU}), ${mem:-? GB} RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "         $(uname -sr); $(rustc --version); node $(node --version); $(chromium --version 2>/dev/null || echo 'chromium ?')"
  echo "Figures from a shared, noisy machine: compare them as ratios, and against runs on the same machine."
}

build() {
  cargo build --release -p tthc-core --bin synth --bin synth_registry --bin search_bench --bin import --bin catalogue
  cargo build --release -p collector --bin collector --bin loadgen
}

bundles() {
  local src=$NATIONAL
  if [ -f "$src" ]; then
    echo "source: $src (real national records)"
  else
    src=seeds/catalogue/base.json
    echo "source: $src — $NATIONAL is absent, so names repeat far more than in a real province:"
    echo "        sizes and latencies below are NOT representative"
  fi
  for n in "${SIZES[@]}"; do
    target/release/synth "$src" "$n" dist/data "bench-$n"
    # Precompressed like every other bundle (tools/finish-dist.sh), so the collector serves brotli.
    brotli -f -q 11 -o "dist/data/bench-$n/index.json.br" "dist/data/bench-$n/index.json"
    gzip -f -9 -k "dist/data/bench-$n/index.json"
  done
  printf '%-30s %9s %9s %9s   (KB)\n' "search index" raw gzip brotli
  for n in "${SIZES[@]}"; do
    local f=dist/data/bench-$n/index.json
    printf '%-30s %9s %9s %9s\n' "bench-$n/index.json" "$(kb "$(wc -c < "$f")")" \
      "$(kb "$(wc -c < "$f.gz")")" "$(kb "$(wc -c < "$f.br")")"
  done
  local br verdict
  br=$(wc -c < dist/data/bench-2000/index.json.br)
  verdict=within; [ "$br" -le $((INDEX_BUDGET_KB * 1024)) ] || verdict=OVER
  echo "2,000 procedures: $(kb "$br") KB brotli against the ${INDEX_BUDGET_KB} KB budget:" \
    "$(awk -v b="$br" -v k="$INDEX_BUDGET_KB" 'BEGIN { printf "%.0f%%", 100 * b / (k * 1024) }') ($verdict)"
}

# The real records as one province: import time, and the index against the budget.
national() {
  if [ ! -f "$NATIONAL" ]; then
    echo "skipped: $NATIONAL is absent"
    return
  fi
  BIN=target/release tools/full-catalogue.sh dist bench-national
  local f=dist/data/bench-national/index.json br verdict largest
  largest=$(find dist/data/bench-national/p -name '*.json' -printf '%s\n' | sort -n | tail -1)
  printf '%-30s %9s %9s %9s   (KB)\n' "search index" raw gzip brotli
  printf '%-30s %9s %9s %9s\n' "bench-national/index.json" "$(kb "$(wc -c < "$f")")" \
    "$(kb "$(wc -c < "$f.gz")")" "$(kb "$(wc -c < "$f.br")")"
  br=$(wc -c < "$f.br")
  verdict=within; [ "$br" -le $((INDEX_BUDGET_KB * 1024)) ] || verdict=OVER
  echo "full national catalogue ($(ls dist/data/bench-national/p | wc -l) procedures): $(kb "$br") KB brotli against" \
    "the ${INDEX_BUDGET_KB} KB budget: $(awk -v b="$br" -v k="$INDEX_BUDGET_KB" 'BEGIN { printf "%.0f%%", 100 * b / (k * 1024) }')" \
    "($verdict); opening a procedure is one request (largest detail shard $(kb "$largest") KB raw)"
  printf 'SUMMARY\tfull national catalogue index, raw / gzip / brotli (budget %s KB brotli)\t%s / %s / %s KB %s\n' \
    "$INDEX_BUDGET_KB" "$(kb "$(wc -c < "$f")")" "$(kb "$(wc -c < "$f.gz")")" "$(kb "$br")" "$verdict"
}

# Calibration: a bare Leptos page with a search box, built like the widget (tests/bench/baseline),
# served beside it at /v1/baseline/ so load.mjs measures both under the same throttling.
baseline() {
  (cd tests/bench/baseline && CARGO_TARGET_DIR=$ROOT/target/baseline "$ROOT"/tools/wasm-env.sh trunk build --release --offline \
    --dist "$ROOT/target/baseline-dist")
  rm -rf dist/baseline
  cp -r target/baseline-dist dist/baseline
  # Minified like the widget's JavaScript (make dist).
  tools/minify.sh dist/baseline module:baseline.js module:boot.js
  for f in dist/baseline/*.{wasm,js,html}; do brotli -f -q 11 -o "$f.br" "$f"; gzip -f -9 -k "$f"; done
  printf 'SUMMARY\tsize, brotli: bare Leptos page with a search box (calibration)\t%s KB\n' \
    "$(kb "$(wc -c < dist/baseline/baseline_bg.wasm.br)")"
}

# Anchor: SurveyJS (survey-core + survey-js-ui, pinned in tools/package.json) rendering the same SIPAS
# survey (tests/bench/surveyjs), served brotli at /v1/surveyjs/ so load.mjs measures it under the same
# throttling. The npm files are copied from tools/node_modules here, never committed.
surveyjs() {
  local nm=tools/node_modules f br=0
  rm -rf dist/surveyjs
  mkdir -p dist/surveyjs
  cp tests/bench/surveyjs/* dist/surveyjs/
  # The UMD builds, survey-core's default theme without its web-font rules (index.html says why),
  # and survey-core's Vietnamese strings (buttons, messages).
  cp "$nm/survey-core/survey.core.min.js" "$nm/survey-core/survey-core.fontless.min.css" \
    "$nm/survey-core/i18n/vietnamese.min.js" "$nm/survey-js-ui/survey-js-ui.min.js" dist/surveyjs/
  for f in dist/surveyjs/*; do
    case $f in
      *.js | *.css | *.html | *.json)
        brotli -f -q 11 -o "$f.br" "$f"; gzip -f -9 -k "$f"
        br=$((br + $(wc -c < "$f.br"))) ;;
    esac
  done
  echo "survey-core $(node -p "require('./$nm/survey-core/package.json').version")," \
    "survey-js-ui $(node -p "require('./$nm/survey-js-ui/package.json').version") in dist/surveyjs"
  printf 'SUMMARY\tsize, brotli: SurveyJS page, the same SIPAS survey (anchor; js, css, html)\t%s KB\n' "$(kb "$br")"
}

search_native() {
  local files=()
  for n in "${SIZES[@]}"; do files+=("dist/data/bench-$n/index.json"); done
  for n in national registry; do
    if [ -f "dist/data/bench-$n/index.json" ]; then files+=("dist/data/bench-$n/index.json"); fi
  done
  target/release/search_bench "${files[@]}"
}

export COLLECTOR_BIN=$ROOT/target/release/collector
t_all=$SECONDS
machine
stage "sizes: every dist file raw / gzip / brotli, budgets" tools/size.sh --report
stage "build release binaries (synth, synth_registry, search_bench, import, catalogue, collector, loadgen)" build
stage "bench bundles" bundles
stage "import the full national file" national
stage "registry at real scale (index with levels, picker, detail shards)" \
  env BIN=target/release tools/registry-scale.sh dist
stage "search, native (release build, one core)" search_native
stage "calibration page (bare Leptos + search box)" baseline
stage "SurveyJS anchor page (survey-core + survey-js-ui, the same SIPAS survey)" surveyjs
stage "search, wasm widget in headless Chromium" node tests/bench/search.mjs
stage "open to interactive, cold cache" node tests/bench/load.mjs
stage "collector: ingest and summary (loadgen)" \
  target/release/loadgen --clients 32 --seconds "$SECONDS_INGEST" --rows "$ROWS"
summary
echo
echo "::: bench took $((SECONDS - t_all)) s in all"
