"""Start the Qt application and the main window from parsed command-line arguments."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtWidgets import QApplication


def run_gui(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from viewer.ui.window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Timeline Viewer")
    app.setOrganizationName("timeline-viewer")
    window = MainWindow()
    if args.size:
        window.resize(*args.size)
    window.open_initial(args.file)
    if args.screenshot:
        from .screenshot import save_screenshot

        return save_screenshot(window, args.screenshot, args.select)
    _measure_startup(window)
    window.show()
    return app.exec()


def _measure_startup(window) -> None:  # type: ignore[no-untyped-def]
    """Under `bench --startup`: report the first painted frame, then quit (see ui.startup)."""
    from viewer.ui.startup import FirstPaintProbe, requested

    t0 = requested()
    if t0 is not None:
        items = window.timeline.items
        FirstPaintProbe(window, t0, lambda: {"timeline_painted": items.paint_count > 0})
