"""Long work (import, export, backup) off the GUI thread, with a progress dialog only when it is slow.

A job is a plain function ``work(report)``; it calls ``report(fraction, message)``
now and then. After the person presses 取消, the next ``report`` before the end
raises ``Cancelled``, so the service's transaction rolls back. The dialog shows
only if the job is still running after ``DIALOG_DELAY_MS`` (as Anki does), so
quick jobs never flash one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

DIALOG_DELAY_MS = 500
Report = Callable[[float, str], None]
Work = Callable[[Report], Any]


class Cancelled(Exception):
    """The person cancelled the job."""


class _Signals(QObject):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """Runs ``work`` on a pool thread; results come back as signals on the GUI thread."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, fraction: float, message: str) -> None:
        if self._cancel.is_set() and fraction < 1.0:
            raise Cancelled
        self.signals.progressed.emit(float(fraction), message)

    def run(self) -> None:
        try:
            result = self.work(self._report)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # handed to the GUI thread, which reports it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class JobRunner(QObject):
    """Starts jobs one at a time and shows the delayed, cancellable progress dialog."""

    finished = Signal()  # after any outcome; tests wait for it

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: Job | None = None
        self._finished_job: Job | None = None  # kept until the pool thread has surely left its run()
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._title = ""
        self._message = ""
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None

    def busy(self) -> bool:
        return self.job is not None

    def start(
        self,
        title: str,
        work: Work,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_cancel: Callable[[], None] | None = None,
        delay_ms: int = DIALOG_DELAY_MS,
    ) -> Job | None:
        """Run ``work``; None when another job is still running."""
        if self.job is not None:
            return None
        job = self.job = Job(work)
        self._title, self._message = title, f"{title}…"
        self._on_success, self._on_failure, self._on_cancel = on_success, on_failure, on_cancel
        job.signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        job.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        job.signals.cancelled.connect(self._cancelled, Qt.ConnectionType.QueuedConnection)
        self._timer.start(delay_ms)
        self.pool.start(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText("正在取消…")

    @Slot()
    def _show_dialog(self) -> None:
        if self.job is None:
            return
        dialog = self.dialog = QProgressDialog(self._message, "取消", 0, 100, self.parent_widget)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.show()

    @Slot(float, str)
    def _progressed(self, fraction: float, message: str) -> None:
        self._message = message or self._message
        if self.dialog is not None and not self.job.is_cancelled():  # type: ignore[union-attr]
            self.dialog.setLabelText(self._message)
            self.dialog.setValue(int(fraction * 100))

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        callback = self._on_success
        self._done()
        if callback is not None:
            callback(result)
        self.finished.emit()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        callback = self._on_failure
        self._done()
        if callback is not None:
            callback(exc)  # type: ignore[arg-type]
        self.finished.emit()

    @Slot()
    def _cancelled(self) -> None:
        callback = self._on_cancel
        self._done()
        if callback is not None:
            callback()
        self.finished.emit()

    def _done(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self._finished_job, self.job = self.job, None
