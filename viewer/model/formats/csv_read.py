"""Read a CSV event table of any supported kind, recognised from its header.

Tried in order: this viewer's own CSV (id, start, precision, title ...), the TimelineJS Sheets
template (Year + Headline), ACLED (event_date + event_type); with column options given, a generic
table whose date, title, lane and text columns are named by the caller.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from viewer.model.errors import LoadError

from .acled import looks_like_acled, read_acled
from .common import Loaded, blank, decode_text, read_limited
from .csv_table import Table, open_table
from .events_csv import looks_like_events_csv, read_events_csv
from .generic_csv import ColumnOptions, read_generic
from .sheets import looks_like_sheet, read_sheet

CSV_FORMATS_TRIED = (
    "the viewer's own CSV (columns id, start, precision, title), the TimelineJS Sheets template "
    "(columns Year and Headline), ACLED (columns event_date and event_type), a generic table "
    "(name its columns with --date-col/--title-col/--lane-col/--text-col)"
)


def read_csv(
    path: str | Path,
    date_col: str | None = None,
    title_col: str | None = None,
    lane_col: str | None = None,
    text_col: str | None = None,
) -> Loaded:
    """Read a CSV file; with any column option it is read as a generic table."""
    file = str(path)
    text = decode_text(read_limited(path), file)
    return read_csv_text(text, file, ColumnOptions(date_col, title_col, lane_col, text_col))


def read_csv_text(text: str, file: str, options: ColumnOptions | None = None) -> Loaded:
    if blank(text):
        raise LoadError.single(file, "the file is empty; expected a header row and event rows")
    table = open_table(text, file)
    with gc_paused():
        if options is not None and options.given():
            return read_generic(table, options)
        return read_table(table)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a table's records are built.

    A million-row table makes millions of small dicts and models that hold no cycles; the
    collector's passes over them would double the reading time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_table(table: Table) -> Loaded:
    if looks_like_events_csv(table):
        return read_events_csv(table)
    if looks_like_sheet(table):
        return read_sheet(table)
    if looks_like_acled(table):
        return read_acled(table)
    shown = ", ".join(repr(h) for h in table.header[:12])
    more = " ..." if len(table.header) > 12 else ""
    raise LoadError.single(
        table.file,
        f"the header ({shown}{more}) is not one this viewer knows; tried {CSV_FORMATS_TRIED}",
        line=1,
    )
