"""The legend: what each mark means, and the lane colours. Painted by one function so that the
screen and print show the same thing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.ui.style import LABEL, SELECTED, label_font, lane_colour

ENTRIES = (
    ("point", "event"),
    ("interval", "interval (start – end)"),
    ("planned", "planned / postponed (hollow)"),
    ("fuzzy", "approximate date or precision (faded whisker)"),
    ("dense", "dense: one shaded line per pixel for many events"),
    ("selected", "selected"),
)


def legend_items(lanes: list[str]) -> list[tuple[str, str, int]]:
    """(symbol kind, text, lane) of every legend entry: the marks, then the lanes."""
    out = [(kind, text, 0) for kind, text in ENTRIES]
    out += [("lane", name, i) for i, name in enumerate(lanes)]
    return out


def paint_legend(
    painter: QPainter, rect: QRectF, lanes: list[str], point_size: float = 8.5
) -> float:
    """Paint the legend into ``rect``, wrapping entries; return the height used."""
    font = label_font(point_size)
    metrics = QFontMetricsF(font)
    painter.save()
    painter.setFont(font)
    h = metrics.height()
    x, y = rect.left(), rect.top()
    for kind, text, lane in legend_items(lanes):
        w = 22 + metrics.horizontalAdvance(text) + 16
        if x + w > rect.right() and x > rect.left():
            x, y = rect.left(), y + h + 4
        _symbol(painter, kind, lane, QPointF(x + 9, y + h / 2))
        painter.setPen(QPen(LABEL))
        painter.drawText(QRectF(x + 22, y, w, h), Qt.AlignmentFlag.AlignVCenter, text)
        x += w
    painter.restore()
    return y + h - rect.top()


def _symbol(painter: QPainter, kind: str, lane: int, c: QPointF) -> None:
    colour = lane_colour(lane) if kind == "lane" else QColor("#4e79a7")
    painter.setPen(QPen(colour.darker(130)))
    painter.setBrush(QBrush(colour))
    if kind in ("point", "lane"):
        painter.drawRect(QRectF(c.x() - 4, c.y() - 4, 8, 8))
    elif kind == "interval":
        painter.drawRect(QRectF(c.x() - 9, c.y() - 3, 18, 6))
    elif kind == "planned":
        painter.setBrush(QBrush(QColor("white")))
        painter.drawRect(QRectF(c.x() - 4, c.y() - 4, 8, 8))
    elif kind == "fuzzy":
        faded = QColor(colour)
        faded.setAlpha(90)
        painter.drawRect(QRectF(c.x() - 9, c.y() - 4, 8, 8))
        painter.setPen(QPen(faded))
        painter.drawLine(QPointF(c.x() - 1, c.y()), QPointF(c.x() + 9, c.y()))
    elif kind == "dense":
        for i, alpha in enumerate((90, 150, 210, 255, 150, 90)):
            shade = QColor(colour)
            shade.setAlpha(alpha)
            painter.setPen(QPen(shade))
            painter.drawLine(
                QPointF(c.x() - 6 + 2 * i, c.y() - 5), QPointF(c.x() - 6 + 2 * i, c.y() + 5)
            )
    elif kind == "selected":
        pen = QPen(SELECTED)
        pen.setWidthF(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(c.x() - 7, c.y() - 7, 14, 14))


class LegendWidget(QWidget):
    """The legend under the timeline; its height follows the wrapped entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lanes: list[str] = []
        self.setAccessibleName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = 40

    def set_lanes(self, lanes: list[str]) -> None:
        self.lanes = list(lanes)
        self.setAccessibleDescription(", ".join(text for _, text, _ in legend_items(self.lanes)))
        self._relayout()

    def _relayout(self) -> None:
        from PySide6.QtGui import QImage

        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        used = paint_legend(painter, QRectF(4, 2, max(self.width() - 8, 200), 10000), self.lanes)
        painter.end()
        self._height = int(used + 6)
        self.setFixedHeight(self._height)
        self.update()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._relayout()

    def sizeHint(self) -> QSize:
        return QSize(400, self._height)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        paint_legend(painter, QRectF(4, 2, self.width() - 8, self.height() - 4), self.lanes)
        painter.end()
