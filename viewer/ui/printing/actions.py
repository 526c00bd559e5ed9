"""File > Print, Print Preview and Export PDF: the main window's print actions.

The printing modules (and QtPrintSupport) are imported when an action is first used, not when
the window starts (see docs/startup.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from viewer.ui.printing.options import PrintOptions


class PrintActions(QObject):
    """File > Print, Print Preview and Export PDF for a main window.

    The window is passed in, not looked up: it owns ``dataset``, ``index`` (filtered),
    ``full_index``, ``filter_mask``, ``settings``, ``timeline`` and ``path``.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.act_print = self._action("&Print…", self.print_, QKeySequence.StandardKey.Print)
        self.act_preview = self._action("Print Pre&view…", self.preview, "Ctrl+Shift+P")
        self.act_export_pdf = self._action("&Export PDF…", self.export_pdf, "Ctrl+Shift+E")
        self.act_print.setStatusTip("Print the timeline and a chronology of events and quotes")
        self.act_preview.setStatusTip("See the pages before printing")
        self.act_export_pdf.setStatusTip("Write the timeline and chronology to a PDF file")
        self.actions = [self.act_print, self.act_preview, self.act_export_pdf]
        icons = ("document-print", "document-print-preview", "document-export")
        for act, icon in zip(self.actions, icons, strict=True):
            act.setIcon(QIcon.fromTheme(icon))  # where the desktop theme has them

    def _action(self, text: str, slot, shortcut) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _job(self):  # type: ignore[no-untyped-def]
        """(dataset, index, options, time range) after the options dialog, or None."""
        w = self.window
        if w.dataset is None or w.full_index is None:
            return None
        from viewer.ui.printing import options as print_options

        options = print_options.ask_options(w, w.settings, w.filter_mask is not None)
        if options is None:
            return None
        index = w.index if options.filtered and w.index is not None else w.full_index
        time_range = w.timeline.visible_range() if options.scope == "view" else None
        return w.dataset, index, options, time_range

    def _render(self, printer: QPrinter, job) -> int:  # type: ignore[no-untyped-def]
        from viewer.ui.printing.document import PrintError, render_document

        dataset, index, options, time_range = job
        try:
            return render_document(printer, dataset, index, options, time_range)
        except PrintError as exc:
            QMessageBox.warning(self.window, "Cannot print", str(exc))
            return 0

    def _printer(self, options: PrintOptions) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        from viewer.ui.printing.document import configure_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, options)
        return printer

    def print_(self) -> None:
        job = self._job()
        if job is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self._printer(job[2])
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print timeline")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = self._render(printer, job)
        if pages:
            self.window.statusBar().showMessage(f"Printed {pages} pages", 5000)

    def preview(self) -> None:
        job = self._job()
        if job is None:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        dialog = QPrintPreviewDialog(self._printer(job[2]), self.window)
        dialog.setWindowTitle("Print preview")
        dialog.paintRequested.connect(lambda printer: self._render(printer, job))
        dialog.exec()

    def export_pdf(self) -> None:
        job = self._job()
        if job is None:
            return
        w = self.window
        folder = str(w.settings.value("print/folder", ""))
        stem = Path(w.path).stem.removesuffix(".timeline") if w.path else "timeline"
        start = str(Path(folder) / f"{stem}.pdf") if folder else f"{stem}.pdf"
        path, _ = QFileDialog.getSaveFileName(w, "Export PDF", start, "PDF files (*.pdf)")
        if not path:
            return
        if not Path(path).suffix:
            path += ".pdf"
        from viewer.ui.printing.document import PrintError, export_pdf

        dataset, index, options, time_range = job
        try:
            inputs = [w.path] if w.path else []  # never over the dataset
            pages = export_pdf(path, dataset, index, options, time_range, inputs)
        except PrintError as exc:
            QMessageBox.warning(w, "Cannot export PDF", str(exc))
            return
        w.settings.setValue("print/folder", str(Path(path).parent))
        w.statusBar().showMessage(f"Wrote {path} ({pages} pages)", 8000)
