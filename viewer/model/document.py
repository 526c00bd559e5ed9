"""The editable document: a dataset's parts (header: metadata, sources, actors, places, eras)
and its EventTable, changed one row at a time.

An edit never rebuilds the world: a row change makes each Arrow column anew from two slices and
the one changed row (a memory copy, milliseconds at a million rows), and keeps the changed
event whole in ``complex``. What the views need (the Dataset with lazy events, the Loaded) is
made again after each change; the index is the caller's (see docs/editing.md for its cost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from viewer.model.dataset import Dataset, Event
from viewer.model.formats.columns import ColumnarLoaded, LazyEvents
from viewer.model.table import EventTable

Listener = Callable[[], None]


class Document:
    """A dataset being edited. ``revision`` counts changes; ``saved_revision`` is the one last
    written (or opened), so ``dirty`` says whether there are unsaved edits."""

    def __init__(
        self, header: Dataset, table: EventTable, path: str = "", format: str = "native"
    ) -> None:
        self.header = header.model_copy(update={"events": []})
        self.table = table
        self.path = path
        self.format = format
        self.revision = 0
        self.saved_revision = 0
        self.stamp: tuple[int, int] | None = None  # (mtime_ns, size) of the file when read
        self._dataset: Dataset | None = None
        self.listeners: list[Listener] = []

    @classmethod
    def from_loaded(cls, loaded: ColumnarLoaded) -> Document:
        assert loaded.columns is not None
        return cls(loaded.dataset, loaded.columns, loaded.path, loaded.format)

    @classmethod
    def new(cls, title: str = "Untitled") -> Document:
        header = Dataset(title=title)
        return cls(header, EventTable.from_events([], header), "", "native")

    # --- what the views read ---------------------------------------------------------------
    @property
    def n(self) -> int:
        return self.table.n

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    @property
    def dataset(self) -> Dataset:
        """The dataset with lazy events over the current table (made again after a change)."""
        if self._dataset is None:
            lazy = LazyEvents(self.table, self.header)
            out = self.header.model_copy(update={"events": lazy})
            out._ids = {}  # model_copy shares the id lookup of the copied header: not its parts
            lazy.header = out
            self._dataset = out
        return self._dataset

    def loaded(self) -> ColumnarLoaded:
        return ColumnarLoaded(self.dataset, [], self.path, self.format, self.table)

    def event(self, row: int) -> Event:
        return self.dataset.events[row]

    def row_of(self, event_id: str) -> int:
        return self.table.row_of(event_id)

    # --- changes ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._dataset = None
        self.revision += 1
        for listener in list(self.listeners):
            listener()

    def set_header(self, header: Dataset) -> None:
        """New parts (sources, actors, places, metadata); the table's references are rows of
        the header's lists, so a change must keep existing rows or remap them first."""
        self.header = header.model_copy(update={"events": []})
        self._changed()

    def set_row(self, row: int, event: Event) -> None:
        self._splice(row, 1, event)
        self._changed()

    def insert_row(self, row: int, event: Event) -> None:
        self._splice(row, 0, event)
        self._changed()

    def delete_row(self, row: int) -> None:
        self._splice(row, 1, None)
        self._changed()

    def reset(
        self, header: Dataset, table: EventTable, rows: dict[int, Event] | None = None
    ) -> None:
        """New parts and a whole new table (merging actors remaps a reference column), then
        ``rows`` made anew from their events (references by the new header's rows)."""
        self.header = header.model_copy(update={"events": []})
        self.table = table
        for row, event in (rows or {}).items():
            self._splice(row, 1, event)
        self._changed()

    def _splice(self, row: int, remove: int, event: Event | None) -> None:
        """Replace rows ``row:row+remove`` by ``event`` (or nothing), column by column."""
        old = self.table
        if not 0 <= row <= old.n - remove:
            raise IndexError(f"row {row} of {old.n}")
        piece = EventTable.from_events([event], self.header).table if event is not None else None
        arrays: list[pa.Array] = []
        for name in old.table.column_names:
            column = old.table.column(name)
            whole = column.chunk(0) if column.num_chunks else pa.array([], column.type)
            if remove == 1 and piece is not None:
                value = piece.column(name).chunk(0)[0]
                if value.as_py() == whole[row].as_py():  # unchanged: the column is kept
                    arrays.append(whole)
                    continue
            parts = [whole.slice(0, row)]
            if piece is not None:
                parts.append(piece.column(name).chunk(0))
            parts.append(whole.slice(row + remove))
            arrays.append(pa.concat_arrays(parts))
        table = pa.Table.from_arrays(arrays, names=old.table.column_names)
        shift = (0 if event is not None else -1) if remove else 1
        complex_: dict[int, Event] = {}
        for k, ev in old.complex.items():
            if k < row:
                complex_[k] = ev
            elif k >= row + remove:
                complex_[k + shift] = ev
        if event is not None:
            complex_[row] = event
        self.table = EventTable(table, complex_, old.basis_forms)

    # --- reference columns ----------------------------------------------------------------------
    def with_refs(self, column: str, remap: np.ndarray) -> EventTable:
        """The table with the codes of a reference column (actors, places) mapped through
        ``remap`` (old row -> new row); a reference repeated in an event by the remap is
        kept once (the events that had it are made whole again)."""
        old = self.table
        lists = old.table.column(column)
        arr = lists.chunk(0) if lists.num_chunks else pa.array([], lists.type)
        offsets = arr.offsets.to_numpy()
        codes = remap[arr.values.to_numpy()].astype(np.int32)
        new = pa.LargeListArray.from_arrays(pa.array(offsets), pa.array(codes))
        table = old.table.set_column(
            old.table.column_names.index(column), column, pa.chunked_array([new])
        )
        return EventTable(table, dict(old.complex), old.basis_forms)

    def without_ref(self, column: str, code: int) -> EventTable:
        """The table with reference ``code`` dropped from a reference column (actors, places,
        citations) and the codes after it moved down by one (the item left the header)."""
        old = self.table
        arr = old.column(column)
        offsets = arr.offsets.to_numpy()
        codes = arr.flatten().to_numpy(zero_copy_only=False)
        owners = np.repeat(np.arange(old.n), np.diff(offsets))
        keep = codes != code
        counts = np.bincount(owners[keep], minlength=old.n)
        new_offsets = np.zeros(old.n + 1, np.int64)
        np.cumsum(counts, out=new_offsets[1:])
        kept = codes[keep]
        kept = (kept - (kept > code)).astype(np.int32)
        new = pa.LargeListArray.from_arrays(pa.array(new_offsets), pa.array(kept))
        table = old.table.set_column(
            old.table.column_names.index(column), column, pa.chunked_array([new])
        )
        return EventTable(table, dict(old.complex), old.basis_forms)


# what an EventIndex is made of (with the titles and the names of actors and places)
INDEX_COLUMNS = ("start", "end", "period_end", "precision", "end_precision", "flags", "status",
                 "kind", "actors", "places", "tags")  # fmt: skip


def _buffers(arr: pa.Array) -> list[tuple[int, int] | None]:
    """Where an array's data lives (its children's and dictionaries' too)."""
    out = [(b.address, b.size) if b is not None else None for b in arr.buffers()]
    kind = arr.type
    if pa.types.is_dictionary(kind):
        out += _buffers(arr.dictionary)
    elif pa.types.is_large_list(kind) and pa.types.is_dictionary(kind.value_type):
        out += _buffers(arr.values.dictionary)
    return [(arr.offset, len(arr)), *out]


def shares_columns(a: EventTable, b: EventTable, names: tuple[str, ...] = INDEX_COLUMNS) -> bool:
    """Whether two tables hold the very same arrays (the same memory) in columns ``names``: an
    edit that changed none of them (a title, a summary, quotes) keeps them as they were, and
    an index made of them stays right. Exact, O(1) per column; ``a`` must still be alive (its
    memory cannot then be reused by ``b``)."""
    if a.n != b.n:
        return False
    return all(_buffers(a.column(name)) == _buffers(b.column(name)) for name in names)


def event_data(event: Event) -> dict[str, Any]:
    """An event as plain data (for an edit that changes some of its fields)."""
    return event.model_dump(mode="python")
