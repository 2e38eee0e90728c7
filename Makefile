# The README's commands: `make run` and `make test`. Everything else is a building block.
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
DB ?= var/collector.sqlite
# The widget's version, written once (Cargo.toml's workspace version): the collector serves /w/<it>/.
VERSION := $(shell awk -F'"' '/^version = /{print $$2; exit}' Cargo.toml)
# trunk builds the page, the styles and the copied files; tools/wasm-build.sh the wasm of the widget's
# two parts (tthc_core::embed::Part: the finder and the feedback part), each split at its lazy views,
# with the pinned nightly of tools/wasm-env.sh (std rebuilt for size; docs/perf.md); tools/minify.sh
# the JavaScript.
define TRUNK_PARTS
	trunk build --release --offline --public-url /w/$(VERSION)/
	tools/wasm-build.sh dist widget feedback
	tools/minify.sh dist module:widget.js module:feedback.js module:boot.js script:embed.js
endef

.PHONY: setup dist widget run test lint test-native test-browser soak size bench clean

setup:
	@tools/setup.sh

# `catalogue dist` finishes trunk's output: catalogue bundles, content-hashed names, the service worker,
# precompressed files. POPULARITY=<usage.csv> (the collector's counters export) orders equally good
# search matches.
FINISH_DIST = dist dist $(if $(POPULARITY),--popularity $(POPULARITY))

# Release widget (wasm-release profile) + catalogue bundles + precompressed files.
dist: setup
	$(TRUNK_PARTS)
	cargo build --release -p tthc-core --bin catalogue
	target/release/catalogue $(FINISH_DIST)

run: dist
	cargo build --release -p collector
	PORT=$(PORT) DB=$(DB) tools/run.sh

# Every test: core + collector natively (debug), then the browser tests against the release widget
# served by the debug collector. Benchmarks are not part of this.
test: setup lint test-native widget
	$(MAKE) test-browser

# Habits enforced, not promised: one formatting style (rustfmt.toml) and no clippy warning, natively
# and for the widget's wasm target.
lint:
	cargo fmt --all --check
	cargo clippy -p tthc-core -p collector --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p widget -- -D warnings

# The release widget with the debug catalogue tool, as the browser tests use it.
widget:
	$(TRUNK_PARTS)
	cargo build -p tthc-core --bin catalogue
	target/debug/catalogue $(FINISH_DIST)

test-native:
	cargo test -p tthc-core -p collector
	cargo build -p tthc-core --bin catalogue --bin import

test-browser:
	node --test --test-concurrency=1 --test-timeout=300000 tests/browser/

# The fault test at length (>= 200 answers; minutes): not part of `make test`.
soak: setup test-native widget
	SOAK=1 node --test --test-concurrency=1 --test-timeout=1800000 tests/browser/fault.test.mjs

# Size budgets (issue 13: first load and survey path ≤ 120 KB brotli of wasm, ≤ 140 KB in all):
# fails while one is over. Not part of `make test`.
size: dist
	tools/size.sh

bench: dist
	tools/bench.sh

clean:
	rm -rf dist target var tools/node_modules
