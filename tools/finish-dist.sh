#!/usr/bin/env bash
# Moved into Rust: `catalogue dist` (crates/core/src/bin/dist/), which the Makefile runs. Usage: finish-dist.sh <catalogue-binary> [dist]
cd "$(dirname "$0")/.." && exec "${1:?usage: finish-dist.sh <catalogue-binary> [dist directory]}" dist "${2:-dist}" ${POPULARITY:+--popularity "$POPULARITY"}
