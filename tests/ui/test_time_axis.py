"""The date axis labels its major ticks with dates (never pyqtgraph's raw numbers)."""

from __future__ import annotations

from datetime import UTC, datetime

from viewer.model.formats.detect import load
from viewer.ui.timeline.time_axis import TimeAxis
from viewer.ui.timeline.view import TimelineView


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


def _axis_ink(view: TimelineView) -> int:
    """Pixels of the axis (line, ticks, labels, caption) that differ from its background."""
    image = view.plot.grab().toImage()
    rect = view.axis.mapRectToScene(view.axis.boundingRect()).toRect()
    background = image.pixelColor(rect.left() + 2, rect.bottom() - 2)
    return sum(
        image.pixelColor(x, y) != background
        for x in range(max(rect.left(), 0), min(rect.right(), image.width()), 2)
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height()))
    )


def test_the_axis_is_blank_until_a_dataset_is_shown(qtbot, bundled_path) -> None:  # type: ignore[no-untyped-def]
    """While the first file of a session opens, the empty timeline shows no dates (its view
    would otherwise be dated 1 January 1970), and the overview no box."""
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    assert _axis_ink(view) == 0
    assert not view.region.isVisible()  # nor a box over nothing in the overview
    view.set_index(load(bundled_path).columns.index(load(bundled_path).dataset))
    qtbot.wait(20)
    assert _axis_ink(view) > 100
    assert view.region.isVisible()
