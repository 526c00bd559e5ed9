"""The columns of a big dataset: numpy arrays and packed strings, with pydantic events built
only when one is shown (LazyEvents), and the Loaded that carries them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from viewer.model.dataset import Dataset, Event
from viewer.model.index import (
    APPROXIMATE,
    UNCERTAIN,
    EventIndex,
)

from .common import Loaded

STATUSES = ("occurred", "ongoing", "planned", "postponed", "cancelled")
PRECISIONS = ("year", "month", "day", "minute", "second")
NO_PRECISION = 255
TEXT_COLUMNS = ("ids", "titles", "summaries", "start_text", "end_text", "when_text")


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


# --- the columns -----------------------------------------------------------------------------


@dataclass(eq=False)
class EventColumns:
    """Every event as columns; ``complex`` holds the validated Event of events not of the
    simple shape (quotes, time zones ...), which are few."""

    ids: Sequence[str]
    titles: Sequence[str]
    summaries: Sequence[str]
    start_text: Sequence[str]
    end_text: Sequence[str]  # "" where there is no end
    precision: np.ndarray  # uint8 codes into PRECISIONS
    end_precision: np.ndarray  # uint8, NO_PRECISION where absent
    start: np.ndarray
    end: np.ndarray
    period_end: np.ndarray
    flags: np.ndarray  # EventIndex flags
    status: np.ndarray  # uint8 codes into STATUSES
    kind: np.ndarray  # int32 codes into kinds
    kinds: list[str]
    actor_off: np.ndarray
    actor_idx: np.ndarray  # int32 into dataset.actors
    place_off: np.ndarray
    place_idx: np.ndarray
    tag_off: np.ndarray
    tag_idx: np.ndarray
    tags: list[str]
    cite_off: np.ndarray
    cite_idx: np.ndarray  # int32 into dataset.sources
    n_quotes: np.ndarray
    complex: dict[int, Event] = field(default_factory=dict)
    # the source's wording of a date ("" where none) and how it was resolved: basis_forms[code]
    # formatted with date=when_text (NO_PRECISION where none); tables such as ACLED fill them
    when_text: Sequence[str] | None = None
    basis_code: np.ndarray | None = None
    basis_forms: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # a list of a million strings costs every full pass of the garbage collector a visit
        # per item (0.1 s: a stutter whenever one runs), and so does a tuple in its first pass
        # (0.1-0.5 s: a cache miss per string); the collector never visits a numpy array
        for name in TEXT_COLUMNS:
            value = getattr(self, name)
            if isinstance(value, list | tuple):
                setattr(self, name, np.fromiter(value, object, len(value)))

    @property
    def n(self) -> int:
        return len(self.start)

    def event_dict(self, i: int, ds: Dataset) -> dict[str, Any]:
        """The JSON object of a simple event, as it was in the file (defaults left out)."""
        when: dict[str, Any] = {
            "start": self.start_text[i],
            "precision": PRECISIONS[self.precision[i]],
        }
        if self.end_text[i]:
            when["end"] = self.end_text[i]
        if self.end_precision[i] != NO_PRECISION:
            when["end_precision"] = PRECISIONS[self.end_precision[i]]
        f = int(self.flags[i])
        when["approximate"] = bool(f & APPROXIMATE)
        when["uncertain"] = bool(f & UNCERTAIN)
        if self.when_text is not None and self.when_text[i]:
            when["text"] = self.when_text[i]
        if self.basis_code is not None and self.basis_code[i] != NO_PRECISION:
            text = self.when_text[i] if self.when_text is not None else ""
            when["basis"] = self.basis_forms[self.basis_code[i]].format(date=text)

        def refs(off: np.ndarray, idx: np.ndarray, names: Sequence[Any]) -> list[Any]:
            return [names[k] for k in idx[off[i] : off[i + 1]].tolist()]

        return {
            "id": self.ids[i],
            "title": self.titles[i],
            "summary": self.summaries[i],
            "when": when,
            "status": STATUSES[self.status[i]],
            "kind": self.kinds[self.kind[i]],
            "actors": refs(self.actor_off, self.actor_idx, [a.id for a in ds.actors]),
            "places": refs(self.place_off, self.place_idx, [p.id for p in ds.places]),
            "tags": refs(self.tag_off, self.tag_idx, self.tags),
            "citations": refs(self.cite_off, self.cite_idx, [s.id for s in ds.sources]),
        }

    # --- what the window needs, without a Python object per event ------------------------
    def statuses(self) -> np.ndarray:
        """Status per event as an object array (shared strings)."""
        return np.array(STATUSES, dtype=object)[self.status]

    def index(self, ds: Dataset, mode: str = "kind") -> EventIndex:
        """The EventIndex of a lane mode, the same as ``EventIndex.from_dataset`` builds."""
        n = self.n
        if mode in ("kind", "status"):
            codes = self.kind if mode == "kind" else self.status.astype(np.int32)
            names = self.kinds if mode == "kind" else list(STATUSES)
            entry_events = np.arange(n, dtype=np.int64)
        elif mode in ("actor", "place"):
            off, idx = (
                (self.actor_off, self.actor_idx)
                if mode == "actor"
                else (self.place_off, self.place_idx)
            )
            items = ds.actors if mode == "actor" else ds.places
            counts = np.diff(off)
            placeholder = f"(no {mode})"
            item_names = [it.name for it in items]
            names = [*sorted(set(item_names)), placeholder]
            code_of = {name: k for k, name in enumerate(names)}
            item_code = np.array([code_of[nm] for nm in item_names], np.int32)
            # one entry per reference, in reference order; events without any get the placeholder
            per_event = np.maximum(counts, 1)
            entry_events = np.repeat(np.arange(n, dtype=np.int64), per_event)
            codes = np.full(len(entry_events), len(names) - 1, np.int32)
            has = np.repeat(counts > 0, per_event)
            codes[has] = item_code[idx]
        else:
            raise ValueError(f"unknown lane mode {mode!r}")
        lanes, codes = _order_lanes(names, codes, entry_events, self.start)
        entry_events_arg = None if mode in ("kind", "status") else entry_events
        return EventIndex.from_columns(
            self.start,
            self.end,
            self.period_end,
            self.flags,
            lanes,
            codes,
            entry_events_arg,
            self.titles,
            mode,
        )


def _order_lanes(
    names: list[str], codes: np.ndarray, entry_events: np.ndarray, starts: np.ndarray
) -> tuple[list[str], np.ndarray]:
    """Lanes in use, ordered as ``index._lane_key`` does: by earliest (start, event row),
    placeholders like '(no actor)' last; codes remapped to that order."""
    # the first entry of each lane in (start, event row) order, in linear time
    e_start = starts[entry_events]
    min_start = np.full(len(names), np.inf)
    np.minimum.at(min_start, codes, e_start)
    at_min = np.flatnonzero(e_start == min_start[codes])
    first_of = np.full(len(names), len(codes), np.int64)
    np.minimum.at(first_of, codes[at_min], at_min)
    used = np.flatnonzero(first_of < len(codes))
    first_entry = first_of[used]
    key = sorted(
        range(len(used)),
        key=lambda k: (
            names[used[k]].startswith("("),
            float(starts[entry_events[first_entry[k]]]),
            int(entry_events[first_entry[k]]),
            names[used[k]],
        ),
    )
    remap = np.full(len(names), -1, np.int32)
    remap[used[key]] = np.arange(len(key), dtype=np.int32)
    return [names[used[k]] for k in key], remap[codes]


# --- lazy events -----------------------------------------------------------------------------


class LazyEvents(Sequence[Event]):
    """``dataset.events`` of a columnar load: each Event is validated when first asked for."""

    def __init__(self, columns: EventColumns, header: Dataset) -> None:
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
        try:
            return list(self.columns.ids).index(event_id)
        except ValueError:
            return -1


@dataclass
class ColumnarLoaded(Loaded):
    """A Loaded whose events are lazy and whose columns feed the index, table and search."""

    columns: EventColumns | None = None


# --- vectorised dates ------------------------------------------------------------------------

# templates of the date forms the fast path accepts: d digit, s sign of an offset
_FORMS = {
    4: "dddd",
    7: "dddd-dd",
    10: "dddd-dd-dd",
    17: "dddd-dd-ddTdd:ddZ",
    20: "dddd-dd-ddTdd:dd:ddZ",
    22: "dddd-dd-ddTdd:dds00:00",
    25: "dddd-dd-ddTdd:dd:dds00:00",
}
_FORM_PRECISION = {4: 0, 7: 1, 10: 2, 17: 3, 20: 4, 22: 3, 25: 4}


_CSR_PREFIX = {"actors": "actor", "places": "place", "tags": "tag", "citations": "cite"}


def csr_fields(csr: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    """The EventColumns fields (``actor_off``, ``actor_idx`` ...) of the per-event lists of
    actors, places, tags and citations, each given as (offsets, indices)."""
    out: dict[str, np.ndarray] = {}
    for key, prefix in _CSR_PREFIX.items():
        out[f"{prefix}_off"], out[f"{prefix}_idx"] = csr[key]
    return out
