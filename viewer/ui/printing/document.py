"""Printing: one render function (:func:`render_document`) for Print, Print Preview, PDF export
and the command line, plus image export; printer set-up and the errors a person is shown.

Pages are drawn at 96 dpi (pyqtgraph's logical dpi) so the output stays vector and text stays
text: chart pages (one per time slice, see :mod:`print_chart`), then chronology pages (see
:mod:`print_chronology`); every page has the header and footer of :mod:`print_page`. Colours are
fixed for paper: black text on white whatever the theme.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from viewer.model.dataset import Dataset
from viewer.model.index import EventIndex
from viewer.model.output import (
    STDOUT,
    OutputError,
    reason_of,
    refuse_inputs,
    write_by_name,
    written_into,
)
from viewer.ui.printing.chart import (
    auto_pages,
    draw_chart_page,
    page_chart,
    printed_events,
    slices,
    whole_range,
)
from viewer.ui.printing.chronology import Placed, chronology_pages, draw_chronology_page
from viewer.ui.printing.options import PrintOptions
from viewer.ui.printing.page import Page, draw_footer, draw_header, page_geometry, range_text

DPI = 96
MARGIN_MM = 12.0
PAPER_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A3": QPageSize.PageSizeId.A3,
}


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
    """Raise PrintError naming the reason when ``path`` cannot be written (a folder, a target
    folder that does not exist); the write itself reports what only it can find."""
    try:
        if str(path) == STDOUT:
            raise OutputError(
                path, "PDF and images are not written to standard output; name a file"
            )
        if not written_into(path) and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise OutputError(path, reason_of(FileNotFoundError(2, ""), path))
    except OutputError as exc:
        raise PrintError(f"cannot write {exc.path}: {exc.reason}") from None


def _write(path: str | os.PathLike[str], produce: Callable[[str], None]) -> None:
    """Write through the one writer (viewer.model.output): ``produce`` draws into a temporary
    file that replaces ``path`` only when it is complete."""
    check_writable(path)
    try:
        write_by_name(path, produce)
    except OutputError as exc:
        raise PrintError(f"cannot write {exc.path}: {exc.reason}") from None


def export_pdf(
    path: str | os.PathLike[str],
    dataset: Dataset,
    index: EventIndex,
    options: PrintOptions,
    time_range: tuple[float, float] | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> int:
    """Write the document as a PDF; return the number of pages. Raises PrintError, also when
    ``path`` is one of ``inputs`` (the dataset's file)."""
    try:
        refuse_inputs(path, inputs)
    except OutputError as exc:
        raise PrintError(f"cannot write {exc.path}: {exc.reason}") from None
    pages = 0

    def produce(tmp: str) -> None:
        nonlocal pages
        printer = pdf_printer(tmp, options)
        try:
            pages = render_document(printer, dataset, index, options, time_range)
        except PrintError as exc:  # name the file the user asked for, not the temporary one
            raise PrintError(str(exc).replace(tmp, str(path))) from None

    _write(path, produce)
    return pages


# --- the document -------------------------------------------------------------------------------
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
    chart, legend = page_chart(index, page)
    if options.scope == "view":
        n = 1
    elif options.pages > 0:
        n = options.pages
    else:
        n = auto_pages(chart, t0, t1)
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
    chart, legend = page_chart(index, page)
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
    suffix = Path(path).suffix.lower()

    def produce(tmp: str) -> None:
        try:
            _draw_image(tmp, suffix, dataset, index, width, height, time_range)
        except PrintError as exc:
            raise PrintError(f"cannot write {path}: {exc}") from None

    _write(path, produce)


def _draw_image(
    path: str,
    suffix: str,
    dataset: Dataset,
    index: EventIndex,
    width: int,
    height: int,
    time_range: tuple[float, float] | None,
) -> None:
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
            raise PrintError("the SVG generator could not be started")
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
        raise PrintError("the image could not be saved")
