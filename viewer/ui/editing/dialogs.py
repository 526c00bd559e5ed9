"""Small dialogs of editing: the quote made from a selection (speaker, form, which event) and a
new source (a .txt or .html file, or pasted text, with its title, URL, publisher and date).

Dialogs only gather values; the edits check them and the dialog shows a refusal at its field.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.model.dataset import Dataset

NEW_EVENT = "__new__"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    label.setTextFormat(label.textFormat().PlainText)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class QuoteDialog(QDialog):
    """Who said the selected words, how, and in which event."""

    def __init__(
        self, ds: Dataset, words: str, selected_event: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quote from selection")
        self.setObjectName("quote_dialog")
        self.words = QLabel(f"“{words if len(words) <= 300 else words[:299] + '…'}”")
        self.words.setTextFormat(self.words.textFormat().PlainText)
        self.words.setWordWrap(True)
        self.speaker = speaker_combo(ds)
        self.form = form_combo()
        self.target = QComboBox()
        self.target.setAccessibleName("Event")
        if selected_event is not None:
            title = ds.event(selected_event).title if _has_event(ds, selected_event) else ""
            self.target.addItem(f"the selected event: {title or selected_event}", selected_event)
        self.target.addItem("a new event", NEW_EVENT)
        self.title = QLineEdit(words[:80])
        self.title.setAccessibleName("New event title")
        self.date = QLineEdit()
        self.date.setPlaceholderText("2020-11-25, 2020-11 or 2020-11-10T00:00+03:00")
        self.date.setAccessibleName("New event date")
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.words)
        form.addRow("Speaker:", self.speaker)
        form.addRow("Form:", self.form)
        form.addRow("To:", self.target)
        form.addRow("New event title:", self.title)
        form.addRow("New event date:", self.date)
        self.buttons = lay_out(self, form, self.error)
        self.target.currentIndexChanged.connect(self._target_changed)
        self._target_changed()

    def _target_changed(self) -> None:
        new = self.target.currentData() == NEW_EVENT
        self.title.setEnabled(new)
        self.date.setEnabled(new)

    def speaker_choice(self) -> tuple[str | None, str | None]:
        """(actor id, None) for a known actor or none; (None, name) for a new actor."""
        return speaker_choice(self.speaker)


def speaker_combo(ds: Dataset, current: str | None = None) -> QComboBox:
    """The speaker of a quote: "(no speaker)", the dataset's actors, or a new name typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName("Speaker")
    combo.addItem("(no speaker)", None)
    for actor in ds.actors:
        combo.addItem(actor.name, actor.id)
    combo.setToolTip("Choose an actor, or type the name of a new one")
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
    return combo


def speaker_choice(combo: QComboBox) -> tuple[str | None, str | None]:
    """(actor id, None) for a known actor or none; (None, name) for a new actor."""
    text = combo.currentText().strip()
    k = combo.currentIndex()
    if k >= 0 and combo.itemText(k) == text:  # (two actors may share a name)
        return combo.itemData(k), None
    k = combo.findText(text)
    if k >= 0:
        return combo.itemData(k), None
    return None, text or None


def form_combo(current: str = "direct") -> QComboBox:
    combo = QComboBox()
    combo.addItem("direct (in quotation marks)", "direct")
    combo.addItem("reported speech", "reported")
    combo.setAccessibleName("Form")
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _has_event(ds: Dataset, event_id: str) -> bool:
    try:
        ds.event(event_id)
    except (KeyError, AttributeError):
        return False
    return True


class SourceDialog(QDialog):
    """A new source: its text from a file (.txt, .html) or pasted, and what is known of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add source")
        self.setObjectName("source_dialog")
        self.file = QLineEdit()
        self.file.setAccessibleName("Article file")
        self.file.setPlaceholderText("a .txt or .html article, or paste the text below")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Pasted text")
        self.text.setPlaceholderText("…or paste the article's text here (kept verbatim)")
        self.title = QLineEdit()
        self.url = QLineEdit()
        self.publisher = QLineEdit()
        self.published = QLineEdit()
        self.published.setPlaceholderText("2020-11-25 or 2020-11-25T10:00+04:00 (date and zone)")
        self.language = QLineEdit()
        self.language.setPlaceholderText("en")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("File:", row)
        form.addRow("Text:", self.text)
        form.addRow("Title:", self.title)
        form.addRow("URL:", self.url)
        form.addRow("Publisher:", self.publisher)
        form.addRow("Published:", self.published)
        form.addRow("Language:", self.language)
        self.buttons = lay_out(self, form, self.error)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Article", "", "Articles (*.txt *.html *.htm);;All files (*)"
        )
        if path:
            self.file.setText(path)


def lay_out(dialog: QDialog, form: QFormLayout, error: QLabel) -> QDialogButtonBox:
    """A dialog's form, its error line and OK / Cancel under them; the buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return buttons
