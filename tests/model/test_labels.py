"""Label placement (viewer.model.labels): pure functions, no QApplication."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.model.test_layout import synthetic
from viewer.model.index import EventIndex
from viewer.model.labels import LABEL_CELL_PX, place_labels
from viewer.model.layout import block_times, row_block


def test_labels_never_overlap_and_keep_the_reserved_span() -> None:
    ix = synthetic(5000, 3, lanes=1, interval_share=0.0)
    t0, t1 = ix.time_bounds
    reserved = [(300.0, 500.0)]
    labels = place_labels(ix, 0, 0, t0, t1, 1200, lambda e: 90.0, reserved=reserved)
    assert 3 <= len(labels) <= 1200 // 60
    spans = sorted((lb.x, lb.x + lb.width) for lb in labels)
    for (_a0, a1), (b0, _b1) in itertools.pairwise(spans):
        assert a1 <= b0
    for a, b in spans:
        assert b <= 300.0 or a >= 500.0
        assert a >= 0
        assert b <= 1200


def test_labels_stop_before_the_next_mark() -> None:
    starts = np.array([0.0, 10.0, 115.0])
    ix = EventIndex.from_columns(
        starts, starts, starts, np.zeros(3, np.uint8), ["a"], np.zeros(3, int), None, ["x" * 50] * 3
    )
    labels = place_labels(ix, 0, 0, 0.0, 120.0, 1000, lambda e: 400.0, mark_px=8, gap=8, min_px=60)
    by_entry = {int(ix.event[lb.entry]): lb for lb in labels}
    assert by_entry[0].x + by_entry[0].width <= 10 / 120 * 1000  # shortened before the next mark
    assert by_entry[1].width == 400.0
    x_mark = 115 / 120 * 1000
    assert by_entry[2].x + by_entry[2].width <= x_mark  # no room on the right: left of its mark


def _no_overlap(labels) -> None:  # type: ignore[no-untyped-def]
    spans = sorted((lb.x, lb.x + lb.width) for lb in labels)
    for (_a0, a1), (b0, _b1) in itertools.pairwise(spans):
        assert a1 <= b0


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 999),
    a=st.floats(0, 0.9),
    span=st.floats(0.01, 1.0),
    width=st.integers(200, 2000),
)
def test_dense_rows_label_the_first_event_of_fixed_time_cells(seed, a, span, width) -> None:
    """In a dense row only the first event of a cell of a grid fixed in time carries a label
    (or, last in priority, the first event in view of the cell the view starts in): which
    events are labelled does not depend on where the view starts."""
    ix = synthetic(20_000, seed, lanes=1, interval_share=0.0)
    lo, hi = ix.time_bounds
    t0 = lo + a * (hi - lo)
    t1 = t0 + span * (hi - lo)
    labels = place_labels(ix, 0, 0, t0, t1, width, lambda e: 90.0, cover_marks=True)
    _no_overlap(labels)
    entries, _ = row_block(ix, 0, 0)
    starts, _ = block_times(ix, 0, 0)
    cell = 2.0 ** math.ceil(math.log2(LABEL_CELL_PX / (width / (t1 - t0))))
    assert LABEL_CELL_PX <= cell * width / (t1 - t0) < 2 * LABEL_CELL_PX
    for lb in labels:
        j = int(np.flatnonzero(entries == lb.entry)[0])
        assert t0 <= starts[j] <= t1
        first_in_cell = j == 0 or starts[j - 1] < math.floor(starts[j] / cell) * cell
        first_in_view = (j == 0 or starts[j - 1] < t0) and starts[j] < math.ceil(t0 / cell) * cell
        assert first_in_cell or first_in_view
        assert lb.x >= 0
        assert lb.x + lb.width <= width


def test_panning_a_dense_row_keeps_its_labels() -> None:
    ix = synthetic(50_000, 4, lanes=1, interval_share=0.0)
    lo, hi = ix.time_bounds
    t0, width = lo + 0.3 * (hi - lo), 1000
    t1 = t0 + 0.05 * (hi - lo)
    first = place_labels(ix, 0, 0, t0, t1, width, lambda e: 90.0, cover_marks=True)
    for frac in (0.01, 0.02, 0.05, 0.1):
        shift = (t1 - t0) * frac
        moved = place_labels(
            ix, 0, 0, t0 + shift, t1 + shift, width, lambda e: 90.0, cover_marks=True
        )
        # the labels away from the edges (where labels come and go) are the same
        a = {lb.entry for lb in first if 150 < lb.x < width - 250}
        b = {lb.entry for lb in moved}
        assert len(a) >= 3
        assert a <= b


def test_sparse_rows_label_every_event_with_room() -> None:
    starts = np.array([0.0, 30.0, 60.0, 90.0])
    ix = EventIndex.from_columns(
        starts, starts, starts, np.zeros(4, np.uint8), ["a"], np.zeros(4, int), None, ["x"] * 4
    )
    labels = place_labels(ix, 0, 0, -10.0, 110.0, 1200, lambda e: 100.0)
    assert sorted(int(ix.event[lb.entry]) for lb in labels) == [0, 1, 2, 3]
    _no_overlap(labels)
    assert all(lb.width == 100.0 for lb in labels)


def test_extra_tracks_of_a_sparse_row_label_left_to_right() -> None:
    """Tracks above and below the marks (cover_marks) take the events track 0 had no room for,
    left to right in a sparse row: of three marks 6 px apart, the first two get a label above
    and below them (the third has no room anywhere), the mark far off gets one on its track."""
    starts = np.array([300.0, 306.0, 312.0, 800.0])
    ix = EventIndex.from_columns(
        starts, starts, starts, np.zeros(4, np.uint8), ["a"], np.zeros(4, int), None, ["x"] * 4
    )
    done: set[int] = set()
    for track in range(3):
        placed = place_labels(
            ix,
            0,
            0,
            0.0,
            1000.0,
            1000,
            lambda e: 100.0,
            mark_px=8 if track == 0 else 2,
            skip=set(done),
            cover_marks=None if track == 0 else True,
        )
        _no_overlap(placed)
        done.update(lb.entry for lb in placed)
    assert len(done) == 3


def test_dense_labels_keep_clear_of_overlapping_reserved_spans() -> None:
    starts = np.arange(0.0, 1000.0, 2.0)
    n = len(starts)
    ix = EventIndex.from_columns(
        starts, starts, starts, np.zeros(n, np.uint8), ["a"], np.zeros(n, int), None, ["x"] * n
    )
    reserved = [(0.0, 130.0), (60.0, 90.0)]
    labels = place_labels(ix, 0, 0, -38.0, 962.0, 1000, lambda e: 40.0, reserved=reserved)
    assert labels
    for lb in labels:
        assert lb.x >= 130.0 + 8.0 or lb.x + lb.width + 8.0 <= 0.0
