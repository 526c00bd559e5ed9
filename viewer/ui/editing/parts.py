"""The actors (or places, or sources) of the dataset in a small dialog: add one, rename it, set
its aliases, merge an actor into another (its events and quotes follow), delete one (refused
while events refer to it, or with those references removed if the user chooses so). Each
button pushes one edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.model.dataset import Actor, Place
from viewer.model.deleting import DeletePart, quoted_rows
from viewer.model.edits import AddPart, MergeActors, UpdatePart, unique_id
from viewer.ui.editing.dialogs import error_label, show_error

if TYPE_CHECKING:
    from viewer.ui.editing.actions import EditingActions


def _split(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def delete_part(actions: EditingActions, kind: str, item_id: str, error: QLabel) -> str:
    """Delete an actor, place or source. If events refer to it, ask: remove those references
    too, or cancel (the refusal, naming the events, stays shown). A source with quotes
    anchored to its text is refused."""
    session = actions.session
    message = session.push(DeletePart(kind, item_id))
    doc = session.doc
    quoted = kind == "sources" and doc is not None and bool(quoted_rows(doc, item_id)[0])
    if message and not quoted:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            f"Delete {kind[:-1]}",
            message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            error.window(),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(f"Remove the {kind[:-1]} from those events too? (Undo restores it.)")
        box.button(QMessageBox.StandardButton.Yes).setText("Remove the references too")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("delete_question")
        if box.exec() == QMessageBox.StandardButton.Yes:
            message = session.push(DeletePart(kind, item_id, remove_refs=True))
            if not message:  # the refusal asked about is no longer the news
                bar = actions.window.statusBar()
                bar.showMessage(f"Deleted {kind[:-1]} '{item_id}' and its references", 8000)
    show_error(error, message)
    return message


class PartsDialog(QDialog):
    """``kind`` is "actors" or "places"."""

    def __init__(self, actions: EditingActions, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions, self.kind = actions, kind
        self.setWindowTitle(kind.capitalize())
        self.setObjectName(f"{kind}_dialog")
        self.items = QListWidget()
        self.items.setAccessibleName(kind.capitalize())
        self.items.currentItemChanged.connect(lambda *_: self._show_current())
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.aliases = QLineEdit()
        self.aliases.setAccessibleName("Aliases")
        self.aliases.setPlaceholderText("other names, separated by commas")
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(f"name of a new {kind[:-1]}")
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete)
        self.merge_target = QComboBox()
        self.merge_button = QPushButton("Merge into")
        self.merge_button.clicked.connect(self.merge)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Aliases:", self.aliases)
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.delete_button)
        form.addRow(row)
        merge = QHBoxLayout()
        merge.addWidget(self.merge_button)
        merge.addWidget(self.merge_target, 1)
        if kind == "actors":
            form.addRow(merge)
        else:
            self.merge_button.hide()
            self.merge_target.hide()
        add = QHBoxLayout()
        add.addWidget(self.new_name, 1)
        add.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(form)
        layout.addLayout(add)
        layout.addWidget(self.error)
        actions.session.edited.connect(self.refresh)
        self.refresh()

    def _parts(self) -> list[Actor] | list[Place]:
        doc = self.actions.session.doc
        return list(getattr(doc.header, self.kind)) if doc is not None else []

    def refresh(self) -> None:
        current = self.current_id()
        self.items.blockSignals(True)
        self.items.clear()
        self.merge_target.clear()
        for part in self._parts():
            item = QListWidgetItem(f"{part.name} ({part.id})")
            item.setData(Qt.ItemDataRole.UserRole, part.id)
            self.items.addItem(item)
            self.merge_target.addItem(part.name, part.id)
            if part.id == current:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)
        self._show_current()

    def current_id(self) -> str | None:
        item = self.items.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, part_id: str) -> None:
        for k in range(self.items.count()):
            if self.items.item(k).data(Qt.ItemDataRole.UserRole) == part_id:
                self.items.setCurrentRow(k)

    def _show_current(self) -> None:
        part = next((p for p in self._parts() if p.id == self.current_id()), None)
        self.name.setText(part.name if part else "")
        self.aliases.setText(", ".join(part.aliases) if part else "")

    def _push(self, edit) -> str:  # type: ignore[no-untyped-def]
        message = self.actions.session.push(edit)
        show_error(self.error, message)
        return message

    def apply(self) -> str:
        part_id = self.current_id()
        part = next((p for p in self._parts() if p.id == part_id), None)
        if part is None:
            return "nothing selected"
        changes: dict[str, object] = {}
        if self.name.text().strip() != part.name:
            changes["name"] = self.name.text().strip()
        if _split(self.aliases.text()) != part.aliases:
            changes["aliases"] = _split(self.aliases.text())
        return self._push(UpdatePart(self.kind, part.id, changes)) if changes else ""

    def add(self) -> str:
        name = self.new_name.text().strip()
        if not name:
            show_error(self.error, "type the name first")
            return "type the name first"
        taken = {p.id for p in self._parts()}
        stem = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
        new_id = unique_id(stem or self.kind[:-1], taken)
        item = Actor(id=new_id, name=name) if self.kind == "actors" else Place(id=new_id, name=name)
        message = self._push(AddPart(self.kind, item))
        if not message:
            self.new_name.clear()
            self.select(new_id)
        return message

    def delete(self) -> str:
        part_id = self.current_id()
        if part_id is None:
            return "nothing selected"
        return delete_part(self.actions, self.kind, part_id, self.error)

    def merge(self) -> str:
        drop, keep = self.current_id(), self.merge_target.currentData()
        if drop is None or keep is None:
            return "nothing selected"
        return self._push(MergeActors(keep, drop))


SOURCE_FIELDS = ("title", "url", "publisher", "published", "language")


class SourcesDialog(QDialog):
    """The sources: title, URL, publisher, publication date (with its zone) and language are
    editable; the text is not (quotes are anchored in it) and its sha256 is shown."""

    def __init__(self, actions: EditingActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Sources")
        self.setObjectName("sources_dialog")
        self.items = QListWidget()
        self.items.currentItemChanged.connect(lambda *_: self._show_current())
        self.fields = {name: QLineEdit() for name in SOURCE_FIELDS}
        self.fields["published"].setPlaceholderText("2020-11-25 or 2020-11-25T10:00+04:00")
        self.sha = QLineEdit()
        self.sha.setReadOnly(True)
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply)
        self.show_button = QPushButton("Show text")
        self.show_button.clicked.connect(self.show_text)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete)
        self.error = error_label()
        form = QFormLayout()
        for name, edit in self.fields.items():
            edit.setAccessibleName(name.capitalize())
            form.addRow(f"{name.capitalize()}:", edit)
        form.addRow("sha256:", self.sha)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        actions.session.edited.connect(self.refresh)
        self.refresh()

    def _sources(self) -> list:  # type: ignore[type-arg]
        doc = self.actions.session.doc
        return list(doc.header.sources) if doc is not None else []

    def current_id(self) -> str | None:
        item = self.items.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def refresh(self) -> None:
        current = self.current_id()
        self.items.blockSignals(True)
        self.items.clear()
        for src in self._sources():
            item = QListWidgetItem(f"{src.title} ({src.id})")
            item.setData(Qt.ItemDataRole.UserRole, src.id)
            self.items.addItem(item)
            if src.id == current or current is None:
                self.items.setCurrentItem(item)
                current = src.id
        self.items.blockSignals(False)
        self._show_current()

    def _current(self):  # type: ignore[no-untyped-def]
        return next((s for s in self._sources() if s.id == self.current_id()), None)

    def _show_current(self) -> None:
        src = self._current()
        for name, edit in self.fields.items():
            edit.setText((getattr(src, name) or "") if src else "")
        self.sha.setText((src.sha256 or "") if src else "")

    def apply(self) -> str:
        src = self._current()
        if src is None:
            return "nothing selected"
        changes = {
            name: edit.text().strip() or None
            for name, edit in self.fields.items()
            if (edit.text().strip() or None) != getattr(src, name)
        }
        if not changes:
            return ""
        message = self.actions.session.push(UpdatePart("sources", src.id, changes))
        show_error(self.error, message)
        return message

    def show_text(self) -> None:
        src = self._current()
        if src is not None:
            self.actions.show_source(src)

    def delete(self) -> str:
        src = self._current()
        if src is None:
            return "nothing selected"
        return delete_part(self.actions, "sources", src.id, self.error)
