"""Chronology pages: one QTextDocument per event (date, title, source's words, quotes and
citations), laid on pages so that an event never straddles a break."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QPaintDevice,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from viewer.model.dataset import Dataset, Event, Source
from viewer.model.dates import DateError, describe, parse_date
from viewer.model.listing import date_text
from viewer.ui.printing.page import BLACK, GREY, print_font

EVENT_GAP = 10.0


DRAFT_MARK = "draft, not reviewed"


def _char(point_size: float, bold: bool = False, italic: bool = False, grey: bool = False):  # type: ignore[no-untyped-def]
    fmt = QTextCharFormat()
    fmt.setFont(print_font(point_size, bold, italic))
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


def _document(width: float, device: QPaintDevice) -> QTextDocument:
    """An empty document laid out for ``device`` at ``width``, without a margin."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    return doc


def event_document(
    dataset: Dataset, ev: Event, width: float, device: QPaintDevice
) -> QTextDocument:
    """One event of the chronology as plain text with formats (no HTML: dataset strings are
    never interpreted)."""
    doc = _document(width, device)
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
    if ev.draft is not None:  # a briefing never passes an unreviewed draft off as checked
        cursor.insertText(f"  [{DRAFT_MARK}]", _char(9.5, bold=True))
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
        if q.draft is not None:
            cursor.insertText(f" [{DRAFT_MARK}]", _char(8.5, bold=True))
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
    heading = _document(width, device)
    cur = QTextCursor(heading)
    cur.insertText("Chronology", _char(15, bold=True))
    cur.insertBlock()
    n = len(rows)
    events = [dataset.events[r] for r in rows]
    quotes = sum(len(ev.quotes) for ev in events)
    cur.insertText(
        f"{n} event{'s' if n != 1 else ''} in time order, {quotes} "
        f"quote{'s' if quotes != 1 else ''} with their speakers and sources. Dates as normalised "
        "by the viewer (~ approximate, ? uncertain), with the source's own words.",
        _char(8.5, grey=True),
    )
    drafts = sum(ev.draft is not None for ev in events)
    drafts += sum(q.draft is not None for ev in events for q in ev.quotes)
    if drafts:
        cur.insertBlock()
        cur.insertText(
            f"{drafts} item{'s' if drafts != 1 else ''} marked [{DRAFT_MARK}] "
            f"{'were' if drafts != 1 else 'was'} drafted from an article and not yet checked "
            "by a person.",
            _char(8.5, bold=True),
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
