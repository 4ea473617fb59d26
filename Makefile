# One entry point for people and CI. `make serve` builds and serves the
# guide; `make test` runs every test; `make check` is the quick loop while
# editing. All set up what they need first.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# The address the site is built for: Material's instant navigation only
# takes over links inside it. The Pages workflow sets its own.
export SITE_URL ?= http://127.0.0.1:$(PORT)/
export PYTHONDONTWRITEBYTECODE := 1

# pyenv reads .python-version (3.12); elsewhere use the newest python3 on PATH.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3.13 2>/dev/null || command -v python3)

# The JavaScript's unit tests (the shell expands the list: every Node reads it).
JS_TESTS := tests/js/*.test.mjs
# What `make check` runs of pytest: the engine's and the plugin's tests that
# need neither a browser, nor the built site, nor Pyodide.
CHECK_TESTS := -m "not e2e and not site and not slow" tests/engine tests/test_plugin.py

.PHONY: help setup build serve check test lint pdf bench clean

help:
	@echo "make serve   build the guide and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make build   build the guide into site/"
	@echo "make check   quick loop (under a minute): lint, JS unit tests, engine and plugin tests"
	@echo "make test    run every test (lint, JS unit, engine, build, browser)"
	@echo "make pdf     write the guide as a PDF under dist/"
	@echo "make bench   measure speed and size into bench/"
	@echo "make lint    ruff check and ruff format --check"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.12")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check --group dev
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: $(STAMP) $(NODE_STAMP)

build: setup
	$(PY) -m build_tools.site

serve: build
	$(PY) -m build_tools.serve --root site --port $(PORT)

# `make pdf PAPER=Letter` for US Letter. The build links the About page to the
# PDF, which is then rendered from site/ and copied beside it for download.
pdf: setup
	@start=$$EPOCHREALTIME; paper="$(or $(PAPER),A4)"; \
	name=offer-guide$(if $(filter Letter,$(PAPER)),-letter).pdf; \
	CHROMIUM="$$($(PY) -m build_tools.chromium --install)" || exit 1; \
	OFFER_GUIDE_PDF=$$name $(PY) -m build_tools.site || exit 1; \
	CHROMIUM="$$CHROMIUM" $(PY) -m build_tools.pdf --site site --paper $$paper --out dist/$$name || exit 1; \
	cp dist/$$name site/$$name; \
	$(PY) -m build_tools.offline site || exit 1; \
	echo "make pdf: dist/$$name (and site/$$name) in $$(awk "BEGIN { printf \"%.1f\", $$EPOCHREALTIME - $$start }") s"

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Lint, then the JavaScript's unit tests, then the engine's and the plugin's
# tests on every CPU (pytest-xdist), each step stopping the target if it fails.
check: lint
	@start=$$EPOCHREALTIME; \
	node --test --test-reporter=dot $(JS_TESTS) || exit 1; \
	$(PY) -m pytest -n auto -q $(CHECK_TESTS) $(PYTEST_ARGS) || exit 1; \
	echo "make check: passed (tests in $$(awk "BEGIN { printf \"%.0f\", $$EPOCHREALTIME - $$start }") s)"

test: lint
	node --test $(JS_TESTS)
	@CHROMIUM="$$($(PY) -m build_tools.chromium --install)" || exit 1; \
	echo "Browser tests use $$CHROMIUM"; \
	CHROMIUM="$$CHROMIUM" $(PY) -m pytest -n auto $(PYTEST_ARGS)

clean:
	rm -rf site dist .pytest_cache

# Builds and serves its own temporary copy of the site (with a bench-only
# baseline page) and drives headless Chromium; writes bench/results.json and
# bench/RESULTS.md. `make bench BENCH_ARGS=--quick` for a smoke run.
bench: setup
	@CHROMIUM="$$($(PY) -m build_tools.chromium --install)" || exit 1; \
	CHROMIUM="$$CHROMIUM" $(PY) -m bench.run $(BENCH_ARGS)

