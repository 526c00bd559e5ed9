"""Lane packing, binning and picking: pure functions, no QApplication."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.oracles import index_of_events
from viewer.model.count_grid import view_edges
from viewer.model.formats.detect import load
from viewer.model.index import INTERVAL, PLANNED, EventIndex, pack_rows
from viewer.model.layout import pick
from viewer.model.lod import lane_view

DAY = 86400.0


def synthetic(n: int, seed: int = 1, lanes: int = 3, interval_share: float = 0.1) -> EventIndex:
    rng = np.random.default_rng(seed)
    starts = np.sort(rng.uniform(0, 1000 * DAY, n))
    spans = np.where(rng.random(n) < interval_share, rng.uniform(DAY, 30 * DAY, n), 0.0)
    flags = np.where(spans > 0, INTERVAL, 0).astype(np.uint8)
    codes = rng.integers(0, lanes, n)
    titles = [f"event {i}" for i in range(n)]
    return EventIndex.from_columns(
        starts,
        starts + spans,
        starts + spans + 1,
        flags,
        [f"lane {k}" for k in range(lanes)],
        codes,
        None,
        titles,
    )


def test_index_from_dataset_sorts_each_lane(bundled_path) -> None:
    ds = load(bundled_path).dataset
    ix = index_of_events(ds, "actor")
    for lane in range(ix.n_lanes):
        s = ix.start[ix.lane_slice(lane)]
        assert np.all(np.diff(s) >= 0)
    # an event with two actors stands in both lanes
    handover = next(i for i, e in enumerate(ds.events) if e.id == "kalbajar-handover")
    assert len(ix.entries_of(handover)) == 2
    assert (
        ix.flags[ix.entries_of(next(i for i, e in enumerate(ds.events) if e.status == "planned"))][
            0
        ]
        & PLANNED
    )


def test_pack_rows_never_overlaps_within_capacity() -> None:
    starts = np.array([0.0, 1, 2, 10, 11])
    ends = np.array([5.0, 6, 3, 12, 20])
    rows = pack_rows(starts, ends, 3)
    assert rows.tolist() == [0, 1, 2, 0, 1]


def _coverage(starts: np.ndarray, ends: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Brute force: how many of the intervals (all overlapping the view) cover each column
    between ``edges`` (an interval covers at least its start column)."""
    last = len(edges) - 2
    a = np.clip(edges.searchsorted(starts, "right") - 1, 0, last)  # one at t1: the last
    b = np.minimum(edges.searchsorted(ends, "right") - 1, last)
    diff = np.bincount(a, minlength=last + 2) - np.bincount(b + 1, minlength=last + 2)
    return np.cumsum(diff[:-1])


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 3000),
    seed=st.integers(0, 10_000),
    a=st.floats(0, 0.9),
    width=st.floats(0.0005, 1.0),
    ncols=st.integers(1, 1600),
)
def test_binned_counts_agree_with_brute_force(n, seed, a, width, ncols) -> None:
    ix = synthetic(n, seed)
    t_lo, t_hi = ix.time_bounds
    t0 = t_lo + a * (t_hi - t_lo)
    t1 = min(t0 + width * (t_hi - t_lo), t_hi) + 1.0
    edges = view_edges(ix, t0, t1, ncols).edges
    for lane in range(ix.n_lanes):
        sl = ix.lane_slice(lane)
        s = ix.start[sl][ix.row[sl] == 0]
        counts = lane_view(ix, lane, t0, t1, ncols, limit=-1).point_counts  # -1: always binned
        inside = s[(s >= t0) & (s <= t1)]
        assert counts.sum() == len(inside)
        # brute force: the column of every visible start holds a mark
        cols = np.minimum(np.searchsorted(edges, inside, "right") - 1, ncols - 1)
        assert np.all(counts[cols] > 0)
        brute = np.bincount(cols, minlength=ncols)
        assert np.array_equal(counts, brute)


def test_interval_coverage_counts_spanning_intervals() -> None:
    cov = _coverage(np.array([0.0, 5.0]), np.array([10.0, 6.0]), np.linspace(0.0, 10.0, 11))
    assert cov.tolist() == [1, 1, 1, 1, 1, 2, 2, 1, 1, 1]
    # one starting at the view's end covers the last column
    cov = _coverage(np.array([10.0]), np.array([15.0]), np.linspace(0.0, 10.0, 11))
    assert cov.tolist() == [0] * 9 + [1]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 2000), seed=st.integers(0, 999), t=st.floats(0, 1), tol=st.floats(1, 5 * DAY)
)
def test_pick_matches_brute_force(n, seed, t, tol) -> None:
    ix = synthetic(n, seed, interval_share=0.0)
    t_lo, t_hi = ix.time_bounds
    when = t_lo + t * (t_hi - t_lo)
    for lane in range(ix.n_lanes):
        got = pick(ix, lane, 0, when, tol, (t_lo, t_hi))
        sl = ix.lane_slice(lane)
        d = np.abs(ix.start[sl] - when)
        if len(d) == 0 or d.min() > tol:
            assert got == -1
        else:
            assert got >= 0
            assert abs(ix.start[got] - when) == pytest.approx(d.min())


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 2000),
    seed=st.integers(0, 999),
    a=st.floats(0, 1),
    w=st.floats(1e-4, 1),
    ncols=st.integers(1, 1600),
)
def test_coverage_by_binary_search_equals_the_direct_count(n, seed, a, w, ncols) -> None:
    ix = synthetic(n, seed, interval_share=0.5)
    t_lo, t_hi = ix.time_bounds
    t0 = t_lo + a * (t_hi - t_lo)
    t1 = t0 + w * (t_hi - t_lo)
    edges = view_edges(ix, t0, t1, ncols).edges
    for lane in range(ix.n_lanes):
        sl = ix.lane_slice(lane)
        keep = (ix.row[sl] > 0) & (ix.end[sl] >= t0) & (ix.start[sl] <= t1)
        view = lane_view(ix, lane, t0, t1, ncols, limit=-1)  # -1: always binned
        if not keep.any():
            assert view.coverage is None
            continue
        direct = _coverage(ix.start[sl][keep], ix.end[sl][keep], edges)
        assert np.array_equal(view.coverage, direct)


@pytest.mark.parametrize("interval_share", [0.0, 0.1, 0.6])
def test_row_blocks_made_with_the_index_match_those_found_later(interval_share: float) -> None:
    """The rows of each lane kept by the index (and its cache) are those sorted apart on
    first use: the same entries, starts, ends and running maxima."""
    import dataclasses

    from viewer.model.layout import block_times, row_block

    made = synthetic(3000, seed=7, lanes=4, interval_share=interval_share)
    assert made.row_entries is not None
    found = dataclasses.replace(
        made, row_entries=None, row_start=None, row_end=None, row_bounds=None
    )
    for lane in range(made.n_lanes):
        for row in range(int(made.lane_rows[lane]) + 1):  # and a row the lane has not
            for a, b in zip(row_block(made, lane, row), row_block(found, lane, row), strict=True):
                assert np.array_equal(a, b)
            for a, b in zip(
                block_times(made, lane, row), block_times(found, lane, row), strict=True
            ):
                assert np.array_equal(a, b)
