"""The legend: what each mark means, and the lane colours. One list of entries, one glyph painter
and one layout serve the screen (wrapped to the widget's width) and print (at the paper's sizes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.ui.style import LABEL, SELECTED, label_font, lane_colour
from viewer.ui.timeline.marks import DRAFT_VEIL, MARK, draft_pen

ENTRIES = (
    ("point", "event on a date"),
    ("interval", "event over a period"),
    ("planned", "planned or postponed (hollow)"),
    ("fuzzy", "approximate date, or the period a date stands for (faint line)"),
    ("dense", "many events close together (shaded; darker: more)"),
    ("selected", "selected"),
)
DRAFT_ENTRY = ("draft", "draft to review (lighter, dashed)")  # only while there are drafts
LANES_HEADING = "Lanes:"
MARK_W = 28.0  # a mark's glyph and the space before its text
LANE_W = 16.0  # a lane's swatch and the space before its name
GAP = 18.0  # between entries on a row


@dataclass(frozen=True)
class LegendStyle:
    """How a legend looks where it is shown: its font size, the colours of the marks' glyphs
    (lanes have their own) and of the text, and whether it has the "selected" entry."""

    point_size: float
    mark: QColor
    text: QColor
    selected: bool = True


SCREEN = LegendStyle(8.5, QColor("#4e79a7"), LABEL)
PRINT = LegendStyle(8.0, QColor(110, 110, 110), QColor(0, 0, 0), selected=False)  # no selection


class Entry(NamedTuple):
    """A legend entry at (x, y), the top-left of its row: ``kind`` is a mark's kind, "lane"
    (``lane`` is its number) or "heading"."""

    x: float
    y: float
    kind: str
    text: str
    lane: int = 0


class Legend(NamedTuple):
    height: float
    entries: list[Entry]
    style: LegendStyle


def marks(style: LegendStyle, drafts: bool = False) -> list[tuple[str, str]]:
    """(kind, text) of the marks the legend explains in that style (``drafts``: with the
    entry of drafted events)."""
    shown = [(kind, text) for kind, text in ENTRIES if style.selected or kind != "selected"]
    return [*shown, DRAFT_ENTRY] if drafts else shown


def _flow(widths: list[float], width: float, row_h: float) -> list[tuple[float, float]]:
    """Places of items of the given widths, left to right in rows of ``width``."""
    out: list[tuple[float, float]] = []
    x = y = 0.0
    for w in widths:
        if x > 0 and x + w > width:
            x, y = 0.0, y + row_h
        out.append((x, y))
        x += w + GAP
    return out


def row_height(style: LegendStyle) -> float:
    return QFontMetricsF(label_font(style.point_size)).height() + 6


def legend_layout(
    lanes: list[str], width: float, style: LegendStyle, drafts: bool = False
) -> Legend:
    """The marks wrapped into ``width``, then "Lanes:" and the lanes wrapped beside it."""
    fm = QFontMetricsF(label_font(style.point_size))
    row_h = row_height(style)
    shown = marks(style, drafts)
    places = _flow([MARK_W + fm.horizontalAdvance(text) for _, text in shown], width, row_h)
    entries = [Entry(x, y, kind, text) for (x, y), (kind, text) in zip(places, shown, strict=True)]
    if lanes:
        y0 = entries[-1].y + row_h if entries else 0.0
        heading_w = fm.horizontalAdvance(LANES_HEADING) + 8
        entries.append(Entry(0.0, y0, "heading", LANES_HEADING))
        widths = [LANE_W + fm.horizontalAdvance(name) for name in lanes]
        for lane, (x, y) in enumerate(_flow(widths, width - heading_w, row_h)):
            entries.append(Entry(x + heading_w, y + y0, "lane", lanes[lane], lane))
    height = max(e.y for e in entries) + row_h if entries else 0.0
    return Legend(height, entries, style)


def draw_glyph(painter: QPainter, kind: str, x: float, yc: float, colour: QColor) -> None:
    """The glyph of a legend entry, its left edge at ``x``, centred on ``yc``."""
    m = MARK
    painter.setPen(QPen(colour.darker(130)))
    painter.setBrush(QBrush(colour))
    if kind == "point":
        painter.drawRect(QRectF(x + 6, yc - m / 2, m, m))
    elif kind == "lane":
        painter.drawRect(QRectF(x, yc - 5, 10, 10))
    elif kind == "interval":
        painter.drawRect(QRectF(x, yc - 3.5, 22, 7))
    elif kind == "planned":
        painter.setPen(QPen(colour.darker(110), 1.0))
        painter.setBrush(QBrush(QColor(255, 255, 255)))
        painter.drawRect(QRectF(x + 6, yc - m / 2, m, m))
    elif kind == "fuzzy":
        faded = QColor(colour)
        faded.setAlpha(90)
        painter.drawRect(QRectF(x, yc - m / 2, m, m))
        painter.setPen(QPen(faded))
        painter.drawLine(QPointF(x + m, yc), QPointF(x + 24, yc))
    elif kind == "dense":
        for i, alpha in enumerate((90, 150, 210, 255, 210, 150, 90, 150)):
            c = QColor(colour)
            c.setAlpha(alpha)
            painter.setPen(QPen(c))
            painter.drawLine(QPointF(x + 2 + i * 2.5, yc - 6), QPointF(x + 2 + i * 2.5, yc + 6))
    elif kind == "draft":
        painter.drawRect(QRectF(x + 6, yc - m / 2, m, m))
        rect = QRectF(x + 4, yc - m / 2 - 2, m + 4, m + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(DRAFT_VEIL))
        painter.drawRect(rect)
        painter.setPen(draft_pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
    elif kind == "selected":
        pen = QPen(SELECTED)
        pen.setWidthF(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x + 6 + m / 2 - 7, yc - 7, 14, 14))


def draw_legend(painter: QPainter, origin: QPointF, legend: Legend) -> None:
    """Paint a laid-out legend with its top-left at ``origin``."""
    style = legend.style
    font = label_font(style.point_size)
    fm = QFontMetricsF(font)
    row_h = row_height(style)
    painter.save()
    painter.setFont(font)
    for e in legend.entries:
        x, yc = origin.x() + e.x, origin.y() + e.y + row_h / 2
        if e.kind == "heading":
            tx = x
        elif e.kind == "lane":
            draw_glyph(painter, "lane", x, yc, lane_colour(e.lane))
            tx = x + LANE_W
        else:
            draw_glyph(painter, e.kind, x, yc, style.mark)
            tx = x + MARK_W
        painter.setPen(QPen(style.text))
        painter.drawText(QPointF(tx, yc + (fm.ascent() - fm.descent()) / 2), e.text)
    painter.restore()


class LegendWidget(QWidget):
    """The legend under the timeline; its height follows the wrapped entries."""

    PADDING = QPointF(4, 2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lanes: list[str] = []
        self.drafts = False  # the entry of drafted events is shown
        self.setAccessibleName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.legend = legend_layout([], 400, SCREEN)
        self._height = 40

    def set_lanes(self, lanes: list[str]) -> None:
        self.lanes = list(lanes)
        self._describe()

    def set_drafts(self, shown: bool) -> None:
        if shown != self.drafts:
            self.drafts = shown
            self._describe()

    def _describe(self) -> None:
        texts = [text for _, text in marks(SCREEN, self.drafts)] + self.lanes
        self.setAccessibleDescription(", ".join(texts))
        self._relayout()

    def _relayout(self) -> None:
        width = max(self.width() - 2 * self.PADDING.x(), 200)
        self.legend = legend_layout(self.lanes, width, SCREEN, self.drafts)
        self._height = int(self.legend.height + 2 * self.PADDING.y())
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
        draw_legend(painter, self.PADDING, self.legend)
        painter.end()
