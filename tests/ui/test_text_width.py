"""Label widths from per-character advances: close to Qt's own measure, and elision that fits."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from viewer.ui.style import label_font
from viewer.ui.timeline.text_width import ELLIPSIS, TextWidths

TITLES = [
    "Complete ceasefire takes effect in the Nagorno-Karabakh region",
    "Erdoğan comments on Kalbajar — «OSCE» Minsk Group",
    "Шойгу прибыл в Ереван",
    "",
]


@pytest.mark.parametrize("title", TITLES)
def test_width_is_within_two_pixels_of_qt(qapp, title: str) -> None:  # type: ignore[no-untyped-def]
    metrics = QFontMetricsF(label_font(9))
    assert abs(TextWidths(metrics).width(title) - metrics.horizontalAdvance(title)) <= 2.0


@pytest.mark.parametrize("title", [*TITLES, "وقف إطلاق النار في ناغورنو كاراباخ"])
@pytest.mark.parametrize("room", [30.0, 80.0, 150.0, 1000.0])
def test_elided_text_fits_and_keeps_the_start(qapp, title: str, room: float) -> None:  # type: ignore[no-untyped-def]
    metrics = QFontMetricsF(label_font(9))
    widths = TextWidths(metrics)
    text = widths.elide(title, room)
    assert metrics.horizontalAdvance(text) <= room + 2.0
    if widths.width(title) <= room:
        assert text == title
    elif text:
        assert text.endswith(ELLIPSIS)
        assert title.startswith(text[:-1].rstrip()) or metrics.horizontalAdvance(title) > room
