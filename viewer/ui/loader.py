"""BackgroundLoader: opens a dataset in a worker thread with a progress dialog and Cancel.

The model code (:func:`viewer.model.opening.open_dataset`) stays Qt-free: it reports progress
through a plain callback that stores the latest value; a QTimer polls it on the UI thread, so
the window keeps painting and answering. Cancel abandons the load at its next progress report
and the window keeps what it had open. A big file's cache is written after the dataset is shown,
on another thread.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from viewer.model.errors import LoadError
from viewer.model.formats.columns import Cancelled
from viewer.model.opening import Opened, open_dataset

SHOW_AFTER_MS = 300  # loads shorter than this show no dialog


class BackgroundLoader(QObject):
    """One load; emits exactly one of ``loaded(Opened)``, ``failed(LoadError)``, ``cancelled``."""

    loaded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget, path: str, mode: str = "kind") -> None:
        super().__init__(parent)
        self.path, self.mode = path, mode
        self._cancel = threading.Event()
        self._progress: tuple[float, str] = (0.0, "Reading")
        self._future: Future[Opened] | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="load")
        self._done = False
        self._caching: threading.Thread | None = None
        self.dialog = QProgressDialog(f"Opening {Path(path).name}…", "Cancel", 0, 100, parent)
        self.dialog.setWindowTitle("Opening")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._future = self._executor.submit(
            open_dataset, self.path, self.mode, self._report, cache_later=True
        )
        self._executor.shutdown(wait=False)
        self._timer.start()

    def _report(self, fraction: float, message: str) -> None:  # worker thread
        if self._cancel.is_set():
            raise Cancelled
        self._progress = (fraction, message)

    def cancel(self) -> None:
        if self._done:
            return
        self._cancel.set()
        self._finish()
        self.cancelled.emit()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker thread is idle and the cache written (tests, shutdown)."""
        if self._future is not None:
            with contextlib.suppress(Exception):
                self._future.exception(timeout)
        if self._caching is not None:
            self._caching.join(timeout)

    def _poll(self) -> None:
        if self._done:
            return
        fraction, message = self._progress
        self.dialog.setLabelText(f"Opening {Path(self.path).name}… {message}")
        self.dialog.setValue(int(fraction * 100))
        future = self._future
        if future is None or not future.done():
            return
        self._finish()
        exc = future.exception()
        if exc is None:
            opened = future.result()
            self.loaded.emit(opened)
            if opened.write_cache is not None:
                # after the dataset is shown: the next open of the file is fast, this one does
                # not wait for it (not a daemon: the interpreter finishes the write on exit)
                self._caching = threading.Thread(target=opened.write_cache, name="cache")
                self._caching.start()
        elif isinstance(exc, Cancelled):
            self.cancelled.emit()
        elif isinstance(exc, LoadError):
            self.failed.emit(exc)
        else:
            self.failed.emit(
                LoadError.single(self.path, f"internal error: {type(exc).__name__}: {exc}")
            )

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
