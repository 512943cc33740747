# Two commands on a fresh machine: `make demo` plans the demo scenario, `make test` runs the tests.
# Each creates the virtualenv (.venv) and installs the project on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/planner check scenarios/demo.yaml
	$(BIN)/planner plan scenarios/demo.yaml --time-limit 30 -o out/plan.json --format html --report out/

test: $(STAMP)
	$(BIN)/ruff check planner tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check planner tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
