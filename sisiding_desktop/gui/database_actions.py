"""The database: new, open, recent files, backup, restore, and the office settings.

A database is a file or a server database's URL (``Database.location``, never with a password), so the
recent list holds both; opening one from it passes the text on as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from sisiding_desktop.app import open_services
from sisiding_desktop.gui.commands.settings_commands import EditOfficeSettings
from sisiding_desktop.gui.recovery import open_with_recovery
from sisiding_desktop.gui.session import DATABASE, Session
from sisiding_desktop.gui.workers import JobRunner
from sisiding_desktop.machine import paths
from sisiding_desktop.services import Services
from sisiding_desktop.store.server import is_server_url, location_of

SETTINGS_GROUP = "recent"
MAX_RECENT = 8
DB_FILTER = "数据库文件 (*.sqlite *.db);;所有文件 (*)"


def recent_files() -> list[str]:
    value = QSettings().value(f"{SETTINGS_GROUP}/files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_file(location: Path | str) -> None:
    """Put a file, or a server database's URL without its password, first in the recent list."""
    files = [str(location), *(f for f in recent_files() if f != str(location))]
    QSettings().setValue(f"{SETTINGS_GROUP}/files", files[:MAX_RECENT])


def database_target(text: str) -> Path | str:
    """A remembered or requested database as ``open_services`` takes it: a URL as it is, else a file."""
    return text if is_server_url(text) else Path(text)


class DatabaseActions:
    def __init__(self, session: Session, jobs: JobRunner, parent: QWidget) -> None:
        self.session = session
        self.jobs = jobs
        self.parent = parent
        self.opener: Callable[[Path | str], Services] = open_services  # tests may replace it
        self.status: Callable[[str], None] = lambda _text: None
        remember_file(session.services.db.location)

    @property
    def path(self) -> Path | None:
        """The open database file (None for a server database)."""
        return self.session.services.db.path

    @property
    def folder(self) -> Path:
        """Where the file dialogs start: the open file's folder, or the data folder."""
        return self.path.parent if self.path else paths.data_dir()

    def new_database(self) -> None:
        path = self.session.prompter.save_file("新建数据库", str(self.folder / "新数据库.sqlite"), DB_FILTER)
        if path is None:
            return
        if path.exists():
            self.session.prompter.warn("新建数据库", f"文件“{path.name}”已经存在；要使用它，请用“打开数据库”。")
            return
        self.open_database(path)

    def choose_and_open(self) -> None:
        path = self.session.prompter.open_file("打开数据库", str(self.folder), DB_FILTER)
        if path is not None:
            self.open_database(path)

    def connect_server(self, remembered: str = "") -> bool:
        """文件 → 连接服务器数据库…: the server's address asked (the password each time), then opened."""
        from sisiding_desktop.gui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(remembered, self.parent)
        if not self.session.prompter.run_dialog(dialog):
            return False
        return self.open_database(dialog.address())

    def open_recent(self, location: str) -> bool:
        """A recent file opens at once; a recent server asks for its password first."""
        if is_server_url(location):
            return self.connect_server(location)
        return self.open_database(Path(location))

    def open_database(self, path: Path | str) -> bool:
        """Switch the window to another database (a file or a URL); the current one is closed only if that works."""
        if is_server_url(path):
            if location_of(path) == self.session.services.db.location:
                return True
        elif Path(path).resolve() == self.path:
            return True
        services = self.session.guarded(lambda: open_with_recovery(path, self.opener, self.session.prompter))
        if services is None:
            return False
        old = self.session.replace_services(services)
        old.db.close()
        remember_file(services.db.location)
        self.status(f"已打开数据库：{services.db.location}")
        return True

    def daily_backup(self) -> None:
        """The day's first automatic backup, made once the window is on screen (start-up does not wait for it)."""
        made = self.session.guarded(self.session.services.backups.daily_backup)
        if made is not None:
            self.status(f"已完成今日的自动备份：{made.name}")

    def backup(self) -> None:
        target = self.session.prompter.save_file(
            "备份数据库", str(Path.home() / f"四水四定备份-{self.session.today():%Y%m%d}.sqlite"), DB_FILTER
        )
        if target is None:
            return
        backups = self.session.services.backups
        self.jobs.start(
            "备份数据库",
            lambda report: backups.backup_to(target),
            on_success=lambda out: self.session.prompter.inform("备份完成", f"已备份到：\n{out}"),
            on_failure=self.session.report,
        )

    def restore(self) -> None:
        source = self.session.guarded(self._choose_backup)
        if source is None:
            return
        where = f"{self.session.services.db.label}上的全部数据" if self.session.services.db.on_server else "当前数据"
        if not self.session.prompter.ask(
            "从备份恢复",
            f"恢复会用备份文件“{source.name}”的内容替换{where}（当前数据会先自动另存一份）。\n"
            "恢复后不能撤销。是否继续？",
        ):
            return
        backups = self.session.services.backups
        self.jobs.start(
            "从备份恢复",
            lambda report: backups.restore_from(source),
            on_success=self._restored,
            on_failure=self.session.report,
        )

    def _choose_backup(self) -> Path | None:
        """One of the automatic backups from the list, or another file the person picks (a server database
        has no automatic backups beside it: the file is picked at once)."""
        from sisiding_desktop.gui.dialogs.backups_dialog import BackupsDialog

        if self.session.services.db.on_server:
            return self.session.prompter.open_file("选择要恢复到服务器的备份文件", str(Path.home()), DB_FILTER)

        backups, keep = self.session.services.backups, self.session.services.settings.backup_keep()
        dialog = BackupsDialog(backups.backup_list(), backups.backups_folder(), keep, self.parent)
        if not self.session.prompter.run_dialog(dialog):
            return None
        if dialog.wants_other_file:
            return self.session.prompter.open_file("选择备份文件", str(Path.home()), DB_FILTER)
        return dialog.chosen

    def _restored(self, safety_copy: Path) -> None:
        self.session.undo_stack.clear()  # the ids the commands hold belong to the replaced data
        self.session.saved_versions.clear()
        self.session.notify(DATABASE)
        self.session.prompter.inform("恢复完成", f"已恢复。恢复前的数据另存为：\n{safety_copy}")

    def edit_settings(self) -> None:
        from sisiding_desktop.gui.dialogs.settings_dialog import SettingsDialog
        from sisiding_desktop.machine import desk

        current = EditOfficeSettings.current(self.session)
        dialog = SettingsDialog(current, desk.chosen_name(), desk.login_name(), self.parent)
        if not self.session.prompter.run_dialog(dialog):
            return
        if dialog.desk_name() != desk.chosen_name():  # a desk's own setting: not an undo step
            self.session.guarded(lambda: self.session.services.rename_desk(desk.set_desk_name(dialog.desk_name())))
        if dialog.values() != current:
            self.session.push(EditOfficeSettings(self.session, dialog.values()))
