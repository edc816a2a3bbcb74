# Twinning: `make run` serves the demo world, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist); `make test WORKERS=0` runs the suite serially in one process.
WORKERS ?= auto

.PHONY: install run test test-postgres bench lint format messages clean schemathesis

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	$(BIN)/twinning migrate --no-input
	$(BIN)/twinning compilemessages --ignore=.venv --ignore=node_modules -v0 || true
	$(BIN)/twinning demo
	$(BIN)/twinning runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

# The API against its own OpenAPI document (schemathesis, all checks) on a throw-away SQLite world.
schemathesis: install
	bash .ci/schemathesis

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check twinning tests bench
	$(BIN)/ruff format --check twinning tests bench
	$(BIN)/mypy twinning

format: install
	$(BIN)/ruff check --fix twinning tests bench
	$(BIN)/ruff format twinning tests bench

messages: install
	cd twinning && ../$(BIN)/twinning makemessages -l de -l en --ignore=migrations

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
