"""Colours and fonts shared by the screen, the legend and print."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QImage, QPainter

# Tableau 10: distinct on screen and on paper, readable for common colour-vision deficiencies.
LANE_COLOURS = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]

SELECTED = QColor("#d62728")
LABEL = QColor("#202020")
LANE_NAME = QColor("#505050")
BAND = (QColor(0, 0, 0, 10), QColor(0, 0, 0, 0))
BACKGROUND = QColor("#ffffff")
FOREGROUND = QColor("#202020")
ERA = QColor(120, 120, 160, 28)


def lane_colour(lane: int) -> QColor:
    return QColor(LANE_COLOURS[lane % len(LANE_COLOURS)])


def label_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


_BLENDED: dict[tuple[int, int], QColor] = {}


def blended(colour: QColor, background: QColor) -> QColor:
    """The opaque colour that Qt's raster engine makes of ``colour`` painted over an opaque
    ``background`` (blended by Qt itself, so a fill in it is pixel for pixel the same)."""
    key = (colour.rgba(), background.rgba())
    found = _BLENDED.get(key)
    if found is None:
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(background)
        painter = QPainter(image)
        painter.fillRect(0, 0, 1, 1, colour)
        painter.end()
        found = _BLENDED[key] = QColor.fromRgba(image.pixel(0, 0))
    return found
