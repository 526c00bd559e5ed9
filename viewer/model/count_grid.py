"""Counts below a fixed grid of times, so that wide views bin events without binary searches.

A view's column counts need, per lane, how many sorted times lie below each column edge: one
binary search per edge costs about 75 µs per lane and array at 1e6 events (a thousand
searches, each missing the cache a dozen times). A grid of GRID_CELLS cells spans the index's
times; per sorted array, how many of its times lie below each grid line is counted once (about
2 ms, on first use). When a view's columns are at least SNAP_MIN_CELLS cells wide, its inner
column edges are moved to their nearest grid line, at most 1/8 of a column (an eighth of a
pixel) away, and the counts below them are read from that table, exactly. The outer edges stay
where the view ends, so the events in view are exactly those counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.index import EventIndex
from viewer.model.layout import counts_below

GRID_CELLS = 1 << 17
SNAP_MIN_CELLS = 4  # a column this many cells wide has its inner edges moved to grid lines


@dataclass(frozen=True, slots=True)
class CountGrid:
    origin: float
    step: float
    lines: np.ndarray  # origin + k * step, k = 0..GRID_CELLS


@dataclass(frozen=True, slots=True)
class ViewEdges:
    """The column edges of a view; ``line`` is each edge's grid line (None: exact edges)."""

    edges: np.ndarray
    line: np.ndarray | None


def count_grid(index: EventIndex) -> CountGrid:
    """The grid over an index's times (cached on it)."""
    grid = index.__dict__.get("_count_grid")
    if grid is None:
        lo, hi = index.time_bounds
        hi = max(hi, float(index.end.max()) if len(index.end) else hi)
        step = max(hi - lo, 1.0) / GRID_CELLS
        lines = lo + np.arange(GRID_CELLS + 1) * step
        lines[-1] = max(lines[-1], hi)  # every time lies in [lines[0], lines[-1]]
        grid = index.__dict__["_count_grid"] = CountGrid(lo, step, lines)
    return grid


def view_edges(index: EventIndex, t0: float, t1: float, ncols: int) -> ViewEdges:
    """Column edges of ``ncols`` columns over [t0, t1]; inner edges on grid lines when the
    columns are wide enough (edges outside the grid, where no time lies, stay)."""
    edges = np.linspace(t0, t1, ncols + 1)
    grid = count_grid(index)
    if ncols < 2 or (t1 - t0) / ncols < SNAP_MIN_CELLS * grid.step:
        return ViewEdges(edges, None)
    k = np.rint((edges - grid.origin) / grid.step)
    inside = (k >= 0) & (k <= GRID_CELLS)
    inside[0] = inside[-1] = False
    line = np.where(inside, k, -1).astype(np.int64)
    edges[inside] = grid.lines[line[inside]]
    return ViewEdges(edges, line)


def below_lines(index: EventIndex, key: object, values: np.ndarray) -> np.ndarray:
    """How many of the sorted ``values`` lie below each grid line (cached under ``key``)."""
    cache = index.__dict__.setdefault("_below_lines", {})
    found = cache.get(key)
    if found is None:
        grid = count_grid(index)
        lines = grid.lines
        if len(values) > 3 * len(lines):
            # a binary search per line (the lines are sorted, so each search starts where
            # the last ended): beyond about 400,000 values, faster than a pass over them
            # (5 ms against 22 ms for 1.2 million)
            below = values.searchsorted(lines, "left")
        else:
            # k = how many lines are <= v, from the division, then corrected by a step where
            # rounding put it off by one: v lies below line j exactly when j >= k
            k = np.floor((values - grid.origin) / grid.step).astype(np.int64) + 1
            k = np.clip(k, 0, len(lines))
            k -= (k > 0) & (lines[np.maximum(k - 1, 0)] > values)
            k += (k < len(lines)) & (lines[np.minimum(k, len(lines) - 1)] <= values)
            below = np.cumsum(np.bincount(k, minlength=len(lines) + 1))[: len(lines)]
        found = cache[key] = below.astype(np.int32 if len(values) < 2**31 else np.int64)
    return found


def counts_below_edges(
    index: EventIndex, key: object, values: np.ndarray, view: ViewEdges
) -> np.ndarray:
    """``np.searchsorted(values, view.edges, "left")`` for sorted ``values`` of the index."""
    if view.line is None:
        return counts_below(values, view.edges)
    table = below_lines(index, key, values)
    out = table[np.maximum(view.line, 0)]
    off = view.line < 0  # the outer edges, and edges beyond every time
    out[off] = values.searchsorted(view.edges[off], "left")
    return out
