"""Native files decoded with msgspec for the fast path: the top level with each event kept as its
raw JSON, then the events a chunk at a time into msgspec structs and from them into columns;
for big files a forked child (:mod:`viewer.model.forked`) decodes the last part of the events
meanwhile, on the other core, and hands its columns back.

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
from viewer.model.forked import Forked

from .columns import NO_PRECISION
from .simple_events import (
    PREC_CODE,
    STATUS_CODE,
    TEXTS,
    Chunk,
    SimpleColumnsBuilder,
    literal_coder,
)

CHUNK = 2048  # events per chunk: their structs stay in the processor's cache while read
SPLIT_FROM = 100_000  # events from which a forked child decodes part of them
HELPER_SHARE = 0.45  # of the events: the child also packs its texts and parses its dates
HELPER_MIN_WAIT_S = 10.0  # the least the child is waited for after this process's part

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

    From ``split_from`` events on (default SPLIT_FROM), a forked child decodes the last part
    meanwhile, on the other core; if it fails, this process decodes that part too."""
    n = len(raws)
    split_from = SPLIT_FROM if split_from is None else split_from
    head = int(n * (1 - HELPER_SHARE)) // CHUNK * CHUNK if n >= split_from else n
    ref_code = builder.ref_code
    helper = Forked.start(lambda: _decoded(raws[head:], ref_code)) if 0 < head < n else None
    if helper is None:
        head = n
    try:
        started = time.monotonic()
        for a in range(0, head, CHUNK):
            if a % (CHUNK * 32) == 0:
                report(a * n // head)  # the child is about as far through its part
            builder.add(_chunk(raws[a : a + CHUNK]))
        if helper is None:
            return
        builder.parse_starts()  # while the child ends its part
        # the child's part takes about as long as this one: wait a few times that at most
        waited = max(HELPER_MIN_WAIT_S, 4 * (time.monotonic() - started))
        part = helper.result(waited, lambda: report(n - 1))
    finally:
        if helper is not None:
            helper.close()
    if part is not None:
        builder.merge(part)
        return
    for a in range(head, n, CHUNK):  # the child failed: its part is decoded here
        if a % (CHUNK * 32) == 0:
            report(n - 1)  # (as far as shown while waiting: progress never goes back)
        builder.add(_chunk(raws[a : a + CHUNK]))


def _decoded(raws: Sequence[msgspec.Raw], ref_code: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The columns of some events, as :meth:`SimpleColumnsBuilder.export` gives them."""
    builder = SimpleColumnsBuilder(ref_code, len(raws), joined={name: [] for name in TEXTS})
    decode_events(raws, builder, split_from=len(raws) + 1)
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
