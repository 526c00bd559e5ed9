"""Shaded columns: every band shows, however thin, and each band is its row of shades repeated
down its height."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.model.layout import shade_levels
from viewer.ui.shading import Band, draw_bands, shade_pixels

_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


def _render(
    bands: list[Band], width: int = 40, height: int = 30, x_left: float = 0.0, reference=False
) -> np.ndarray:  # type: ignore[no-untyped-def]
    image = QImage(width, height, _FORMAT)
    image.fill(QColor("white"))
    p = QPainter(image)
    if reference:  # each band as an unscaled image of its rows, one pixel per column
        for band in bands:
            row = shade_pixels(band.colour)[shade_levels(band.counts)]
            block = np.ascontiguousarray(np.broadcast_to(row, (round(band.h), len(row))))
            bits = QImage(block.data, len(row), len(block), 4 * len(row), _FORMAT)
            p.drawImage(QPointF(x_left, round(band.y)), bits)
    else:
        draw_bands(p, bands, x_left, vector=False)
    p.end()
    return np.frombuffer(image.constBits(), np.uint32).reshape(height, width).copy()


def test_bands_under_half_a_pixel_tall_still_show(qapp) -> None:  # type: ignore[no-untyped-def]
    counts = np.zeros(40, np.int64)
    counts[10] = 5
    thin, thick = Band(counts, 3.2, 0.4, QColor("blue")), Band(counts, 9.0, 4.0, QColor("red"))
    pixels = _render([thin, thick])
    white = QColor("white").rgba()
    assert (pixels[:, 10] != white).sum() >= 5  # the thin band's column and the thick one's
    assert (pixels[:8, 10] != white).any()  # the thin band is there
    assert (pixels[:, 11] == white).all()  # empty columns stay empty


def test_a_band_is_its_row_of_shades_repeated_down_its_height(qapp) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(3)
    bands = [
        Band(rng.integers(0, 30, 40), 2.3, 6.0, QColor("green")),
        Band(rng.integers(0, 3, 40), 11.6, 9.2, QColor("purple")),
        Band(rng.integers(0, 9, 40), 17.0, 5.0, QColor(200, 90, 20, 160)),  # over the purple
    ]
    for x_left in (0.0, 3.0, 3.4, 3.5, 3.6, -2.4, -2.5, -2.6):
        drawn = _render(bands, 50, x_left=x_left)
        # column k on the pixel x_left + k, rounded to a whole pixel
        assert np.array_equal(
            drawn, _render(bands, 50, x_left=math.floor(x_left + 0.5), reference=True)
        )
        assert (drawn != QColor("white").rgba()).any()
