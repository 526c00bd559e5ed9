"""Read the TimelineJS Google Sheets template exported as CSV.

Columns are found by header text in any order (Year, Month, Day, Time, End Year, End Month,
End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
Thumbnail, Alt Text, Type, Group, Background). A row of Type "title" gives the dataset's title
and description, "era" an era; every other row is an event, mapped as a TimelineJS slide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from viewer.model.dates import PartialDate, format_date
from viewer.model.errors import LoadError

from .builder import DatasetBuilder
from .common import Loaded
from .csv_table import Table
from .html_text import html_to_line, html_to_text
from .timelinejs import SlideError, add_event
from .tl_dates import FieldError, date_from_fields, parse_time

FORMAT = "timelinejs-sheet"
_DATE_COLUMNS = {"year": "year", "month": "month", "day": "day"}


def looks_like_sheet(table: Table) -> bool:
    return table.has("year", "headline")


def read_sheet(table: Table) -> Loaded:
    rows: list[int] = []
    b = DatasetBuilder(table.file, FORMAT, lambda i: f"row {rows[i]}")
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
            start = _date(cell, "")
            end = _date(cell, "end") if cell("endyear") else None
            if kind == "era":
                _era(b, start, end, html_to_line(cell("headline")))
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


def _date(cell: Any, prefix: str) -> PartialDate:
    fields: dict[str, Any] = {}
    for key in _DATE_COLUMNS:
        fields[key] = cell(prefix + key)
    time = cell(prefix + "time")
    try:
        if time:
            fields["hour"], fields["minute"], fields["second"] = parse_time(time)
        return date_from_fields(fields)
    except FieldError as exc:
        column = "time" if exc.field in ("hour", "minute", "second") else exc.field
        raise FieldError(prefix + column, exc.message) from None


def _era(b: DatasetBuilder, start: PartialDate, end: PartialDate | None, title: str) -> None:
    if end is None:
        raise FieldError("endyear", "an era needs its end; expected an End Year")
    n = len(b.eras) + 1
    b.eras.append(
        {
            "id": f"era-{n}",
            "title": title or f"Era {n}",
            "start": format_date(start),
            "end": format_date(end),
        }
    )
