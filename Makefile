# Rozwój — two commands: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

.PHONY: run test setup install i18n messages chromium system-deps lint check test-postgres benchmark clean

# Serves the site and, beside it, the broker-less loop that sends due reminders; run_embedded restarts either
# if it is killed and stops both (leaving no process behind) on Ctrl+C or when make itself is killed.
run: setup
	$(PY) manage.py load_demo --once
	exec $(PY) manage.py run_embedded $(HOST) --interval 15

test: setup chromium lint check
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

setup: install i18n
	mkdir -p var
	$(PY) manage.py ensure_database
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py protect_stored_files

# Debian packages the application needs: gettext (compilemessages), pango, HarfBuzz's subsetter and fonts
# (WeasyPrint PDFs).
system-deps:
	@missing=""; command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	 ldconfig -p | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	 ldconfig -p | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	 [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	 if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; fi

i18n: install system-deps
	$(PY) manage.py compilemessages -v0 --ignore=.venv

# Regenerate the .po files after changing translatable strings (each app keeps its own catalogue).
messages: install system-deps
	$(PY) scripts/makemessages.py

chromium:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

lint: install
	$(VENV)/bin/ruff check rozwoj tests benchmarks deploy conftest.py
	$(VENV)/bin/ruff format --check rozwoj tests benchmarks deploy conftest.py
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_thin_views.py
	$(VENV)/bin/mypy

check: install
	$(PY) manage.py makemigrations --check --dry-run -v0
	DJANGO_SETTINGS_MODULE=rozwoj.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		COACHING_NOTES_KEYS=$$(head -c 32 /dev/urandom | base64 | tr '+/' '-_') \
		ALLOWED_HOSTS=rozwoj.example.org $(PY) manage.py check --deploy --fail-level WARNING

test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/rozwoj} $(MAKE) test

benchmark: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) var
