# Everything a fresh machine needs: `make run` starts the program, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

DIST_INSTALLED := $(VENV)/.installed-dist

.PHONY: run test test-pg lint bench bench-desks bench-returns dist clean

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(INSTALLED)

run: $(INSTALLED)
	./tools/ensure-system-libs
	$(PY) main.py

test: $(INSTALLED)
	./tools/ensure-system-libs
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The suite again on a throwaway PostgreSQL server (tools/with-postgres installs and starts one): each test gets
# a fresh server database; the tests about the SQLite file itself (marked sqlite_only) are skipped.
test-pg: $(INSTALLED)
	./tools/ensure-system-libs
	./tools/with-postgres env QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The installable folder dist/sisiding/ (PyInstaller, one folder), its size, and the slow test that runs the built
# program's self-test and a command from outside the repository.
$(DIST_INSTALLED): $(INSTALLED) requirements-dist.txt
	$(PY) -m pip install --quiet -r requirements-dist.txt
	touch $(DIST_INSTALLED)

dist: $(DIST_INSTALLED)
	./tools/ensure-system-libs
	rm -rf dist/sisiding
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build pyinstaller.spec
	@du -sm dist/sisiding | awk '{ printf "安装文件夹 dist/sisiding：%d MB（目标：150 MB 以内）\n", $$1 }'
	SISIDING_DIST=dist/sisiding QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --run-slow tests/packaging

bench: $(INSTALLED)
	./tools/ensure-system-libs
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

bench-desks: $(INSTALLED)
	./tools/ensure-system-libs
	./tools/with-postgres env QT_QPA_PLATFORM=offscreen $(PY) bench/bench_desks.py

bench-returns: $(INSTALLED)
	./tools/ensure-system-libs
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_returns.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
