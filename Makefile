# Everyday commands. Needs only python3 (3.11) and make on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

# With no DATABASE_URL, commands that need a database run on the project's own PostgreSQL, started
# from a pip wheel in .pgdata/ and stopped when they end (shieldsite/devdb.py). DATABASE_URL wins.
DEVDB = $(if $(DATABASE_URL),,$(PY) -m shieldsite.devdb $(if $(1),--only-one $(1)))

.PHONY: install run demo test lint format bench messages clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(call DEVDB,run) $(MAKE) --no-print-directory demo

# The steps of `make run`, on whatever DATABASE_URL says.
demo:
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py seed_demo_complaints --if-empty
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(call DEVDB,test) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(call DEVDB) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# All benchmarks, one Markdown report (bench-report.md). Quick look: make bench BENCH_SCALE=0.05
BENCH_SCALE ?= 1
# The API benchmark also loads the server with wrk (Debian's package) when apt can install it.
bench: install
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -q wrk >/dev/null 2>&1 || \
	  { apt-get update -q && apt-get install -y -q wrk; } >/dev/null 2>&1 || \
	  echo "(wrk is not installed: the API benchmark uses only its Python client)"
	BENCH_SCALE=$(BENCH_SCALE) $(call DEVDB,bench) $(PY) -m tests.bench $(BENCH)

messages: install
	$(call DEVDB) $(PY) manage.py makemessages -l en --ignore=.venv --ignore=.pgdata
	$(call DEVDB) $(PY) manage.py compilemessages --ignore=.venv --ignore=.pgdata

# Stops the project's PostgreSQL first (refused while a `make run` or `make test` uses it).
clean:
	test ! -d .pgdata || ! test -x $(PY) || $(PY) -m shieldsite.devdb --stop
	rm -rf $(VENV) .pgdata staticfiles .pytest_cache
