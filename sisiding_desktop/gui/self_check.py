"""The self-test's window step: Qt, its plugins and the bundled fonts load, and the main window draws a plan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontMetrics

from sisiding_desktop.gui.application import create_application
from sisiding_desktop.gui.fonts import register_bundled_fonts, ui_font
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.machine import paths
from sisiding_desktop.services import Services
from sisiding_desktop.services.self_test import CheckFailed

CHINESE_SAMPLE = "以水定城节水型社会"


class SilentPrompter(Prompter):
    """No modal box may open during a self-test; a question or message fails the step instead."""

    def ask(self, title: str, text: str) -> bool:
        raise CheckFailed(f"窗口提出了问题：{text}")

    def error(self, title: str, text: str) -> None:
        raise CheckFailed(f"窗口报告了错误：{text}")

    def warn(self, title: str, text: str) -> None:
        raise CheckFailed(f"窗口报告了警告：{text}")


class QtMessages:
    """Qt's own diagnostics during the check (the offscreen screen reports what it cannot do); kept, not printed."""

    def __init__(self) -> None:
        self.critical: list[str] = []

    def __call__(self, kind: QtMsgType, _context, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.critical.append(message)


def build_main_window_offscreen(services: Services) -> str:
    """Build, show and draw the main window on ``services``; describe what was drawn."""
    messages = QtMessages()
    previous = qInstallMessageHandler(messages)
    try:
        description = _draw_main_window(services)
    finally:
        qInstallMessageHandler(previous)
    if messages.critical:
        raise CheckFailed(f"Qt 报告了错误：{messages.critical[0]}")
    return description


def _draw_main_window(services: Services) -> str:
    app = create_application()
    # Window geometry and recent files go to the self-test's own folder, never the office's settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.data_dir() / "settings"))
    families = register_bundled_fonts()
    if not families:
        raise CheckFailed("Qt 无法加载随附字体")
    metrics = QFontMetrics(ui_font())
    if not all(metrics.inFontUcs4(ord(ch)) for ch in CHINESE_SAMPLE):
        raise CheckFailed("界面字体缺少汉字")
    from sisiding_desktop.gui.main_window import MainWindow

    window = MainWindow(services, SilentPrompter(None))
    try:
        window.resize(1366, 768)
        window.show()
        QCoreApplication.processEvents()
        image = window.grab().toImage()
        if image.isNull() or image.width() < 100:
            raise CheckFailed("主窗口没有画出来")
        groups = window.task_view.model.rowCount()
        if groups == 0:
            raise CheckFailed("主窗口的任务表是空的")
        size = f"{image.width()}×{image.height()}"
        return f"{app.platformName()} 平台，{size}，任务表 {groups} 个分组，字体 {families[0]}"
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
