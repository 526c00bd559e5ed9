"""``timeline-viewer FILE --screenshot PNG``: a picture of the window, written through the one
writer, once a background load is done; exit status 1 and the problems where the file failed."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from viewer.model.opening import row_of_id
from viewer.model.output import OutputError, write_by_name
from viewer.model.terminal import visible

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow


def save_screenshot(window: MainWindow, path: str, select: str | None) -> int:
    """Select an event (default: the first in time; "": none), write a PNG, return 0;
    1 without a picture if the file failed to open (its problems on stderr)."""
    window.show()
    QApplication.processEvents()
    while window.loader is not None:  # a big file loads in the background: wait for it
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    QApplication.processEvents()
    if window.last_error is not None:
        for problem in window.last_error.problems:
            sys.stderr.write(visible(str(problem)) + "\n")
        return 1
    if window.dataset is not None and select != "":
        selected = row_of_id(window.dataset, select)
        if select is not None and selected < 0:
            sys.stderr.write(visible(f"timeline-viewer: --select: no event with id '{select}'\n"))
            return 2
        row = selected if select else (int(window.index.chrono[0]) if window.index else -1)
        window.select_event(row)
    QApplication.processEvents()

    def produce(tmp: str) -> None:
        if not window.grab().save(tmp, "PNG"):
            raise OutputError(path, "the screenshot could not be saved")

    try:
        write_by_name(path, produce)
    except OutputError as exc:
        sys.stderr.write(visible(f"timeline-viewer: {exc}") + "\n")
        return 1
    return 0
