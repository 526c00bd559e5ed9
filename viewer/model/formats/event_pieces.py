"""The events array of a native file, cut into pieces of whole events that msgspec decodes one
at a time, found without decoding the whole file first where the events come last.

A piece is the bytes of consecutive events, from one event's ``{`` to the ``}`` that ends an
event, cut where ``}``, a comma and ``{`` stand between two events. That pattern also stands
between the quotes of an event (cuts before an object that starts like a quote are not made) or
inside a string (cuts are made only where a key follows the ``{``: in a string, its quote would
be escaped), so a cut is only a guess until the pieces are decoded: each is decoded as the
array ``[piece]``. The first piece starts where the array does; if it decodes, it ends after a
whole event, so the next cut is real, and so on. A piece that starts after a real cut and ends
at a wrong one does not decode (a string, an event or its quotes are left open): the caller
then splits the file the exact way.

Where the file ends with the events (``... "events": [ ... ] }``), or with them and the eras
(the viewer's own order), the start of the array is the first ``"events": [``, its end the last
``]`` (or the one before the eras), and the rest of the file is checked by decoding it with
``0`` in place of the array: the top-level ``events`` must be that ``0``. If the guess is wrong
after all, a piece holds the array's end and the next key, and fails. The exact way decodes
the top level as a whole and cuts between the events it finds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

import msgspec
import numpy as np
import orjson

from viewer.model.dataset import Dataset, Event, Quote

PIECE_BYTES = 128 << 10  # about the bytes of a piece (cut at the next event after this)
UNCOUNTED = -1  # the count of events of a piece not decoded yet

_WS = rb"[ \t\r\n]*"  # JSON's white space (not \s: that also takes \f and \v)
_EVENTS_KEY = re.compile(rb'"events"' + _WS + rb":" + _WS + rb"\[")
# between two events, or a guess: "}", a comma, "{" and a key (inside a string, its quote
# would be escaped)
_BETWEEN = re.compile(
    rb"\}" + _WS + rb"," + _WS + rb"\{(?=" + _WS + rb'"(?:[^"\\]|\\.)*"' + _WS + rb":)"
)
# the end of the events and the start of the eras, where they follow
_ERAS_AFTER = re.compile(rb"\]" + _WS + rb"," + _WS + rb'"eras"' + _WS + rb":" + _WS + rb"\[")
_ERAS_TAIL = 1 << 20  # the bytes at the end of a file where the eras are looked for
_QUOTE_KEYS = sorted(set(Quote.model_fields) - set(Event.model_fields))
# an object whose first key, or the one after its id, only a quote has
_QUOTE_START = re.compile(
    rb"\{"
    + _WS
    + rb'(?:"id"'
    + _WS
    + rb":"
    + _WS
    + rb'"(?:[^"\\]|\\.)*"'
    + _WS
    + rb","
    + _WS
    + rb')?"(?:'
    + "|".join(_QUOTE_KEYS).encode()
    + rb')"'
)
_ABSENT = msgspec.Raw()  # the default of the header's fields: "not in the file"
HEADER_FIELDS = tuple(name for name in Dataset.model_fields if name != "events")
_Top = msgspec.defstruct(
    "_Top",
    [(name, msgspec.Raw, _ABSENT) for name in (*HEADER_FIELDS, "events")],
    forbid_unknown_fields=True,
)
_TOP = msgspec.json.Decoder(_Top)
_TOP_EVENTS = msgspec.json.Decoder(
    msgspec.defstruct(
        "_TopEvents",
        [(name, msgspec.Raw, _ABSENT) for name in HEADER_FIELDS]
        + [("events", list[msgspec.Raw], [])],
        forbid_unknown_fields=True,
    )
)
_RAWS = msgspec.json.Decoder(list[msgspec.Raw])
DECODE_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)  # (too deep)


class Pieces:
    """The pieces of the events array of ``raw``: ``spans[k]`` is piece k's byte range. Once
    counted, ``starts[k]`` is the row of piece k's first event (``starts[-1]``: all events)."""

    def __init__(self, raw: bytes, spans: list[tuple[int, int]], guessed: bool) -> None:
        self.raw, self.spans = raw, spans
        # the array's span was guessed, and the cuts are made where events seem to meet
        # (checked when the pieces are decoded); else they are between events decoded
        self.guessed = guessed
        self.starts = np.zeros(1, np.int64)

    def __len__(self) -> int:
        return len(self.spans)

    @property
    def nbytes(self) -> int:
        return self.spans[-1][1] - self.spans[0][0] if self.spans else 0

    def array(self, k: int) -> bytes:
        """Piece k as a JSON array."""
        a, b = self.spans[k]
        return b"".join((b"[", memoryview(self.raw)[a:b], b"]"))

    def raws(self, k: int) -> list[msgspec.Raw]:
        """The raw JSON of piece k's events; raises DECODE_ERRORS where the piece is not an
        array of JSON values (the file is not valid JSON, or a cut was not between events)."""
        return _RAWS.decode(self.array(k))

    def counted(self, counts: Iterable[int]) -> int:
        """Set the rows from each piece's count of events; the count of all events."""
        self.starts = np.concatenate([[0], np.cumsum(np.fromiter(counts, np.int64))])
        return int(self.starts[-1])

    def objects(self, rows: list[int]) -> dict[int, Any]:
        """The JSON values of the events at some rows (orjson.JSONDecodeError if one is not
        valid JSON after all)."""
        out: dict[int, Any] = {}
        piece, raws = -1, []
        for i in sorted(rows):
            k = int(np.searchsorted(self.starts, i, "right")) - 1
            if k != piece:
                piece, raws = k, self.raws(k)
            out[i] = orjson.loads(memoryview(raws[i - int(self.starts[k])]))
        return out


def split_top(raw: bytes, exact: bool = False) -> tuple[dict[str, Any], Pieces] | None:
    """The header fields as JSON values and the pieces of the events; None if msgspec refuses
    the top level (invalid JSON, not an object, an unknown top-level field, events not an
    array ...). Unless ``exact``, the span of the events is guessed where they come last or
    before the eras, and cut where events seem to meet; else (or where there is no guess) the
    whole top level is decoded, and the pieces are cut between its events."""
    try:
        found = None if exact else _guessed(raw)
        if found is None:
            top = _TOP_EVENTS.decode(raw)
            cut = _cut_between(raw, top.events)
        else:
            top, span = found
            cut = _cut(raw, *span)
        header = {
            name: orjson.loads(memoryview(value))
            for name in HEADER_FIELDS
            if (value := getattr(top, name)) is not _ABSENT
        }
    except (*DECODE_ERRORS, orjson.JSONDecodeError):
        return None
    return header, Pieces(raw, cut, guessed=found is not None)


def _guessed(raw: bytes) -> tuple[Any, tuple[int, int]] | None:
    """The top level and the events array's span (from its ``[`` to its ``]``) where the
    events are the last value of the file, or come just before the eras (as the viewer writes
    them); None where they may not be."""
    key = _EVENTS_KEY.search(raw)
    close = _before_space(raw, len(raw)) - 1  # the top level's "}"
    if key is None or raw[close : close + 1] != b"}":
        return None
    start = key.end() - 1
    ends = [_before_space(raw, close) - 1]  # the events' "]", if they are last
    eras = None
    for eras in _ERAS_AFTER.finditer(raw, max(start, len(raw) - _ERAS_TAIL)):  # noqa: B007
        pass
    if eras is not None:
        ends.insert(0, eras.start())
    for end in ends:
        if raw[end : end + 1] != b"]" or end <= start:
            continue
        rest = b"".join((memoryview(raw)[:start], b"0", memoryview(raw)[end + 1 :]))
        try:
            top = _TOP.decode(rest)
        except DECODE_ERRORS:
            continue
        if _array_span(top.events, rest) == (start, start):  # the top level's events
            return top, (start, end)
    return None


def _before_space(raw: bytes, end: int) -> int:
    """Where the white space that ends ``raw[:end]`` starts."""
    while end > 0 and raw[end - 1] in b" \t\r\n":
        end -= 1
    return end


def _array_span(value: msgspec.Raw, raw: bytes) -> tuple[int, int] | None:
    """Where a raw value decoded from ``raw`` stands in it (its first and last byte); None
    where it is absent."""
    if value is _ABSENT:
        return None
    at = _address(value) - _address(raw)
    return at, at + len(memoryview(value)) - 1


def _address(buffer: Any) -> int:
    return int(np.frombuffer(buffer, np.uint8).ctypes.data) if len(memoryview(buffer)) else 0


def _cut_between(raw: bytes, events: list[msgspec.Raw]) -> list[tuple[int, int]]:
    """The spans of pieces of the events decoded from ``raw``, cut between two of them after
    about every PIECE_BYTES (found by bisection: the events' addresses rise)."""
    base, spans, i = _address(raw), [], 0
    while i < len(events):
        a = _address(events[i]) - base
        j = bisect.bisect_left(events, a + PIECE_BYTES, i + 1, key=lambda r: _address(r) - base)
        last = events[j - 1]
        spans.append((a, _address(last) - base + len(memoryview(last))))
        i = j
    return spans


def _cut(raw: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the pieces of the array from ``start`` (its ``[``) to ``end`` (its ``]``)."""
    a = start + 1
    while a < end and raw[a] in b" \t\r\n":
        a += 1
    if a == end:
        return []
    spans = []
    at = a + PIECE_BYTES
    while True:
        cut = _BETWEEN.search(raw, at, end) if at < end else None
        if cut is None:
            spans.append((a, end))
            return spans
        if _QUOTE_START.match(raw, cut.end() - 1):  # between two quotes: not a cut
            at = cut.end()
            continue
        spans.append((a, cut.start() + 1))
        a = cut.end() - 1
        at = a + PIECE_BYTES
