"""Reviewing a drafted chronology in the window: the Review menu (Accept, Reject, Accept All
Drafts, Next/Previous Draft), Accept/Reject of one quote from the detail pane's list of quotes
(context menu), and the status bar's "N drafts to review".

What is a draft comes from the document's events kept whole (:mod:`viewer.model.review`); every
command is an undoable edit pushed through the :class:`EditSession`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from viewer.model.edits import DeleteEvent
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.quoting import DeleteQuote
from viewer.model.review import (
    AcceptAllDrafts,
    AcceptDraft,
    draft_badges,
    draft_counts,
    draft_marks,
)

if TYPE_CHECKING:
    from viewer.ui.editing.session import EditSession
    from viewer.ui.window import MainWindow


class ReviewActions:
    """The review commands of a window and what shows the drafts left."""

    def __init__(self, window: MainWindow, session: EditSession) -> None:
        self.window = w = window
        self.session = session
        self.rows = np.zeros(0, np.int64)  # event rows of drafts, ascending

        self.act_accept = self._action("&Accept Draft", self.accept, ["Ctrl+Return", "Ctrl+Enter"])
        self.act_accept.setStatusTip("Accept the selected event and its quotes as they are")
        self.act_reject = self._action("&Reject Draft", self.reject, ["Ctrl+Backspace"])
        self.act_reject.setStatusTip("Delete the selected event with its quotes")
        self.act_accept_all = self._action("Accept A&ll Drafts", self.accept_all)
        self.act_next = self._action("&Next Draft", lambda: self.step(1), ["F8"])
        self.act_previous = self._action("&Previous Draft", lambda: self.step(-1), ["Shift+F8"])
        self.act_accept_quote = self._action("Accept Drafted &Quote", self.accept_quote)
        self.act_reject_quote = self._action("Reject (Delete) Q&uote", self.reject_quote)

        menu = QMenu("&Review", w)
        menu.addActions([self.act_accept, self.act_reject, self.act_accept_all])
        menu.addSeparator()
        menu.addActions([self.act_accept_quote, self.act_reject_quote])
        menu.addSeparator()
        menu.addActions([self.act_next, self.act_previous])
        bar = w.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        for act in menu.actions():
            if act is not self.act_reject:
                w.addAction(act)
        # Ctrl+Backspace deletes a word while typing (Find, the inspector): Reject's key works
        # only where the events are shown (the timeline, the list, the detail pane)
        self.act_reject.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (w.timeline, w.events.table, w.detail):
            widget.addAction(self.act_reject)

        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Drafts to review")
        self.count_label.setStyleSheet("color: #6a3d9a; font-weight: bold")
        w.statusBar().addPermanentWidget(self.count_label)
        self.count_label.hide()

        # per quote: Accept / Reject in the list of quotes' context menu (built by the quote
        # editing actions, which add the list's own actions to it)
        quotes = w.detail.quotes
        quotes.addAction(self.act_accept_quote)
        quotes.addAction(self.act_reject_quote)

    def _action(self, text: str, slot, shortcuts: list[str] | None = None) -> QAction:  # type: ignore[no-untyped-def]
        act = QAction(text, self.window)
        if shortcuts:
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
        act.triggered.connect(lambda _checked=False: slot())
        return act

    # --- what is left to review ------------------------------------------------------------------
    def show_drafts(self, loaded: ColumnarLoaded) -> None:
        """Mark the drafts of a dataset just shown: timeline, list, status bar."""
        w = self.window
        table = loaded.columns
        if table is None:
            return
        rows, conf = draft_marks(table)
        self.rows = rows
        w.timeline.set_drafts(rows)
        w.events.set_drafts(draft_badges(table) if len(rows) else {}, rows, conf)
        text = draft_counts(table).text()
        self.count_label.setText(text)
        self.count_label.setVisible(bool(text))
        for act in (self.act_accept_all, self.act_next, self.act_previous):
            act.setEnabled(bool(len(rows)))

    @property
    def count_text(self) -> str:
        return self.count_label.text() if self.count_label.isVisible() else ""

    def step(self, direction: int) -> int:
        """Select the next (1) or previous (-1) drafted event in time order among the events
        shown (wrapping around); its row, or -1 if none is shown."""
        row = self._neighbour(direction)
        if row >= 0:
            self._show_row(row)
        return row

    def _show_row(self, row: int) -> None:
        self.window.select_event(row)
        self.window.timeline.ensure_visible(row)

    def _neighbour(self, direction: int, quiet: bool = False) -> int:
        """The row of the next (1) or previous (-1) drafted event after the selected one, in
        time order among the events shown (wrapping around); -1 if none is shown."""
        w = self.window
        if w.index is None or not len(self.rows):
            if not quiet:
                w.statusBar().showMessage("No drafts to review", 4000)
            return -1
        chrono = w.index.chrono
        drafted = np.flatnonzero(np.isin(chrono, self.rows))
        if not len(drafted):
            if not quiet:
                w.statusBar().showMessage("No drafts among the events shown", 4000)
            return -1
        here = np.flatnonzero(chrono == w.selected)
        if not len(here):
            k = 0 if direction > 0 else len(drafted) - 1
        elif direction > 0:
            k = int(np.searchsorted(drafted, here[0], "right")) % len(drafted)
        else:
            k = (int(np.searchsorted(drafted, here[0], "left")) - 1) % len(drafted)
        return int(chrono[drafted[k]])

    # --- commands --------------------------------------------------------------------------------
    def _selected_id(self) -> str | None:
        w = self.window
        if w.dataset is None or w.selected < 0:
            w.statusBar().showMessage("Select an event first", 4000)
            return None
        return w.dataset.events[w.selected].id

    def accept(self) -> str:
        """Accept the selected event with all its quotes. Fields changed in the inspector
        for that event and not applied yet are applied first (Ctrl+Enter typed in a field
        would otherwise drop them); if they are refused, nothing is accepted."""
        event_id = self._selected_id()
        if not event_id:
            return "no event selected"
        inspector = self.window.editing.inspector
        if (
            inspector is not None
            and inspector.isVisible()  # (typing in a dock then closed is dropped, as before)
            and inspector.current is not None
            and inspector.current.id == event_id
            and inspector.changes()
        ):
            message = inspector.apply()
            if message:
                return message
        return self.session.push(AcceptDraft(event_id))

    def reject(self) -> str:
        """Reject the selected event: it is deleted with its quotes (undo brings it back); the
        next draft in time is selected, as F8 would (not none: F8 would start over). In the
        detail pane's list of quotes, the quote selected there is rejected (as Del does)."""
        quotes = self.window.detail.quotes
        if quotes.hasFocus() and quotes.currentItem() is not None:
            return self.reject_quote()
        event_id = self._selected_id()
        if not event_id:
            return "no event selected"
        w = self.window
        after = self._neighbour(1, quiet=True)
        next_id = w.dataset.events[after].id if after >= 0 and w.dataset else None
        message = self.session.push(DeleteEvent(event_id))
        doc = self.session.doc
        if not message and next_id not in (None, event_id) and doc is not None:
            self._show_row(doc.row_of(next_id))
        return message

    def accept_all(self) -> str:
        return self.session.push(AcceptAllDrafts())

    def selected_quote(self) -> tuple[str, str] | None:
        """(event id, quote id) of the quote selected in the detail pane's list."""
        detail = self.window.detail
        item = detail.quotes.currentItem()
        if detail.current_event is None or item is None:
            self.window.statusBar().showMessage("Select a quote in the list of quotes", 4000)
            return None
        return detail.current_event.id, str(item.data(Qt.ItemDataRole.UserRole))

    def accept_quote(self) -> str:
        found = self.selected_quote()
        if found is None:
            return "no quote selected"
        return self.session.push(AcceptDraft(found[0], quote_id=found[1]))

    def reject_quote(self) -> str:
        found = self.selected_quote()
        return self.session.push(DeleteQuote(*found)) if found else "no quote selected"
