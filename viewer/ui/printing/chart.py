"""Chart pages: a never-shown plot with paper colours, the time slices a timeline is printed on
(as many as its labels need) and the page that draws one slice with its legend."""

from __future__ import annotations

import itertools

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import Exporter
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from viewer.model.index import EventIndex
from viewer.model.label_layout import LabelLayout, grow_rows
from viewer.model.layout import EXACT_LIMIT
from viewer.model.lod import lane_views
from viewer.ui.printing.page import BLACK, RULE, Page, draw_header, range_text
from viewer.ui.timeline.events_item import EventsItem
from viewer.ui.timeline.legend import PRINT, Legend, draw_legend, legend_layout
from viewer.ui.timeline.marks import MARK
from viewer.ui.timeline.time_axis import TimeAxis

LABEL_PT = 8.5
PRINT_LABEL_MAX_PX = 640.0
AUTO_MAX_PAGES = 12
ROW_GAP_PX = 3.0  # a row on paper: a line of label text and this much


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


def labels_fit(chart: PrintChart, t0: float, t1: float) -> bool:
    """Whether every event starting in [t0, t1) gets its label whole on a chart page, with the
    lanes grown to the label rows the page's height allows."""
    if t1 <= t0:
        return True
    index = chart.index
    layout = chart.lay_out(t0, t1)
    whole = {int(lb.entry) for lb in layout.labels if lb.whole}
    starts = index.start
    wanted = np.flatnonzero((starts >= t0) & (starts < t1))
    return all(int(e) in whole for e in wanted.tolist())


def auto_pages(chart: PrintChart, t0: float, t1: float, max_pages: int = AUTO_MAX_PAGES) -> int:
    """The fewest time slices of one page each in which every event's label is whole: one page
    whenever it holds them all (at most ``max_pages``: past that, a denser timeline is printed
    with the labels that fit)."""
    for n in range(1, max_pages + 1):
        if all(labels_fit(chart, a, b) for a, b in slices(t0, t1, n)):
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
        self.view_box.setYRange(0, self.height_rows, padding=0)

    @property
    def height_rows(self) -> float:
        return max(float(self.items.lane_top[-1]), 1.0)

    def layout(self, width: float, height: float) -> None:
        self.widget.resize(int(width), int(height))
        self.plot_item.setGeometry(QRectF(0, 0, width, height))
        self.plot_item.layout.activate()

    @property
    def plot_width(self) -> float:
        return float(self.view_box.width())

    def fit_rows(self, t0: float, t1: float) -> None:
        """Lanes grown to the label rows of [t0, t1], as far as the chart's height allows."""
        items = self.items
        width = self.plot_width
        wanted = items.rows_wanted(t0, t1, width)
        height = float(self.view_box.height())
        row_px = items.font_height() + ROW_GAP_PX
        items.set_lane_rows(grow_rows(self.index.lane_rows, wanted, height, row_px))

    def lay_out(self, t0: float, t1: float) -> LabelLayout:
        """The labels of a page showing [t0, t1] (its lanes grown first)."""
        self.fit_rows(t0, t1)
        width = self.plot_width
        limit = max(1, min(EXACT_LIMIT, int(width / MARK)))
        views = lane_views(self.index, t0, t1, max(1, int(width)), limit)
        return self.items.lay_out(views, t0, t1, width)

    def render(self, painter: QPainter, target: QRectF, t0: float, t1: float) -> None:
        self.fit_rows(t0, t1)
        self.view_box.setXRange(t0, t1, padding=0)
        self.view_box.setYRange(0, self.height_rows, padding=0)
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


def chart_rect(page: Page, legend: Legend) -> QRectF:
    """Where a chart page's chart goes: the page's body above the legend."""
    body = page.body
    return QRectF(body.left(), body.top(), body.width(), body.height() - legend.height - 10)


def page_chart(index: EventIndex, page: Page) -> tuple[PrintChart, Legend]:
    """A chart laid out for the chart pages of ``page``, and the legend under it."""
    chart = PrintChart(index)
    legend = legend_layout(index.lanes, page.body.width(), PRINT)
    rect = chart_rect(page, legend)
    chart.layout(rect.width(), rect.height())
    return chart, legend


def draw_chart_page(
    painter: QPainter,
    chart: PrintChart,
    page: Page,
    title: str,
    t0: float,
    t1: float,
    legend: Legend,
    slice_text: str = "",
) -> None:
    """Header, chart of [t0, t1] and legend (the footer is the caller's: it knows M)."""
    draw_header(painter, page, title, f"{slice_text}{range_text(t0, t1)}")
    rect = chart_rect(page, legend)
    chart.render(painter, rect, t0, t1)
    painter.save()
    painter.setPen(QPen(RULE, 0.75))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()
    draw_legend(painter, QPointF(rect.left(), rect.bottom() + 8), legend)
