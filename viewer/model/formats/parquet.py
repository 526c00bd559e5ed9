"""Read a Parquet file: a dataset in the layout of :mod:`.parquet_layout`, or a table made by
other tools with ``id``, ``title`` and ``start`` columns (:mod:`.parquet_foreign`).

Row groups are read in turn (progress, cancel between them). Events of the common shape are
checked with vectorised code narrower than the models and :mod:`viewer.model.checks`; the rest
(quotes, zones, a date the fast checks do not accept, an unknown reference ...) go through
those same models and checks one event at a time, so the messages are those of ``validate``
on a native file, with the JSON path of the event (``events[12].when.start``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import ValidationError

from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError
from viewer.model.index import APPROXIMATE, CANCELLED, INTERVAL, PLANNED, UNCERTAIN
from viewer.model.table import NO_PRECISION, PRECISIONS, STATUSES, EventTable

from .columns import ColumnarLoaded, LazyEvents
from .common import Progress, starts_with
from .csv_read import gc_paused
from .native import error_problems
from .parquet_checks import check_ids, check_whole
from .parquet_columns import (
    bools,
    chunked_id_rows,
    empty_for_null,
    ids_known,
    lengths,
    lists_ok,
    name_codes,
    parse_column,
    strings,
    tag_lists,
)
from .parquet_layout import LATER_COLUMNS, MAGIC, META_KEY, SCHEMA

LIST_COLUMNS = ("actors", "places", "tags", "citations")
ID_LISTS = ("actors", "places", "citations")

FORMAT = "parquet"


def has_parquet_magic(path: str | Path) -> bool:
    """Whether a regular file starts with the Parquet magic."""
    return starts_with(path, MAGIC)


def read_parquet(file: str, report: Progress) -> ColumnarLoaded:
    """The dataset of a Parquet file; LoadError naming the file and what is wrong."""
    try:
        pf = pq.ParquetFile(file, memory_map=True)
        meta = pf.schema_arrow.metadata or {}
        if META_KEY in meta:  # lists of ids read as codes into a few names
            paths = [c.path for c in pf.schema]
            lists = [p for p in paths if p.split(".")[0] in LIST_COLUMNS and p.count(".") == 2]
            pf = pq.ParquetFile(file, memory_map=True, read_dictionary=lists)
    except (pa.ArrowException, OSError) as exc:
        raise LoadError.single(
            file, f"is not a readable Parquet file ({_short(exc)}); expected a Parquet dataset"
        ) from None
    try:
        return _read(pf, meta, file, report)
    except (pa.ArrowException, TypeError, ValueError, AttributeError) as exc:
        # a column of a type the layout does not have (a struct of ids, numbers for names ...)
        raise LoadError.single(
            file,
            f"cannot be read as a timeline dataset ({_short(exc)}); expected the columns of "
            "the Parquet layout (see `timeline-viewer schema`) or id, title and start",
        ) from None


def _read(
    pf: pq.ParquetFile, meta: dict[bytes, bytes], file: str, report: Progress
) -> ColumnarLoaded:
    if META_KEY not in meta:
        from .parquet_foreign import read_foreign

        return read_foreign(pf, file, report)
    header = _header(meta[META_KEY], file)
    names = set(pf.schema_arrow.names)
    missing = [f.name for f in SCHEMA if f.name not in names and f.name not in LATER_COLUMNS]
    if missing:
        raise LoadError.single(
            file,
            f"a timeline-dataset Parquet file without the column {missing[0]!r}; expected "
            f"the columns {', '.join(SCHEMA.names)}",
        )
    present = [name for name in SCHEMA.names if name in names]
    raw = read_groups(pf, present, file, report)
    rows = pf.metadata.num_rows
    for name in LATER_COLUMNS:
        if name not in raw:
            raw[name] = pa.chunked_array([pa.nulls(rows, SCHEMA.field(name).type)])
    return build(header, raw, file, report, FORMAT)


def read_groups(
    pf: pq.ParquetFile, columns: list[str], file: str, report: Progress
) -> dict[str, pa.ChunkedArray]:
    """The columns of every row group, a group at a time (the progress callback may cancel)."""
    parts = []
    groups = pf.num_row_groups
    rows = pf.metadata.num_rows
    done = 0
    try:
        for g in range(groups):
            report(0.05 + 0.45 * done / max(rows, 1), f"Reading {done:,} of {rows:,} events")
            part = pf.read_row_group(g, columns=columns)
            done += part.num_rows
            parts.append(part)
    except (pa.ArrowException, OSError) as exc:
        raise LoadError.single(file, f"cannot be read as Parquet: {_short(exc)}") from None
    table = pa.concat_tables(parts) if parts else pf.schema_arrow.empty_table().select(columns)
    del parts
    report(0.5, f"Checking {rows:,} events")
    return {name: table.column(name) for name in columns}


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _header(raw: bytes, file: str) -> Dataset:
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise LoadError.single(
            file, f"the 'timeline-dataset' metadata is not JSON ({exc}); expected a JSON object"
        ) from None
    if not isinstance(obj, dict):
        raise LoadError.single(file, "the 'timeline-dataset' metadata: expected a JSON object")
    if obj.get("events"):
        raise LoadError.single(
            file, "the 'timeline-dataset' metadata holds events; expected them as rows"
        )
    try:
        return Dataset.model_validate({**obj, "events": []})
    except ValidationError as exc:
        errs = exc.errors(include_url=False, include_context=False)
        raise LoadError(error_problems(errs, exc.error_count(), "", file)) from None


# --- the checks and the event table ---------------------------------------------------------


def build(
    header: Dataset, raw: dict[str, pa.ChunkedArray], file: str, report: Progress, fmt: str
) -> ColumnarLoaded:
    """The load of the columns of the Parquet layout: checked, with the events of the common
    shape as columns and the others validated whole. ``raw`` is emptied on the way (each
    column's pieces go as it is joined into one array: the memory of the file's columns is
    held once, not twice)."""
    cols: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name in list(raw):
        chunked = raw.pop(name)
        if name in ID_LISTS:  # read a row group at a time (each has its own dictionary)
            cols[name] = chunked
            continue
        if pa.types.is_string(chunked.type):
            # one copy: each piece's offsets widened (its characters shared), then joined
            chunks = [c.cast(pa.large_string()) for c in chunked.chunks]
            del chunked
            column = chunks[0] if len(chunks) == 1 else pa.concat_arrays(chunks)
            del chunks
        else:
            column = chunked.chunk(0) if chunked.num_chunks == 1 else chunked.combine_chunks()
            del chunked
        cols[name] = column
    # the pieces' memory, which Arrow's allocator would keep, goes back to the system
    pa.default_memory_pool().release_unused()
    n = len(cols["id"])
    col = cols.__getitem__
    ok = np.ones(n, bool)
    # what the columns do not hold: those events are validated and kept whole
    quotes = pc.list_value_length(col("quotes")).fill_null(1)
    ok &= quotes.to_numpy(zero_copy_only=False) == 0
    for name in ("tz", "basis", "draft"):
        ok &= col(name).is_null().to_numpy(zero_copy_only=False)
    ok &= lengths(col("date_text")) != 0
    id_len = lengths(col("id"))
    ok &= (id_len >= 1) & (id_len <= 200)
    ok &= lengths(col("title")) >= 1
    for name in ("summary", "kind"):
        ok &= ~col(name).is_null().to_numpy(zero_copy_only=False)
    status = name_codes(col("status"), STATUSES)
    precision = name_codes(col("precision"), PRECISIONS)
    end_precision = name_codes(col("end_precision"), PRECISIONS)
    ok &= (status < len(STATUSES)) & (precision < len(PRECISIONS))
    ok &= (end_precision < len(PRECISIONS)) | (end_precision == NO_PRECISION)
    approximate, a_null = bools(col("approximate"))
    uncertain, u_null = bools(col("uncertain"))
    ok &= ~a_null & ~u_null
    report(0.55, "Reading dates")
    starts = parse_column(col("start"))
    end_text = strings(col("end"))
    has_end = ~end_text.is_null().to_numpy(zero_copy_only=False)
    ends = parse_column(end_text)
    ok &= starts.ok & (starts.precision == precision)
    end_ok = ends.ok & (ends.start >= starts.start)
    end_ok &= (end_precision == NO_PRECISION) | (end_precision == ends.precision)
    ok &= np.where(has_end, end_ok, end_precision == NO_PRECISION)
    report(0.65, "Checking references")
    known = {
        "actors": [x.id for x in header.actors],
        "places": [x.id for x in header.places],
        "citations": [x.id for x in header.sources],
    }
    for name, ids in known.items():
        ok &= ids_known(col(name), ids)
    ok &= lists_ok(col("tags"))

    report(0.7, "Checking events")
    rest = np.flatnonzero(~ok).tolist()
    with gc_paused():  # (their rows, dicts and models hold no cycles: at 1e7, 0.5 s not 0.8-1.2)
        complex_events, sources, warnings = check_whole(header, cols, rest, file)
    check_ids(col("id"), file)
    # the file's columns that are read by now go (Arrow's allocator gives their memory back),
    # then the lists are coded one at a time, each going once coded
    for name in ("tz", "basis", "precision", "end_precision", "status", "quotes", "end"):
        del cols[name]
    for name in ("approximate", "uncertain"):
        del cols[name]
    pool = pa.default_memory_pool()
    pool.release_unused()
    refs = {}
    for name, ids in known.items():
        off, codes, _ = chunked_id_rows(cols.pop(name), ids)
        refs[name] = (off, codes)
        pool.release_unused()
    tags, _ = tag_lists(cols.pop("tags"))
    pool.release_unused()

    report(0.8, "Building columns")
    start = starts.start
    end = np.where(has_end, ends.start, start)
    period_end = np.where(has_end, ends.period_end, starts.period_end)
    del starts, ends
    flags = approximate.astype(np.uint8) * np.uint8(APPROXIMATE)
    flags |= uncertain.astype(np.uint8) * np.uint8(UNCERTAIN)
    flags |= has_end.astype(np.uint8) * np.uint8(INTERVAL)
    planned = (status == STATUSES.index("planned")) | (status == STATUSES.index("postponed"))
    flags |= planned.astype(np.uint8) * np.uint8(PLANNED)
    flags |= (status == STATUSES.index("cancelled")).astype(np.uint8) * np.uint8(CANCELLED)
    kind = col("kind")
    if not pa.types.is_dictionary(kind.type):
        kind = kind.dictionary_encode()
    kind = pa.DictionaryArray.from_arrays(
        kind.indices.fill_null(0).cast(pa.int32()), kind.dictionary.cast(pa.large_string())
    )
    n_quotes = quotes.to_numpy(zero_copy_only=False).astype(np.int32)
    # the events validated whole, as a table of their own: their numbers replace the rows'
    with gc_paused():
        whole = EventTable.from_events([complex_events[i] for i in rest], header) if rest else None
    if whole is not None:
        at = np.array(rest, np.int64)
        for name, target in (
            ("start", start),
            ("end", end),
            ("period_end", period_end),
            ("flags", flags),
            ("status", status),
            ("precision", precision),
            ("end_precision", end_precision),
            ("n_quotes", n_quotes),
        ):
            target[at] = getattr(whole, name)
    columns = {
        "id": strings(col("id")),
        "title": strings(col("title")),
        "summary": strings(col("summary")),
        "start_text": strings(col("start")),
        "end_text": empty_for_null(end_text),
        "when_text": empty_for_null(strings(col("date_text"))),
        "start": pa.array(start),
        "end": pa.array(end),
        "period_end": pa.array(period_end),
        "precision": pa.array(precision),
        "end_precision": pa.array(end_precision),
        "flags": pa.array(flags),
        "status": pa.array(status),
        "kind": kind,
        **{
            name: pa.LargeListArray.from_arrays(pa.array(off), pa.array(codes))
            for name, (off, codes) in refs.items()
        },
        "tags": tags,
        "n_quotes": pa.array(n_quotes),
        "basis": pa.array(np.full(n, NO_PRECISION, np.uint8)),
    }
    if whole is not None:
        columns = _with_whole_rows(columns, rest, whole)
    events = EventTable(pa.table(columns), complex_events)
    ds = header.model_copy(update={"sources": sources})
    lazy = LazyEvents(events, ds)
    ds = ds.model_copy(update={"events": lazy})
    lazy.header = ds
    report(0.85, "Indexing")
    return ColumnarLoaded(ds, warnings, file, fmt, events)


def _with_whole_rows(
    columns: dict[str, pa.Array], rows: list[int], whole: EventTable
) -> dict[str, pa.Array]:
    """The text, name and reference columns with the values of the events validated whole
    (``whole``, the table of the events of ``rows``: they may have nulls or unknown names in
    the file's columns)."""
    n = len(columns["id"])
    at = np.arange(n, dtype=np.int64)
    at[rows] = n + np.arange(len(rows))
    take = pa.array(at)
    picked = pa.array(rows, pa.int64())
    out = dict(columns)
    for name in ("id", "title", "summary", "start_text", "end_text", "when_text"):
        a, b = columns[name], whole.column(name)
        if not a.take(picked).equals(b):  # else the file's columns hold the same already
            out[name] = pa.concat_arrays([a, b]).take(take)
    for name in ("kind", "tags", "actors", "places", "citations"):
        a, b = columns[name], whole.column(name)
        if _decoded(a.take(picked)).equals(_decoded(b)):
            continue
        if name == "kind":
            joined = pa.chunked_array([a, b]).unify_dictionaries()
            out[name] = pa.concat_arrays(joined.chunks).take(take)
        elif name == "tags":
            values = pa.chunked_array([a.values, b.values]).unify_dictionaries()
            la = pa.LargeListArray.from_arrays(a.offsets, values.chunk(0))
            lb = pa.LargeListArray.from_arrays(b.offsets, values.chunk(1))
            out[name] = pa.concat_arrays([la, lb]).take(take)
        else:
            out[name] = pa.concat_arrays([a, b]).take(take)
    return out


def _decoded(arr: pa.Array) -> pa.Array:
    """Names instead of codes into a dictionary (lists of them too), to compare values."""
    if pa.types.is_dictionary(arr.type):
        return arr.dictionary_decode().cast(pa.large_string())
    if pa.types.is_large_list(arr.type) and pa.types.is_dictionary(arr.type.value_type):
        values = arr.flatten().dictionary_decode().cast(pa.large_string())
        lengths = pc.list_value_length(arr).fill_null(0).to_numpy(zero_copy_only=False)
        offsets = np.zeros(len(arr) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return pa.LargeListArray.from_arrays(pa.array(offsets), values)
    return arr
