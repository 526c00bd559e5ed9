"""Chart pages: a never-shown plot with paper colours, the time slices a timeline is printed on
(as many as its labels need) and the page that draws one slice with its legend."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import Exporter
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from viewer.model.index import EventIndex
from viewer.model.layout import place_labels
from viewer.ui.events_item import MARK, EventsItem
from viewer.ui.print_page import BLACK, RULE, Page, draw_header, print_font, range_text
from viewer.ui.style import lane_colour
from viewer.ui.time_axis import TimeAxis

LABEL_PT = 8.5
PRINT_LABEL_MAX_PX = 420.0
# a label "fits" when it is shown whole or with at least this many pixels of its text
LABEL_FIT_PX = 200.0
AUTO_MAX_PAGES = 12


# --- what is printed ----------------------------------------------------------------------------
def whole_range(index: EventIndex) -> tuple[float, float]:
    """The span the whole timeline is printed over: like the screen's initial fit, the span of
    the events' starts when a few long intervals (a five-year mandate) would dwarf it, with a
    margin; long intervals then run to the last page's edge."""
    if index.n_events == 0:
        return 0.0, 86400.0
    rows = index.chrono
    s0 = float(index.event_start[rows].min())
    s1 = float(index.event_start[rows].max())
    e1 = float(np.max(index.period_end)) if len(index.period_end) else s1
    full = max(e1 - s0, 3600.0)
    if 0 < s1 - s0 < 0.3 * full:
        pad = max((s1 - s0) * 0.04, 3600.0)
        return s0 - pad, s1 + 3 * pad
    pad = full * 0.03
    return s0 - pad, e1 + pad


def slices(t0: float, t1: float, n: int) -> list[tuple[float, float]]:
    edges = np.linspace(t0, t1, max(n, 1) + 1)
    return [(float(a), float(b)) for a, b in itertools.pairwise(edges)]


def labels_fit(
    index: EventIndex,
    t0: float,
    t1: float,
    width_px: float,
    text_width: Callable[[int], float],
) -> bool:
    """Whether every event starting in [t0, t1) gets a readable label on a page that wide."""
    if t1 <= t0:
        return True
    placed: dict[int, float] = {}
    for lane in range(index.n_lanes):
        for row in range(int(index.lane_rows[lane])):
            for lb in place_labels(index, lane, row, t0, t1, width_px, text_width, mark_px=MARK):
                placed[int(lb.entry)] = lb.width
    starts = index.start
    wanted = np.flatnonzero((starts >= t0) & (starts < t1))
    for entry in wanted.tolist():
        w = placed.get(entry)
        full = text_width(int(index.event[entry]))
        if w is None or w < min(full - 0.5, LABEL_FIT_PX):
            return False
    return True


def auto_pages(
    index: EventIndex,
    t0: float,
    t1: float,
    width_px: float,
    text_width: Callable[[int], float],
    max_pages: int = AUTO_MAX_PAGES,
) -> int:
    """The fewest time slices of one page each in which every event's label fits (at most
    ``max_pages``: past that, a denser timeline is printed with the labels that fit)."""
    for n in range(1, max_pages + 1):
        if all(labels_fit(index, a, b, width_px, text_width) for a, b in slices(t0, t1, n)):
            return n
    return max_pages


def printed_events(index: EventIndex, t0: float, t1: float) -> list[int]:
    """Event rows in time order that are on the printed span (overlap [t0, t1])."""
    rows = index.chrono
    keep = (index.event_end[rows] >= t0) & (index.event_start[rows] <= t1)
    return [int(r) for r in rows[keep]]


# --- the chart ----------------------------------------------------------------------------------
class PrintChart:
    """A never-shown plot with print colours, laid out at a given size in 96 dpi pixels."""

    def __init__(self, index: EventIndex) -> None:
        self.index = index
        self.axis = TimeAxis()
        self.view_box = pg.ViewBox(enableMenu=False)
        self.view_box.setMouseEnabled(x=False, y=False)
        self.view_box.invertY(True)
        self.widget = pg.PlotWidget(viewBox=self.view_box, axisItems={"bottom": self.axis})
        self.widget.setBackground(QColor(255, 255, 255))
        self.widget.hideAxis("left")
        self.widget.hideButtons()
        self.plot_item = self.widget.getPlotItem()
        self.plot_item.setContentsMargins(0, 0, 0, 0)
        self.axis.setPen(pg.mkPen(BLACK))
        self.axis.setTextPen(pg.mkPen(BLACK))
        self.axis.label.setDefaultTextColor(BLACK)
        font = QFont()
        font.setPointSizeF(8.0)
        self.axis.setStyle(tickFont=font, tickTextOffset=4)
        self.axis.label.setFont(font)
        # tick labels, then the context line ("2020 · UTC") below them without overlap
        self.axis.setHeight(int(QFontMetricsF(font).height() * 2 + 16))
        self.items = EventsItem()
        self.items.print_mode = True
        self.items.label_max_px = PRINT_LABEL_MAX_PX
        self.items.set_label_font(LABEL_PT)
        self.items.set_index(index)
        self.widget.addItem(self.items)
        height = max(float(index.lane_top[-1]), 1.0)
        self.view_box.setYRange(0, height, padding=0)

    def layout(self, width: float, height: float) -> None:
        self.widget.resize(int(width), int(height))
        self.plot_item.setGeometry(QRectF(0, 0, width, height))
        self.plot_item.layout.activate()

    @property
    def plot_width(self) -> float:
        return float(self.view_box.width())

    def text_width(self, event_row: int) -> float:
        return self.items._label_width(event_row)

    def render(self, painter: QPainter, target: QRectF, t0: float, t1: float) -> None:
        self.view_box.setXRange(t0, t1, padding=0)
        self.view_box.setYRange(0, max(float(self.index.lane_top[-1]), 1.0), padding=0)
        exporter = _SceneExporter(self.plot_item)
        exporter.setExportMode(True, {"antialias": True, "background": QColor(255, 255, 255)})
        try:
            self.plot_item.scene().render(painter, target, self.plot_item.sceneBoundingRect())
        finally:
            exporter.setExportMode(False)


class _SceneExporter(Exporter):
    """Only for pyqtgraph's export mode (hides hover buttons, vector symbols)."""

    def export(self, fileName=None, toBytes=False, copy=False):  # type: ignore[no-untyped-def]
        raise NotImplementedError


# --- the legend ---------------------------------------------------------------------------------
LEGEND_ITEMS = (
    ("point", "event on a date"),
    ("interval", "event over a period"),
    ("planned", "planned or postponed (hollow)"),
    ("fuzzy", "approximate date, or the period a date stands for (faint line)"),
    ("dense", "many events close together (shaded; darker: more)"),
)


def _legend_glyph(painter: QPainter, kind: str, x: float, yc: float, colour: QColor) -> None:
    m = MARK
    painter.setPen(QPen(colour.darker(130)))
    painter.setBrush(QBrush(colour))
    if kind == "point":
        painter.drawRect(QRectF(x + 6, yc - m / 2, m, m))
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


def _flow(
    items: list[tuple[float, object]], width: float, row_h: float
) -> list[tuple[float, float, object]]:
    """Place items of given widths left to right in rows; return (x, y, item)."""
    out: list[tuple[float, float, object]] = []
    x = y = 0.0
    for w, item in items:
        if x > 0 and x + w > width:
            x, y = 0.0, y + row_h
        out.append((x, y, item))
        x += w + 18
    return out


def legend_layout(
    index: EventIndex, width: float
) -> tuple[float, list[tuple[float, float, object]]]:
    font = print_font(8)
    fm = QFontMetricsF(font)
    row_h = fm.height() + 6
    items: list[tuple[float, object]] = [
        (28 + fm.horizontalAdvance(text), ("kind", kind, text)) for kind, text in LEGEND_ITEMS
    ]
    lanes: list[tuple[float, object]] = [
        (16 + fm.horizontalAdvance(name), ("lane", lane, name))
        for lane, name in enumerate(index.lanes)
    ]
    placed = _flow(items, width, row_h)
    y0 = (placed[-1][1] + row_h) if placed else 0.0
    lane_label = "Lanes:"
    label_w = fm.horizontalAdvance(lane_label) + 8
    for x, y, item in _flow(lanes, width - label_w, row_h):
        placed.append((x + label_w, y + y0, item))
    if lanes:
        placed.append((0.0, y0, ("text", 0, lane_label)))
    height = (max(y for _, y, _ in placed) + row_h) if placed else 0.0
    return height, placed


def draw_legend(painter: QPainter, rect: QRectF, placed: list[tuple[float, float, object]]) -> None:
    painter.save()
    font = print_font(8)
    fm = QFontMetricsF(font)
    row_h = fm.height() + 6
    painter.setFont(font)
    neutral = QColor(110, 110, 110)
    for x, y, item in placed:
        what, key, text = item  # type: ignore[misc]
        x0, yc = rect.left() + x, rect.top() + y + row_h / 2
        if what == "kind":
            _legend_glyph(painter, str(key), x0, yc, neutral)
            tx = x0 + 28
        elif what == "lane":
            c = lane_colour(int(key))  # type: ignore[arg-type]
            painter.setPen(QPen(c.darker(130)))
            painter.setBrush(QBrush(c))
            painter.drawRect(QRectF(x0, yc - 5, 10, 10))
            tx = x0 + 16
        else:
            tx = x0
        painter.setPen(QPen(BLACK))
        painter.drawText(QPointF(tx, yc + (fm.ascent() - fm.descent()) / 2), str(text))
    painter.restore()


def draw_chart_page(
    painter: QPainter,
    chart: PrintChart,
    page: Page,
    title: str,
    t0: float,
    t1: float,
    legend: tuple[float, list[tuple[float, float, object]]],
    slice_text: str = "",
) -> None:
    """Header, chart of [t0, t1] and legend (the footer is the caller's: it knows M)."""
    draw_header(painter, page, title, f"{slice_text}{range_text(t0, t1)}")
    body = page.body
    legend_h, placed = legend
    chart_rect = QRectF(body.left(), body.top(), body.width(), body.height() - legend_h - 10)
    chart.render(painter, chart_rect, t0, t1)
    painter.save()
    painter.setPen(QPen(RULE, 0.75))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(chart_rect)
    painter.restore()
    draw_legend(
        painter, QRectF(body.left(), chart_rect.bottom() + 8, body.width(), legend_h), placed
    )
