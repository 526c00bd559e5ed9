"""Printing: one render function (:func:`render_document`) for Print, Print Preview, PDF export
and the command line, plus image export and the window's print actions.

Pages are drawn at 96 dpi (pyqtgraph's logical dpi) so the output stays vector and text stays
text: chart pages (one per time slice, from a separate never-shown plot laid out at the page
size), then chronology pages (one QTextDocument per event, moved whole to the next page when it
would straddle a break). Every page has a header (title, what the page shows) and a footer
(printing date, page N of M). Colours are fixed for paper: black text on white whatever the theme.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import Exporter
from PySide6.QtCore import QMarginsF, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from viewer.model.dataset import Dataset, Event, Source
from viewer.model.dates import DateError, PartialDate, describe, describe_instant, parse_date
from viewer.model.index import EventIndex
from viewer.model.layout import place_labels
from viewer.model.listing import date_text
from viewer.ui import print_options
from viewer.ui.events_item import MARK, EventsItem
from viewer.ui.print_options import PrintOptions
from viewer.ui.style import label_font, lane_colour
from viewer.ui.time_axis import TimeAxis

DPI = 96
MARGIN_MM = 12.0
PAPER_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A3": QPageSize.PageSizeId.A3,
}
BLACK = QColor(0, 0, 0)
GREY = QColor(90, 90, 90)
RULE = QColor(150, 150, 150)
LABEL_PT = 8.5
PRINT_LABEL_MAX_PX = 420.0
# a label "fits" when it is shown whole or with at least this many pixels of its text
LABEL_FIT_PX = 200.0
AUTO_MAX_PAGES = 12
EVENT_GAP = 10.0


class PrintError(Exception):
    """A print or export that could not be done; the message is for the user."""


# --- printer set-up -----------------------------------------------------------------------------
def configure_printer(printer: QPrinter, options: PrintOptions) -> None:
    """Paper, orientation, margins and the 96 dpi that keeps pyqtgraph's scene vector."""
    printer.setPageSize(QPageSize(PAPER_SIZES.get(options.paper, QPageSize.PageSizeId.A4)))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM))
    printer.setResolution(DPI)


def pdf_printer(path: str | os.PathLike[str], options: PrintOptions) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    configure_printer(printer, options)
    return printer


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise PrintError naming the reason when ``path`` cannot be written."""
    p = Path(path)
    existed = p.exists()
    try:
        if p.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        with open(p, "ab"):
            pass
    except OSError as exc:
        raise PrintError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not existed:
        p.unlink(missing_ok=True)


def export_pdf(
    path: str | os.PathLike[str],
    dataset: Dataset,
    index: EventIndex,
    options: PrintOptions,
    time_range: tuple[float, float] | None = None,
) -> int:
    """Write the document as a PDF; return the number of pages. Raises PrintError."""
    check_writable(path)
    printer = pdf_printer(path, options)
    return render_document(printer, dataset, index, options, time_range)


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


# --- page furniture -----------------------------------------------------------------------------
def _font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = label_font(point_size, bold)
    font.setItalic(italic)
    return font


def today_text() -> str:
    d = date.today()
    return describe(PartialDate(d.year, d.month, d.day))


def range_text(t0: float, t1: float) -> str:
    precision = "day" if t1 - t0 > 3 * 86400 else "minute"
    if precision == "day" and t1 % 86400 == 0:
        t1 -= 1  # the range ends at midnight, exclusive: its last day is the day before
    return f"{describe_instant(t0, precision)} – {describe_instant(t1, precision)} (UTC)"


@dataclass
class Page:
    """Geometry of a page in 96 dpi pixels, origin at the printable area's top-left."""

    width: float
    height: float
    header_h: float = 30.0
    footer_h: float = 22.0

    @property
    def body(self) -> QRectF:
        return QRectF(
            0, self.header_h + 8, self.width, self.height - self.header_h - self.footer_h - 16
        )


def draw_header(painter: QPainter, page: Page, title: str, right: str) -> None:
    """Title on the left, what the page shows on the right; the title yields space first."""
    painter.save()
    painter.setPen(QPen(BLACK))
    bold = _font(12, bold=True)
    small = _font(9)
    fm, fm_r = QFontMetricsF(bold), QFontMetricsF(small)
    title_w = min(fm.horizontalAdvance(title), page.width * 0.4)
    right_w = min(fm_r.horizontalAdvance(right) + 1, page.width - title_w - 16)
    shown_r = fm_r.elidedText(right, Qt.TextElideMode.ElideRight, right_w)
    room = page.width - fm_r.horizontalAdvance(shown_r) - 16
    painter.setFont(bold)
    painter.drawText(
        QPointF(0, fm.ascent()), fm.elidedText(title, Qt.TextElideMode.ElideRight, room)
    )
    painter.setFont(small)
    painter.drawText(QPointF(page.width - fm_r.horizontalAdvance(shown_r), fm.ascent()), shown_r)
    painter.setPen(QPen(RULE, 0.75))
    painter.drawLine(QPointF(0, page.header_h - 4), QPointF(page.width, page.header_h - 4))
    painter.restore()


def draw_footer(painter: QPainter, page: Page, title: str, number: int, total: int) -> None:
    painter.save()
    font = _font(8)
    fm = QFontMetricsF(font)
    y = page.height - page.footer_h + 6
    painter.setPen(QPen(RULE, 0.75))
    painter.drawLine(QPointF(0, y), QPointF(page.width, y))
    painter.setFont(font)
    painter.setPen(QPen(GREY))
    base = y + 4 + fm.ascent()
    right = f"Page {number} of {total}"
    left = f"{title} · printed {today_text()} with Timeline Viewer"
    left = fm.elidedText(
        left, Qt.TextElideMode.ElideMiddle, page.width - fm.horizontalAdvance(right) - 24
    )
    painter.drawText(QPointF(0, base), left)
    painter.drawText(QPointF(page.width - fm.horizontalAdvance(right), base), right)
    painter.restore()


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
    font = _font(8)
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
    font = _font(8)
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


# --- the chronology -----------------------------------------------------------------------------
def _char(point_size: float, bold: bool = False, italic: bool = False, grey: bool = False):  # type: ignore[no-untyped-def]
    fmt = QTextCharFormat()
    fmt.setFont(_font(point_size, bold, italic))
    fmt.setForeground(QBrush(GREY if grey else BLACK))
    return fmt


def citation(source: Source) -> str:
    """'Title. Publisher, 25 November 2020. URL' with what the source has."""
    parts = [source.title.rstrip(".") + "."]
    tail = []
    if source.publisher:
        tail.append(source.publisher)
    if source.published:
        try:
            tail.append(describe(parse_date(source.published)))
        except DateError:
            tail.append(source.published)
    if tail:
        parts.append(", ".join(tail) + ".")
    if source.url:
        parts.append(source.url)
    return " ".join(parts)


def _source_text(dataset: Dataset, source_id: str | None) -> str:
    if not source_id:
        return ""
    try:
        return citation(dataset.source(source_id))
    except KeyError:
        return source_id


def event_document(
    dataset: Dataset, ev: Event, width: float, device: QPaintDevice
) -> QTextDocument:
    """One event of the chronology as plain text with formats (no HTML: dataset strings are
    never interpreted)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    cursor = QTextCursor(doc)
    body = _char(9.5)
    small = _char(8.5, grey=True)

    def block(indent: float = 0, top: float = 0, bottom: float = 0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(indent)
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        return fmt

    cursor.setBlockFormat(block(bottom=2))
    cursor.insertText(date_text(ev), _char(9.5, bold=True))
    if ev.status != "occurred":
        cursor.insertText(f"  [{ev.status}]", _char(9.5, bold=True, grey=True))
    cursor.insertBlock(block(bottom=3))
    cursor.insertText(ev.title, _char(11.5, bold=True))
    if ev.when.text:
        cursor.insertBlock(block(bottom=2))
        cursor.insertText("In the source: ", small)
        cursor.insertText(f"“{ev.when.text}”", _char(8.5, italic=True, grey=True))
        if ev.when.basis:
            cursor.insertText(f" ({ev.when.basis})", small)
    if ev.summary:
        cursor.insertBlock(block(bottom=2))
        cursor.insertText(ev.summary, body)
    facts = []
    if ev.actors:
        facts.append("Actors: " + ", ".join(_name(dataset.actor, a) for a in ev.actors))
    if ev.places:
        facts.append("Places: " + ", ".join(_name(dataset.place, p) for p in ev.places))
    facts.append(f"Lane: {ev.kind}")
    cursor.insertBlock(block(bottom=2))
    cursor.insertText(" · ".join(facts), small)
    for q in ev.quotes:
        cursor.insertBlock(block(indent=18, top=3))
        text = f"“{q.text}”" if q.form == "direct" else q.text
        cursor.insertText(text, _char(9.5, italic=q.form == "direct"))
        speaker = _name(dataset.actor, q.speaker) if q.speaker else "unattributed"
        form = "direct quotation" if q.form == "direct" else "reported speech"
        cursor.insertBlock(block(indent=30, bottom=1))
        cursor.insertText(f"— {speaker}, {form}", _char(8.5, bold=True))
        src = _source_text(dataset, q.source)
        if src:
            cursor.insertText(f". Source: {src}", small)
    cited = [c for c in ev.citations if all(c != q.source for q in ev.quotes)]
    if cited:
        cursor.insertBlock(block(top=2))
        cursor.insertText("Sources: " + "; ".join(_source_text(dataset, c) for c in cited), small)
    return doc


def _name(lookup, item_id: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return lookup(item_id).name
    except KeyError:
        return item_id


@dataclass
class Placed:
    """A chronology document on a page: drawn at y, showing its part [clip_top, clip_bottom)."""

    doc: QTextDocument
    y: float
    clip_top: float
    clip_bottom: float


def paginate(docs: list[QTextDocument], height: float) -> list[list[Placed]]:
    """Lay events on pages; an event that would straddle a break starts the next page, and one
    taller than a page is split between lines."""
    pages: list[list[Placed]] = [[]]
    y = 0.0
    for doc in docs:
        h = doc.size().height()
        if y > 0 and y + h > height:
            pages.append([])
            y = 0.0
        if h <= height:
            pages[-1].append(Placed(doc, y, 0.0, h))
            y += h + EVENT_GAP
            continue
        top = 0.0
        while top < h:  # taller than a page: cut between lines
            bottom = _line_break_before(doc, top + height)
            if bottom <= top:
                bottom = top + height
            pages[-1].append(Placed(doc, -top, top, bottom))
            top = bottom
            if top < h:
                pages.append([])
        y = h - _last_cut(pages[-1]) + EVENT_GAP
    return [p for p in pages if p] or [[]]


def _last_cut(page: list[Placed]) -> float:
    return page[-1].clip_top if page else 0.0


def _line_break_before(doc: QTextDocument, limit: float) -> float:
    """The y of the last line boundary at or above ``limit`` in a laid-out document."""
    best = 0.0
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        lay = block.layout()
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            bottom = rect.top() + line.y() + line.height()
            if bottom <= limit:
                best = max(best, bottom)
        block = block.next()
    return best


def chronology_pages(
    dataset: Dataset, rows: list[int], width: float, height: float, device: QPaintDevice
) -> list[list[Placed]]:
    heading = QTextDocument()
    heading.documentLayout().setPaintDevice(device)
    heading.setDocumentMargin(0)
    heading.setTextWidth(width)
    cur = QTextCursor(heading)
    cur.insertText("Chronology", _char(15, bold=True))
    cur.insertBlock()
    n = len(rows)
    quotes = sum(len(dataset.events[r].quotes) for r in rows)
    cur.insertText(
        f"{n} event{'s' if n != 1 else ''} in time order, {quotes} "
        f"quote{'s' if quotes != 1 else ''} with their speakers and sources. Dates as normalised "
        "by the viewer (~ approximate, ? uncertain), with the source's own words.",
        _char(8.5, grey=True),
    )
    docs = [heading] + [event_document(dataset, dataset.events[r], width, device) for r in rows]
    return paginate(docs, height)


def draw_chronology_page(painter: QPainter, body: QRectF, placed: list[Placed]) -> None:
    ctx = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, BLACK)
    palette.setColor(QPalette.ColorRole.WindowText, BLACK)
    ctx.palette = palette
    for p in placed:
        painter.save()
        painter.translate(body.left(), body.top() + p.y + p.clip_top)
        painter.translate(0, -p.clip_top)
        clip = QRectF(0, p.clip_top, body.width(), p.clip_bottom - p.clip_top)
        painter.setClipRect(clip)
        ctx.clip = clip
        p.doc.documentLayout().draw(painter, ctx)
        painter.restore()


# --- the document -------------------------------------------------------------------------------
def page_geometry(printer: QPrinter) -> Page:
    rect = printer.pageRect(QPrinter.Unit.DevicePixel)
    return Page(rect.width(), rect.height())


def render_document(
    printer: QPrinter,
    dataset: Dataset,
    index: EventIndex,
    options: PrintOptions,
    time_range: tuple[float, float] | None = None,
) -> int:
    """Draw the whole document on ``printer``; return the number of pages it has.

    ``index`` holds the events to print (the window passes the filtered or the full index);
    ``time_range`` is the span printed (default: the whole timeline); the current view is
    printed on one page, the whole timeline on ``options.pages`` slices (0: automatic).
    Honours the page ranges chosen in a print dialog. Raises PrintError.
    """
    printer.setResolution(DPI)  # a print dialog may have reset it
    page = page_geometry(printer)
    t0, t1 = time_range or whole_range(index)
    if t1 <= t0:
        t1 = t0 + 3600.0
    chart = PrintChart(index)
    legend = legend_layout(index, page.body.width())
    chart.layout(page.body.width(), page.body.height() - legend[0] - 10)
    if options.scope == "view":
        n = 1
    elif options.pages > 0:
        n = options.pages
    else:
        n = auto_pages(index, t0, t1, chart.plot_width, chart.text_width)
    parts = slices(t0, t1, n)
    chron: list[list[Placed]] = []
    if options.chronology:
        chron = chronology_pages(
            dataset, printed_events(index, t0, t1), page.body.width(), page.body.height(), printer
        )
    total = len(parts) + len(chron)
    ranges = printer.pageRanges()

    def wanted(number: int) -> bool:
        return ranges.isEmpty() or ranges.contains(number)

    painter = QPainter()
    if not painter.begin(printer):
        target = printer.outputFileName() or printer.printerName() or "the printer"
        raise PrintError(f"cannot write {target}: the printer could not be started")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        first = True
        for number in range(1, total + 1):
            if not wanted(number):
                continue
            if not first and not printer.newPage():
                raise PrintError("cannot start a new page")
            first = False
            if number <= len(parts):
                a, b = parts[number - 1]
                label = f"Part {number} of {len(parts)}: " if len(parts) > 1 else ""
                draw_chart_page(painter, chart, page, dataset.title, a, b, legend, label)
            else:
                draw_header(painter, page, dataset.title, f"Chronology · {range_text(t0, t1)}")
                draw_chronology_page(painter, page.body, chron[number - len(parts) - 1])
            draw_footer(painter, page, dataset.title, number, total)
    finally:
        painter.end()
    return total


# --- image export -------------------------------------------------------------------------------
def render_image(
    painter: QPainter,
    width: float,
    height: float,
    dataset: Dataset,
    index: EventIndex,
    time_range: tuple[float, float] | None = None,
) -> None:
    """A chart page (title, range, chart, legend) at width x height pixels, white background."""
    t0, t1 = time_range or whole_range(index)
    page = Page(width, height, footer_h=0.0)
    painter.fillRect(QRectF(-8, -8, width + 16, height + 16), QColor(255, 255, 255))
    chart = PrintChart(index)
    legend = legend_layout(index, page.body.width())
    chart.layout(page.body.width(), page.body.height() - legend[0] - 10)
    draw_chart_page(painter, chart, page, dataset.title, t0, t1, legend)


def export_image(
    path: str | os.PathLike[str],
    dataset: Dataset,
    index: EventIndex,
    width: int = 1600,
    height: int = 900,
    time_range: tuple[float, float] | None = None,
) -> None:
    """Write a PNG (raster) or an SVG (vector) of the timeline. Raises PrintError."""
    check_writable(path)
    suffix = Path(path).suffix.lower()
    margin = 16
    if suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(width, height))
        gen.setViewBox(QRectF(0, 0, width, height))
        gen.setResolution(DPI)
        gen.setTitle(dataset.title)
        painter = QPainter()
        if not painter.begin(gen):
            raise PrintError(f"cannot write {path}: the SVG generator could not be started")
        try:
            painter.fillRect(QRectF(0, 0, width, height), QColor(255, 255, 255))
            painter.translate(margin, margin)
            render_image(
                painter, width - 2 * margin, height - 2 * margin, dataset, index, time_range
            )
        finally:
            painter.end()
        return
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(margin, margin)
        render_image(painter, width - 2 * margin, height - 2 * margin, dataset, index, time_range)
    finally:
        painter.end()
    fmt = "PNG" if suffix != ".jpg" and suffix != ".jpeg" else "JPEG"
    if not image.save(str(path), fmt):
        raise PrintError(f"cannot write {path}: the image could not be saved")


# --- the window's actions -----------------------------------------------------------------------
class PrintActions(QObject):
    """File > Print, Print Preview and Export PDF for a main window.

    The window is passed in, not looked up: it owns ``dataset``, ``index`` (filtered),
    ``full_index``, ``filter_mask``, ``settings``, ``timeline`` and ``path``.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.act_print = self._action("&Print…", self.print_, QKeySequence.StandardKey.Print)
        self.act_preview = self._action("Print Pre&view…", self.preview, "Ctrl+Shift+P")
        self.act_export_pdf = self._action("&Export PDF…", self.export_pdf, "Ctrl+Shift+E")
        self.act_print.setStatusTip("Print the timeline and a chronology of events and quotes")
        self.act_preview.setStatusTip("See the pages before printing")
        self.act_export_pdf.setStatusTip("Write the timeline and chronology to a PDF file")
        self.actions = [self.act_print, self.act_preview, self.act_export_pdf]
        icons = ("document-print", "document-print-preview", "document-export")
        for act, icon in zip(self.actions, icons, strict=True):
            act.setIcon(QIcon.fromTheme(icon))  # where the desktop theme has them

    def _action(self, text: str, slot, shortcut) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _job(self):  # type: ignore[no-untyped-def]
        """(dataset, index, options, time range) after the options dialog, or None."""
        w = self.window
        if w.dataset is None or w.full_index is None:
            return None
        options = print_options.ask_options(w, w.settings, w.filter_mask is not None)
        if options is None:
            return None
        index = w.index if options.filtered and w.index is not None else w.full_index
        time_range = w.timeline.visible_range() if options.scope == "view" else None
        return w.dataset, index, options, time_range

    def _render(self, printer: QPrinter, job) -> int:  # type: ignore[no-untyped-def]
        dataset, index, options, time_range = job
        try:
            return render_document(printer, dataset, index, options, time_range)
        except PrintError as exc:
            QMessageBox.warning(self.window, "Cannot print", str(exc))
            return 0

    def _printer(self, options: PrintOptions) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, options)
        return printer

    def print_(self) -> None:
        job = self._job()
        if job is None:
            return
        printer = self._printer(job[2])
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print timeline")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = self._render(printer, job)
        if pages:
            self.window.statusBar().showMessage(f"Printed {pages} pages", 5000)

    def preview(self) -> None:
        job = self._job()
        if job is None:
            return
        dialog = QPrintPreviewDialog(self._printer(job[2]), self.window)
        dialog.setWindowTitle("Print preview")
        dialog.paintRequested.connect(lambda printer: self._render(printer, job))
        dialog.exec()

    def export_pdf(self) -> None:
        job = self._job()
        if job is None:
            return
        w = self.window
        folder = str(w.settings.value("print/folder", ""))
        stem = Path(w.path).stem.removesuffix(".timeline") if w.path else "timeline"
        start = str(Path(folder) / f"{stem}.pdf") if folder else f"{stem}.pdf"
        path, _ = QFileDialog.getSaveFileName(w, "Export PDF", start, "PDF files (*.pdf)")
        if not path:
            return
        if not Path(path).suffix:
            path += ".pdf"
        dataset, index, options, time_range = job
        try:
            pages = export_pdf(path, dataset, index, options, time_range)
        except PrintError as exc:
            QMessageBox.warning(w, "Cannot export PDF", str(exc))
            return
        w.settings.setValue("print/folder", str(Path(path).parent))
        w.statusBar().showMessage(f"Wrote {path} ({pages} pages)", 8000)
