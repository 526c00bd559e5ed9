"""Parquet files made by other tools (pandas, polars, DuckDB ...): a table with ``id``,
``title`` and ``start`` columns, and optionally ``end``, ``lane`` (the event's kind) and
``summary``, opens the way a generic CSV table does.

Dates are timestamps (a time of 00:00:00 is a day; zoned ones are taken in UTC), dates, or
strings: partial ISO dates ('2020', '2020-11-25', '2020-11-25T10:00' read as UTC) or '25
November 2020'. The columns are turned into those of the dataset layout and read as one.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from viewer.model.dataset import Dataset
from viewer.model.dates import DateError, format_date
from viewer.model.errors import LoadError, Problem, cap_problems
from viewer.model.table import PRECISIONS

from .cell_dates import parse_cell_date
from .columns import ColumnarLoaded
from .common import Progress
from .parquet import build, read_groups
from .parquet_columns import parse_column
from .parquet_layout import FOREIGN_OPTIONAL, FOREIGN_REQUIRED, SCHEMA

FORMAT = "parquet (table)"


def read_foreign(pf: pq.ParquetFile, file: str, report: Progress) -> ColumnarLoaded:
    names = pf.schema_arrow.names
    for name in FOREIGN_REQUIRED:
        if name not in names:
            shown = ", ".join(repr(c) for c in names[:30])
            raise LoadError.single(
                file,
                f"is a Parquet file but not a dataset: it has no column {name!r}; expected "
                "the columns 'id', 'title' and 'start' (and optionally 'end', 'lane', "
                f"'summary'), or a file written by timeline-viewer (its columns: {shown})",
            )
    wanted = [c for c in (*FOREIGN_REQUIRED, *FOREIGN_OPTIONAL) if c in names]
    raw = read_groups(pf, wanted, file, report)
    problems: list[Problem] = []
    n = len(raw["id"])
    starts, start_prec = _dates(raw["start"], "start", file, problems)
    if "end" in names:
        ends, end_prec = _dates(raw["end"], "end", file, problems)
    else:
        ends, end_prec = pa.nulls(n, pa.string()), pa.nulls(n, pa.string())
    if problems:
        raise LoadError(cap_problems(problems))
    columns = {
        "id": _text(raw["id"]),
        "title": _text(raw["title"]),
        "summary": _text(raw["summary"]).fill_null("")
        if "summary" in names
        else pa.array([""] * n, pa.string()),
        "start": starts,
        "end": ends,
        "precision": start_prec,
        "end_precision": end_prec,
        "approximate": pa.array(np.zeros(n, bool)),
        "uncertain": pa.array(np.zeros(n, bool)),
        "kind": _text(raw["lane"]).fill_null("event")
        if "lane" in names
        else pa.array(["event"] * n, pa.string()),
    }
    for field in SCHEMA:
        if field.name not in columns:
            if pa.types.is_list(field.type):
                columns[field.name] = pa.array([[]] * n, field.type)
            elif field.name == "status":
                columns[field.name] = pa.array(["occurred"] * n, pa.string())
            else:
                columns[field.name] = pa.nulls(n, field.type)
    header = Dataset(title=Path(file).stem, description=f"Read from the Parquet table {file}")
    chunked = {f.name: pa.chunked_array([columns[f.name]]) for f in SCHEMA}
    return build(header, chunked, file, report, FORMAT)


def _text(column: pa.ChunkedArray) -> pa.Array:
    arr = column.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        arr = arr.cast(pa.string())
    return arr.cast(pa.string())


def _dates(
    column: pa.ChunkedArray, name: str, file: str, problems: list[Problem]
) -> tuple[pa.Array, pa.Array]:
    """ISO strings and precision names of a date column (nulls kept)."""
    arr = column.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    t = arr.type
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        if pa.types.is_timestamp(t):
            secs = arr.cast(pa.timestamp(t.unit, tz=t.tz)).cast(pa.int64())
            secs = pc.divide(secs, {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[t.unit])
        else:
            secs = pc.multiply(arr.cast(pa.date32()).cast(pa.int32()).cast(pa.int64()), 86400)
        null = arr.is_null().to_numpy(zero_copy_only=False)
        s = secs.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        day = s % 86400 == 0
        stamps = s.astype("datetime64[s]")
        text = np.where(
            day,
            np.datetime_as_string(stamps, unit="D"),
            np.char.add(np.datetime_as_string(stamps, unit="s"), "Z"),
        )
        prec = np.where(day, "day", "second")
        return (
            pa.array(text.astype(object), pa.string(), mask=null),
            pa.array(prec.astype(object), pa.string(), mask=null),
        )
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        problems.append(
            Problem(
                f"column {name!r} holds {t}; expected timestamps, dates or date strings "
                "such as 2020-11-25",
                file=file,
            )
        )
        return arr, arr
    arr = arr.cast(pa.string())
    parsed = parse_column(arr)
    prec = np.array(PRECISIONS, dtype=object)[np.minimum(parsed.precision, 4)]
    null = arr.is_null().to_numpy(zero_copy_only=False)
    out_text = arr
    bad = np.flatnonzero(~parsed.ok & ~null)
    if len(bad):
        texts = arr.take(pa.array(bad)).to_pylist()
        fixed_text, fixed_prec = [], []
        for row, cell in zip(bad.tolist(), texts, strict=True):
            try:
                date, _utc = parse_cell_date(cell)
            except DateError as exc:
                where = f"row {row + 1}, column {name!r}"
                problems.append(Problem(str(exc), path=where, file=file))
                fixed_text.append(cell)
                fixed_prec.append("day")
                continue
            fixed_text.append(format_date(date))
            fixed_prec.append(date.precision)
        at = np.arange(len(arr), dtype=np.int64)
        at[bad] = len(arr) + np.arange(len(bad))
        out_text = pa.concat_arrays([arr, pa.array(fixed_text, pa.string())]).take(pa.array(at))
        prec[bad] = fixed_prec
    return out_text, pa.array(prec, pa.string(), mask=null)
