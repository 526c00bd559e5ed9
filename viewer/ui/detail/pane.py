"""DetailPane: the selected event's facts, its quotes, and its source text with quotes highlighted;
with nothing selected, the dataset's summary (:mod:`viewer.ui.detail.dataset_summary`).

Every dataset string goes into a plain-text widget (or is escaped); highlights are
QTextCharFormat extra selections at the quote offsets converted to UTF-16 at this boundary only.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.model.anchors import utf16_offset
from viewer.model.dataset import Dataset, Event, Quote, Source
from viewer.model.dates import describe, parse_date
from viewer.model.listing import date_text
from viewer.model.overview import Overview
from viewer.model.review import draft_label
from viewer.ui.detail.dataset_summary import DatasetSummary

HIGHLIGHT = QColor("#ffe08a")
CURRENT = QColor("#ffb347")
DRAFT_HIGHLIGHT = QColor("#e6dcf5")  # a drafted quote's words: lilac, a dashed underline
DRAFT_CURRENT = QColor("#c9b3ea")
DRAFT_ITEM = QColor("#f3eefb")  # a drafted quote in the list of quotes
SAFE_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> QUrl | None:
    """The URL if it may be opened (http/https with a host), else None."""
    if not url:
        return None
    q = QUrl(url, QUrl.ParsingMode.StrictMode)
    if q.isValid() and q.scheme().lower() in SAFE_SCHEMES and q.host():
        return q
    return None


@dataclass
class Span:
    quote_id: str
    start: int  # UTF-16 positions in the source view
    end: int
    draft: bool = False


def _plain_label(text: str = "", bold: bool = False, size: float | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if bold or size:
        font = QFont(label.font())
        font.setBold(bold)
        if size:
            font.setPointSizeF(size)
        label.setFont(font)
    return label


class DetailPane(QWidget):
    """Shows one event of a dataset; ``show_event(None)`` shows the dataset's summary."""

    quote_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.current_event: Event | None = None
        self.spans: list[Span] = []
        self.source: Source | None = None

        self.title = _plain_label(bold=True, size=13)
        self.title.setAccessibleName("Event title")
        self.date = _plain_label()
        self.date_source = _plain_label()
        self.status = _plain_label()
        self.actors = _plain_label()
        self.places = _plain_label()
        self.summary = _plain_label()
        self.summary.setAccessibleName("Summary")
        self.draft = _plain_label(bold=True)
        self.draft.setAccessibleName("Draft")
        self.draft.setStyleSheet("color: #6a3d9a")
        facts = QWidget()
        form = QFormLayout(facts)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.title)
        form.addRow("Review:", self.draft)
        self.facts_form = form
        for name, w in (
            ("Date", self.date),
            ("In the source", self.date_source),
            ("Status", self.status),
            ("Actors", self.actors),
            ("Places", self.places),
        ):
            form.addRow(f"{name}:", w)
        form.addRow(self.summary)

        self.quotes = QListWidget()
        self.quotes.setAccessibleName("Quotes")
        self.quotes.setWordWrap(True)
        self.quotes.setSpacing(2)
        self.quotes.itemActivated.connect(self._on_quote_item)
        self.quotes.itemClicked.connect(self._on_quote_item)

        self.source_meta = QLabel()
        self.source_meta.setTextFormat(Qt.TextFormat.RichText)  # built from escaped strings only
        self.source_meta.setWordWrap(True)
        self.source_meta.setOpenExternalLinks(False)
        self.source_meta.linkActivated.connect(self.open_link)
        self.source_meta.setAccessibleName("Source")
        self.source_text = QPlainTextEdit()
        self.source_text.setReadOnly(True)
        self.source_text.setAccessibleName("Source text")
        self.source_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        source_box = QWidget()
        sl = QVBoxLayout(source_box)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.source_meta)
        sl.addWidget(self.source_text, 1)

        quotes_box = QWidget()
        ql = QVBoxLayout(quotes_box)
        ql.setContentsMargins(0, 0, 0, 0)
        self.quotes_heading = _plain_label("Quotes", bold=True)
        ql.addWidget(self.quotes_heading)
        ql.addWidget(self.quotes, 1)

        facts_scroll = QScrollArea()
        facts_scroll.setWidget(facts)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(facts_scroll)
        self.splitter.addWidget(quotes_box)
        self.splitter.addWidget(source_box)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([230, 170, 420])
        self.overview = DatasetSummary()
        self.overview.setAccessibleName("Dataset summary")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        self.opened_urls: list[str] = []
        self.show_event(None)

    def set_dataset(self, ds: Dataset | None, overview: Overview | None = None) -> None:
        """The dataset whose events are shown, and its summary for when none is selected."""
        self.dataset = ds
        self.overview.set_overview(overview if ds is not None else None)
        self.show_event(None)

    def showing_summary(self) -> bool:
        return self.stack.currentWidget() is self.overview

    # --- showing ------------------------------------------------------------------------------
    def show_event(self, event: Event | None) -> None:
        self.current_event = event
        self.quotes.clear()
        self.spans = []
        if event is None or self.dataset is None:
            self.title.setText("No event selected")
            for w in (self.date, self.date_source, self.status, self.actors, self.places):
                w.setText("")
            self.summary.setText("Click an event on the timeline or in the list.")
            self._show_draft(None)
            self._show_source(None, [])
            self.quotes_heading.setText("Quotes")
            self.stack.setCurrentWidget(self.overview)
            return
        self.stack.setCurrentWidget(self.splitter)
        ds = self.dataset
        self.title.setText(event.title)
        self._show_draft(event)
        self.date.setText(date_text(event) + _precision_note(event))
        wording = event.when.text or "—"
        if event.when.basis:
            wording += f"\n({event.when.basis})"
        self.date_source.setText(wording)
        # tags hold a table's extra fields (GDELT's Goldstein scale, mentions, tone; ACLED's
        # fatalities)
        parts = [event.status, event.kind, *event.tags]
        self.status.setText(" · ".join(dict.fromkeys(parts)))  # (a tag that names the kind: once)
        self.actors.setText(", ".join(ds.actor(a).name for a in event.actors) or "—")
        self.places.setText(", ".join(ds.place(p).name for p in event.places) or "—")
        self.summary.setText(event.summary)
        self.quotes_heading.setText(f"Quotes ({len(event.quotes)})")
        for q in event.quotes:
            item = QListWidgetItem(self._quote_text(q))
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            item.setToolTip("Click to show it in the source text")
            if q.draft is not None:
                item.setBackground(DRAFT_ITEM)
                item.setToolTip("A draft: accept or reject it from its context menu")
            self.quotes.addItem(item)
        source_id = next((q.source for q in event.quotes if q.source), None)
        if source_id is None and event.citations:
            source_id = event.citations[0]
        source = ds.source(source_id) if source_id else None
        quotes = [q for q in event.quotes if source and q.source == source.id and q.selector]
        self._show_source(source, quotes)
        if self.spans:
            self.scroll_to_quote(self.spans[0].quote_id)

    def _show_draft(self, event: Event | None) -> None:
        """The event's draft mark and how many of its quotes are drafts (row hidden if none)."""
        lines = [draft_label(event.draft)] if event is not None and event.draft else []
        n = sum(q.draft is not None for q in event.quotes) if event is not None else 0
        if n:
            lines.append(f"{n} drafted quote{'s' if n > 1 else ''} to review")
        self.draft.setText("\n".join(lines))
        self.facts_form.setRowVisible(self.draft, bool(lines))

    def _quote_text(self, q: Quote) -> str:
        speaker = self.dataset.actor(q.speaker).name if self.dataset and q.speaker else "unknown"
        anchor = "" if q.selector else " · not anchored to a source text"
        mark = f"[{draft_label(q.draft)}]\n" if q.draft is not None else ""
        if q.form == "direct":
            return f"{mark}“{q.text}”\n— {speaker} (direct quote{anchor})"
        return f"{mark}{q.text}\n— {speaker} (reported speech{anchor})"

    def show_source(self, source: Source | None) -> None:
        """Show a source's text without an event (a source just added, to quote from)."""
        self._show_source(source, [])
        if source is not None:
            self.stack.setCurrentWidget(self.splitter)

    def _show_source(self, source: Source | None, quotes: list[Quote]) -> None:
        self.source = source
        if source is None:
            self.source_meta.setText("<i>No source text for this event.</i>")
            self.source_text.setPlainText("")
            self.source_text.setExtraSelections([])
            return
        parts = [f"<b>{html.escape(source.title)}</b>"]
        if source.publisher:
            parts.append(html.escape(source.publisher))
        if source.published:
            try:
                parts.append(html.escape(describe(parse_date(source.published))))
            except ValueError:
                parts.append(html.escape(source.published))
        if source.url:
            if safe_url(source.url) is not None:
                parts.append(
                    f'<a href="{html.escape(source.url, quote=True)}">{html.escape(source.url)}</a>'
                )
            else:
                parts.append(f"{html.escape(source.url)} (not a web link; not opened)")
        self.source_meta.setText(" · ".join(parts))
        text = source.text or ""
        self.source_text.setPlaceholderText(
            "The dataset does not hold this source's text: its quotes cannot be checked here."
        )
        self.source_text.setPlainText(text)
        spans = []
        for q in quotes:
            assert q.selector is not None
            a = utf16_offset(text, q.selector.start)
            b = utf16_offset(text, q.selector.end)
            spans.append(Span(q.id, a, b, q.draft is not None))
        self.spans = spans
        self._apply_highlights(None)

    def _apply_highlights(self, current: str | None) -> None:
        selections = []
        for span in self.spans:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            if span.draft:
                fmt.setBackground(DRAFT_CURRENT if span.quote_id == current else DRAFT_HIGHLIGHT)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(QColor("#6a3d9a"))
            else:
                fmt.setBackground(CURRENT if span.quote_id == current else HIGHLIGHT)
            sel.format = fmt
            cursor = QTextCursor(self.source_text.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.source_text.setExtraSelections(selections)

    def draft_spans(self) -> list[tuple[int, int]]:
        """(start, end) UTF-16 positions of the drafted quotes' highlights."""
        return [(s.start, s.end) for s in self.spans if s.draft]

    def highlighted_spans(self) -> list[tuple[int, int]]:
        """(start, end) UTF-16 positions of the highlights shown in the source text."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.source_text.extraSelections()
        ]

    def scroll_to_quote(self, quote_id: str) -> None:
        span = next((s for s in self.spans if s.quote_id == quote_id), None)
        if span is None:
            return
        self._apply_highlights(quote_id)
        cursor = QTextCursor(self.source_text.document())
        cursor.setPosition(span.end)
        self.source_text.setTextCursor(cursor)
        cursor.setPosition(span.start)
        self.source_text.setTextCursor(cursor)
        self.source_text.centerCursor()
        self.quote_activated.emit(quote_id)

    def _on_quote_item(self, item: QListWidgetItem) -> None:
        self.scroll_to_quote(item.data(Qt.ItemDataRole.UserRole))

    def open_link(self, url: str) -> None:
        """Open a source URL in the browser on a click, and only if it is http/https."""
        q = safe_url(url)
        if q is None:
            return
        self.opened_urls.append(q.toString())
        QDesktopServices.openUrl(q)


def _precision_note(event: Event) -> str:
    notes = []
    if event.when.approximate:
        notes.append("approximate")
    if event.when.uncertain:
        notes.append("uncertain")
    if event.when.precision in ("year", "month"):
        notes.append(f"known to the {event.when.precision}")
    return f"  ({', '.join(notes)})" if notes else ""
