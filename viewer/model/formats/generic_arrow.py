"""Generic CSV tables (``--date-col`` and friends) read column-wise: the cells as Arrow
columns (:mod:`.csv_columns`), ISO years, months and days (2020, 2020-11, 2020-11-25) parsed
as whole columns, lanes dictionary-encoded; no Python object per row.

The same events and messages as the row reader (kept as an oracle in the tests): a date cell
of another form (an interval, a time, 25 November 2020) is read by the reference code of
:mod:`.generic_csv` one row at a time and its event kept whole. Ids and untitled rows' titles
name the row as a spreadsheet numbers it: the header is row 1, blank lines count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.checks import check_dataset
from viewer.model.dataset import Dataset, Event
from viewer.model.dates import DAY, DateError
from viewer.model.errors import Problem
from viewer.model.index import when_flags
from viewer.model.listing import event_span, precision_end
from viewer.model.table import NO_PRECISION, PRECISIONS, EventTable

from .arrow_cells import SPACE
from .column_ops import days_from_civil_np
from .columns import ColumnarLoaded, LazyEvents
from .common import Progress
from .csv_columns import Cell, CsvColumns
from .csv_table import column_key
from .generic_csv import FORMAT, cell_when
from .whole_rows import patched, whole_events

_FORMS = {  # length: (regex, precision)
    4: (r"^[0-9]{4}$", PRECISIONS.index("year")),
    7: (r"^[0-9]{4}-[0-9]{2}$", PRECISIONS.index("month")),
    10: (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", PRECISIONS.index("day")),
}


def read_generic_columns(
    cols: CsvColumns, roles: dict[str, int | None], report: Progress
) -> ColumnarLoaded:
    """A generic table read column-wise; ``roles``: the column of the date, title, lane and
    text (from :func:`.generic_csv.generic_columns`)."""
    n, file, table = cols.n, cols.file, cols.table
    col: dict[str, pa.Array] = {}
    trimmed: dict[int, pa.Array] = {}  # (one column may have two roles)
    for role, j in roles.items():
        if j is not None:
            if j not in trimmed:  # as str.strip; the cells as written let go
                trimmed[j] = pc.utf8_trim(cols.cells.pop(j), SPACE)
            col[role] = trimmed[j]
    report(0.4, f"Checking {n:,} rows")
    start, period_end, precision, ok = _dates(col["date"])
    rows = _row_numbers(cols)
    date_key = column_key(table.header[roles["date"]])  # type: ignore[index]
    whole_rows: dict[int, dict[str, Any]] = {}
    found: list[Cell] = []
    numbers = pc.cast(pa.array(rows), pa.string())
    titles = col.get("title", pa.repeat("", n).cast(pa.string()))
    titles = pc.if_else(
        pc.equal(titles, ""), pc.binary_join_element_wise("Row ", numbers, ""), titles
    )
    lane = col.get("lane")
    kind_text = pc.if_else(pc.equal(lane, ""), "event", lane) if lane is not None else None
    for k in np.flatnonzero(~ok).tolist():
        try:
            when = cell_when(col["date"][k].as_py())
        except DateError as exc:
            found.append(Cell(k, 0, date_key, str(exc)))
            continue
        whole_rows[k] = {
            "id": f"row-{rows[k]}",
            "title": titles[k].as_py(),
            "summary": col["text"][k].as_py() if "text" in col else "",
            "when": when,
            "kind": kind_text[k].as_py() if kind_text is not None else "event",
        }
    cols.raise_cells(found)
    header, problems = check_dataset(
        Dataset.model_validate({"title": Path(file).name.split(".")[0] or "Events"})
    )
    whole, warnings = _whole_events(cols, whole_rows, header)

    report(0.7, "Building columns")
    ids = pc.binary_join_element_wise("row-", numbers, "")  # (unique: one row each)
    kinds = pc.dictionary_encode(kind_text) if kind_text is not None else None
    empty = pa.repeat("", n).cast(pa.large_string())
    start_text = col["date"]
    end_text = empty
    end_precision = np.full(n, NO_PRECISION, np.uint8)
    end = start.copy()
    flags = np.zeros(n, np.uint8)
    if whole:
        texts = {k: ev.when.start for k, ev in whole.items()}
        ends = {k: ev.when.end or "" for k, ev in whole.items()}
        start_text, end_text = patched(start_text, texts), patched(end_text, ends)
        for k, ev in whole.items():
            start[k], end[k] = event_span(ev)
            period_end[k] = precision_end(ev)
            precision[k] = PRECISIONS.index(ev.when.precision)
            if ev.when.end_precision is not None:
                end_precision[k] = PRECISIONS.index(ev.when.end_precision)
            flags[k] = when_flags(ev)
    large = pa.large_string()
    table_ = EventTable.from_columns(
        ids=ids.cast(large),
        titles=titles.cast(large),
        summaries=col["text"].cast(large) if "text" in col else empty,
        start_text=start_text.cast(large),
        end_text=end_text.cast(large),
        when_text=empty,
        precision=precision,
        end_precision=end_precision,
        start=start,
        end=end,
        period_end=period_end,
        flags=flags,
        status=np.zeros(n, np.uint8),
        kind=kinds.indices.to_numpy(zero_copy_only=False) if kinds else np.zeros(n, np.int32),
        kinds=kinds.dictionary.to_pylist() if kinds else ["event"],
        **_no_refs(n),
        n_quotes=np.zeros(n, np.int32),
        complex=whole,
    )
    lazy = LazyEvents(table_, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    return ColumnarLoaded(ds, problems + warnings, file, FORMAT, table_)


def _row_numbers(cols: CsvColumns) -> np.ndarray:
    """The spreadsheet row of each data row (the header is row 1; blank lines count, so a
    table with blank lines between its rows is walked to find them)."""
    raw = cols.raw
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":  # (blank lines at the end change no number)
        end -= 1
    if raw.find(b"\n\n", 0, end) < 0 and raw.find(b"\n\r\n", 0, end) < 0:
        return np.arange(2, cols.n + 2)
    found = cols.locate(list(range(cols.n)))
    return np.array([found[k][0] for k in range(cols.n)], np.int64)


def _whole_events(
    cols: CsvColumns, rows: dict[int, dict[str, Any]], header: Dataset
) -> tuple[dict[int, Event], list[Problem]]:
    """The rows of other date forms, validated and checked (messages at their rows)."""
    rest = sorted(rows)

    def where(i: int) -> str:
        return f"row {rows[rest[i]]['id'].removeprefix('row-')}"

    return whole_events(rows, header, where, cols.file)


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


def _dates(dates: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Start, period end and precision codes of ISO years, months and days, and the rows of
    those forms (the others hold placeholders)."""
    n = len(dates)
    length = pc.utf8_length(dates).to_numpy(zero_copy_only=False)
    ok = np.zeros(n, bool)
    for size, (pattern, _p) in _FORMS.items():
        rows = length == size
        if rows.any():
            ok[rows] = pc.match_substring_regex(dates, pattern).to_numpy(zero_copy_only=False)[rows]

    def part(a: int, b: int) -> np.ndarray:
        cells = pc.utf8_slice_codeunits(dates, a, b)
        good = pc.match_substring_regex(cells, "^[0-9]+$")
        return pc.cast(pc.if_else(good, cells, "1"), pa.int64()).to_numpy()

    y, m, d = part(0, 4), part(5, 7), part(8, 10)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    dim = dim + ((m == 2) & leap)
    ok &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= dim) & (y >= 1)
    y, m, d = np.where(ok, y, 1), np.where(ok, m, 1), np.where(ok, d, 1)
    dim = np.where(ok, dim, 31)
    start = days_from_civil_np(y, m, d) * DAY
    precision = np.select(
        [length == 4, length == 7], [_FORMS[4][1], _FORMS[7][1]], _FORMS[10][1]
    ).astype(np.uint8)
    next_year = days_from_civil_np(y + 1, np.ones_like(m), np.ones_like(d)) * DAY
    period_end = np.select(
        [length == 4, length == 7], [next_year, start + dim * DAY], start + DAY
    ).astype(np.float64)
    return start.astype(np.float64), period_end, precision, ok
