"""Big generic CSV tables (``--date-col`` and friends) read column-wise by pyarrow.csv.

The same events as :func:`.generic_csv.read_generic` (tested against it): this road takes
tables whose dates are all ISO years, months or days (2020, 2020-11, 2020-11-25) and that have
no blank line; any other table - other date forms, intervals, ragged rows, invalid UTF-8 - is
read by the reference reader, which gives its messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset
from viewer.model.dates import DAY
from viewer.model.errors import LoadError
from viewer.model.table import NO_PRECISION, PRECISIONS, EventTable

from .arrow_cells import SPACE, read_strings, utf8_valid
from .column_ops import days_from_civil_np
from .columns import ColumnarLoaded, LazyEvents
from .common import Progress
from .csv_table import column_key, open_table
from .generic_csv import FORMAT, ColumnOptions

_HEAD = 64 * 1024
_FORMS = {  # length: (regex, precision)
    4: (r"^[0-9]{4}$", PRECISIONS.index("year")),
    7: (r"^[0-9]{4}-[0-9]{2}$", PRECISIONS.index("month")),
    10: (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", PRECISIONS.index("day")),
}


def big_generic(
    raw: bytes, file: str, options: ColumnOptions, report: Progress
) -> ColumnarLoaded | None:
    """The load of a big generic table on this road, or None (then the reference reader)."""
    if not options.date_col or b"\x00" in raw[:_HEAD]:
        return None
    if b"\n\n" in raw or b"\n\r\n" in raw or not utf8_valid(raw):
        return None  # blank lines shift the row numbers ids are made of: the reference road
    text = raw[:_HEAD].decode("utf-8", "ignore").removeprefix("\ufeff")
    if len(raw) > _HEAD and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    try:
        table = open_table(text, file)
    except LoadError:
        return None
    cols = {}
    for role, name in (
        ("date", options.date_col),
        ("title", options.title_col),
        ("lane", options.lane_col),
        ("text", options.text_col),
    ):
        i = table.col(column_key(name)) if name else None
        if name and i is None:
            return None  # the reference reader says which column is missing
        cols[role] = i
    try:
        return _read(raw, file, table.delimiter, len(table.header), cols, report)
    except (_Unusual, pa.ArrowInvalid):
        return None


class _Unusual(Exception):  # noqa: N818 - a signal: the table needs the reference road
    pass


def _read(
    raw: bytes,
    file: str,
    delimiter: str,
    width: int,
    cols: dict[str, int | None],
    report: Progress,
) -> ColumnarLoaded:
    report(0.1, "Reading the table")
    names = [f"c{i}" for i in range(width)]
    used = sorted({i for i in cols.values() if i is not None})
    t = read_strings(raw, names, used, 1, delimiter)
    n = t.num_rows
    if n == 0:
        raise _Unusual
    col: dict[str, pa.Array] = {}
    for role, i in cols.items():
        if i is not None:
            col[role] = pc.utf8_trim(t.column(names[i]).combine_chunks(), SPACE)
    del t
    report(0.4, f"Checking {n:,} rows")
    start, period_end, precision = _dates(col["date"])
    rows = pa.array(np.arange(2, n + 2)).cast(pa.string())  # spreadsheet rows (header: 1)
    ids = pc.binary_join_element_wise("row-", rows, "")
    if "title" in col:
        titles = pc.if_else(
            pc.equal(col["title"], ""), pc.binary_join_element_wise("Row ", rows, ""), col["title"]
        )
    else:
        titles = pc.binary_join_element_wise("Row ", rows, "")
    lane = col.get("lane")
    kind_text = pc.if_else(pc.equal(lane, ""), "event", lane) if lane is not None else None
    kinds = pc.dictionary_encode(kind_text) if kind_text is not None else None
    empty = pa.repeat("", n).cast(pa.large_string())
    report(0.7, "Building columns")
    table = EventTable.from_columns(
        ids=ids.cast(pa.large_string()),
        titles=titles.cast(pa.large_string()),
        summaries=col["text"].cast(pa.large_string()) if "text" in col else empty,
        start_text=col["date"].cast(pa.large_string()),
        end_text=empty,
        when_text=empty,
        precision=precision,
        end_precision=np.full(n, NO_PRECISION, np.uint8),
        start=start,
        end=start,
        period_end=period_end,
        flags=np.zeros(n, np.uint8),
        status=np.zeros(n, np.uint8),
        kind=kinds.indices.to_numpy(zero_copy_only=False) if kinds else np.zeros(n, np.int32),
        kinds=kinds.dictionary.to_pylist() if kinds else ["event"],
        **_no_refs(n),
        n_quotes=np.zeros(n, np.int32),
    )
    header, problems = check_dataset(
        Dataset.model_validate({"title": Path(file).name.split(".")[0] or "Events"})
    )
    if problems:
        raise _Unusual
    lazy = LazyEvents(table, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    return ColumnarLoaded(ds, [], file, FORMAT, table)


def _no_refs(n: int) -> dict[str, Any]:
    off = np.zeros(n + 1, np.int64)
    none = np.zeros(0, np.int32)
    return {
        "actor_off": off,
        "actor_idx": none,
        "place_off": off,
        "place_idx": none,
        "cite_off": off,
        "cite_idx": none,
        "tag_off": off,
        "tag_idx": none,
        "tags": [],
    }


def _dates(dates: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, period end and precision codes of ISO years, months and days."""
    n = len(dates)
    length = pc.utf8_length(dates).to_numpy(zero_copy_only=False)
    ok = np.zeros(n, bool)
    for size, (pattern, _p) in _FORMS.items():
        rows = length == size
        if rows.any():
            ok[rows] = pc.match_substring_regex(dates, pattern).to_numpy(zero_copy_only=False)[rows]
    if not ok.all():
        raise _Unusual

    def part(a: int, b: int, default: int) -> np.ndarray:
        padded = pc.utf8_slice_codeunits(dates, a, b)
        filled = pc.if_else(pc.equal(padded, ""), str(default), padded)
        return pc.cast(filled, pa.int64()).to_numpy()

    y, m, d = part(0, 4, 1), part(5, 7, 1), part(8, 10, 1)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    dim = dim + ((m == 2) & leap)
    if not ((m >= 1) & (m <= 12) & (d >= 1) & (d <= dim) & (y >= 1)).all():
        raise _Unusual
    start = days_from_civil_np(y, m, d) * DAY
    precision = np.select(
        [length == 4, length == 7], [_FORMS[4][1], _FORMS[7][1]], _FORMS[10][1]
    ).astype(np.uint8)
    next_year = days_from_civil_np(y + 1, np.ones_like(m), np.ones_like(d)) * DAY
    period_end = np.select(
        [length == 4, length == 7], [next_year, start + dim * DAY], start + DAY
    ).astype(np.float64)
    return start, period_end, precision
