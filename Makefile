# Newsroom: the README's commands. Each target sets up what it needs on a fresh machine.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/newsroom

.PHONY: run test test-sqlite test-postgres lint format bench install demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## make run: set up and serve the site with the demo content on http://127.0.0.1:8000/
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py import_briefings --publish fixtures/
	$(BIN)/python manage.py demo_accounts
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: the whole suite on SQLite, then again on PostgreSQL when DATABASE_URL names one
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) test-postgres; \
	else echo "DATABASE_URL is not set: the PostgreSQL run is skipped (.ci/run sets it)."; fi

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@case "$$DATABASE_URL" in postgres*) ;; \
	*) echo "test-postgres needs DATABASE_URL=postgres://…"; exit 1;; esac
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
