"""The TimelineJS Sheets template (:mod:`.sheets`) read column-wise: the cells as Arrow columns,
Year/Month/Day parsed as whole columns, groups dictionary-encoded, ids made from the date and
headline and unique in linear time; no Python object per row.

A row of the common shape (a year 1-9999 with an optional month and day, no time, no end, plain
text without markup, no media) is read by vectorised code narrower than the reference; any
other row - markup, quotes, media, times, ends, title and era rows - by the reference code of
:mod:`.sheets` and :mod:`.timelinejs`, one row at a time: the same events, records and messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.dataset import Dataset, Event
from viewer.model.dates import DAY
from viewer.model.errors import Problem
from viewer.model.index import STATUS_FLAGS, when_flags
from viewer.model.listing import event_span, precision_end
from viewer.model.table import NO_PRECISION, PRECISIONS, EventTable

from .arrow_cells import SPACE
from .builder import DatasetBuilder, slug, unique_id
from .column_ops import days_from_civil_np
from .columns import ColumnarLoaded, LazyEvents
from .common import Progress
from .csv_columns import Cell, CsvColumns
from .html_text import html_to_line, html_to_text
from .sheets import FORMAT, row_date, sheet_era
from .timelinejs import SlideError, add_event
from .tl_dates import FieldError
from .whole_rows import numpy_of, patched, whole_events

KEYS = (
    "year", "month", "day", "time", "endyear", "endmonth", "endday", "endtime", "displaydate",
    "headline", "text", "media", "mediacredit", "mediacaption", "type", "group",
)  # fmt: skip
_MARKUP = r"[<&\t\r\n\f\v\x{200b}]|  "  # a cell html_text would change (beyond str.strip)
_DIM = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


class _Wanted(DatasetBuilder):
    """A DatasetBuilder that hands back the id an event wants (made unique for the whole
    table at once, in row order)."""

    def event_id(self, wanted: str) -> str:
        return wanted


def read_sheet_columns(cols: CsvColumns, report: Progress) -> ColumnarLoaded:
    n, file = cols.n, cols.file
    report(0.3, f"Checking {n:,} rows")
    c = {k: pc.utf8_trim(cols.take(k), SPACE) for k in KEYS}  # as str.strip
    kind = pc.utf8_lower(c["type"])
    meta_row = numpy_of(pc.is_in(kind, pa.array(["title", "era"])))
    y, has_y = _number(c["year"], r"^[0-9]{1,4}$")
    m, has_m = _number(c["month"], r"^[0-9]{1,2}$")
    d, has_d = _number(c["day"], r"^[0-9]{1,2}$")
    empty_m, empty_d = numpy_of(pc.equal(c["month"], "")), numpy_of(pc.equal(c["day"], ""))
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    mm = np.clip(m, 0, 12)
    dim = _DIM[mm] + ((mm == 2) & leap)
    date_ok = (
        has_y
        & (y >= 1)
        & ((has_m & (m >= 1) & (m <= 12)) | (empty_m & empty_d))
        & ((has_d & (d >= 1) & (d <= dim)) | empty_d)
    )
    plain = {
        k: ~numpy_of(pc.match_substring_regex(c[k], _MARKUP))
        for k in ("displaydate", "headline", "text", "group")
    }
    simple = (
        ~meta_row
        & date_ok
        & numpy_of(pc.equal(c["time"], ""))
        & numpy_of(pc.equal(c["endyear"], ""))
        & plain["displaydate"]
        & plain["headline"]
        & numpy_of(pc.not_equal(c["headline"], ""))
        & plain["text"]
        & plain["group"]
        & numpy_of(pc.equal(c["media"], ""))
        & numpy_of(pc.equal(c["mediacredit"], ""))
        & numpy_of(pc.equal(c["mediacaption"], ""))
    )

    report(0.5, "Reading dates")
    precision = np.where(empty_m, 0, np.where(empty_d, 1, 2)).astype(np.uint8)
    one = np.ones(n, np.int64)
    ys = np.where(simple, y, 1)
    ms = np.where(simple & ~empty_m, m, 1)
    ds = np.where(simple & ~empty_d, d, 1)
    start = days_from_civil_np(ys, ms, ds) * DAY
    next_year = days_from_civil_np(ys + 1, one, one) * DAY
    month_days = np.where(simple, dim, 31)
    period_end = np.select(
        [precision == 0, precision == 1], [next_year, start + month_days * DAY], start + DAY
    ).astype(np.float64)
    start_text = _iso(ys, ms, ds, precision)

    report(0.6, "Reading rows")
    b = _Wanted(file, FORMAT, str)
    meta: dict[str, Any] = {"title": Path(file).name.split(".")[0] or "Timeline"}
    found: list[Cell] = []
    whole_rows: dict[int, dict[str, Any]] = {}
    for k in np.flatnonzero(~simple).tolist():
        cell = {key: c[key][k].as_py() for key in KEYS}
        before = len(b.events)
        try:
            _reference_row(b, meta, cell)
        except FieldError as exc:
            found.append(Cell(k, 0, exc.field, exc.message))
        except SlideError as exc:
            found.append(Cell(k, 0, "", exc.message))
        if len(b.events) > before:
            whole_rows[k] = b.events[-1]
    cols.raise_cells(found)

    report(0.7, "Making ids")
    titles = c["headline"]
    wanted = _wanted_ids(start_text, titles, simple)
    event_rows = np.flatnonzero(~meta_row)
    ids = _unique(wanted, whole_rows, event_rows)

    report(0.8, "Checking rows")
    header = Dataset.model_validate({**meta, **b.records()})
    whole, warnings = _whole_events(cols, whole_rows, header, meta_row)
    keep = pa.array(~meta_row)
    rows = event_rows
    m_ = len(rows)
    groups = pc.if_else(pc.equal(c["group"], ""), "event", c["group"])
    groups = patched(groups, {k: ev.kind for k, ev in whole.items()})
    kinds = pc.dictionary_encode(groups.filter(keep))
    prec = precision[rows]
    st, pe = start[rows], period_end[rows]
    en = st.copy()
    flags = np.zeros(m_, np.uint8)
    end_precision = np.full(m_, NO_PRECISION, np.uint8)
    n_quotes = np.zeros(m_, np.int32)
    basis = np.full(m_, NO_PRECISION, np.uint8)
    position = _positions(rows, n)
    complex_events: dict[int, Event] = {}
    title_col = titles.filter(keep)
    summary_col = c["text"].filter(keep)
    start_col = start_text.filter(keep)
    end_col = pa.repeat("", m_).cast(pa.string())
    when_col = c["displaydate"].filter(keep)
    texts: dict[str, dict[int, str]] = {"t": {}, "s": {}, "a": {}, "e": {}, "w": {}}
    forms: list[str] = []
    for k, ev in whole.items():
        j = int(position[k])
        complex_events[j] = ev
        st[j], en[j] = event_span(ev)
        pe[j] = precision_end(ev)
        flags[j] = when_flags(ev) | STATUS_FLAGS.get(ev.status, 0)
        prec[j] = PRECISIONS.index(ev.when.precision)
        if ev.when.end_precision is not None:
            end_precision[j] = PRECISIONS.index(ev.when.end_precision)
        n_quotes[j] = len(ev.quotes)
        texts["t"][j], texts["s"][j], texts["a"][j] = ev.title, ev.summary, ev.when.start
        texts["e"][j], texts["w"][j] = ev.when.end or "", ev.when.text or ""
    title_col, summary_col, start_col, end_col, when_col = (
        patched(col, texts[key])
        for col, key in zip(
            (title_col, summary_col, start_col, end_col, when_col), "tsaew", strict=True
        )
    )
    kind_idx = numpy_of(kinds.indices).astype(np.int32)
    kind_names = kinds.dictionary.to_pylist()
    large = pa.large_string()
    none = np.zeros(m_ + 1, np.int64)
    table = EventTable.from_columns(
        ids=ids.cast(large),
        titles=title_col.cast(large),
        summaries=summary_col.cast(large),
        start_text=start_col.cast(large),
        end_text=end_col.cast(large),
        when_text=when_col.cast(large),
        precision=prec,
        end_precision=end_precision,
        start=st,
        end=en,
        period_end=pe,
        flags=flags,
        status=np.zeros(m_, np.uint8),
        kind=kind_idx,
        kinds=kind_names,
        actor_off=none,
        actor_idx=np.zeros(0, np.int32),
        place_off=none,
        place_idx=np.zeros(0, np.int32),
        tag_off=none,
        tag_idx=np.zeros(0, np.int32),
        tags=[],
        cite_off=none,
        cite_idx=np.zeros(0, np.int32),
        n_quotes=n_quotes,
        complex=complex_events,
        basis_code=basis,
        basis_forms=forms,
    )
    lazy = LazyEvents(table, header)
    ds = header.model_copy(update={"events": lazy})
    lazy.header = ds
    report(0.9, "Done")
    return ColumnarLoaded(ds, warnings, file, FORMAT, table)


def _positions(rows: np.ndarray, n: int) -> np.ndarray:
    """Where each of ``n`` rows is among ``rows`` (-1: not there)."""
    out = np.full(n, -1, np.int64)
    out[rows] = np.arange(len(rows))
    return out


def _number(cells: pa.Array, pattern: str) -> tuple[np.ndarray, np.ndarray]:
    """Whole numbers of plain digits, and where a cell is one (0 elsewhere)."""
    ok = pc.match_substring_regex(cells, pattern)
    value = pc.cast(pc.if_else(ok, cells, "0"), pa.int64())
    return numpy_of(value), numpy_of(ok)


def _iso(y: np.ndarray, m: np.ndarray, d: np.ndarray, precision: np.ndarray) -> pa.Array:
    """The ISO text of year, month and day dates, as format_date writes them."""

    def padded(x: np.ndarray, width: int) -> pa.Array:
        return pc.utf8_lpad(pa.array(x).cast(pa.string()), width, "0")

    year, month, day = padded(y, 4), padded(m, 2), padded(d, 2)
    ym = pc.binary_join_element_wise(year, month, "-")
    ymd = pc.binary_join_element_wise(ym, day, "-")
    p = pa.array(precision)
    return pc.if_else(pc.equal(p, 0), year, pc.if_else(pc.equal(p, 1), ym, ymd))


def _wanted_ids(start_text: pa.Array, titles: pa.Array, simple: np.ndarray) -> pa.Array:
    """slug(f"{date} {title}", "event") of each row of the common shape (vectorised where the
    title is ASCII: NFKD leaves it as it is; others one at a time)."""
    text = pc.binary_join_element_wise(start_text, titles, " ")
    s = pc.replace_substring_regex(pc.ascii_lower(text), "[^a-z0-9]+", "-")
    s = pc.utf8_trim(s, "-")
    s = pc.utf8_trim(pc.utf8_slice_codeunits(s, 0, 60), "-")
    s = pc.if_else(pc.equal(s, ""), "event", s)
    ascii_ = numpy_of(pc.string_is_ascii(text))
    other = np.flatnonzero(simple & ~ascii_)
    if len(other):
        fixed = [slug(text[k].as_py(), "event") for k in other.tolist()]
        mask = np.zeros(len(text), bool)
        mask[other] = True
        s = pc.replace_with_mask(s, pa.array(mask), pa.array(fixed, pa.string()))
    return s


def _unique(
    wanted: pa.Array, whole_rows: dict[int, dict[str, Any]], event_rows: np.ndarray
) -> pa.Array:
    """builder.unique_id of each event's wanted id, in row order (the ids of rows read whole
    from their events); their quotes' ids follow their event's id."""
    if whole_rows:
        mask = np.zeros(len(wanted), bool)
        mask[list(whole_rows)] = True
        given = [whole_rows[k]["id"] for k in sorted(whole_rows)]
        wanted = pc.replace_with_mask(wanted, pa.array(mask), pa.array(given, pa.string()))
    ids = wanted.take(pa.array(event_rows))
    n = len(ids)
    if n and (len(pc.unique(ids)) != n or pc.max(pc.utf8_length(ids)).as_py() > 190):
        taken: set[str] = set()
        suffixes: dict[str, int] = {}
        ids = pa.array([unique_id(x, taken, suffixes) for x in ids.to_pylist()], pa.string())
    position = _positions(event_rows, len(wanted))
    for k, ev in whole_rows.items():
        ev["id"] = ids[int(position[k])].as_py()
        for q_no, q in enumerate(ev.get("quotes", []), 1):
            q["id"] = f"{ev['id']}-q{q_no}"
    return ids


def _reference_row(b: DatasetBuilder, meta: dict[str, Any], cell: dict[str, str]) -> None:
    """One row as :mod:`.sheets` reads it (a title, an era or an event added to ``b``)."""
    kind = cell["type"].lower()
    if kind == "title":
        meta["title"] = html_to_line(cell["headline"]) or meta["title"]
        meta["description"] = html_to_text(cell["text"])
        return
    start = row_date(cell.__getitem__, "")
    end = row_date(cell.__getitem__, "end") if cell["endyear"] else None
    if kind == "era":
        sheet_era(b, start, end, html_to_line(cell["headline"]))
        return
    add_event(
        b,
        start=start,
        end=end,
        display=html_to_line(cell["displaydate"]),
        headline=cell["headline"],
        text=cell["text"],
        media={
            "url": cell["media"],
            "credit": cell["mediacredit"],
            "caption": cell["mediacaption"],
        },
        group=cell["group"],
        unique_id="",
        path="row",
    )


def _whole_events(
    cols: CsvColumns, rows: dict[int, dict[str, Any]], header: Dataset, meta_row: np.ndarray
) -> tuple[dict[int, Event], list[Problem]]:
    """The rows read whole, validated and checked (messages at their rows)."""
    rest = sorted(rows)
    where_rows: dict[int, int] = {}

    def where(i: int) -> str:
        if not where_rows:
            where_rows.update((k, r) for k, (r, _l, _c) in cols.locate(rest).items())
        return f"row {where_rows[rest[i]]}"

    event_no = _positions(np.flatnonzero(~meta_row), len(meta_row))
    return whole_events(rows, header, where, cols.file, lambda i: int(event_no[rest[i]]))
