"""Measuring start-up: the time from a process's start to its main window's first painted frame.

"First painted window" is defined here, once, for the viewer and for the bare pyqtgraph window
it is compared with: the wall-clock time from the moment the parent started the process (passed
as ``$TIMELINE_VIEWER_STARTUP_T0``, seconds since the epoch) to the moment the event loop comes
back after the window's first paint event after ``show()``. By then the window and every child
widget has painted (Qt paints a window's whole widget tree in one pass before it hands the frame
to the screen), so the number covers imports, set-up, reading the dataset and painting it; it
does not cover a screenshot's grab or the process's exit.

When the variable is set, the process writes one JSON line to stdout
(``{"first_paint_s": …, "timeline_painted": …}``) and quits instead of waiting for the user.
This module imports only QtCore so that the bare window pays nothing for it.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

STARTUP_ENV = "TIMELINE_VIEWER_STARTUP_T0"


def requested() -> float | None:
    """The parent's start time when a start-up measurement was asked for, else None."""
    value = os.environ.get(STARTUP_ENV)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return None


class FirstPaintProbe(QObject):
    """Watches one window; after its first paint, reports the time and quits the application.

    ``extra`` is called at report time for more fields (the viewer says whether its timeline
    had painted its events by then).
    """

    def __init__(self, window: QObject, t0: float, extra=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.t0 = t0
        self.extra = extra
        self.painted_at: float | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.time()
            # runs once the whole paint pass that this event began has finished
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        result = {"first_paint_s": round(time.time() - self.t0, 4)}
        if self.extra is not None:
            result.update(self.extra())
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        QCoreApplication.quit()
