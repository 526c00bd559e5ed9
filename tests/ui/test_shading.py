"""Shaded columns: every band shows, however thin, and each band is its row of shades repeated
down its height."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.model.layout import shade_levels
from viewer.ui.timeline.shading import Band, draw_bands, shade_pixels

_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


def _render(bands: list[Band], width: int = 40, height: int = 30, x_left=0.0, how="") -> np.ndarray:  # type: ignore[no-untyped-def]
    """The bands drawn by draw_bands, or (``how``) each as an unscaled image of its rows
    ("image", as the screen drew them before the texture fills) or as one row stretched over its
    exact height ("stretched")."""
    image = QImage(width, height, _FORMAT)
    image.fill(QColor("white"))
    p = QPainter(image)
    for band in bands if how else []:
        row = shade_pixels(band.colour)[shade_levels(band.counts)]
        n = len(row)
        if how == "image":
            block = np.ascontiguousarray(np.broadcast_to(row, (round(band.h), n)))
            p.drawImage(
                QPointF(x_left, round(band.y)), QImage(block.data, n, len(block), 4 * n, _FORMAT)
            )
        else:
            p.drawImage(QRectF(x_left, band.y, n, band.h), QImage(row.data, n, 1, 4 * n, _FORMAT))
    if not how:
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
        Band(rng.integers(0, 9, 40), 21.4, 5.0, QColor(200, 90, 20, 160)),
    ]
    for x_left in (0.0, 3.0, 3.4, 3.5, 3.6, -2.4, -2.5, -2.6):
        drawn = _render(bands, 50, x_left=x_left)
        assert np.array_equal(drawn, _render(bands, 50, x_left=x_left, how="image"))
        assert (drawn != QColor("white").rgba()).any()


def test_bands_sharing_a_row_or_thin_are_stretched_over_their_exact_height(qapp) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(4)
    counts = rng.integers(0, 20, 40)
    for bands in (
        [Band(counts, 0.6, 10.6, QColor("green")), Band(counts, 11.2, 5.0, QColor("purple"))],
        [Band(counts, 2.6, 2.6, QColor("green")), Band(counts, 10.0, 0.3, QColor("green"))],
    ):
        for x_left in (0.0, 2.5, -1.5):
            drawn = _render(bands, 50, x_left=x_left)
            assert np.array_equal(drawn, _render(bands, 50, x_left=x_left, how="stretched"))
