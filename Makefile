# Consortia — the commands in README.md. Everything the project needs is installed from here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
VENDOR := consortia/static/vendor
PG_URL ?= postgres://postgres@127.0.0.1:5432/consortia

.PHONY: install assets chromium system-libs demo serve stack-up stack-down test checks lint migrations-check typecheck unit e2e bench audit clean

install: $(INSTALLED) $(VENDOR)/.installed system-libs

# WeasyPrint (PDF documents) draws text with Pango; install Debian's when it is missing.
system-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Installing Debian's Pango for PDF documents"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Bootstrap and HTMX come from npm at set-up and are served by Consortia itself (no CDN).
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

assets: $(VENDOR)/.installed

# Browser tests drive Debian's Chromium; install it when it is missing (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

.env:
	cp .env.example .env
	echo "CONSORTIUM_NAME=Lancashire Community Partnership" >> .env
	sed -i "s|^SECRET_KEY=$$|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env

demo: install .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Consortia is at http://127.0.0.1:8000 — the demo logins are in README.md."
	$(MAKE) --no-print-directory serve

# The web server and, beside it, the worker that runs big imports in the background; stopping
# the server (Ctrl-C) stops the worker too.
serve: install .env
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

# A production-like stack on loopback (deploy/stack.py): nginx on http://127.0.0.1:8000 sharing
# requests between two gunicorns, an RQ worker on Redis, PostgreSQL, DEBUG off. DATABASE=name
# serves another PostgreSQL database (created and given the demo when new).
stack-up: install
	$(BIN)/python deploy/stack.py up $(if $(DATABASE),--database $(DATABASE))

stack-down:
	$(BIN)/python deploy/stack.py down

# Known vulnerabilities in the locked packages, from PyPI's advisory data. It reads the lock
# only (--no-deps --disable-pip: every package is pinned), so nothing is resolved or installed.
audit: install
	$(BIN)/pip-audit -r requirements.lock --strict --progress-spinner off --no-deps --disable-pip

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

migrations-check: install
	DJANGO_SETTINGS_MODULE=consortia.config.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=consortia.config.settings_test $(BIN)/python manage.py check

unit: install
	$(BIN)/pytest -n 2 --ignore=tests/e2e

e2e: install chromium
	$(BIN)/pytest tests/e2e

# Lint, types and the migrations check read the code, not the database: `make test` skips them
# when they have passed for exactly these files already (as when .ci/run runs it a second time,
# on PostgreSQL). The fingerprint covers every file git would commit, changed or new.
FINGERPRINT = $(shell git ls-files -co --exclude-standard -z | xargs -0 cat 2>/dev/null | sha1sum | cut -c1-40)
CHECKED := .checks-passed

checks: install
	@if [ -f $(CHECKED) ] && [ "$$(cat $(CHECKED))" = "$(FINGERPRINT)" ]; then \
	  echo "Lint, types and the migrations check passed already for these files."; \
	else \
	  $(MAKE) --no-print-directory lint migrations-check && echo "$(FINGERPRINT)" > $(CHECKED); \
	fi

# One run of everything (checks, then unit, integration and browser tests over both cores).
test: checks chromium
	$(BIN)/pytest -n 2

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache .mypy_cache .ruff_cache $(CHECKED)
