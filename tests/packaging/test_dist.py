"""The packaged program (PyInstaller one-folder build) runs on its own, from outside the repository.

Slow: builds the folder with pyinstaller.spec unless ``SISIDING_DIST`` names one already built (as ``make dist``
does). Runs the built program's ``--self-test`` and a real command from a temporary folder, with no access to the
source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PINGLUO_XLSX

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROGRAM_NAMES = ("sisiding-cli.exe", "sisiding-cli", "sisiding")


@pytest.fixture(scope="module")
def dist_folder(tmp_path_factory) -> Path:
    built = os.environ.get("SISIDING_DIST")
    if built:
        return Path(built).resolve()
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.skip("PyInstaller is not installed (pip install -r requirements-dist.txt)")
    work = tmp_path_factory.mktemp("build")
    subprocess.run(
        [pyinstaller, "--noconfirm", "--distpath", str(work / "dist"), "--workpath", str(work / "work"),
         str(ROOT / "pyinstaller.spec")],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    return work / "dist" / "sisiding"


def program(folder: Path) -> Path:
    for name in PROGRAM_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise AssertionError(f"no program in {folder}: {sorted(p.name for p in folder.iterdir())}")


def run_outside(tmp_path: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the built program from an empty folder, with no Python path pointing at the repository."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", SISIDING_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path))
    return subprocess.run(
        [str(program(folder)), *args], cwd=tmp_path, env=env, capture_output=True, timeout=300,
        encoding="utf-8", errors="replace",
    )  # fmt: skip


def test_the_built_program_passes_its_self_test(dist_folder, tmp_path):
    result = run_outside(tmp_path, dist_folder, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("随附字体", "新建数据库", "导入示例计划", "记录进展", "导出 Excel", "导出 PDF", "备份", "主窗口"):
        assert f"✓ {step}" in result.stdout, result.stdout
    assert "自检通过" in result.stdout


def test_the_built_program_runs_commands_and_refuses_bad_input_in_chinese(dist_folder, tmp_path):
    db = tmp_path / "计划.sqlite"
    imported = run_outside(tmp_path, dist_folder, "--db", str(db), "import", str(PINGLUO_XLSX), "--json")
    assert imported.returncode == 0, imported.stderr
    assert '"tasks": 40' in imported.stdout
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    refused = run_outside(tmp_path, dist_folder, "--db", str(db), "import", str(bad))
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr and refused.stderr.strip()
    listed = run_outside(tmp_path, dist_folder, "--db", str(db), "plans")
    assert listed.stdout.count("\n") == 1, listed.stdout


def test_the_folder_holds_what_the_program_finds_at_run_time(dist_folder):
    internal = dist_folder / "_internal"
    assert (internal / "resources" / "fonts" / "LICENSE-arphic.txt").is_file()
    assert (internal / "resources" / "icons" / "sisiding.png").is_file()
    assert (internal / "resources" / "help" / "使用说明.md").is_file()
    assert list((internal / "db" / "versions").glob("0001_*.py"))
    translations = list(internal.rglob("qtbase_*.qm"))
    assert translations and all("zh_CN" in path.name for path in translations)
    assert not list(internal.rglob("*QtQml*")) and not list(internal.rglob("*WebEngine*"))
