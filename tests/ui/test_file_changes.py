"""When the open file changes on disk the viewer offers to reload; a failed reload keeps data."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import minimal, write


def test_changed_file_offers_reload_and_keeps_the_selection(qtbot, window, tmp_path: Path) -> None:
    path = write(tmp_path, minimal())
    assert window.open_file(str(path))
    window.select_event(1)
    data = minimal()
    data["events"][1]["title"] = "Bridge opens (rescheduled)"
    path.write_text(json.dumps(data), encoding="utf-8")
    qtbot.waitUntil(lambda: window.reload_bar.isVisible(), timeout=5000)
    assert str(path) in window.reload_bar.message.text()
    window.reload_bar.reload_button.click()
    assert window.dataset.events[1].title == "Bridge opens (rescheduled)"
    assert window.selected == 1
    assert window.detail.title.text() == "Bridge opens (rescheduled)"


def test_failed_reload_keeps_the_old_data_and_says_why(qtbot, window, tmp_path: Path) -> None:
    path = write(tmp_path, minimal())
    assert window.open_file(str(path))
    before = window.dataset
    window.reload_bar.always.setChecked(True)
    try:
        path.write_text('{"format": "timeline-dataset", "version": 1, "title": ', encoding="utf-8")
        qtbot.waitUntil(
            lambda: window.error_box is not None and window.error_box.isVisible(), timeout=5000
        )
        assert window.dataset is before
        assert "truncated" in window.error_box.text()
    finally:
        window.reload_bar.always.setChecked(False)


def test_recent_menu_shows_ampersands_literally(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "R&D"
    folder.mkdir()
    path = write(folder, minimal())
    window.open_file(str(path))
    action = window.recent_menu.actions()[0]
    assert action.text() == str(path.resolve()).replace("&", "&&")
    action.trigger()
    assert window.path == str(path.resolve())


def test_dropping_a_file_opens_it(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = write(tmp_path, minimal())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPoint(50, 50)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.path == str(path), timeout=5000)
    assert window.dataset.title == "Bridge"


def test_settings_are_written_atomically(window) -> None:
    # QSettings writes through QSaveFile (a temporary file renamed into place) when atomic sync
    # is required, which is its default; a crash mid-write leaves the old file whole.
    assert window.settings.isAtomicSyncRequired()
    window.save_layout()
    assert window.settings.status() == window.settings.Status.NoError
