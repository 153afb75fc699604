# congso — the two commands a newcomer needs:
#   make run    set up (venv, locked dependencies, SQLite under var/, demo data) and serve
#               http://127.0.0.1:8000/
#   make test   every CI gate: ruff, manage.py check, makemigrations --check, all tests
# PostgreSQL is used when DATABASE_URL is set, SQLite otherwise (config/settings/base.py).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Never let uv fetch a Python of its own: .python-version names the one to use.
export UV_PYTHON_DOWNLOADS := never

# uv from PATH; on a bare machine, a private copy installed into .tools/ with pip.
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(strip $(UV)),)
UV := .tools/bin/uv
UV_BOOTSTRAP := .tools/bin/uv
endif

RUN := $(UV) run --frozen
MANAGE := $(RUN) python manage.py
TEST_MANAGE := DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE)
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-m 'not browser' -x"`.
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; each has its own test database (SQLite
# file per process, PostgreSQL test_<name>_gw<N>). `make test PYTEST_WORKERS=0` runs serially.
PYTEST_WORKERS ?= auto
# Directories compilemessages must not descend into (it walks the whole tree).
MSG_IGNORE := --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=.git --ignore=var

.PHONY: help run test lint fmt sync messages clean clean-all bench

help:
	@echo "make run        set up and serve the demo portal on http://127.0.0.1:8000/"
	@echo "make test       ruff, manage.py check, makemigrations --check, every test"
	@echo "make lint       ruff check and format check"
	@echo "make fmt        ruff format, then ruff check --fix"
	@echo "make bench      wrk against gunicorn + PostgreSQL (congso_bench), 20,000 news items"
	@echo "make clean      remove test artefacts (keeps the demo database)"
	@echo "make clean-all  also remove var/ (demo database, accounts), node_modules, .tools"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

sync: $(UV_BOOTSTRAP)
	$(UV) sync --frozen

# axe-core for the accessibility tests; reinstalled only when the lock file changes.
node_modules/.congso-installed: package-lock.json package.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Compile translation catalogues when there are any and gettext is installed.
messages: sync
	@if command -v msgfmt >/dev/null 2>&1 \
	    && find locale locale_admin congso -name '*.po' 2>/dev/null | grep -q .; then \
	  echo "$(TEST_MANAGE) compilemessages"; \
	  $(TEST_MANAGE) compilemessages $(MSG_IGNORE) --verbosity 0; \
	fi

run: sync messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) demo_accounts
	@# The task worker runs beside the dev server and stops with it.
	@# Its log goes to var/worker.log, so that the console keeps the accounts and requests.
	@$(MANAGE) db_worker --no-reload --queue-name '*' >>var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	echo "Task worker started (pid $$worker, log in var/worker.log); serving http://127.0.0.1:8000/"; \
	$(MANAGE) runserver 127.0.0.1:8000

test: sync node_modules/.congso-installed messages
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(TEST_MANAGE) check
	$(TEST_MANAGE) makemigrations --check --dry-run
	$(RUN) pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Benchmarks (bench/README.md): production settings under gunicorn, PostgreSQL database
# congso_bench (BENCH_DATABASE_URL), Redis, wrk. E.g. `make bench BENCH_ARGS="--count 2000"`.
BENCH_ARGS ?=
bench: sync
	$(RUN) python bench/run.py $(BENCH_ARGS)

lint: sync
	$(RUN) ruff check .
	$(RUN) ruff format --check .

fmt: sync
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

clean:
	rm -rf var/test*.sqlite3 var/test*.sqlite3-* var/test-media var/ci test-results .pytest_cache
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -path ./.tools -prune \
	  -o -name __pycache__ -type d -prune -exec rm -rf {} +

clean-all: clean
	rm -rf var node_modules .tools
