"""Open a dataset file of any supported format, recognised from its content."""

from __future__ import annotations

from pathlib import Path

from viewer.model.errors import LoadError

from .common import Loaded, decode_text, read_limited
from .native import dataset_from_json, parse_json

FORMATS_TRIED = "the native timeline-dataset JSON"


def load(path: str | Path) -> Loaded:
    """Read ``path`` as whichever supported format its content is; raise LoadError if none."""
    file = str(path)
    text = decode_text(read_limited(path), file)
    if not text.strip():
        raise LoadError.single(file, "the file is empty; expected a dataset")
    if text.lstrip().startswith(("{", "[")):
        obj = parse_json(text, file)
        return dataset_from_json(obj, text, file)
    raise LoadError.single(
        file, f"is not a dataset this viewer reads; tried {FORMATS_TRIED} (expected a JSON object)"
    )
