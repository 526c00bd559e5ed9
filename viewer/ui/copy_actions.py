"""Edit > Copy and File > Export Image…: the main window's copy and image actions.

Copy (Ctrl+C) puts on the clipboard what has the focus: the event list's selected rows as
tab-separated text; a selection in a text; the current quote with its citation; otherwise the
selected event with its quotes and citation - as text/plain and as text/html (escaped).
Export Image writes the current view as PNG or SVG with the code of the `export` command
(imported when first used).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from viewer.model.citation import Copied, event_copy, quote_copy

IMAGE_FILTERS = "PNG image (*.png);;SVG image (*.svg)"
IMAGE_SIZE = (1600, 900)  # as the `export` command's default


def put_on_clipboard(copied: Copied) -> None:
    mime = QMimeData()
    mime.setText(copied.text)
    mime.setHtml(copied.html)
    QGuiApplication.clipboard().setMimeData(mime)


def _within(widget: QWidget | None, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


class EditActions(QObject):
    """Copy and Export Image for a main window (which owns ``dataset``, ``selected``,
    ``index``, ``events``, ``detail``, ``timeline``, ``settings`` and ``path``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.act_copy = QAction("&Copy", window)
        self.act_copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.act_copy.setStatusTip(
            "Copy the selected event or quote with its citation, or the selected rows of the list"
        )
        self.act_copy.triggered.connect(self.copy)
        self.act_export_image = QAction("Export &Image…", window)
        self.act_export_image.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.act_export_image.setStatusTip("Write the current view as a PNG or SVG image")
        self.act_export_image.setIcon(QIcon.fromTheme("image-x-generic"))
        self.act_export_image.triggered.connect(self.export_image)
        # item views copy their current cell's text themselves: they copy as this action does
        for view in (window.events.table, window.detail.quotes):
            view.installEventFilter(self)
            view.addAction(self.act_copy)  # also on a right click
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self.copy()
            return True
        return False

    # --- copy -----------------------------------------------------------------------------
    def copy(self) -> bool:
        """Copy what has the focus (see the module's docstring); False if nothing was."""
        w = self.window
        focus = QApplication.focusWidget()
        if _within(focus, w.events.table):
            text = w.events.selected_rows_text()
            if text:
                QGuiApplication.clipboard().setText(text)
                return True
        if isinstance(focus, QPlainTextEdit) and focus.textCursor().hasSelection():
            focus.copy()
            return True
        if isinstance(focus, QLabel) and focus.hasSelectedText():
            QGuiApplication.clipboard().setText(focus.selectedText())
            return True
        copied = self.selection_copy(prefer_quote=_within(focus, w.detail.quotes))
        if copied is None:
            w.statusBar().showMessage("Nothing to copy: select an event first", 4000)
            return False
        put_on_clipboard(copied)
        w.statusBar().showMessage("Copied with its citation", 3000)
        return True

    def selection_copy(self, prefer_quote: bool = False) -> Copied | None:
        """The current quote (when asked and there is one) or the selected event, cited."""
        w = self.window
        if w.dataset is None or w.selected < 0:
            return None
        event = w.dataset.events[w.selected]
        item = w.detail.quotes.currentItem()
        if prefer_quote and item is not None:
            quote_id = item.data(Qt.ItemDataRole.UserRole)
            quote = next((q for q in event.quotes if q.id == quote_id), None)
            if quote is not None:
                return quote_copy(w.dataset, event, quote)
        return event_copy(w.dataset, event)

    # --- export image ---------------------------------------------------------------------
    def export_image(self) -> None:
        w = self.window
        if w.dataset is None or w.index is None:
            return
        folder = str(w.settings.value("export/folder", ""))
        stem = Path(w.path).stem.removesuffix(".timeline") if w.path else "timeline"
        start = str(Path(folder) / f"{stem}.png") if folder else f"{stem}.png"
        path, chosen = QFileDialog.getSaveFileName(w, "Export image", start, IMAGE_FILTERS)
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if "svg" in chosen.lower() else ".png"
        if Path(path).suffix.lower() not in (".png", ".svg"):
            QMessageBox.warning(
                w, "Cannot export image", f"{path}: expected a name ending in .png or .svg"
            )
            return
        from viewer.ui.printing.document import PrintError, export_image

        try:
            export_image(path, w.dataset, w.index, *IMAGE_SIZE, w.timeline.visible_range())
        except (PrintError, OSError) as exc:
            QMessageBox.warning(w, "Cannot export image", str(exc))
            return
        w.settings.setValue("export/folder", str(Path(path).parent))
        w.statusBar().showMessage(f"Wrote {path}", 8000)
