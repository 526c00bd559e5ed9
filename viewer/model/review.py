"""Reviewing a drafted chronology: which events carry a draft mark (their own or a quote's),
and the edits that accept drafts (clear the marks). Rejecting a draft is deleting it
(:class:`~viewer.model.edits.DeleteEvent`, :class:`~viewer.model.quoting.DeleteQuote`).

Draft marks live only in the events kept whole (``EventTable.complex``): no column holds them,
so finding them, and clearing them all at once, costs a pass over those events only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.dataset import Draft, Event
from viewer.model.document import Document
from viewer.model.edit_checks import EditError
from viewer.model.edits import Edit, UpdateEvent
from viewer.model.table import EventTable


def is_drafted(event: Event) -> bool:
    """Whether the event or one of its quotes is still a draft."""
    return event.draft is not None or any(q.draft is not None for q in event.quotes)


def drafted_events(table: EventTable) -> dict[int, Event]:
    """The events (by row) that are drafts or hold drafted quotes."""
    return {row: ev for row, ev in table.complex.items() if is_drafted(ev)}


@dataclass(frozen=True)
class DraftCounts:
    """How much is left to review: drafted events and drafted quotes (in any event)."""

    events: int
    quotes: int

    @property
    def total(self) -> int:
        return self.events + self.quotes

    def text(self) -> str:
        """The status bar's words: "3 drafts to review (1 event, 2 quotes)"; '' when none."""
        if not self.total:
            return ""
        parts = [_plural(self.events, "event"), _plural(self.quotes, "quote")]
        return f"{_plural(self.total, 'draft')} to review ({', '.join(parts)})"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def draft_counts(table: EventTable) -> DraftCounts:
    events = quotes = 0
    for ev in table.complex.values():
        events += ev.draft is not None
        quotes += sum(q.draft is not None for q in ev.quotes)
    return DraftCounts(events, quotes)


def draft_marks(table: EventTable) -> tuple[np.ndarray, np.ndarray]:
    """(rows, confidence) of the drafted events, rows ascending; the confidence is the event's
    own, or NaN for an accepted event that still holds drafted quotes."""
    found = drafted_events(table)
    rows = np.array(sorted(found), np.int64)
    conf = np.array(
        [found[r].draft.confidence if found[r].draft else np.nan for r in rows.tolist()],  # type: ignore[union-attr]
        np.float64,
    )
    return rows, conf


def draft_badge(event: Event) -> str:
    """The event list's Draft cell: "draft 70% · 2 quotes", "1 quote", or ''."""
    parts = [f"draft {round(event.draft.confidence * 100)}%"] if event.draft else []
    n = sum(q.draft is not None for q in event.quotes)
    if n:
        parts.append(_plural(n, "quote") + (" to review" if not event.draft else ""))
    return " · ".join(parts)


def draft_badges(table: EventTable) -> dict[int, str]:
    """The Draft cell of each drafted event row."""
    return {row: draft_badge(ev) for row, ev in drafted_events(table).items()}


def draft_label(draft: Draft) -> str:
    """ "draft, 70% sure: check the date" (the note only when there is one)."""
    note = f": {draft.note}" if draft.note else ""
    return f"draft, {round(draft.confidence * 100)}% sure{note}"


def _accepted(event: Event, quote_id: str | None, with_quotes: bool) -> Event:
    if quote_id is not None:
        if not any(q.id == quote_id for q in event.quotes):
            raise EditError(f"event '{event.id}' has no quote with id '{quote_id}'")
        quotes = [
            q.model_copy(update={"draft": None}) if q.id == quote_id else q for q in event.quotes
        ]
        return event.model_copy(update={"quotes": quotes})
    update: dict[str, object] = {"draft": None}
    if with_quotes:
        update["quotes"] = [q.model_copy(update={"draft": None}) for q in event.quotes]
    return event.model_copy(update=update)


@dataclass
class AcceptDraft(Edit):
    """Clear the draft mark of an event (``with_quotes``: and of all its quotes), or of one of
    its quotes (``quote_id``). Refused when there is no such mark to clear."""

    event_id: str
    quote_id: str | None = None
    with_quotes: bool = True
    _done: UpdateEvent | None = None

    def __post_init__(self) -> None:
        if self.quote_id is not None:
            self.text = f"Accept drafted quote “{_clip(self.quote_id)}”"
        else:
            self.text = f"Accept draft “{_clip(self.event_id)}”"

    def apply(self, doc: Document) -> None:
        row = doc.row_of(self.event_id)
        if row < 0:
            raise EditError(f"no event with id '{self.event_id}'")
        old = doc.event(row)
        new = _accepted(old, self.quote_id, self.with_quotes)
        if new == old:
            what = f"quote '{self.quote_id}'" if self.quote_id else f"event '{self.event_id}'"
            raise EditError(f"{what} is not a draft; nothing to accept")
        changes: dict[str, object] = {"draft": new.draft, "quotes": list(new.quotes)}
        done = UpdateEvent(self.event_id, changes)
        done.apply(doc)
        self._done = done

    def revert(self, doc: Document) -> None:
        assert self._done is not None
        self._done.revert(doc)


@dataclass
class AcceptAllDrafts(Edit):
    """Clear every draft mark, of events and of quotes. Only the events kept whole change
    (the columns hold no marks): the table keeps its columns, undo puts back the old one."""

    _before: EventTable | None = None
    count: int = 0

    def __post_init__(self) -> None:
        self.text = "Accept all drafts"

    def apply(self, doc: Document) -> None:
        table = doc.table
        found = drafted_events(table)
        if not found:
            raise EditError("there are no drafts to accept")
        complex_ = dict(table.complex)
        for row, ev in found.items():
            complex_[row] = _accepted(ev, None, True)
        self.count = draft_counts(table).total
        self.text = f"Accept all drafts ({self.count:,})"
        self._before = table
        doc.reset(doc.header, EventTable(table.table, complex_, table.basis_forms))

    def revert(self, doc: Document) -> None:
        assert self._before is not None
        doc.reset(doc.header, self._before)


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
