"""Shaded columns: every band shows, however thin, and bands drawn together look like bands
drawn one by one."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.ui.shading import Band, draw_bands


def _render(bands: list[Band], width: int = 40, height: int = 30) -> np.ndarray:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    p = QPainter(image)
    draw_bands(p, bands, 0.0, vector=False)
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


def test_one_image_of_bands_equals_bands_one_by_one(qapp) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(3)
    bands = [
        Band(rng.integers(0, 30, 40), 2.0, 6.0, QColor("green")),
        Band(rng.integers(0, 3, 40), 12.0, 9.0, QColor("purple")),
    ]
    together = _render(bands)
    apart = _render(bands[:1])
    second = _render(bands[1:])
    assert np.array_equal(together[:10], apart[:10])
    assert np.array_equal(together[12:], second[12:])
