"""Shared fixtures: every test gets its own data directory and database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database

REPO = Path(__file__).resolve().parents[1]
# Verbatim copies of the project's real plan texts and exchange files, so a clone runs its tests alone.
SEEDS = REPO / "tests" / "data" / "seeds"
SAMPLES = REPO / "resources" / "samples"
PINGLUO_XLSX = SAMPLES / "平罗县四水四定年度重点任务表.xlsx"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does touches the real per-user data directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("SISIDING_DATA_DIR", str(data))
    return data


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.sqlite"


@pytest.fixture
def db(db_path: Path):
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, user="测试员")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
