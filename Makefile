# Everything a fresh machine with Python 3.11 and make needs: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHOUYUE := $(BIN)/shouyue
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: demo serve test test-only lint bench install dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

## make demo: set up, migrate, seed demo data and serve on http://127.0.0.1:8000
demo: $(VENV)/.installed
	$(SHOUYUE) demo

serve: $(VENV)/.installed
	$(SHOUYUE) serve

## make test: set up, lint, and run the whole suite (SQLite unless SHOUYUE_TEST_DATABASE_URL is set)
test: $(VENV)/.installed-dev lint test-only

test-only: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/shouyue/privacy
	$(BIN)/lint-imports

## make bench: every benchmark, each printing medians and ratios measured side by side
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/vault.py
	$(BIN)/python bench/audit.py
	$(BIN)/python bench/pi_detection.py
	$(BIN)/python bench/login.py
	$(BIN)/python bench/orders.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
