# One command to run the program, one to run the tests (README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-rapido lint bench plantillas dist dist-smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# From bytecode even where PYTHONDONTWRITEBYTECODE is set (as the installer ships it): ~0.1 s less to start.
run: $(STAMP)
	$(PY) -m compileall -q app
	$(PY) -m app $(ARGS)

# Two worker processes (pytest-xdist): the PostgreSQL tests stay together in one (tests/conftest.py).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2 --dist loadgroup $(PYTEST_ARGS)

# The fast tests only: not those marked ``slow`` (LibreOffice conversions, round trips with the central
# PostgreSQL, big generated offices, crash tests, hypothesis); CI runs everything with make test.
test-rapido: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2 --dist loadgroup -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_oficina.py $(BENCH_ARGS)

plantillas: $(STAMP)
	$(PY) -m tools.plantillas $(ARGS)

# The installer folder dist/foja (PyInstaller, packaging/foja.spec); the `dist` extra is not needed by the tests.
dist: $(STAMP)
	$(PY) -m pip install -q -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/foja.spec

# Runs the built folder offscreen: a demo office and a screenshot (packaging/smoke.sh).
dist-smoke: dist
	packaging/smoke.sh dist/foja

clean:
	rm -rf $(VENV) build dist *.egg-info
