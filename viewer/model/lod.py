"""Level of detail: what the timeline draws of one lane at one view.

Points (row 0 of a lane) and intervals (rows 1..) are decided apart: each is drawn exactly, as
its own marks, while few of them are in view, else as per-pixel-column counts. The numbers in
view are exact and cost a handful of binary searches (points are sorted by start; intervals
overlapping [t0, t1] are those started by t1 minus those ended before t0), so a lane holding
one long interval or a dense past never makes a sparse view pay for what it does not show.
Column counts are read below the view's column edges (:mod:`viewer.model.count_grid`: from a
table in wide views); the intervals' coverage comes first, and their entries are fetched only
where they stack shallow enough to be drawn as bars.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.count_grid import ViewEdges, counts_below_edges, view_edges
from viewer.model.index import EventIndex
from viewer.model.layout import block_times, lane_intervals, row_block

CANDIDATES_PER_LIMIT = 8  # an interval row scanning more candidates than this is binned
MAX_DEPTH = 2.0  # intervals stacked deeper than this on average are shown as coverage


@dataclass(frozen=True, slots=True)
class LaneView:
    """One lane at one view: exact entries or per-column counts, for points and intervals."""

    n_points: int  # points in [t0, t1]
    n_intervals: int  # intervals overlapping [t0, t1]
    points: np.ndarray | None  # entries of the points in view (exact), else None
    point_counts: np.ndarray | None  # points per column (binned), else None
    intervals: np.ndarray | None  # entries of the intervals in view (exact), else None
    coverage: np.ndarray | None  # intervals covering each column (binned), else None

    @property
    def n_visible(self) -> int:
        return self.n_points + self.n_intervals


def lane_view(
    index: EventIndex,
    lane: int,
    t0: float,
    t1: float,
    ncols: int,
    limit: int,
    view: ViewEdges | None = None,
) -> LaneView:
    """What to draw of ``lane`` in [t0, t1] over ``ncols`` pixel columns: exact marks for at
    most ``limit`` points (and, apart, ``limit`` intervals not stacked deeper than MAX_DEPTH),
    column counts beyond (over the columns of ``view``, made here when not given)."""
    starts, _ = block_times(index, lane, 0)
    after_t1 = np.nextafter(t1, np.inf)  # searching it "left" is searching t1 "right"
    p_lo, p_hi = starts.searchsorted((t0, after_t1)).tolist()
    s_int, e_sorted = lane_intervals(index, lane)
    n_int = int(s_int.searchsorted(after_t1)) - int(e_sorted.searchsorted(t0))
    points = counts = intervals = coverage = None
    if p_hi - p_lo <= limit:
        points = row_block(index, lane, 0)[0][p_lo:p_hi]
    else:
        view = view or view_edges(index, t0, t1, ncols)
        pos = counts_below_edges(index, (lane, 0), starts, view)
        pos[-1] = p_hi  # the last column includes t1
        counts = np.diff(pos)
    if n_int > 0:
        view = view or view_edges(index, t0, t1, ncols)
        # an interval overlaps column k when it starts before the column's right edge and does
        # not end before its left edge
        started = counts_below_edges(index, (lane, 1), s_int, view)[1:]
        started[-1] = s_int.searchsorted(after_t1)
        ended = counts_below_edges(index, (lane, 2), e_sorted, view)[:-1]
        coverage = started - ended
        # bars piled on bars hide one another (and cost their area each): when the intervals
        # in view stack deeper than MAX_DEPTH per row on average, their coverage says more
        rows = max(int(index.lane_rows[lane]) - 1, 1)
        if n_int <= limit and float(coverage.mean()) <= MAX_DEPTH * rows:
            intervals = _interval_entries(index, lane, t0, t1, limit * CANDIDATES_PER_LIMIT)
            if intervals is not None:
                coverage = None
    else:
        intervals = np.zeros(0, np.int64)
    return LaneView(p_hi - p_lo, n_int, points, counts, intervals, coverage)


def _interval_entries(
    index: EventIndex, lane: int, t0: float, t1: float, max_candidates: int
) -> np.ndarray | None:
    """Entries of the intervals overlapping [t0, t1], row by row; None when the candidates
    (entries between the running-maximum search and t1) would be too many to filter."""
    found = []
    for row in range(1, int(index.lane_rows[lane])):
        entries, cummax = row_block(index, lane, row)
        starts, ends = block_times(index, lane, row)
        lo = int(cummax.searchsorted(t0, "left"))
        hi = int(starts.searchsorted(t1, "right"))
        if hi <= lo:
            continue
        if hi - lo > max_candidates:
            return None
        keep = ends[lo:hi] >= t0
        found.append(entries[lo:hi][keep])
    if not found:
        return np.zeros(0, np.int64)
    return found[0] if len(found) == 1 else np.concatenate(found)


def lane_views(index: EventIndex, t0: float, t1: float, ncols: int, limit: int) -> list[LaneView]:
    """:func:`lane_view` of every lane, over one set of column edges.

    (Computing half the lanes on a worker thread was tried: numpy's binary searches run
    without the GIL, but the hand-over cost as much as it saved in the benchmark.)"""
    view = view_edges(index, t0, t1, ncols)
    return [lane_view(index, lane, t0, t1, ncols, limit, view) for lane in range(index.n_lanes)]
