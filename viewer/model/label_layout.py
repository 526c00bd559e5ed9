"""The label layout of a whole view, on screen and on paper: which event gets a label, in which
row of its lane, where, whether whole or shortened, and where a leader joins it to its mark.

One function (:func:`lay_out_labels`) serves the window, print and the page count of print.
A sparse lane (every mark in view drawn as itself, few enough of them) places its labels in the
first row of the lane where they fit whole beside their mark: its own row first, then the rows
nearest it; a label standing in another row than its mark gets a leader. A label is shortened
only when no row has room for it whole; a label with no room at all is counted as hidden (the
view shows "+N more" for the lane). The layout never depends on the selection, so selecting an
event never moves or hides another label. Dense lanes keep the greedy labels of their own rows
(:func:`viewer.model.labels.place_labels`). :func:`grow_rows` gives each lane the rows its
labels need, within the height there is.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from viewer.model.index import EventIndex
from viewer.model.labels import place_labels
from viewer.model.lod import LaneView

MAX_LANE_ROWS = 6  # rows a lane may grow to for its labels (then: "+N more")
SPARSE_PER_PX = 1 / 25  # a lane with more exact marks than this per pixel is labelled as dense
TWO_WAYS_MAX = 24  # lanes with at most this many marks in view are laid out both ways


@dataclass(frozen=True)
class Room:
    """The pixels a view has for labels.

    ``mark_px``: from a mark's centre to its label; ``gap``: kept clear between a label and the
    next label or mark; ``min_px``: the narrowest shortened label worth showing; ``name_px``:
    per lane, the width of its name at the left of its first row; ``badge_px``: the width of
    the "+N more" note kept clear at the right of a lane's last row when labels are hidden.
    """

    width_px: float
    mark_px: float = 8.0
    gap: float = 8.0
    min_px: float = 60.0
    name_px: Sequence[float] = ()
    badge_px: float = 64.0
    leader_px: float = 4.0  # from a leader to its label


class Placed(NamedTuple):
    """One label: ``x``/``width`` in pixels from the view's left edge, in ``row`` of ``lane``.
    ``lead_x`` is the x of the leader from the mark's row (``mark_row``) to the label's row,
    None when the label stands beside its mark."""

    entry: int
    lane: int
    row: int
    x: float
    width: float
    whole: bool
    mark_row: int
    lead_x: float | None


@dataclass
class LabelLayout:
    labels: list[Placed] = field(default_factory=list)
    hidden: dict[int, list[int]] = field(default_factory=dict)  # lane -> entries with no label
    rows_used: list[int] = field(default_factory=list)  # per lane: rows its labels reach


class _Cand(NamedTuple):
    entry: int
    x: float  # the mark's x (an interval's start, at least 0)
    x_end: float  # the bar's end (the mark's right edge for a point)
    row: int  # the mark's row
    full: float  # the label's whole width


def lay_out_labels(
    index: EventIndex,
    views: Sequence[LaneView],
    t0: float,
    t1: float,
    lane_rows: Sequence[int],
    room: Room,
    text_width: Callable[[int], float],
) -> LabelLayout:
    """Labels of every lane for the view [t0, t1] over ``room.width_px`` pixels, each lane
    having ``lane_rows[lane]`` rows (its marks' rows first). ``text_width(event_row)`` is a
    label's whole width in pixels. ``views`` are the lanes' :class:`LaneView` at this view."""
    out = LabelLayout(rows_used=[int(n) for n in index.lane_rows])
    if t1 <= t0 or room.width_px <= 0:
        return out
    scale = room.width_px / (t1 - t0)
    for lane in range(index.n_lanes):
        view = views[lane]
        n_rows = max(int(lane_rows[lane]), int(index.lane_rows[lane]))
        name = room.name_px[lane] if lane < len(room.name_px) else 0.0
        sparse = view.points is not None and (view.intervals is not None or view.n_intervals == 0)
        n_exact = (len(view.points) if view.points is not None else 0) + (
            len(view.intervals) if view.intervals is not None else 0
        )
        if sparse and n_exact <= max(8, room.width_px * SPARSE_PER_PX):
            cands = _candidates(index, view, t0, scale, room, text_width)
            placed, hidden = _best_lane(lane, cands, n_rows, name, room)
            if hidden:  # the "+N more" note goes right of the last row: the labels under it too
                last, badge = n_rows - 1, room.width_px - room.badge_px
                under = [lb for lb in placed if lb.row == last and lb.x + lb.width > badge]
                if under:
                    placed = [lb for lb in placed if lb not in under]
                    hidden += [lb.entry for lb in under]
                out.hidden[lane] = hidden
            out.labels += placed
            used = max((lb.row + 1 for lb in placed), default=0)
            out.rows_used[lane] = max(out.rows_used[lane], used)
        else:
            # a dense lane's intervals are shaded coverage, not bars a label could belong to:
            # only its points are labelled; a sparse lane with many marks, each row with some
            rows = [0]
            if sparse and view.intervals is not None and len(view.intervals):
                in_row = np.bincount(index.row[view.intervals])
                rows += (np.flatnonzero(in_row[1:]) + 1).tolist()
            for row in rows:
                reserved = [(0.0, name)] if row == 0 and name > 0 else []
                for lb in place_labels(
                    index,
                    lane,
                    row,
                    t0,
                    t1,
                    room.width_px,
                    text_width,
                    reserved=reserved,
                    gap=room.gap,
                    mark_px=room.mark_px,
                    min_px=room.min_px,
                ):
                    whole = lb.width + 0.5 >= text_width(int(index.event[lb.entry]))
                    out.labels.append(Placed(lb.entry, lane, row, lb.x, lb.width, whole, row, None))
    return out


def _candidates(
    index: EventIndex,
    view: LaneView,
    t0: float,
    scale: float,
    room: Room,
    text_width: Callable[[int], float],
) -> list[_Cand]:
    """The exact marks of a lane in view, left to right."""
    cands = []
    event_of = index.event
    half = room.mark_px / 2
    for arr in (view.points, view.intervals):
        if arr is None:
            continue
        for e in arr.tolist():
            x = (float(index.start[e]) - t0) * scale
            x_end = max((float(index.end[e]) - t0) * scale, x + half)
            row = int(index.row[e])
            full = float(text_width(int(event_of[e])))
            cands.append(_Cand(int(e), max(x, 0.0), x_end, row, full))
    cands.sort(key=lambda c: (c.x, c.row))
    return cands


class _Row:
    """What stands in one row of a lane: marks (fixed) and labels and leaders (added)."""

    def __init__(self, marks: list[tuple[float, float, int]]) -> None:
        marks.sort()
        self.m_left = [a for a, _, _ in marks]
        self.m_right = [b for _, b, _ in marks]
        self.m_owner = [o for _, _, o in marks]
        self.m_reach: list[float] = []  # running maximum of the marks' right edges
        reach = float("-inf")
        for b in self.m_right:
            reach = max(reach, b)
            self.m_reach.append(reach)
        self.lefts: list[float] = []  # labels and leaders: merged, sorted spans
        self.rights: list[float] = []

    def free(self, a: float, b: float, own: int, marks: bool = True) -> bool:
        """Whether [a, b] touches no label, leader or (with ``marks``) mark other than
        ``own``'s."""
        i = bisect.bisect_right(self.lefts, b)
        if i and self.rights[i - 1] >= a:
            return False
        if not marks:
            return True
        j = bisect.bisect_right(self.m_left, b) - 1
        while j >= 0 and self.m_reach[j] >= a:
            if self.m_right[j] >= a and self.m_owner[j] != own:
                return False
            j -= 1
        return True

    def room_right(self, a: float, limit: float, own: int) -> float:
        """The x of the first label, leader or other mark at or right of ``a`` (else limit)."""
        i = bisect.bisect_left(self.rights, a)
        stop = self.lefts[i] if i < len(self.lefts) else limit
        j = bisect.bisect_left(self.m_left, a)
        while j < len(self.m_left) and self.m_left[j] < stop:
            if self.m_owner[j] != own:
                stop = self.m_left[j]
                break
            j += 1
        return min(stop, limit)

    def take(self, a: float, b: float) -> None:
        i = bisect.bisect_left(self.rights, a)
        k = bisect.bisect_right(self.lefts, b)
        if i < k:  # merge with the spans it touches
            a, b = min(a, self.lefts[i]), max(b, self.rights[k - 1])
        self.lefts[i:k] = [a]
        self.rights[i:k] = [b]


def _best_lane(
    lane: int, cands: list[_Cand], n_rows: int, name: float, room: Room
) -> tuple[list[Placed], list[int]]:
    """The best of a few greedy layouts of a sparse lane: marks taken left to right (labels
    beside their marks win); right to left (marks packed closer than their labels stack down
    with leaders that cross no label); left to right with leaders that may pass behind a label
    (long labels over close marks). Best: fewest hidden, then shortened labels, then leaders
    behind labels, rows, leaders; the first when equal. Lanes of more than TWO_WAYS_MAX marks
    are laid out the first way only."""
    first = _lane(lane, cands, n_rows, name, room, False)
    if len(cands) > TWO_WAYS_MAX or (
        not first[1] and all(lb.whole and lb.lead_x is None for lb in first[0])
    ):
        return first[:2]

    def cost(found: tuple[list[Placed], list[int], int]) -> tuple[int, int, int, int, int]:
        placed, hidden, crossed = found
        rows = max((lb.row for lb in placed), default=0)
        leaders = sum(lb.lead_x is not None for lb in placed)
        return len(hidden), sum(not lb.whole for lb in placed), crossed, rows, leaders

    best = first
    for order, cross in ((cands[::-1], False), (cands, True)):
        found = _lane(lane, order, n_rows, name, room, cross)
        if cost(found) < cost(best):
            best = found
    return best[:2]


def _lane(
    lane: int, cands: list[_Cand], n_rows: int, name: float, room: Room, cross: bool
) -> tuple[list[Placed], list[int], int]:
    """Labels of one sparse lane: (placed labels, entries left without one, the number of rows
    where a leader passes behind a label: none unless ``cross``)."""
    width, gap, lead = room.width_px, room.gap, room.leader_px
    half = room.mark_px / 2
    marks: list[list[tuple[float, float, int]]] = [[] for _ in range(n_rows)]
    for c in cands:
        if c.row < n_rows:
            marks[c.row].append((c.x - half - 1, c.x_end + 1, c.entry))
    rows = [_Row(m) for m in marks]
    if name > 0:
        rows[0].take(0.0, name)
    placed: list[Placed] = []
    hidden: list[int] = []
    crossed = 0
    orders = [sorted(range(n_rows), key=lambda r: (abs(r - h), r)) for h in range(n_rows)]
    for c in cands:
        home = min(c.row, n_rows - 1)
        # the rows a leader from the mark reaches: up to the first row where a label or
        # another leader stands at its x (neither a leader nor a label can pass it)
        top, bottom = (0, n_rows - 1) if cross else (home, home)
        while top > 0 and rows[top - 1].free(c.x - 1, c.x + 1, c.entry, False):
            top -= 1  # (with ``cross``, every row)
        while bottom < n_rows - 1 and rows[bottom + 1].free(c.x - 1, c.x + 1, c.entry, False):
            bottom += 1
        found = None
        best: tuple[float, int, float] | None = None  # room, row, x of the widest shortened spot
        for r in orders[home]:
            if not top <= r <= bottom:
                continue
            beside = r == home
            # right of the mark (beside it, or beside the leader), then left of it
            # (a label away from its mark also needs the joint from its leader)
            x = c.x + room.mark_px if beside else c.x + lead
            a = x if beside else c.x - 1
            if x + c.full <= width and rows[r].free(a, x + c.full + gap, c.entry):
                found = (r, x, c.full)
                break
            xl = c.x - room.mark_px - c.full if beside else c.x - lead - c.full
            if xl >= 0 and rows[r].free(xl - gap, c.x - (half if beside else -1), c.entry):
                found = (r, xl, c.full)
                break
            if rows[r].free(a, x + 1, c.entry):
                space = rows[r].room_right(x, width + gap, c.entry) - gap - x
                if space >= room.min_px and (best is None or space > best[0] + 0.5):
                    best = (space, r, x)
        if found is None and best is not None:
            found = (best[1], best[2], best[0])
        if found is None:
            hidden.append(c.entry)
            continue
        r, x, w = found
        rows[r].take(x, x + w)
        lead_x = None
        if r != home:
            lead_x = c.x
            lo, hi = min(r, home), max(r, home)
            for k in range(lo + 1, hi):  # the rows the leader passes
                if cross and not rows[k].free(c.x - 1, c.x + 1, c.entry, False):
                    crossed += 1
                rows[k].take(c.x - 1, c.x + 1)
            if x < c.x:  # a label left of its leader: the short joint is its own
                rows[r].take(x + w, c.x + 1)
            else:
                rows[r].take(c.x - 1, x)
        placed.append(Placed(c.entry, lane, r, x, w, w + 0.5 >= c.full, home, lead_x))
    return placed, hidden, crossed


def grow_rows(
    mark_rows: Sequence[int],
    rows_used: Sequence[int],
    height_px: float,
    row_min_px: float,
    max_rows: int = MAX_LANE_ROWS,
) -> list[int]:
    """Rows per lane: its marks' rows, grown towards what its labels used (at most
    ``max_rows``), while every row stays at least ``row_min_px`` tall in ``height_px``.
    Where not every lane can grow, the lanes short of the most rows grow first."""
    rows = [int(m) for m in mark_rows]
    want = [
        max(int(m), min(int(u), max(max_rows, int(m))))
        for m, u in zip(rows, rows_used, strict=True)
    ]
    budget = int(height_px // row_min_px) - sum(rows) if row_min_px > 0 else 0
    while budget > 0:
        short = [(w - n, -i) for i, (n, w) in enumerate(zip(rows, want, strict=True)) if w > n]
        if not short:
            break
        _, neg = max(short)
        rows[-neg] += 1
        budget -= 1
    return rows
