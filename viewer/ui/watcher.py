"""Watching the open file: a bar that offers to reload when the file changes on disk."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget


class FileWatcher(QObject):
    """Emits ``changed`` once per burst of changes to the watched file (editors that save by
    writing a new file and renaming it drop the watch; it is put back)."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._emit)
        self.path: str | None = None

    def watch(self, path: str | None) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self.path = path
        if path and os.path.isfile(path):
            self._watcher.addPath(path)

    def _on_changed(self, _path: str) -> None:
        self._timer.start()

    def _emit(self) -> None:
        if self.path is None:
            return
        if os.path.isfile(self.path) and self.path not in self._watcher.files():
            self._watcher.addPath(self.path)
        self.changed.emit(self.path)


class ReloadBar(QWidget):
    """ "The file changed on disk" with Reload, an Always option and Dismiss."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.reload_button = QPushButton("&Reload")
        self.always = QCheckBox("Always reload when the file changes")
        dismiss = QPushButton("Dismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.always)
        layout.addWidget(self.reload_button)
        layout.addWidget(dismiss)
        self.setAutoFillBackground(True)
        self.setStyleSheet("ReloadBar { background: #fff4c2; }")
        self.setAccessibleName("File changed on disk")
        self.reload_button.clicked.connect(self._reload)
        dismiss.clicked.connect(self.hide)
        self.hide()

    def offer(self, path: str) -> None:
        self.message.setText(f"{path} changed on disk.")
        self.show()

    def _reload(self) -> None:
        self.hide()
        self.reload_requested.emit()
