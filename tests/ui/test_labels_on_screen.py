"""Labels as a person sees them in the window: every label of the bundled dataset whole at
1600x1000, lanes grown for their labels, selection that moves no other label, "+N more"."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from viewer.model.index import EventIndex
from viewer.model.label_layout import MAX_LANE_ROWS
from viewer.ui.timeline.view import ROWS_SETTLE_MS, TimelineView
from viewer.ui.window import MainWindow


@pytest.fixture
def big_window(qtbot, bundled_path):  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.open_file(str(bundled_path))
    w.show()
    qtbot.waitExposed(w)
    return w


def shown_labels(qtbot, w: MainWindow) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """The label texts of the last paint, once the lanes have followed the view."""
    qtbot.wait(ROWS_SETTLE_MS + 100)
    w.timeline.plot.viewport().repaint()
    return dict(w.timeline.items.drawn_text)


def assert_all_whole(w: MainWindow, texts: dict[int, str]) -> None:
    assert w.dataset is not None
    titles = [ev.title for ev in w.dataset.events]
    whole = [row for row, text in texts.items() if text == titles[row]]
    assert not [t for t in texts.values() if t.endswith("…")]
    assert sorted(whole) == list(range(len(titles))), [titles[r] for r in texts]


def test_every_label_is_whole_at_1600x1000(qtbot, big_window) -> None:
    w = big_window
    assert_all_whole(w, shown_labels(qtbot, w))  # as it opens
    qtbot.keyClick(w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Fit All
    assert_all_whole(w, shown_labels(qtbot, w))
    items = w.timeline.items
    assert items.lane_rows != [int(n) for n in w.full_index.lane_rows]  # lanes grew
    assert max(items.lane_rows) <= MAX_LANE_ROWS
    # a row stays at least a line of text tall
    rows_px = w.timeline.view_box.height() / items.lane_top[-1]
    assert rows_px >= items.font_height()


def test_selecting_an_event_moves_no_other_label(qtbot, big_window) -> None:
    w = big_window
    w.select_event(-1)
    before = shown_labels(qtbot, w)
    rects = {row: rect for rect, row in w.timeline.items.drawn_labels}
    for row in range(len(w.dataset.events)):
        w.select_event(row)
        texts = shown_labels(qtbot, w)
        assert texts == before
        after = {r: rect for rect, r in w.timeline.items.drawn_labels}
        assert after == rects


def test_a_crowded_lane_says_how_many_more_and_lists_them(qtbot) -> None:
    n = 14
    starts = np.arange(n) * 60.0 + 1e9  # fourteen events a minute apart
    titles = [f"Event number {k} with a long title that needs room" for k in range(n)]
    index = EventIndex.from_columns(
        starts, starts, starts, np.zeros(n, np.uint8), ["lane"], np.zeros(n, int), None, titles
    )
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_index(index)
    view.set_range(1e9 - 60, 1e9 + 2000)
    qtbot.wait(ROWS_SETTLE_MS + 100)
    view.plot.viewport().repaint()
    items = view.items
    assert items.lane_rows == [MAX_LANE_ROWS]
    hidden = items.layout.hidden[0]
    t0, t1 = view.visible_range()
    assert len(hidden) + len(items.drawn_text) == int(((starts >= t0) & (starts <= t1)).sum())
    for row, text in items.drawn_text.items():
        assert text == titles[row] or titles[row].startswith(text[:-1].rstrip())
    ((rect, _lane),) = items.more_boxes
    view.plot.scene().sigMouseMoved.emit(rect.center())
    tip = view.plot.toolTip()
    for row in hidden:
        assert titles[row] in tip
