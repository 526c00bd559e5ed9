"""A main window on the bundled dataset, shown offscreen at a fixed size."""

from __future__ import annotations

import pytest

from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot, bundled_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.open_file(str(bundled_path))
    w.show()
    qtbot.waitExposed(w)
    return w


def event_row(w: MainWindow, event_id: str) -> int:
    assert w.dataset is not None
    return next(i for i, ev in enumerate(w.dataset.events) if ev.id == event_id)
