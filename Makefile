# The two commands of README.md: `make run` sets up and runs the service, `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app

.PHONY: run test setup browser lint bench

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/installed

run: setup
	@$(FLASK) check-redis
	$(FLASK) db upgrade
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" PORT=$${PORT:-5000} $(VENV)/bin/honcho start -f Procfile

# The console's browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
browser:
	@[ -x /usr/bin/chromium ] || { apt-get update -qq && \
	  apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-color-emoji; }

test: setup browser
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/webhook.py
	$(PY) bench/classify.py
