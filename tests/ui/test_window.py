"""The viewer as a person uses it: real widgets, clicks and keys through qtbot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.helpers import minimal, write
from tests.ui.conftest import event_row
from viewer.model.anchors import utf16_offset
from viewer.ui import style
from viewer.ui.style import BAND
from viewer.ui.window import MainWindow


def click_event(qtbot, w: MainWindow, row: int) -> None:
    scene = w.timeline.scene_pos_of(row)
    pos = w.timeline.plot.mapFromScene(scene)
    qtbot.mouseClick(w.timeline.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_click_on_an_event_shows_its_title_and_quotes(qtbot, window) -> None:
    row = event_row(window, "kalbajar-handover")
    click_event(qtbot, window, row)
    assert window.selected == row
    assert window.detail.title.text() == "Kalbajar district handed over to Azerbaijan"
    quotes = [window.detail.quotes.item(i).text() for i in range(window.detail.quotes.count())]
    assert len(quotes) == 1
    assert "occupied Kalbajar district was liberated this morning" in quotes[0]
    assert "Recep Tayyip Erdogan" in quotes[0]
    # the table follows the timeline
    current = window.events.table.currentIndex()
    assert window.events.model.rows[current.row()] == row


def test_highlights_are_exactly_the_quote_offsets_in_utf16(qtbot, window) -> None:
    row = event_row(window, "erdogan-statement")
    window.select_event(row)
    ev = window.dataset.events[row]
    text = window.dataset.sources[0].text
    expected = sorted(
        (utf16_offset(text, q.selector.start), utf16_offset(text, q.selector.end))
        for q in ev.quotes
    )
    assert sorted(window.detail.highlighted_spans()) == expected
    doc = window.detail.source_text.document()
    assert doc.characterCount() - 1 == utf16_offset(text, len(text))
    # the widget shows the source's words at those positions
    cursor = window.detail.source_text.textCursor()
    for (a, b), q in zip(expected, sorted(ev.quotes, key=lambda q: q.selector.start), strict=True):
        cursor.setPosition(a)
        cursor.setPosition(b, cursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText().replace("\u2029", "\n")
        assert shown == q.text


def test_clicking_a_quote_scrolls_the_source_to_it(qtbot, window) -> None:
    window.select_event(event_row(window, "erdogan-statement"))
    detail = window.detail
    item = detail.quotes.item(detail.quotes.count() - 1)
    rect = detail.quotes.visualItemRect(item)
    qtbot.mouseClick(detail.quotes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    q = window.dataset.events[window.selected].quotes[-1]
    text = window.dataset.sources[0].text
    assert detail.source_text.textCursor().position() == utf16_offset(text, q.selector.start)
    assert detail.source_text.cursorRect().intersects(detail.source_text.viewport().rect())


def test_wheel_zoom_keeps_the_time_under_the_cursor(qtbot, window) -> None:
    plot = window.timeline.plot
    vb = window.timeline.view_box
    pos = QPoint(int(plot.width() * 0.7), int(plot.height() * 0.4))
    before = vb.mapSceneToView(plot.mapToScene(pos)).x()
    t0, t1 = window.timeline.visible_range()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(plot.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(plot.viewport(), event)
    a, b = window.timeline.visible_range()
    assert b - a < (t1 - t0) * 0.9
    after = vb.mapSceneToView(plot.mapToScene(pos)).x()
    assert abs(after - before) < (b - a) * 1e-3


def test_fit_all_shows_every_event(qtbot, window) -> None:
    window.timeline.zoom(0.01)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    t0, t1 = window.timeline.visible_range()
    ix = window.full_index
    assert t0 <= ix.event_start.min()
    assert t1 >= ix.period_end.max()


def _double_click(qtbot, widget, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    """What a real double-click sends: press, release, double-click, release."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


def _shows_all(window) -> bool:  # type: ignore[no-untyped-def]
    t0, t1 = window.timeline.visible_range()
    return t1 - t0 >= window.full_index.time_bounds[1] - window.full_index.time_bounds[0]


def test_double_click_on_the_time_axis_or_the_overview_fits_all(qtbot, window) -> None:
    n = len(window.dataset.events)
    timeline = window.timeline
    timeline.zoom(0.01)
    assert not _shows_all(window)
    axis = timeline.plot.mapFromScene(timeline.axis.sceneBoundingRect().center())
    assert timeline.on_axis(axis)
    _double_click(qtbot, timeline.plot.viewport(), axis)
    assert _shows_all(window)
    timeline.zoom(0.01)
    overview = timeline.overview.viewport()
    _double_click(qtbot, overview, QPoint(overview.width() // 3, overview.height() // 2))
    assert _shows_all(window)
    assert len(window.dataset.events) == n  # fitting makes no event


def test_fit_all_has_a_key_and_a_menu_entry(qtbot, window) -> None:
    window.timeline.zoom(0.01)
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_F)
    assert _shows_all(window)
    window.timeline.zoom(0.01)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.act_fit_all in view_menu.actions()
    assert [k.toString() for k in window.act_fit_all.shortcuts()] == ["Ctrl+0", "F"]
    window.act_fit_all.trigger()
    assert _shows_all(window)


def test_keyboard_navigation_visits_events_in_time_order(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.selected == -1
    visited = []
    for _ in range(len(window.dataset.events)):
        qtbot.keyClick(window.timeline.plot, Qt.Key.Key_N)
        visited.append(window.selected)
    starts = window.full_index.event_start[visited]
    assert sorted(set(visited)) == list(range(len(window.dataset.events)))
    assert np.all(np.diff(starts) >= 0)
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_P)
    assert window.selected == visited[-2]


def test_zoom_and_pan_keys(qtbot, window) -> None:
    window.timeline.plot.setFocus()
    t0, t1 = window.timeline.visible_range()
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_Plus)
    a, b = window.timeline.visible_range()
    assert b - a < (t1 - t0) * 0.6
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_Right)
    c, _d = window.timeline.visible_range()
    assert c > a
    window.timeline.zoom(1e-9)
    a, b = window.timeline.visible_range()
    assert b - a >= 59.0  # one minute is the closest zoom


def test_find_with_an_alias_selects_the_event(qtbot, window) -> None:
    window.focus_find()
    qtbot.keyClicks(window.events.find, "Kelbajar")
    qtbot.keyClick(window.events.find, Qt.Key.Key_Return)
    assert window.dataset.events[window.selected].id in {"kalbajar-handover", "erdogan-statement"}
    assert window.events.count.text().endswith(f"of {len(window.dataset.events)} events shown")
    shown = int(window.events.count.text().split()[0])
    assert 1 <= shown < len(window.dataset.events)
    assert window.index.n_events == len(window.dataset.events)
    assert len(window.index.chrono) == shown


def test_lane_and_status_filters(qtbot, window) -> None:
    combo = window.events.status_filter
    combo.setCurrentIndex(combo.findText("planned"))
    assert window.events.count.text() == f"1 of {len(window.dataset.events)} events shown"
    assert window.events.model.rowCount() == 1
    combo.setCurrentIndex(0)
    lanes = window.events.lane_filter
    lanes.setCurrentIndex(lanes.findText("territory handover"))
    assert window.events.model.rowCount() == 3


def test_lane_modes_switch_and_persist(qtbot, window) -> None:
    window.set_lane_mode("actor")
    assert "Recep Tayyip Erdogan" in window.full_index.lanes
    window.set_lane_mode("place")
    assert "Kalbajar" in window.full_index.lanes
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.lane_mode == "place"
    again.set_lane_mode("kind")


def test_table_sorts_and_selects_on_the_timeline(qtbot, window) -> None:
    window.events.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    top = int(window.events.model.rows[0])
    assert window.dataset.events[top].id == "erdogan-statement"
    window.events.table.selectRow(0)
    assert window.selected == top
    assert window.timeline.items.selected == top


def test_broken_file_keeps_the_previous_dataset(qtbot, window, tmp_path: Path) -> None:
    before = window.dataset
    data = minimal()
    data["events"][0]["when"]["start"] = "2020-02-30"
    bad = write(tmp_path, data, "bad.json")
    assert window.open_file(str(bad)) is False
    assert window.dataset is before
    box = window.error_box
    assert box is not None
    assert box.isVisible()
    assert "2020-02-30" in box.text() + box.informativeText()
    assert str(bad) in box.text()
    box.close()
    window.select_event(event_row(window, "ceasefire"))
    assert window.detail.title.text().startswith("Complete ceasefire")


def test_html_in_a_title_is_shown_literally(qtbot, window, tmp_path: Path) -> None:
    data = minimal()
    data["events"][0]["title"] = "<b>x</b> <img src=x onerror=alert(1)>"
    data["events"][0]["summary"] = "<i>not italic</i>"
    path = write(tmp_path, data)
    assert window.open_file(str(path))
    window.select_event(0)
    assert window.detail.title.text() == "<b>x</b> <img src=x onerror=alert(1)>"
    assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert window.detail.summary.text() == "<i>not italic</i>"
    assert window.events.model.data(
        window.events.model.index(window.events.model.row_of(0), 1)
    ) == ("<b>x</b> <img src=x onerror=alert(1)>")
    tip = window.timeline.tooltip_text(0)
    assert tip.startswith("<b>x</b>")
    window.timeline._on_mouse_moved(window.timeline.scene_pos_of(0))
    assert "&lt;b&gt;x&lt;/b&gt;" in window.timeline.plot.toolTip()


def test_only_web_links_open(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(
        "viewer.ui.detail.pane.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"):
        window.detail.open_link(url)
    window.detail.open_link("https://example.org/a")
    assert [u.toString() for u in opened] == ["https://example.org/a"]


def test_reload_keeps_the_selection(qtbot, window, tmp_path: Path) -> None:
    path = write(tmp_path, minimal())
    window.open_file(str(path))
    window.select_event(1)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.path == str(path)
    assert window.selected == 1


def test_recent_files_and_window_layout_persist(qtbot, window, tmp_path: Path) -> None:
    path = write(tmp_path, minimal())
    window.open_file(str(path))
    window.resize(760, 560)  # the offscreen screen is 800x600: stay inside it
    window.splitter.setSizes([460, 300])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert str(path.resolve()) == again.recent_menu.actions()[0].text()
    assert again.width() == 760
    assert again.splitter.sizes() == sizes


def test_overview_region_follows_and_drives_the_view(qtbot, window) -> None:
    t0, t1 = window.timeline.visible_range()
    qtbot.waitUntil(lambda: window.timeline.region.getRegion() == (t0, t1), timeout=2000)
    # while the view keeps moving the box follows at about 30 Hz, and ends where the view does
    step = (t1 - t0) / 50
    for k in range(1, 20):
        window.timeline.set_range(t0 + k * step, t1 + k * step)
    moved = (t0 + 19 * step, t1 + 19 * step)
    qtbot.waitUntil(lambda: window.timeline.region.getRegion() == moved, timeout=2000)
    window.timeline.set_range(t0, t1)
    qtbot.waitUntil(lambda: window.timeline.region.getRegion() == (t0, t1), timeout=2000)
    mid = (t0 + t1) / 2
    window.timeline.region.setRegion((mid, mid + (t1 - t0) / 4))
    a, b = window.timeline.visible_range()
    assert abs(a - mid) < 1
    assert abs(b - (mid + (t1 - t0) / 4)) < 1


def test_lane_tints_filled_opaque_look_the_same_as_blended(qtbot, window) -> None:
    """Over the plain background a lane's tint is filled as the colour it blends to; under an
    era it is blended; either way not a pixel differs from blending it everywhere."""
    items = window.timeline.items
    t0, t1 = window.timeline.visible_range()

    def shot() -> QImage:
        return window.timeline.plot.grab().toImage()

    for eras in ([], [(t0 + (t1 - t0) / 3, t0 + (t1 - t0) / 2, "An era")]):
        items.eras = eras
        items.background = None  # unknown: every tint blended
        blended = shot()
        items.background = window.timeline.plot.backgroundBrush().color()
        assert shot() == blended
    # the opaque colour was asked for (and so used) while no era was in view
    assert (BAND[0].rgba(), items.background.rgba()) in style._BLENDED


def test_shift_drag_zooms_to_the_dragged_range(qtbot, window) -> None:
    plot = window.timeline.plot
    vb = window.timeline.view_box
    a, b = QPoint(300, 200), QPoint(500, 200)
    ta = vb.mapSceneToView(plot.mapToScene(a)).x()
    tb = vb.mapSceneToView(plot.mapToScene(b)).x()
    mod = Qt.KeyboardModifier.ShiftModifier
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(plot.viewport(), left, mod, a)
    # qtbot.mouseMove cannot hold Shift: send the moves; pyqtgraph drops moves < 16 ms apart
    for x in range(300, 501, 40):
        p = QPointF(x, 200)
        glob = plot.viewport().mapToGlobal(p)
        move = QMouseEvent(QEvent.Type.MouseMove, p, glob, Qt.MouseButton.NoButton, left, mod)
        QApplication.sendEvent(plot.viewport(), move)
        qtbot.wait(25)
    qtbot.mouseRelease(plot.viewport(), left, mod, b)
    t0, t1 = window.timeline.visible_range()
    assert abs(t0 - ta) < (tb - ta) * 0.2
    assert abs(t1 - tb) < (tb - ta) * 0.2


def test_screenshot_writes_a_non_blank_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "--screenshot",
            str(out),
            "--size",
            "1200x800",
            "--select",
            "ceasefire",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 800, 29)}
    assert len(colours) > 20
    bad = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(out), "--select", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "no event with id 'nope'" in bad.stderr
    assert json.dumps is not None


def test_the_widgets_follow_the_view_state(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Setting the state shows it everywhere; the widgets' choices go into the state."""
    total = len(window.dataset.events)
    window.state.status = "planned"
    assert window.events.status_filter.currentText() == "planned"
    assert window.events.model.rowCount() == 1
    assert len(window.index.chrono) == 1  # the timeline shows one
    window.state.status = None
    window.state.query = "Lachin"
    assert window.events.find.text() == "Lachin"
    assert 0 < window.events.model.rowCount() < total
    window.events.find.setText("")
    window.apply_filter()
    assert window.state.query == ""
    assert window.events.model.rowCount() == total
    lanes = window.events.lane_filter
    lanes.setCurrentIndex(lanes.findText("territory handover"))
    assert window.state.lane == "territory handover"
    row = int(window.index.chrono[0])
    window.state.selection = row
    assert window.timeline.items.selected == row
    assert window.detail.title.text() == window.dataset.events[row].title
    window.state.lane_mode = "actor"
    assert window.lane_actions["actor"].isChecked()
    assert window.state.lane is None  # a lane of the kind mode is not one of the actors'
    assert window.events.lane_filter.currentIndex() == 0
