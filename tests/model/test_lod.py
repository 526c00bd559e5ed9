"""Level of detail: per lane, points and intervals are exact marks or column counts, the counts
agree with brute force, and no entry overlapping the view is ever left out."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.count_grid import GRID_CELLS, below_lines, count_grid, view_edges
from viewer.model.index import EventIndex
from viewer.model.layout import block_times, counts_below
from viewer.model.lod import lane_view

from .test_layout_scale import DAY, make_index

INDEX = make_index(7, n=4000)


def column_of(edges: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Brute force: the column of each time, by its place among the edges (clipped)."""
    return np.clip(np.searchsorted(edges, t, "right") - 1, 0, len(edges) - 2)


def brute_columns(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    return np.bincount(column_of(edges, values), minlength=len(edges) - 1)


def overlapping(index: EventIndex, lane: int, t0: float, t1: float, intervals: bool) -> set[int]:
    sl = index.lane_slice(lane)
    ids = np.arange(sl.start, sl.stop)
    rows = index.row[sl]
    hit = (index.start[sl] <= t1) & (index.end[sl] >= t0) & ((rows > 0) == intervals)
    return set(ids[hit].tolist())


@settings(max_examples=80, deadline=None)
@given(
    a=st.floats(-10 * DAY, 420 * DAY),
    span=st.floats(60.0, 500 * DAY),
    ncols=st.integers(1, 2000),
    lane=st.integers(0, 3),
    limit=st.sampled_from([1, 5, 50, 500, 5000]),
)
def test_lane_view_is_exact_or_counts_everything(a, span, ncols, lane, limit) -> None:  # type: ignore[no-untyped-def]
    t0, t1 = a, a + span
    view = lane_view(INDEX, lane, t0, t1, ncols, limit)
    edges = view_edges(INDEX, t0, t1, ncols).edges
    points = overlapping(INDEX, lane, t0, t1, intervals=False)
    intervals = overlapping(INDEX, lane, t0, t1, intervals=True)
    assert (view.n_points, view.n_intervals) == (len(points), len(intervals))
    # points: every one drawn as itself, or counted in its column (never both, never neither)
    assert (view.points is None) != (view.point_counts is None)
    if view.points is not None:
        assert len(points) <= limit
        assert set(view.points.tolist()) == points
    else:
        starts = INDEX.start[sorted(points)]
        assert np.array_equal(view.point_counts, brute_columns(starts, edges))
    # intervals: drawn as bars, or their coverage shades every column they reach
    if view.intervals is not None:
        assert set(view.intervals.tolist()) == intervals
        assert view.coverage is None
    elif intervals:
        assert view.coverage is not None
        for e in intervals:
            c0, c1 = column_of(edges, np.array([INDEX.start[e], INDEX.end[e]])).tolist()
            assert (view.coverage[c0 : c1 + 1] > 0).all()


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.floats(-1e3, 1e3), max_size=300),
    edges=st.lists(st.floats(-1.2e3, 1.2e3), min_size=1, max_size=300),
)
def test_counts_below_is_searchsorted(values, edges) -> None:  # type: ignore[no-untyped-def]
    v, e = np.sort(values), np.sort(edges)
    assert np.array_equal(counts_below(v, e), np.searchsorted(v, e, "left"))


def test_deep_stacks_of_intervals_are_shown_as_coverage() -> None:
    # 40 intervals over the whole view in a lane of 3 interval rows: bars would hide each other
    n = 40
    starts = np.linspace(0, DAY, n)
    ends = starts + 100 * DAY
    index = EventIndex.from_columns(
        starts, ends, ends, np.full(n, 8, np.uint8), ["a"], np.zeros(n, np.int64), None, [""] * n
    )
    view = lane_view(index, 0, 10 * DAY, 11 * DAY, 800, 500)
    assert view.intervals is None
    assert view.n_intervals == n
    assert view.coverage is not None
    assert (view.coverage == n).all()


@settings(max_examples=100, deadline=None)
@given(
    a=st.floats(-100 * DAY, 420 * DAY),
    span=st.floats(60.0, 2000 * DAY),
    ncols=st.integers(1, 2000),
)
def test_view_edges_stay_within_an_eighth_of_a_column(a, span, ncols) -> None:  # type: ignore[no-untyped-def]
    """Wide columns have their inner edges on grid lines (an eighth of a column away at
    most); the outer edges are the view's own, so what is in view is counted exactly."""
    t0, t1 = a, a + span
    view = view_edges(INDEX, t0, t1, ncols)
    exact = np.linspace(t0, t1, ncols + 1)
    assert view.edges[0] == t0
    assert view.edges[-1] == t1
    assert np.all(np.abs(view.edges - exact) <= (t1 - t0) / ncols / 8)
    assert np.all(np.diff(view.edges) > 0)
    if view.line is not None:
        on = view.line >= 0
        assert np.array_equal(view.edges[on], count_grid(INDEX).lines[view.line[on]])


def test_counts_below_grid_lines_are_exact() -> None:
    grid = count_grid(INDEX)
    assert len(grid.lines) == GRID_CELLS + 1
    for lane in range(INDEX.n_lanes):
        starts, _ = block_times(INDEX, lane, 0)
        assert grid.lines[0] <= starts.min()
        assert starts.max() <= grid.lines[-1]
        table = below_lines(INDEX, ("test", lane), starts)
        assert np.array_equal(table, np.searchsorted(starts, grid.lines, "left"))
        # times on grid lines and a hair either side of them
        on = np.sort(np.concatenate([grid.lines[::997], np.nextafter(grid.lines[::991], 0)]))
        table = below_lines(INDEX, ("test-on", lane), on)
        assert np.array_equal(table, np.searchsorted(on, grid.lines, "left"))
