"""Deleting one quote from its event: rejecting a drafted quote, or removing a wrong one.

(The editing branch has its own ``quoting.DeleteQuote`` with the same fields; when both are
merged, one of them goes.)
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.document import Document
from viewer.model.edit_checks import EditError
from viewer.model.edits import Edit, UpdateEvent


@dataclass
class DeleteQuote(Edit):
    """Remove a quote from its event (the event keeps its actors and citations)."""

    event_id: str
    quote_id: str
    _done: UpdateEvent | None = None

    def __post_init__(self) -> None:
        self.text = f"Delete quote “{self.quote_id}”"

    def apply(self, doc: Document) -> None:
        row = doc.row_of(self.event_id)
        if row < 0:
            raise EditError(f"no event with id '{self.event_id}'")
        quotes = list(doc.event(row).quotes)
        kept = [q for q in quotes if q.id != self.quote_id]
        if len(kept) == len(quotes):
            raise EditError(f"event '{self.event_id}' has no quote with id '{self.quote_id}'")
        done = UpdateEvent(self.event_id, {"quotes": kept})
        done.apply(doc)
        self._done = done

    def revert(self, doc: Document) -> None:
        assert self._done is not None
        self._done.revert(doc)
