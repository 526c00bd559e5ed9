"""EditSession: the document being edited in the window, its undo stack, saving (Save, Save As,
asking before overwriting a file changed on disk or dropping unsaved edits) and the recovery
copy written every 30 s while there are unsaved edits.

The window shows the document through its one road (``set_loaded``); the session hands it the
document after every edit, undo and redo, and keeps the selected event selected.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from viewer.model.document import Document, shares_columns
from viewer.model.edits import AddEvent, Compound, DeleteEvent, Edit, EditError, UpdateEvent
from viewer.model.errors import LoadError, Problem
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.formats.detect import load
from viewer.model.index import EventIndex
from viewer.model.output import OutputError, same_file
from viewer.model.saving import (
    changed_on_disk,
    clear_recovery,
    find_recovery,
    native_name,
    needs_name,
    opened,
    restored,
    save,
    stamp,
    write_recovery,
)
from viewer.model.table import EventTable

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow

RECOVERY_MS = 30_000
SAVE_FILTER = "Timeline dataset (*.json)"


class EditSession(QObject):
    """Owns the Document and the QUndoStack of the window's dataset."""

    edited = Signal()  # after an edit, undo or redo has been shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc: Document | None = None
        self.stack = QUndoStack(self)
        self.stack.cleanChanged.connect(lambda _clean: self.update_title())
        self.restored_unsaved = False  # a restored recovery copy is unsaved with an empty stack
        self._own: ColumnarLoaded | None = None
        # what the window last showed of the document: (table, lane names, lane mode, index)
        self._shown: tuple[EventTable, tuple[list[str], list[str]], str, EventIndex | None] | None
        self._shown = None
        self.last_error = ""
        self.last_problems: list[Problem] = []
        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(RECOVERY_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()

    # --- the document ------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.doc is not None and (not self.stack.isClean() or self.restored_unsaved)

    @property
    def recovery_folder(self) -> Path:
        return Path(self.window.settings.fileName()).parent

    def attach(self, loaded: ColumnarLoaded) -> None:
        """A dataset the window opened becomes the document (not the session's own refresh)."""
        if loaded is self._own:
            return
        self.doc = opened(Document.from_loaded(loaded))
        w = self.window  # it shows the index made of this table
        self._shown = (self.doc.table, _lane_names(self.doc), w.state.lane_mode, w.full_index)
        self.stack.clear()
        self.restored_unsaved = False
        self.update_title()
        # the first edit looks its event up with pyarrow.compute, whose import takes 50-60 ms:
        # taken once the dataset is on screen, not in the first edit (nor before the first frame)
        QTimer.singleShot(0, lambda: importlib.import_module("pyarrow.compute"))

    def new_document(self) -> None:
        if not self.may_discard():
            return
        self.doc = Document.new("Untitled chronology")
        self._shown = None
        self.stack.clear()
        self.restored_unsaved = False
        self._show()

    def open_unsaved(self, doc: Document) -> None:
        """Show a document that has no file yet (a draft of the article importer) as the
        one edited: unsaved, so Save asks where and closing asks first."""
        self.doc = doc
        self._shown = None  # (another dataset: the index shown is not its own)
        self.stack.clear()
        self.restored_unsaved = True
        self._show()

    def push(self, edit: Edit) -> str:
        """Apply ``edit`` and put it on the undo stack; the refusal's message if it is wrong
        (then nothing changed), else ''."""
        if self.doc is None:
            self.new_document()
        assert self.doc is not None
        try:
            edit.apply(self.doc)
        except EditError as exc:
            self.last_error = exc.message
            self.last_problems = exc.problems
            self.window.statusBar().showMessage(f"Not changed: {exc.message}", 8000)
            return exc.message
        from viewer.ui.editing.commands import EditCommand

        self.stack.push(EditCommand(self.doc, edit, self._after))
        return ""

    def _after(self, edit: Edit, undone: bool) -> None:
        self._show(_focus(edit, undone))

    def _show(self, select_id: str | None = None) -> None:
        """Show the document in the window (its index rebuilt), keeping the view."""
        assert self.doc is not None
        w = self.window
        previous = w.dataset.events[w.selected].id if w.dataset and w.selected >= 0 else None
        # a source shown without an event (to quote from) stays shown
        alone = w.detail.source.id if w.detail.source and w.detail.current_event is None else None
        self._own = self.doc.loaded()
        w.set_loaded(self._own, keep_view=w.index is not None, index=self._reusable_index())
        self._shown = (self.doc.table, _lane_names(self.doc), w.state.lane_mode, w.full_index)
        target = select_id if select_id is not None else previous
        row = self.doc.row_of(target) if target else -1
        w.select_event(row)
        source = next((s for s in self.doc.header.sources if s.id == alone), None)
        if row < 0 and source is not None:
            w.detail.show_source(source)
        self.update_title()
        where = self.doc.path or "unsaved dataset"
        w.status_label.setText(f"{where} · {self.doc.n:,} events")
        self.edited.emit()

    def _reusable_index(self) -> EventIndex | None:
        """The index shown, if the edit changed nothing it is made of (a title, a summary,
        quotes): kept, with its caches, rather than built again (half the time of such an
        edit on screen); its titles are the edited table's."""
        if self._shown is None or self.doc is None:
            return None
        table, names, mode, index = self._shown
        w = self.window
        if w.full_index is not index or index is None or w.state.lane_mode != mode:
            return None
        if names != _lane_names(self.doc) or not shares_columns(table, self.doc.table):
            return None
        index.titles = self.doc.table.titles
        return index

    def update_title(self) -> None:
        if self.doc is None or not shiboken6.isValid(self.stack):
            return
        name = Path(self.doc.path).name if self.doc.path else "Untitled"
        mark = "*" if self.dirty else ""
        self.window.setWindowTitle(f"{mark}{self.doc.header.title} — {name} — Timeline Viewer")

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc is None:
            return False
        if needs_name(self.doc):
            return self.save_as()
        if changed_on_disk(self.doc) and not self._confirm_overwrite(self.doc.path):
            return False
        return self._write(self.doc.path)

    def save_as(self, path: str | None = None) -> bool:
        if self.doc is None:
            return False
        if path is None:
            suggested = native_name(self.doc.path) if self.doc.path else "chronology.json"
            path, _ = QFileDialog.getSaveFileName(
                self.window, "Save dataset as", suggested, SAVE_FILTER
            )
            if not path:
                return False
        if self.doc.format != "native" and self.doc.path and same_file(path, self.doc.path):
            self._error(
                f"{path}: is the {self.doc.format} file this dataset was read from; "
                "expected another name for the native file"
            )
            return False
        return self._write(path)

    def _write(self, path: str) -> bool:
        assert self.doc is not None
        try:
            save(self.doc, path)
        except OutputError as exc:
            self._error(str(exc))
            return False
        self.stack.setClean()
        self.restored_unsaved = False
        clear_recovery(self.recovery_folder)
        w = self.window
        w.path = path
        if w.loaded is not None:
            w.loaded.path = path
            w.loaded.format = "native"
        w.watcher.watch(path)
        self.update_title()
        w.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def is_own_write(self, path: str) -> bool:
        """A change the file watcher saw that is our own save (the file is as we wrote it)."""
        return (
            self.doc is not None
            and self.doc.path == path
            and self.doc.stamp is not None
            and stamp(path) == self.doc.stamp
        )

    def _confirm_overwrite(self, path: str) -> bool:
        answer = self._ask(
            "File changed on disk",
            f"{path} was changed by another program since it was opened.\n"
            "Overwrite it with this dataset?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def may_discard(self) -> bool:
        """Before closing, opening another file or reloading: Save / Discard / Cancel."""
        if not self.dirty:
            return True
        answer = self._ask(
            "Unsaved edits",
            "The dataset has unsaved edits. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            clear_recovery(self.recovery_folder)
            self.stack.clear()
            self.restored_unsaved = False
            return True
        return False

    def _ask(self, title: str, text: str, buttons, default) -> QMessageBox.StandardButton:  # type: ignore[no-untyped-def]
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self.window)
        box.setDefaultButton(default)
        box.setObjectName("edit_question")
        return QMessageBox.StandardButton(box.exec())

    def _error(self, message: str) -> None:
        self.last_error = message
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Not saved",
            message,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("edit_error")
        box.open()

    # --- recovery ------------------------------------------------------------------------------
    def write_recovery(self) -> None:
        if self.doc is not None and self.dirty:
            try:
                write_recovery(self.doc, self.recovery_folder)
            except OutputError as exc:
                self.window.statusBar().showMessage(f"Recovery copy not written: {exc}", 8000)

    def offer_recovery(self) -> bool:
        """At start: restore the unsaved edits of a previous session? True if restored."""
        found = find_recovery(self.recovery_folder)
        if found is None:
            return False
        where = found.original or "a new dataset"
        answer = self._ask(
            "Restore unsaved edits",
            f"Unsaved edits of {where} were kept when the viewer last stopped"
            f"{' (' + found.written[:19].replace('T', ' ') + ' UTC)' if found.written else ''}.\n"
            "Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            clear_recovery(self.recovery_folder)
            return False
        try:
            loaded = load(found.path)
        except LoadError as exc:
            self.window.show_error("Cannot restore the unsaved edits", exc)
            return False
        self.doc = restored(found, loaded)
        self._shown = None
        self.stack.clear()
        self.restored_unsaved = True
        self._show()
        return True


def _lane_names(doc: Document) -> tuple[list[str], list[str]]:
    return [a.name for a in doc.header.actors], [p.name for p in doc.header.places]


def _focus(edit: Edit, undone: bool) -> str | None:
    """The event to select after an edit (or its undo)."""
    if isinstance(edit, Compound):
        return next((f for e in edit.edits if (f := _focus(e, undone))), None)
    if isinstance(edit, AddEvent):
        return None if undone else edit.event.id
    if isinstance(edit, DeleteEvent):
        return edit.event_id if undone else None
    if isinstance(edit, UpdateEvent):
        return (edit.event_id if undone else edit.new.id if edit.new else edit.event_id) or None
    event_id = getattr(edit, "event_id", None)
    return event_id if isinstance(event_id, str) else None


def question_box(parent: QWidget) -> QMessageBox | None:
    """The question the session is asking (for tests that answer it)."""
    box = parent.findChild(QMessageBox, "edit_question")
    return box if isinstance(box, QMessageBox) else None
