"""The pinned Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 released one reference to ``None`` on every call of a method returning nothing
(``update()``, ``setText()``, ``processEvents()`` …); a window in use for an hour makes enough such calls to free
``None`` itself and crash. This test fails on such a binding.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

CALLS = 500


def test_methods_returning_nothing_leave_the_count_of_none_alone(qapp):
    label = QLabel("水")
    calls = {
        "QWidget.update": label.update,
        "QLabel.setText": lambda: label.setText("节水"),
        "QCoreApplication.processEvents": QCoreApplication.processEvents,
        "QCoreApplication.sendPostedEvents": QCoreApplication.sendPostedEvents,
    }
    lost = {}
    for name, call in calls.items():
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        lost[name] = before - sys.getrefcount(None)
    assert all(count < CALLS // 2 for count in lost.values()), lost
