"""Greedy labels of one lane row that never overlap: which events get a label, where, how wide.

The candidates of a row are found with one vectorised pass (binary searches in the row's block,
cached on the index), then a short Python loop places them left to right: the cost grows with
the labels the view can hold, not with the events in view.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from viewer.model.index import EventIndex
from viewer.model.layout import block_times, row_block

MIN_TEXT_PX = 12.0  # less room than this is not worth measuring a text (only one- or two-letter
# titles are narrower; they go unlabelled in such a gap, as longer ones do)
LABEL_CELL_PX = 48.0  # dense rows: label candidates are the first event of each time cell of
# 48-96 px, on a grid fixed in time (the same events keep their labels while a view pans or zooms)


class Label(NamedTuple):
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
    previous label or a ``reserved`` pixel span (the selected event's label); after a candidate
    without room, the next is sought ``min_px / 2`` further on.
    ``text_width(event_row)`` gives a label's full width in pixels; a label is shortened (the
    caller elides it to ``Label.width``) to end before the next mark of its row, or skipped when
    less than ``min_px`` is left; near the right edge it may stand left of its mark instead.

    In a dense row (marks closer than about 25 px on average), labels may cover later marks
    and are placed by priority on a grid fixed in time (:func:`_dense_labels`), so that they
    stay put while the view pans. With ``cover_marks`` (a label track above or below the
    marks) labels may cover marks in any row (None: only in a dense row). Entries in ``skip``
    (labelled on another track) are passed over.
    """
    if t1 <= t0 or not 0 <= lane < index.n_lanes:
        return []
    entries, cummax = row_block(index, lane, row)
    starts, ends = block_times(index, lane, row)
    lo = int(cummax.searchsorted(t0, "left"))
    hi = int(starts.searchsorted(t1, "right"))
    if hi <= lo:
        return []
    scale = width_px / (t1 - t0)
    dense = (hi - lo) > width_px / 25  # marks closer than labels could stand
    covers = dense if cover_marks is None else cover_marks  # labels may cover later marks
    if dense and covers:
        room = (width_px, gap, mark_px, min_px)
        view = (t0, t1, hi)
        return _dense_labels(index, lane, row, view, room, text_width, reserved, limit, skip)
    cand = np.arange(lo, hi)
    cand = cand[ends[lo:hi] >= t0]
    if skip:
        cand = np.array([j for j in cand.tolist() if int(entries[j]) not in skip], np.int64)
    if len(cand) == 0:
        return []
    # per candidate: its mark's x (left of 0 for an interval begun before the view), and the x
    # of the next mark in its row (or the right edge)
    raw_x = ((starts[cand] - t0) * scale).tolist()
    nxt = cand + 1
    after = np.where(nxt < hi, (starts[np.minimum(nxt, hi - 1)] - t0) * scale, width_px)
    after_x = np.minimum(after, width_px).tolist()
    cand_entries = entries[cand].tolist()
    event_of = index.event
    reserved = sorted(reserved or [])
    out: list[Label] = []
    x_free = 0.0
    x_next = 0.0  # after a rejected candidate, skip marks too close to it to have room
    k, n = 0, len(raw_x)
    while k < n and len(out) < limit:
        x_min = max(x_free, x_next) - mark_px
        if x_min > 0:
            while k < n and raw_x[k] < x_min:
                k += 1
            if k == n:
                break
        x_mark = max(raw_x[k], 0.0)
        x_after = after_x[k]
        entry = cand_entries[k]
        k += 1
        if x_mark >= width_px:
            break
        # right of the mark, up to the next mark in the row; else left of the mark (the text's
        # width is asked for only when a label may stand here: it costs a text measurement)
        if covers:  # a label track above or below the marks
            room = width_px - (x_mark + mark_px)
        else:
            room = x_after - mark_px / 2 - gap - (x_mark + mark_px)
        if room < MIN_TEXT_PX and x_after < width_px:
            # where marks are close no label fits: jump ahead instead of trying every event
            x_next = x_mark + mark_px + min_px / 2
            continue
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


def _dense_labels(
    index: EventIndex,
    lane: int,
    row: int,
    view: tuple[float, float, int],
    room: tuple[float, float, float, float],
    text_width: Callable[[int], float],
    reserved: list[tuple[float, float]] | None,
    limit: int,
    skip: set[int] | None,
) -> list[Label]:
    """Labels of a dense row, placed in order of priority where they do not collide.

    The candidates are the first events of the cells of a time grid (cells of ``cell`` seconds,
    a power of two, LABEL_CELL_PX to twice that wide). A candidate's priority is how coarse a
    grid it is still the first of a cell of (the number of trailing zero bits of its cell's
    number), so the first event of a year's cell comes before that of a month's. The grid is
    fixed in time: while the view pans, the same events are candidates with the same
    priorities, and a label stays until a label of higher priority needs its place.
    """
    t0, t1, hi = view  # hi: the row's block ends at t1
    width_px, gap, mark_px, min_px = room
    entries, _ = row_block(index, lane, row)
    starts, _ = block_times(index, lane, row)
    scale = width_px / (t1 - t0)
    cell = 2.0 ** math.ceil(math.log2(LABEL_CELL_PX / scale))
    k0, k1 = math.ceil(t0 / cell), math.floor(t1 / cell)
    firsts = starts.searchsorted(np.arange(k0, k1 + 1) * cell, "left").tolist()
    level: dict[int, int] = {}  # candidate -> its priority (after empty cells, the highest)
    for k, j in enumerate(firsts, k0):
        if j >= hi:
            break
        lev = (k & -k).bit_length() if k else 64  # cell k is the first of a cell 2**lev wide
        if lev > level.get(j, -1):
            level[j] = lev
    # the cell the view starts in: its first event in view, when there is room left for it
    first = int(starts.searchsorted(t0, "left"))
    if first < hi and first not in level and (not firsts or first < firsts[0]):
        level[first] = -1
    if not level:
        return []
    cand = sorted(level, key=lambda j: (-level[j], j))
    xs = ((starts[cand] - t0) * scale).tolist()
    cand_entries = entries[cand].tolist()
    event_of = index.event
    # spans taken so far (labels and reserved spans), sorted by their left edge
    lefts: list[float] = []
    rights: list[float] = []
    for a, b in sorted(reserved or []):  # merged where they overlap: rights stay in order
        if rights and a <= rights[-1]:
            rights[-1] = max(rights[-1], b)
        else:
            lefts.append(a)
            rights.append(b)
    out: list[Label] = []
    for x_mark, entry in zip(xs, cand_entries, strict=True):
        if len(out) >= limit:
            break
        if skip and entry in skip:
            continue
        x = x_mark + mark_px
        i = bisect.bisect(lefts, x)
        if i > 0 and rights[i - 1] + gap > x:  # on a label placed before
            continue
        # room up to the next label placed before (a label of higher priority) or the edge
        room = (lefts[i] - gap if i < len(lefts) else width_px) - x
        if room < MIN_TEXT_PX and i < len(lefts):
            continue
        full = float(text_width(int(event_of[entry])))
        if full <= room or room >= 2 * min_px:  # in a gap between labels, a stub says little
            w = min(full, room)
        elif i == len(lefts) and x_mark - mark_px - full >= (rights[-1] + gap if rights else 0):
            x, w = x_mark - mark_px - full, full  # at the right edge: left of the mark
        else:
            continue
        lefts.insert(i, x)
        rights.insert(i, x + w)
        out.append(Label(entry, x, w, lane, row))
    out.sort(key=lambda lb: lb.x)
    return out
