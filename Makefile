# Newsroom: the README's commands. Each target sets up what it needs on a fresh machine.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/newsroom

.PHONY: run screenshots serve test test-sqlite test-postgres lint format bench install lock demo clean backup restore

# Every machine installs the exact releases in requirements.lock (hash-checked), then the
# project itself without resolving anything again: a fresh machine next month gets what
# the suite passed with, not whatever was released since.
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The test tools from npm (axe-core, vnu.jar), reinstalled when package-lock.json changes.
# --ignore-scripts: vnu-jar's postinstall would download a JDK; the system's java runs the jar.
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
	&& touch $(NODE_STAMP); else echo "npm is missing: the browser and HTML validity tests will skip."; fi

## make run: set up and serve the site with the demo content on http://127.0.0.1:8000/
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py import_briefings --publish fixtures/
	$(BIN)/python manage.py demo_content
	$(BIN)/python manage.py demo_images
	$(BIN)/python manage.py demo_accounts
	@# The background worker (emails, webhooks) runs beside the server and stops with it.
	$(BIN)/python manage.py worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make screenshots: the README's pictures of the live briefing (375 and 1280 px) in
## docs/screenshots/, taken from the demo served on a spare port with its own database.
SHOT_PORT ?= 8765
SHOT_DB := $(CURDIR)/.screenshots.sqlite3
screenshots: $(STAMP)
	rm -f $(SHOT_DB)
	export DATABASE_URL=sqlite:///$(SHOT_DB); \
	$(BIN)/python manage.py migrate --no-input --verbosity 0 \
	&& $(BIN)/python manage.py collectstatic --no-input --verbosity 0 \
	&& $(BIN)/python manage.py import_briefings --publish fixtures/ >/dev/null \
	&& path=$$($(BIN)/python manage.py demo_content | sed -n 's/.*Live briefing: //p') \
	&& $(BIN)/python manage.py demo_images >/dev/null \
	&& { $(BIN)/python manage.py runserver --noreload $(HOST):$(SHOT_PORT) >/dev/null 2>&1 & server=$$!; \
	trap 'kill $$server 2>/dev/null; rm -f $(SHOT_DB)' EXIT INT TERM; \
	for i in 1 2 3 4 5 6 7 8 9 10; do curl -fs -o /dev/null http://$(HOST):$(SHOT_PORT)/healthz && break; sleep 1; done; \
	$(BIN)/python scripts/screenshots.py --base http://$(HOST):$(SHOT_PORT) --out $(SHOT_DB).d $$path \
	&& mkdir -p docs/screenshots && for f in $(SHOT_DB).d/*.png; do \
	mv "$$f" "docs/screenshots/live-briefing-$${f##*-}"; done; rm -rf $(SHOT_DB).d; }

## make serve: the production stack on http://127.0.0.1:8000/ — gunicorn (gunicorn.conf.py),
## DEBUG off, hashed and compressed static files — over plain HTTP, since it is local.
serve: $(STAMP)
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py migrate --no-input
	env -u DJANGO_DEBUG DJANGO_SECURE_SSL_REDIRECT=0 GUNICORN_BIND=$(HOST):$(PORT) \
		$(BIN)/gunicorn -c gunicorn.conf.py

## make test: the whole suite on SQLite, then again on PostgreSQL when DATABASE_URL names one
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) test-postgres; \
	else echo "DATABASE_URL is not set: the PostgreSQL run is skipped (.ci/run sets it)."; fi

test-sqlite: $(STAMP) $(NODE_STAMP)
	env -u DATABASE_URL NEWSROOM_POSTGRES_RUN_URL="$$DATABASE_URL" $(BIN)/pytest $(PYTEST_ARGS) -m "not isolated"
	env -u DATABASE_URL NEWSROOM_POSTGRES_RUN_URL="$$DATABASE_URL" $(BIN)/pytest $(PYTEST_ARGS) -m isolated

test-postgres: $(STAMP) $(NODE_STAMP)
	@case "$$DATABASE_URL" in postgres*) ;; \
	*) echo "test-postgres needs DATABASE_URL=postgres://…"; exit 1;; esac
	$(BIN)/pytest $(PYTEST_ARGS) -m "not isolated and not once"
	$(BIN)/pytest $(PYTEST_ARGS) -m isolated

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/run.py

## make backup: a consistent copy of the database in backups/, safe while the site runs
backup: $(STAMP)
	$(BIN)/python manage.py backup_database

## make restore FILE=backups/newsroom-….sqlite3 (or .dump): replace the database with it
restore: $(STAMP)
	$(BIN)/python manage.py restore_database $(FILE)

## make lock: resolve requirements.lock again from pyproject.toml (see README, "Dependencies").
## UPGRADE=django upgrades one package; UPGRADE=all takes the newest release of everything.
lock: $(STAMP)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --quiet \
		--python-version 3.11 --universal \
		$(if $(filter all,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE))) \
		-o $(LOCK)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
