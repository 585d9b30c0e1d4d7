# Entry points, each making its own virtual environment with only Python 3.11:
#   make demo   install, then print the attributed digest of the bundled example articles
#   make test   install with the dev tools (and the dask extra), then run ruff, mypy and the whole test suite (what CI runs)
#   make feeds-demo  follow five outlets' feeds served on loopback, ingest twice, print the day's digest
#   make fast   the same without the tests marked slow (servers, browser, benchmarks, fresh
#               interpreters): the edit-test loop, under 30 s
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo feeds-demo test fast lint typecheck pytest clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/summarizer summarize summarizer/examples --max-words 150 --format text

feeds-demo: $(VENV)/.installed
	$(BIN)/python -m scripts.feeds_demo

lint: $(VENV)/.installed
	$(BIN)/ruff check summarizer api tests benchmarks scripts gunicorn.conf.py
	$(BIN)/ruff format --check summarizer api tests benchmarks scripts gunicorn.conf.py

typecheck: $(VENV)/.installed
	$(BIN)/mypy

pytest: $(VENV)/.installed
	$(BIN)/python -m pytest

test: lint typecheck pytest

fast: lint typecheck
	$(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
