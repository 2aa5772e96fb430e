"""Undo commands: every edit the window makes, as a QUndoCommand that calls services."""
