# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6.1 needs Python >= 3.12. Take the first interpreter that qualifies:
# an explicit PYTHON=..., python3.13/python3.12 on PATH, python3 (pyenv honours
# .python-version), then pyenv's own installs.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[2-9])
FOUND_PYTHON := $(shell for c in $(PYTHON_CANDIDATES); do \
	if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo "$$c"; break; fi; done)

VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=

# The Nu HTML checker for tests/test_valid_html.py (Java), from the npm registry.
VNU_VERSION := 26.9.27
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: help run test lint test-postgres browser tools varnish nginx serve bench clean

help:
	@echo "make run   - install, migrate, load demo content, serve on http://127.0.0.1:8000/"
	@echo "make test  - install dev tools, lint, check migrations, run the whole test suite"
	@echo "make serve - production-style: collectstatic, migrate, gunicorn"
	@echo "make bench - load test at 100,000 stories on SQLite and PostgreSQL"

$(BIN)/python:
	@if [ -z "$(FOUND_PYTHON)" ]; then \
		echo "error: Newsroom needs Python >= 3.12 (Django 6.1). Install python3.12 or" \
		     "python3.13 (e.g. 'apt-get install python3.13' or 'pyenv install 3.12')," \
		     "or run 'make PYTHON=/path/to/python3.12 ...'." >&2; exit 1; fi
	@echo "Using $(FOUND_PYTHON) ($$($(FOUND_PYTHON) --version))"
	$(FOUND_PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

# The local demo runs with DEBUG on so Django's server serves static and media.
run: export DEBUG ?= 1
run: export NEWSROOM_DEMO ?= 1
# The demo accounts sign in by password; a second factor stays optional here
# (production requires it of editors and administrators).
run: export NEWSROOM_TWO_FACTOR_REQUIRED ?= 0
run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo
	$(MANAGE) schedule_newsletters
	@# Background work (purges, newsletters) runs beside the server, and stops with it.
	$(MANAGE) db_worker --interval 0.5 & worker=$$!; trap "kill $$worker" EXIT; \
		$(MANAGE) runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; install it when we can (root + apt).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "note: /usr/bin/chromium missing; browser tests will be skipped"; fi; fi

# Java and npm for the Nu HTML checker, Varnish with vmod-xkey for the HTTP
# cache test, nginx for the reverse-proxy test; installed when we can (root +
# apt).
tools: $(VNU_JAR) varnish nginx
nginx:
	@if [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing nginx-light"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq nginx-light >/dev/null; \
		else echo "note: nginx missing; the reverse-proxy test will be skipped"; fi; fi
varnish:
	@if [ ! -x /usr/sbin/varnishd ] || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Varnish and varnish-modules"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq varnish varnish-modules >/dev/null; \
		else echo "note: varnishd missing; the Varnish test will be skipped"; fi; fi
$(VNU_JAR):
	@if ! command -v java >/dev/null || ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Java and npm for the HTML checker"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq default-jre-headless npm >/dev/null; \
		fi; fi
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .tools vnu-jar@$(VNU_VERSION); \
	else echo "note: npm missing; the HTML validity test will be skipped"; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Two processes (pytest-xdist), one per core: 6 minutes instead of 9½. The
# PostgreSQL pass below stays in one: its tests flush one shared Redis database.
test: $(VENV)/.installed-dev browser tools lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The same suite against PostgreSQL (127.0.0.1:5432) with the Redis cache
# (127.0.0.1:6379, database 1, which the tests flush).
test-postgres: $(VENV)/.installed-dev browser tools
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/1} \
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

# Production-style serving: hashed static files through WhiteNoise, gunicorn.
serve: $(VENV)/.installed
	STATIC_MANIFEST=1 $(MANAGE) collectstatic --noinput -v0
	STATIC_MANIFEST=1 $(MANAGE) migrate --noinput
	STATIC_MANIFEST=1 $(MANAGE) createcachetable
	STATIC_MANIFEST=1 $(MANAGE) schedule_newsletters
	STATIC_MANIFEST=1 $(MANAGE) db_worker --interval 0.5 --no-reload & worker=$$!; \
		trap "kill $$worker" EXIT; \
		STATIC_MANIFEST=1 $(BIN)/gunicorn newsroom.wsgi --workers $${WEB_CONCURRENCY:-2} \
		--bind $${BIND:-127.0.0.1:8000} --access-logfile -

# Load test at 100,000 stories on SQLite and PostgreSQL (see bench/README.md).
bench: $(VENV)/.installed-dev varnish
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "error: wrk is needed: apt-get install wrk" >&2; exit 1; fi; fi
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .tools db.sqlite3 media staticfiles .pytest_cache test-artifacts
