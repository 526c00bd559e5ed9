"""The editing commands of the window: File > New, Save, Save As, Add Source…; the Edit menu
(Undo/Redo naming what they do, Insert Event, Delete Event, Quote from Selection, Edit Event…);
the source pane's and the quotes' context menus; a double-click on empty timeline space makes
an event there (on an event: opens it in the inspector).

Each command builds a Qt-free edit and pushes it through the :class:`EditSession`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from viewer.model.dataset import Event, Source, When
from viewer.model.edits import AddEvent, AddSource, DeleteEvent, EditError, unique_id
from viewer.model.quoting import make_source, read_article
from viewer.ui.editing.dialogs import SourceDialog, show_error
from viewer.ui.editing.quote_actions import QuoteActions, slug
from viewer.ui.editing.session import EditSession

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow


class _TakenIds:
    """``id in taken`` looked up in the table (no set of a million ids per new event)."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self.doc = doc

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and self.doc.row_of(event_id) >= 0


class EditingActions:
    """Builds the editing menus and actions of a window and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        self.window = w = window
        self.session = EditSession(window)
        self.source_dialog: SourceDialog | None = None
        self.inspector = None
        stack = self.session.stack

        file = w.file_menu
        anchor = w.print_anchor
        self.act_new = self.make_action(
            "&New", self.session.new_document, QKeySequence.StandardKey.New
        )
        self.act_save = self.make_action("&Save", self.session.save, QKeySequence.StandardKey.Save)
        self.act_save_as = self.make_action(
            "Save &As…", lambda: self.session.save_as(), "Ctrl+Shift+S"
        )
        self.act_add_source = self.make_action("Add So&urce…", self.add_source_dialog)
        first = file.actions()[0] if file.actions() else None
        file.insertAction(first, self.act_new)
        for act in (self.act_save, self.act_save_as, self.act_add_source):
            file.insertAction(anchor, act)
        file.insertSeparator(anchor)

        edit = self.edit_menu = w.edit_menu  # (the window's, which holds Copy)
        self.act_undo = stack.createUndoAction(w, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.act_redo = stack.createRedoAction(w, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        first = edit.actions()[0] if edit.actions() else None
        edit.insertAction(first, self.act_undo)
        edit.insertAction(first, self.act_redo)
        edit.insertSeparator(first)
        edit.addSeparator()
        self.act_insert = self.make_action("&Insert Event", self.insert_event, "Ins")
        self.act_delete = self.make_action(
            "&Delete Event", self.delete_event, QKeySequence.StandardKey.Delete
        )
        self.act_quote = self.make_action(
            "&Quote from Selection…", lambda: self.quotes.quote_selection_dialog(), "Ctrl+Shift+Q"
        )
        self.act_inspect = self.make_action("Edit Event &Fields…", self.show_inspector, "F2")
        for act in (self.act_insert, self.act_delete, self.act_quote, self.act_inspect):
            edit.addAction(act)
            w.addAction(act)
        self.quotes = QuoteActions(self)
        edit.addActions(self.quotes.actions)
        edit.addSeparator()
        self.parts: dict[str, object] = {}
        self.act_actors = self.make_action("&Actors…", lambda: self.show_parts("actors"))
        self.act_places = self.make_action("&Places…", lambda: self.show_parts("places"))
        self.act_sources = self.make_action("&Sources…", lambda: self.show_parts("sources"))
        edit.addAction(self.act_actors)
        edit.addAction(self.act_places)
        edit.addAction(self.act_sources)
        toolbar = w.findChild(QToolBar, "main_toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.act_quote)

        source = w.detail.source_text
        source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        source.customContextMenuRequested.connect(self._source_menu)
        w.timeline.view_box.clicked.connect(self._timeline_clicked)

    def make_action(self, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        act = QAction(text, self.window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    # --- helpers --------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        w = self.window
        if w.dataset is None or w.selected < 0:
            return None
        return w.dataset.events[w.selected].id

    def tell(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, "Not changed", message, QMessageBox.StandardButton.Ok,
            self.window,
        )  # fmt: skip
        box.setObjectName("edit_message")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.session.last_error = message

    def new_event_id(self, title: str) -> str:
        doc = self.session.doc
        if doc is None:
            return slug(title)
        return unique_id(slug(title), _TakenIds(doc))

    # --- events -------------------------------------------------------------------------------
    def insert_event(
        self, when: When | None = None, fields: dict[str, object] | None = None
    ) -> str:
        """A new event (today, or ``when``) with ``fields``; opens the inspector on it."""
        if self.session.doc is None:
            self.session.new_document()
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        data: dict[str, object] = {
            "id": self.new_event_id("new event"),
            "title": "New event",
            "when": when or When(start=day, precision="day"),
            **(fields or {}),
        }
        message = self.session.push(AddEvent(Event.model_validate(data)))
        if message:
            self.tell(message)
            return message
        self.show_inspector()
        return ""

    def delete_event(self) -> str:
        """Del: the selected event with its quotes (in a list of quotes: the quote)."""
        if self.window.detail.quotes.hasFocus() and self.quotes.selected_quote() is not None:
            return self.quotes.delete_quote()
        inspector = self.inspector
        if inspector is not None and inspector.quotes.hasFocus() and inspector.quote_id():
            return self.quotes.delete_quote(inspector.quote_id())
        event_id = self.selected_id()
        if event_id is None:
            return "no event selected"
        return self.session.push(DeleteEvent(event_id))

    def _timeline_clicked(self, scene_pos: QPointF, double: bool) -> None:
        """A double-click in the lanes: on an event, select it and open it in the inspector;
        on empty space, a new event at that date in that lane."""
        w = self.window
        if not double or w.dataset is None:
            return
        row = w.timeline.event_at(scene_pos)
        if row >= 0:
            w.select_event(row)
            self.show_inspector()
            return
        p = w.timeline.view_box.mapSceneToView(scene_pos)
        self.insert_event_at(p.x(), p.y())

    def insert_event_at(self, t: float, y: float) -> str:
        """An event at time ``t`` (its day, in the axis's zone) in the lane at height ``y``."""
        w = self.window
        offset = getattr(w.timeline.axis, "offset", 0.0)
        try:
            day = datetime.fromtimestamp(t + offset, tz=UTC).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return "outside the dates the viewer can show"
        fields: dict[str, object] = {}
        index = w.full_index
        if index is not None and index.n_lanes and w.dataset is not None:
            import numpy as np

            lane = int(np.searchsorted(index.lane_top, y, "right")) - 1
            if 0 <= lane < index.n_lanes:
                fields = self._lane_fields(index.lanes[lane])
        return self.insert_event(When(start=day, precision="day"), fields)

    def _lane_fields(self, lane: str) -> dict[str, object]:
        w = self.window
        ds = w.dataset
        assert ds is not None
        mode = w.state.lane_mode
        if lane.startswith("("):
            return {}
        if mode == "kind":
            return {"kind": lane}
        if mode == "status":
            return {"status": lane}
        if mode == "tag":
            return {"tags": [lane]}
        items = ds.actors if mode == "actor" else ds.places
        ids = [x.id for x in items if x.name == lane][:1]
        return {"actors" if mode == "actor" else "places": ids} if ids else {}

    # --- sources --------------------------------------------------------------------------------
    def add_source_dialog(self) -> SourceDialog:
        dialog = SourceDialog(self.window)
        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(lambda: self._source_accepted(dialog))
        self.source_dialog = dialog
        dialog.open()
        return dialog

    def _source_accepted(self, dialog: SourceDialog) -> None:
        message = self.add_source(
            path=dialog.file.text().strip() or None,
            text=dialog.text.toPlainText() or None,
            title=dialog.title.text().strip(),
            url=dialog.url.text().strip(),
            publisher=dialog.publisher.text().strip(),
            published=dialog.published.text().strip(),
            language=dialog.language.text().strip(),
        )
        show_error(dialog.error, message)
        if not message:
            dialog.accept()

    def add_source(
        self,
        path: str | None = None,
        text: str | None = None,
        title: str = "",
        **fields: str,
    ) -> str:
        """Add a source from a file or pasted text; the source pane then shows it."""
        if self.session.doc is None:
            self.session.new_document()
        doc = self.session.doc
        assert doc is not None
        try:
            if path:
                text, found_title = read_article(path)
                title = title or found_title
            if not text or not text.strip():
                raise EditError("no text: choose a .txt or .html file or paste the article")
            source = make_source(doc, text, title or text.strip().splitlines()[0][:200], **fields)
        except EditError as exc:
            return exc.message
        message = self.session.push(AddSource(source))
        if not message:
            self.show_source(source)
        return message

    def show_source(self, source: Source) -> None:
        self.window.detail.show_source(source)

    # --- quotes ----------------------------------------------------------------------------------
    def _source_menu(self, pos: QPoint) -> None:
        view = self.window.detail.source_text
        self.source_menu().exec(view.mapToGlobal(pos))

    def source_menu(self) -> QMenu:
        """The source pane's context menu: copy, select all, then quote the selected words or
        anchor the quote selected in the list of quotes to them."""
        view = self.window.detail.source_text
        menu = view.createStandardContextMenu()
        menu.setObjectName("source_menu")
        menu.addSeparator()
        selected = view.textCursor().hasSelection()
        quote = menu.addAction(self.act_quote.text(), lambda: self.quotes.quote_selection_dialog())
        quote.setEnabled(selected)
        anchor = menu.addAction(
            self.quotes.act_anchor.text(), lambda: self.quotes.anchor_to_selection()
        )
        anchor.setEnabled(selected and self.quotes.selected_quote() is not None)
        return menu

    def show_parts(self, kind: str):  # type: ignore[no-untyped-def]
        """The actors or places dialog (one of each, kept)."""
        from viewer.ui.editing.parts import PartsDialog, SourcesDialog

        if self.session.doc is None:
            self.session.new_document()
        dialog = self.parts.get(kind)
        if dialog is None:
            dialog = self.parts[kind] = (
                SourcesDialog(self, self.window)
                if kind == "sources"
                else PartsDialog(self, kind, self.window)
            )
        dialog.refresh()  # type: ignore[attr-defined]
        dialog.show()  # type: ignore[attr-defined]
        return dialog

    # --- inspector --------------------------------------------------------------------------------
    def show_inspector(self) -> None:
        from viewer.ui.editing.inspector import Inspector

        if self.inspector is None:
            self.inspector = Inspector(self)
        self.inspector.show_event(self.selected_id())
        self.inspector.show()
        self.inspector.raise_()
