"""Open a dataset file of any supported format, recognised from its content."""

from __future__ import annotations

from pathlib import Path

from viewer.model.errors import LoadError

from .common import Loaded, decode_text, no_memory_error, read_limited
from .native import dataset_from_json, parse_json

FORMATS_TRIED = "the native timeline-dataset JSON"


def load(path: str | Path) -> Loaded:
    """Read ``path`` as whichever supported format its content is; raise LoadError if none."""
    file = str(path)
    with no_memory_error(file):
        return _load(path, file)


def _load(path: str | Path, file: str) -> Loaded:
    text = decode_text(read_limited(path), file)
    if not text.strip():
        raise LoadError.single(file, "the file is empty; expected a dataset")
    if text.lstrip().startswith(("{", "[")):
        obj = parse_json(text, file)
        return dataset_from_json(obj, text, file)
    is_json, value = _json_scalar(text, file)
    if is_json:  # "x", 1, null: JSON, but not a dataset
        return dataset_from_json(value, text, file)
    raise LoadError.single(
        file, f"is not a dataset this viewer reads; tried {FORMATS_TRIED} (expected a JSON object)"
    )


def _json_scalar(text: str, file: str) -> tuple[bool, object]:
    """(True, value) if the whole text is one JSON string, number, true, false or null."""
    if not text.lstrip().startswith(_SCALAR_STARTS):
        return False, None
    try:
        return True, parse_json(text, file)
    except LoadError:  # not JSON after all: fails at its first character that is not
        return False, None


_SCALAR_STARTS = ('"', "-", "t", "f", "n", *"0123456789")
