"""The shape every undo step shares: call a service in ``apply``/``revert`` and say what changed."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from sisiding_desktop.gui.session import Session


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

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step) -> None:
        try:
            step()
        except Exception as exc:
            self.setObsolete(True)
            self.session.command_failed(exc)
            return
        for kind in self.kinds:
            self.session.notify(kind, self.plan_id)
        if self.plan_id and (self._done or self.focus_first):
            self.session.focus(self.plan_id, self.node_id)
        self._done = True
