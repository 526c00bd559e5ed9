"""EventIndex: the columnar form of a dataset that the timeline paints, picks and labels from.

Entries (an event in each of its lanes) are sorted by start within each lane and stored in flat
numpy columns, so painting and picking touch no Python object per event. Built once per dataset
and lane mode, built from the columns of the event table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from viewer.model.dataset import Event

PLANNED = 1
APPROXIMATE = 2
UNCERTAIN = 4
INTERVAL = 8
CANCELLED = 16

MAX_INTERVAL_ROWS = 3
STATUS_FLAGS = {"planned": PLANNED, "postponed": PLANNED, "cancelled": CANCELLED}


@dataclass(eq=False)
class EventIndex:
    """Columns per entry, grouped by lane (lane i owns entries ``offsets[i]:offsets[i+1]``).

    ``start``/``end``/``period_end`` are float64 epoch seconds (``end == start`` for a point;
    ``period_end`` is where the precision of the last date ends); ``cummax_end`` is the running
    maximum of ``end`` within each lane, which makes "entries overlapping [t0, t1]" a pair of
    binary searches; ``row`` is the sub-row of an interval within its lane (points use row 0).
    """

    lanes: list[str]
    offsets: np.ndarray
    start: np.ndarray
    end: np.ndarray
    period_end: np.ndarray
    cummax_end: np.ndarray
    event: np.ndarray
    flags: np.ndarray
    row: np.ndarray
    lane_rows: np.ndarray
    titles: Sequence[str]
    event_start: np.ndarray
    event_end: np.ndarray
    chrono: np.ndarray
    mode: str = "kind"
    # each lane's rows apart (lane by lane, row 0 first, each in start order): the entries,
    # their starts and ends, and where block (lane, row) lies (``row_bounds[lane * R + row]``
    # to the next, R rows per lane); None where not made (a subset): found when first used
    row_entries: np.ndarray | None = None
    row_start: np.ndarray | None = None
    row_end: np.ndarray | None = None
    row_bounds: np.ndarray | None = None

    @property
    def n_events(self) -> int:
        return len(self.event_start)

    @property
    def n_lanes(self) -> int:
        return len(self.lanes)

    def lane_slice(self, lane: int) -> slice:
        return slice(int(self.offsets[lane]), int(self.offsets[lane + 1]))

    @cached_property
    def lane_top(self) -> np.ndarray:
        """y of the top of each lane, in row units; one more entry for the total height."""
        return np.concatenate([[0], np.cumsum(self.lane_rows)]).astype(np.float64)

    @cached_property
    def time_bounds(self) -> tuple[float, float]:
        """First start and last end (of the precision too); an index is never changed in
        place, so this pass over every event is made once."""
        if self.n_events == 0 or len(self.period_end) == 0:  # (a filter that lets none through)
            return 0.0, 1.0
        return float(self.event_start.min()), float(np.max(self.period_end))

    @cached_property
    def lane_of(self) -> np.ndarray:
        """The lane of each entry."""
        return np.repeat(np.arange(self.n_lanes, dtype=np.int32), np.diff(self.offsets))

    @cached_property
    def _by_event(self) -> np.ndarray:
        return np.argsort(self.event, kind="stable")

    def entries_of(self, event_row: int) -> np.ndarray:
        """The entries of an event (one per lane it stands in): a binary search, not a scan."""
        order = self._by_event
        keys = self.event[order]
        a = int(np.searchsorted(keys, event_row, "left"))
        b = int(np.searchsorted(keys, event_row, "right"))
        return np.sort(order[a:b])

    def subset(self, event_mask: np.ndarray | None) -> EventIndex:
        """The index of only the events where ``event_mask`` is true (lanes and rows kept).

        Filtering keeps the order within each lane, so this is a few vectorised passes.
        """
        if event_mask is None or bool(np.all(event_mask)):
            return self
        keep = np.asarray(event_mask, bool)[self.event]
        lane_of = self.lane_of[keep]
        counts = np.bincount(lane_of, minlength=self.n_lanes)
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        end = self.end[keep]
        cummax = np.empty_like(end)
        for i in range(self.n_lanes):
            a, b = int(offsets[i]), int(offsets[i + 1])
            if b > a:
                cummax[a:b] = np.maximum.accumulate(end[a:b])
        chrono = self.chrono[np.asarray(event_mask, bool)[self.chrono]]
        return EventIndex(
            lanes=self.lanes,
            offsets=offsets,
            start=self.start[keep],
            end=end,
            period_end=self.period_end[keep],
            cummax_end=cummax,
            event=self.event[keep],
            flags=self.flags[keep],
            row=self.row[keep],
            lane_rows=self.lane_rows,
            titles=self.titles,
            event_start=self.event_start,
            event_end=self.event_end,
            chrono=chrono,
            mode=self.mode,
        )

    @classmethod
    def from_columns(
        cls,
        starts: np.ndarray,
        ends: np.ndarray,
        period_ends: np.ndarray,
        flags: np.ndarray,
        lanes: list[str],
        lane_codes: np.ndarray,
        entry_events: np.ndarray | None,
        titles: Sequence[str],
        mode: str = "kind",
    ) -> EventIndex:
        """Build from per-event columns; ``entry_events`` maps entries to events (None: 1:1)."""
        starts = np.asarray(starts, np.float64)
        ends = _at_least(np.asarray(ends, np.float64), starts)
        period_ends = _at_least(np.asarray(period_ends, np.float64), ends)
        chrono = chronological(starts, ends)
        lane_codes = np.asarray(lane_codes, np.int32)
        if entry_events is None:
            # by lane, then start, end and row: the chronological order sorted stably by lane
            # (a radix sort where lane codes fit 16 bits)
            small = lane_codes.astype(np.int16) if len(lanes) < 2**15 else lane_codes
            order = chrono[np.argsort(small[chrono], kind="stable")]
            ev = order  # one entry per event: the entry's event is its row
            counts = np.bincount(lane_codes, minlength=len(lanes))
        else:
            order = np.lexsort((ends[entry_events], starts[entry_events], lane_codes))
            ev = entry_events[order]
            counts = np.bincount(lane_codes[order], minlength=len(lanes))
        st, en = starts[ev], ends[ev]
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        cummax = np.empty_like(en)
        rows = np.zeros(len(ev), np.uint8)
        lane_rows = np.ones(len(lanes), np.int64)
        fl = np.asarray(flags, np.uint8)
        entry_flags = fl[ev]
        for i in range(len(lanes)):
            sl = slice(int(offsets[i]), int(offsets[i + 1]))
            if sl.start == sl.stop:
                continue
            cummax[sl] = np.maximum.accumulate(en[sl])
            is_interval = (entry_flags[sl] & INTERVAL) != 0
            if is_interval.any():
                idx = np.flatnonzero(is_interval) + sl.start
                rows[idx] = pack_rows(st[idx], en[idx], MAX_INTERVAL_ROWS) + 1
                lane_rows[i] = 1 + int(rows[idx].max())
        return cls(
            lanes=list(lanes),
            offsets=offsets,
            start=st,
            end=en,
            period_end=period_ends[ev],
            cummax_end=cummax,
            event=ev,
            flags=entry_flags,
            row=rows,
            lane_rows=lane_rows,
            titles=titles,
            event_start=starts,
            event_end=ends,
            chrono=chrono,
            mode=mode,
            **_row_blocks(offsets, rows, st, en),
        )


def _row_blocks(
    offsets: np.ndarray, rows: np.ndarray, st: np.ndarray, en: np.ndarray
) -> dict[str, np.ndarray]:
    """The ``row_*`` columns of an index (made with it, so that a cached index has them and
    its first frame does not sort its rows apart)."""
    n_lanes = len(offsets) - 1
    per_lane = int(rows.max()) + 1 if len(rows) else 1
    width = np.int16 if n_lanes * per_lane < 2**15 else np.int64  # (a radix sort if small)
    key = np.repeat(np.arange(n_lanes, dtype=width) * width(per_lane), np.diff(offsets))
    key += rows
    entries = np.argsort(key, kind="stable")
    del key
    counts = [
        np.bincount(rows[offsets[i] : offsets[i + 1]], minlength=per_lane) for i in range(n_lanes)
    ]
    bounds = np.zeros(n_lanes * per_lane + 1, np.int64)
    if counts:
        np.cumsum(np.concatenate(counts), out=bounds[1:])
    return {
        "row_entries": entries,
        "row_start": st[entries],
        "row_end": en[entries],
        "row_bounds": bounds,
    }


def _at_least(values: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """``np.maximum(values, floor)``: ``values`` themselves (no copy of a column of the table)
    where none is below its floor, as readers give them."""
    return values if bool((values >= floor).all()) else np.maximum(values, floor)


def chronological(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``np.lexsort((ends, starts))`` (rows by start, then end, then row) for ``ends >= starts``,
    in a quarter of its time where the starts are whole seconds (dates always are).

    The points (end == start, most events) are sorted as one array of integers, each start with
    its row in the low bits (numpy sorts integers with SIMD, several times faster than it sorts
    rows by keys); the intervals are sorted apart, and then go after the points of their start."""
    n = len(starts)
    shift = max(n - 1, 1).bit_length()
    lo = float(starts.min()) if n else 0.0
    if not (
        n
        and math.isfinite(lo)
        and float(starts.max()) - lo < 2.0 ** min(62 - shift, 53)  # exact as integers
        and bool((starts == np.floor(starts)).all())
    ):
        return np.lexsort((ends, starts))
    point = ends == starts
    rows = np.flatnonzero(point)
    key = ((starts[rows] - lo).astype(np.int64) << shift) | rows
    del rows
    key.sort()
    by_start = key & ((1 << shift) - 1)
    spans = np.flatnonzero(~point)
    spans = spans[np.lexsort((ends[spans], starts[spans]))]
    # an interval goes after the points of its start (their end is its start, its end later):
    # the points' starts, sorted, are the high bits of their keys
    span_key = ((starts[spans] - lo).astype(np.int64) << shift) | ((1 << shift) - 1)
    at = key.searchsorted(span_key, "right") + np.arange(len(spans))
    del key, span_key
    out = np.empty(n, np.int64)
    is_span = np.zeros(n, bool)
    is_span[at] = True
    out[at] = spans
    out[~is_span] = by_start
    return out


def when_flags(ev: Event) -> int:
    """The APPROXIMATE, UNCERTAIN and INTERVAL bits of an event's date."""
    f = APPROXIMATE if ev.when.approximate else 0
    if ev.when.uncertain:
        f |= UNCERTAIN
    if ev.when.end is not None:
        f |= INTERVAL
    return f


def pack_rows(starts: np.ndarray, ends: np.ndarray, max_rows: int) -> np.ndarray:
    """First-fit rows for intervals sorted by start, so that intervals in a row do not overlap.

    Intervals beyond ``max_rows`` overlapping ones go to the row that frees first (they overlap
    there, which the level-of-detail drawing shows as density rather than hiding).
    """
    if max_rows == 3:
        return _pack_three(starts, ends)
    free_at = [-np.inf] * max_rows
    rows = bytearray(len(starts))
    candidates = range(max_rows)
    for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        for r in candidates:  # a plain loop: a generator per interval costs 3x the time
            if free_at[r] <= s:
                break
        else:
            r = free_at.index(min(free_at))
        rows[k] = r
        if e > free_at[r]:
            free_at[r] = e
    return np.frombuffer(bytes(rows), np.uint8).copy()


def _pack_three(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """:func:`pack_rows` for three rows, their free times in local variables (at 1e7 events,
    with 880,000 intervals, half the time of the general loop)."""
    inf = -math.inf
    f0 = f1 = f2 = inf
    rows = bytearray(len(starts))
    for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        if f0 <= s:
            if e > f0:
                f0 = e
        elif f1 <= s:
            rows[k] = 1
            if e > f1:
                f1 = e
        elif f2 <= s:
            rows[k] = 2
            if e > f2:
                f2 = e
        elif f0 <= f1 and f0 <= f2:  # every row busy: the one that frees first (the lowest)
            if e > f0:
                f0 = e
        elif f1 <= f2:
            rows[k] = 1
            if e > f1:
                f1 = e
        else:
            rows[k] = 2
            if e > f2:
                f2 = e
    return np.frombuffer(bytes(rows), np.uint8).copy()
