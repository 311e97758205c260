# OpenSEND: two commands on a fresh clone, `make demo` and `make test`.
# Needs only Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PYTEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test test-unit test-browser bench lint format lock vendor serve worker clean

install: $(VENV)/.installed

# Reinstall whenever the pinned requirements change.
$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@
	@echo "Installed. The command line is $(BIN)/opensend"

demo: install
	@$(BIN)/opensend migrate --no-input -v 0
	@$(BIN)/opensend demo
	@echo "Serving the demo at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@$(BIN)/opensend runserver $(HOST):$(PORT)

# The whole suite. SQLite by default; PostgreSQL when DATABASE_URL is set.
test: install
	@$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -q

# Unit and service suites only (CI runs these again on PostgreSQL).
test-unit: install
	@$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -q -m "not browser"

test-browser: install
	@$(BIN)/pytest -q -m browser tests/browser

# Time the dashboards on generated data (bench/README.md): a benchmark, not part of `make test`.
BENCH_SCALE ?= small
bench: install
	@$(BIN)/python bench/dashboards.py --scale $(BENCH_SCALE)

lint: install
	@$(BIN)/ruff check opensend tests scripts bench
	@$(BIN)/ruff format --check opensend tests scripts bench

format: install
	@$(BIN)/ruff format opensend tests scripts bench
	@$(BIN)/ruff check --fix opensend tests scripts bench

# Re-pin the whole dependency tree after changing pyproject.toml. uv.lock stays out of git
# (it records download addresses); requirements.lock holds names and versions only.
lock: install
	@$(BIN)/uv lock
	@$(BIN)/uv export --quiet --no-hashes --all-groups --no-emit-project \
		--format requirements-txt -o requirements.lock

# Re-vendor GOV.UK Frontend and axe-core from the npm registry (needs node and npm).
vendor: install
	@$(BIN)/python scripts/vendor_frontend.py

# Serve with gunicorn + whitenoise, configured by the environment (README "Running it for real").
serve: install
	@$(BIN)/opensend collectstatic --no-input -v 0
	@$(BIN)/gunicorn opensend.wsgi --no-control-socket --bind $(HOST):$(PORT) --workers 2

worker: install
	@$(BIN)/opensend db_worker

clean:
	rm -rf $(VENV) staticfiles build opensend.sqlite3 opensend.sqlite3-*
