# planwatch: the two commands of the quick start are `make demo` and `make test`.
# Each installs what it needs: a pinned uv in .tools/, then the locked dependencies in .venv/.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
DEMO_DB := data/demo.duckdb
HOST ?= 127.0.0.1
PORT ?= 8501

CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test check lint format typecheck contracts pytest install chromium libreoffice clean fuzz \
	faketime test-future

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

## The packages are installed with their bytecode compiled (--compile-bytecode): where Python may
## not write bytecode (PYTHONDONTWRITEBYTECODE=1, as on the CI machine), every process would
## otherwise compile pandas, pandera, DuckDB's and click's modules from source each time it
## starts: 2.1 s of CPU instead of 0.8 s for each `planwatch` process the tests start.
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet --compile-bytecode
	touch $@

install: $(VENV)/.installed

## Debian's chromium for the browser tests (Playwright drives it; it cannot download its own).
chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's LibreOffice for the export tests (they open the auditors' workbook with it).
libreoffice:
	@command -v soffice >/dev/null || command -v libreoffice >/dev/null || { \
		echo "Installing Debian's LibreOffice (Calc, no GUI) for the export tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null; }

## Debian's faketime (libfaketime) for the run of the tests with the clock moved ahead.
faketime:
	@command -v faketime >/dev/null || { \
		echo "Installing Debian's faketime for the run with the clock moved ahead"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq faketime >/dev/null; }

## Start the app on the bundled demo database (created from data/ on first run).
demo: install
	$(VENV)/bin/planwatch init --demo --db $(DEMO_DB)
	$(VENV)/bin/planwatch serve --db $(DEMO_DB) --address $(HOST) --port $(PORT)

## Every check: lint, format, types, import contracts, tests; and the tests again with the clock
## moved four years ahead (no date bombs). To stay well under the hour on two cores, the run with
## the moved clock (CPU-bound, one process) goes beside the browser tests (which mostly wait for
## a browser and a server): first the tests in parallel, then the timing tests alone, then both.
## The moved-clock run's output is kept in test-artifacts/test-future.log and shown after.
test: lint typecheck contracts install chromium libreoffice faketime
	$(VENV)/bin/pytest $(PARALLEL) $(PYTEST_ARGS)
	$(VENV)/bin/pytest --ignore=tests/e2e -m timing $(PYTEST_ARGS)
	@mkdir -p test-artifacts; \
	$(FUTURE_CLOCK) $(VENV)/bin/pytest --ignore=tests/e2e -m "not timing" -p no:cacheprovider \
		-q $(PYTEST_ARGS) > test-artifacts/test-future.log 2>&1 & future=$$!; \
	$(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS); browser=$$?; \
	wait $$future; moved=$$?; \
	echo "--- the tests with the clock moved $(FUTURE) (test-artifacts/test-future.log):"; \
	tail -n 40 test-artifacts/test-future.log; \
	echo "browser tests: exit $$browser; tests with the clock moved: exit $$moved"; \
	test $$browser = 0 && test $$moved = 0

check: lint typecheck contracts pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy

contracts: install
	$(VENV)/bin/lint-imports

## The tests in two parts: everything but the browser tests and the tests that time themselves
## spread over the machine's cores (pytest-xdist, one worker per core; each test module stays on
## one worker), then those one at a time: a browser test drives a Streamlit server and a chromium
## of its own (two at once on two cores only makes their waits time out), and a test marked
## `timing` measures wall time against a target, which a neighbour on the other core would skew.
WORKERS ?= 2
PARALLEL := -n $(WORKERS) --dist loadscope --ignore=tests/e2e -m "not timing"
pytest: install chromium libreoffice
	$(VENV)/bin/pytest $(PARALLEL) $(PYTEST_ARGS)
	$(VENV)/bin/pytest -m "e2e or timing" $(PYTEST_ARGS)

## The tests with the clock moved years ahead (libfaketime): no test may depend on the date it
## runs on. Every process of the run sees the moved clock: pytest, the `planwatch` subprocesses
## and DuckDB's now(). The monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC=1), or
## every wait with a timeout would wait years; tests/faketime/sitecustomize.py makes time.sleep
## work again under it (libfaketime 0.9.10 breaks Python 3.11's sleep there). It preloads
## libfaketime's thread-safe library (`faketime -m`, libfaketimeMT): the default one keeps its
## cached times in statics no lock guards, which libfaketime's README warns multithreaded
## programs about, and under it the app's server (many threads) ended with a segmentation fault
## in CI, three times in two runs. Left out: the browser tests in tests/e2e: under libfaketime
## the browser never finishes loading the app's page (Playwright's goto times out). Alone it is
## spread over the cores like `make pytest`; `make test` runs it in one process beside the
## browser tests.
FUTURE ?= +4y
FUTURE_CLOCK = PYTHONPATH=$(CURDIR)/tests/faketime FAKETIME_DONT_FAKE_MONOTONIC=1 \
	PLANWATCH_CLOCK_MOVED_FROM=$$(date -u +%F) faketime -m -f "$(FUTURE)"
test-future: install faketime libreoffice
	$(FUTURE_CLOCK) sh -c '$(VENV)/bin/pytest $(PARALLEL) -p no:cacheprovider $(PYTEST_ARGS) && \
		$(VENV)/bin/pytest --ignore=tests/e2e -m timing -p no:cacheprovider $(PYTEST_ARGS)'

## Fuzzing of malformed input (docs/fuzzing.md): at least 10,000 generated inputs, random seeds.
FUZZ_EXAMPLES ?= 1200
fuzz: install
	PYTHONPATH=. PLANWATCH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PLANWATCH_FUZZ_RANDOM=1 \
		PLANWATCH_FUZZ_MIN_TOTAL=10000 $(VENV)/bin/pytest -p tests.fuzz_strategies \
		tests/uploads/test_fuzz_readers.py tests/claims/test_fuzz_claims.py -q --durations=15

clean:
	rm -rf .tools $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
