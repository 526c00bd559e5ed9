"""The fast path for big ACLED-style CSV tables: columns as lists, dates parsed with numpy.

One pass of the stdlib csv reader keeps the cells of the columns :mod:`.acled` reads (no dict or
model per row); the result is the :class:`~.columnar.ColumnarLoaded` the native fast path gives,
with lazy events. The mapping is the one of :mod:`.acled`, and the ids, titles, records and their
ids are the ones it makes. Rows the vectorised checks do not accept (a date not of the form
2020-11-25, an odd time_precision, latitude, longitude or fatalities) go one at a time through
the reference code of :mod:`.acled`, so they get the same dates or the same error message.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

import numpy as np

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event
from viewer.model.errors import LoadError
from viewer.model.formats.acled import (
    ACLED_BASIS,
    ACLED_COLUMNS,
    FORMAT,
    acled_coordinates,
    acled_event,
    read_acled,
    split_cell,
)
from viewer.model.formats.builder import DatasetBuilder, slug, unique_id
from viewer.model.formats.column_ops import csr_codes, parse_dates
from viewer.model.formats.columns import (
    NO_PRECISION,
    PRECISIONS,
    ColumnarLoaded,
    LazyEvents,
    csr_fields,
)
from viewer.model.formats.csv_table import CellError, Table
from viewer.model.index import APPROXIMATE
from viewer.model.listing import event_span, precision_end
from viewer.model.table import EventTable

Progress = Callable[[float, str], None]
_DAY, _MONTH = PRECISIONS.index("day"), PRECISIONS.index("month")
_TP = {"": 1, "1": 1, "2": 2, "3": 3}


def read_acled_columnar(table: Table, progress: Progress | None = None) -> ColumnarLoaded:
    """Read an ACLED table (``acled.looks_like_acled``) on the columnar path."""
    report = progress or (lambda _f, _m: None)
    report(0.15, "Reading rows")
    present = [k for k in ACLED_COLUMNS if table.col(k) is not None]
    get = itemgetter(*(table.col(k) for k in present))
    try:
        rows = [get(cells) for _row, _line, cells in table.rows()]
    except LoadError:
        # a ragged or unreadable row: the reference reader says which problem comes first
        # (a bad cell in an earlier row, else this one)
        read_acled(table)
        raise
    n = len(rows)
    col: dict[str, list[str]] = {}
    for j, key in enumerate(present):  # event_date and event_type: always two or more
        col[key] = list(map(str.strip, map(itemgetter(j), rows)))
    del rows
    for key in ACLED_COLUMNS:
        if key not in col:
            col[key] = [""] * n

    report(0.35, f"Checking {n:,} rows")
    dates = col["eventdate"]
    tp = np.fromiter((_TP.get(t, 0) for t in col["timeprecision"]), np.uint8, n)
    ps = parse_dates(dates)
    lens = np.fromiter(map(len, dates), np.int64, n)
    suspect = ~(ps.ok & (lens == 10)) | (tp == 0)
    fatal = col["fatalities"]
    bad_fatal = {f: f not in ("", "0") and not f.isdigit() for f in dict.fromkeys(fatal)}
    suspect |= np.fromiter(map(bad_fatal.__getitem__, fatal), bool, n)
    places, place_bad = _place_keys(col)
    suspect |= place_bad

    # rows the vectorised checks did not accept: the reference code, in row order
    slow_when: dict[int, tuple[dict[str, Any], float, float]] = {}
    seen: dict[tuple[str, ...], Any] = {}
    checked = ("eventdate", "timeprecision", "location", "latitude", "longitude", "fatalities")
    for i in np.flatnonzero(suspect).tolist():
        key = tuple(col[k][i] for k in checked)  # the cells acled_event can refuse
        found = seen.get(key)
        if found is None:
            found = seen[key] = _slow_when(table.file, dict(zip(checked, key, strict=True)))
        if isinstance(found, CellError):
            raise LoadError([_problem(table, i, found)]) from None
        slow_when[i] = found

    report(0.55, "Building columns")
    start, period_end = ps.start.copy(), ps.period_end.copy()
    precision = np.full(n, _DAY, np.uint8)
    start_text = list(dates)
    month = np.flatnonzero((tp == 3) & ~suspect)
    if len(month):
        month_text = [dates[i][:7] for i in month.tolist()]
        pm = parse_dates(month_text)
        start[month], period_end[month] = pm.start, pm.period_end
        precision[month] = _MONTH
        for i, t in zip(month.tolist(), month_text, strict=True):
            start_text[i] = t
    flags = np.zeros(n, np.uint8)
    flags[tp > 1] |= APPROXIMATE
    basis_code = np.where(tp > 1, tp, NO_PRECISION).astype(np.uint8)
    when_text = [d if t > 1 else "" for d, t in zip(dates, tp.tolist(), strict=True)]
    for i, (when, t0, t1) in slow_when.items():
        start[i], period_end[i] = t0, t1
        start_text[i] = when["start"]
        precision[i] = PRECISIONS.index(when["precision"])

    ids = _event_ids(col["eventidcnty"])
    kinds_text = [k or "event" for k in col["eventtype"]]
    titles = _perunique_id(_title, col["subeventtype"], kinds_text, col["location"], col["actor1"])
    kinds_seen = {k: c for c, k in enumerate(dict.fromkeys(kinds_text))}
    kind = np.fromiter(map(kinds_seen.__getitem__, kinds_text), np.int32, n)

    report(0.7, "Resolving names")
    actor_lists = _perunique_id(
        _names, col["actor1"], col["assocactor1"], col["actor2"], col["assocactor2"]
    )
    actor_code, actor_records = _records(actor_lists, _actor_record)
    place_code, place_records = _records(places, _place_record)
    source_lists = _perunique_id(lambda s: list(dict.fromkeys(split_cell(s))), col["source"])
    source_code, source_records = _records(source_lists, _source_record)
    tag_lists = _perunique_id(_tags, col["disordertype"], col["subeventtype"], col["tags"], fatal)
    tag_names = sorted({t for lst in tag_lists for t in lst})
    tag_code = {t: k for k, t in enumerate(tag_names)}
    csr = {}
    for key, lists, code in (
        ("actors", actor_lists, actor_code),
        ("places", places, place_code),
        ("citations", source_lists, source_code),
        ("tags", tag_lists, tag_code),
    ):
        off, idx, ok = csr_codes(lists, code)
        assert ok
        csr[key] = (off, idx)
    del actor_lists, places, source_lists, tag_lists

    columns = EventTable.from_columns(
        ids=ids,
        titles=titles,
        summaries=col["notes"],
        start_text=start_text,
        end_text=[""] * n,
        precision=precision,
        end_precision=np.full(n, NO_PRECISION, np.uint8),
        start=start,
        end=start.copy(),
        period_end=period_end,
        flags=flags,
        status=np.zeros(n, np.uint8),
        kind=kind,
        kinds=list(kinds_seen),
        tags=tag_names,
        **csr_fields(csr),
        n_quotes=np.zeros(n, np.int32),
        when_text=when_text,
        basis_code=basis_code,
        basis_forms=["", "", ACLED_BASIS[2], ACLED_BASIS[3]],
    )
    stem = table.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    header = Dataset.model_validate(
        {
            "title": stem or "ACLED events",
            "credit": "ACLED-style event table",
            "sources": source_records,
            "actors": actor_records,
            "places": place_records,
        }
    )
    header, problems = check_dataset(header)
    assert not problems  # ids are made unique above; names and coordinates were checked
    lazy = LazyEvents(columns, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    report(0.8, "Done")
    return ColumnarLoaded(ds, [], table.file, FORMAT, columns)


def _problem(table: Table, i: int, exc: CellError) -> Any:
    """The problem of event ``i``'s row, as :func:`.acled.read_acled` reports it."""
    for k, (row, line, _cells) in enumerate(table.rows()):
        if k == i:
            return table.problem(row, line, exc.column, exc.message)
    raise AssertionError(i)


def _event_ids(given: list[str]) -> list[str]:
    wanted = [g or f"row-{i + 2}" for i, g in enumerate(given)]
    if len(set(wanted)) == len(wanted) and max(map(len, wanted), default=0) <= 190:
        return wanted  # unique_id would change none of them
    # builder.unique_id, resuming each id's search for a free suffix where the last one ended
    # (taken only grows, so the result is the same, without a scan per repeat)
    taken: set[str] = set()
    tried: dict[str, int] = {}
    out = []
    for w in wanted:
        w = w[:190] or "item"
        candidate, k = w, tried.get(w, 1)
        if k > 1:
            candidate = f"{w}-{k}"
        while candidate in taken:
            k += 1
            candidate = f"{w}-{k}"
        tried[w] = k
        taken.add(candidate)
        out.append(candidate)
    return out


def _perunique_id(fn: Callable[..., Any], *cols: list[str]) -> list[Any]:
    """``fn`` of each row's cells, computed once per distinct combination (rows share the
    result, which is not to be changed)."""
    keys = list(zip(*cols, strict=True)) if len(cols) > 1 else cols[0]
    if len(cols) > 1:
        done = {k: fn(*k) for k in dict.fromkeys(keys)}
    else:
        done = {k: fn(k) for k in dict.fromkeys(keys)}
    return list(map(done.__getitem__, keys))


def _slow_when(file: str, cells: dict[str, str]) -> Any:
    """The when of a row as acled.py makes it, with its start and period end; or its error."""
    v = dict.fromkeys(ACLED_COLUMNS, "") | cells
    try:  # a fresh builder: its ids and records are thrown away
        when = acled_event(DatasetBuilder(file, FORMAT, str), v)["when"]
    except CellError as exc:
        return exc
    ev = Event.model_validate({"id": "x", "title": "x", "when": when})
    return when, event_span(ev)[0], precision_end(ev)


def _title(sub: str, kind: str, location: str, actor1: str) -> str:
    what = sub or kind
    title = f"{what} in {location}" if location else what
    return f"{title} ({actor1})" if actor1 else title


def _names(a1: str, s1: str, a2: str, s2: str) -> list[str]:
    if not s1 and not s2:
        if a1 and a2:
            return [a1, a2] if a1 != a2 else [a1]
        return [a1] if a1 else [a2] if a2 else []
    names = [a1, *split_cell(s1), a2, *split_cell(s2)]
    return list(dict.fromkeys(n for n in names if n))


def _tags(disorder: str, sub: str, tags: str, fatalities: str) -> list[str]:
    out = [t for t in (disorder, sub) if t] + split_cell(tags)
    if fatalities not in ("", "0"):
        out.append(f"fatalities: {fatalities}")
    return out


def _place_keys(col: dict[str, list[str]]) -> tuple[list[list[Any]], np.ndarray]:
    """Each row's place key [(name, lat, lon)] (as acled.py dedupes places) and the rows whose
    coordinates acled.py would refuse."""
    n = len(col["location"])
    bad = np.zeros(n, bool)
    coords: dict[tuple[str, str], tuple[float | None, float | None] | None] = {}
    out: list[list[Any]] = []
    for i, (loc, lat, lon) in enumerate(
        zip(col["location"], col["latitude"], col["longitude"], strict=True)
    ):
        if not loc:
            out.append([])
            continue
        found = coords.get((lat, lon), False)
        if found is False:
            try:
                found = acled_coordinates({"latitude": lat, "longitude": lon})
            except CellError:
                found = None
            coords[(lat, lon)] = found
        if found is None:
            bad[i] = True
            out.append([])
        else:
            out.append([(loc, *found)])
    return out, bad


def _records(
    lists: list[list[Any]], record: Callable[[Any, set[str], dict[str, int]], dict[str, Any]]
) -> tuple[dict[Any, int], list[dict[str, Any]]]:
    """Codes of the keys in order of first use, and their records with ids made unique in that
    order (as DatasetBuilder makes them)."""
    code = {key: k for k, key in enumerate(dict.fromkeys(x for lst in lists for x in lst))}
    taken: set[str] = set()
    suffixes: dict[str, int] = {}  # linear time where many keys want one id (see unique_id)
    return code, [record(key, taken, suffixes) for key in code]


def _actor_record(name: str, taken: set[str], suffixes: dict[str, int]) -> dict[str, Any]:
    return {"id": unique_id(slug(name, "actor"), taken, suffixes), "name": name, "kind": "group"}


def _place_record(
    key: tuple[str, float | None, float | None], taken: set[str], suffixes: dict[str, int]
) -> dict[str, Any]:
    name, lat, lon = key
    out: dict[str, Any] = {"id": unique_id(slug(name, "place"), taken, suffixes), "name": name}
    if lat is not None and lon is not None:
        out.update(lat=lat, lon=lon)
    return out


def _source_record(title: str, taken: set[str], suffixes: dict[str, int]) -> dict[str, Any]:
    found = unique_id("src-" + slug(title, "source"), taken, suffixes)
    return {"id": found, "title": title, "publisher": title}
