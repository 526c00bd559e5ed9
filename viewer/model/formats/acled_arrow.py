"""ACLED tables read column-wise: the cells as Arrow columns (:mod:`.csv_columns`), dates
parsed as whole columns, actors, places, sources and kinds dictionary-encoded, ids made unique
in linear time; no Python object per row.

The mapping is the one of :mod:`.acled` (and the events the same: tested against its row
reader). Rows with a cell the vectorised checks do not take exactly as the reference does (a
date of another form, an odd time_precision, coordinates or fatalities) are read by the
reference code of :mod:`.acled`, one row at a time: the same values or the same messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event
from viewer.model.errors import LoadError
from viewer.model.index import APPROXIMATE
from viewer.model.listing import event_span, precision_end
from viewer.model.table import NO_PRECISION, PRECISIONS, EventTable

from .acled import ACLED_BASIS, ACLED_COLUMNS, FORMAT, acled_coordinates, acled_event
from .arrow_cells import SPACE, iso_or_spelled
from .builder import DatasetBuilder, slug, unique_id
from .columns import ColumnarLoaded, LazyEvents
from .csv_columns import Cell, CsvColumns
from .csv_table import CellError
from .whole_rows import patched

Progress = Callable[[float, str], None]
_NUMBER = r"^-?[0-9]{1,3}(\.[0-9]{1,12})?$"
_CHECKED = ("eventdate", "timeprecision", "location", "latitude", "longitude", "fatalities")


def read_acled_columns(cols: CsvColumns, report: Progress) -> ColumnarLoaded:
    """An ACLED table (``acled.looks_like_acled``) read column-wise."""
    n, file = cols.n, cols.file
    col: dict[str, pa.Array] = {k: pc.utf8_trim(cols.take(k), SPACE) for k in ACLED_COLUMNS}
    empty = pa.repeat("", n).cast(pa.string())

    report(0.35, f"Checking {n:,} rows")
    start, period_end, precision, start_text, tp, ok = iso_or_spelled(
        col["eventdate"], col["timeprecision"]
    )
    fatal = col["fatalities"]
    ok &= pc.match_substring_regex(fatal, "^[0-9]*$").to_numpy(zero_copy_only=False)
    lat, lon, has_xy, xy_ok = _coordinates(col["latitude"], col["longitude"])
    ok &= xy_ok | pc.equal(col["location"], "").to_numpy(zero_copy_only=False)
    has_xy &= ok
    texts = _reference_rows(
        cols, col, np.flatnonzero(~ok), start, period_end, precision, lat, lon, has_xy
    )
    start_text = patched(start_text, texts)

    report(0.55, "Building columns")
    ids = _ids(col["eventidcnty"])
    kind_text = pc.if_else(pc.equal(col["eventtype"], ""), "event", col["eventtype"])
    kinds = pc.dictionary_encode(kind_text)
    titles = _titles(col, kind_text)
    approximate = tp > 1
    flags = np.where(approximate, APPROXIMATE, 0).astype(np.uint8)
    basis = np.where(approximate, tp, NO_PRECISION).astype(np.uint8)
    when_text = pc.if_else(pa.array(approximate), col["eventdate"], "")

    report(0.7, "Resolving names")
    actor_off, actor_idx, actor_names = _lists(
        [col["actor1"], col["assocactor1"], col["actor2"], col["assocactor2"]],
        split=[False, True, False, True],
        dedupe=True,
    )
    source_off, source_idx, source_names = _lists([col["source"]], [True], dedupe=True)
    fat_tag = pc.if_else(
        pc.is_in(fatal, pa.array(["", "0"])),
        "",
        pc.binary_join_element_wise("fatalities: ", fatal, ""),
    )
    tag_off, tag_idx, tag_names = _lists(
        [col["disordertype"], col["subeventtype"], col["tags"], fat_tag],
        split=[False, False, True, False],
        dedupe=False,
    )
    place_off, place_idx, place_records = _places(col["location"], lat, lon, has_xy)

    table_ = EventTable.from_columns(
        ids=ids,
        titles=titles,
        summaries=col["notes"].cast(pa.large_string()),
        start_text=start_text,
        end_text=empty.cast(pa.large_string()),
        when_text=when_text.cast(pa.large_string()),
        precision=precision,
        end_precision=np.full(n, NO_PRECISION, np.uint8),
        start=start,
        end=start,
        period_end=period_end,
        flags=flags,
        status=np.zeros(n, np.uint8),
        kind=kinds.indices.to_numpy(zero_copy_only=False),
        kinds=kinds.dictionary.to_pylist(),
        actor_off=actor_off,
        actor_idx=actor_idx,
        place_off=place_off,
        place_idx=place_idx,
        cite_off=source_off,
        cite_idx=source_idx,
        tag_off=tag_off,
        tag_idx=tag_idx,
        tags=tag_names,
        n_quotes=np.zeros(n, np.int32),
        basis_code=basis,
        basis_forms=["", "", ACLED_BASIS[2], ACLED_BASIS[3]],
    )
    del col
    report(0.85, "Checking names")
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    actors = [
        {"id": unique_id(slug(a, "actor"), taken, suffixes), "name": a, "kind": "group"}
        for a in actor_names
    ]
    taken, suffixes = set(), {}
    sources = []
    for s in source_names:
        sid = unique_id("src-" + slug(s, "source"), taken, suffixes)
        sources.append({"id": sid, "title": s, "publisher": s})
    stem = file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    header = Dataset.model_validate(
        {
            "title": stem or "ACLED events",
            "credit": "ACLED-style event table",
            "sources": sources,
            "actors": actors,
            "places": place_records,
        }
    )
    header, problems = check_dataset(header)
    if problems:  # (none: ids are made unique, names and coordinates checked above)
        raise LoadError(problems)
    lazy = LazyEvents(table_, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    return ColumnarLoaded(ds, [], file, FORMAT, table_)


def _coordinates(lat: pa.Array, lon: pa.Array) -> tuple[np.ndarray, ...]:
    """Latitude and longitude as float64 where both are given, whether they are, and the rows
    read here (both empty, or both plain decimals in range)."""
    e1, e2 = pc.equal(lat, ""), pc.equal(lon, "")
    ok = pc.equal(e1, e2).to_numpy(zero_copy_only=False)  # else the reference says which
    has = pc.invert(pc.or_(e1, e2))
    x = []
    for cells, limit in ((lat, 90), (lon, 180)):
        plain = pc.match_substring_regex(cells, _NUMBER)
        ok &= pc.or_(plain, pc.equal(cells, "")).to_numpy(zero_copy_only=False)
        v = pc.cast(pc.if_else(pc.and_(has, plain), cells, "0"), pa.float64()).to_numpy().copy()
        ok &= np.abs(v) <= limit
        x.append(v)
    return x[0], x[1], has.to_numpy(zero_copy_only=False) & ok, ok


def _reference_rows(
    cols: CsvColumns,
    col: dict[str, pa.Array],
    rows: np.ndarray,
    start: np.ndarray,
    period_end: np.ndarray,
    precision: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    has_xy: np.ndarray,
) -> dict[int, str]:
    """Rows the vectorised checks did not take, read by the reference code (their dates and
    coordinates set in place; their start texts returned); bad cells raised at their rows,
    else a ragged row."""
    found: list[Cell] = []
    texts: dict[int, str] = {}
    seen: dict[tuple[str, ...], Any] = {}
    for k in rows.tolist():
        key = tuple(col[c][k].as_py() for c in _CHECKED)
        result = seen.get(key)
        if result is None:
            result = seen[key] = _reference_when(cols.file, dict(zip(_CHECKED, key, strict=True)))
        if isinstance(result, CellError):
            found.append(Cell(k, 0, result.column, result.message))
            continue
        when, t0, t1, xy = result
        start[k], period_end[k] = t0, t1
        precision[k] = PRECISIONS.index(when["precision"])
        texts[k] = when["start"]
        if xy[0] is not None:
            lat[k], lon[k], has_xy[k] = xy[0], xy[1], True
    cols.raise_cells(found)
    return texts


def _reference_when(file: str, cells: dict[str, str]) -> Any:
    """The when of a row as acled.py makes it, its start, period end and coordinates; or
    the CellError of its first bad cell."""
    v = dict.fromkeys(ACLED_COLUMNS, "") | cells
    try:  # a fresh builder: its ids and records are thrown away
        when = acled_event(DatasetBuilder(file, FORMAT, str), v)["when"]
        xy = acled_coordinates(v) if v["location"] else (None, None)
    except CellError as exc:
        return exc
    ev = Event.model_validate({"id": "x", "title": "x", "when": when})
    return when, event_span(ev)[0], precision_end(ev), xy


def _ids(given: pa.Array) -> Any:
    """The event ids as acled.py makes them: event_id_cnty, else row-N (N: the event's
    number + 1), unique (builder.unique_id, in linear time)."""
    n = len(given)
    numbers = pc.cast(pa.array(np.arange(2, n + 2)), pa.string())
    wanted = pc.if_else(
        pc.equal(given, ""), pc.binary_join_element_wise("row-", numbers, ""), given
    )
    if n == 0 or (len(pc.unique(wanted)) == n and pc.max(pc.utf8_length(wanted)).as_py() <= 190):
        return wanted.cast(pa.large_string())
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    out = [unique_id(w, taken, suffixes) for w in wanted.to_pylist()]
    return pa.array(out, pa.large_string())


def _titles(col: dict[str, pa.Array], kind: pa.Array) -> pa.Array:
    """sub_event_type (else the kind) + " in " + location + " (" + actor1 + ")"."""
    sub = col["subeventtype"]
    what = pc.if_else(pc.equal(sub, ""), kind, sub)
    loc, actor = col["location"], col["actor1"]
    title = pc.if_else(pc.equal(loc, ""), what, pc.binary_join_element_wise(what, " in ", loc, ""))
    title = pc.if_else(
        pc.equal(actor, ""), title, pc.binary_join_element_wise(title, " (", actor, ")", "")
    )
    return title.cast(pa.large_string())


def _lists(
    parts: list[pa.Array], split: list[bool], dedupe: bool
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each row's names from several columns (a split column holds "A; B"), empty names left
    out (and repeats, with ``dedupe``), as offsets and codes into names in order of first use."""
    n = len(parts[0])
    lists = []
    for cells, is_split in zip(parts, split, strict=True):
        if is_split:
            lst = pc.split_pattern(cells, ";")
            lists.append((lst.offsets.to_numpy(), pc.utf8_trim(lst.values, SPACE)))
        else:
            lists.append((np.arange(n + 1, dtype=np.int32), cells))
    lens = [np.diff(off) for off, _ in lists]
    total = np.sum(lens, axis=0)
    off = np.zeros(n + 1, np.int64)
    np.cumsum(total, out=off[1:])
    values = pa.concat_arrays([v.cast(pa.string()) for _, v in lists])
    dest = np.empty(len(values), np.int64)
    before = off[:-1].copy()
    at = 0
    for (o, v), ln in zip(lists, lens, strict=True):
        k = len(v)
        row = np.repeat(np.arange(n), ln)
        dest[at : at + k] = before[row] + (np.arange(k) - o[:-1].astype(np.int64)[row])
        before += ln
        at += k
    order = np.empty(len(values), np.int64)
    order[dest] = np.arange(len(values))
    row_of = np.repeat(np.arange(n), total)
    # the dictionary is in order of first appearance, which is the order of first use
    enc = pc.dictionary_encode(pc.take(values, pa.array(order)))
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    names = enc.dictionary.to_pylist()
    keep = np.array([bool(x) for x in names], bool)[codes]
    if dedupe:  # a name repeated in its row: compared with the few names before it
        longest = int(total.max(initial=0))
        for lag in range(1, longest):
            same = (codes[lag:] == codes[:-lag]) & (row_of[lag:] == row_of[:-lag])
            keep[lag:] &= ~same
    codes, row_of = codes[keep], row_of[keep]
    off = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(row_of, minlength=n), out=off[1:])
    blank = [k for k, x in enumerate(names) if not x]
    if blank:  # the empty name is not a name: the codes after it move down
        codes = codes - (codes > blank[0])
        del names[blank[0]]
    return off, codes, names


def _places(
    location: pa.Array, lat: np.ndarray, lon: np.ndarray, has_xy: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """One place per (location, latitude, longitude), in order of first use; ids unique in
    linear time (one name with many coordinates is common in ACLED)."""
    n = len(location)
    enc = pc.dictionary_encode(location)
    loc = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    names = enc.dictionary.to_pylist()
    has = np.array([bool(x) for x in names], bool)[loc]
    rows = np.flatnonzero(has)
    # one code per distinct (location, latitude, longitude), in order of first use (hashing)
    parts = [loc[rows]]
    for x in (lat, lon):
        xs = pc.dictionary_encode(pa.array(np.where(has_xy[rows], x[rows], 1000.0)))
        parts.append(xs.indices.to_numpy(zero_copy_only=False).astype(np.int64))
    key = (parts[0] * (int(parts[1].max(initial=0)) + 1) + parts[1]) * (
        int(parts[2].max(initial=0)) + 1
    ) + parts[2]
    inverse = pc.dictionary_encode(pa.array(key)).indices.to_numpy(zero_copy_only=False)
    inverse = inverse.astype(np.int32)
    prefix = np.maximum.accumulate(inverse) if len(inverse) else inverse
    is_first = np.ones(len(inverse), bool)
    is_first[1:] = inverse[1:] > prefix[:-1]
    first = np.flatnonzero(is_first)  # the k-th place's first row (among rows)
    order = np.arange(len(first))
    rank = order.astype(np.int32)
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    records = []
    for k in order.tolist():
        r = int(rows[first[k]])
        name = names[int(loc[r])]
        rec: dict[str, Any] = {"id": unique_id(slug(name, "place"), taken, suffixes), "name": name}
        if has_xy[r]:
            rec.update(lat=float(lat[r]), lon=float(lon[r]))
        records.append(rec)
    off = np.zeros(n + 1, np.int64)
    np.cumsum(has, out=off[1:])
    return off, rank[inverse], records
