"""Columns of the events of the simple shape, built a chunk of events at a time by both native
fast readers (msgspec structs, or orjson objects when a file is not of the usual shape).

Each check here is narrower than the reference models and checks: an event that fails one is
only marked not simple, and its values in the columns are placeholders until the reference
models have read it. No Python object is kept per event except the strings of the text columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain
from typing import Any

import numpy as np

from .column_ops import ParsedDates, char_table, parse_table
from .columns import NO_PRECISION, PRECISIONS, STATUSES
from .string_columns import Spliced, Strings

REF_KEYS = ("actors", "places", "citations", "tags")
BAD = 254  # a code that marks a value the fast path does not accept


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
DATE_BLOCK = 1 << 16  # dates parsed this many at a time (the parse's temporaries stay small)


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
    """Collects the chunks of ``size`` events; ``ref_code`` maps the ids of actors, places and
    sources (citations) of the dataset to their rows (a reference to anything else makes the
    event not simple)."""

    ref_code: dict[str, dict[str, int]]
    size: int
    kinds: Codes = field(default_factory=Codes)
    tags: Codes = field(default_factory=Codes)
    texts: dict[str, np.ndarray] = field(default_factory=dict)
    parts: dict[str, list[np.ndarray]] = field(default_factory=dict)
    fixed: dict[str, np.ndarray] = field(default_factory=dict)
    # text columns also kept as each chunk's texts joined by NULs (made while the chunk's
    # strings are in the processor's cache): the start dates for parsing; every text column
    # of a builder whose columns are exported
    joined: dict[str, list[str]] = field(default_factory=lambda: {"start": []})
    starts: list[ParsedDates] = field(default_factory=list)  # the start dates parsed so far
    ends: list[ParsedDates] = field(default_factory=list)  # the end dates (of has_end rows) ...
    ends_done: int = 0  # ... of the rows before this
    spliced: dict[str, Spliced] = field(default_factory=dict)  # text columns after a merge
    done: int = 0

    def __post_init__(self) -> None:
        self.joined.setdefault("start", [])  # what parse_starts reads
        self.ref_code = {key: _Unknown(codes) for key, codes in self.ref_code.items()}
        # filled in place a chunk at a time, while the chunk's strings are in the cache
        for name in TEXTS:
            self.texts[name] = np.empty(self.size, object)
        self.fixed = {name: np.empty(self.size, dtype) for name, dtype in _FIXED.items()}

    def _part(self, name: str, value: np.ndarray) -> None:
        """A chunk's values of a column: written in place where the column has one value per
        event, else kept to be joined at the end (references)."""
        column = self.fixed.get(name)
        if column is None:
            self.parts.setdefault(name, []).append(value)
        else:
            column[self.done : self.done + len(value)] = value

    def add(self, c: Chunk) -> None:
        assert not self.spliced, "events are added before a merged part"
        m = len(c.ids)
        simple = c.simple & (c.status != BAD) & (c.precision != BAD) & (c.end_precision != BAD)
        self._part("status", c.status)
        self._part("precision", c.precision)
        self._part("end_precision", c.end_precision)
        self._part("kind", np.fromiter(map(self.kinds.__getitem__, c.kind), np.int32, m))
        self._part("approximate", c.approximate)
        self._part("uncertain", c.uncertain)
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
            self._part(f"{key}_len", lengths)
            self._part(f"{key}_idx", idx)
        self._part("simple", simple)
        self._part("id_hash", np.fromiter(map(hash, c.ids), np.int64, m))
        # texts joined (the start dates', for parsing), while the chunk's strings are in the cache
        for name, chunks in self.joined.items():
            chunks.append("\0".join(getattr(c, name)))
        if c.end.count("") == m:  # no event of the chunk has an end
            self._part("has_end", np.zeros(m, bool))
        else:
            self._part("has_end", np.fromiter(map(bool, c.end), bool, m))
        a, t = self.done, self.texts
        for name in TEXTS:
            t[name][a : a + m] = getattr(c, name)
        self.done = a + m

    def export(self) -> dict[str, Any]:
        """What :meth:`merge` needs of these columns, quick to pickle: each text column packed
        (one UTF-8 blob and offsets), the start dates parsed, names in order of their codes."""
        assert self.done == self.size, "a builder is exported after all its events"
        texts = {}
        joined: dict[str, str] = {}
        for name in TEXTS:
            chunks = self.joined.get(name)
            column = self.texts[name]
            joined[name] = "\0".join(chunks if chunks is not None else column.tolist())
            packed = Strings.joined(joined[name], column)
            texts[name] = (packed.blob, packed.offsets)
        starts = parse_blocked(self.texts["start"], joined["start"])
        self.parse_ends()
        return {
            "size": self.size,
            "fixed": self.fixed,
            "parts": {name: np.concatenate(parts) for name, parts in self.parts.items()},
            "texts": texts,
            "starts": starts,
            "ends": _concat(self.ends),
            "kinds": list(self.kinds),
            "tags": list(self.tags),
        }

    def merge(self, part: dict[str, Any]) -> None:
        """The events of another builder's :meth:`export` added after these, as if added here
        (its codes of kinds and tags become this builder's); nothing is added after them. Its
        texts stay packed: the text columns become :class:`Spliced`."""
        assert not self.spliced, "one part is merged, last"
        m, a = part["size"], self.done
        kind_code = np.array([self.kinds[k] for k in part["kinds"]] or [0], np.int32)
        tag_code = np.array([self.tags[k] for k in part["tags"]] or [0], np.int32)
        for name, values in part["fixed"].items():
            self.fixed[name][a : a + m] = kind_code[values] if name == "kind" else values
        for name, values in part["parts"].items():
            self._part(name, tag_code[values] if name == "tags_idx" else values)
        self.parse_starts()  # this builder's own events, before the part's
        self.starts.append(part["starts"])
        self.parse_ends()
        self.ends.append(part["ends"])
        self.ends_done = a + m
        for name, (blob, offsets) in part["texts"].items():
            self.spliced[name] = Spliced(self.texts[name], a, Strings(blob, offsets))
        self.done = a + m

    def _text(self, name: str) -> np.ndarray | Spliced:
        return self.spliced.get(name, self.texts[name])

    def _cat(self, name: str, dtype: type) -> np.ndarray:
        if name in self.fixed:
            return self.fixed[name]
        parts = self.parts.get(name)
        return np.concatenate(parts) if parts else np.zeros(0, dtype)

    def parse_starts(self) -> None:
        """Parse the start dates of the events added since the last parse (a caller with
        time to wait for something else can do it meanwhile)."""
        a, b = sum(len(p.ok) for p in self.starts), self.done
        chunks = self.joined["start"]
        if b > a or not self.starts:
            self.starts.append(parse_blocked(self.texts["start"][a:b], "\0".join(chunks)))
        chunks.clear()

    def parse_ends(self) -> None:
        """Parse the end dates of the events added since the last parse that have one."""
        a, b = self.ends_done, self.done
        if b > a or not self.ends:
            rows = np.flatnonzero(self.fixed["has_end"][a:b]) + a
            self.ends.append(parse_blocked(self.texts["end"][rows]))
        self.ends_done = b

    def finish(self) -> SimpleColumns:
        """The columns, with the dates parsed and checked."""
        simple = self._cat("simple", bool)
        precision = self._cat("precision", np.uint8)
        end_precision = self._cat("end_precision", np.uint8)
        assert self.done == self.size, "a builder finishes after all its events"
        has_end = self.fixed["has_end"]
        self.parse_starts()
        self.parse_ends()
        ps, pe = _concat(self.starts), _concat(self.ends)
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


def parse_blocked(texts: Sequence[str], joined: str | None = None) -> ParsedDates:
    """parse_dates of a long column, a block at a time (``joined``: as for char_table)."""
    first, lens, chars = char_table(texts, joined)
    blocks = [
        parse_table(first[a : a + DATE_BLOCK], lens[a : a + DATE_BLOCK], chars)
        for a in range(0, max(len(texts), 1), DATE_BLOCK)
    ]
    return _concat(blocks)


def _concat(parts: list[ParsedDates]) -> ParsedDates:
    if len(parts) == 1:
        return parts[0]
    return ParsedDates(
        *(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(ParsedDates))
    )


def literal_coder(table: dict[str, int]) -> Callable[[Sequence[str]], np.ndarray]:
    """A function giving the uint8 codes of values that are all keys of ``table`` (known: a
    decoder checked them), told apart by their length and first character."""
    keys = {min(len(k), 63) * 256 + (ord(k[0]) if k else 0): code for k, code in table.items()}
    assert len(keys) == len(table)
    lut = np.full(256 * 64, BAD, np.uint8)
    lut[list(keys)] = list(keys.values())

    def codes(values: Sequence[str]) -> np.ndarray:
        first, lens, chars = char_table(values)
        if len(chars) == 0:
            return lut[np.zeros(len(values), np.int64)]
        head = np.where(lens > 0, chars[np.minimum(first, len(chars) - 1)], 0)
        return lut[np.minimum(lens, 63) * 256 + head]

    return codes
