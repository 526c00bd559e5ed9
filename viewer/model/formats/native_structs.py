"""Native files' events decoded with msgspec for the fast path: the events array is cut into
pieces (:mod:`.event_pieces`), the events of each piece counted, then each piece decoded into
msgspec structs and from them into columns; for big files a forked child
(:mod:`viewer.model.forked`) counts and decodes the pieces from the last one back meanwhile, on
the other core, until it meets this process, and hands its columns back.

The structs accept only events of the simple shape's JSON types (strings, booleans, arrays of
strings); an event they refuse, or that has a field the fast path leaves to the reference models
(quotes, a zone, the wording or basis of a date), is marked not simple and its JSON object is
handed on. Nothing here decides what is wrong with a file: a piece msgspec refuses as a whole
makes :func:`decode_events` raise, and the caller reads the file the slower way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import is_
from typing import Annotated, Any, Literal

import msgspec
import numpy as np

from viewer.model.forked import Forked, Meeting, shared_int64

from .column_ops import literal_coder
from .columns import NO_PRECISION
from .event_pieces import DECODE_ERRORS, UNCOUNTED, Pieces
from .simple_events import PREC_CODE, STATUS_CODE, TEXTS, Chunk, SimpleColumnsBuilder

SETTLE_ROWS = 1 << 16  # events whose dates are parsed (and texts packed, in a child) at a time
# pieces the child leaves to this process before they meet: this process decodes them while
# the child exports its columns
RESERVE_PIECES = 40
SPLIT_FROM = 16 << 20  # bytes of events from which a forked child decodes part of them
HELPER_MIN_WAIT_S = 10.0  # the least the child is waited for after this process's part
COUNTS_WAIT_S = 0.5  # the least this process waits for the child's counts of events
_COUNTS_POLL_S = 0.0002

_KEPT_IN_CHILD: list[Any] = []
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
    split_from: int | None = None,
) -> SimpleColumnsBuilder:
    """The columns of the events, decoded a piece at a time (their structs are dropped after
    each piece); ``report`` is called now and then with the share done and the count of
    events. Raises DECODE_ERRORS where a piece is not an array of
    JSON values (the file is not valid JSON, or a guessed end of the events was wrong).

    The events of each piece are counted first, then decoded into the columns. From
    ``split_from`` bytes of events on (default SPLIT_FROM), a forked child does both from the
    last piece back meanwhile, on the other core, while this process does them from the first
    on, until the two meet; if the child fails, this process does its part too."""
    split_from = SPLIT_FROM if split_from is None else split_from
    pieces_n = len(pieces)
    counts = shared_int64(pieces_n)
    counts[:] = UNCOUNTED
    counting, meeting = Meeting(pieces_n), Meeting(pieces_n)
    helper = None
    if pieces.nbytes >= split_from and pieces_n > 1:
        helper = Forked.start(lambda: _decoded(pieces, counting, counts, meeting, ref_code))
    try:
        started = time.monotonic()
        while (k := counting.take_front()) is not None:
            counts[k] = pieces.count(k)
        _count_rest(pieces, counts, helper, time.monotonic() - started)
        n = pieces.counted(counts)
        starts = pieces.starts
        builder = SimpleColumnsBuilder(ref_code, n)
        while (k := meeting.take_front()) is not None:
            if builder.unsettled and builder.unsettled[1] - builder.unsettled[0] >= SETTLE_ROWS:
                report((k + pieces_n - meeting.back) / pieces_n, n)  # done at both ends
                builder.settle()
            _add(builder, pieces, k)
        if helper is None or builder.stop == n:  # (nothing left for the child's answer)
            return builder
        builder.settle()  # while the child ends its last piece
        # the child stops when it meets this process: wait a few times this one's time at most
        waited = max(HELPER_MIN_WAIT_S, 4 * (time.monotonic() - started))
        part = helper.result(waited, lambda: report(1.0, n))
    finally:
        if helper is not None:
            helper.close()
    if part is not None and n - part["size"] <= builder.stop:  # (never a gap between them)
        # its first rows, if this process decoded them too, are skipped
        builder.merge(part, skip=builder.stop - (n - part["size"]))
        return builder
    # the child failed: its part is decoded here
    for k in range(int(np.searchsorted(starts, builder.stop)), pieces_n):
        _add(builder, pieces, k)
    return builder


def _count_rest(
    pieces: Pieces, counts: np.ndarray, helper: Forked | None, counting_s: float
) -> None:
    """Count the events of the pieces the child has not counted (it failed, or is slow)."""
    deadline = time.monotonic() + max(COUNTS_WAIT_S, 2 * counting_s)
    while helper is not None and (counts == UNCOUNTED).any() and time.monotonic() < deadline:
        if helper.ended():
            break
        time.sleep(_COUNTS_POLL_S)
    for k in np.flatnonzero(counts == UNCOUNTED).tolist():
        counts[k] = pieces.count(k)


def _decoded(
    pieces: Pieces,
    counting: Meeting,
    counts: np.ndarray,
    meeting: Meeting,
    ref_code: dict[str, dict[str, int]],
) -> dict[str, Any]:
    """The columns of the last events, counted then decoded a piece at a time from the last
    piece back until each meeting's front, as :meth:`SimpleColumnsBuilder.export` gives them."""
    while (k := counting.take_back()) is not None:
        counts[k] = pieces.count(k)
    deadline = time.monotonic() + 60.0  # (this process's parent has ended, or failed)
    while (counts == UNCOUNTED).any():
        if time.monotonic() > deadline:
            raise TimeoutError("the events were not counted")
        time.sleep(_COUNTS_POLL_S)
    n = pieces.counted(counts)
    starts = pieces.starts
    builder = SimpleColumnsBuilder(ref_code, n, joined={name: [] for name in TEXTS}, first=n)
    while (k := meeting.take_back(RESERVE_PIECES)) is not None:
        if builder.unsettled and builder.unsettled[1] - builder.unsettled[0] >= SETTLE_ROWS:
            builder.settle()
        _add(builder, pieces, k, at=int(starts[k]))
    # kept: the child ends without freeing its millions of strings, which would take 0.1 s
    _KEPT_IN_CHILD.append(builder)
    return builder.export()


def _add(builder: SimpleColumnsBuilder, pieces: Pieces, k: int, at: int | None = None) -> None:
    """Add the events of piece k to the columns (none where it was merged with the one
    before)."""
    if pieces.starts[k + 1] > pieces.starts[k]:
        builder.add(_chunk(*pieces_events(pieces, k)), at)


def pieces_events(pieces: Pieces, k: int) -> tuple[list[_Event], list[int]]:
    """The structs of piece k's events and the rows in it msgspec refused (a placeholder
    there)."""
    array = pieces.array(k)
    try:
        return _EVENTS_DECODER.decode(array), []
    except DECODE_ERRORS:
        return _decode(pieces.raws(k))


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
    (ids, titles, whens, summaries, status, kind, actors, places, tags, citations, quotes) = zip(
        *map(astuple, events), strict=True
    )
    (start, precision, end, end_precision, approximate, uncertain, tz, text, basis) = zip(
        *map(astuple, whens), strict=True
    )
    # fields the fast path does not read: an event with any of them goes to the reference models
    for col in (quotes, tz, text, basis):
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
