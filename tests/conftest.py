"""Shared fixtures: every test gets its own data directory and database file.

With ``--pg-url URL`` (or ``SISIDING_TEST_PG_URL``), an admin URL of a PostgreSQL server, the ``db``,
``services`` and ``db_target`` fixtures give each test a fresh database on that server instead, and the
tests marked ``sqlite_only`` (a file's lock, location, backups and recovery) are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database

REPO = Path(__file__).resolve().parents[1]
# Verbatim copies of the project's real plan texts and exchange files, so a clone runs its tests alone.
SEEDS = REPO / "tests" / "data" / "seeds"
SAMPLES = REPO / "resources" / "samples"
PINGLUO_XLSX = SAMPLES / "平罗县四水四定年度重点任务表.xlsx"
PG_URL_ENV = "SISIDING_TEST_PG_URL"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does touches the real per-user data directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("SISIDING_DATA_DIR", str(data))
    return data


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.sqlite"


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest):
    """The PostgreSQL server the run uses, or None for SQLite files."""
    url = request.config.getoption("--pg-url")
    if not url:
        yield None
        return
    from tests.pg_server import TestServer

    server = TestServer(url)
    yield server
    server.close()


@pytest.fixture
def new_db_target(pg_server, tmp_path: Path):
    """Makes further databases: ``new_db_target(name)`` is a file in the test's folder, or a fresh server database.

    ``empty=True`` gives a server database without tables (a new file has none either); ``options`` are
    further words of its ``CREATE DATABASE``.
    """
    made: list[str] = []

    def make(name: str = "plans.sqlite", *, empty: bool = False, options: str = "") -> Path | str:
        if pg_server is None:
            return tmp_path / name
        made.append(pg_server.create(empty=empty, options=options))
        return pg_server.url_of(made[-1])

    yield make
    for name in made:
        pg_server.drop(name)


@pytest.fixture
def db_target(request: pytest.FixtureRequest, pg_server, new_db_target) -> Path | str:
    """The test's database as ``Database.open`` and ``--db`` take it: ``db_path``, or a server database's URL."""
    return request.getfixturevalue("db_path") if pg_server is None else new_db_target()


@pytest.fixture
def server_url(pg_server, new_db_target) -> str:
    """A fresh server database at the newest schema (its URL, password included); skips without --pg-url."""
    if pg_server is None:
        pytest.skip("needs a PostgreSQL server: --pg-url or SISIDING_TEST_PG_URL (make test-pg)")
    return new_db_target()


@pytest.fixture
def db(db_target: Path | str):
    database = Database.open(db_target)
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, user="测试员")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")
    parser.addoption(
        "--pg-url",
        default=os.environ.get(PG_URL_ENV, ""),
        help=f"run on this PostgreSQL server (an admin URL; default ${PG_URL_ENV}), skipping sqlite_only tests",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skips = []
    if not config.getoption("--run-slow"):
        skips.append(("slow", pytest.mark.skip(reason="slow: run with --run-slow")))
    if config.getoption("--pg-url"):
        skips.append(("sqlite_only", pytest.mark.skip(reason="SQLite only: runs without --pg-url")))
    for item in items:
        for keyword, skip in skips:
            if keyword in item.keywords:
                item.add_marker(skip)
