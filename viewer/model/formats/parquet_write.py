"""Write a dataset as a Parquet file (the layout of :mod:`.parquet_layout`), column by column
from its EventTable: no Python object per event except those kept whole (``complex``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from viewer.model.dataset import Dataset, Event
from viewer.model.index import APPROXIMATE, UNCERTAIN
from viewer.model.output import write_by_name
from viewer.model.table import NO_PRECISION, PRECISIONS, STATUSES, EventTable

from .parquet_layout import LAYOUT_KEY, LAYOUT_VERSION, META_KEY, SCHEMA

ROW_GROUP = 1 << 20  # rows per row group: the reader reports progress a group at a time
PATCHED = ("tz", "date_text", "basis", "quotes", "draft")  # fields only the events kept whole hold


def header_json(ds: Dataset) -> bytes:
    """The document parts of a dataset: its native JSON object without the events."""
    data = ds.model_copy(update={"events": []}).model_dump(mode="json", exclude_none=True)
    data.pop("events", None)
    if not data.get("eras"):
        data.pop("eras", None)
    return orjson.dumps(data)


def parquet_table(ds: Dataset, table: EventTable) -> pa.Table:
    """The events of ``table`` (the dataset's) as a table of the Parquet layout, with the
    document parts in its schema's metadata."""
    n = table.n
    columns = _simple_columns(ds, table)
    rows = sorted(table.complex)
    if rows:
        # the table's columns hold every field of these events but those patched here
        whole = _event_columns([table.complex[i] for i in rows])
        at = np.arange(n, dtype=np.int64)
        at[rows] = n + np.arange(len(rows))
        take = pa.array(at)
        for name in PATCHED:
            joined = pa.concat_arrays([columns[name], whole[name]])
            columns[name] = joined.take(take)
    out = pa.table(columns, schema=SCHEMA)
    meta = {META_KEY: header_json(ds), LAYOUT_KEY: LAYOUT_VERSION}
    return out.replace_schema_metadata(meta)


def write_parquet(ds: Dataset, table: EventTable, path: str | Path) -> None:
    """Write through the one writer (complete, then renamed into place; OutputError)."""
    arrow = parquet_table(ds, table)
    write_by_name(
        path, lambda tmp: pq.write_table(arrow, tmp, row_group_size=ROW_GROUP, compression="zstd")
    )


def _names(codes: np.ndarray, names: Sequence[str], missing: int = NO_PRECISION) -> pa.Array:
    """A dictionary column of codes into names (null where the code is ``missing``)."""
    codes = np.asarray(codes).astype(np.int32)
    mask = codes == missing
    return pa.DictionaryArray.from_arrays(
        pa.array(np.where(mask, 0, codes), pa.int32(), mask=mask if mask.any() else None),
        pa.array(list(names), pa.string()),
    )


def _null_if_empty(column: pa.Array) -> pa.Array:
    column = column.cast(pa.string())
    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)


def _ids(lists: pa.Array, ids: Sequence[str]) -> pa.Array:
    """Lists of rows into the dataset's parts as lists of their ids."""
    names = pa.array(list(ids), pa.string())
    values = names.take(lists.values) if len(names) else pa.array([], pa.string())
    return pa.ListArray.from_arrays(lists.offsets.cast(pa.int32()), values)


def _simple_columns(ds: Dataset, table: EventTable) -> dict[str, pa.Array]:
    flags = table.flags
    basis_code = table.basis_code
    when_text = table.column("when_text")
    if (basis_code != NO_PRECISION).any():
        texts = table.when_text
        basis = [
            None if c == NO_PRECISION else table.basis_forms[c].format(date=texts[i])
            for i, c in enumerate(basis_code.tolist())
        ]
        basis_column = pa.array(basis, pa.string())
    else:
        basis_column = pa.nulls(table.n, pa.string())
    tags = table.column("tags")
    return {
        "id": table.column("id").cast(pa.string()),
        "title": table.column("title").cast(pa.string()),
        "summary": table.column("summary").cast(pa.string()),
        "start": table.column("start_text").cast(pa.string()),
        "end": _null_if_empty(table.column("end_text")),
        "precision": _names(table.precision, PRECISIONS),
        "end_precision": _names(table.end_precision, PRECISIONS),
        "approximate": pa.array((flags & APPROXIMATE) != 0),
        "uncertain": pa.array((flags & UNCERTAIN) != 0),
        "tz": pa.nulls(table.n, pa.string()),
        "date_text": _null_if_empty(when_text),
        "basis": basis_column,
        "status": _names(table.status, STATUSES),
        "kind": _names(table.kind, table.kinds, missing=-1),
        "actors": _ids(table.column("actors"), [a.id for a in ds.actors]),
        "places": _ids(table.column("places"), [p.id for p in ds.places]),
        "tags": pa.ListArray.from_arrays(
            tags.offsets.cast(pa.int32()), tags.values.cast(pa.string())
        ),
        "citations": _ids(table.column("citations"), [s.id for s in ds.sources]),
        "quotes": pa.nulls(table.n, SCHEMA.field("quotes").type).fill_null(
            pa.scalar([], SCHEMA.field("quotes").type)
        ),
        "draft": pa.nulls(table.n, SCHEMA.field("draft").type),
    }


def event_row(ev: Event) -> dict[str, Any]:
    """An event as a row of the layout."""
    w = ev.when
    return {
        "id": ev.id,
        "title": ev.title,
        "summary": ev.summary,
        "start": w.start,
        "end": w.end,
        "precision": w.precision,
        "end_precision": w.end_precision,
        "approximate": w.approximate,
        "uncertain": w.uncertain,
        "tz": w.tz,
        "date_text": w.text,
        "basis": w.basis,
        "status": ev.status,
        "kind": ev.kind,
        "actors": list(ev.actors),
        "places": list(ev.places),
        "tags": list(ev.tags),
        "citations": list(ev.citations),
        "quotes": [q.model_dump(mode="json") for q in ev.quotes],
        "draft": ev.draft.model_dump(mode="json") if ev.draft else None,
    }


def _event_columns(events: list[Event]) -> dict[str, pa.Array]:
    rows = [{name: event_row(ev)[name] for name in PATCHED} for ev in events]
    out = pa.Table.from_pylist(rows, schema=pa.schema([SCHEMA.field(k) for k in PATCHED]))
    return {name: out.column(name).combine_chunks() for name in PATCHED}
