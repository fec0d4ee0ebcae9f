# digibot: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= sqlite:///digibot-demo.sqlite3
DEMO_AS ?= demo.koordinator@bergen.kommune.no

.PHONY: demo test lint bench clean venv

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/digibot demo --db $(DEMO_DB)
	$(BIN)/digibot chat --db $(DEMO_DB) --as $(DEMO_AS)

test: venv
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -rs

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	touch $@

bench: venv $(VENV)/.bench-installed
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) digibot-demo.sqlite3* .pytest_cache
