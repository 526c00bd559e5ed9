"""Read any CSV table whose date, title, lane and text columns the caller names.

The date column is required; its cells are partial ISO dates ('2020', '2020-11', '2020-11-25',
'2020-11-25T10:00' read as UTC) or '25 November 2020'; 'A/B' is an interval. Without a title
column the row number is the title; the lane column gives ``kind``; the text column ``summary``.
Tables are read column-wise by :mod:`.generic_arrow`; :func:`cell_when` is the reference
reading of one date cell, used there for cells of other forms than ISO years, months and days.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from viewer.model.dates import DateError, PartialDate, format_date
from viewer.model.errors import LoadError

from .cell_dates import parse_cell_date
from .csv_table import Table, column_key

FORMAT = "csv"


@dataclass(frozen=True)
class ColumnOptions:
    date_col: str | None = None
    title_col: str | None = None
    lane_col: str | None = None
    text_col: str | None = None

    def given(self) -> bool:
        return any((self.date_col, self.title_col, self.lane_col, self.text_col))


def generic_columns(table: Table, options: ColumnOptions) -> dict[str, int | None]:
    """The column of each role (date, title, lane, text) the options name; LoadError if the
    date column is not named or a named column is not in the header."""
    if not options.date_col:
        raise LoadError.single(
            table.file,
            "a generic table needs its date column named; expected --date-col NAME "
            f"(the columns are {', '.join(repr(h) for h in table.header[:20])})",
        )
    cols: dict[str, int | None] = {}
    for role, name in (
        ("date", options.date_col),
        ("title", options.title_col),
        ("lane", options.lane_col),
        ("text", options.text_col),
    ):
        if name is None:
            cols[role] = None
            continue
        i = table.col(column_key(name))
        if i is None:
            raise LoadError.single(
                table.file,
                f"no column {name!r} for the {role}; expected one of "
                + ", ".join(repr(h) for h in table.header[:40]),
                line=1,
            )
        cols[role] = i
    return cols


def cell_when(text: str) -> dict[str, Any]:
    if not text:
        raise DateError("the date is empty; expected a date such as 2020-11-25")
    parts = text.split("/", 1) if "/" in text and text.count("/") != 2 else [text]
    start, utc = parse_cell_date(parts[0])
    end: PartialDate | None = None
    if len(parts) == 2:
        end, utc2 = parse_cell_date(parts[1])
        utc = utc or utc2
    when: dict[str, Any] = {"start": format_date(start), "precision": start.precision}
    if end is not None:
        when.update(end=format_date(end), end_precision=end.precision)
    if utc:
        when["basis"] = "the table gives no time zone; read as UTC"
    return when
