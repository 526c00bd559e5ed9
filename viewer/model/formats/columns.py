"""What a load hands on besides the dataset's parts: its EventTable, with pydantic events built
only when one is asked for (LazyEvents), and the Loaded that carries them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from viewer.model.dataset import Dataset, Event
from viewer.model.table import NO_PRECISION, PRECISIONS, STATUSES, EventTable

from .common import Loaded

__all__ = ["NO_PRECISION", "PRECISIONS", "STATUSES"]  # the codes the readers write


class Cancelled(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised from a progress callback to abandon a load."""


# --- lazy sequences --------------------------------------------------------------------------


class Computed(Sequence[Any]):
    """A sequence whose items are computed on access (table dates, lane names)."""

    def __init__(self, n: int, item: Callable[[int], Any]) -> None:
        self.n, self.item = n, item

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self.item(k) for k in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.item(i)


# --- lazy events -----------------------------------------------------------------------------


class LazyComplex(Mapping[int, Event]):
    """The ``complex`` events of a table read back from the cache: their rows are known at
    once, each event is validated when first asked for, from its JSON (``raw`` holds the
    events' JSON one after the other, the ``k``-th ending at ``ends[k]``). Nothing is
    validated to show the first frame."""

    def __init__(self, rows: Sequence[int], ends: Sequence[int], raw: bytes) -> None:
        if len(rows) != len(ends) or (len(ends) and ends[-1] != len(raw)):
            raise ValueError("the complex events do not match their JSON")
        self._order = list(rows)
        self._at = {row: k for k, row in enumerate(self._order)}
        self._ends = list(ends)
        self._raw = raw
        self._done: dict[int, Event] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[int]:
        return iter(self._order)

    def __contains__(self, i: object) -> bool:
        return i in self._at

    def __getitem__(self, i: int) -> Event:
        ev = self._done.get(i)
        if ev is None:
            k = self._at[i]  # KeyError for a row that is not complex
            start = self._ends[k - 1] if k else 0
            obj = orjson.loads(self._raw[start : self._ends[k]])
            ev = self._done[i] = Event.model_validate(obj)
        return ev


class LazyEvents(Sequence[Event]):
    """``dataset.events`` of a load: each Event is validated when first asked for (the
    table's ``complex`` events were validated on the way in)."""

    def __init__(self, columns: EventTable, header: Dataset) -> None:
        self.columns = columns
        self.header = header
        self._cache: dict[int, Event] = {}

    def __len__(self) -> int:
        return self.columns.n

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        ev = self.columns.complex.get(i) or self._cache.get(i)
        if ev is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            ev = self._cache[i] = Event.model_validate(self.columns.event_dict(i, self.header))
        return ev

    def __iter__(self) -> Iterator[Event]:
        return (self[i] for i in range(len(self)))

    def row_of(self, event_id: str) -> int:
        return self.columns.row_of(event_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # (mutable cache; compared by content)


@dataclass
class ColumnarLoaded(Loaded):
    """A Loaded whose events are lazy and whose table feeds the index, the list and the
    search."""

    columns: EventTable | None = None


def tabled(loaded: Loaded) -> ColumnarLoaded:
    """A load as its EventTable and lazy events (the events a reference reader validated are
    kept whole in the table)."""
    if isinstance(loaded, ColumnarLoaded) and loaded.columns is not None:
        return loaded
    ds = loaded.dataset
    header = ds.model_copy(update={"events": []})
    table = EventTable.from_events(list(ds.events), header)
    lazy = LazyEvents(table, header)
    out = header.model_copy(update={"events": lazy})
    lazy.header = out
    return ColumnarLoaded(out, loaded.warnings, loaded.path, loaded.format, table)


_CSR_PREFIX = {"actors": "actor", "places": "place", "tags": "tag", "citations": "cite"}


def csr_fields(csr: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    """The EventColumns fields (``actor_off``, ``actor_idx`` ...) of the per-event lists of
    actors, places, tags and citations, each given as (offsets, indices)."""
    out: dict[str, np.ndarray] = {}
    for key, prefix in _CSR_PREFIX.items():
        out[f"{prefix}_off"], out[f"{prefix}_idx"] = csr[key]
    return out
