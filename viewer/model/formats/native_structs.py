"""Native files decoded with msgspec for the fast path: the top level with each event kept as its
raw JSON, then the events a chunk at a time into msgspec structs and from them into columns;
for big files a forked child (:mod:`viewer.model.forked`) decodes the events from the last
chunk back meanwhile, on the other core, until it meets this process, and hands its columns
back.

The structs accept only events of the simple shape's JSON types (strings, booleans, arrays of
strings); an event they refuse, or that has a field the fast path leaves to the reference models
(quotes, a zone, the wording or basis of a date), is marked not simple and its JSON object is
handed on. Nothing here decides what is wrong with a file: a file msgspec refuses as a whole
makes :func:`decode_top` return None, and the caller reads it the slower way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import is_
from typing import Annotated, Any, Literal

import msgspec
import numpy as np
import orjson

from viewer.model.dataset import Dataset
from viewer.model.forked import Forked, Meeting

from .column_ops import literal_coder
from .columns import NO_PRECISION
from .simple_events import PREC_CODE, STATUS_CODE, TEXTS, Chunk, SimpleColumnsBuilder

CHUNK = 2048  # events per chunk: their structs stay in the processor's cache while read
SETTLE_CHUNKS = 32  # chunks whose dates are parsed (and texts packed, in a child) at a time
# chunks the child leaves to this process before they meet: this process decodes them while
# the child exports its columns
RESERVE_CHUNKS = 16
SPLIT_FROM = 100_000  # events from which a forked child decodes part of them
HELPER_MIN_WAIT_S = 10.0  # the least the child is waited for after this process's part

_KEPT_IN_CHILD: list[Any] = []
_ABSENT = msgspec.Raw()  # the default of the fields kept raw: "not in the file"
_Precision = Literal["year", "month", "day", "minute", "second"]
_Status = Literal["occurred", "ongoing", "planned", "postponed", "cancelled"]
_DECODE_ERRORS = (msgspec.DecodeError, UnicodeDecodeError)


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
_HEADER_FIELDS = tuple(name for name in Dataset.model_fields if name != "events")
_File = msgspec.defstruct(
    "_File",
    [(name, msgspec.Raw, _ABSENT) for name in _HEADER_FIELDS] + [("events", list[msgspec.Raw], [])],
    forbid_unknown_fields=True,
)
_FILE_DECODER = msgspec.json.Decoder(_File)
_EVENT_DECODER = msgspec.json.Decoder(_Event)


def decode_top(raw: bytes) -> tuple[dict[str, Any], list[msgspec.Raw]] | None:
    """The header fields as JSON values and the raw events; None if msgspec refuses the file
    (invalid JSON, not an object, an unknown top-level field, events not an array ...)."""
    try:
        top = _FILE_DECODER.decode(raw)
        header = {
            name: orjson.loads(memoryview(value))
            for name in _HEADER_FIELDS
            if (value := getattr(top, name)) is not _ABSENT
        }
    except (*_DECODE_ERRORS, orjson.JSONDecodeError):
        return None
    return header, top.events


def decode_events(
    raws: Sequence[msgspec.Raw],
    builder: SimpleColumnsBuilder,
    report: Callable[[int], None] = lambda _done: None,
    split_from: int | None = None,
) -> None:
    """Decode the events into the builder's columns, a chunk at a time (their structs are
    dropped after each chunk); ``report`` is called now and then with the count done.

    From ``split_from`` events on (default SPLIT_FROM), a forked child decodes chunks from the
    last one back meanwhile, on the other core, while this process decodes from the first on,
    until the two meet; if the child fails, this process decodes its chunks too."""
    n = len(raws)
    split_from = SPLIT_FROM if split_from is None else split_from
    chunks = -(-n // CHUNK)
    meeting = Meeting(chunks)
    ref_code = builder.ref_code
    helper = None
    if n >= split_from and chunks > 1:
        helper = Forked.start(lambda: _decoded(raws, meeting, ref_code))
    try:
        started = time.monotonic()
        while (k := meeting.take_front()) is not None:
            if k % SETTLE_CHUNKS == 0:  # the chunks done at both ends
                report(min(n - 1, (k + chunks - meeting.back) * CHUNK))
                builder.settle()
            builder.add(_chunk(raws[k * CHUNK : (k + 1) * CHUNK]))
        if helper is None or builder.stop == n:  # (nothing left for the child's answer)
            return
        builder.settle()  # while the child ends its last chunk
        # the child stops when it meets this process: wait a few times this one's time at most
        waited = max(HELPER_MIN_WAIT_S, 4 * (time.monotonic() - started))
        part = helper.result(waited, lambda: report(n - 1))
    finally:
        if helper is not None:
            helper.close()
    if part is not None and n - part["size"] <= builder.stop:  # (never a gap between them)
        # its first rows, if this process decoded them too, are skipped
        builder.merge(part, skip=builder.stop - (n - part["size"]))
        return
    for a in range(builder.stop, n, CHUNK):  # the child failed: its part is decoded here
        if a % (CHUNK * 32) == 0:
            report(n - 1)  # (as far as shown while waiting: progress never goes back)
        builder.add(_chunk(raws[a : a + CHUNK]))


def _decoded(
    raws: Sequence[msgspec.Raw], meeting: Meeting, ref_code: dict[str, dict[str, int]]
) -> dict[str, Any]:
    """The columns of the last events, decoded a chunk at a time from the last chunk back
    until the meeting's front, as :meth:`SimpleColumnsBuilder.export` gives them."""
    n = len(raws)
    chunks = -(-n // CHUNK)
    builder = SimpleColumnsBuilder(ref_code, n, joined={name: [] for name in TEXTS}, first=n)
    while (k := meeting.take_back(RESERVE_CHUNKS)) is not None:
        if (chunks - k) % SETTLE_CHUNKS == 0:
            builder.settle()
        builder.add(_chunk(raws[k * CHUNK : (k + 1) * CHUNK]), at=k * CHUNK)
    # kept: the child ends without freeing its millions of strings, which would take 0.1 s
    _KEPT_IN_CHILD.append(builder)
    return builder.export()


def event_objects(raws: Sequence[msgspec.Raw], rows: Sequence[int]) -> dict[int, Any] | None:
    """The JSON values of some events (for the reference models); None if orjson refuses one
    (then the file is read the slow way, which says what is wrong)."""
    try:
        return {i: orjson.loads(memoryview(raws[i])) for i in rows}
    except orjson.JSONDecodeError:
        return None


def _decode(raws: Sequence[msgspec.Raw]) -> tuple[list[_Event], list[int]]:
    """The structs of the events and the rows msgspec refused (a placeholder there)."""
    try:
        return list(map(_EVENT_DECODER.decode, raws)), []
    except _DECODE_ERRORS:
        pass
    events, refused = [], []
    for k, raw in enumerate(raws):
        try:
            events.append(_EVENT_DECODER.decode(raw))
        except _DECODE_ERRORS:
            events.append(_PLACEHOLDER)
            refused.append(k)
    return events, refused


def _chunk(raws: Sequence[msgspec.Raw]) -> Chunk:
    events, refused = _decode(raws)
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
