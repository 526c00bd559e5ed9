"""Big ACLED tables read column-wise by pyarrow.csv: no Python object per row.

The same mapping as :mod:`.acled` (and the same events: tested against it). Every cell is
checked column-wise against the forms this path handles exactly as the reference does (ISO
dates, time_precision 1-3, plain decimal coordinates, whole fatalities, ids not repeated); a
table with any other cell - or one pyarrow cannot read (ragged rows, invalid UTF-8) - is read by
:func:`.acled_columnar.read_acled_columnar` instead, which gives the reference reader's events
and messages for every cell (slower, but only for such tables).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError
from viewer.model.index import APPROXIMATE
from viewer.model.table import NO_PRECISION, EventTable

from .acled import ACLED_BASIS, ACLED_COLUMNS, FORMAT, looks_like_acled
from .arrow_cells import SPACE, Unusual, iso_or_spelled, read_strings, utf8_valid
from .builder import slug, unique_id
from .columns import ColumnarLoaded, LazyEvents
from .common import decode_text
from .csv_table import Table, open_table
from .events_csv import looks_like_events_csv
from .sheets import looks_like_sheet

Progress = Callable[[float, str], None]
_NUMBER = r"^-?[0-9]{1,3}(\.[0-9]{1,12})?$"


def big_acled(raw: bytes, file: str, progress: Progress) -> ColumnarLoaded | None:
    """The load of ``raw`` if it is an ACLED table (its header says so), else None; read
    without decoding the whole text (checked as UTF-8 in place, without a copy)."""
    head = raw[:_HEAD]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")) or b"\x00" in head:
        return None
    text = head.decode("utf-8", "ignore")  # (a character cut at the end is dropped)
    if len(raw) > _HEAD and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    try:
        table = open_table(text.removeprefix("\ufeff"), file)
    except LoadError:
        return None
    if not looks_like_acled(table) or looks_like_events_csv(table) or looks_like_sheet(table):
        return None

    def whole() -> Table:  # the table with its whole text, for the reference-message road
        return open_table(decode_text(raw, file), file)

    if b"\x00" in raw or not utf8_valid(raw):
        return _reference_road(whole(), progress)
    try:
        return _read(raw, table, progress)
    except (Unusual, pa.ArrowInvalid):
        return _reference_road(whole(), progress)


_HEAD = 64 * 1024


def _reference_road(table: Table, progress: Progress) -> ColumnarLoaded:
    from .acled_columnar import read_acled_columnar

    return read_acled_columnar(table, progress)


def _read(raw: bytes, table: Table, report: Progress) -> ColumnarLoaded:
    report(0.1, "Reading the table")
    width = len(table.header)
    names = [f"c{i}" for i in range(width)]
    where = {k: table.col(k) for k in ACLED_COLUMNS}
    used = sorted({i for i in where.values() if i is not None})
    t = read_strings(raw, names, used, table.header_lines, table.delimiter)
    n = t.num_rows
    if n == 0:
        raise Unusual
    empty = pa.repeat("", n).cast(pa.string())
    col: dict[str, pa.Array] = {}
    for key, i in where.items():
        cells = t.column(names[i]).combine_chunks() if i is not None else empty
        if i is not None:  # (one column per key)
            t = t.drop_columns([names[i]])  # its chunks freed as it goes
        col[key] = pc.utf8_trim(cells, SPACE) if i is not None else cells  # as str.strip
    del t

    report(0.35, f"Checking {n:,} rows")
    start, period_end, precision, start_text, tp = iso_or_spelled(
        col["eventdate"], col["timeprecision"]
    )
    fatal = col["fatalities"]
    if not pc.all(pc.match_substring_regex(fatal, "^[0-9]*$")).as_py():
        raise Unusual
    lat, lon, has_xy = _coordinates(col["latitude"], col["longitude"])

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
    stem = table.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
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
    if problems:
        raise Unusual
    lazy = LazyEvents(table_, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    return ColumnarLoaded(ds, [], table.file, FORMAT, table_)


def _coordinates(lat: pa.Array, lon: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitude and longitude as float64 where both are given (plain decimals, in range)."""
    e1, e2 = pc.equal(lat, ""), pc.equal(lon, "")
    if not pc.all(pc.equal(e1, e2)).as_py():
        raise Unusual  # one given without the other: the reference says which
    has = pc.invert(e1)
    for cells in (lat, lon):
        ok = pc.or_(pc.match_substring_regex(cells, _NUMBER), pc.equal(cells, ""))
        if not pc.all(ok).as_py():
            raise Unusual
    x = [pc.cast(pc.if_else(has, c, "0"), pa.float64()).to_numpy() for c in (lat, lon)]
    if (np.abs(x[0]) > 90).any() or (np.abs(x[1]) > 180).any():
        raise Unusual
    return x[0], x[1], has.to_numpy(zero_copy_only=False)


def _ids(given: pa.Array) -> Any:
    n = len(given)
    if pc.any(pc.equal(given, "")).as_py() or pc.max(pc.utf8_length(given)).as_py() > 190:
        raise Unusual
    if pc.count_distinct(given).as_py() != n:
        raise Unusual
    return given.cast(pa.large_string())


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
