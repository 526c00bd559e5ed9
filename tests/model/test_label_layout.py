"""The label layout of a view (viewer.model.label_layout): rows, leaders, shortening, lanes that
grow. Pure functions on an EventIndex and plain widths, no QApplication."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.index import INTERVAL, EventIndex
from viewer.model.label_layout import MAX_LANE_ROWS, Room, grow_rows, lay_out_labels
from viewer.model.lod import lane_views

WIDTH = 1000.0  # px, over a view of 1000 s: one second is one pixel


def points(xs: list[float], widths: list[float], intervals: dict[int, float] | None = None):  # type: ignore[no-untyped-def]
    """One lane of events at x seconds (= pixels), and a text width per event."""
    starts = np.array(xs, float)
    ends = starts.copy()
    flags = np.zeros(len(xs), np.uint8)
    for k, end in (intervals or {}).items():
        ends[k] = end
        flags[k] = INTERVAL
    ix = EventIndex.from_columns(
        starts, ends, ends, flags, ["lane"], np.zeros(len(xs), int), None, [""] * len(xs)
    )
    return ix, (lambda ev: float(widths[ev]))


def layout(ix: EventIndex, width_of, rows: int, room: Room | None = None):  # type: ignore[no-untyped-def]
    views = lane_views(ix, 0.0, 1000.0, int(WIDTH), 200)
    room = room or Room(WIDTH)
    lane_rows = [max(rows, int(n)) for n in ix.lane_rows]
    return lay_out_labels(ix, views, 0.0, 1000.0, lane_rows, room, width_of)


def by_event(ix: EventIndex, labels):  # type: ignore[no-untyped-def]
    return {int(ix.event[lb.entry]): lb for lb in labels}


def no_overlaps(labels, gap: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    for _, group in itertools.groupby(
        sorted(labels, key=lambda lb: (lb.row, lb.x)), lambda lb: lb.row
    ):
        spans = [(lb.x, lb.x + lb.width) for lb in group]
        for (_a0, a1), (b0, _b1) in itertools.pairwise(spans):
            assert a1 + gap <= b0


def test_a_label_stands_beside_its_mark_when_it_fits() -> None:
    ix, width_of = points([100, 600], [200, 200])
    out = layout(ix, width_of, rows=4)
    labels = by_event(ix, out.labels)
    for ev, x in ((0, 100), (1, 600)):
        assert labels[ev].row == 0
        assert labels[ev].lead_x is None  # beside its mark: no leader
        assert labels[ev].whole
        assert labels[ev].x > x  # right of its mark
    assert out.rows_used == [1]
    assert not out.hidden


def test_marks_closer_than_their_labels_take_more_rows_with_leaders() -> None:
    ix, width_of = points([100, 130, 160], [250, 250, 250])
    out = layout(ix, width_of, rows=4)
    labels = by_event(ix, out.labels)
    assert all(lb.whole for lb in labels.values())
    assert sorted(lb.row for lb in labels.values()) == [0, 1, 2]
    for ev, lb in labels.items():
        x_mark = float(ix.event_start[ev])
        if lb.row != lb.mark_row:  # away from its mark: a leader from the mark's x
            assert lb.lead_x == x_mark
        else:
            assert lb.lead_x is None
    assert out.rows_used == [3]
    no_overlaps(out.labels)


def test_a_label_is_shortened_only_when_no_row_has_room_for_it_whole() -> None:
    ix, width_of = points([100, 300], [300, 300])
    # two rows: both whole, the first's label in the second row (with a leader)
    two = by_event(ix, layout(ix, width_of, rows=2).labels)
    assert all(lb.whole for lb in two.values())
    assert (two[0].row, two[0].lead_x) == (1, 100.0)
    assert (two[1].row, two[1].lead_x) == (0, None)
    # one row: the first is shortened to end before the second mark
    one = by_event(ix, layout(ix, width_of, rows=1).labels)
    assert one[1].whole
    assert not one[0].whole
    assert Room(WIDTH).min_px <= one[0].width < 300
    assert one[0].x + one[0].width <= 300 - Room(WIDTH).mark_px / 2


def test_near_the_right_edge_a_label_stands_left_of_its_mark() -> None:
    ix, width_of = points([950], [300])
    (lb,) = layout(ix, width_of, rows=1).labels
    assert lb.whole
    assert lb.x + lb.width <= 950
    assert lb.lead_x is None


def test_a_label_never_covers_another_mark_of_its_row() -> None:
    ix, width_of = points([100, 200, 210, 220], [300, 40, 40, 40])
    out = layout(ix, width_of, rows=MAX_LANE_ROWS)
    marks = {0: [100, 200, 210, 220]}
    for lb in out.labels:
        if lb.row == 0:
            own = float(ix.event_start[int(ix.event[lb.entry])])
            for x in marks[0]:
                if x != own:
                    assert not lb.x - 4 < x < lb.x + lb.width + 4


def test_the_lane_name_and_the_more_note_are_kept_clear() -> None:
    ix, width_of = points([5, 10, 15, 20, 25, 30, 35, 40], [400] * 8)
    room = Room(WIDTH, name_px=[120.0], badge_px=80.0)
    out = layout(ix, width_of, rows=3, room=room)
    for lb in out.labels:
        if lb.row == 0:
            assert lb.x >= 120
    assert out.hidden[0]  # eight long labels over 35 px: not all in three rows
    for lb in out.labels:
        if lb.row == 2:
            assert lb.x + lb.width <= WIDTH - 80
    assert len(out.labels) + len(out.hidden[0]) == 8


def test_an_interval_label_stands_on_its_own_bar_not_on_another() -> None:
    ix, width_of = points([100, 400], [200, 200], intervals={0: 700, 1: 900})
    out = layout(ix, width_of, rows=3)
    labels = by_event(ix, out.labels)
    assert all(lb.whole for lb in labels.values())
    # the first bar's label on its own bar (its row), the second in another row or on its bar
    spans = {ev: (float(ix.event_start[ev]), float(ix.event_end[ev])) for ev in labels}
    for ev, lb in labels.items():
        row_bars = [
            spans[o] for o in labels if o != ev and int(ix.row[ix.entries_of(o)[0]]) == lb.row
        ]
        for a, b in row_bars:
            assert lb.x + lb.width <= a or lb.x >= b


def test_grow_rows_follows_the_labels_within_the_height() -> None:
    assert grow_rows([1, 2, 1], [3, 2, 1], 1000, 20) == [3, 2, 1]
    assert grow_rows([1, 2, 1], [9, 2, 1], 1000, 20) == [MAX_LANE_ROWS, 2, 1]  # the limit
    # room for five rows: the lane short of the most rows grows first
    assert grow_rows([1, 1, 1], [4, 2, 1], 100, 20) == [3, 1, 1]
    assert grow_rows([1, 1], [1, 1], 10, 20) == [1, 1]  # never below the marks' rows


@settings(max_examples=60, deadline=None)
@given(
    xs=st.lists(st.floats(0, 990), min_size=1, max_size=30),
    widths=st.lists(st.floats(20, 500), min_size=30, max_size=30),
    rows=st.integers(1, MAX_LANE_ROWS),
)
def test_labels_never_overlap_and_stay_in_view(xs, widths, rows) -> None:
    ix, width_of = points(sorted(xs), widths)
    out = layout(ix, width_of, rows=rows)
    no_overlaps(out.labels)
    for lb in out.labels:
        full = width_of(int(ix.event[lb.entry]))
        assert lb.x >= 0
        assert lb.x + lb.width <= WIDTH + 1e-6
        assert lb.row < rows
        assert lb.whole == (lb.width + 0.5 >= full)
        if not lb.whole:
            assert lb.width >= Room(WIDTH).min_px
    placed = {lb.entry for lb in out.labels}
    assert len(placed) == len(out.labels)  # one label per event at most
    assert len(placed) + len(out.hidden.get(0, [])) == len(xs)
