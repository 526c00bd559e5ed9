"""TimeAxis: a date axis from minutes to millennia in an explicit zone (UTC unless told).

Ticks come from :mod:`viewer.model.ticks` (calendar arithmetic on epoch seconds, BCE included),
so the axis never consults the machine's local zone and costs little per frame.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from viewer.model.ticks import Step, choose_step, context_label, tick_label, tick_times
from viewer.ui.timeline.sprites import TextSprites

MIN_MAJOR_PX = 110.0
MIN_MINOR_PX = 22.0
CLEAR = QColor(0, 0, 0, 0)


class TimeAxis(pg.AxisItem):
    """Bottom axis of epoch seconds, labelled in a zone given by name and fixed offset."""

    def __init__(self, zone_name: str = "UTC", offset_seconds: float = 0.0, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(orientation="bottom", **kwargs)
        self.zone_name = zone_name
        self.offset = offset_seconds
        self._steps: dict[float, Step] = {}
        self._sprites: dict[str, TextSprites] = {}
        self._widths: dict[str, dict[str, float]] = {}  # per role, in its font
        self._width_fonts: dict[str, QFont] = {}
        self.enableAutoSIPrefix(False)
        self.context = zone_name
        # nothing to date until the timeline shows a dataset (not the epoch of an empty view)
        self.blank = False
        # The caption (what the tick labels leave out, and the zone) is painted by this item
        # itself: pyqtgraph's setLabel relayouts the plot, and from inside a paint (where the
        # ticks are chosen) that would cost a second paint of every frame.
        self.showLabel(False)
        self.fit_height()

    def fit_height(self) -> None:
        """Room for the tick labels and one caption line under them."""
        tick = QFontMetricsF(self.style.get("tickFont") or self.font()).height()
        caption = QFontMetricsF(self.label.font()).height()
        self.setHeight(int(tick + caption + 14))

    def set_zone(self, name: str, offset_seconds: float) -> None:
        self.zone_name = name
        self.offset = offset_seconds
        self.picture = None
        self.update()

    def setRange(self, mn: float, mx: float) -> None:
        # pyqtgraph's version rebuilds the (hidden) HTML label on every range change
        self.range = [mn, mx]
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):  # type: ignore[no-untyped-def]
        span = maxVal - minVal
        if span <= 0 or size <= 0:
            return []
        major = choose_step(span, size, MIN_MAJOR_PX)
        minor = choose_step(span, size, MIN_MINOR_PX)
        self._steps = {major.approx_seconds: major, minor.approx_seconds: minor}
        majors = tick_times(minVal, maxVal, major, self.offset)
        out = [(major.approx_seconds, majors)]
        if minor != major:
            minors = [t for t in tick_times(minVal, maxVal, minor, self.offset) if t not in majors]
            out.append((minor.approx_seconds, minors))
        context = context_label((minVal + maxVal) / 2, major, self.offset)
        self.context = f"{context} · {self.zone_name}" if context else self.zone_name
        return out

    def paint(self, p, opt, widget) -> None:  # type: ignore[no-untyped-def]
        """Line, ticks, labels and caption, drawn directly: pyqtgraph's generic axis (text
        bounding boxes for every candidate label, a QPicture per frame) cost more per frame
        than all the events together."""
        view = self.linkedView()
        if view is None or self.blank:
            return
        (t0, t1), _ = view.viewRange()
        if not t1 > t0:
            return
        rect = self.mapRectFromParent(self.geometry())
        left = self.mapFromScene(view.mapViewToScene(QPointF(t0, 0))).x()
        right = self.mapFromScene(view.mapViewToScene(QPointF(t1, 0))).x()
        width = right - left
        ticks = self.tickValues(t0, t1, width)
        scale = width / (t1 - t0)
        y0 = rect.top()
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(self.pen())
        p.drawLine(QLineF(left, y0, right, y0))
        major_len = 6.0
        lines = []
        for k, (_, values) in enumerate(ticks):
            length = major_len if k == 0 else major_len / 2
            lines += [
                QLineF(x, y0, x, y0 + length) for x in ((v - t0) * scale + left for v in values)
            ]
        p.drawLines(lines)
        screen = isinstance(p.device(), QWidget)  # print and export keep real text
        if ticks:
            spacing, values = ticks[0]
            font = self.style.get("tickFont") or self.font()
            metrics = QFontMetricsF(font)
            p.setFont(font)
            p.setPen(self.textPen())
            colour = self.textPen().color()
            top = y0 + major_len + self.style["tickTextOffset"][1]
            x_free = -1e9
            for v, text in zip(values, self.tickStrings(values, 1.0, spacing), strict=True):
                x = (v - t0) * scale + left
                w = self._text_width("ticks", font, metrics, text)
                a = x - w / 2
                if a < rect.left() or a + w > rect.right() or a < x_free:
                    continue  # cut at an edge or onto its neighbour: leave it out
                drawn = False
                if screen:
                    box = (w + 2, metrics.height())
                    sprites = self._sprites_of("ticks", font, colour)
                    drawn = sprites.draw(p, QPointF(a, top), text, box, (0.0, metrics.ascent()))
                if not drawn:
                    p.drawText(QPointF(a, top + metrics.ascent()), text)
                x_free = a + w + 6
        p.restore()
        p.save()
        font = self.label.font()
        p.setFont(font)
        colour = self.label.defaultTextColor()
        p.setPen(QPen(colour))
        metrics = QFontMetricsF(font)
        height = metrics.height()
        caption = QRectF(rect.left(), rect.bottom() - height - 2, rect.width(), height)
        drawn = False
        if screen:
            w = self._text_width("caption", font, metrics, self.context)
            sprites = self._sprites_of("caption", font, colour)
            at = QPointF(caption.center().x() - w / 2, caption.top())
            drawn = sprites.draw(p, at, self.context, (w + 2, height), (0.0, metrics.ascent()))
        if not drawn:
            p.drawText(
                caption,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                self.context,
            )
        p.restore()
        for sprites in self._sprites.values():
            sprites.finish()

    def _sprites_of(self, role: str, font: QFont, colour: QColor) -> TextSprites:
        sprites = self._sprites.get(role)
        if sprites is None or sprites.font != font or sprites.colour != colour:
            sprites = self._sprites[role] = TextSprites(font, colour, CLEAR)
        return sprites

    def _text_width(self, role: str, font: QFont, metrics: QFontMetricsF, text: str) -> float:
        """Width of a tick label or the caption, cached per role while its font is the same."""
        cached = self._widths.get(role)
        if cached is None or len(cached) > 4096 or self._width_fonts.get(role) != font:
            cached = self._widths[role] = {}
            self._width_fonts[role] = QFont(font)
        w = cached.get(text)
        if w is None:
            w = cached[text] = metrics.horizontalAdvance(text)
        return w

    def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]
        step = self._steps.get(spacing)
        if step is None or spacing != max(self._steps):
            return ["" for _ in values]  # minor ticks are unlabelled
        return [tick_label(v, step, self.offset) for v in values]
