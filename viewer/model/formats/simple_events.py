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

from .column_ops import BAD, ParsedDates, concat_dates, parse_blocked
from .columns import NO_PRECISION, PRECISIONS, STATUSES

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
    # the text columns are object arrays of str (the garbage collector never walks them)
    ids: np.ndarray
    id_hash: np.ndarray  # int64 hash() of each id as read (duplicates are found from these)
    titles: np.ndarray
    summaries: np.ndarray
    start_text: np.ndarray
    end_text: np.ndarray  # "" where there is no end
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
    rows (a reference to anything else makes the event not simple). Chunks are added in the
    order of their rows."""

    ref_code: dict[str, dict[str, int]]
    size: int
    kinds: Codes = field(default_factory=Codes)
    tags: Codes = field(default_factory=Codes)
    texts: dict[str, np.ndarray] = field(default_factory=dict)
    parts: dict[str, list[tuple[int, np.ndarray]]] = field(default_factory=dict)  # (row, values)
    fixed: dict[str, np.ndarray] = field(default_factory=dict)
    # the start dates of each chunk joined by NULs (made while the chunk's strings are in the
    # processor's cache) until settled, for parsing
    joined_starts: list[tuple[int, str]] = field(default_factory=list)
    # what :meth:`settle` made of blocks of rows, each with its first row: the start dates and
    # the end dates of the rows that have one
    starts: list[tuple[int, ParsedDates]] = field(default_factory=list)
    ends: list[tuple[int, ParsedDates]] = field(default_factory=list)
    unsettled: tuple[int, int] | None = None  # the rows added since the last settle
    done: int = 0  # rows added

    def __post_init__(self) -> None:
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

    def add(self, c: Chunk) -> None:
        """Add the events of a chunk after those added."""
        m, at = len(c.ids), self.done
        self._make_room(at + m)
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
        self.joined_starts.append((at, "\0".join(c.start)))
        if c.end.count("") == m:  # no event of the chunk has an end
            self._part("has_end", np.zeros(m, bool), at)
        else:
            self._part("has_end", np.fromiter(map(bool, c.end), bool, m), at)
        t = self.texts
        for name in TEXTS:
            t[name][at : at + m] = getattr(c, name)
        self.done += m
        a = self.unsettled[0] if self.unsettled else at
        self.unsettled = (a, at + m)

    def _make_room(self, size: int) -> None:
        """Room for ``size`` rows at least, each column's rows added kept."""
        if size <= self.size:
            return
        size = max(size, self.size + self.size // 2)
        for columns in (self.fixed, self.texts):
            for name, column in columns.items():
                grown = np.empty(size, column.dtype)
                grown[: self.done] = column[: self.done]
                columns[name] = grown
        self.size = size

    def _fit(self) -> None:
        """No room beyond the rows added."""
        for columns in (self.fixed, self.texts):
            for name, column in columns.items():
                columns[name] = _first_rows(column, self.done)
        self.size = self.done

    def _cat(self, name: str, dtype: type) -> np.ndarray:
        if name in self.fixed:
            return self.fixed[name]
        parts = self.parts.get(name)
        if not parts:
            return np.zeros(0, dtype)
        return np.concatenate(_in_order(parts))

    def settle(self) -> None:
        """Parse the dates of the rows added since the last call (a block at a time, while
        adding events: little is left to do at the end)."""
        if self.unsettled is None:
            return
        a, b = self.unsettled
        self.unsettled = None
        joined = "\0".join(_in_order(self.joined_starts))
        self.joined_starts.clear()
        self.starts.append((a, parse_blocked(self.texts["start"][a:b], joined)))
        rows = np.flatnonzero(self.fixed["has_end"][a:b]) + a
        self.ends.append((a, parse_blocked(self.texts["end"][rows])))

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
            ids=self.texts["ids"],
            id_hash=self._cat("id_hash", np.int64),
            titles=self.texts["titles"],
            summaries=self.texts["summaries"],
            start_text=self.texts["start"],
            end_text=self.texts["end"],
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
