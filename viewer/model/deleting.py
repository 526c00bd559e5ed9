"""Deleting an actor, a place or a source: refused with the events that refer to it (how many,
and which), or, when asked, with those references removed too. A source whose text quotes are
anchored to is never deleted while those quotes exist.

The table's references are rows of the header's lists: deleting an item drops its code from
the reference column and moves the codes after it down by one (one vectorised pass); the
events kept whole that named it are made anew. Undo puts back the previous header and table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.model.dataset import Event
from viewer.model.document import Document
from viewer.model.edit_checks import EditError
from viewer.model.edits import Edit

COLUMNS = {"actors": "actors", "places": "places", "sources": "citations"}
NAMED = 5  # events named in a refusal; the rest are counted


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _position(doc: Document, kind: str, item_id: str) -> int:
    if kind not in COLUMNS:
        raise EditError(f"'{kind}' cannot be deleted; expected actors, places or sources")
    ids = [x.id for x in getattr(doc.header, kind)]
    if item_id not in ids:
        raise EditError(f"no {kind[:-1]} with id '{item_id}'")
    return ids.index(item_id)


def _in_quotes(ev: Event, kind: str, item_id: str) -> bool:
    if kind == "actors":
        return any(q.speaker == item_id for q in ev.quotes)
    if kind == "sources":
        return any(q.source == item_id for q in ev.quotes)
    return False


def referring_rows(doc: Document, kind: str, item_id: str) -> list[int]:
    """The rows of the events that refer to an actor (as actor or speaker), a place, or a
    source (cited or quoted), in row order."""
    code = _position(doc, kind, item_id)
    table = doc.table
    column = table.column(COLUMNS[kind])
    offsets = column.offsets.to_numpy()
    codes = column.flatten().to_numpy(zero_copy_only=False)
    owners = np.repeat(np.arange(table.n), np.diff(offsets))
    rows = set(owners[codes == code].tolist())
    rows |= {row for row, ev in table.complex.items() if _in_quotes(ev, kind, item_id)}
    return sorted(rows)


def quoted_rows(doc: Document, source_id: str) -> tuple[list[int], int]:
    """(rows of the events with quotes from a source, how many such quotes)."""
    rows, count = [], 0
    for row, ev in sorted(doc.table.complex.items()):
        n = sum(1 for q in ev.quotes if q.source == source_id)
        if n:
            rows.append(row)
            count += n
    return rows, count


def _events_named(doc: Document, rows: list[int]) -> str:
    names = [f"“{_clip(doc.table.titles[r])}” ({doc.table.ids[r]})" for r in rows[:NAMED]]
    more = f" and {len(rows) - NAMED} more" if len(rows) > NAMED else ""
    return ", ".join(names) + more


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _without(ev: Event, kind: str, item_id: str) -> Event:
    """The event with every reference to the item removed (a speaker becomes unknown)."""
    if kind == "actors":
        quotes = [
            q.model_copy(update={"speaker": None}) if q.speaker == item_id else q for q in ev.quotes
        ]
        return ev.model_copy(
            update={"actors": [a for a in ev.actors if a != item_id], "quotes": quotes}
        )
    if kind == "places":
        return ev.model_copy(update={"places": [p for p in ev.places if p != item_id]})
    return ev.model_copy(update={"citations": [s for s in ev.citations if s != item_id]})


@dataclass
class DeletePart(Edit):
    """Delete a source, actor or place (``kind``: sources, actors, places). Refused while
    events refer to it, unless ``remove_refs``: then it leaves those events too. A source
    quoted by a quote is refused either way."""

    kind: str
    item_id: str
    remove_refs: bool = False
    _before: tuple[Any, Any] | None = None

    def __post_init__(self) -> None:
        what = self.kind[:-1]
        self.text = f"Delete {what} “{_clip(self.item_id)}”"
        if self.remove_refs:
            self.text += " and its references"

    def apply(self, doc: Document) -> None:
        code = _position(doc, self.kind, self.item_id)
        what = f"{self.kind[:-1]} '{self.item_id}'"
        if self.kind == "sources":
            rows, count = quoted_rows(doc, self.item_id)
            if rows:
                verb = "is" if count == 1 else "are"
                raise EditError(
                    f"{what} cannot be deleted: {_plural(count, 'quote')} in "
                    f"{_plural(len(rows), 'event')} {verb} anchored to its text "
                    f"({_events_named(doc, rows)}); delete or re-anchor those quotes first"
                )
        rows = referring_rows(doc, self.kind, self.item_id)
        if rows and not self.remove_refs:
            raise EditError(
                f"{what} is referred to by {_plural(len(rows), 'event')}: "
                f"{_events_named(doc, rows)}; expected no event to refer to it "
                "(or choose to remove the references too)"
            )
        self._before = (doc.header, doc.table)
        items = [x for x in getattr(doc.header, self.kind) if x.id != self.item_id]
        header = doc.header.model_copy(update={self.kind: items})
        remade = {
            row: _without(doc.event(row), self.kind, self.item_id)
            for row in rows
            if row in doc.table.complex
        }
        doc.reset(header, doc.without_ref(COLUMNS[self.kind], code), remade)

    def revert(self, doc: Document) -> None:
        assert self._before is not None
        header, table = self._before
        doc.reset(header, table)


def DeleteActor(actor_id: str, remove_refs: bool = False) -> DeletePart:  # noqa: N802
    return DeletePart("actors", actor_id, remove_refs)


def DeletePlace(place_id: str, remove_refs: bool = False) -> DeletePart:  # noqa: N802
    return DeletePart("places", place_id, remove_refs)


def DeleteSource(source_id: str, remove_refs: bool = False) -> DeletePart:  # noqa: N802
    return DeletePart("sources", source_id, remove_refs)
