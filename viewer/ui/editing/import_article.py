"""File > Import Article…: a .txt or .html article drafted into a chronology by the article
importer (:func:`viewer.importer.article.draft_from_file`), off the GUI thread with a busy
indicator, then opened as an unsaved document to review (Save asks where).

The open dataset stays when the import fails (the importer's message in a box); the
importer's warnings (an undetected publication date ...) are shown with the draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from viewer.model.document import Document
from viewer.model.formats.columns import tabled
from viewer.model.formats.common import Loaded
from viewer.ui.editing.dialogs import error_label, lay_out, show_error

if TYPE_CHECKING:
    from viewer.ui.editing.session import EditSession
    from viewer.ui.window import MainWindow

ARTICLE_FILTER = "Articles (*.txt *.html *.htm);;All files (*)"
SHORTCUT = "Ctrl+Shift+O"


# the importer speaks of the command's options; the window has fields with other names
_OPTION_WORDS = (
    ("--published DATE overrides it", "a date in the Published field overrides it"),
    ("--published DATE fixes it", "a date in the Published field fixes it"),
    ("--published '", "Published '"),
    ("--tz:", "Zone:"),
)


def in_window_words(message: str) -> str:
    """An importer's message with the command's options named as the dialog's fields."""
    for command, window in _OPTION_WORDS:
        message = message.replace(command, window)
    return message


class ImportDialog(QDialog):
    """The article to import and what the importer should not guess (all optional)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import article")
        self.setObjectName("import_dialog")
        self.file = QLineEdit()
        self.file.setAccessibleName("Article file")
        self.file.setPlaceholderText("a .txt or .html article")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.published = QLineEdit()
        self.published.setAccessibleName("Publication date")
        self.published.setPlaceholderText("found in the article; e.g. 2020-11-25 to override")
        self.zone = QLineEdit()
        self.zone.setAccessibleName("Zone")
        self.zone.setPlaceholderText("found in the article; e.g. Europe/Moscow")
        self.title = QLineEdit()
        self.title.setPlaceholderText("found in the article")
        self.url = QLineEdit()
        self.url.setPlaceholderText("found in the article")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("File:", row)
        form.addRow("Published:", self.published)
        form.addRow("Zone:", self.zone)
        form.addRow("Title:", self.title)
        form.addRow("URL:", self.url)
        self.buttons = lay_out(self, form, self.error)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Article", "", ARTICLE_FILTER)
        if path:
            self.file.setText(path)

    def options(self) -> dict[str, str | None]:
        """The importer's keyword options; an empty field is None (the importer finds it)."""
        return {
            "published": self.published.text().strip() or None,
            "tz": self.zone.text().strip() or None,
            "title": self.title.text().strip() or None,
            "url": self.url.text().strip() or None,
        }


class ImportJob(QThread):
    """Runs the importer on one file in a worker thread."""

    drafted = Signal(object)  # the importer's Drafted (dataset, warnings)
    failed = Signal(str)  # the message for the user

    def __init__(self, path: str, options: dict[str, Any]) -> None:
        super().__init__()
        self.path, self.options = path, options
        self.cancelled = False

    def run(self) -> None:
        from viewer.importer.article import ArticleError, draft_from_file

        try:
            result = draft_from_file(self.path, **self.options)
        except ArticleError as exc:
            self.failed.emit(in_window_words(str(exc)))
        except Exception as exc:  # not the importer's words; never silence (nor a traceback)
            what = str(exc) or type(exc).__name__
            self.failed.emit(f"{self.path}: cannot import the article ({what})")
        else:
            self.drafted.emit(result)


class ImportActions:
    """File > Import Article…, and what follows: the draft opened, its warnings shown."""

    def __init__(self, window: MainWindow, session: EditSession) -> None:
        self.window = window
        self.session = session
        self.dialog: ImportDialog | None = None
        self.job: ImportJob | None = None
        self.progress: QProgressDialog | None = None
        self.last_error = ""
        self.last_warnings: list[str] = []
        self.message_box: QMessageBox | None = None
        act = QAction("Impor&t Article…", window)
        act.setShortcut(QKeySequence(SHORTCUT))
        act.setStatusTip("Draft a chronology from a news article (.txt or .html) to review")
        act.triggered.connect(lambda _checked=False: self.open_dialog())
        self.act_import = act

    def open_dialog(self) -> ImportDialog:
        dialog = ImportDialog(self.window)
        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(lambda: self._accepted(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _accepted(self, dialog: ImportDialog) -> None:
        message = self.import_article(dialog.file.text().strip(), **dialog.options())
        show_error(dialog.error, message)
        if not message:
            dialog.accept()

    def import_article(self, path: str, **options: str | None) -> str:
        """Start importing ``path`` (after Save / Discard / Cancel if there are unsaved
        edits); '' when started, else why not."""
        if not path:
            return "choose the article's file (.txt or .html)"
        if not Path(path).is_file():
            return f"{path}: no such file; expected a .txt or .html article"
        if self.job is not None:
            return "an article is being imported; wait for it to finish"
        from viewer.importer.article import ArticleError, check_options

        try:
            check_options(options.get("published"), options.get("tz"), path)
        except ArticleError as exc:  # said in the dialog, which stays open to correct it
            return in_window_words(str(exc))
        if not self.session.may_discard():
            return "not imported: the open dataset has unsaved edits"
        job = ImportJob(path, options)
        job.drafted.connect(lambda result: self._drafted(job, result))
        job.failed.connect(lambda message: self._failed(job, message))
        job.finished.connect(lambda: self._finished(job))
        self.job = job
        progress = QProgressDialog(f"Drafting {Path(path).name}…", "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Import article")
        progress.setMinimumDuration(300)  # a quick import shows no dialog at all
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # no edits while it runs
        progress.canceled.connect(lambda: setattr(job, "cancelled", True))
        self.progress = progress
        job.start()
        return ""

    def _finished(self, job: ImportJob) -> None:
        if self.job is job:
            self.job = None
        self._close_progress()
        job.deleteLater()

    def _close_progress(self) -> None:
        """The busy dialog goes (before a question or a message is shown over the window)."""
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _drafted(self, job: ImportJob, result: Any) -> None:
        self._close_progress()
        if job.cancelled:
            return
        name = Path(job.path).name
        warnings = [in_window_words(str(w)) for w in result.warnings]
        if not result.dataset.events:  # nothing to review: the open dataset stays
            self.last_warnings = warnings
            said = "".join(f"\n• {w}" for w in warnings)
            self._failed(
                job,
                f"{job.path}: no dated statement found; expected sentences saying when "
                f"something happened (nothing drafted){said}",
            )
            return
        # edited while the importer ran (before its busy dialog showed): ask again, and keep
        # the edits if the user says so (the draft is dropped; importing again makes it anew)
        if not self.session.may_discard():
            self.window.statusBar().showMessage(f"Draft of {name} dropped: unsaved edits", 8000)
            return
        loaded = tabled(Loaded(result.dataset, [], "", "native"))
        self.session.open_unsaved(Document.from_loaded(loaded))
        self.window.review.step(1)  # the first draft in time: its source, its quotes marked
        self.last_warnings = warnings
        self.window.statusBar().showMessage(f"Drafted from {name}: review, then save", 8000)
        if self.last_warnings:
            self._box(
                QMessageBox.Icon.Warning,
                f"Drafted from {name}, with warnings",
                "\n".join(f"• {w}" for w in self.last_warnings),
                "import_warnings",
            )

    def _failed(self, job: ImportJob, message: str) -> None:
        self._close_progress()
        if job.cancelled:
            return
        self.last_error = message
        self._box(
            QMessageBox.Icon.Critical,
            f"Cannot import {Path(job.path).name}",
            message,
            "import_error",
        )

    def _box(self, icon: QMessageBox.Icon, title: str, text: str, name: str) -> None:
        box = QMessageBox(icon, title, title, QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(text)
        box.setTextFormat(box.textFormat().PlainText)
        box.setObjectName(name)
        self.message_box = box
        box.open()

    def stop(self) -> None:
        """The window closes: a running import is waited for (its result dropped)."""
        job = self.job
        if job is not None:
            job.cancelled = True
            job.wait()
