"""Pure numpy layout of the timeline: visible ranges, per-pixel-column binning, labels, picking.

Everything here works on an :class:`EventIndex` and plain numbers (times, pixel widths), so the
timeline's behaviour is tested without a QApplication; the graphics item only maps coordinates.
Costs grow with the pixels and the labels drawn, not with the number of events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from viewer.model.index import EventIndex

MIN_TEXT_PX = 12.0  # less room than this is not worth measuring a text (only one- or two-letter
# titles are narrower; they go unlabelled in such a gap, as longer ones do)
SHADE_EDGES = np.array([1, 2, 4, 16])  # where a column's shade steps up
EXACT_LIMIT = 1500  # visible entries per lane below which every event is drawn as itself


def column_edges(t0: float, t1: float, ncols: int) -> np.ndarray:
    return np.linspace(t0, t1, ncols + 1)


def counts_below(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """``np.searchsorted(values, edges, "left")`` for sorted values and edges: how many values
    lie below each edge. With fewer values between the first and last edge than edges, the
    values are placed among the edges instead (fewer binary searches for the same answer)."""
    lo = int(np.searchsorted(values, edges[0], "left"))
    hi = int(np.searchsorted(values, edges[-1], "left"))
    if hi - lo > len(edges):
        return np.searchsorted(values, edges, "left")
    out = np.full(len(edges), lo, np.int64)
    if hi > lo:
        # k = how many edges are <= v: v lies below edge j exactly when j >= k
        k = np.searchsorted(edges, values[lo:hi], "right")
        out += np.cumsum(np.bincount(k, minlength=len(edges))[: len(edges)])
    return out


def column_counts(starts: np.ndarray, t0: float, t1: float, ncols: int) -> np.ndarray:
    """How many of the sorted ``starts`` fall in each of ``ncols`` columns spanning [t0, t1].

    Column k covers [edge k, edge k+1); the last column includes t1.
    """
    edges = column_edges(t0, t1, ncols)
    pos = counts_below(starts, edges)
    pos[-1] = np.searchsorted(starts, t1, "right")
    return np.diff(pos)


def column_of(t: np.ndarray, t0: float, t1: float, ncols: int) -> np.ndarray:
    """The column index of times (clipped to the view)."""
    k = np.floor((np.asarray(t, np.float64) - t0) * (ncols / (t1 - t0)))
    return np.clip(k, 0, ncols - 1).astype(np.int64)


def interval_coverage(
    starts: np.ndarray, ends: np.ndarray, t0: float, t1: float, ncols: int
) -> np.ndarray:
    """How many intervals cover each column (an interval covers at least its start column)."""
    keep = (ends >= t0) & (starts <= t1)
    a = column_of(starts[keep], t0, t1, ncols)
    b = column_of(ends[keep], t0, t1, ncols)
    diff = np.bincount(a, minlength=ncols + 1) - np.bincount(b + 1, minlength=ncols + 1)
    return np.cumsum(diff[:-1])


def coverage_sorted(
    starts: np.ndarray, ends_sorted: np.ndarray, t0: float, t1: float, ncols: int
) -> np.ndarray:
    """:func:`interval_coverage` from the starts (sorted) and the ends sorted on their own:
    an interval overlaps column k when it starts before the column's right edge and does not
    end before its left edge, so two binary searches per edge count them, whatever the number
    of intervals."""
    edges = column_edges(t0, t1, ncols)
    started = counts_below(starts, edges)[1:]
    started[-1] = np.searchsorted(starts, t1, "right")
    ended = counts_below(ends_sorted, edges)[:-1]
    return started - ended


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


@dataclass(frozen=True, slots=True)
class Label:
    entry: int
    x: float  # left edge in pixels
    width: float
    lane: int
    row: int


def place_labels(
    index: EventIndex,
    lane: int,
    row: int,
    t0: float,
    t1: float,
    width_px: float,
    text_width: Callable[[int], float],
    reserved: list[tuple[float, float]] | None = None,
    gap: float = 8.0,
    mark_px: float = 8.0,
    limit: int = 400,
    min_px: float = 60.0,
    skip: set[int] | None = None,
    cover_marks: bool | None = None,
) -> list[Label]:
    """Greedy left-to-right labels of one row of a lane that never overlap.

    A label starts ``mark_px`` right of its event's mark and is placed if it does not overlap the
    previous label or a ``reserved`` pixel span (the selected event's label). Rather than visit
    every event, the next candidate is found by binary search on the time where the previous
    label ends, so the cost grows with the labels placed, not with the events in view; after a
    candidate without room, the next is sought ``min_px / 2`` further on (at most a few dozen
    tries per row however dense the events).
    ``text_width(event_row)`` gives a label's full width in pixels; a label is shortened (the
    caller elides it to ``Label.width``) to end before the next mark of its row, or skipped when
    less than ``min_px`` is left; near the right edge it may stand left of its mark instead. In a
    dense row (marks closer than about 25 px on average), or with ``cover_marks`` (a label track
    above or below the marks), labels may cover later marks. Entries in ``skip`` (labelled on
    another track) are passed over.
    """
    if t1 <= t0 or not 0 <= lane < index.n_lanes:
        return []
    # the row's own block (sorted by start, with the running maximum of ends): every step
    # below is a binary search in it, never a pass over the events in view
    entries, cummax = row_block(index, lane, row)
    starts, ends = block_times(index, lane, row)
    lo = int(cummax.searchsorted(t0, "left"))
    hi = int(starts.searchsorted(t1, "right"))
    if hi <= lo:
        return []
    scale = width_px / (t1 - t0)
    reserved = sorted(reserved or [])
    dense = (hi - lo) > width_px / 25 if cover_marks is None else cover_marks
    skip = skip or set()
    out: list[Label] = []
    x_free = 0.0
    x_next = 0.0  # after a rejected candidate, skip marks too close to it to have room
    pos = lo
    event_of = index.event

    def next_candidate(x_min: float) -> int | None:
        nonlocal pos
        t_min = t0 + (x_min - mark_px) / scale
        j = max(pos, int(starts.searchsorted(t_min, "left")) if t_min > t0 else lo)
        while j < hi and (ends[j] < t0 or int(entries[j]) in skip):
            j += 1
        pos = j + 1
        return j if j < hi else None

    def next_mark_x(j: int) -> float:
        """Pixel x of the next mark after block position j (or the right edge)."""
        return min((float(starts[j + 1]) - t0) * scale, width_px) if j + 1 < hi else width_px

    while len(out) < limit:
        j = next_candidate(max(x_free, x_next))
        if j is None:
            break
        x_mark = (max(float(starts[j]), t0) - t0) * scale
        if x_mark >= width_px:
            break
        # right of the mark, up to the next mark in the row; else left of the mark (the text's
        # width is asked for only when a label may stand here: it costs a text measurement)
        x_after = next_mark_x(j)
        room = x_after - mark_px / 2 - gap - (x_mark + mark_px)
        if dense:  # marks stand closer than labels can: labels may cover them
            room = width_px - (x_mark + mark_px)
        if room < MIN_TEXT_PX and x_after < width_px:
            # where marks are dense no label fits: jump ahead instead of trying every event
            x_next = x_mark + mark_px + min_px / 2
            continue
        entry = int(entries[j])
        full = float(text_width(int(event_of[entry])))
        if full <= room or room >= min_px:
            x, w = x_mark + mark_px, min(full, room)
        elif x_mark - mark_px - full >= x_free and x_after >= width_px:
            x, w = x_mark - mark_px - full, full
        else:
            x_next = x_mark + mark_px + min_px / 2
            continue
        clash = next(((a, b) for a, b in reserved if x < b + gap and x + w + gap > a), None)
        if clash is not None:
            x_free = max(x_free, clash[1] + gap)
            continue
        out.append(Label(entry, x, w, lane, row))
        x_free = x + w + gap
    return out


def block_times(index: EventIndex, lane: int, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of a row block, cached with it."""
    cache = index.__dict__.setdefault("_row_times", {})
    times = cache.get((lane, row))
    if times is None:
        entries, _ = row_block(index, lane, row)
        times = cache[(lane, row)] = (index.start[entries], index.end[entries])
    return times


def row_block(index: EventIndex, lane: int, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Entries of one row of a lane (sorted by start) and the running maximum of their ends,
    cached on the index: picking then never scans past a long interval."""
    cache = index.__dict__.setdefault("_row_blocks", {})
    block = cache.get((lane, row))
    if block is None:
        sl = index.lane_slice(lane)
        rows = index.row[sl]
        entries = np.flatnonzero(rows == row) + sl.start
        ends = index.end[entries]
        cummax = np.maximum.accumulate(ends) if len(ends) else ends
        block = cache[(lane, row)] = (entries, cummax)
    return block


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
