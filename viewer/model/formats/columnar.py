"""The fast path for big native files: JSON -> numpy columns, no pydantic model per event.

Events of the common shape ("simple": known fields of the expected JSON types, dates of fixed
ISO forms with an offset, no quotes, no time zone name) are checked with vectorised code that is
strictly narrower than the pydantic models and :mod:`viewer.model.checks`: anything it does not
accept is handed, one event at a time, to those same models and checks, so every error message
(with its JSON path) is the one the reference reader gives. Events stay lazy: ``dataset.events[i]``
validates that one event with ``Event.model_validate`` when the detail pane asks for it.

Known difference from the reference reader: orjson keeps the last of duplicate keys instead of
refusing them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from pydantic import ValidationError

from viewer.model.checks import check_dataset
from viewer.model.dataset import FORMAT_NAME, Dataset, Event
from viewer.model.errors import LoadError, Problem
from viewer.model.index import (
    APPROXIMATE,
    CANCELLED,
    INTERVAL,
    PLANNED,
    UNCERTAIN,
    when_flags,
)
from viewer.model.listing import event_span, precision_end

from .column_ops import csr_codes, parse_dates
from .columns import (
    NO_PRECISION,
    PRECISIONS,
    STATUSES,
    Cancelled,
    ColumnarLoaded,
    EventColumns,
    LazyEvents,
    csr_fields,
)
from .common import Loaded, read_limited
from .native import _located, error_problems, read_native

SIMPLE_KEYS = frozenset(
    ("id", "title", "summary", "when", "status", "kind", "actors", "places", "tags", "citations")
)
WHEN_KEYS = frozenset(("start", "end", "precision", "end_precision", "approximate", "uncertain"))
LOCATE_MAX_BYTES = 32 * 1024**2  # line:col of problems only below this (the search is slow)
Progress = Callable[[float, str], None]


# --- the loader ------------------------------------------------------------------------------


_EMPTY: dict[str, Any] = {}
_REQUIRED = frozenset(("id", "title", "when"))
_PREC_CODE = {p: k for k, p in enumerate(PRECISIONS)}
_STATUS_CODE = {s: k for k, s in enumerate(STATUSES)}


def _type_mask(col: list[Any], types: set[type]) -> np.ndarray | None:
    """None if every item is of one of ``types``, else where they are."""
    if set(map(type, col)) <= types:
        return None
    return np.fromiter((type(x) in types for x in col), bool, len(col))


def _shape_columns(events: list[Any]) -> tuple[np.ndarray, dict[str, Any]]:
    """Columns of the events and where an event is of the simple shape: known fields only,
    each of a JSON type the models accept as it is (a strict subset of what Event accepts).

    Bulk checks over whole columns (``set(map(type, col))``) keep this near C speed; values of
    events that are not simple are replaced by harmless defaults.
    """
    n = len(events)
    simple = np.ones(n, bool)
    m = _type_mask(events, {dict})
    if m is not None:
        simple &= m
        events = [e if ok else _EMPTY for e, ok in zip(events, m.tolist(), strict=True)]

    def shape_mask(objs: list[dict[str, Any]], allowed: frozenset[str], required: frozenset[str]):  # type: ignore[no-untyped-def]
        shapes = list(map(tuple, objs))
        ok = {s: allowed.issuperset(s) and required.issubset(s) for s in set(shapes)}
        if not all(ok.values()):
            simple[:] &= np.fromiter(map(ok.__getitem__, shapes), bool, n)

    def column(objs: list[dict[str, Any]], key: str, default: Any, types: set[type]) -> list[Any]:
        col = [o.get(key, default) for o in objs]
        bad = _type_mask(col, types)
        if bad is not None:
            simple[:] &= bad
            col = [x if ok else default for x, ok in zip(col, bad.tolist(), strict=True)]
        return col

    def codes(col: list[str], table: dict[str, int], absent: int) -> np.ndarray:
        out = np.fromiter((table.get(x, 254) if x else absent for x in col), np.uint8, n)
        simple[:] &= out != 254
        return out

    shape_mask(events, SIMPLE_KEYS, _REQUIRED)
    c: dict[str, Any] = {}
    c["id"] = column(events, "id", "", {str})
    lens = np.fromiter(map(len, c["id"]), np.int64, n)
    simple &= (lens >= 1) & (lens <= 200)
    c["title"] = column(events, "title", "", {str})
    simple &= np.fromiter(map(len, c["title"]), np.int64, n) >= 1
    c["summary"] = column(events, "summary", "", {str})
    c["kind"] = column(events, "kind", "event", {str})
    c["status"] = codes(column(events, "status", "occurred", {str}), _STATUS_CODE, 254)
    c["status"][c["status"] == 254] = 0
    whens = column(events, "when", _EMPTY, {dict})
    shape_mask(whens, WHEN_KEYS, frozenset(("start", "precision")))
    c["start"] = column(whens, "start", "", {str})
    c["end"] = column(whens, "end", "", {str})
    c["precision"] = codes(column(whens, "precision", "", {str}), _PREC_CODE, 254)
    c["end_precision"] = codes(column(whens, "end_precision", "", {str}), _PREC_CODE, NO_PRECISION)
    for flag in ("approximate", "uncertain"):
        c[flag] = np.array(column(whens, flag, False, {bool}), bool)
    for key in ("actors", "places", "tags", "citations"):
        col = column(events, key, [], {list})
        flat = [x for lst in col for x in lst]
        if _type_mask(flat, {str}) is not None:
            ok = np.fromiter((all(type(x) is str for x in lst) for lst in col), bool, n)
            simple &= ok
            col = [lst if good else [] for lst, good in zip(col, ok.tolist(), strict=True)]
        c[key] = col
    return simple, c


def _bad_refs(lists: list[list[str]], known: dict[str, int]) -> np.ndarray:
    return np.fromiter((any(x not in known for x in lst) for lst in lists), bool, len(lists))


def load_columnar(path: str | Path, progress: Progress | None = None) -> ColumnarLoaded | Loaded:
    """Read a native dataset file on the fast path; LoadError as the reference reader gives.

    Files whose structure the fast path does not handle (a top level that is not a dataset
    object, invalid JSON ...) go to the reference reader, which says what is wrong.
    """
    file = str(path)
    report = progress or (lambda _f, _m: None)
    report(0.0, "Reading")
    raw = read_limited(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    report(0.1, "Parsing JSON")
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return read_native(path, raw)  # the reference parser gives line:col and the reason
    version = obj.get("version") if isinstance(obj, dict) else None
    if version != 1 or type(version) is not int or obj.get("format") != FORMAT_NAME:
        return read_native(path, raw)  # the reference wording for format and version
    events = obj.pop("events", [])
    if not isinstance(events, list):
        return read_native(path, raw)
    text = raw.decode("utf-8") if len(raw) <= LOCATE_MAX_BYTES else ""
    del raw
    return _from_objects(obj, events, text, file, report)


def _from_objects(
    header_obj: dict[str, Any],
    events: list[Any],
    text: str,
    file: str,
    report: Progress,
) -> ColumnarLoaded:
    n = len(events)
    report(0.35, f"Checking {n:,} events")
    # the header (sources, actors, places) is small: the reference checks, events left out
    header_errors: list[dict[str, Any]] = []
    header: Dataset | None = None
    try:
        header = Dataset.model_validate({**header_obj, "events": []})
    except ValidationError as exc:
        header_errors = exc.errors(include_url=False)

    simple, c = _shape_columns(events)
    if progress_cancelled(report, 0.45, "Reading dates"):
        raise Cancelled
    ids, start_text, end_text = c["id"], c["start"], c["end"]
    ps = parse_dates(start_text)
    has_end = np.fromiter(map(bool, end_text), bool, n)
    pe = parse_dates(end_text)
    declared = c["precision"]
    end_declared = c["end_precision"]
    simple &= ps.ok & (ps.precision == declared)
    simple &= ~has_end | (pe.ok & (pe.start >= ps.start))
    simple &= ~has_end | (end_declared == NO_PRECISION) | (end_declared == pe.precision)

    report(0.6, "Resolving references")
    hd = header
    actor_code = {a.id: k for k, a in enumerate(hd.actors)} if hd else {}
    place_code = {p.id: k for k, p in enumerate(hd.places)} if hd else {}
    source_code = {s.id: k for k, s in enumerate(hd.sources)} if hd else {}
    lists = {key: c[key] for key in ("actors", "places", "citations", "tags")}
    for key, known in (("actors", actor_code), ("places", place_code), ("citations", source_code)):
        if not set().union(*lists[key]) <= known.keys():
            bad = _bad_refs(lists[key], known)
            simple &= ~bad
            for k in np.flatnonzero(bad).tolist():
                lists[key][k] = []
    for k in np.flatnonzero(~simple).tolist():  # filled from the validated model below
        for key in lists:
            lists[key][k] = []

    # events not of the simple shape: the reference models and checks, one event at a time
    rest = np.flatnonzero(~simple).tolist()
    event_errors: list[dict[str, Any]] = []
    complex_events: dict[int, Event] = {}
    for i in rest:
        try:
            complex_events[i] = Event.model_validate(events[i])
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                err["loc"] = ("events", i, *err["loc"])
                event_errors.append(err)
    if header_errors or event_errors:
        errs = header_errors + event_errors
        raise LoadError(error_problems(errs, len(errs), text, file))
    assert hd is not None
    problems: list[Problem] = []
    mini = hd.model_copy(update={"events": [complex_events[i] for i in rest]})
    checked, mini_problems = check_dataset(mini)
    for p in mini_problems:
        if p.path.startswith("events[") and "duplicate event id" in p.message:
            continue  # uniqueness of event ids is checked over all events below
        problems.append(_remap(p, rest))
    for k, i in enumerate(rest):
        complex_events[i] = checked.events[k]
        ids[i] = complex_events[i].id
    problems += _duplicate_ids(ids, file)
    problems = _located(problems, text, file)
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)

    report(0.75, "Building columns")
    start, end, period_end = ps.start.copy(), ps.start.copy(), ps.period_end.copy()
    end[has_end] = pe.start[has_end]
    period_end[has_end] = pe.period_end[has_end]
    flags = np.zeros(n, np.uint8)
    flags[c["approximate"]] |= APPROXIMATE
    flags[c["uncertain"]] |= UNCERTAIN
    flags[has_end] |= INTERVAL
    status_code = {s: k for k, s in enumerate(STATUSES)}
    status = c["status"]
    kinds_seen = {k: i for i, k in enumerate(dict.fromkeys(c["kind"]))}
    kind = np.fromiter(map(kinds_seen.__getitem__, c["kind"]), np.int32, n)
    titles, summaries = c["title"], c["summary"]
    n_quotes = np.zeros(n, np.int32)
    # complex events: their columns from the validated models
    for i, ev in complex_events.items():
        t0, t1 = event_span(ev)
        start[i], end[i], period_end[i] = t0, t1, precision_end(ev)
        flags[i] = when_flags(ev)
        status[i] = status_code[ev.status]
        kind[i] = kinds_seen.setdefault(ev.kind, len(kinds_seen))
        titles[i], summaries[i] = ev.title, ev.summary
        start_text[i], end_text[i] = ev.when.start, ev.when.end or ""
        n_quotes[i] = len(ev.quotes)
        for key in ("actors", "places", "citations", "tags"):
            lists[key][i] = list(getattr(ev, key))
    flags[(status == STATUSES.index("planned")) | (status == STATUSES.index("postponed"))] |= (
        PLANNED
    )
    flags[status == STATUSES.index("cancelled")] |= CANCELLED
    tag_names = sorted({t for lst in lists["tags"] for t in lst})
    tag_code = {t: k for k, t in enumerate(tag_names)}
    csr = {}
    for key, code in (
        ("actors", actor_code),
        ("places", place_code),
        ("citations", source_code),
        ("tags", tag_code),
    ):
        off, idx, ok = csr_codes(lists[key], code)
        assert ok
        csr[key] = (off, idx)
    columns = EventColumns(
        ids=ids,
        titles=titles,
        summaries=summaries,
        start_text=start_text,
        end_text=end_text,
        precision=np.where(simple, ps.precision, declared).astype(np.uint8),
        end_precision=end_declared,
        start=start,
        end=end,
        period_end=period_end,
        flags=flags,
        status=status,
        kind=kind,
        kinds=list(kinds_seen),
        tags=tag_names,
        **csr_fields(csr),
        n_quotes=n_quotes,
        complex=complex_events,
    )
    ds = hd.model_copy(update={"sources": checked.sources})
    lazy = LazyEvents(columns, ds)
    ds = ds.model_copy(update={"events": lazy})
    lazy.header = ds
    report(1.0, "Done")
    return ColumnarLoaded(ds, problems, file, "native", columns)


def progress_cancelled(report: Progress, fraction: float, message: str) -> bool:
    try:
        report(fraction, message)
    except Cancelled:
        return True
    return False


_EVENT_PATH = re.compile(r"events\[(\d+)\]")


def _remap(p: Problem, rows: list[int]) -> Problem:
    """A problem of the mini dataset of complex events, with paths of the whole file."""

    def sub(m: re.Match[str]) -> str:
        return f"events[{rows[int(m.group(1))]}]"

    return Problem(
        _EVENT_PATH.sub(sub, p.message),
        _EVENT_PATH.sub(sub, p.path),
        None,
        None,
        p.file,
        p.severity,
    )


def _duplicate_ids(ids: list[str], file: str) -> list[Problem]:
    if len(set(ids)) == len(ids):
        return []
    seen: dict[str, int] = {}
    out = []
    for i, item_id in enumerate(ids):
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
