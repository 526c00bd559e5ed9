"""The inspector: every field of the selected event, edited in place; Apply makes one
UpdateEvent of the fields changed. A refusal is shown at its field with validate's message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from viewer.model.dataset import Event
from viewer.model.dates import DateError, parse_date
from viewer.model.edits import UpdateEvent
from viewer.model.table import PRECISIONS, STATUSES
from viewer.ui.editing.dialogs import error_label, show_error

if TYPE_CHECKING:
    from viewer.ui.editing.actions import EditingActions

LISTS = ("actors", "places", "tags")
WHEN_TEXT = ("start", "end", "tz", "text", "basis")
_FIELD = re.compile(r"^events\[\d+\]\.?(?:when\.)?([a-z_]+)")


def _split(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


class Inspector(QDockWidget):
    """A dock on the right with the selected event's fields."""

    def __init__(self, actions: EditingActions) -> None:
        super().__init__("Event", actions.window)
        self.setObjectName("inspector")
        self.actions = actions
        self.current: Event | None = None
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        body = QWidget()
        outer = QVBoxLayout(body)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.heading)

        def add(name: str, label: str, widget: QWidget) -> None:
            widget.setAccessibleName(label)
            self.fields[name] = widget
            self.errors[name] = error_label()
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(widget)
            lay.addWidget(self.errors[name])
            form.addRow(f"{label}:", box)

        add("title", "Title", QLineEdit())
        summary = QPlainTextEdit()
        summary.setFixedHeight(70)
        add("summary", "Summary", summary)
        add("start", "Start", QLineEdit())
        self.fields["start"].setToolTip("2020-11-25, 2020-11, 2020 or 2020-11-10T00:00+03:00")
        add("end", "End", QLineEdit())
        precision = QComboBox()
        precision.addItems(list(PRECISIONS))
        add("precision", "Precision", precision)
        add("approximate", "Approximate", QCheckBox())
        add("uncertain", "Uncertain", QCheckBox())
        add("tz", "Zone (IANA)", QLineEdit())
        add("text", "Source's words", QLineEdit())
        add("basis", "Resolved how", QLineEdit())
        status = QComboBox()
        status.addItems(list(STATUSES))
        add("status", "Status", status)
        add("kind", "Kind", QLineEdit())
        for name in LISTS:
            edit = QLineEdit()
            edit.setPlaceholderText("ids, separated by commas" if name != "tags" else "tags, …")
            add(name, name.capitalize(), edit)
        self.general = error_label()
        form.addRow(self.general)
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply)
        form.addRow(self.apply_button)
        form.addRow(self._quotes_box())
        self.fields["start"].textEdited.connect(self._start_edited)  # type: ignore[attr-defined]
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.setWidget(scroll)
        actions.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        actions.session.edited.connect(lambda: self.show_event(actions.selected_id()))
        actions.window.state.connect("selection", lambda _row: self._follow())

    def _quotes_box(self) -> QWidget:
        """The event's quotes, each to edit, anchor anew or delete."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 8, 0, 0)
        self.quotes_heading = QLabel("Quotes")
        lay.addWidget(self.quotes_heading)
        self.quotes = QListWidget()
        self.quotes.setAccessibleName("Quotes of the event")
        self.quotes.setWordWrap(True)
        self.quotes.setMaximumHeight(140)
        self.quotes.currentItemChanged.connect(lambda *_: self._quote_chosen())
        lay.addWidget(self.quotes)
        row = QHBoxLayout()
        quotes = self.actions.quotes
        self.edit_quote_button = QPushButton("Edit…")
        self.edit_quote_button.clicked.connect(lambda: quotes.edit_dialog(self.quote_id()))
        self.anchor_button = QPushButton("Anchor to selection")
        self.anchor_button.setToolTip("Anchor the quote to the words selected in the source text")
        self.anchor_button.clicked.connect(lambda: quotes.anchor_to_selection(self.quote_id()))
        self.delete_quote_button = QPushButton("Delete")
        self.delete_quote_button.clicked.connect(lambda: quotes.delete_quote(self.quote_id()))
        for button in (self.edit_quote_button, self.anchor_button, self.delete_quote_button):
            row.addWidget(button)
        lay.addLayout(row)
        return box

    def quote_id(self) -> str | None:
        item = self.quotes.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _quote_chosen(self) -> None:
        quote_id = self.quote_id()
        for button in (self.edit_quote_button, self.anchor_button, self.delete_quote_button):
            button.setEnabled(quote_id is not None)
        if quote_id is not None:  # the detail pane shows it in its source
            self.actions.quotes.select_quote(quote_id)

    def _show_quotes(self, ev: Event | None) -> None:
        self.quotes.blockSignals(True)
        self.quotes.clear()
        for q in ev.quotes if ev is not None else []:
            words = q.text if len(q.text) <= 90 else q.text[:89] + "…"
            ds = self.actions.window.dataset
            who = ds.actor(q.speaker).name if ds is not None and q.speaker else "no speaker"
            item = QListWidgetItem(f"“{words}” — {who} ({q.form})")
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            self.quotes.addItem(item)
        self.quotes.blockSignals(False)
        count = len(ev.quotes) if ev is not None else 0
        self.quotes_heading.setText(f"Quotes ({count})")
        self._quote_chosen()

    def select_quote(self, quote_id: str) -> None:
        """Select a quote in the list (the detail pane selected it: not told again)."""
        self.quotes.blockSignals(True)
        for k in range(self.quotes.count()):
            if self.quotes.item(k).data(Qt.ItemDataRole.UserRole) == quote_id:
                self.quotes.setCurrentRow(k)
        self.quotes.blockSignals(False)
        for button in (self.edit_quote_button, self.anchor_button, self.delete_quote_button):
            button.setEnabled(self.quote_id() is not None)

    def _follow(self) -> None:
        """Show the newly selected event. Fields changed and not yet applied are applied first
        (as leaving a field commits it); if they are refused, the inspector stays on their
        event with the messages at the fields, so no typing is lost."""
        if not self.isVisible():
            return
        selected = self.actions.selected_id()
        if self.current is not None and self.current.id != selected and self._typed_over():
            left = self.current.id
            if self.apply():
                self.actions.window.statusBar().showMessage(
                    f"The changes to event {left} were not applied: correct them and Apply, "
                    "or press F2 to drop them",
                    8000,
                )
                return
            # the edit selected the event it changed: go on to the one the user chose
            doc = self.actions.session.doc
            row = doc.row_of(selected) if doc is not None and selected else -1
            if self.actions.selected_id() != selected:
                self.actions.window.select_event(row)  # (follows again, nothing left to apply)
                return
        self.show_event(selected)

    def _typed_over(self) -> bool:
        """Whether fields were changed over the event as the document still holds it (not
        after an edit, an undo or another file replaced it: then there is nothing to apply)."""
        doc = self.actions.session.doc
        assert self.current is not None
        row = doc.row_of(self.current.id) if doc is not None else -1
        return row >= 0 and doc.event(row) == self.current and bool(self.changes())

    def _start_edited(self, text: str) -> None:
        try:
            precision = parse_date(text.strip()).precision
        except DateError:
            return
        combo = self.fields["precision"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentText(precision)

    # --- showing and reading ----------------------------------------------------------------
    def show_event(self, event_id: str | None) -> None:
        doc = self.actions.session.doc
        row = doc.row_of(event_id) if doc is not None and event_id else -1
        self.current = doc.event(row) if doc is not None and row >= 0 else None
        self.clear_errors()
        enabled = self.current is not None
        for w in self.fields.values():
            w.setEnabled(enabled)
        self.apply_button.setEnabled(enabled)
        self._show_quotes(self.current)
        if self.current is None:
            self.heading.setText("No event selected")
            return
        ev = self.current
        self.heading.setText(f"Event {ev.id}")
        values = self._values_of(ev)
        for name, value in values.items():
            self._set(name, value)

    @staticmethod
    def _values_of(ev: Event) -> dict[str, Any]:
        w = ev.when
        return {
            "title": ev.title,
            "summary": ev.summary,
            "start": w.start,
            "end": w.end or "",
            "precision": w.precision,
            "approximate": w.approximate,
            "uncertain": w.uncertain,
            "tz": w.tz or "",
            "text": w.text or "",
            "basis": w.basis or "",
            "status": ev.status,
            "kind": ev.kind,
            "actors": ", ".join(ev.actors),
            "places": ", ".join(ev.places),
            "tags": ", ".join(ev.tags),
        }

    def _set(self, name: str, value: Any) -> None:
        w = self.fields[name]
        if isinstance(w, QLineEdit):
            w.setText(str(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        elif isinstance(w, QComboBox):
            w.setCurrentText(str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))

    def _get(self, name: str) -> Any:
        w = self.fields[name]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentText()
        assert isinstance(w, QCheckBox)
        return w.isChecked()

    def changes(self) -> dict[str, Any]:
        """The fields changed, as an UpdateEvent's changes."""
        assert self.current is not None
        old = self._values_of(self.current)
        out: dict[str, Any] = {}
        when: dict[str, Any] = {}
        for name in old:
            value = self._get(name)
            if value == old[name]:
                continue
            if name in LISTS:
                value = _split(value)
            if name in ("start", "end", "precision", "approximate", "uncertain", *WHEN_TEXT):
                when[name] = (value.strip() or None) if isinstance(value, str) else value
                if name == "start" and when[name] is None:
                    when[name] = ""
            else:
                out[name] = value
        if when:
            out["when"] = when
        return out

    # --- applying -----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general):
            show_error(label, "")

    def apply(self) -> str:
        if self.current is None:
            return "no event selected"
        changes = self.changes()
        self.clear_errors()
        if not changes:
            return ""
        session = self.actions.session
        edit = UpdateEvent(self.current.id, changes)
        message = session.push(edit)
        if message:
            self._show_problems(edit, message)
        return message

    def _show_problems(self, edit: UpdateEvent, message: str) -> None:
        problems = self.actions.session.last_problems
        for p in problems:
            found = _FIELD.match(p.path)
            name = found.group(1) if found else ""
            name = "end" if name == "when" else name  # "end … is before start"
            label = self.errors.get(name, self.general)
            text = p.message if name in self.errors else f"{p.path}: {p.message}"
            show_error(label, (label.text() + "\n" if label.text() else "") + text)
        if not problems:
            show_error(self.general, message)

    def error_at(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if label.isVisibleTo(self) else ""
