"""GUI tests run offscreen, with settings kept away from the user's own, and a scripted prompter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog

from sisiding_desktop.domain.model import NodeKind, Period, Role
from sisiding_desktop.gui.prompts import Prompter
from tests.conftest import PINGLUO_XLSX

TODAY = date(2024, 9, 15)
Q3 = Period(2024, 3)


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("sisiding-test")
    QCoreApplication.setApplicationName("sisiding-test")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield


class FakePrompter(Prompter):
    """Answers questions from queues and records every message, so no modal box ever opens.

    ``dialogs`` holds functions that get the real dialog, fill it in like a person
    would (typing, clicking) and return True to accept it.
    """

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[str] = []
        self.answers: list[bool] = []
        self.messages: list[tuple[str, str, str]] = []
        self.choices: list[int | None] = []
        self.texts: list[str | None] = []
        self.items: list[str | None] = []
        self.files: list[Path | None] = []
        self.dialogs: list[Callable[[QDialog], bool]] = []

    def ask(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answers.pop(0) if self.answers else True

    def inform(self, title: str, text: str) -> None:
        self.messages.append(("info", title, text))

    def warn(self, title: str, text: str) -> None:
        self.messages.append(("warning", title, text))

    def error(self, title: str, text: str) -> None:
        self.messages.append(("error", title, text))

    def choose(self, title: str, text: str, options: list[str]) -> int | None:
        self.asked.append(text)
        return self.choices.pop(0) if self.choices else None

    def text(self, title: str, label: str, value: str = "") -> str | None:
        return self.texts.pop(0) if self.texts else None

    def item(self, title: str, label: str, items: list[str]) -> str | None:
        return self.items.pop(0) if self.items else None

    def open_file(self, title: str, directory: str, file_filter: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def open_files(self, title: str, directory: str, file_filter: str) -> list[Path]:
        return list(self.files.pop(0)) if self.files else []

    def save_file(self, title: str, suggested: str, file_filter: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def choose_folder(self, title: str, directory: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def run_dialog(self, dialog: QDialog) -> bool:
        handler = self.dialogs.pop(0) if self.dialogs else (lambda _d: False)
        dialog.show()  # shown, not modal: the test's handler types and clicks in it
        accepted = handler(dialog)
        dialog.done(QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected)
        return accepted

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.messages]


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


def add_small_plan(services):
    """A piece of the 平罗县 table: one chapter, two tasks, three measures, years 2024."""
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", year_from=2024, year_to=2024)
    nodes = services.nodes
    chapter = nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城，优化城镇空间格局")
    task = nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "发挥用水户节水主体作用", deadline_text="2024年")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "开展党政机关节水达标建设。")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    second = nodes.add_node(
        plan.id, chapter.id, NodeKind.TASK, "实施公共建筑用水设施节水改造", deadline_text="2024年6月"
    )
    nodes.add_node(plan.id, second.id, NodeKind.MEASURE, "严格落实节水“三同时”制度。", deadline_text="2024年6月")
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心"])
    services.units.assign_units(task.id, Role.SUPPORT, ["水务局"])
    services.units.assign_units(second.id, Role.LEAD, ["住建局"])
    return plan


@pytest.fixture
def small_plan(services):
    return add_small_plan(services)


@pytest.fixture
def pingluo(services):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    return plan


@pytest.fixture
def make_window(services, qtbot, prompter):
    """A shown main window on the test database, its clock at 2024-09-15 and period 2024年第3季度."""

    def make():
        from sisiding_desktop.gui.main_window import MainWindow

        window = MainWindow(services, prompter)
        qtbot.addWidget(window)
        window.session.today = lambda: TODAY
        window.session.set_period(Q3)
        window.resize(1366, 768)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        return window

    return make
