"""The open database as the window sees it: services, the undo stack, the current period and change signals.

Undo commands call services and then ``notify`` what changed; every view
listens to ``changed`` and refreshes what it shows (one signal, as Anki does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from sisiding_desktop.domain.model import Period
from sisiding_desktop.gui.errors import apology, is_user_error, log_error, user_message
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.services import Services

T = TypeVar("T")

# What a change touched; views refresh only for the kinds they show.
PLANS, TREE, PROGRESS, UNITS, INDICATORS, DATABASE = "plans", "tree", "progress", "units", "indicators", "database"
PROGRESS_ENTRY = "progress_entry"  # one node's entry; ``entry_changed`` names the node
RETURNS = "returns"  # the reporting bodies of a plan and their returns (the 市's desk)
SETTINGS_GROUP = "session"


class Session(QObject):
    """One open database for the window: everything a view or command needs."""

    changed = Signal(str, int)  # kind, plan id (0: any)
    entry_changed = Signal(int, int)  # plan id, node id: that node's progress entry was written
    focus_requested = Signal(int, int)  # plan id, node id (0: none)
    period_changed = Signal(object)  # Period
    plan_selected = Signal(int)  # plan id (0: none)

    def __init__(self, services: Services, prompter: Prompter | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.prompter = prompter or Prompter()
        self.undo_stack = QUndoStack(self)
        self.today: Callable[[], date] = date.today
        self.plan_id = 0
        self._period = _saved_period() or current_quarter(self.today())
        self._pending: list[tuple[str, int]] | None = None
        self._pending_focus: tuple[int, int] | None = None
        self._failure: BaseException | None = None
        self.saved_versions: dict[tuple, int] = {}  # row → the version this desk's own last save of it left

    # --- period and plan -------------------------------------------------

    @property
    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period) -> None:
        if period == self._period:
            return
        self._period = period
        settings = QSettings()
        settings.setValue(f"{SETTINGS_GROUP}/period", period.code)
        self.period_changed.emit(period)

    def select_plan(self, plan_id: int) -> None:
        if plan_id == self.plan_id:
            return
        self.plan_id = plan_id
        QSettings().setValue(f"{SETTINGS_GROUP}/plan", plan_id)
        self.plan_selected.emit(plan_id)

    @staticmethod
    def saved_plan_id() -> int:
        value = QSettings().value(f"{SETTINGS_GROUP}/plan", 0)
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    # --- edits -----------------------------------------------------------

    def push(self, command: QUndoCommand) -> bool:
        """Run the command and keep it on the undo stack; False (and nothing kept) when it failed."""
        self._failure = None
        self.undo_stack.push(command)
        return self._failure is None

    def command_failed(self, exc: BaseException) -> None:
        """Called by a command whose service call raised: tell the person, remember it for ``push``."""
        self._failure = exc
        self.report(exc)

    def conflict_met(self, exc: BaseException, again, *, undoing: bool = False) -> None:
        """Another desk saved the row first: say who and when; offer to apply the clerk's change again on the
        row as it is now (``again`` builds that step; None when there is nothing to apply again)."""
        self._failure = exc
        if undoing:
            self.prompter.warn("无法撤销", f"{exc}\n撤销没有进行，以免改掉别人刚保存的内容；已重新读入最新内容。")
            return
        if again is None:
            self.prompter.warn("其他人已修改", f"{exc}\n已重新读入最新内容。")
            return
        question = f"{exc}\n已重新读入最新内容，您刚才输入的内容仍然保留。\n\n要在最新内容上再次应用您的修改吗？"
        if self.prompter.ask("其他人已修改", question):
            QTimer.singleShot(0, lambda: self._apply_again(again))

    def _apply_again(self, again) -> None:
        command = self.guarded(again)
        if command is not None:
            self.push(command)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several commands as one undo step, with the views refreshed once at the end."""
        self.undo_stack.beginMacro(text)
        try:
            with self.batch():
                yield
        finally:
            self.undo_stack.endMacro()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect change notices and send each once at the end."""
        if self._pending is not None:
            yield
            return
        self._pending = []
        try:
            yield
        finally:
            pending, self._pending = self._pending, None
            focus, self._pending_focus = self._pending_focus, None
            for kind, plan_id in dict.fromkeys(pending):
                self.changed.emit(kind, plan_id)
            if focus is not None:
                self.focus_requested.emit(*focus)

    def notify(self, kind: str, plan_id: int = 0) -> None:
        if self._pending is not None:
            self._pending.append((kind, plan_id))
        else:
            self.changed.emit(kind, plan_id)

    def focus(self, plan_id: int, node_id: int = 0) -> None:
        """Ask the window to show this plan (and node), e.g. after an undo; in a batch, once it is over."""
        if self._pending is not None:
            self._pending_focus = (plan_id, node_id)
        else:
            self.focus_requested.emit(plan_id, node_id)

    # --- errors ----------------------------------------------------------

    def report(self, exc: BaseException) -> None:
        """A user error as a plain message; anything else logged and shown with an apology."""
        if is_user_error(exc) or isinstance(exc, OSError):
            self.prompter.warn("无法完成操作", user_message(exc))
        else:
            self.prompter.error("程序出错", apology(log_error(exc)))

    def guarded(self, action: Callable[[], T]) -> T | None:
        """Run ``action``; on error report it and return None."""
        try:
            return action()
        except Exception as exc:
            self.report(exc)
            return None

    # --- another database ------------------------------------------------

    def replace_services(self, services: Services) -> Services:
        """Switch to another open database; opening a file is never an undo step. Returns the old services."""
        old, self.services = self.services, services
        self.undo_stack.clear()
        self.saved_versions.clear()
        self.plan_id = 0
        self.notify(DATABASE)
        return old


def current_quarter(today: date) -> Period:
    return Period(today.year, (today.month - 1) // 3 + 1)


def _saved_period() -> Period | None:
    code = QSettings().value(f"{SETTINGS_GROUP}/period", "")
    try:
        return Period.parse(str(code)) if code else None
    except ValueError:
        return None
