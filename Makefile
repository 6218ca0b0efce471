# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
# Tests run against a real PostgreSQL; CI passes its own DATABASE_URL.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format migrations-check browser nginx bench clean deploy-tools deploy-local deploy-local-stop

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

# axe-core for the accessibility checks of the browser tests, from npm (never a CDN).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's chromium drives the browser tests (Playwright cannot download its own here).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Debian's nginx and its headers-more module: the front of deploy/nginx, used by tests/portal.
NGINX_MODULE := /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so
nginx:
	@test -x /usr/sbin/nginx -a -f $(NGINX_MODULE) || { \
	  echo "installing Debian's nginx for the reverse-proxy tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    nginx libnginx-mod-http-headers-more-filter; }

run: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_authorities
	DEBUG=1 $(PY) manage.py import_notice data/seeds/000_fc6201608e7ab29d.txt
	DEBUG=1 $(PY) manage.py load_catalogue
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: $(VENV)/.installed node_modules/.installed browser nginx deploy-tools lint migrations-check
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	@command -v wrk >/dev/null || { \
	  echo "installing wrk from Debian for the bench"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .test-private-media

# The production topology on one machine (deploy/local/): nginx → 2 gunicorn → PgBouncer →
# PostgreSQL primary + streaming replica, Redis. http://127.0.0.1:9580/
deploy-tools:
	@for p in nginx pgbouncer; do command -v $$p >/dev/null || { \
	  echo "installing Debian's $$p"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$p; }; done

deploy-local: $(VENV)/.installed deploy-tools
	bash deploy/local/up.sh

deploy-local-stop:
	bash deploy/local/down.sh
