# One command to run the program, one to run the tests (README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-rapido lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# The fast tests only (not the LibreOffice conversions, big generated offices, crash and hypothesis-heavy
# sync tests marked ``slow``); CI runs everything with make test.
test-rapido: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_oficina.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
