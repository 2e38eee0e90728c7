#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent and quiet when all is present.
# Versions are pinned here and in Trunk.toml / Cargo.toml so that a wrong binary fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
need_apt=()

note() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  note "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    note "adding rust component $component"
    rustup component add "$component" >/dev/null
  fi
done

# The widget's wasm alone is built with a pinned nightly that rebuilds std for size (tools/wasm-env.sh,
# which names it): it needs the standard library's source and the wasm32 target.
WASM_TOOLCHAIN=$(awk -F= '/^WASM_TOOLCHAIN=/{print $2; exit}' tools/wasm-env.sh)
if ! rustup toolchain list 2>/dev/null | grep -q "^$WASM_TOOLCHAIN-" \
   || ! rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src' \
   || ! rustup target list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  note "installing rust $WASM_TOOLCHAIN with rust-src and wasm32-unknown-unknown (the widget's wasm build)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal -c rust-src -t wasm32-unknown-unknown >/dev/null
fi
# The crates std itself depends on must be in the local registry (trunk and the bench's calibration
# page build run cargo --offline).
if ! tools/wasm-env.sh cargo fetch --offline --quiet --target wasm32-unknown-unknown 2>/dev/null; then
  note "fetching the crates std depends on (the wasm build rebuilds std)"
  tools/wasm-env.sh cargo fetch --quiet --target wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  note "installing trunk $TRUNK_VERSION (takes a few minutes)"
  cargo install --locked --quiet "trunk@$TRUNK_VERSION"
fi

# Without --locked: the crate's own lock file names a version the registry mirror lacks.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  note "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install --quiet --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# Splits each part's wasm at its lazy views (tools/wasm-build.sh).
WASM_SPLIT_VERSION=0.2.4
if ! wasm-split-cli --help 2>/dev/null | grep -q "^Usage: wasm-split-cli" \
   || ! grep -qs "wasm_split_cli_support $WASM_SPLIT_VERSION " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml"; then
  note "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install --locked --quiet --force wasm_split_cli_support@$WASM_SPLIT_VERSION --features build-binary
fi

command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v brotli >/dev/null || need_apt+=(brotli)
command -v curl >/dev/null || need_apt+=(curl)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  note "installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# binaryen from npm (v132): Debian's wasm-opt 108 silently breaks current wasm-bindgen output.
# terser minifies the JavaScript of dist (tools/minify.sh).
# playwright-core drives Debian's Chromium; it never downloads a browser.
# survey-core and survey-js-ui: the SurveyJS anchor page of make bench (tests/bench/surveyjs).
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -x tools/node_modules/.bin/terser ] || [ ! -d tools/node_modules/playwright-core ] \
   || [ ! -d tools/node_modules/axe-core ] || [ ! -d tools/node_modules/survey-core ] || [ ! -d tools/node_modules/survey-js-ui ] \
   || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  note "installing npm tools (binaryen, terser, playwright-core, axe-core, survey-core, survey-js-ui)"
  (cd tools && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
fi
