"""Views refresh only while they are on screen; a hidden view refreshes when it is shown again."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent

from sisiding_desktop.services import NotFound


class LazyReload:
    """Mix into a QWidget that has ``reload()``; call ``request_reload()`` instead of ``reload()``."""

    _dirty = False

    def request_reload(self) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self._dirty = False
            self._reload()
        else:
            self._dirty = True

    def _reload(self) -> None:
        try:
            self.reload()  # type: ignore[attr-defined]
        except NotFound:  # the plan shown was deleted meanwhile (e.g. by an undo): show nothing
            self.plan_id = 0
            self.reload()  # type: ignore[attr-defined]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        if self._dirty:
            self._dirty = False
            self._reload()
