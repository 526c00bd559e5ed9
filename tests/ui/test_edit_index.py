"""The window keeps its index through an edit that changes nothing the index is made of (a
title, a summary, quotes) and builds it again after any other: what is shown is right both
ways."""

from __future__ import annotations

import numpy as np

from tests.ui.conftest import event_row
from viewer.model.edits import RenameActor, UpdateEvent
from viewer.ui.timeline.view import ROWS_SETTLE_MS


def test_a_title_edit_keeps_the_index_and_shows_the_new_title(qtbot, windows, bundled_path) -> None:
    w = windows()
    assert w.open_file(str(bundled_path))
    row = event_row(w, "kalbajar-handover")
    w.select_event(row)
    index = w.full_index
    session = w.editing.session
    assert session.push(UpdateEvent("kalbajar-handover", {"title": "Kalbajar returned"})) == ""
    assert w.full_index is index  # kept
    assert w.timeline.items.index.titles[row] == "Kalbajar returned"
    qtbot.wait(ROWS_SETTLE_MS + 100)  # the lanes follow the labels
    w.timeline.plot.viewport().repaint()
    assert w.timeline.items.drawn_text.get(row) == "Kalbajar returned"  # the label painted
    assert w.selected == row
    w.editing.act_undo.trigger()
    assert w.full_index is index
    assert w.timeline.items.index.titles[row] == "Kalbajar district handed over to Azerbaijan"
    w.events.find.setText("Kalbajar returned")  # the search follows the titles too
    w.apply_filter()
    assert w.filter_mask is not None
    assert not w.filter_mask.any()  # (a Find that matches nothing shows nothing)
    assert len(w.index.event) == 0
    w.events.find.setText("")
    w.apply_filter()
    assert len(w.index.event) == len(w.full_index.event)


def test_other_edits_build_the_index_again(qtbot, windows, bundled_path) -> None:
    w = windows()
    assert w.open_file(str(bundled_path))
    row = event_row(w, "kalbajar-handover")
    index = w.full_index
    session = w.editing.session
    change = {"when": {"start": "2020-12-20", "precision": "day"}}
    assert session.push(UpdateEvent("kalbajar-handover", change)) == ""
    assert w.full_index is not index
    moved = w.full_index.event_start[event_row(w, "kalbajar-handover")]
    assert moved > index.event_start[row]
    assert np.array_equal(w.full_index.event_start, w.loaded.columns.index(w.dataset).event_start)

    w.set_lane_mode("actor")
    index = w.full_index
    assert "Recep Tayyip Erdogan" in index.lanes
    assert session.push(RenameActor("erdogan", "R. T. Erdogan")) == ""
    assert w.full_index is not index
    assert "R. T. Erdogan" in w.full_index.lanes
    assert "Recep Tayyip Erdogan" not in w.full_index.lanes
