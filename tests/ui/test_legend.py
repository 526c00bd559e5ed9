"""One legend for the screen and for print: the same entries, wrapped to the room it has."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from viewer.ui.style import label_font
from viewer.ui.timeline.legend import LANE_W, MARK_W, PRINT, SCREEN, legend_layout, marks

LANES = ["military action", "deployment", "ceasefire", "agreement", "diplomacy"]


def test_print_explains_the_screens_marks_but_the_selection(qapp) -> None:  # type: ignore[no-untyped-def]
    assert [m for m in marks(SCREEN) if m[0] != "selected"] == marks(PRINT)
    assert "selected" in [kind for kind, _ in marks(SCREEN)]


def test_layout_wraps_into_the_width_and_lists_every_lane(qapp) -> None:  # type: ignore[no-untyped-def]
    for style in (SCREEN, PRINT):
        fm = QFontMetricsF(label_font(style.point_size))
        wide = legend_layout(LANES, 2000, style)
        narrow = legend_layout(LANES, 420, style)
        assert narrow.height > wide.height
        for legend in (wide, narrow):
            assert [e.text for e in legend.entries if e.kind == "lane"] == LANES
            assert [e.lane for e in legend.entries if e.kind == "lane"] == list(range(len(LANES)))
        for e in narrow.entries:
            glyph = {"heading": 0.0, "lane": LANE_W}.get(e.kind, MARK_W)
            assert e.x + glyph + fm.horizontalAdvance(e.text) <= 420, e.text
            assert e.y + 1 < narrow.height


def test_screen_legend_names_its_entries_and_fits_its_height(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    legend = window.timeline.legend
    described = legend.accessibleDescription()
    for _, text in marks(SCREEN):
        assert text in described
    for lane in window.full_index.lanes:
        assert lane in described
    assert legend.height() >= legend.legend.height
    before = legend.height()
    window.resize(700, 900)
    qtbot.waitUntil(lambda: legend.height() > before)
    assert legend.height() >= legend.legend.height
