# The README's commands: `make run` and `make test`. Everything else is a building block.
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
DB ?= var/collector.sqlite

.PHONY: setup dist dist-debug-tools run test test-native test-browser size bench clean

setup:
	@tools/setup.sh

# Release widget (wasm-release profile) + catalogue bundles + precompressed files.
dist: setup
	trunk build --release --offline
	cargo build --release -p tthc-core --bin catalogue
	tools/finish-dist.sh target/release/catalogue

run: dist
	cargo build --release -p collector
	PORT=$(PORT) DB=$(DB) tools/run.sh

# Every test: core + collector natively (debug), then the browser tests against the release widget
# served by the debug collector. Benchmarks are not part of this.
test: setup test-native
	trunk build --release --offline
	tools/finish-dist.sh target/debug/catalogue
	$(MAKE) test-browser

test-native:
	cargo test -p tthc-core -p collector
	cargo build -p tthc-core --bin catalogue --bin import

test-browser:
	node --test --test-concurrency=1 --test-timeout=300000 tests/browser/

size: dist
	tools/size.sh

bench: dist
	tools/bench.sh

clean:
	rm -rf dist target var tools/node_modules
