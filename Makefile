# Two commands for a fresh machine: `make site` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: site test serve check golden docs bench clean browser-deps

site: $(STAMP)
	$(BIN)/python build.py

serve: $(STAMP)
	$(BIN)/python build.py serve

check: $(STAMP)
	$(BIN)/python build.py check

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEVSTAMP): requirements.txt requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The browser tests drive Debian's chromium; install it when missing (CI runs as root).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium with apt-get"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a Java runtime for the HTML validator"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# axe-core, pinned, for the accessibility tests (tests/browser/test_a11y.py injects it into pages).
AXE_VERSION := 4.14.1
AXE_STAMP := node_modules/.axe-core-$(AXE_VERSION)

$(AXE_STAMP):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing npm with apt-get"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --prefix . --no-save --no-package-lock --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION)
	touch $@

test: $(DEVSTAMP) browser-deps $(AXE_STAMP)
	$(BIN)/python -m pytest -n 2 -q tests

golden: $(STAMP)
	$(BIN)/python tests/regenerate_golden.py

docs: $(STAMP)
	$(BIN)/python -m exguide.commands.docs

BENCHSTAMP := $(VENV)/.installed-bench

$(BENCHSTAMP): bench/requirements.txt $(DEVSTAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# Figures only, no asserts, never part of `make test`: builds side by side with Hugo + Pagefind,
# what each speed-up buys, and serve's save-to-reload latency (README: performance).
bench: $(BENCHSTAMP) browser-deps
	test -d bench/corpus/fedb-873 || $(BIN)/python bench/make_corpus.py
	test -d bench/corpus/fedb-4000 || $(BIN)/python bench/make_corpus.py --count 4000
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ways.py
	$(BIN)/python bench/serve_latency.py
	$(BIN)/python bench/serve_stages.py
	$(BIN)/python bench/routines_bench.py
	$(BIN)/python bench/media.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf output .output.spare .output.staging .cache
