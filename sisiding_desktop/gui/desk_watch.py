"""Other desks' saves shown within seconds: the window looks at the change log every few seconds.

Only for a database on a server (a desk's own file is held by this window alone). Each new change-log line
becomes the session's usual change notice, so every view refreshes as after an edit of its own: a progress
entry rereads its grid row only, a node edit refreshes the tree in place (rows kept, selection and scroll
position kept), a new or removed row rebuilds the plan's tree. While the clerk is typing in a cell, the
notices wait for the editor to close, so nothing typed is lost. A lost connection is said once in the status
bar, and the looking goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from sisiding_desktop.gui.session import (
    DATABASE,
    INDICATORS,
    PLANS,
    PROGRESS,
    PROGRESS_ENTRY,
    RETURNS,
    TREE,
    UNITS,
    Session,
)
from sisiding_desktop.gui.workers import Job
from sisiding_desktop.services.changes import Change, ChangeFeed
from sisiding_desktop.store.errors import StoreError

LOOK_EVERY_MS = 2_000
MANY_ENTRIES = 200  # more progress lines than this in one look: the whole period is read again


class DeskWatch(QObject):
    def __init__(self, session: Session, status: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.status = status
        self.feed: ChangeFeed | None = None
        self.pending: list[Change] = []
        self._lost = False
        self._job: Job | None = None  # the look in progress
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)
        session.changed.connect(self._on_changed)
        self._follow()

    def _on_changed(self, kind: str, _plan_id: int) -> None:
        if kind == DATABASE:  # another database opened (or this one restored): start again from now
            self._follow()

    def _follow(self) -> None:
        services = self.session.services
        self.pending.clear()
        if not services.db.on_server:
            self.feed = None
            self.timer.stop()
            return
        self.feed = ChangeFeed(services.db, services.user)
        with contextlib.suppress(StoreError):  # else started by its first look
            self.feed.start()
        self.timer.start()

    def look(self) -> None:
        """Read what was saved since the last look, off the GUI thread (a server that stopped answering must
        not freeze the window); show it unless the clerk is typing."""
        if self.pending and not _typing():
            changes, self.pending = self.pending, []
            self.show(changes)
        if self.feed is None or self._job is not None:
            return
        feed = self.feed
        job = self._job = Job(lambda _report: (feed, feed.news()))
        job.signals.succeeded.connect(self._read)  # bound slots: dropped with this object when the window goes
        job.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(job)

    def _read(self, result: tuple[ChangeFeed, list[Change]]) -> None:
        self._job = None
        feed, news = result
        if feed is not self.feed:  # another database meanwhile
            return
        if self._lost:
            self._lost = False
            self.status(f"已重新连接到{self.session.services.db.label}。")
        self.pending.extend(news)
        if self.pending and not _typing():
            changes, self.pending = self.pending, []
            self.show(changes)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        if self._lost:
            return
        self._lost = True
        reason = str(exc) if isinstance(exc, StoreError) else f"暂时无法读取其他电脑的修改（{type(exc).__name__}）"
        self.status(f"{reason}（稍后自动重试）")

    def show(self, changes: list[Change]) -> None:
        """The notices for ``changes``, each once."""
        session = self.session
        entries = [c for c in changes if c.entity == "node" and c.action == "progress" and c.entity_id]
        with session.batch():
            if len(entries) > MANY_ENTRIES:
                for plan_id in {c.plan_id or 0 for c in entries}:
                    session.notify(PROGRESS, plan_id)
            else:
                for change in {(c.plan_id or 0, c.entity_id): c for c in entries}.values():
                    session.entry_changed.emit(change.plan_id or 0, change.entity_id)
                    session.notify(PROGRESS_ENTRY, change.plan_id or 0)
            for change in changes:
                for kind in _kinds(change):
                    session.notify(kind, change.plan_id or 0)
        others = {c.user for c in changes if c.user and c.user != session.services.user}
        if others:
            self.status(f"已显示“{'”“'.join(sorted(others))}”刚保存的修改。")


def _kinds(change: Change) -> tuple[str, ...]:
    if change.entity == "node":
        return () if change.action == "progress" else (TREE,)
    if change.entity == "plan":
        return (PROGRESS,) if change.action == "copy_period" else (PLANS,)
    if change.entity == "unit":
        return (UNITS,)
    if change.entity == "indicator":
        return (INDICATORS,)
    if change.entity == "setting":
        return (PROGRESS,)  # the light thresholds
    if change.entity == "database":
        return (DATABASE,)
    if change.entity == "body":
        return (RETURNS,)
    return ()


def _typing() -> bool:
    """True while a cell's editor has the focus (a notice now could close it and lose what is typed)."""
    widget = QApplication.focusWidget()
    while widget is not None:
        parent = widget.parentWidget()
        view = parent.parentWidget() if parent is not None else None
        if isinstance(view, QAbstractItemView) and parent is view.viewport():
            return True  # an editor sits on the view's viewport
        widget = parent
    return False
