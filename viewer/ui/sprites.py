"""Text pre-rendered on its background box, for the screen.

Drawing text costs a layout and a blend per glyph on every paint (about 30 µs for a short label
with Qt's raster engine); a cached image of the same text costs one ``drawImage`` (about 5 µs).
Print and vector export keep real text: callers use sprites only on screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

MAX_SPRITES = 512


class TextSprites:
    """Images of (text, font, colours, box) kept until MAX_SPRITES are held (then all go)."""

    def __init__(self) -> None:
        self._images: dict[tuple, QImage] = {}

    def clear(self) -> None:
        self._images.clear()

    def image(
        self,
        text: str,
        font: QFont,
        colour: QColor,
        background: QColor,
        box: tuple[float, float],
        text_rect: QRectF,
        dpr: float,
    ) -> QImage:
        """``text`` drawn left-aligned in ``text_rect`` on a ``box`` (width, height) filled
        with ``background``, at a device pixel ratio."""
        key = (text, font.key(), colour.rgba(), background.rgba(), box, text_rect.getRect(), dpr)
        found = self._images.get(key)
        if found is not None:
            return found
        if len(self._images) >= MAX_SPRITES:
            self._images.clear()
        w, h = box
        image = QImage(
            max(1, math.ceil(w * dpr)),
            max(1, math.ceil(h * dpr)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.fillRect(QRectF(0, 0, w, h), background)
        p.setFont(font)
        p.setPen(colour)
        p.drawText(text_rect, Qt.AlignmentFlag.AlignLeft, text)
        p.end()
        self._images[key] = image
        return image
