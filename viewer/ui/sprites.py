"""Text pre-rendered on its background box, for the screen.

Drawing text costs a layout and a blend per glyph on every paint (30-50 µs for a label with
Qt's raster engine); a cached image of the same text costs one ``drawImage`` (about 5 µs), but
making it costs twice a plain draw. So a text gets its image the second time it is asked for:
texts seen once (while a view zooms, many labels live for one frame) are drawn plainly.
Print and vector export keep real text: callers use sprites only on screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

MAX_SPRITES = 1024  # about 12 MB of label-sized images


class TextSprites:
    """Images of texts in one font and colour on one background, kept until MAX_SPRITES are
    held (then all go)."""

    def __init__(self, font: QFont, colour: QColor, background: QColor) -> None:
        self.font, self.colour, self.background = QFont(font), QColor(colour), QColor(background)
        self._images: dict[tuple[str, float, float, float, float, float], QImage] = {}
        self._seen: set[tuple[str, float, float, float, float, float]] = set()

    def image(
        self, text: str, box: tuple[float, float], origin: tuple[float, float], dpr: float
    ) -> QImage | None:
        """``text`` with its baseline starting at ``origin``, on a ``box`` (width, height)
        filled with the background, at a device pixel ratio; None the first time it is asked
        for (the caller draws it itself)."""
        key = (text, *box, *origin, dpr)
        found = self._images.get(key)
        if found is not None:
            return found
        if key not in self._seen:
            if len(self._seen) >= 4 * MAX_SPRITES:
                self._seen.clear()
            self._seen.add(key)
            return None
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
        p.fillRect(QRectF(0, 0, w, h), self.background)
        p.setFont(self.font)
        p.setPen(self.colour)
        p.drawText(QPointF(*origin), text)
        p.end()
        self._images[key] = image
        return image
