"""Screenshots of every main view, for looking at the window before a release.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshots.py --out /tmp/shots

Builds a temporary database with the bundled sample plan, a quarter of progress (some late, some done) and an
indicator actual, opens the main window at 1366×768 and 1920×1080, and saves each tab (and the export dialog)
as a PNG. Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sisiding_desktop.domain.model import NodeKind, Period, Status  # noqa: E402
from sisiding_desktop.gui.prompts import Prompter  # noqa: E402
from sisiding_desktop.machine import paths  # noqa: E402
from sisiding_desktop.services import Services  # noqa: E402
from sisiding_desktop.services.tree import walk  # noqa: E402
from sisiding_desktop.store import Database  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))
PERIOD = Period(2024, 3)
SAMPLE = "平罗县四水四定年度重点任务表.xlsx"
TABS = ("任务分工表", "季度进展", "主要指标", "单位", "总览")


def sample_services(folder: Path) -> Services:
    services = Services(Database.open(folder / "示例.sqlite"), user="截图")
    plan, _preview = services.importing.import_plan(paths.resource_path("samples", SAMPLE))
    services.plans.update_plan(plan.id, year_from=2024, year_to=2025)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind == NodeKind.MEASURE]
    statuses = (Status.DONE, Status.IN_PROGRESS, Status.BEHIND, Status.NOT_STARTED)
    for number, node in enumerate(measures[:40]):
        status = statuses[number % len(statuses)]
        percent = {Status.DONE: 100, Status.IN_PROGRESS: 60, Status.BEHIND: 20, Status.NOT_STARTED: 0}[status]
        services.progress.record(
            node.id, PERIOD, status=status, percent=percent,
            progress_text=f"已完成{percent}%。" + "各乡镇按计划推进节水改造，完成验收资料整理。" * (number % 3 + 1),
            problems="资金到位较慢。" if status == Status.BEHIND else "",
            next_steps="加快推进，确保年底前完成。" if status != Status.DONE else "",
        )  # fmt: skip
    return services


class ShotPrompter(Prompter):
    """Every dialog the window opens is shown, photographed and closed; message boxes are printed."""

    def __init__(self, out: Path) -> None:
        super().__init__(None)
        self.out, self.prefix, self.name = out, "", ""

    def run_dialog(self, dialog) -> bool:
        dialog.show()
        settle(QApplication.instance(), 1500 if "打印预览" in dialog.windowTitle() else 300)
        save(dialog.grab(), self.out / f"{self.prefix}-{self.name}.png")
        dialog.reject()
        return False

    def inform(self, title: str, text: str) -> None:
        print(f"{title}: {text}")


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--out", type=Path, default=Path("screenshots"))
    options = args.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="sisiding-shots-"))
    os.environ[paths.DATA_DIR_ENV] = str(folder / "数据")
    from sisiding_desktop.gui.application import create_application
    from sisiding_desktop.gui.main_window import MainWindow

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    services = sample_services(folder)
    prompter = ShotPrompter(options.out)
    window = MainWindow(services, prompter)
    window.session.today = lambda: date(2024, 9, 15)
    window.session.set_period(PERIOD)
    for width, height in SIZES:
        window.showNormal()
        window.setGeometry(0, 0, width, height)
        settle(app)
        for index, title in enumerate(TABS):
            window.tabs.setCurrentIndex(index)
            settle(app)
            save(window.grab(), options.out / f"{width}x{height}-{index + 1}-{title}.png")
    window.tabs.setCurrentIndex(1)
    prompter.prefix = "dialog"
    for name, open_dialog in (
        ("导出报表", window.transfer.export),
        ("计划属性", window.plans.edit_properties),
        ("打印预览", window.printing.preview),
        ("导入预览", lambda: window.transfer.import_file(paths.resource_path("samples", SAMPLE))),
    ):
        prompter.name = name
        open_dialog()
        settle(app, 3000)
    services.db.close()
    return 0


def settle(app: QApplication, milliseconds: int = 300) -> None:
    """Let the window lay out, paint and finish background work for a while."""
    QCoreApplication.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def save(pixmap, path: Path) -> None:
    pixmap.save(str(path))
    print(path)


if __name__ == "__main__":
    sys.exit(main())
