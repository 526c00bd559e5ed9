"""The date axis labels its major ticks with dates (never pyqtgraph's raw numbers)."""

from __future__ import annotations

from datetime import UTC, datetime

from viewer.ui.time_axis import TimeAxis


def epoch(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


def test_major_ticks_are_dates_and_minor_ones_blank(qapp) -> None:  # type: ignore[no-untyped-def]
    axis = TimeAxis()
    for (t0, t1), expected in (
        ((epoch(2015, 6, 1), epoch(2024, 6, 1)), "20"),  # years: '2016', '2018' ...
        ((epoch(2020, 1, 1), epoch(2020, 12, 31)), ""),  # months: 'Feb', 'Mar' ...
        ((epoch(2020, 11, 25, 3), epoch(2020, 11, 25, 21)), ":"),  # hours: '06:00' ...
    ):
        ticks = axis.tickValues(t0, t1, 1000)
        spacing, values = ticks[0]
        labels = axis.tickStrings(values, 1.0, spacing)
        assert labels
        assert all(label and "e+" not in label and expected in label for label in labels)
        if len(ticks) > 1:
            minor_spacing, minor_values = ticks[1]
            assert set(axis.tickStrings(minor_values, 1.0, minor_spacing)) <= {""}
