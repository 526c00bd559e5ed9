"""Level of detail and picking at scale: binned marks agree with brute force, nothing in view is
dropped, and pick returns what a brute-force search returns."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.count_grid import view_edges
from viewer.model.index import INTERVAL, EventIndex
from viewer.model.layout import pick
from viewer.model.lod import lane_view

DAY = 86400.0


def make_index(seed: int, n: int = 3000) -> EventIndex:
    rng = np.random.default_rng(seed)
    starts = np.sort(
        np.concatenate([rng.uniform(0, 400 * DAY, n // 2), rng.normal(200 * DAY, DAY, n // 2)])
    )
    is_int = rng.random(n) < 0.1
    ends = starts + np.where(is_int, rng.exponential(5 * DAY, n), 0.0)
    ends[:3] = starts[:3] + 390 * DAY  # a few very long intervals early on
    is_int[:3] = True
    flags = np.where(is_int, INTERVAL, 0).astype(np.uint8)
    lanes = rng.integers(0, 4, n)
    return EventIndex.from_columns(
        starts, ends, ends + DAY, flags, ["a", "b", "c", "d"], lanes, None, [""] * n
    )


INDEX = make_index(1)


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(-10 * DAY, 420 * DAY),
    span=st.floats(60.0, 500 * DAY),
    ncols=st.integers(1, 2000),
    lane=st.integers(0, 3),
)
def test_binned_points_agree_with_brute_force_and_drop_nothing(a, span, ncols, lane) -> None:  # type: ignore[no-untyped-def]
    t0, t1 = a, a + span
    sl = INDEX.lane_slice(lane)
    pts = INDEX.start[sl][INDEX.row[sl] == 0]
    view = lane_view(INDEX, lane, t0, t1, ncols, limit=-1)  # -1: always binned
    counts = view.point_counts
    inside = pts[(pts >= t0) & (pts <= t1)]
    brute = np.zeros(ncols, np.int64)
    edges = view_edges(INDEX, t0, t1, ncols).edges  # inner edges on grid lines when wide
    k = np.clip(np.searchsorted(edges, inside, "right") - 1, 0, ncols - 1)
    np.add.at(brute, k, 1)
    assert np.array_equal(counts, brute)
    assert counts.sum() == len(inside)  # every visible point is counted in its column
    # intervals overlapping the view cover at least their start column
    sel = INDEX.row[sl] > 0
    s_i, e_i = INDEX.start[sl][sel], INDEX.end[sl][sel]
    vis = (e_i >= t0) & (s_i <= t1)
    assert (view.coverage is not None) == bool(vis.any())
    for s, e in zip(s_i[vis], e_i[vis], strict=True):
        c0, c1 = np.clip(np.searchsorted(edges, [s, e], "right") - 1, 0, ncols - 1).tolist()
        assert (view.coverage[c0 : c1 + 1] > 0).all()


def brute_pick(index: EventIndex, lane: int, row: int, t: float, tol: float) -> tuple[int, float]:
    sl = index.lane_slice(lane)
    ids = np.arange(sl.start, sl.stop)
    rows, st_, en = index.row[sl], index.start[sl], index.end[sl]
    if row > 0:
        hit = ids[(rows == row) & (st_ - tol <= t) & (en + tol >= t)]
        return (int(hit[-1]) if len(hit) else -1), 0.0
    pts = ids[rows == 0]
    if len(pts) == 0:
        return -1, 0.0
    d = np.abs(index.start[pts] - t)
    k = int(np.argmin(d))
    return (int(pts[k]) if d[k] <= tol else -1), float(d[k])


@settings(max_examples=200, deadline=None)
@given(t=st.floats(-DAY, 401 * DAY), tol=st.floats(1.0, 3 * DAY), lane=st.integers(0, 3))
def test_pick_agrees_with_brute_force(t, tol, lane) -> None:  # type: ignore[no-untyped-def]
    for row in range(int(INDEX.lane_rows[lane])):
        got = pick(INDEX, lane, row, t, tol, (t - DAY, t + DAY))
        want, dist = brute_pick(INDEX, lane, row, t, tol)
        if row > 0:
            if want >= 0:
                assert got >= 0
                assert INDEX.start[got] == INDEX.start[want]
                assert INDEX.start[got] - tol <= t <= INDEX.end[got] + tol
            else:
                assert got == -1
        elif want < 0:
            assert got == -1
        else:  # ties between equally near marks may pick either
            assert got >= 0
            assert abs(INDEX.start[got] - t) == dist
