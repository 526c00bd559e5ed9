"""The cache of big files' loads: the event table as an Arrow IPC file (memory-mapped when read:
nothing is copied until a column is touched) and each lane mode's index as .npy arrays.

The cache lives under $TIMELINE_VIEWER_CACHE, else $XDG_CACHE_HOME/timeline-viewer, else
~/.cache/timeline-viewer, never next to the dataset; an entry is keyed by the file's absolute
path, size, mtime and a hash of its first and last 64 KiB, so a changed file misses it. Entries
are written by the one writer (:mod:`viewer.model.output`): complete, then renamed into place.

Each entry has a manifest (``KEY.json``: the source file, when the entry was last used, and
the size, time of change and CRC-32s - a piece of 64 MiB at a time - of every file of the
entry). An entry is used only when its files match the manifest (checked in two threads before
anything is mapped; entries above FULL_CRC_MAX_BYTES by their sizes, times and first and last
MiB) and every offset and dictionary index of its Arrow table lies within its buffer
(:mod:`viewer.model.cache_bounds`: garbage offsets in a memory-mapped Arrow file could crash
the process); a damaged or incomplete entry is removed and the file loaded again. The
events the columns do not hold are validated when first asked for, not on opening. The
folder is bounded: after each write the least recently used entries go until it holds at
most $TIMELINE_VIEWER_CACHE_MAX_BYTES (default 2 GiB).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.ipc as ipc

from viewer.model.cache_bounds import check_bounds
from viewer.model.cache_folder import (
    CACHE_VERSION,
    evict,
    intact,
    list_entries,
    read_manifest,
    remove_entry,
    touch,
    write_manifest,
)
from viewer.model.dataset import Dataset
from viewer.model.errors import Problem
from viewer.model.formats.columns import ColumnarLoaded, LazyComplex, LazyEvents
from viewer.model.index import EventIndex
from viewer.model.output import open_output, replace_folder
from viewer.model.table import EventTable

CACHE_ENV = "TIMELINE_VIEWER_CACHE"
# entries up to this size are checked whole on every use (about 0.1-0.2 s); a bigger entry's
# size, time of change and first and last MiB are checked, and the bounds of its Arrow
# table's offsets: a whole CRC of a 1e7-event entry (1.8 GB) costs about 2 s
FULL_CRC_MAX_BYTES = 512 * 1024 * 1024
STALE_PART_S = 3600.0  # a half-written entry older than this is left over, not in progress
META_KEY = b"timeline-viewer"
COMPLEX_KEY = b"timeline-viewer-complex"  # the events the columns do not hold, as JSON
INDEX_ARRAYS = ("offsets", "start", "end", "period_end", "cummax_end", "event", "flags", "row")
INDEX_ARRAYS += ("lane_rows", "event_start", "event_end", "chrono")
INDEX_ARRAYS += ("row_entries", "row_start", "row_end", "row_bounds")


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENV)
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "timeline-viewer"


def cache_key(path: str | Path) -> str:
    p = Path(path).resolve()
    st = p.stat()
    h = hashlib.sha256(f"{CACHE_VERSION}|{p}|{st.st_size}|{st.st_mtime_ns}|".encode())
    with open(p, "rb") as fh:
        h.update(fh.read(65536))
        if st.st_size > 65536:
            fh.seek(max(65536, st.st_size - 65536))
            h.update(fh.read(65536))
    return h.hexdigest()[:32]


def write_cache(
    key: str, loaded: ColumnarLoaded, index: EventIndex, root: Path | None = None
) -> None:
    """The cache of a load and its index under ``root`` (default: :func:`cache_dir`); then
    the least recently used entries go while the folder is above its limit."""
    table = loaded.columns
    assert table is not None
    root = cache_dir() if root is None else root
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(root)
    ds = loaded.dataset
    complex_evs = [table.complex[i] for i in sorted(table.complex)]
    meta: dict[str, Any] = {
        "format": loaded.format,
        "header": ds.model_copy(update={"events": []}).model_dump(mode="json"),
        "complex_rows": sorted(table.complex),
        "complex_ends": [],
        "warnings": [
            [p.message, p.path, p.line, p.col, p.file, p.severity] for p in loaded.warnings
        ],
        "basis_forms": table.basis_forms,
        "source": str(Path(loaded.path).resolve()) if loaded.path else "",
    }
    # each event's JSON one after the other, found by its end: one is parsed when asked for
    pieces = [orjson.dumps(ev.model_dump(mode="json", exclude_none=True)) for ev in complex_evs]
    meta["complex_ends"] = np.cumsum([len(b) for b in pieces], dtype=np.int64).tolist()
    complex_json = b"".join(pieces)
    arrow = table.table.replace_schema_metadata(
        {META_KEY: orjson.dumps(meta), COMPLEX_KEY: complex_json}
    )
    remove_entry(root, key)  # (the manifest first: a half-replaced entry is never used)
    with open_output(root / f"{key}.arrow", "wb") as fh, ipc.new_file(fh, arrow.schema) as writer:
        writer.write_table(arrow)
    _write_index(key, index, root)
    source = meta["source"]
    write_manifest(root, key, {"source": source, "events": table.n, "format": loaded.format})
    for other in list_entries(root):  # the same file before it changed: stale
        if other.key != key and other.source == source:
            remove_entry(root, other.key)
    evict(root, keep=key)


def read_cache(key: str, file: str, mode: str) -> tuple[ColumnarLoaded, EventIndex] | None:
    """The cached load of ``key`` and its index of ``mode``, or None (none, or damaged)."""
    root = cache_dir()
    path = root / f"{key}.arrow"
    if not path.is_file():
        return None
    manifest = read_manifest(root, key)
    full = manifest is not None and sum(manifest["sizes"].values()) <= FULL_CRC_MAX_BYTES
    if manifest is None or not intact(root, manifest, f"{key}.arrow", full):
        remove_entry(root, key)
        return None  # damaged, incomplete or of an older version: the file is loaded again
    touch(root, key, manifest)
    try:
        arrow = ipc.open_file(pa.memory_map(str(path))).read_all()
        # every offset and dictionary index within its buffer: nothing read later can crash
        check_bounds(arrow)
        schema_meta = arrow.schema.metadata
        meta = orjson.loads(schema_meta[META_KEY])
        complex_events = LazyComplex(
            meta["complex_rows"], meta["complex_ends"], schema_meta[COMPLEX_KEY]
        )
        table = EventTable(arrow.replace_schema_metadata(None), complex_events, meta["basis_forms"])
        header = Dataset.model_validate(meta["header"])
        lazy = LazyEvents(table, header)
        ds = header.model_copy(update={"events": lazy})
        lazy.header = ds
        warnings = [Problem(*w) for w in meta["warnings"]]
        loaded = ColumnarLoaded(ds, warnings, file, meta.get("format", "native"), table)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        remove_entry(root, key)
        return None  # a damaged or old entry: load the file again
    folder = f"{key}-{mode}"
    index = None
    names = [name for name in manifest["crc"] if name.startswith(folder)]
    if all(intact(root, manifest, name, full) for name in names):
        index = _read_index(key, mode, table)
    if index is None:
        index = table.index(ds, mode)
        with contextlib.suppress(OSError):
            _write_index(key, index, root)
            write_manifest(root, key, manifest)
    return loaded, index


def clear_cache(root: Path | None = None) -> int:
    """Remove every entry; return how many bytes were freed."""
    root = cache_dir() if root is None else root
    freed = sum(e.size for e in list_entries(root))
    shutil.rmtree(root, ignore_errors=True)
    return freed


def _remove_stale_parts(root: Path) -> None:
    """Half-written entries that a crash or a killed process left (older than an hour)."""
    for part in root.glob("*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - part.stat().st_mtime > STALE_PART_S:
                if part.is_dir():
                    shutil.rmtree(part, ignore_errors=True)
                else:
                    part.unlink()


def _write_index(key: str, index: EventIndex, root: Path) -> None:
    arrays = {name: getattr(index, name) for name in INDEX_ARRAYS}
    arrays = {name: value for name, value in arrays.items() if value is not None}
    arrays["lanes"] = np.frombuffer(orjson.dumps(index.lanes), np.uint8)
    _save(root / f"{key}-{index.mode}", arrays)


def _save(target: Path, arrays: dict[str, np.ndarray]) -> None:
    """One uncompressed .npy per array in a folder (so reading is a memory map), written to a
    temporary folder first and renamed into place by the one writer."""

    def fill(tmp: Path) -> None:
        for name, value in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)

    replace_folder(target, fill)


def _read_index(key: str, mode: str, table: EventTable) -> EventIndex | None:
    folder = cache_dir() / f"{key}-{mode}"
    if not folder.is_dir():
        return None
    try:
        # np.asarray drops the memmap subclass (a Python-level __getitem__ on every slice)
        arrays = {
            p.stem: np.asarray(np.load(p, mmap_mode="r", allow_pickle=False))
            for p in folder.glob("*.npy")
        }
        lanes = orjson.loads(arrays.pop("lanes").tobytes())
        return EventIndex(lanes=lanes, titles=table.titles, mode=mode, **arrays)
    except (OSError, ValueError, KeyError, TypeError):
        return None
