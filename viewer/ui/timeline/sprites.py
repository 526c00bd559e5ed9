"""Text pre-rendered on its background box, for the screen.

Drawing text costs a layout and a blend per glyph on every paint (30-50 µs for a label with
Qt's raster engine); a cached image of the same text costs one ``drawImage`` (about 5 µs).
At a device pixel ratio of 1 the images are cut from one atlas image, written through a painter
kept open for the paint (``finish`` closes it): making one costs about what drawing the text
once does, so a text gets its image the first time it is drawn. At other ratios each text gets
an image of its own, the second time it is asked for (making one costs twice a plain draw, and
while a view zooms many labels live for one frame). Print and vector export keep real text:
callers use sprites only on screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

MAX_SPRITES = 1024  # own images (other pixel ratios): about 12 MB of label-sized images
ATLAS_SIZE = (1024, 256)  # 1 MB: lane names, tick labels (when full, it starts again empty)
LABEL_ATLAS_SIZE = (2048, 1024)  # 8 MB: about 800 event labels
_FORMAT = QImage.Format.Format_ARGB32_Premultiplied

_Key = tuple[str, float, float, float, float]


class TextSprites:
    """Images of texts in one font and colour on one background."""

    def __init__(
        self,
        font: QFont,
        colour: QColor,
        background: QColor,
        atlas_size: tuple[int, int] = ATLAS_SIZE,
    ) -> None:
        self.font, self.colour, self.background = QFont(font), QColor(colour), QColor(background)
        self.atlas_size = atlas_size
        self._images: dict[tuple[_Key, float], QImage] = {}
        self._seen: set[tuple[_Key, float]] = set()
        self._atlas: QImage | None = None
        self._painter: QPainter | None = None  # open on the atlas while a paint makes sprites
        self._places: dict[_Key, QRectF] = {}
        self._x = self._y = self._row_h = 0
        self._target: QPainter | None = None  # the painter of the current paint, and its
        self._dpr = 1.0  # device's pixel ratio (asked once per paint, not once per text)

    def draw(
        self,
        painter: QPainter,
        at: QPointF,
        text: str,
        box: tuple[float, float],
        origin: tuple[float, float],
    ) -> bool:
        """Draw ``text``, its baseline starting at ``origin`` in a ``box`` (width, height)
        filled with the background, with the box's top left at ``at``; False when the caller
        must draw it itself (at other pixel ratios, the first time a text is asked for)."""
        if painter is not self._target:
            self._target, self._dpr = painter, painter.device().devicePixelRatioF()
        dpr = self._dpr
        key = (text, *box, *origin)
        if dpr != 1.0:
            image = self._image(key, dpr)
            if image is not None:
                painter.drawImage(at, image)
            return image is not None
        source = self._places.get(key)
        if source is None:
            source = self._place(key)
            if source is None:
                return False
        painter.drawImage(at, self._atlas, source)
        return True

    def finish(self) -> None:
        """End a paint: close the atlas's painter (if the paint made sprites)."""
        self._target = None
        if self._painter is not None:
            self._painter.end()
            self._painter = None

    def __del__(self) -> None:
        self.finish()

    def _place(self, key: _Key) -> QRectF | None:
        text, w, h, ox, oy = key
        pw, ph = math.ceil(w), math.ceil(h)
        width, height = self.atlas_size
        if pw > width or ph > height:
            return None
        if self._x + pw > width:  # the next shelf
            self._x, self._y, self._row_h = 0, self._y + self._row_h + 1, 0
        if self._atlas is None or self._y + ph > height:  # full: start again, empty
            self.finish()
            self._atlas = QImage(width, height, _FORMAT)
            self._atlas.fill(Qt.GlobalColor.transparent)
            self._places.clear()
            self._x = self._y = self._row_h = 0
        if self._painter is None:
            self._painter = QPainter(self._atlas)
            self._painter.setFont(self.font)
            self._painter.setPen(self.colour)
        x, y = self._x, self._y
        self._painter.fillRect(QRectF(x, y, w, h), self.background)
        self._painter.drawText(QPointF(x + ox, y + oy), text)
        self._x, self._row_h = x + pw + 1, max(self._row_h, ph)
        found = self._places[key] = QRectF(x, y, pw, ph)
        return found

    def _image(self, key: _Key, dpr: float) -> QImage | None:
        """An image of its own, made the second time a text is asked for."""
        found = self._images.get((key, dpr))
        if found is not None:
            return found
        if (key, dpr) not in self._seen:
            if len(self._seen) >= 4 * MAX_SPRITES:
                self._seen.clear()
            self._seen.add((key, dpr))
            return None
        if len(self._images) >= MAX_SPRITES:
            self._images.clear()
        text, w, h, ox, oy = key
        image = QImage(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)), _FORMAT)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.fillRect(QRectF(0, 0, w, h), self.background)
        p.setFont(self.font)
        p.setPen(self.colour)
        p.drawText(QPointF(ox, oy), text)
        p.end()
        self._images[(key, dpr)] = image
        return image
