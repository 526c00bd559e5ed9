"""The yardstick of `timeline-viewer bench --startup`: a bare pyqtgraph window, started and
measured exactly as the viewer is (see :mod:`viewer.ui.startup`).

``python -m viewer.ui.startup_bare [WxH]``: a QApplication and one PlotWidget with a date axis
at the viewer's bench size, shown; with ``$TIMELINE_VIEWER_STARTUP_T0`` set it reports its first
painted frame and quits, otherwise it stays open.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as viewer.cli does: started the same way
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from viewer.ui.startup import FirstPaintProbe, requested

    width, height = (int(v) for v in (argv[0] if argv else "1600x1000").split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    plot.resize(width, height)
    t0 = requested()
    if t0 is not None:
        # a QGraphicsView paints in its viewport: that is the window's first paint event
        FirstPaintProbe(plot.viewport(), t0)
    plot.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
