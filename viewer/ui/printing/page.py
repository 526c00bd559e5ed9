"""Page furniture for printed pages: geometry, fonts, paper colours, the header and the footer
(title, what the page shows, printing date, page N of M)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from viewer.model.dates import PartialDate, describe, describe_instant
from viewer.ui.style import label_font

BLACK = QColor(0, 0, 0)
GREY = QColor(90, 90, 90)
RULE = QColor(150, 150, 150)


def print_font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
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
    bold = print_font(12, bold=True)
    small = print_font(9)
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
    font = print_font(8)
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


def page_geometry(printer: QPrinter) -> Page:
    rect = printer.pageRect(QPrinter.Unit.DevicePixel)
    return Page(rect.width(), rect.height())
