# Two commands do all the set-up: `make serve` and `make test`.
# Both create .venv on first use and reinstall when the lock changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The site generator: `properdocs`, MkDocs' drop-in fork, builds the same site.
SITE_GENERATOR := mkdocs
# The lock `ecotone init` gives a new directory: Ecotone's own dependencies.
INIT_LOCK := src/ecotone/templates/init/requirements.txt
# The same options as a directory's own `make lock`, so both locks read alike.
LOCK_OPTIONS := --quiet --generate-hashes --universal --python-version 3.11 --no-emit-package ecotone

.PHONY: serve build test lint format validate bench lock clean

# Every package at the version and hash the lock holds, then Ecotone itself
# from this checkout (its dependencies are all in the lock; `pip check` says so).
$(STAMP): requirements.txt requirements.in pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.in
	$(BIN)/python -m pip check
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/$(SITE_GENERATOR) serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/$(SITE_GENERATOR) build --strict

validate: $(STAMP)
	$(BIN)/ecotone validate

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_incremental.py
	$(BIN)/python scripts/bench_browser.py
	$(BIN)/python scripts/bench_validate.py
	$(BIN)/python scripts/bench_ecosystem.py
	$(BIN)/python scripts/bench_pages.py
	$(BIN)/python scripts/bench_adversarial.py
	# Lighthouse comes from npm: run only where npm is installed.
	if command -v npm >/dev/null; then $(BIN)/python scripts/bench_lighthouse.py; \
	else echo "scripts/bench_lighthouse.py skipped: it needs npm"; fi

# Refreshes both locks from pyproject.toml, keeping every version that still
# fits; `make lock ARGS=--upgrade` takes the newest release of everything.
lock: $(STAMP)
	$(BIN)/uv pip compile requirements.in $(LOCK_OPTIONS) $(ARGS) -o requirements.txt
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  echo "ecotone @ file://$(CURDIR)" > "$$tmp/requirements.in" && \
	  cp $(INIT_LOCK) "$$tmp/requirements.txt" && \
	  (cd "$$tmp" && "$(CURDIR)/$(BIN)/uv" pip compile requirements.in $(LOCK_OPTIONS) $(ARGS) -o requirements.txt) && \
	  cp "$$tmp/requirements.txt" $(INIT_LOCK)

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis .ecotone-cache
