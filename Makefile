# Org Design Advisor: `make run` serves the app locally, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version 2>/dev/null || echo 3.12.1)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMPS := $(VENV)/.stamps
HOST := 127.0.0.1
PORT := 8000
SERVE_PORT ?= 8000
# sudo only when not already root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help venv install install-dev chromium run serve test lint format bench review clean

help:
	@echo "make run     install, migrate, load demo data and serve on http://$(HOST):$(PORT)/ (debug)"
	@echo "make serve   production settings: collectstatic, migrate, gunicorn on $(HOST):$(SERVE_PORT)"
	@echo "make test    lint, Django checks, the test suite on SQLite and on PostgreSQL"
	@echo "make review  screenshots of the pages and PNGs of the demo reports in test-artifacts/"
	@echo "make lint | format | bench | clean"

# --- Environment -------------------------------------------------------------------------

venv: $(PY)

$(PY):
	@set -e; \
	if command -v pyenv >/dev/null 2>&1 && [ -x "$$(pyenv root)/versions/$(PYTHON_VERSION)/bin/python3.12" ]; then \
		base="$$(pyenv root)/versions/$(PYTHON_VERSION)/bin/python3.12"; \
	elif command -v python3.12 >/dev/null 2>&1; then \
		base="$$(command -v python3.12)"; \
	else \
		echo "ERROR: Python 3.12 not found. Install it (e.g. pyenv install $(PYTHON_VERSION))." >&2; \
		exit 1; \
	fi; \
	"$$base" -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "ERROR: $$base is not Python 3.12+ (Django 6.1 needs 3.12)." >&2; exit 1; }; \
	echo "Creating $(VENV) with $$base"; \
	"$$base" -m venv $(VENV)

# XStatic-Bootstrap is an sdist whose build needs pkg_resources (setuptools<81), hence the
# build tools first and --no-build-isolation.
$(STAMPS)/build-tools: | $(PY)
	@mkdir -p $(STAMPS)
	$(PIP) install --quiet --disable-pip-version-check "setuptools<81" wheel
	@touch $@

$(STAMPS)/install: requirements.txt $(STAMPS)/build-tools
	$(PIP) install --quiet --disable-pip-version-check --no-build-isolation -r requirements.txt
	@touch $@

$(STAMPS)/install-dev: requirements.txt requirements-dev.txt $(STAMPS)/install
	$(PIP) install --quiet --disable-pip-version-check --no-build-isolation -r requirements-dev.txt
	@touch $@

install: $(STAMPS)/install

# The Nu HTML checker for the HTML test (npm vnu-jar, pinned in package.json and its lock
# file), into node_modules/; it runs on the system's Java.
$(STAMPS)/npm: package.json package-lock.json | $(PY)
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install-dev: $(STAMPS)/install-dev $(STAMPS)/npm

# Debian packages: Chromium for the browser tests (Playwright cannot download its own here),
# poppler-utils (pdftoppm) to look at generated PDFs, wrk and PostgreSQL for the benchmarks.
chromium:
	@set -e; missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; \
	fi

# --- Run ---------------------------------------------------------------------------------

# A local .env for development: debug on and a stable secret key, so sessions survive
# restarts and `manage.py` commands work without exporting anything. Never overwritten.
# Its DJANGO_DEBUG only counts together with DJANGO_DEV_SERVER=1, which only the
# development commands below set: a server started any other way never runs in debug.
.env:
	@printf '# Local development settings written by make run (see .env.example).\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' \
		"$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env for local development."

DEV := DJANGO_DEV_SERVER=1

run: install .env
	$(DEV) $(PY) manage.py migrate --noinput
	@shopt -s nullglob; fixtures=(fixtures/*.json); \
	if [ $${#fixtures[@]} -gt 0 ]; then \
		$(DEV) $(PY) manage.py loaddata "$${fixtures[@]}"; \
	fi
	@echo ""
	@echo "  Org Design Advisor is running at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@echo "  Demo firm: demo / demo-advisor-2026 (owner), demo-consultant / demo-consultant-2026"
	@echo "  (consultant), demo-viewer / demo-viewer-2026 (viewer)"
	@echo ""
	@# The development server serves static files straight from their sources (no
	@# collectstatic, no compression step): start-up stays fast on every run.
	$(DEV) DJANGO_STATIC_PLAIN=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production settings (debug off, https-only cookies and redirects unless
# DJANGO_INSECURE_HTTP=1 for a local trial): gunicorn with gunicorn.conf.py (workers fitted
# to the machine, WEB_CONCURRENCY to override, explicit timeouts). See docs/deploy.md.
serve: install
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(SERVE_PORT)} $(VENV)/bin/gunicorn advisor.wsgi

# --- Quality -----------------------------------------------------------------------------

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The suite runs twice: on SQLite, then on PostgreSQL (a throw-away server that
# .ci/postgres.sh installs, starts on 127.0.0.1 and removes; or the server DATABASE_URL
# names). The PostgreSQL run leaves out the browser tests: they drive the same views the
# SQLite run already covered, while every database behaviour (search, ordering, locking,
# the concurrent saves, the multi-process and fault tests) runs on both.
test: install-dev .env chromium lint
	$(DEV) $(PY) manage.py check --fail-level WARNING
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	@echo "== Test suite on SQLite"
	DATABASE_URL= $(VENV)/bin/pytest
	@echo "== Test suite on PostgreSQL (browser tests excluded)"
	.ci/postgres.sh $(VENV)/bin/pytest --ignore=tests/browser

# Every script in bench/ except the helpers (names starting with an underscore).
bench: install-dev chromium
	@shopt -s nullglob; scripts=(bench/[!_]*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "No benchmarks in bench/."; fi; \
	for script in "$${scripts[@]}"; do \
		echo "== $$script"; $(PY) "$$script" || exit 1; \
	done

# For a person to look at, not a test: every page the browser tests visit, and the first
# pages of the demo scenarios' reports (test-artifacts/screenshots/, test-artifacts/pdf/).
review: install-dev chromium
	$(VENV)/bin/pytest tests/browser --review-shots -q
	$(PY) tools/review_pdfs.py

clean:
	rm -rf staticfiles test-artifacts bench/output .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
