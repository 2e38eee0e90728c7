#!/usr/bin/env bash
# Runs a command (the Makefile's and the bench's `trunk build`) with the toolchain the widget's wasm is
# built with: a pinned nightly that rebuilds std for size (issue 13, docs/perf.md). Only the wasm:
# the collector, the tools, the native tests and clippy stay on the stable toolchain.
#   -Zbuild-std=std,panic_abort + build-std-features=optimize_for_size: std, core and alloc compiled
#     with our profile (opt-level z, LTO) and their size-first code paths (sort, formatting).
#   -Cpanic=immediate-abort: a panic traps at once, without formatting a message nobody sees (the
#     widget catches no panic; with panic = "abort" it already ended the instance).
# RUSTFLAGS replaces the target's rustflags in .cargo/config.toml, so its --cfg is repeated here.
# Do not add -Zfmt-debug=none: problem messages are formatted with {:?}.
# tools/setup.sh reads WASM_TOOLCHAIN below and installs it with rust-src and the wasm32 target.
# Usage: tools/wasm-env.sh trunk build --release --offline ...
set -euo pipefail
WASM_TOOLCHAIN=nightly-2026-10-29
export RUSTUP_TOOLCHAIN=$WASM_TOOLCHAIN
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS="--cfg erase_components -Cpanic=immediate-abort -Zunstable-options"
exec "$@"
