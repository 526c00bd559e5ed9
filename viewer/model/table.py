"""EventTable: every event of a dataset as one Apache Arrow table, whatever file it came from.

The index, the search, the event list and the detail pane read from it; numeric columns are
numpy views of its buffers (no copy), text columns Arrow strings decoded when one is asked for.
An Event object is made only when one is asked for (:class:`~viewer.model.formats.columns.
LazyEvents`), except for the few events whose fields the columns do not hold (quotes, zones,
the source's wording of a date ...): ``complex`` keeps those as validated models.

Columns (one row per event): ``id title summary start_text end_text when_text`` (large_string),
``start end period_end`` (float64 epoch seconds), ``precision end_precision`` (uint8 codes into
PRECISIONS, NO_PRECISION where absent), ``flags`` (EventIndex flags), ``status`` (uint8 codes
into STATUSES), ``kind`` (dictionary of names), ``actors places citations`` (lists of int32
rows of the dataset's actors, places and sources), ``tags`` (lists of a dictionary of names),
``n_quotes`` (int32) and ``basis`` (uint8 codes into ``basis_forms``, NO_PRECISION where none).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from viewer.model.coded_column import CodedColumn
from viewer.model.dataset import Dataset, Event
from viewer.model.index import APPROXIMATE, STATUS_FLAGS, UNCERTAIN, EventIndex, when_flags
from viewer.model.listing import event_span, precision_end

STATUSES = ("occurred", "ongoing", "planned", "postponed", "cancelled")
PRECISIONS = ("year", "month", "day", "minute", "second")
NO_PRECISION = 255
TEXTS = {  # attribute: column
    "ids": "id",
    "titles": "title",
    "summaries": "summary",
    "start_text": "start_text",
    "end_text": "end_text",
    "when_text": "when_text",
}
NUMBERS = ("start", "end", "period_end", "precision", "end_precision", "flags", "status")
REFS = {"actor": "actors", "place": "places", "cite": "citations"}  # attribute prefix: column


class TextColumn(Sequence[str]):
    """A string column as a sequence of str, each decoded when asked for."""

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return self.array[i].to_pylist()
        return self.array[int(i)].as_py()

    def __iter__(self) -> Iterator[str]:
        return iter(self.array.to_pylist())

    def tolist(self) -> list[str]:
        return self.array.to_pylist()


def _strings(values: Sequence[str]) -> pa.Array:
    if isinstance(values, TextColumn):
        return values.array
    return pa.array(values, pa.large_string())


def _refs(offsets: np.ndarray, codes: np.ndarray) -> pa.Array:
    return pa.LargeListArray.from_arrays(
        pa.array(np.asarray(offsets, np.int64)), pa.array(np.asarray(codes, np.int32))
    )


def _names(codes: np.ndarray, names: Sequence[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.asarray(codes, np.int32)), pa.array(list(names), pa.large_string())
    )


class EventTable:
    """The events of a dataset as an Arrow table (see the module's docstring)."""

    def __init__(
        self,
        table: pa.Table,
        complex: Mapping[int, Event] | None = None,
        basis_forms: Sequence[str] = (),
    ) -> None:
        self.table = table.combine_chunks()
        self.complex: Mapping[int, Event] = complex or {}
        # how a date was resolved, formatted with date=when_text (tables such as ACLED)
        self.basis_forms = list(basis_forms)
        self._columns: dict[str, Any] = {}

    @classmethod
    def from_columns(
        cls,
        *,
        ids: Sequence[str],
        titles: Sequence[str],
        summaries: Sequence[str],
        start_text: Sequence[str],
        end_text: Sequence[str],
        precision: np.ndarray,
        end_precision: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        period_end: np.ndarray,
        flags: np.ndarray,
        status: np.ndarray,
        kind: np.ndarray,
        kinds: Sequence[str],
        actor_off: np.ndarray,
        actor_idx: np.ndarray,
        place_off: np.ndarray,
        place_idx: np.ndarray,
        tag_off: np.ndarray,
        tag_idx: np.ndarray,
        tags: Sequence[str],
        cite_off: np.ndarray,
        cite_idx: np.ndarray,
        n_quotes: np.ndarray,
        complex: dict[int, Event] | None = None,
        when_text: Sequence[str] | None = None,
        basis_code: np.ndarray | None = None,
        basis_forms: Sequence[str] = (),
    ) -> EventTable:
        """The table of per-event columns as the readers build them (numpy arrays, sequences
        of str, references as offsets and codes)."""
        n = len(start)
        columns = {
            "id": _strings(ids),
            "title": _strings(titles),
            "summary": _strings(summaries),
            "start_text": _strings(start_text),
            "end_text": _strings(end_text),
            "when_text": _strings(when_text if when_text is not None else [""] * n),
            "start": pa.array(np.asarray(start, np.float64)),
            "end": pa.array(np.asarray(end, np.float64)),
            "period_end": pa.array(np.asarray(period_end, np.float64)),
            "precision": pa.array(np.asarray(precision, np.uint8)),
            "end_precision": pa.array(np.asarray(end_precision, np.uint8)),
            "flags": pa.array(np.asarray(flags, np.uint8)),
            "status": pa.array(np.asarray(status, np.uint8)),
            "kind": _names(kind, kinds),
            "actors": _refs(actor_off, actor_idx),
            "places": _refs(place_off, place_idx),
            "citations": _refs(cite_off, cite_idx),
            "tags": pa.LargeListArray.from_arrays(
                pa.array(np.asarray(tag_off, np.int64)), _names(tag_idx, tags)
            ),
            "n_quotes": pa.array(np.asarray(n_quotes, np.int32)),
            "basis": pa.array(
                np.full(n, NO_PRECISION, np.uint8)
                if basis_code is None
                else np.asarray(basis_code, np.uint8)
            ),
        }
        return cls(pa.table(columns), complex, basis_forms)

    @classmethod
    def from_events(cls, events: Sequence[Event], ds: Dataset) -> EventTable:
        """The table of validated events (read by a reference reader); each is kept whole."""
        n = len(events)
        start, end, period_end = np.empty(n), np.empty(n), np.empty(n)
        flags = np.zeros(n, np.uint8)
        for i, ev in enumerate(events):
            start[i], end[i] = event_span(ev)
            period_end[i] = precision_end(ev)
            flags[i] = STATUS_FLAGS.get(ev.status, 0) | when_flags(ev)
        kinds: dict[str, int] = {}
        tags: dict[str, int] = {}
        rows = {
            "actors": {a.id: k for k, a in enumerate(ds.actors)},
            "places": {p.id: k for k, p in enumerate(ds.places)},
            "citations": {s.id: k for k, s in enumerate(ds.sources)},
        }

        def csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
            off = np.zeros(n + 1, np.int64)
            np.cumsum([len(x) for x in lists], out=off[1:])
            return off, np.array([k for x in lists for k in x], np.int32)

        refs = {
            key: csr([[code[x] for x in getattr(ev, key) if x in code] for ev in events])
            for key, code in rows.items()
        }
        tag_off, tag_idx = csr([[tags.setdefault(t, len(tags)) for t in ev.tags] for ev in events])
        return cls.from_columns(
            ids=[ev.id for ev in events],
            titles=[ev.title for ev in events],
            summaries=[ev.summary for ev in events],
            start_text=[ev.when.start for ev in events],
            end_text=[ev.when.end or "" for ev in events],
            when_text=[ev.when.text or "" for ev in events],
            precision=np.array([PRECISIONS.index(ev.when.precision) for ev in events], np.uint8),
            end_precision=np.array(
                [
                    PRECISIONS.index(ev.when.end_precision)
                    if ev.when.end_precision
                    else NO_PRECISION
                    for ev in events
                ],
                np.uint8,
            ),
            start=start,
            end=end,
            period_end=period_end,
            flags=flags,
            status=np.array([STATUSES.index(ev.status) for ev in events], np.uint8),
            kind=np.array([kinds.setdefault(ev.kind, len(kinds)) for ev in events], np.int32),
            kinds=list(kinds),
            actor_off=refs["actors"][0],
            actor_idx=refs["actors"][1],
            place_off=refs["places"][0],
            place_idx=refs["places"][1],
            cite_off=refs["citations"][0],
            cite_idx=refs["citations"][1],
            tag_off=tag_off,
            tag_idx=tag_idx,
            tags=list(tags),
            n_quotes=np.array([len(ev.quotes) for ev in events], np.int32),
            complex=dict(enumerate(events)),
        )

    # --- columns --------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return self.table.num_rows

    def column(self, name: str) -> pa.Array:
        column = self.table.column(name)
        return column.chunk(0) if column.num_chunks else pa.array([], column.type)

    def __getattr__(self, name: str) -> Any:
        # numpy views and text sequences, made once (no copy of the Arrow buffers)
        if name.startswith("_"):
            raise AttributeError(name)
        cache = self.__dict__.setdefault("_columns", {})
        if name not in cache:
            cache[name] = self._make(name)
        return cache[name]

    def _make(self, name: str) -> Any:
        if name in TEXTS:
            return TextColumn(self.column(TEXTS[name]))
        if name in NUMBERS or name == "n_quotes":
            return self.column(name).to_numpy(zero_copy_only=True)
        if name == "basis_code":
            return self.column("basis").to_numpy(zero_copy_only=True)
        if name in ("kind", "kinds"):
            kind = self.column("kind")
            return kind.indices.to_numpy() if name == "kind" else kind.dictionary.to_pylist()
        if name in ("tag_off", "tag_idx", "tags"):
            lists = self.column("tags")
            if name == "tag_off":
                return lists.offsets.to_numpy()
            values = lists.values
            return values.indices.to_numpy() if name == "tag_idx" else values.dictionary.to_pylist()
        prefix, _, part = name.rpartition("_")
        if prefix in REFS and part in ("off", "idx"):
            lists = self.column(REFS[prefix])
            return (lists.offsets if part == "off" else lists.values).to_numpy()
        raise AttributeError(name)

    # --- what readers and views need ------------------------------------------------------
    def event_dict(self, i: int, ds: Dataset) -> dict[str, Any]:
        """The JSON object of an event held by the columns, as it was in the file (defaults
        left out)."""
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
        text = self.when_text[i]
        if text:
            when["text"] = text
        if self.basis_code[i] != NO_PRECISION:
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

    def statuses(self) -> CodedColumn:
        """Status per event, each named when asked for (from the codes: no array of ten
        million references); ``statuses == "planned"`` is a boolean array."""
        return CodedColumn(self.status, STATUSES)

    def row_of(self, event_id: str) -> int:
        """The row of an event id, or -1."""
        import pyarrow.compute as pc

        found = pc.index(self.column("id"), event_id).as_py()
        return -1 if found is None else int(found)

    def index(self, ds: Dataset, mode: str = "kind") -> EventIndex:
        """The EventIndex of a lane mode."""
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
        elif mode == "tag":  # each event's first tag (one lane per event)
            off = self.tag_off
            names = [*self.tags, "(no tag)"]
            codes = np.full(n, len(names) - 1, np.int32)
            has = np.diff(off) > 0
            codes[has] = self.tag_idx[off[:-1][has]]
            entry_events = np.arange(n, dtype=np.int64)
        else:
            raise ValueError(f"unknown lane mode {mode!r}")
        lanes, codes = _order_lanes(names, codes, entry_events, self.start)
        entry_events_arg = None if mode in ("kind", "status", "tag") else entry_events
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
    """Lanes in use, ordered by earliest (start, event row), placeholders like '(no actor)'
    last; codes remapped to that order."""
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
