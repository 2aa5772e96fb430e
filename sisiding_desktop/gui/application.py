"""Start the desktop program: Qt application, fonts, error handling, the database, the window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sisiding_desktop import APP_DISPLAY_NAME, APP_NAME, ORG_NAME, __version__
from sisiding_desktop.app import log_unexpected, open_services
from sisiding_desktop.gui.fonts import apply_app_font
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.gui.recovery import open_with_recovery
from sisiding_desktop.gui.single_instance import SingleInstance, instance_key
from sisiding_desktop.gui.translations import install_chinese_translations
from sisiding_desktop.machine import paths
from sisiding_desktop.services import Services
from sisiding_desktop.store import StoreError

ICON_FILE = "sisiding.png"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    if not app.property("sisiding_ready"):  # once per process, however many windows the tests build
        install_chinese_translations(app)
        app.setWindowIcon(QIcon(str(paths.resource_path("icons", ICON_FILE))))
        app.setProperty("sisiding_ready", True)
    apply_app_font(app)
    return app


def install_excepthook() -> None:
    """An unexpected error is logged and shown with an apology; the program keeps running."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log = log_unexpected(kind, value, tb)
        QMessageBox.critical(
            None, "程序出错", f"很抱歉，程序遇到了一个意外错误，您的数据未受影响。\n详细信息已记录在：\n{log}"
        )

    sys.excepthook = hook


def _open_without_backup(path: Path | str) -> Services:
    return open_services(path, daily_backup=False)


def settle_memory() -> None:
    """Once the window stands: what start-up built stays for good, so later collections need not walk it."""
    gc.freeze()
    gc.enable()


def run(db_path: Path | str | None = None) -> int:
    """The window on ``db_path`` (a file, a server database's URL, or the default file if None).

    A second start hands over to the running one.
    """
    app = create_application()
    instance = SingleInstance(instance_key())
    if instance.hand_over(db_path):
        return 0
    instance.listen()
    install_excepthook()
    prompter = Prompter()
    try:
        services = open_with_recovery(db_path or paths.default_db_path(), _open_without_backup, prompter)
    except StoreError as exc:
        prompter.error("无法打开数据库", str(exc))
        return 2
    if services is None:
        return 2
    from sisiding_desktop.gui.main_window import MainWindow

    window = MainWindow(services)
    instance.activated.connect(window.handle_second_start)
    window.show()
    settle_memory()
    QTimer.singleShot(0, window.database.daily_backup)  # once the window is on screen, before anything else
    QTimer.singleShot(0, window.transfer.offer_start)
    try:
        return app.exec()
    finally:
        instance.close()
        window.session.services.db.close()
