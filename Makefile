# Twinning: `make run` serves the demo world, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist); `make test WORKERS=0` runs the suite serially in one process.
WORKERS ?= auto

.PHONY: install run collectstatic test test-browser test-postgres bench lint format messages clean serve test-worker bench-scale bench-load schemathesis

# Compiled translations are built from the tracked .po files (never committed: binary files do not merge).
MESSAGES := twinning/locale/de/LC_MESSAGES/django.mo twinning/locale/en/LC_MESSAGES/django.mo

install: $(VENV)/.installed node_modules/.installed $(MESSAGES)

twinning/locale/%/LC_MESSAGES/django.mo: twinning/locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

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
	$(BIN)/twinning demo
	$(BIN)/twinning runserver $(HOST):$(PORT)

# Production: collect the static files (the manifest storage of the production settings needs them;
# without them the server refuses to start and `twinning check` names the missing file).
collectstatic: install
	$(BIN)/twinning collectstatic --no-input -v0

test: install
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

# The API against its own OpenAPI document (schemathesis, all checks) on a throw-away SQLite world.
schemathesis: install
	bash .ci/schemathesis

# The browser suite (tests/browser): chromium from Debian (.ci/setup-system), screenshots in var/screenshots.
test-browser: install
	$(BIN)/python -m pytest -m browser tests/browser tests/security -p no:xdist $(PYTEST_ARGS)

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

# Background jobs through a real Celery worker (needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL).
test-worker: install
	$(BIN)/python -m pytest -m worker tests/jobs -p no:xdist $(PYTEST_ARGS)

# Scale benchmark on PostgreSQL (not part of make test; about an hour at scales 1 and 10).
bench-scale: install
	$(BIN)/python bench/scale.py --scales $(or $(SCALES),1,10)

# Bounded load test of the production server on 127.0.0.1 (at most two minutes of load).
bench-load: install
	$(BIN)/python bench/load.py

# Production shape on this machine: collected, compressed static files, gunicorn and (with
# CELERY_BROKER_URL) a Celery worker. SECRET_KEY comes from the environment or var/secret-key.
PROD := DJANGO_SETTINGS_MODULE=twinning.config.settings.production
SERVE_BIND ?= 127.0.0.1:8000

var/secret-key:
	mkdir -p var && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@ && chmod 600 $@

serve: install var/secret-key
	export SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}"; \
	$(PROD) $(BIN)/twinning collectstatic --no-input -v0 && \
	$(PROD) $(BIN)/twinning migrate --no-input -v0 && \
	$(PROD) $(BIN)/twinning check --deploy --fail-level ERROR && \
	$(PROD) exec $(BIN)/twinning serve --bind $(SERVE_BIND)

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
