"""The events array of a native file, cut into pieces of whole events that msgspec decodes one
at a time.

msgspec decodes the top level once, keeping each event as its raw bytes (no Python object per
field), and the array is cut between those events after about every PIECE_BYTES: every cut is
exact, between two events the decoder found.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

import msgspec
import numpy as np
import orjson

from viewer.model.dataset import Dataset

PIECE_BYTES = 128 << 10  # about the bytes of a piece (cut at the next event after this)
UNCOUNTED = -1  # the count of events of a piece not decoded yet

_ABSENT = msgspec.Raw()  # the default of the header's fields: "not in the file"
HEADER_FIELDS = tuple(name for name in Dataset.model_fields if name != "events")
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

    def __init__(self, raw: bytes, spans: list[tuple[int, int]]) -> None:
        self.raw, self.spans = raw, spans
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


def split_top(raw: bytes) -> tuple[dict[str, Any], Pieces] | None:
    """The header fields as JSON values and the pieces of the events; None if msgspec refuses
    the top level (invalid JSON, not an object, an unknown top-level field, events not an
    array ...): the reference reader then says what is wrong."""
    try:
        top = _TOP_EVENTS.decode(raw)
        cut = _cut_between(raw, top.events)
        header = {
            name: orjson.loads(memoryview(value))
            for name in HEADER_FIELDS
            if (value := getattr(top, name)) is not _ABSENT
        }
    except (*DECODE_ERRORS, orjson.JSONDecodeError):
        return None
    return header, Pieces(raw, cut)


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
