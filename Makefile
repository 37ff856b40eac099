# The two quick-start commands: `make run` and `make test`. Each creates .venv when missing;
# `make run` installs only what the tour needs (the runtime dependencies and the report
# extra), `make test` adds what the tests, the linters and the docs build need (the dev extra).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-stamp
STAMP := $(VENV)/.installed-stamp
DOCS_STAMP := $(VENV)/.docs-stamp
DOCS_OUT := docs/_build/html

# The oldest versions of the runtime dependencies that pyproject.toml admits, tested in CI.
MIN_DEPS := "pydantic==2.6.4" "pandas==2.2.3" "pyarrow==17.0.0" "click==8.2.0" "numpy<2" "pytest>=8" "hypothesis>=6"
VENV_MIN := .venv-min
MIN_STAMP := $(VENV_MIN)/.installed-stamp

.PHONY: run test test-min lint docs bench bench-quick fuzz clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[report]"
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

$(DOCS_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[docs]"
	touch $(DOCS_STAMP)

run: $(RUN_STAMP)
	$(PY) examples/quickstart.py out

test: $(STAMP)
	$(PY) -m pytest -q

$(MIN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV_MIN)
	$(VENV_MIN)/bin/python -m pip install -q --upgrade pip
	$(VENV_MIN)/bin/python -m pip install -q $(MIN_DEPS)
	$(VENV_MIN)/bin/python -m pip install -q --no-deps -e .
	touch $(MIN_STAMP)

# the test suite against the minimum dependency versions (tests needing geopandas skip)
test-min: $(MIN_STAMP)
	$(VENV_MIN)/bin/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests examples bench docs/conf.py
	$(VENV)/bin/ruff format --check src tests examples bench docs/conf.py
	$(VENV)/bin/mypy src

# the documentation site, offline, from scratch (-E) with warnings as errors
docs: $(DOCS_STAMP)
	$(PY) -m sphinx -E -W --keep-going -q -b html docs $(DOCS_OUT)
	@echo "built $(DOCS_OUT)/index.html"

# every method against the pyarrow floor at 646k and 3.2M rows, then the other benchmarks
bench: $(STAMP)
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) bench/run_all.py

# the same comparison on 100k-row inputs, in under two minutes
# the long fuzz run: 400 mutants per family, streamed in 64 KiB blocks too (tests/fuzz_harness.py)
fuzz: $(STAMP)
	$(PY) bench/fuzz.py --per-family 400 --block-size 65536

bench-quick: $(STAMP)
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) bench/run_all.py --quick

clean:
	rm -rf $(VENV) $(VENV_MIN) out docs/_build docs/python-api
