# The two quick-start commands: `make run` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# The oldest versions of the runtime dependencies that pyproject.toml admits, tested in CI.
MIN_DEPS := "pydantic==2.6.4" "pandas==2.2.3" "pyarrow==17.0.0" "click==8.2.0" "numpy<2" "pytest>=8"
VENV_MIN := .venv-min
MIN_STAMP := $(VENV_MIN)/.installed-stamp

.PHONY: run test test-min lint bench bench-quick fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
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
	$(VENV)/bin/ruff check src tests examples bench
	$(VENV)/bin/ruff format --check src tests examples bench
	$(VENV)/bin/mypy src

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
	rm -rf $(VENV) $(VENV_MIN) out
