# Kechuang developer entry points:
#   make demo  - install, load the demo data and serve it on http://127.0.0.1:8000
#   make test  - lint, then the whole suite on SQLite and again on PostgreSQL
#   make lint  - ruff only

VENV := .venv
BIN := $(VENV)/bin
# The first interpreter that really runs and is Python >= 3.11 (pyenv shims may not).
PYTHON3 := $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
	&& { echo $$p; break; }; done)

.PHONY: install demo test lint system-deps
# Prerequisites must run in the order they are listed (system packages before install).
.NOTPARALLEL:

install: $(VENV)/.installed node_modules/.installed
	@mkdir -p var

$(BIN)/python:
	@test -n "$(PYTHON3)" || { echo "Python >= 3.11 is required" >&2; exit 1; }
	@echo "==> Creating $(VENV) with $(PYTHON3)"
	$(PYTHON3) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> Installing Python packages"
	$(BIN)/pip install -q -e '.[test,bench]'
	@touch $@

node_modules/.installed: package-lock.json
	@echo "==> Installing front-end packages"
	npm ci --no-audit --no-fund
	@touch $@

demo: export KECHUANG_DEBUG=1
demo: install
	@echo "==> Preparing the demo database"
	$(BIN)/kechuang migrate --noinput
	$(BIN)/kechuang collectstatic --noinput -v0
	$(BIN)/kechuang demo
	@echo "==> Serving on http://127.0.0.1:8000/ (task worker in the background, log in var/worker.log)"
	@$(BIN)/kechuang db_worker --no-startup-delay > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/kechuang runserver 127.0.0.1:8000

system-deps:
	@bash scripts/install-system-deps.sh

test: system-deps install
	@echo "==> Lint (ruff)"
	$(BIN)/ruff check .
	@# The two databases run side by side (two cores); each log is printed when both are done.
	@echo "==> Tests on SQLite and on PostgreSQL (in parallel)"
	@$(BIN)/python -m pytest -p no:cacheprovider > var/test-sqlite.log 2>&1 & lite=$$!; \
	$(BIN)/python -m pytest --postgres -p no:cacheprovider > var/test-postgres.log 2>&1; pg=$$?; \
	wait $$lite; sqlite=$$?; \
	echo "==> SQLite"; cat var/test-sqlite.log; \
	echo "==> PostgreSQL"; cat var/test-postgres.log; \
	test $$sqlite -eq 0 -a $$pg -eq 0

lint: install
	@echo "==> Lint (ruff)"
	$(BIN)/ruff check .
