"""Shaded columns: one line per pixel column of a dense lane, shaded by how many events it
stands for (or how many intervals cover it).

On screen each band is one row of premultiplied pixels, one per column, repeated down the band
as the texture of a ``fillRect``: Qt copies the row span by span, which costs a third less than
blending one image of every band (that numpy first had to write row by row) and much less than
a row stretched by ``drawImage``. Only where a band is under half a pixel tall, two bands share
a pixel row, or the device has another pixel ratio, are the rows stretched over each band's
exact height. In print, each shade is a ``drawLines`` of vector lines.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from viewer.model.layout import shade_levels

SHADE_ALPHA = (0, 90, 150, 210, 255)
_SHADE_PIXELS: dict[int, np.ndarray] = {}
_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


class Band(NamedTuple):
    """Per-column counts drawn from device y to y + h in a colour."""

    counts: np.ndarray
    y: float
    h: float
    colour: QColor


def shade_pixels(colour: QColor) -> np.ndarray:
    """Premultiplied ARGB32 pixels of a colour at each shade level (cached per colour)."""
    found = _SHADE_PIXELS.get(colour.rgba())
    if found is None:
        a = np.array(SHADE_ALPHA, np.uint32)
        r, g, b = ((c * a + 127) // 255 for c in (colour.red(), colour.green(), colour.blue()))
        found = _SHADE_PIXELS[colour.rgba()] = (a << 24) | (r << 16) | (g << 8) | b
    return found


def draw_bands(painter: QPainter, bands: list[Band], x_left: float, vector: bool) -> None:
    """Draw the bands, column k at device x ``x_left + k``; ``vector`` for print and export."""
    if not bands:
        return
    if vector:
        for band in bands:
            _draw_lines(painter, band, x_left)
        return
    n = len(bands[0].counts)
    spans = sorted((round(b.y), round(b.y) + round(b.h)) for b in bands)
    thin = any(b <= a for a, b in spans)  # under half a pixel tall: a stretched row shows it
    overlap = any(b0 > a1 for (_, b0), (a1, _) in itertools.pairwise(spans))
    stretch = thin or overlap or painter.device().devicePixelRatioF() != 1.0
    # columns on whole pixels, rounded half away from zero as Qt places an image
    x0 = math.floor(x_left + 0.5) if x_left >= 0 else math.ceil(x_left - 0.5)
    for band in bands:
        pixels = shade_pixels(band.colour)[shade_levels(band.counts)]
        row = QImage(pixels.data, n, 1, 4 * n, _FORMAT)
        if stretch:  # each row stretched over its band's exact height
            painter.drawImage(QRectF(x_left, band.y, n, band.h), row)
        else:
            y, h = round(band.y), round(band.h)
            painter.setBrushOrigin(QPointF(x0, y))
            painter.fillRect(QRectF(x0, y, n, h), QBrush(row))
    painter.setBrushOrigin(QPointF(0.0, 0.0))


_LINES = internals.PrimitiveArray(QLineF, 4)


def _draw_lines(painter: QPainter, band: Band, x_left: float) -> None:
    levels = shade_levels(band.counts)
    for level in range(1, 5):
        cols = np.flatnonzero(levels == level)
        if len(cols) == 0:
            continue
        c = QColor(band.colour)
        c.setAlpha(SHADE_ALPHA[level])
        x = x_left + cols + 0.5
        _LINES.resize(len(cols))
        mem = _LINES.ndarray()
        mem[:, 0] = x
        mem[:, 1] = band.y
        mem[:, 2] = x
        mem[:, 3] = band.y + band.h
        painter.setPen(QPen(c))
        painter.drawLines(*_LINES.drawargs())
