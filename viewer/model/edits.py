"""Edit commands on a :class:`~viewer.model.document.Document`: what the undo stack holds.

Each has ``apply(doc)``, ``revert(doc)`` and ``text`` (for the Edit menu: "Edit title of …").
``apply`` checks the changed part as `validate` would and raises
:class:`~viewer.model.edit_checks.EditError` (nothing changed) if it is wrong; ``revert`` after
``apply`` gives back the document as it was. Edits find events by id, so an edit stays right
whatever other edits were undone or redone in between (in stack order, as QUndoStack runs them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from viewer.model.dataset import Actor, Dataset, Event, Place, Quote, Source
from viewer.model.document import Document, event_data
from viewer.model.edit_checks import EditError, check_event, check_part, validated

WHEN_FIELDS = ("start", "end", "precision", "end_precision", "approximate", "uncertain", "tz",
               "text", "basis")  # fmt: skip


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


class Edit:
    """One undoable change."""

    text: str = "Edit"

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def revert(self, doc: Document) -> None:
        raise NotImplementedError


def _row(doc: Document, event_id: str) -> int:
    row = doc.row_of(event_id)
    if row < 0:
        raise EditError(f"no event with id '{event_id}'")
    return row


def _ids_taken(doc: Document, event_id: str, row: int) -> bool:
    found = doc.row_of(event_id)
    return found not in (-1, row)


# --- events --------------------------------------------------------------------------------------
@dataclass
class AddEvent(Edit):
    """A new event, appended (its row is the last)."""

    event: Event

    def __post_init__(self) -> None:
        self.text = f"Add event “{_clip(self.event.title)}”"

    def apply(self, doc: Document) -> None:
        check_event(doc.header, self.event, doc.n, _ids_taken(doc, self.event.id, doc.n))
        doc.insert_row(doc.n, self.event)

    def revert(self, doc: Document) -> None:
        doc.delete_row(_row(doc, self.event.id))


@dataclass
class UpdateEvent(Edit):
    """Change fields of an event: ``changes`` of Event fields, ``when`` a dict of When fields
    to change (a None value removes an optional field)."""

    event_id: str
    changes: dict[str, Any] = field(default_factory=dict)
    old: Event | None = None
    new: Event | None = None

    def __post_init__(self) -> None:
        names = [*[k for k in self.changes if k != "when"], *self.changes.get("when", {})]
        what = names[0] if len(names) == 1 else "fields"
        self.text = f"Edit {what} of “{_clip(self.event_id)}”"

    def apply(self, doc: Document) -> None:
        row = _row(doc, self.event_id)
        self.old = doc.event(row)
        data = event_data(self.old)
        for key, value in self.changes.items():
            if key == "when":
                data["when"] = {**data["when"], **value}
            else:
                data[key] = value
        new = validated(Event, data, ("events", row))
        check_event(doc.header, new, row, _ids_taken(doc, new.id, row))
        self.new = new
        doc.set_row(row, new)
        if new.id != self.event_id:
            self.text = self.text.replace(self.event_id, new.id)

    def revert(self, doc: Document) -> None:
        assert self.old is not None
        assert self.new is not None
        doc.set_row(_row(doc, self.new.id), self.old)


@dataclass
class DeleteEvent(Edit):
    """Remove an event with its quotes."""

    event_id: str
    old: Event | None = None
    row: int = -1

    def __post_init__(self) -> None:
        self.text = f"Delete event “{_clip(self.event_id)}”"

    def apply(self, doc: Document) -> None:
        self.row = _row(doc, self.event_id)
        self.old = doc.event(self.row)
        doc.delete_row(self.row)

    def revert(self, doc: Document) -> None:
        assert self.old is not None
        doc.insert_row(self.row, self.old)


# --- the parts: sources, actors, places -----------------------------------------------------------
def _with(header: Dataset, kind: str, items: Sequence[Any]) -> Dataset:
    return header.model_copy(update={kind: list(items)})


@dataclass
class AddPart(Edit):
    """Append a source, actor or place (``kind``: sources, actors, places)."""

    kind: str
    item: Source | Actor | Place

    def __post_init__(self) -> None:
        what = self.kind[:-1]
        name = getattr(self.item, "name", None) or getattr(self.item, "title", self.item.id)
        self.text = f"Add {what} “{_clip(name)}”"

    def apply(self, doc: Document) -> None:
        items = getattr(doc.header, self.kind)
        check_part(doc.header, self.kind, self.item, len(items))
        doc.set_header(_with(doc.header, self.kind, [*items, self.item]))

    def revert(self, doc: Document) -> None:
        items = [x for x in getattr(doc.header, self.kind) if x.id != self.item.id]
        doc.set_header(_with(doc.header, self.kind, items))


def AddSource(source: Source) -> AddPart:  # noqa: N802 - reads as the edit it makes
    return AddPart("sources", source)


def AddActor(actor: Actor) -> AddPart:  # noqa: N802
    return AddPart("actors", actor)


def AddPlace(place: Place) -> AddPart:  # noqa: N802
    return AddPart("places", place)


@dataclass
class UpdatePart(Edit):
    """Change fields of a source, actor or place (not its id: events refer to it; not a
    source's text: quotes are anchored in it)."""

    kind: str
    item_id: str
    changes: dict[str, Any]
    old: Any = None

    def __post_init__(self) -> None:
        if "id" in self.changes or "text" in self.changes or "sha256" in self.changes:
            raise EditError("the id and a source's text cannot be changed (they are referred to)")
        names = list(self.changes)
        what = names[0] if len(names) == 1 else "fields"
        if names == ["name"]:
            self.text = f"Rename {self.kind[:-1]} “{_clip(self.item_id)}”"
        else:
            self.text = f"Edit {what} of {self.kind[:-1]} “{_clip(self.item_id)}”"

    def apply(self, doc: Document) -> None:
        items = list(getattr(doc.header, self.kind))
        rows = [k for k, x in enumerate(items) if x.id == self.item_id]
        if not rows:
            raise EditError(f"no {self.kind[:-1]} with id '{self.item_id}'")
        row = rows[0]
        self.old = items[row]
        data = {**self.old.model_dump(mode="python"), **self.changes}
        new = validated(type(self.old), data, (self.kind, row))
        check_part(doc.header, self.kind, new, row)
        items[row] = new
        doc.set_header(_with(doc.header, self.kind, items))

    def revert(self, doc: Document) -> None:
        items = [self.old if x.id == self.item_id else x for x in getattr(doc.header, self.kind)]
        doc.set_header(_with(doc.header, self.kind, items))


def RenameActor(actor_id: str, name: str) -> UpdatePart:  # noqa: N802
    return UpdatePart("actors", actor_id, {"name": name})


def SetAliases(kind: str, item_id: str, aliases: list[str]) -> UpdatePart:  # noqa: N802
    return UpdatePart(kind, item_id, {"aliases": list(aliases)})


@dataclass
class MergeActors(Edit):
    """Merge actor ``drop`` into ``keep``: events and quotes that named ``drop`` name ``keep``;
    ``drop``'s name and aliases become aliases of ``keep``."""

    keep: str
    drop: str
    _before: tuple[Dataset, Any] | None = None

    def __post_init__(self) -> None:
        self.text = f"Merge actor “{_clip(self.drop)}” into “{_clip(self.keep)}”"

    def apply(self, doc: Document) -> None:
        ids = [a.id for a in doc.header.actors]
        if self.keep == self.drop:
            raise EditError("an actor cannot be merged into itself")
        for actor_id in (self.keep, self.drop):
            if actor_id not in ids:
                raise EditError(f"no actor with id '{actor_id}'")
        k, d = ids.index(self.keep), ids.index(self.drop)
        self._before = (doc.header, doc.table)
        keep, drop = doc.header.actors[k], doc.header.actors[d]
        aliases = [*keep.aliases, *(x for x in (drop.name, *drop.aliases) if x != keep.name)]
        merged = keep.model_copy(update={"aliases": list(dict.fromkeys(aliases))})
        actors = [
            merged if x.id == self.keep else x for x in doc.header.actors if x.id != self.drop
        ]
        remap = np.arange(len(ids), dtype=np.int32)
        remap[d] = k
        remap = np.searchsorted(np.delete(np.arange(len(ids)), d), remap).astype(np.int32)
        # rows that named both, and events kept whole that name drop, are made anew
        table = doc.table
        off, codes = table.actor_off, table.actor_idx
        rows = np.repeat(np.arange(table.n), np.diff(off))
        both = sorted(set(rows[codes == d].tolist()) & set(rows[codes == k].tolist()))
        remade: dict[int, Event] = {}
        for row in {*both, *table.complex}:
            ev = doc.event(row)
            if row in both or self.drop in ev.actors or _speaks(ev, self.drop):
                remade[row] = _renamed(ev, self.drop, self.keep)
        header = doc.header.model_copy(update={"actors": actors})
        doc.reset(header, doc.with_refs("actors", remap), remade)

    def revert(self, doc: Document) -> None:
        assert self._before is not None
        header, table = self._before
        doc.reset(header, table)


def _speaks(ev: Event, actor_id: str) -> bool:
    return any(q.speaker == actor_id for q in ev.quotes)


def _renamed(ev: Event, old: str, new: str) -> Event:
    actors = list(dict.fromkeys(new if a == old else a for a in ev.actors))
    quotes = [q.model_copy(update={"speaker": new}) if q.speaker == old else q for q in ev.quotes]
    return ev.model_copy(update={"actors": actors, "quotes": quotes})


# --- several edits as one ----------------------------------------------------------------------
@dataclass
class Compound(Edit):
    """Edits done and undone together (a quote that makes its speaker and its event)."""

    edits: list[Edit]
    label: str = ""

    def __post_init__(self) -> None:
        self.text = self.label or (self.edits[-1].text if self.edits else "Edit")

    def apply(self, doc: Document) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(doc)
                done.append(edit)
        except EditError:
            for edit in reversed(done):
                edit.revert(doc)
            raise

    def revert(self, doc: Document) -> None:
        for edit in reversed(self.edits):
            edit.revert(doc)


def quote_ids(doc: Document) -> set[str]:
    """Every quote id in the document (quotes live in the events kept whole)."""
    return {q.id for ev in doc.table.complex.values() for q in ev.quotes}


def unique_id(stem: str, taken: set[str] | Any) -> str:
    """``stem`` or ``stem-2``, ``stem-3`` … whichever ``taken`` does not hold."""
    if stem not in taken:
        return stem
    k = 2
    while f"{stem}-{k}" in taken:
        k += 1
    return f"{stem}-{k}"


__all__ = [
    "WHEN_FIELDS",
    "AddActor",
    "AddEvent",
    "AddPart",
    "AddPlace",
    "AddSource",
    "Compound",
    "DeleteEvent",
    "Edit",
    "EditError",
    "MergeActors",
    "Quote",
    "RenameActor",
    "SetAliases",
    "UpdateEvent",
    "UpdatePart",
    "quote_ids",
    "unique_id",
]
