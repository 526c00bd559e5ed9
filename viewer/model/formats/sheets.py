"""Read the TimelineJS Google Sheets template exported as CSV.

Columns are found by header text in any order (Year, Month, Day, Time, End Year, End Month,
End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
Thumbnail, Alt Text, Type, Group, Background). A row of Type "title" gives the dataset's title
and description, "era" an era; every other row is an event, mapped as a TimelineJS slide.
"""

from __future__ import annotations

from typing import Any

from viewer.model.dates import PartialDate, format_date

from .builder import DatasetBuilder
from .csv_table import Table
from .tl_dates import FieldError, date_from_fields, parse_time

FORMAT = "timelinejs-sheet"
_DATE_COLUMNS = {"year": "year", "month": "month", "day": "day"}


def looks_like_sheet(table: Table) -> bool:
    return table.has("year", "headline")


def row_date(cell: Any, prefix: str) -> PartialDate:
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


def sheet_era(b: DatasetBuilder, start: PartialDate, end: PartialDate | None, title: str) -> None:
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
