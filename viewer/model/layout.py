"""Pure numpy helpers of the timeline: counts below edges, row blocks, shade levels, picking.

Everything here works on an :class:`EventIndex` and plain numbers (times, pixel widths), so the
timeline's behaviour is tested without a QApplication (binning: :mod:`viewer.model.lod`, labels:
:mod:`viewer.model.labels`).
Costs grow with the pixels and the labels drawn, not with the number of events.
"""

from __future__ import annotations

import itertools

import numpy as np

from viewer.model.index import EventIndex

SHADE_EDGES = np.array([1, 2, 4, 16])  # where a column's shade steps up
EXACT_LIMIT = 1500  # visible entries per lane below which every event is drawn as itself


def counts_below(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """``np.searchsorted(values, edges, "left")`` for sorted values and edges: how many values
    lie below each edge. With fewer values between the first and last edge than edges, the
    values are placed among the edges instead (fewer binary searches for the same answer)."""
    lo, hi = values.searchsorted((edges[0], edges[-1]), "left").tolist()
    if hi - lo > len(edges):
        return values.searchsorted(edges, "left")
    out = np.full(len(edges), lo, np.int64)
    if hi > lo:
        # k = how many edges are <= v: v lies below edge j exactly when j >= k
        k = edges.searchsorted(values[lo:hi], "right")
        out += np.cumsum(np.bincount(k, minlength=len(edges))[: len(edges)])
    return out


def lane_intervals(index: EventIndex, lane: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts (sorted) and ends (sorted on their own) of a lane's intervals, cached."""
    cache = index.__dict__.setdefault("_lane_intervals", {})
    found = cache.get(lane)
    if found is None:
        sl = index.lane_slice(lane)
        keep = index.row[sl] > 0
        found = cache[lane] = (index.start[sl][keep], np.sort(index.end[sl][keep]))
    return found


def shade_levels(counts: np.ndarray) -> np.ndarray:
    """Shade bucket per column: 0 empty, 1 one event, 2 a few (2-3), 3 some (4-15), 4 many."""
    return SHADE_EDGES.searchsorted(counts, "right")


def block_times(index: EventIndex, lane: int, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of a row block, cached with it."""
    times = index.__dict__.get("_row_times", {}).get((lane, row))
    if times is None:
        row_block(index, lane, row)
        times = index.__dict__["_row_times"][(lane, row)]
    return times


def row_block(index: EventIndex, lane: int, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Entries of one row of a lane (sorted by start) and the running maximum of their ends,
    cached on the index (with their starts and ends): picking then never scans past a long
    interval. Every row of a lane is split off in one pass (a stable sort by row)."""
    cache = index.__dict__.setdefault("_row_blocks", {})
    block = cache.get((lane, row))
    if block is None:
        times = index.__dict__.setdefault("_row_times", {})
        for r, (entries, starts, ends) in enumerate(_lane_row_blocks(index, lane)):
            # points end where they start, already in order: no running maximum
            if len(ends) < 2 or bool((ends[1:] >= ends[:-1]).all()):
                cummax = ends
            else:
                cummax = np.maximum.accumulate(ends)
            cache[(lane, r)] = (entries, cummax)
            times[(lane, r)] = (starts, ends)
        block = cache.get((lane, row))
        if block is None:  # a row the lane does not have
            empty = np.zeros(0, np.int64)
            block = cache[(lane, row)] = (empty, np.zeros(0))
            times[(lane, row)] = (np.zeros(0), np.zeros(0))
    return block


def _lane_row_blocks(
    index: EventIndex, lane: int
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The entries, starts and ends of each row of a lane (row 0 first), in start order:
    slices of the index's ``row_*`` columns where it has them."""
    bounds = index.row_bounds
    if bounds is not None and index.row_entries is not None:
        assert index.row_start is not None
        assert index.row_end is not None
        per_lane = (len(bounds) - 1) // max(index.n_lanes, 1)
        at = bounds[lane * per_lane : lane * per_lane + int(index.lane_rows[lane]) + 1].tolist()
        return [
            (index.row_entries[a:b], index.row_start[a:b], index.row_end[a:b])
            for a, b in itertools.pairwise(at)
        ]
    out = []
    for entries in _lane_row_entries(index, lane):
        starts, ends = index.start[entries], index.end[entries]
        if np.array_equal(starts, ends):  # points (row 0): one array for both
            ends = starts
        out.append((entries, starts, ends))
    return out


def _lane_row_entries(index: EventIndex, lane: int) -> list[np.ndarray]:
    """The entries of each row of a lane (row 0 first), each in start order."""
    sl = index.lane_slice(lane)
    n_rows = int(index.lane_rows[lane])
    if n_rows <= 1:
        return [np.arange(sl.start, sl.stop, dtype=np.int64)]
    rows = index.row[sl]
    order = np.argsort(rows, kind="stable")  # a radix sort of bytes: the start order is kept
    counts = np.bincount(rows, minlength=n_rows).tolist()
    order += sl.start
    bounds = np.cumsum([0, *counts]).tolist()
    return [order[a:b] for a, b in itertools.pairwise(bounds)]


def pick(
    index: EventIndex, lane: int, row: int, t: float, tol: float, t_view: tuple[float, float]
) -> int:
    """The entry under time ``t`` in a lane row: an interval containing t (within tol; the
    latest starting), else the point mark nearest t within ``tol``; -1 if none.

    Binary search in per-row blocks (points are row 0, intervals rows 1..), so the cost does
    not depend on how many entries a long interval spans.
    """
    if not 0 <= lane < index.n_lanes or row < 0:
        return -1
    entries, cummax = row_block(index, lane, row)
    if len(entries) == 0:
        return -1
    starts = index.start[entries]
    if row > 0:
        # the latest-starting interval reaching t: look back from the last one starting by t
        # in windows that double, while the running maximum of ends says one may still reach
        # (an overfull row under a long interval would otherwise be walked one by one)
        k_hi = int(np.searchsorted(starts, t + tol, "right"))
        size = 32
        while k_hi > 0 and cummax[k_hi - 1] + tol >= t:
            k_lo = max(0, k_hi - size)
            hit = np.flatnonzero(index.end[entries[k_lo:k_hi]] + tol >= t)
            if len(hit):
                return int(entries[k_lo + int(hit[-1])])
            k_hi, size = k_lo, size * 2
        return -1
    i = int(np.searchsorted(starts, t))
    best = min(
        (k for k in (i - 1, i) if 0 <= k < len(starts)),
        key=lambda k: abs(starts[k] - t),
        default=None,
    )
    if best is None or abs(starts[best] - t) > tol:
        return -1
    return int(entries[best])
