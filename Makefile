# GovPortal — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test lint lint-ruff lint-imports bench ci install install-dev migrate demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run — install, migrate, load the demo cluster once, serve with the worker.
run: install
	@bin/run-embedded "$(HOST)" "$(PORT)"

## make serve — the production shape on one machine: nginx on PORT (default 8080) serving
## pre-rendered pages, gunicorn, the worker, PostgreSQL + Redis (docs/deploy.md). Ctrl-C stops it.
serve: install
	@PORT=$(if $(filter command line environment,$(origin PORT)),$(PORT),8080) bin/serve

## make test — the whole suite (unit, integration, browser). PYTEST_ARGS adds pytest options.
PYTEST_ARGS ?=
test: install-dev
	@bin/test $(PYTEST_ARGS)

## make lint — ruff, and the layer contract of pyproject.toml (import-linter, ADR 0012).
lint: lint-ruff lint-imports

lint-ruff: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint-imports: install-dev
	$(BIN)/lint-imports --no-cache

bench: install-dev
	@bin/bench

## make ci — what CI runs: lint, migrations, deploy check, tests on SQLite and PostgreSQL+Redis.
ci:
	@bash .ci/run

clean:
	rm -rf var/
