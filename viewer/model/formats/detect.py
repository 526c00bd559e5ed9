"""Open a dataset file of any supported format, recognised from its content (not its name).

JSON: the native format (``"format": "timeline-dataset"``) or TimelineJS (an ``events`` list of
slides with ``start_date``). Anything else is read as CSV: the viewer's own CSV, the TimelineJS
Sheets template, ACLED, or - when column options are given - a generic table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from viewer.model.errors import LoadError

from .common import Loaded, blank, decode_text, no_memory_error, read_limited
from .native import dataset_from_json, parse_json
from .timelinejs import looks_like_timelinejs, read_timelinejs

if TYPE_CHECKING:  # the CSV readers are imported when a file is read as CSV
    from .generic_csv import ColumnOptions

JSON_FORMATS_TRIED = (
    'the native timeline-dataset JSON ("format": "timeline-dataset"), TimelineJS JSON '
    '(an "events" list of slides with "start_date")'
)


def __getattr__(name: str) -> str:
    if name == "FORMATS_TRIED":
        from .csv_read import CSV_FORMATS_TRIED

        return f"{JSON_FORMATS_TRIED}, and as CSV {CSV_FORMATS_TRIED}"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(path: str | Path, columns: ColumnOptions | None = None) -> Loaded:
    """Read ``path`` as whichever supported format its content is; raise LoadError if none.

    ``columns`` name the columns of a generic CSV table (used only for CSV input).
    """
    file = str(path)
    with no_memory_error(file):
        return _load(path, file, columns)


def _load(path: str | Path, file: str, columns: ColumnOptions | None) -> Loaded:
    text = decode_text(read_limited(path), file)
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
    from .csv_read import read_csv_text

    return read_csv_text(text, file, columns)


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
