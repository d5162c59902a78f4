# GovPortal — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint bench install install-dev migrate demo clean

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

## make test — the whole suite (unit, integration, browser).
test: install-dev
	@bin/test

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev
	@bin/bench

clean:
	rm -rf var/
