"""A generated dataset written as Parquet column by column (the events of
:func:`viewer.model.generate.generate` for the same seed, without a Python object per event):
ten million events in seconds rather than through JSON."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from viewer.model.dates import civil_from_days
from viewer.model.formats.parquet_layout import LAYOUT_KEY, LAYOUT_VERSION, META_KEY, SCHEMA
from viewer.model.formats.parquet_write import ROW_GROUP
from viewer.model.generate import KINDS, TAGS, quote_of

_STATUSES = ("occurred", "ongoing", "planned", "postponed", "cancelled")
_PRECISIONS = ("year", "month", "day", "minute")


def _digits(out: np.ndarray, col: int, value: np.ndarray, width: int) -> None:
    for k in range(width - 1, -1, -1):
        out[:, col + k] = 48 + value % 10
        value = value // 10


def iso_strings(t: np.ndarray, prec: np.ndarray, off: np.ndarray) -> pa.Array:
    """The ISO strings of ``generate._iso`` (precision codes 0 year .. 3 minute, offsets in
    minutes for times of day), built as bytes."""
    n = len(t)
    local = (t + off * 60).astype(np.int64)
    days = local // 86400
    secs = local - days * 86400
    y, m, d = civil_from_days(days)
    groups: list[tuple[np.ndarray, pa.Array]] = []
    suffix = {0: b"Z", 180: b"+03:00", 120: b"+02:00"}
    for code in range(4):
        keys = [None] if code < 3 else list(suffix)
        for key in keys:
            sel = prec == code if key is None else (prec == code) & (off == key)
            rows = np.flatnonzero(sel)
            if not len(rows):
                continue
            tail = suffix[key] if key is not None else b""
            width = (4, 7, 10, 16)[code] + len(tail)
            out = np.empty((len(rows), width), np.uint8)
            _digits(out, 0, y[rows], 4)
            if code >= 1:
                out[:, 4] = ord("-")
                _digits(out, 5, m[rows], 2)
            if code >= 2:
                out[:, 7] = ord("-")
                _digits(out, 8, d[rows], 2)
            if code == 3:
                s = secs[rows]
                out[:, 10] = ord("T")
                _digits(out, 11, s // 3600, 2)
                out[:, 13] = ord(":")
                _digits(out, 14, s % 3600 // 60, 2)
                out[:, 16:] = np.frombuffer(tail, np.uint8)
            offsets = np.arange(0, (len(rows) + 1) * width, width, dtype=np.int64)
            arr = pa.Array.from_buffers(
                pa.large_string(), len(rows), [None, pa.py_buffer(offsets), pa.py_buffer(out)]
            )
            groups.append((rows, arr))
    order = np.concatenate([rows for rows, _ in groups])
    where = np.empty(n, np.int64)
    where[order] = np.arange(n)
    return pa.concat_arrays([a for _, a in groups]).take(pa.array(where))


def _join(*parts: Any) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _lists(lengths: np.ndarray, values: pa.Array) -> pa.Array:
    offsets = np.zeros(len(lengths) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _names(codes: np.ndarray, names: list[str] | tuple[str, ...]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.asarray(codes, np.int32)), pa.array(list(names), pa.string())
    )


def generated_table(d: dict[str, Any]) -> pa.Table:
    n = d["n"]
    actors, places = d["actors"], d["places"]
    kind, prec, t, off = d["kind"], d["prec"], d["t"], d["off"]
    has_end = d["has_end"]
    place_ids, actor_ids, n_actors = d["place_ids"], d["actor_ids"], d["n_actors"]
    # actors: the first n_actors of the two drawn, the second dropped when it is the first
    second = (n_actors == 2) & (actor_ids[:, 0] != actor_ids[:, 1])
    n_act = np.where(n_actors == 2, 1 + second, n_actors)
    actor_rows = np.where(np.arange(2) < n_act[:, None], actor_ids, -1).ravel()
    actor_rows = actor_rows[actor_rows >= 0]
    actor_id = pa.array([a["id"] for a in actors], pa.string())
    actor_name = pa.array([a["name"] for a in actors] + ["The government"], pa.string())
    place_id = pa.array([p["id"] for p in places], pa.string())
    place_name = pa.array([p["name"] for p in places], pa.string())
    first_actor = np.where(n_act > 0, actor_ids[:, 0], len(actors))
    # titles and summaries: a template per kind, filled column-wise
    title_parts = []
    for k, (_name, template) in enumerate(KINDS):
        rows = np.flatnonzero(kind == k)
        pieces: list[Any] = []
        rest = template
        while rest:
            a = rest.find("{")
            if a < 0:
                pieces.append(rest)
                break
            if a:
                pieces.append(rest[:a])
            b = rest.index("}", a)
            field = rest[a + 1 : b]
            ids = place_ids[rows] if field == "place" else first_actor[rows]
            pieces.append((place_name if field == "place" else actor_name).take(pa.array(ids)))
            rest = rest[b + 1 :]
        title_parts.append((rows, _join(*pieces) if len(rows) else pa.array([], pa.string())))
    order = np.concatenate([r for r, _ in title_parts])
    where = np.empty(n, np.int64)
    where[order] = np.arange(n)
    titles = pa.concat_arrays([a for _, a in title_parts]).take(pa.array(where))
    kind_name = pa.array([k for k, _ in KINDS], pa.string()).take(pa.array(kind))
    summary = _join("Reports from ", place_name.take(pa.array(place_ids)), " describe the ")
    summary = _join(summary, kind_name, ".")
    summary = pc.if_else(pa.array(d["has_summary"]), summary, "")
    ids = _join("e", pc.utf8_lpad(pa.array(np.arange(n)).cast(pa.string()), 7, "0"))
    ends = iso_strings(t + np.where(has_end, d["length"], 0.0), prec, off)
    tag = d["tag"]
    tags = pa.array(list(TAGS), pa.string()).take(pa.array(tag[tag >= 0]))
    has_place = ~d["no_place"]
    quoted = np.flatnonzero(d["quoted"])
    quotes_of = {int(i): quote_of(d, int(i)) for i in quoted}
    quote_lists = pa.nulls(n, SCHEMA.field("quotes").type)
    citation_values = pa.array([quotes_of[i][1] for i in quoted.tolist()], pa.string())
    if len(quoted):
        at = np.zeros(n, np.int64)
        at[quoted] = np.arange(1, len(quoted) + 1)
        small = pa.array(
            [[], *[[quotes_of[i][0]] for i in quoted.tolist()]], SCHEMA.field("quotes").type
        )
        quote_lists = small.take(pa.array(at))
    else:
        quote_lists = quote_lists.fill_null(pa.scalar([], SCHEMA.field("quotes").type))
    columns = {
        "id": ids,
        "title": titles,
        "summary": summary,
        "start": iso_strings(t, prec, off),
        "end": pc.if_else(pa.array(has_end), ends, pa.scalar(None, pa.large_string())),
        "precision": _names(prec, _PRECISIONS),
        "end_precision": pa.nulls(n, SCHEMA.field("end_precision").type),
        "approximate": pa.array(d["approx"] & (prec != 3)),
        "uncertain": pa.array(d["uncertain"]),
        "tz": pa.nulls(n, pa.string()),
        "date_text": pa.nulls(n, pa.string()),
        "basis": pa.nulls(n, pa.string()),
        "status": _names(d["status"], _STATUSES),
        "kind": _names(kind, [k for k, _ in KINDS]),
        "actors": _lists(n_act, actor_id.take(pa.array(actor_rows))),
        "places": _lists(has_place.astype(np.int64), place_id.take(pa.array(place_ids[has_place]))),
        "tags": _lists((tag >= 0).astype(np.int64), tags),
        "citations": _lists(d["quoted"].astype(np.int64), citation_values),
        "quotes": quote_lists,
        "draft": pa.nulls(n, SCHEMA.field("draft").type),
    }
    columns = {
        name: arr.cast(SCHEMA.field(name).type) if arr.type != SCHEMA.field(name).type else arr
        for name, arr in columns.items()
    }
    table = pa.table(columns, schema=SCHEMA)
    return table.replace_schema_metadata(
        {META_KEY: orjson.dumps(d["header"]), LAYOUT_KEY: LAYOUT_VERSION}
    )


def write_generated(d: dict[str, Any], path: str | Path) -> None:
    """Write the draws of :func:`viewer.model.generate.draw` as a Parquet dataset."""
    path = Path(path)
    table = generated_table(d)
    fd, tmp = tempfile.mkstemp(prefix=".generate-", dir=path.parent or Path("."))
    os.close(fd)
    try:
        pq.write_table(table, tmp, row_group_size=ROW_GROUP, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
