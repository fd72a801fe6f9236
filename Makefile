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

test: $(DEVSTAMP) browser-deps
	$(BIN)/python -m pytest -n 2 -q tests

golden: $(STAMP)
	$(BIN)/python tests/regenerate_golden.py

docs: $(STAMP)
	$(BIN)/python -m exguide.docs

bench: $(DEVSTAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf output .cache
