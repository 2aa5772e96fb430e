"""The shape every undo step shares: call a service in ``apply``/``revert`` and say what changed.

On a database several desks share, each save names the row's version: the first ``apply`` the version the
window showed, every later undo or redo the version this desk's own last save of that row left
(``Session.saved_versions``). A row another desk saved in between makes the step EditConflict: it is dropped,
the views reread the row, and a first ``apply`` offers to apply what the clerk typed again (``again``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QUndoCommand

from sisiding_desktop.gui.session import Session
from sisiding_desktop.services.conflicts import EditConflict

T = TypeVar("T")


class ServiceCommand(QUndoCommand):
    """An undoable edit. Subclasses record before/after values in ``__init__``.

    A service error in ``apply`` or ``revert`` is reported to the person and
    makes the command obsolete, so the stack drops it and the data stays as
    the service left it (unchanged: each service call is one transaction).
    """

    kinds: tuple[str, ...] = ()  # what the command changes (session kinds)
    focus_first = False  # show the node after the first redo too (a new node), not only after undo/redo

    def __init__(self, session: Session, text: str, plan_id: int = 0) -> None:
        super().__init__(text)
        self.session = session
        self.plan_id = plan_id
        self.node_id = 0  # the node to show after redo/undo, when there is one
        self._done = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def again(self) -> ServiceCommand | None:
        """The same change made afresh on the row as it is now (after another desk's save), or None."""
        return None

    def expected(self, row: tuple, shown: int) -> int:
        """The version to save ``row`` against: ``shown`` (what the window showed) the first time, later the
        version this desk's own last save of the row left."""
        return self.session.saved_versions.get(row, shown) if self._done else shown

    def saved(self, row: tuple, version: int) -> None:
        self.session.saved_versions[row] = version

    def versioned(self, row: tuple, shown: int, write: Callable[[int], T]) -> T:
        """``write(expected)`` for one row, its result's version kept for this step's next undo or redo."""
        result = write(self.expected(row, shown))
        self.saved(row, result.version)  # type: ignore[attr-defined]
        return result

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step) -> None:
        try:
            step()
        except EditConflict as exc:
            self.setObsolete(True)
            for kind in self.kinds:  # the views reread what the other desk saved
                self.session.notify(kind, self.plan_id)
            offers_again = not self._done and type(self).again is not ServiceCommand.again
            self.session.conflict_met(exc, self.again if offers_again else None, undoing=step == self.revert)
            return
        except Exception as exc:
            self.setObsolete(True)
            self.session.command_failed(exc)
            return
        for kind in self.kinds:
            self.session.notify(kind, self.plan_id)
        if self.plan_id and (self._done or self.focus_first):
            self.session.focus(self.plan_id, self.node_id)
        self._done = True
