"""The one loader: open a dataset file of any supported format, recognised from its content
(not its name or size), for the window and for every command.

Parquet (the ``PAR1`` magic, checked before anything is decoded): a dataset written by the
viewer, or a table with id, title and start columns. JSON: the native format (``"format":
"timeline-dataset"``) or TimelineJS (an ``events`` list of slides with ``start_date``). A GDELT
event export (tab-separated, 57, 58 or 61 fields, or a zip holding one) is read column-wise by
:mod:`.gdelt`; gzip, Excel workbooks and zips without an export are refused by :mod:`.packed`.
Anything else is read as CSV: the viewer's own CSV, the TimelineJS Sheets template, ACLED, or -
when column options are given - a generic table, every kind column-wise from the file's bytes
(:mod:`.csv_read`), whatever its size. The format is decided first, for files of every size.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.model.errors import LoadError

from . import common
from .columns import ColumnarLoaded, tabled
from .common import Loaded, Progress, blank, decode_text, no_memory_error, read_limited
from .native import dataset_from_json, parse_json
from .timelinejs import looks_like_timelinejs, read_timelinejs

if TYPE_CHECKING:  # the CSV readers are imported when a file is read as CSV
    from .generic_csv import ColumnOptions

JSON_FORMATS_TRIED = (
    'the native timeline-dataset JSON ("format": "timeline-dataset"), TimelineJS JSON '
    '(an "events" list of slides with "start_date")'
)
# a native file says so in its header, which the viewer (and most writers) put first
_NATIVE_HEAD = re.compile(rb'"format"[ \t\r\n]*:[ \t\r\n]*"timeline-dataset"')
_HEAD_BYTES = 64 * 1024


def __getattr__(name: str) -> str:
    if name == "FORMATS_TRIED":
        from .csv_read import CSV_FORMATS_TRIED

        return f"{JSON_FORMATS_TRIED}, and as CSV {CSV_FORMATS_TRIED}"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(
    path: str | Path, columns: ColumnOptions | None = None, progress: Progress | None = None
) -> ColumnarLoaded:
    """Read ``path`` as whichever supported format its content is; raise LoadError if none.
    Every format gives the same thing: the dataset's parts and its EventTable (``columns``),
    with events made when asked for.

    ``columns`` name the columns of a generic CSV table (used only for CSV input);
    ``progress(share, what)`` is called now and then while a big file is read (it may raise
    :class:`~viewer.model.formats.columns.Cancelled` to stop the load).
    """
    file = str(path)
    report = progress or (lambda _f, _m: None)
    with no_memory_error(file):
        report(0.0, "Reading")
        if common.starts_with(path, b"PAR1"):  # Parquet: column-wise, not read whole first
            from .parquet import read_parquet

            return read_parquet(file, report)
        return tabled(_load(read_limited(path), file, columns, report))


def _load(raw: bytes, file: str, columns: ColumnOptions | None, report: Progress) -> Loaded:
    big = len(raw) >= common.FAST_MIN_BYTES
    if big and _NATIVE_HEAD.search(raw, 0, _HEAD_BYTES):
        from .columnar import load_columnar

        fast = load_columnar(file, report, raw)
        if fast is not None:
            return fast  # else not a native file after all: recognised as any other
    if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        from .packed import read_packed  # (the table readers load when a file is a table)

        packed = read_packed(raw, file, report)  # GDELT exports (or zipped), gzip, xlsx
        if packed is not None:
            return packed
        if not _maybe_json_scalar(raw):  # a table, read from its bytes (never decoded whole)
            from .csv_columns import head_text
            from .csv_read import read_csv_bytes

            if blank(head_text(raw)) and blank(decode_text(raw, file)):
                raise LoadError.single(file, "the file is empty; expected a dataset")
            return read_csv_bytes(raw, file, columns, report)
    text = decode_text(raw, file)
    if blank(text):
        raise LoadError.single(file, "the file is empty; expected a dataset")
    if text.lstrip().startswith(("{", "[")):
        obj = parse_json(text, file)
        if looks_like_timelinejs(obj):
            return read_timelinejs(obj, file)
        if isinstance(obj, dict) and "format" not in obj and not _native_like(obj):
            raise LoadError.single(
                file,
                f"is not a dataset this viewer reads; tried {JSON_FORMATS_TRIED}; "
                'expected a "format" or an "events" list',
                line=1,
                col=1,
            )
        return dataset_from_json(obj, text, file)
    is_json, value = _json_scalar(text, file)
    if is_json:  # "x", 1, null: JSON, but not a dataset
        return dataset_from_json(value, text, file)
    del text
    from .csv_read import read_csv_bytes  # (the CSV readers load when a file is read as CSV)

    return read_csv_bytes(raw, file, columns, report)


def _maybe_json_scalar(raw: bytes) -> bool:
    """Whether a file may be one JSON string, number, true, false or null (judged from its
    first lines: a table fails to parse as JSON within them)."""
    from .csv_columns import head_text

    head = head_text(raw)
    if not head.lstrip().startswith(_SCALAR_STARTS):
        return False
    try:
        json.loads(head)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(head) - 1  # (the head may end inside a long one)
    except RecursionError:
        return True
    return True


def _json_scalar(text: str, file: str) -> tuple[bool, object]:
    """(True, value) if the whole text is one JSON string, number, true, false or null."""
    if not text.lstrip().startswith(_SCALAR_STARTS):
        return False, None
    try:
        return True, parse_json(text, file)
    except LoadError:  # not JSON after all: fails at its first character that is not
        return False, None


_SCALAR_STARTS = ('"', "-", "t", "f", "n", *"0123456789")


def _native_like(obj: dict) -> bool:
    """A native dataset missing its header (the native checks then say what is missing)."""
    events = obj.get("events")
    if "version" in obj:
        return True
    return isinstance(events, list) and any(isinstance(e, dict) and "when" in e for e in events[:5])
