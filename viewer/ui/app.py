"""Start the Qt application and the main window from parsed command-line arguments."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtWidgets import QApplication


def run_gui(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Timeline Viewer")
    app.setOrganizationName("timeline-viewer")
    window = MainWindow()
    if args.size:
        window.resize(*args.size)
    window.open_initial(args.file)
    if args.screenshot:
        return window.save_screenshot(args.screenshot, args.select)
    window.show()
    return app.exec()
