"""A main window on the bundled dataset, shown offscreen at a fixed size; windows to edit in."""

from __future__ import annotations

import pytest

from viewer.model.saving import clear_recovery
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


@pytest.fixture
def windows(qtbot):  # type: ignore[no-untyped-def]
    """Makes windows; at the end their edits count as saved, then they are closed (closing
    asks no question). Not qtbot.addWidget: it closes widgets before fixtures end."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        w = MainWindow()
        w.resize(1400, 900)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        session = w.editing.session
        session.stack.setClean()
        session.restored_unsaved = False
        w.close()
        w.deleteLater()
        clear_recovery(session.recovery_folder)  # never offered to a later test's window
