"""The view state without Qt: fields with listeners, the filter mask and stepping in time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.conftest import BUNDLED
from viewer.model.formats.detect import load
from viewer.model.index import EventIndex
from viewer.model.search import EventSearch
from viewer.model.view_state import ViewState


@pytest.fixture(scope="module")
def bundled() -> tuple[Any, EventIndex, EventSearch, np.ndarray]:
    loaded = load(BUNDLED)
    ds, table = loaded.dataset, loaded.columns
    return ds, table.index(ds, "kind"), EventSearch(ds, table), table.statuses()


def test_listeners_hear_each_change_once() -> None:
    state = ViewState()
    heard: list[tuple[str, Any]] = []
    for name in ("query", "selection", "visible_range", "lane_mode"):
        state.connect(name, lambda value, name=name: heard.append((name, value)))
    state.query = "bridge"
    state.query = "bridge"  # no change: no call
    state.selection = 3
    state.visible_range = (0.0, 10.0)
    state.lane_mode = "actor"
    assert heard == [
        ("query", "bridge"),
        ("selection", 3),
        ("visible_range", (0.0, 10.0)),
        ("lane_mode", "actor"),
    ]


def test_a_listener_can_be_disconnected_and_names_are_checked() -> None:
    state = ViewState()
    heard: list[int] = []
    state.connect("selection", heard.append)
    state.selection = 1
    state.disconnect("selection", heard.append)
    state.selection = 2
    assert heard == [1]
    with pytest.raises(KeyError):
        state.connect("nothing", heard.append)
    with pytest.raises(ValueError, match="lane mode"):
        state.lane_mode = "colour"
    assert state.lane_mode == "kind"


def test_no_filter_shows_every_event(bundled: Any) -> None:
    _ds, index, search, statuses = bundled
    state = ViewState()
    assert not state.filtered
    assert state.mask(index, search, statuses) is None
    state.query = "   "
    assert state.mask(index, search, statuses) is None


def test_query_lane_and_status_narrow_together(bundled: Any) -> None:
    ds, index, search, statuses = bundled
    state = ViewState(status="planned")
    mask = state.mask(index, search, statuses)
    assert mask is not None
    assert [ev.status for ev, m in zip(ds.events, mask, strict=True) if m] == ["planned"]
    state.status = None
    state.lane = "territory handover"
    mask = state.mask(index, search, statuses)
    assert mask is not None
    assert {ds.events[i].kind for i in np.flatnonzero(mask)} == {"territory handover"}
    assert int(mask.sum()) == 3
    state.query = "Kelbajar"  # an alias of Kalbajar
    narrowed = state.mask(index, search, statuses)
    assert narrowed is not None
    assert 0 < int(narrowed.sum()) <= int(mask.sum())
    assert not (narrowed & ~mask).any()
    state.lane = "no such lane"
    assert not state.mask(index, search, statuses).any()


def test_step_and_next_match_walk_the_events_in_time(bundled: Any) -> None:
    _ds, index, _search, _statuses = bundled
    order = [int(i) for i in index.chrono]
    state = ViewState()
    assert state.step(index, 1) == order[0]
    assert state.step(index, -1) == order[-1]
    visited = []
    while (row := state.step(index, 1)) is not None:
        state.selection = row
        visited.append(row)
    assert visited == order
    assert state.next_match(index) == order[0]  # wraps around after the last
    state.selection = order[0]
    assert state.step(index, -1) is None
    assert state.next_match(index) == order[1]
    empty = index.subset(np.zeros(index.n_events, bool))
    assert state.step(empty, 1) is None
    assert state.next_match(empty) is None
