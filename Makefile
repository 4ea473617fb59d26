# One entry point for people and CI. `make serve` builds and serves the
# guide; `make test` runs every test. Both set up what they need first.

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

.PHONY: help setup build serve test lint pdf bench clean

help:
	@echo "make serve   build the guide and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make build   build the guide into site/"
	@echo "make test    run every test (unit, build, browser)"
	@echo "make pdf     write the guide as a PDF under dist/"
	@echo "make bench   measure speed and size into bench/"
	@echo "make lint    ruff"

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

test: setup
	@CHROMIUM="$$($(PY) -m build_tools.chromium --install)" || exit 1; \
	echo "Browser tests use $$CHROMIUM"; \
	CHROMIUM="$$CHROMIUM" $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site dist .pytest_cache

# Builds and serves its own temporary copy of the site (with a bench-only
# baseline page) and drives headless Chromium; writes bench/results.json and
# bench/RESULTS.md. `make bench BENCH_ARGS=--quick` for a smoke run.
bench: setup
	@CHROMIUM="$$($(PY) -m build_tools.chromium --install)" || exit 1; \
	CHROMIUM="$$CHROMIUM" $(PY) -m bench.run $(BENCH_ARGS)

