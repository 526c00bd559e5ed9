"""The fast path for big native files: JSON -> numpy columns, no pydantic model per event.

The events array is cut into pieces of whole events (:mod:`.event_pieces`), and msgspec
decodes a piece at a time into
typed structs (:mod:`.native_structs`), from which :mod:`.simple_events` builds columns; a file
msgspec refuses is read from orjson's objects instead (:mod:`.native_objects`).
Events of the common shape ("simple": known fields of the expected JSON types, dates of fixed
ISO forms with an offset, no quotes, no time zone name) are checked with vectorised code that is
strictly narrower than the pydantic models and :mod:`viewer.model.checks`: anything it does not
accept is handed, one event at a time, to those same models and checks, so every error message
(with its JSON path) is the one the reference reader gives. Events stay lazy: ``dataset.events[i]``
validates that one event with ``Event.model_validate`` when the detail pane asks for it.

Known difference from the reference reader: msgspec and orjson keep the last of duplicate keys
instead of refusing them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import FORMAT_NAME, Dataset, Event
from viewer.model.errors import LoadError, Problem, cap_problems
from viewer.model.index import (
    APPROXIMATE,
    CANCELLED,
    INTERVAL,
    PLANNED,
    UNCERTAIN,
    when_flags,
)
from viewer.model.listing import event_span, precision_end
from viewer.model.table import EventTable

from .columns import ColumnarLoaded, LazyEvents, csr_fields
from .common import Loaded, Progress, read_limited
from .csv_read import gc_paused
from .event_pieces import DECODE_ERRORS, split_top
from .native import error_problems, located, read_native
from .native_objects import objects_chunk
from .native_structs import decode_events
from .simple_events import (
    END_PREC_CODE,
    PREC_CODE,
    REF_KEYS,
    STATUS_CODE,
    SimpleColumns,
    SimpleColumnsBuilder,
)

LOCATE_MAX_BYTES = 32 * 1024**2  # line:col of problems only below this (the search is slow)
# what the readers of the events hand on: the validated header (None and its errors if it is
# not valid), the columns, and the JSON values of the events that are not simple
Shaped = tuple[Dataset | None, list[dict[str, Any]], SimpleColumns, dict[int, Any]]


def load_columnar(
    path: str | Path, progress: Progress | None = None, raw: bytes | None = None
) -> ColumnarLoaded | Loaded | None:
    """Read a native dataset file on the fast path; LoadError as the reference reader gives.
    ``raw``: the file's bytes, if they were read already.

    None where the top level is not a native dataset (no ``"format": "timeline-dataset"``
    with version 1): the caller recognises its format. Files whose structure the fast path
    does not handle (invalid JSON, events not an array ...) go to the reference reader, which
    says what is wrong.
    """
    file = str(path)
    report = progress or (lambda _f, _m: None)
    if raw is None:
        report(0.0, "Reading")
        raw = read_limited(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    small = raw if len(raw) <= LOCATE_MAX_BYTES else b""

    def text() -> str:  # the text that locates problems (line:col), decoded only if needed
        return small.decode("utf-8", "replace")

    report(0.1, "Parsing JSON")
    with gc_paused():  # millions of objects without cycles: the collector's passes cost time
        shaped: Shaped | Loaded | None = _from_structs(raw, report)
        if shaped is None:
            shaped = _from_objects(raw, path, report)
        del raw
        if shaped is None or isinstance(shaped, Loaded):
            return shaped
        loaded = _finish(*shaped, text, file, report)
        # the lists of the simple columns go before the collector runs again (its first pass
        # would visit each of their millions of items)
        del shaped
    return loaded


def _header(obj: dict[str, Any]) -> tuple[Dataset | None, list[dict[str, Any]]]:
    """The header (sources, actors, places: small) through the reference model, events left
    out; None and the errors if it is not valid."""
    try:
        return Dataset.model_validate({**obj, "events": []}), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def _ref_code(hd: Dataset | None) -> dict[str, dict[str, int]]:
    """The rows of the actors, places and sources (citations) of a header, by id."""

    def code(items: Sequence[Any]) -> dict[str, int]:
        return {item.id: k for k, item in enumerate(items)}

    if hd is None:
        return {"actors": {}, "places": {}, "citations": {}}
    return {"actors": code(hd.actors), "places": code(hd.places), "citations": code(hd.sources)}


def _format_ok(obj: Any) -> bool:
    version = obj.get("version") if isinstance(obj, dict) else None
    return version == 1 and type(version) is int and obj.get("format") == FORMAT_NAME


def _from_structs(raw: bytes, report: Progress) -> Shaped | None:
    """The fast reading (msgspec); None where it does not apply: the file is then read from
    orjson's objects, which accept every file the reference reader does."""

    def progress(done: float, about: int) -> None:
        rounded = round(about, 2 - len(str(about)))  # two digits: it is an estimate
        report(0.1 + 0.5 * done, f"Reading about {rounded:,} events")

    top = split_top(raw)
    if top is None:
        return None  # not valid JSON ...: read the slower way, which says what is wrong
    header_obj, pieces = top
    hd = _header(header_obj)[0] if _format_ok(header_obj) else None
    if hd is None:
        return None
    try:
        builder = decode_events(pieces, _ref_code(hd), progress)
    except DECODE_ERRORS:
        return None
    report(0.6, "Reading dates")
    sc = builder.finish()
    try:
        objects = pieces.objects(np.flatnonzero(~sc.simple).tolist())
    except (*DECODE_ERRORS, orjson.JSONDecodeError):
        return None
    return hd, [], sc, objects


def _from_objects(raw: bytes, path: str | Path, report: Progress) -> Shaped | Loaded | None:
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return read_native(path, raw)  # the reference parser gives line:col and the reason
    if not _format_ok(obj):
        return None  # not a native dataset (or not one of this version): recognised as any
    events = obj.pop("events", [])
    if not isinstance(events, list):
        return read_native(path, raw)
    report(0.35, f"Checking {len(events):,} events")
    hd, header_errors = _header(obj)
    builder = SimpleColumnsBuilder(_ref_code(hd), len(events))
    builder.add(objects_chunk(events))
    report(0.45, "Reading dates")
    sc = builder.finish()
    objects = {i: events[i] for i in np.flatnonzero(~sc.simple).tolist()}
    return hd, header_errors, sc, objects


def _finish(
    hd: Dataset | None,
    header_errors: list[dict[str, Any]],
    sc: SimpleColumns,
    objects: dict[int, Any],
    text: Callable[[], str],
    file: str,
    report: Progress,
) -> ColumnarLoaded:
    # events not of the simple shape: the reference models and checks, one event at a time
    report(0.65, "Checking events")
    rest = sorted(objects)
    event_errors: list[dict[str, Any]] = []
    complex_events: dict[int, Event] = {}
    for i in rest:
        try:
            complex_events[i] = Event.model_validate(objects[i])
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                err["loc"] = ("events", i, *err["loc"])
                event_errors.append(err)
    if header_errors or event_errors:
        errs = header_errors + event_errors
        raise LoadError(error_problems(errs, len(errs), text(), file))
    assert hd is not None
    problems: list[Problem] = []
    mini = hd.model_copy(update={"events": [complex_events[i] for i in rest]})
    checked, mini_problems = check_dataset(mini)
    for p in mini_problems:
        if p.path.startswith("events[") and "duplicate event id" in p.message:
            continue  # uniqueness of event ids is checked over all events below
        problems.append(_remap(p, rest))
    ids, id_hash = sc.ids, sc.id_hash
    for k, i in enumerate(rest):
        complex_events[i] = checked.events[k]
        ids[i] = complex_events[i].id
        id_hash[i] = hash(ids[i])
    problems += _duplicate_ids(ids, id_hash, file)
    if problems:
        problems = located(problems, text(), file)
    if errors := [p for p in problems if p.severity == "error"]:
        raise LoadError(cap_problems(errors))  # (as the reference reader: no warnings then)

    report(0.75, "Building columns")
    columns = _columns(hd, sc, complex_events)
    ds = hd.model_copy(update={"sources": checked.sources})
    lazy = LazyEvents(columns, ds)
    ds = ds.model_copy(update={"events": lazy})
    lazy.header = ds
    report(1.0, "Done")
    return ColumnarLoaded(ds, problems, file, "native", columns)


def _columns(hd: Dataset, sc: SimpleColumns, complex_events: dict[int, Event]) -> EventTable:
    """The EventTable of the simple events' columns and the validated complex events."""
    n = sc.n
    start, end, period_end = sc.start, sc.end, sc.period_end
    flags = np.zeros(n, np.uint8)
    flags[sc.approximate] |= APPROXIMATE
    flags[sc.uncertain] |= UNCERTAIN
    flags[sc.has_end] |= INTERVAL
    status, kind, precision, end_precision = sc.status, sc.kind, sc.precision, sc.end_precision
    titles, summaries, start_text, end_text = sc.titles, sc.summaries, sc.start_text, sc.end_text
    n_quotes = np.zeros(n, np.int32)
    code_of = {
        "actors": {a.id: k for k, a in enumerate(hd.actors)},
        "places": {p.id: k for k, p in enumerate(hd.places)},
        "citations": {s.id: k for k, s in enumerate(hd.sources)},
        "tags": sc.tags,
    }
    complex_refs: dict[str, dict[int, list[int]]] = {key: {} for key in REF_KEYS}
    for i, ev in complex_events.items():
        t0, t1 = event_span(ev)
        start[i], end[i], period_end[i] = t0, t1, precision_end(ev)
        flags[i] = when_flags(ev)
        status[i] = STATUS_CODE[ev.status]
        kind[i] = sc.kinds[ev.kind]
        precision[i] = PREC_CODE[ev.when.precision]
        end_precision[i] = END_PREC_CODE[ev.when.end_precision]
        titles[i], summaries[i] = ev.title, ev.summary
        start_text[i], end_text[i] = ev.when.start, ev.when.end or ""
        n_quotes[i] = len(ev.quotes)
        for key in REF_KEYS:
            complex_refs[key][i] = [code_of[key][x] for x in getattr(ev, key)]
    flags[(status == STATUS_CODE["planned"]) | (status == STATUS_CODE["postponed"])] |= PLANNED
    flags[status == STATUS_CODE["cancelled"]] |= CANCELLED
    csr = {
        key: _merge_refs(sc.ref_lengths[key], sc.ref_codes[key], sc.simple, complex_refs[key])
        for key in REF_KEYS
    }
    tag_off, tag_idx = csr["tags"]
    tag_names, tag_idx = _used_names(list(sc.tags), tag_idx, sort=True)
    csr["tags"] = (tag_off, tag_idx)
    kinds, kind = _used_names(list(sc.kinds), kind, sort=False)
    return EventTable.from_columns(
        ids=sc.ids,
        titles=titles,
        summaries=summaries,
        start_text=start_text,
        end_text=end_text,
        precision=precision,
        end_precision=end_precision,
        start=start,
        end=end,
        period_end=period_end,
        flags=flags,
        status=status,
        kind=kind,
        kinds=kinds,
        tags=tag_names,
        **csr_fields(csr),
        n_quotes=n_quotes,
        complex=complex_events,
    )


def _merge_refs(
    lengths: np.ndarray, codes: np.ndarray, simple: np.ndarray, complex_refs: dict[int, list[int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and codes of the references of every event: the simple events' from the
    columns, the others' from their models (none where they have none: an event that is not
    simple has placeholder references in the columns).

    The columns' codes are copied a run of simple events at a time: the others are few."""
    old_off = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=old_off[1:])
    new_lengths = lengths.copy()
    pieces, done = [], 0  # codes taken up to the event ``done``
    for i in np.flatnonzero(~simple).tolist():
        refs = complex_refs.get(i, [])
        pieces += [codes[old_off[done] : old_off[i]], np.array(refs, np.int32)]
        new_lengths[i] = len(refs)
        done = i + 1
    if not pieces:
        return old_off, codes
    pieces.append(codes[old_off[done] :])
    off = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(new_lengths, out=off[1:])
    return off, np.concatenate(pieces)


def _used_names(names: list[str], codes: np.ndarray, sort: bool) -> tuple[list[str], np.ndarray]:
    """The names that codes use (sorted, or in order of first use) and the codes into them."""
    if sort:
        keys = np.flatnonzero(np.bincount(codes, minlength=len(names))).tolist()
        keys.sort(key=names.__getitem__)
    elif (
        len(codes) and codes[0] == 0 and (codes[1:] <= np.maximum.accumulate(codes)[:-1] + 1).all()
    ):
        keys = list(range(int(codes.max()) + 1))  # codes given in order of first use (usual)
    else:
        used, first = np.unique(codes, return_index=True)
        keys = used[np.argsort(first, kind="stable")].tolist()
    remap = np.zeros(max(len(names), 1), codes.dtype)
    remap[keys] = np.arange(len(keys), dtype=codes.dtype)
    return [names[k] for k in keys], remap[codes]


_PATH_START = re.compile(r"^events\[(\d+)\]")
_FIRST_AT = re.compile(r"\(first at events\[(\d+)\]")


def _remap(p: Problem, rows: list[int]) -> Problem:
    """A problem of the mini dataset of complex events, with paths of the whole file.

    Only paths are renumbered (the problem's own, and the one a duplicate's message points
    to): dataset text quoted in a message may look like a path too and stays as it is."""

    def sub(m: re.Match[str]) -> str:
        k = int(m.group(1))
        return m.group(0).replace(f"[{k}]", f"[{rows[k]}]") if k < len(rows) else m.group(0)

    return Problem(
        _FIRST_AT.sub(sub, p.message),
        _PATH_START.sub(sub, p.path),
        None,
        None,
        p.file,
        p.severity,
    )


def _duplicate_ids(ids: Sequence[str], hashes: np.ndarray, file: str) -> list[Problem]:
    """A problem for each repeat of an id, pointing at its first row; ``hashes`` are the
    ``hash()`` of the ids.

    Equal ids have equal hashes: only the rows whose hash is not unique (none in most files)
    are compared exactly, which costs a sort of integers instead of a set of a million ids."""
    ordered = np.sort(hashes)  # numpy sorts integers (SIMD) several times faster than argsort
    if not (ordered[1:] == ordered[:-1]).any():
        return []
    order = np.argsort(hashes)
    same = hashes[order[1:]] == hashes[order[:-1]]
    shared = np.zeros(len(ids), bool)
    shared[1:] |= same
    shared[:-1] |= same
    seen: dict[str, int] = {}
    out = []
    for i in np.sort(order[shared]).tolist():
        item_id = ids[i]
        if item_id in seen:
            out.append(
                Problem(
                    f"duplicate event id '{item_id}' (first at events[{seen[item_id]}])",
                    path=f"events[{i}].id",
                    file=file,
                )
            )
        else:
            seen[item_id] = i
    return out
