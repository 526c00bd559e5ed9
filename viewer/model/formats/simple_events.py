"""Columns of the events of the simple shape, built a chunk of events at a time by both native
fast readers (msgspec structs, or orjson objects when a file is not of the usual shape).

Each check here is narrower than the reference models and checks: an event that fails one is
only marked not simple, and its values in the columns are placeholders until the reference
models have read it. No Python object is kept per event except the strings of the text columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from .column_ops import BAD, ParsedDates, concat_dates, dates_from, parse_blocked
from .columns import NO_PRECISION, PRECISIONS, STATUSES
from .string_columns import Spliced, Strings

REF_KEYS = ("actors", "places", "citations", "tags")


class CodeTable(dict[object, int]):
    """Codes of known values; BAD for any other value."""

    def __missing__(self, key: object) -> int:
        return BAD


class _Unknown(dict[str, int]):
    """Codes of ids; -1 for an unknown id."""

    def __missing__(self, key: str) -> int:
        return -1


STATUS_CODE = CodeTable({s: k for k, s in enumerate(STATUSES)})
PREC_CODE = CodeTable({p: k for k, p in enumerate(PRECISIONS)})
END_PREC_CODE = CodeTable({**PREC_CODE, None: NO_PRECISION})
TEXTS = ("ids", "titles", "summaries", "start", "end")  # the Chunk's text fields
# the builder's columns of one value per event (filled in place), and their types
_FIXED = {
    "status": np.uint8,
    "precision": np.uint8,
    "end_precision": np.uint8,
    "kind": np.int32,
    "approximate": bool,
    "uncertain": bool,
    "simple": bool,
    "has_end": bool,
    "id_hash": np.int64,
    **{f"{key}_len": np.int64 for key in REF_KEYS},
}


class Codes(dict[str, int]):
    """Codes of names in the order of their first appearance: a new name gets the next code."""

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self)
        return code


@dataclass
class Chunk:
    """The fields of consecutive events, one sequence per field. ``simple`` is False where the
    reader already knows an event is not of the simple shape; the other sequences then hold
    placeholders of the expected types there (a str, a bool, a sequence of str). The reader
    checks what is said of a field here; the builder checks the references and dates."""

    ids: Sequence[str]  # of 1 to 200 characters where simple
    titles: Sequence[str]  # not empty where simple
    summaries: Sequence[str]
    status: np.ndarray  # uint8 codes, BAD for a value the fast path does not accept
    kind: Sequence[str]
    start: Sequence[str]
    precision: np.ndarray  # uint8 codes, BAD ...
    end: Sequence[str]  # "" where absent (an empty end makes the event not simple)
    end_precision: np.ndarray  # uint8 codes, NO_PRECISION where absent, BAD ...
    approximate: np.ndarray  # bool
    uncertain: np.ndarray  # bool
    actors: Sequence[Sequence[str]]
    places: Sequence[Sequence[str]]
    citations: Sequence[Sequence[str]]
    tags: Sequence[Sequence[str]]
    simple: np.ndarray


@dataclass(eq=False)
class SimpleColumns:
    """Every event as columns; the values of events where ``simple`` is False are placeholders."""

    simple: np.ndarray
    # the text columns are object arrays of str (the garbage collector never walks them), or
    # Spliced where a forked child read the last events (their texts stay packed)
    ids: np.ndarray | Spliced
    id_hash: np.ndarray  # int64 hash() of each id as read (duplicates are found from these)
    titles: np.ndarray | Spliced
    summaries: np.ndarray | Spliced
    start_text: np.ndarray | Spliced
    end_text: np.ndarray | Spliced  # "" where there is no end
    precision: np.ndarray  # uint8 codes as declared
    end_precision: np.ndarray  # uint8, NO_PRECISION where absent
    status: np.ndarray  # uint8
    kind: np.ndarray  # int32 codes into kinds
    kinds: Codes
    approximate: np.ndarray
    uncertain: np.ndarray
    has_end: np.ndarray
    start: np.ndarray
    end: np.ndarray  # == start without an end
    period_end: np.ndarray
    ref_lengths: dict[str, np.ndarray]  # per event, for each of REF_KEYS
    ref_codes: dict[str, np.ndarray]  # int32 codes of the references, event after event
    tags: Codes

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass
class SimpleColumnsBuilder:
    """Collects chunks of events, with room for ``size`` (more is made as chunks come);
    ``ref_code`` maps the ids of actors, places and sources (citations) of the dataset to their
    rows (a reference to anything else makes the event not simple).

    Chunks are added in the order of their rows, or (a forked child's builder, which reads the
    last events from the end) each at its row, the rows added being the last of its ``size``
    (where they stand among all events does not matter: only their order is exported)."""

    ref_code: dict[str, dict[str, int]]
    size: int
    kinds: Codes = field(default_factory=Codes)
    tags: Codes = field(default_factory=Codes)
    texts: dict[str, np.ndarray] = field(default_factory=dict)
    parts: dict[str, list[tuple[int, np.ndarray]]] = field(default_factory=dict)  # (row, values)
    fixed: dict[str, np.ndarray] = field(default_factory=dict)
    # text columns also kept as each chunk's texts joined by NULs (made while the chunk's
    # strings are in the processor's cache) until settled: the start dates for parsing; every
    # text column of a builder whose columns are exported, for packing
    joined: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: {"start": []})
    # what :meth:`settle` made of blocks of rows, each with its first row: the start dates, the
    # end dates of the rows that have one, and (exported builders) the packed text columns
    starts: list[tuple[int, ParsedDates]] = field(default_factory=list)
    ends: list[tuple[int, ParsedDates]] = field(default_factory=list)
    packed: dict[str, list[tuple[int, Strings]]] = field(default_factory=dict)
    unsettled: tuple[int, int] | None = None  # the rows added since the last settle
    spliced: dict[str, Spliced] = field(default_factory=dict)  # text columns after a merge
    done: int = 0  # rows added
    first: int = 0  # the first row added

    def __post_init__(self) -> None:
        self.joined.setdefault("start", [])  # what settle parses
        self.ref_code = {key: _Unknown(codes) for key, codes in self.ref_code.items()}
        # filled in place a chunk at a time, while the chunk's strings are in the cache
        for name in TEXTS:
            self.texts[name] = np.empty(self.size, object)
        self.fixed = {name: np.empty(self.size, dtype) for name, dtype in _FIXED.items()}

    def _part(self, name: str, value: np.ndarray, at: int) -> None:
        """A chunk's values of a column, from row ``at``: written in place where the column has
        one value per event, else kept to be joined at the end (references)."""
        column = self.fixed.get(name)
        if column is None:
            self.parts.setdefault(name, []).append((at, value))
        else:
            column[at : at + len(value)] = value

    def add(self, c: Chunk, at: int | None = None) -> None:
        """Add the events of a chunk, from row ``at`` (default: after those added)."""
        assert not self.spliced, "events are added before a merged part"
        m = len(c.ids)
        if at is None:
            at = self.first + self.done
            self._make_room(at + m)
        elif not self.done or at < self.first:
            self.first = at
        simple = c.simple & (c.status != BAD) & (c.precision != BAD) & (c.end_precision != BAD)
        self._part("status", c.status, at)
        self._part("precision", c.precision, at)
        self._part("end_precision", c.end_precision, at)
        self._part("kind", np.fromiter(map(self.kinds.__getitem__, c.kind), np.int32, m), at)
        self._part("approximate", c.approximate, at)
        self._part("uncertain", c.uncertain, at)
        for key in REF_KEYS:
            lists = getattr(c, key)
            lengths = np.fromiter(map(len, lists), np.int64, m)
            flat = list(chain.from_iterable(lists))
            if key == "tags":
                idx = np.fromiter(map(self.tags.__getitem__, flat), np.int32, len(flat))
            else:
                code_of = self.ref_code[key]
                idx = np.fromiter(map(code_of.__getitem__, flat), np.int32, len(flat))
                unknown = idx < 0
                if unknown.any():
                    simple[np.repeat(np.arange(m), lengths)[unknown]] = False
            self._part(f"{key}_len", lengths, at)
            self._part(f"{key}_idx", idx, at)
        self._part("simple", simple, at)
        self._part("id_hash", np.fromiter(map(hash, c.ids), np.int64, m), at)
        # texts joined (the start dates', for parsing), while the chunk's strings are in the cache
        for name, chunks in self.joined.items():
            chunks.append((at, "\0".join(getattr(c, name))))
        if c.end.count("") == m:  # no event of the chunk has an end
            self._part("has_end", np.zeros(m, bool), at)
        else:
            self._part("has_end", np.fromiter(map(bool, c.end), bool, m), at)
        t = self.texts
        for name in TEXTS:
            t[name][at : at + m] = getattr(c, name)
        self.done += m
        # chunks are taken one after another, from the front or the back: one block of rows
        a, b = self.unsettled or (at, at + m)
        self.unsettled = (min(a, at), max(b, at + m))

    @property
    def stop(self) -> int:
        """The row after those added."""
        return self.first + self.done

    def _make_room(self, size: int, texts: bool = True) -> None:
        """Room for ``size`` rows at least, each column's rows added kept (in the text columns
        too, unless ``texts`` is False)."""
        if size <= self.size:
            return
        size = max(size, self.size + self.size // 2)
        for columns in (self.fixed, self.texts) if texts else (self.fixed,):
            for name, column in columns.items():
                grown = np.empty(size, column.dtype)
                grown[: self.stop] = column[: self.stop]
                columns[name] = grown
        self.size = size

    def _fit(self) -> None:
        """No room beyond the rows added (a builder from the first row)."""
        assert self.first == 0, "a builder of the last rows is exported, not finished"
        for columns in (self.fixed, self.texts):
            for name, column in columns.items():
                columns[name] = _first_rows(column, self.done)
        self.size = self.done

    def export(self) -> dict[str, Any]:
        """What :meth:`merge` needs of the rows added (the last rows), quick to pickle: each
        text column packed (one UTF-8 blob and offsets), the dates parsed, names in order of
        their codes."""
        a = self.first
        assert self.stop == self.size, "a builder is exported after its last events"
        self.settle()
        texts = {}
        for name in TEXTS:
            packed = Strings.concat(_in_order(self.packed.get(name, [])))
            texts[name] = (packed.blob, packed.offsets)
        return {
            "size": self.done,
            "fixed": {name: column[a:] for name, column in self.fixed.items()},
            "parts": {name: self._cat(name, np.int32) for name in self.parts},
            "texts": texts,
            "starts": _dates(self.starts),
            "ends": _dates(self.ends),
            "kinds": list(self.kinds),
            "tags": list(self.tags),
        }

    def merge(self, part: dict[str, Any], skip: int = 0) -> None:
        """The events of another builder's :meth:`export` added after these, as if added here
        (its codes of kinds and tags become this builder's), but for its first ``skip`` rows,
        added here already; nothing is added after them. Its texts stay packed: the text
        columns become :class:`Spliced`."""
        assert not self.spliced, "one part is merged, last"
        m, a = part["size"] - skip, self.stop
        assert m >= 0, "the rows skipped are the part's"
        if not m:
            return
        self._make_room(a + m, texts=False)  # (the part's texts stay packed)
        fixed = part["fixed"]
        kind_code = np.array([self.kinds[k] for k in part["kinds"]] or [0], np.int32)
        tag_code = np.array([self.tags[k] for k in part["tags"]] or [0], np.int32)
        for name, values in fixed.items():
            values = values[skip:]
            self.fixed[name][a : a + m] = kind_code[values] if name == "kind" else values
        for key in REF_KEYS:
            values = part["parts"][f"{key}_idx"][int(fixed[f"{key}_len"][:skip].sum()) :]
            self._part(f"{key}_idx", tag_code[values] if key == "tags" else values, a)
        self.settle()  # this builder's own events, before the part's
        self.starts.append((a, dates_from(part["starts"], skip)))
        self.ends.append((a, dates_from(part["ends"], int(fixed["has_end"][:skip].sum()))))
        for name, (blob, offsets) in part["texts"].items():
            tail = Strings(blob, offsets).rows_from(skip)
            self.spliced[name] = Spliced(_first_rows(self.texts[name], a), a, tail)
        self.done += m

    def _text(self, name: str) -> np.ndarray | Spliced:
        return self.spliced.get(name, self.texts[name])

    def _cat(self, name: str, dtype: type) -> np.ndarray:
        if name in self.fixed:
            return self.fixed[name]
        parts = self.parts.get(name)
        if not parts:
            return np.zeros(0, dtype)
        return np.concatenate(_in_order(parts))

    def _joined(self, name: str) -> str:
        """The texts of a column joined by NULs, of the chunks added since the last call."""
        chunks = self.joined[name]
        joined = "\0".join(_in_order(chunks))
        chunks.clear()
        return joined

    def settle(self) -> None:
        """Parse the dates of the rows added since the last call, and pack their texts if the
        columns are to be exported (a block at a time, while adding events: little is left to
        do at the end; a caller with time to wait for something else can call it meanwhile)."""
        if self.unsettled is None:
            return
        a, b = self.unsettled
        self.unsettled = None
        joined = {name: self._joined(name) for name in self.joined}
        self.starts.append((a, parse_blocked(self.texts["start"][a:b], joined["start"])))
        rows = np.flatnonzero(self.fixed["has_end"][a:b]) + a
        self.ends.append((a, parse_blocked(self.texts["end"][rows])))
        if len(joined) > 1:  # exported: every text column joined
            for name in TEXTS:
                packed = Strings.joined(joined[name], self.texts[name][a:b])
                self.packed.setdefault(name, []).append((a, packed))

    def finish(self) -> SimpleColumns:
        """The columns, with the dates parsed and checked."""
        self._fit()
        simple = self._cat("simple", bool)
        precision = self._cat("precision", np.uint8)
        end_precision = self._cat("end_precision", np.uint8)
        has_end = self.fixed["has_end"]
        self.settle()
        ps, pe = _dates(self.starts), _dates(self.ends)
        with_end = np.flatnonzero(has_end)
        simple &= ps.ok & (ps.precision == precision)
        end_ok = pe.ok & (pe.start >= ps.start[with_end])
        ep = end_precision[with_end]
        end_ok &= (ep == NO_PRECISION) | (ep == pe.precision)
        simple[with_end] &= end_ok
        end, period_end = ps.start.copy(), ps.period_end
        end[with_end] = pe.start
        period_end[with_end] = pe.period_end
        return SimpleColumns(
            simple=simple,
            ids=self._text("ids"),
            id_hash=self._cat("id_hash", np.int64),
            titles=self._text("titles"),
            summaries=self._text("summaries"),
            start_text=self._text("start"),
            end_text=self._text("end"),
            precision=precision,
            end_precision=end_precision,
            status=self._cat("status", np.uint8),
            kind=self._cat("kind", np.int32),
            kinds=self.kinds,
            approximate=self._cat("approximate", bool),
            uncertain=self._cat("uncertain", bool),
            has_end=has_end,
            start=ps.start,
            end=end,
            period_end=period_end,
            ref_lengths={k: self._cat(f"{k}_len", np.int64) for k in REF_KEYS},
            ref_codes={k: self._cat(f"{k}_idx", np.int32) for k in REF_KEYS},
            tags=self.tags,
        )


def _first_rows(column: np.ndarray, n: int) -> np.ndarray:
    """The first ``n`` rows of a column; a copy where the column has many more (the rest of
    its memory is then freed)."""
    if len(column) > n + n // 4 + 1024:
        return column[:n].copy()
    return column[:n]


def _in_order(blocks: list[tuple[int, Any]]) -> list[Any]:
    """What was made of blocks of rows, in the order of their rows."""
    return [made for _row, made in sorted(blocks, key=itemgetter(0))]


def _dates(blocks: list[tuple[int, ParsedDates]]) -> ParsedDates:
    return concat_dates(_in_order(blocks)) if blocks else parse_blocked([])
