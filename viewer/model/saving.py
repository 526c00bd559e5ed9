"""Save a document in the native format through the one writer, notice a file changed on disk
since it was opened or saved, and keep a recovery copy of unsaved edits.

The recovery copy is a native dataset (``recovery.json``) beside a small note of where it came
from (``recovery-note.json``) in the settings folder; the next start offers to restore it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from viewer.model.document import Document
from viewer.model.formats.columns import ColumnarLoaded
from viewer.model.formats.native import dataset_to_json
from viewer.model.output import write_output

RECOVERY = "recovery.json"
RECOVERY_NOTE = "recovery-note.json"
NATIVE_SUFFIX = ".json"

Stamp = tuple[int, int]  # (mtime_ns, size) of a file


def stamp(path: str | Path) -> Stamp | None:
    """What tells a file changed: its modification time and size (None if it is not there)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def opened(doc: Document) -> Document:
    """Note the state of ``doc``'s file as it was opened."""
    doc.stamp = stamp(doc.path) if doc.path else None
    return doc


def needs_name(doc: Document) -> bool:
    """Save must ask where: a new document, or one opened from another format (TimelineJS,
    CSV, Parquet) - it is saved as a native file, never over its input."""
    return not doc.path or doc.format != "native"


def changed_on_disk(doc: Document) -> bool:
    """Whether the file was changed (or removed) by someone else since it was opened or saved."""
    if not doc.path or doc.stamp is None:
        return False
    return stamp(doc.path) != doc.stamp


def native_name(path: str) -> str:
    """The suggested name of a native copy of ``path`` (``x.csv`` -> ``x.json``)."""
    p = Path(path)
    return str(p.with_suffix(NATIVE_SUFFIX)) if p.suffix.lower() != NATIVE_SUFFIX else str(p)


def save(doc: Document, path: str | Path) -> None:
    """Write ``doc`` as native JSON to ``path`` (atomically); it is then the document's file.
    Raises :class:`~viewer.model.output.OutputError` with the reason if it cannot be written."""
    write_output(path, dataset_to_json(doc.dataset))
    doc.path = str(path)
    doc.format = "native"
    doc.saved_revision = doc.revision
    doc.stamp = stamp(path)


# --- recovery ---------------------------------------------------------------------------------
@dataclass
class Recovery:
    """A recovery copy found at start: the dataset and the file it was an edit of."""

    path: Path
    original: str
    format: str
    written: str


def write_recovery(doc: Document, folder: str | Path) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / RECOVERY
    write_output(target, dataset_to_json(doc.dataset))
    note = {"original": doc.path, "format": doc.format, "written": datetime.now(UTC).isoformat()}
    write_output(folder / RECOVERY_NOTE, json.dumps(note) + "\n")
    return target


def find_recovery(folder: str | Path) -> Recovery | None:
    folder = Path(folder)
    target = folder / RECOVERY
    if not target.is_file():
        return None
    try:
        note = json.loads((folder / RECOVERY_NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = {}
    if not isinstance(note, dict):
        note = {}
    return Recovery(
        target,
        str(note.get("original") or ""),
        str(note.get("format") or "native"),
        str(note.get("written") or ""),
    )


def clear_recovery(folder: str | Path) -> None:
    for name in (RECOVERY, RECOVERY_NOTE):
        (Path(folder) / name).unlink(missing_ok=True)


def restored(recovery: Recovery, loaded: ColumnarLoaded) -> Document:
    """The document of a loaded recovery copy: it belongs to its original file (unsaved)."""
    doc = Document.from_loaded(loaded)
    doc.path = recovery.original
    doc.format = recovery.format
    doc.stamp = None
    doc.revision = 1  # unsaved
    return doc
