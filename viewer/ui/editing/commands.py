"""QUndoCommand around a Qt-free edit: the stack drives menus and shortcuts, the edit changes
the document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from viewer.model.document import Document
from viewer.model.edits import Edit


class EditCommand(QUndoCommand):
    """An edit already applied (and checked) when pushed: the first redo does nothing."""

    def __init__(self, doc: Document, edit: Edit, after: Callable[[Edit, bool], None]) -> None:
        super().__init__(edit.text)
        self.doc, self.edit, self.after = doc, edit, after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.edit.apply(self.doc)
        self.after(self.edit, False)

    def undo(self) -> None:
        self.edit.revert(self.doc)
        self.after(self.edit, True)
