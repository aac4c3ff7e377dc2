# One command per loop. `make test` is the command CI runs (.ci/run) and the README gives.
PYTHON ?= python3

.PHONY: install install-dev run test lint bench build

install:
	$(PYTHON) -m pip install -r requirements.txt

install-dev:
	$(PYTHON) -m pip install -r requirements-dev.txt

run: install
	$(PYTHON) -m streamlit run dashboard.py

build:
	$(PYTHON) -m lib.build seeds

lint:
	$(PYTHON) -m ruff check .

test: install-dev lint
	$(PYTHON) -m pytest

bench:
	$(PYTHON) bench/build.py
