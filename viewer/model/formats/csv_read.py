"""Read a CSV event table of any supported kind, recognised from its header, column-wise.

Tried in order: this viewer's own CSV (id, start, precision, title ...), the TimelineJS Sheets
template (Year + Headline), ACLED (event_date + event_type); with column options given, a generic
table whose date, title, lane and text columns are named by the caller. Files of every size
take the same road: the cells as Arrow columns (:mod:`.csv_columns`), then the kind's reader.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from viewer.model.errors import LoadError

from .common import Loaded, Progress, blank, decode_text, read_limited
from .csv_columns import check_text, head_text, read_columns
from .csv_table import column_key, open_table
from .generic_csv import ColumnOptions

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
    options = ColumnOptions(date_col, title_col, lane_col, text_col)
    return read_csv_bytes(read_limited(path), file, options)


def read_csv_bytes(
    raw: bytes, file: str, options: ColumnOptions | None = None, report: Progress | None = None
) -> Loaded:
    """Read the bytes of a CSV file as the table kind its header says."""
    progress = report or (lambda _f, _m: None)
    check_text(raw, file)
    head = head_text(raw)
    if blank(head) and blank(decode_text(raw, file)):
        raise LoadError.single(file, "the file is empty; expected a header row and event rows")
    table = open_table(head, file)
    with gc_paused():
        if options is not None and options.given():
            from .generic_arrow import read_generic_columns
            from .generic_csv import generic_columns

            roles = generic_columns(table, options)
            keys = [column_key(table.header[j]) for j in roles.values() if j is not None]
            progress(0.1, "Reading the table")
            cols = read_columns(raw, file, table, keys)
            return read_generic_columns(cols, roles, progress)
        from .acled import looks_like_acled
        from .events_csv import looks_like_events_csv
        from .sheets import looks_like_sheet

        if looks_like_events_csv(table):
            from .events_table import read_events_columns

            progress(0.1, "Reading the table")
            return read_events_columns(read_columns(raw, file, table), progress)
        if looks_like_sheet(table):
            from .sheet_table import read_sheet_columns

            progress(0.1, "Reading the table")
            return read_sheet_columns(read_columns(raw, file, table), progress)
        if looks_like_acled(table):
            from .acled import ACLED_COLUMNS
            from .acled_arrow import read_acled_columns

            progress(0.1, "Reading the table")
            return read_acled_columns(read_columns(raw, file, table, ACLED_COLUMNS), progress)
    shown = ", ".join(repr(h) for h in table.header[:12])
    more = " ..." if len(table.header) > 12 else ""
    raise LoadError.single(
        table.file,
        f"the header ({shown}{more}) is not one this viewer knows; tried {CSV_FORMATS_TRIED}",
        line=1,
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a table's records are built.

    A million-row table makes millions of small objects that hold no cycles; the collector's
    passes over them would double the reading time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
