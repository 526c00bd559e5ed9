"""Native files' events decoded with msgspec for the fast path: the events array is cut into
pieces (:mod:`.event_pieces`), and each piece decoded into msgspec structs and from them into
columns, in this process, a piece after the other.

The structs accept only events of the simple shape's JSON types (strings, booleans, arrays of
strings); an event they refuse, or that has a field the fast path leaves to the reference models
(quotes, a draft mark, a zone, the wording or basis of a date), is marked not simple and its
JSON object is handed on. Nothing here decides what is wrong with a file: a piece msgspec
refuses as a whole makes :func:`decode_events` raise, and the caller reads the file the slower
way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import is_
from typing import Annotated, Literal

import msgspec
import numpy as np

from .column_ops import literal_coder
from .columns import NO_PRECISION
from .event_pieces import DECODE_ERRORS, Pieces
from .simple_events import PREC_CODE, STATUS_CODE, Chunk, SimpleColumnsBuilder

SETTLE_ROWS = 1 << 16  # events whose dates are parsed at a time
ESTIMATE_PIECES = 16  # pieces whose events are counted to estimate how many there are
MIN_EVENT_BYTES = 60  # about the fewest bytes of an event of the simple shape
_ABSENT = msgspec.Raw()  # the default of the fields kept raw: "not in the file"
_Precision = Literal["year", "month", "day", "minute", "second"]
_Status = Literal["occurred", "ongoing", "planned", "postponed", "cancelled"]


# the constraints of the models that msgspec checks as it reads (an event that breaks one is
# refused, and the reference models say why); "" is the default of no end and no end_precision,
# not a value the decoder accepts
_Id = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
_Title = Annotated[str, msgspec.Meta(min_length=1)]
_End = Annotated[str, msgspec.Meta(min_length=1)]


class _When(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    start: str
    precision: _Precision
    end: _End = ""
    end_precision: _Precision = ""  # type: ignore[assignment]
    approximate: bool = False
    uncertain: bool = False
    tz: msgspec.Raw = _ABSENT
    text: msgspec.Raw = _ABSENT
    basis: msgspec.Raw = _ABSENT


class _Event(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: _Id
    title: _Title
    when: _When
    summary: str = ""
    status: _Status = "occurred"
    kind: str = "event"
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()
    quotes: msgspec.Raw = _ABSENT
    draft: msgspec.Raw = _ABSENT


_PLACEHOLDER = _Event(id="", title="", when=_When(start="", precision="year"))
_STATUS_CODES = literal_coder(STATUS_CODE)
_PRECISION_CODES = literal_coder(PREC_CODE)
_END_PRECISION_CODES = literal_coder({**PREC_CODE, "": NO_PRECISION})
_EVENT_DECODER = msgspec.json.Decoder(_Event)
_EVENTS_DECODER = msgspec.json.Decoder(list[_Event])


def decode_events(
    pieces: Pieces,
    ref_code: dict[str, dict[str, int]],
    report: Callable[[float, int], None] = lambda _done, _n: None,
) -> SimpleColumnsBuilder:
    """The columns of the events, decoded a piece at a time (their structs are dropped after
    each piece); ``report`` is called now and then with the share done and about how many
    events there are. Raises DECODE_ERRORS where a piece is not an array of JSON values.
    The rows of every piece are known at the end (``pieces.starts``)."""
    pieces_n = len(pieces)
    counts = np.zeros(pieces_n, np.int64)
    about, room = _estimate(pieces)
    builder = SimpleColumnsBuilder(ref_code, room)
    for k in range(pieces_n):
        if builder.unsettled and builder.unsettled[1] - builder.unsettled[0] >= SETTLE_ROWS:
            report(k / pieces_n, about)
            builder.settle()
        counts[k] = _add(builder, pieces, k)
    pieces.counted(counts)
    return builder


def _estimate(pieces: Pieces) -> tuple[int, int]:
    """About how many events there are (from the events per byte of up to ESTIMATE_PIECES
    pieces spread over the file), and room for them or a few more: at most one per
    MIN_EVENT_BYTES (the columns grow past it if need be)."""
    if not len(pieces):
        return 0, 0
    sample = sorted(
        {k * (len(pieces) - 1) // max(1, ESTIMATE_PIECES - 1) for k in range(ESTIMATE_PIECES)}
    )
    events = sum(len(pieces.raws(k)) for k in sample)
    sampled = sum(b - a for a, b in (pieces.spans[k] for k in sample))
    cap = pieces.nbytes // MIN_EVENT_BYTES + 64
    about = events * pieces.nbytes / max(1, sampled)
    return min(int(about), cap), min(int(about * 1.1) + 64, cap)


def _add(builder: SimpleColumnsBuilder, pieces: Pieces, k: int) -> int:
    """Add the events of piece k to the columns, after those added; how many there were."""
    events, refused = pieces_events(pieces, k)
    if events:
        builder.add(_chunk(events, refused))
    return len(events)


def pieces_events(pieces: Pieces, k: int) -> tuple[list[_Event], list[int]]:
    """The structs of piece k's events and the rows in it msgspec refused (a placeholder
    there)."""
    array = pieces.array(k)
    try:
        return _EVENTS_DECODER.decode(array), []
    except DECODE_ERRORS:
        return _decode(pieces.raws(k))  # (raises where the piece is not an array)


def _decode(raws: Sequence[msgspec.Raw]) -> tuple[list[_Event], list[int]]:
    """The structs of the events and the rows msgspec refused (a placeholder there)."""
    try:
        return list(map(_EVENT_DECODER.decode, raws)), []
    except DECODE_ERRORS:
        pass
    events, refused = [], []
    for k, raw in enumerate(raws):
        try:
            events.append(_EVENT_DECODER.decode(raw))
        except DECODE_ERRORS:
            events.append(_PLACEHOLDER)
            refused.append(k)
    return events, refused


def _chunk(events: list[_Event], refused: list[int]) -> Chunk:
    m = len(events)
    simple = np.ones(m, bool)
    simple[refused] = False
    astuple = msgspec.structs.astuple
    (
        ids,
        titles,
        whens,
        summaries,
        status,
        kind,
        actors,
        places,
        tags,
        citations,
        quotes,
        draft,
    ) = zip(*map(astuple, events), strict=True)
    (start, precision, end, end_precision, approximate, uncertain, tz, text, basis) = zip(
        *map(astuple, whens), strict=True
    )
    # fields the fast path does not read: an event with any of them goes to the reference models
    for col in (quotes, draft, tz, text, basis):
        if col.count(_ABSENT) != m:
            simple &= np.fromiter(map(is_, col, repeat(_ABSENT)), bool, m)
    return Chunk(
        ids=ids,
        titles=titles,
        summaries=summaries,
        status=_STATUS_CODES(status),
        kind=kind,
        start=start,
        precision=_PRECISION_CODES(precision),
        end=end,
        end_precision=_END_PRECISION_CODES(end_precision),
        approximate=np.fromiter(approximate, bool, m),
        uncertain=np.fromiter(uncertain, bool, m),
        actors=actors,
        places=places,
        citations=citations,
        tags=tags,
        simple=simple,
    )
