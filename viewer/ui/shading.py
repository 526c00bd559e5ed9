"""Shaded columns: one line per pixel column of a dense lane, shaded by how many events it
stands for (or how many intervals cover it).

On screen every band of a frame goes into one premultiplied image, one pixel per column and
row, drawn with one unscaled ``drawImage`` (an unscaled image blends in a third less time than
one row stretched, and one image costs one call instead of two per lane). In print, each shade
is a ``drawLines`` of vector lines.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from viewer.model.layout import shade_levels

SHADE_ALPHA = (0, 90, 150, 210, 255)
MAX_IMAGE_PIXELS = 4_194_304  # bands spanning more (a very tall view) are drawn one by one
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
    top, bottom = spans[0][0], max(b for _, b in spans)
    thin = any(b <= a for a, b in spans)  # under half a pixel tall: a stretched row shows it
    overlap = any(b0 > a1 for (_, b0), (a1, _) in itertools.pairwise(spans))
    if (
        thin
        or overlap
        or painter.device().devicePixelRatioF() != 1.0
        or (bottom - top) * n > MAX_IMAGE_PIXELS
    ):
        for band in bands:  # one row per band, stretched over its height
            pixels = shade_pixels(band.colour)[shade_levels(band.counts)]
            image = QImage(pixels.data, n, 1, 4 * n, _FORMAT)
            painter.drawImage(QRectF(x_left, band.y, n, band.h), image)
        return
    block = np.zeros((bottom - top, n), np.uint32)
    for band in bands:
        r0 = round(band.y) - top
        block[r0 : r0 + round(band.h)] = shade_pixels(band.colour)[shade_levels(band.counts)]
    painter.drawImage(QPointF(x_left, top), QImage(block.data, n, bottom - top, 4 * n, _FORMAT))


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
