# The two commands: `make serve` and `make test`. Both set up what is missing
# first (scripts/setup.sh), so they work on a bare machine.
SHELL := bash
ENV := set -euo pipefail; . .tools/env.sh
PORT ?= 8080

.PHONY: setup serve build test test-wasm test-native bench fmt clean

setup:
	@scripts/setup.sh

serve: setup
	@$(ENV); echo "Serving the workbench at http://127.0.0.1:$(PORT)"; \
	trunk serve --release --address 127.0.0.1 --port $(PORT)

build: setup
	@$(ENV); trunk build --release

# Browser tests need Chromium; the end-to-end tests drive the release build
# in dist/, so it is built first. Native tests run last so the output ends
# with cargo's summary lines.
test:
	@scripts/setup.sh --test
	@$(ENV); trunk build --release
	@$(MAKE) --no-print-directory test-wasm test-native

test-wasm:
	@$(ENV); cargo test --target wasm32-unknown-unknown --test 'web_*'

test-native:
	@$(ENV); cargo test

# Records how fast the driver diagram is (natively and in headless
# Chromium, on the release build), its memory and the download's size (and,
# with twiggy, what each crate adds) in BENCHMARKS.md. Figures, not a test:
# nothing here fails because something was slow.
bench:
	@scripts/setup.sh --test
	@$(ENV); command -v twiggy >/dev/null || cargo install --locked twiggy
	@$(ENV); trunk build --release
	@$(ENV); cargo bench --bench diagram

fmt:
	cargo fmt

clean:
	rm -rf dist target
