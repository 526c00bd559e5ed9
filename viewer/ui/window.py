"""MainWindow: the composition root of the viewer (a minimal list until the timeline lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow, QMessageBox

from viewer.cli import bundled_dataset
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.listing import date_text, sorted_events


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.events_list = QListWidget()
        self.setCentralWidget(self.events_list)
        self.resize(1200, 800)

    def open_initial(self, file: str | None) -> None:
        path = file or bundled_dataset()
        try:
            ds = load(path).dataset
        except LoadError as exc:
            QMessageBox.critical(self, "Cannot open dataset", str(exc))
            return
        self.setWindowTitle(f"{ds.title} — Timeline Viewer")
        for ev in sorted_events(ds):
            self.events_list.addItem(f"{date_text(ev)}   {ev.title}")

    def save_screenshot(self, path: str, select: str | None) -> int:
        self.show()
        return 0 if self.grab().save(path) else 1
