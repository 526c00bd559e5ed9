"""Brute-force references the model is checked against: the search and the index computed
event by event from validated Event objects (the model computes them from the event table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from viewer.model.dataset import Dataset, Event
from viewer.model.dates import DateError
from viewer.model.errors import LoadError
from viewer.model.formats.acled import ACLED_COLUMNS, acled_event
from viewer.model.formats.acled import FORMAT as ACLED_FORMAT
from viewer.model.formats.builder import DatasetBuilder
from viewer.model.formats.common import Loaded
from viewer.model.formats.csv_cells import restore
from viewer.model.formats.csv_table import CellError, Table
from viewer.model.formats.events_csv import DATE_KEYS, FORMAT, KEYS, row_event
from viewer.model.formats.generic_csv import FORMAT as GENERIC_FORMAT
from viewer.model.formats.generic_csv import ColumnOptions, cell_when, generic_columns
from viewer.model.formats.html_text import html_to_line, html_to_text
from viewer.model.formats.sheets import FORMAT as SHEET_FORMAT
from viewer.model.formats.sheets import row_date, sheet_era
from viewer.model.formats.timelinejs import SlideError, add_event
from viewer.model.formats.tl_dates import FieldError
from viewer.model.index import STATUS_FLAGS, EventIndex, when_flags
from viewer.model.listing import event_span, precision_end
from viewer.model.search import event_text, fold, names_of


class SearchIndex:
    """Folded search text per event, from the Event objects."""

    def __init__(self, ds: Dataset) -> None:
        names = names_of(ds)
        self.texts = [fold(event_text(ev, names)) for ev in ds.events]

    def matches(self, query: str) -> np.ndarray:
        words = fold(query).split()
        if not words:
            return np.ones(len(self.texts), bool)
        return np.fromiter(
            (all(w in t for w in words) for t in self.texts), bool, count=len(self.texts)
        )


def lane_names(ds: Dataset, ev: Event, mode: str = "kind") -> list[str]:
    """The lanes an event belongs to in a lane mode; an event with several actors is in each."""
    if mode == "kind":
        return [ev.kind]
    if mode == "status":
        return [ev.status]
    if mode == "actor":
        return [ds.actor(a).name for a in ev.actors] or ["(no actor)"]
    if mode == "place":
        return [ds.place(p).name for p in ev.places] or ["(no place)"]
    if mode == "tag":
        return ev.tags[:1] or ["(no tag)"]
    raise ValueError(f"unknown lane mode {mode!r}")


def index_of_events(ds: Dataset, mode: str = "kind") -> EventIndex:
    """The index of a lane mode built event by event: lanes ordered by their earliest event,
    placeholders like '(no actor)' last, ties by name."""
    n = len(ds.events)
    starts, ends, pends = np.empty(n), np.empty(n), np.empty(n)
    flags = np.zeros(n, np.uint8)
    ev_lanes: list[list[str]] = []
    for i, ev in enumerate(ds.events):
        starts[i], ends[i] = event_span(ev)
        pends[i] = precision_end(ev)
        flags[i] = STATUS_FLAGS.get(ev.status, 0) | when_flags(ev)
        ev_lanes.append(lane_names(ds, ev, mode))
    first: dict[str, tuple[float, int]] = {}
    for i, names in enumerate(ev_lanes):
        for name in names:
            key = (float(starts[i]), i)
            if name not in first or key < first[name]:
                first[name] = key
    lanes = sorted(
        {name for names in ev_lanes for name in names},
        key=lambda name: (name.startswith("("), first[name], name),
    )
    code = {name: k for k, name in enumerate(lanes)}
    ev_rows = np.array([i for i, names in enumerate(ev_lanes) for _ in names], np.int64)
    lane_codes = np.array([code[name] for names in ev_lanes for name in names], np.int32)
    titles = [e.title for e in ds.events]
    return EventIndex.from_columns(
        starts, ends, pends, flags, lanes, lane_codes, ev_rows, titles, mode
    )


def read_events_csv(table: Table) -> Loaded:
    """Our own CSV read row by row (the reader before the column-wise one)."""
    rows: list[int] = []
    b = DatasetBuilder(table.file, FORMAT, lambda i: f"row {rows[i]}")
    col = {k: table.col(k) for k in KEYS}
    for row, line, cells in table.rows():
        v = {k: (cells[i] if i is not None else "") for k, i in col.items()}
        for k in v:
            if k not in DATE_KEYS:
                v[k] = restore(v[k])
        try:
            b.events.append(row_event(b, v))
        except CellError as exc:
            raise LoadError([table.problem(row, line, exc.column, exc.message)]) from None
        rows.append(row)
    return b.finish({"title": Path(table.file).name.split(".")[0] or "Events"})


def read_sheet(table: Table) -> Loaded:
    """The TimelineJS sheet read row by row (the reader before the column-wise one)."""
    rows: list[int] = []
    b = DatasetBuilder(table.file, SHEET_FORMAT, lambda i: f"row {rows[i]}")
    meta: dict[str, Any] = {"title": Path(table.file).name.split(".")[0] or "Timeline"}
    for row, line, cells in table.rows():

        def cell(key: str, cells: list[str] = cells) -> str:
            i = table.col(key)
            return cells[i].strip() if i is not None else ""

        kind = cell("type").lower()
        try:
            if kind == "title":
                meta["title"] = html_to_line(cell("headline")) or meta["title"]
                meta["description"] = html_to_text(cell("text"))
                continue
            start = row_date(cell, "")
            end = row_date(cell, "end") if cell("endyear") else None
            if kind == "era":
                sheet_era(b, start, end, html_to_line(cell("headline")))
                continue
            rows.append(row)
            add_event(
                b,
                start=start,
                end=end,
                display=html_to_line(cell("displaydate")),
                headline=cell("headline"),
                text=cell("text"),
                media={
                    "url": cell("media"),
                    "credit": cell("mediacredit"),
                    "caption": cell("mediacaption"),
                },
                group=cell("group"),
                unique_id="",
                path=f"row {row}",
            )
        except FieldError as exc:
            raise LoadError([table.problem(row, line, exc.field, exc.message)]) from None
        except SlideError as exc:
            raise LoadError([table.problem(row, line, "", exc.message)]) from None
    return b.finish(meta)


def read_acled(table: Table) -> Loaded:
    """An ACLED table read row by row (the reader before the column-wise one)."""
    rows: list[int] = []
    b = DatasetBuilder(table.file, ACLED_FORMAT, lambda i: f"row {rows[i]}")
    col = {k: table.col(k) for k in ACLED_COLUMNS}
    for row, line, cells in table.rows():
        v = {k: (cells[i].strip() if i is not None else "") for k, i in col.items()}
        try:
            event = acled_event(b, v)
        except CellError as exc:
            raise LoadError([table.problem(row, line, exc.column, exc.message)]) from None
        rows.append(row)
        b.events.append(event)
    stem = table.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    return b.finish({"title": stem or "ACLED events", "credit": "ACLED-style event table"})


def read_generic(table: Table, options: ColumnOptions) -> Loaded:
    """A generic table read row by row (the reader before the column-wise one)."""
    cols = generic_columns(table, options)
    rows: list[int] = []
    b = DatasetBuilder(table.file, GENERIC_FORMAT, lambda i: f"row {rows[i]}")
    date_name = table.header[cols["date"]]  # type: ignore[index]
    for row, line, cells in table.rows():

        def get(role: str, cells: list[str] = cells) -> str:
            i = cols[role]
            return cells[i].strip() if i is not None else ""

        try:
            when = cell_when(get("date"))
        except DateError as exc:
            raise LoadError([table.problem(row, line, date_name, str(exc))]) from None
        rows.append(row)
        b.events.append(
            {
                "id": b.event_id(f"row-{row}"),
                "title": get("title") or f"Row {row}",
                "summary": get("text"),
                "when": when,
                "kind": get("lane") or "event",
            }
        )
    return b.finish({"title": Path(table.file).name.split(".")[0] or "Events"})
