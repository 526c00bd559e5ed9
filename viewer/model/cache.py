"""The cache of big files' loads: the event table as an Arrow IPC file (memory-mapped when read:
nothing is copied until a column is touched) and each lane mode's index as .npy arrays.

The cache lives under $TIMELINE_VIEWER_CACHE, else $XDG_CACHE_HOME/timeline-viewer, else
~/.cache/timeline-viewer, never next to the dataset; an entry is keyed by the file's absolute
path, size, mtime and a hash of its first and last 64 KiB, so a changed file misses it. Entries
are written to a temporary name in the same folder and renamed into place.

Each entry has a manifest (``KEY.json``: the source file, when the entry was last used, and
the size, time of change and CRC-32s - a piece of 64 MiB at a time - of every file of the
entry). An entry is used only when its files match the manifest (checked in two threads before
anything is mapped; entries above FULL_CRC_MAX_BYTES by their sizes, times and first and last
MiB) and its Arrow table passes a full validation (garbage offsets in a memory-mapped Arrow
file could crash the process); a damaged or incomplete entry is removed and the file loaded
again. The folder is bounded: after each write
the least recently used entries go until it holds at most $TIMELINE_VIEWER_CACHE_MAX_BYTES
(default 2 GiB).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.ipc as ipc

from viewer.model.dataset import Dataset, Event
from viewer.model.errors import Problem
from viewer.model.formats.columns import ColumnarLoaded, LazyEvents
from viewer.model.index import EventIndex
from viewer.model.table import EventTable

CACHE_ENV = "TIMELINE_VIEWER_CACHE"
MAX_BYTES_ENV = "TIMELINE_VIEWER_CACHE_MAX_BYTES"
DEFAULT_MAX_BYTES = 2 * 1024**3
CACHE_VERSION = 3  # 2: the events as an Arrow IPC file; 3: with a checked manifest
PIECE = 64 * 1024 * 1024  # bytes per CRC-32 of the manifest
SAMPLE = 1024 * 1024  # bytes at each end of a file checked in a big entry
# entries up to this size are checked whole on every use (about 0.1-0.2 s); a bigger entry's
# size, time of change and first and last MiB are checked, and its Arrow table validated in
# full (offsets, UTF-8): a whole CRC of a 1e7-event entry (2.4 GB) costs about 2 s
FULL_CRC_MAX_BYTES = 512 * 1024 * 1024
STALE_PART_S = 3600.0  # a half-written entry older than this is left over, not in progress
META_KEY = b"timeline-viewer"
INDEX_ARRAYS = ("offsets", "start", "end", "period_end", "cummax_end", "event", "flags", "row")
INDEX_ARRAYS += ("lane_rows", "event_start", "event_end", "chrono")


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
    meta: dict[str, Any] = {
        "format": loaded.format,
        "header": ds.model_copy(update={"events": []}).model_dump(mode="json"),
        "complex": {
            str(i): ev.model_dump(mode="json", exclude_none=True) for i, ev in table.complex.items()
        },
        "warnings": [
            [p.message, p.path, p.line, p.col, p.file, p.severity] for p in loaded.warnings
        ],
        "basis_forms": table.basis_forms,
        "source": str(Path(loaded.path).resolve()) if loaded.path else "",
    }
    arrow = table.table.replace_schema_metadata({META_KEY: orjson.dumps(meta)})
    _remove_entry(root, key)  # (the manifest first: a half-replaced entry is never used)
    fd, tmp = tempfile.mkstemp(dir=root, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh, ipc.new_file(fh, arrow.schema) as writer:
            writer.write_table(arrow)
        os.replace(tmp, root / f"{key}.arrow")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _write_index(key, index, root)
    source = meta["source"]
    _write_manifest(root, key, {"source": source, "events": table.n, "format": loaded.format})
    for other in list_entries(root):  # the same file before it changed: stale
        if other.key != key and other.source == source:
            _remove_entry(root, other.key)
    evict(root, keep=key)


def read_cache(key: str, file: str, mode: str) -> tuple[ColumnarLoaded, EventIndex] | None:
    """The cached load of ``key`` and its index of ``mode``, or None (none, or damaged)."""
    root = cache_dir()
    path = root / f"{key}.arrow"
    if not path.is_file():
        return None
    manifest = _read_manifest(root, key)
    full = manifest is not None and sum(manifest["sizes"].values()) <= FULL_CRC_MAX_BYTES
    if manifest is None or not _intact(root, manifest, f"{key}.arrow", full):
        _remove_entry(root, key)
        return None  # damaged, incomplete or of an older version: the file is loaded again
    _touch(root, key, manifest)
    try:
        arrow = ipc.open_file(pa.memory_map(str(path))).read_all()
        # every offset within its buffer, every string UTF-8: nothing read later can crash
        arrow.validate(full=True)
        meta = orjson.loads(arrow.schema.metadata[META_KEY])
        complex_events = {int(i): Event.model_validate(e) for i, e in meta["complex"].items()}
        table = EventTable(arrow.replace_schema_metadata(None), complex_events, meta["basis_forms"])
        header = Dataset.model_validate(meta["header"])
        lazy = LazyEvents(table, header)
        ds = header.model_copy(update={"events": lazy})
        lazy.header = ds
        warnings = [Problem(*w) for w in meta["warnings"]]
        loaded = ColumnarLoaded(ds, warnings, file, meta.get("format", "native"), table)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        _remove_entry(root, key)
        return None  # a damaged or old entry: load the file again
    folder = f"{key}-{mode}"
    index = None
    names = [name for name in manifest["crc"] if name.startswith(folder)]
    if all(_intact(root, manifest, name, full) for name in names):
        index = _read_index(key, mode, table)
    if index is None:
        index = table.index(ds, mode)
        with contextlib.suppress(OSError):
            _write_index(key, index, root)
            _write_manifest(root, key, manifest)
    return loaded, index


def clear_cache(root: Path | None = None) -> int:
    """Remove every entry; return how many bytes were freed."""
    root = cache_dir() if root is None else root
    freed = sum(e.size for e in list_entries(root))
    shutil.rmtree(root, ignore_errors=True)
    return freed


# --- manifests, checks and the bound ---------------------------------------------------------


@dataclass
class Entry:
    """A cache entry as `timeline-viewer cache` lists it."""

    key: str
    size: int
    used: float  # when last written or read (epoch seconds)
    source: str
    events: int


def max_cache_bytes() -> int:
    value = os.environ.get(MAX_BYTES_ENV, "")
    try:
        return max(int(value), 0) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def _entry_files(root: Path, key: str) -> list[Path]:
    """The files of an entry: its Arrow file and the arrays of each lane mode's index."""
    out = [root / f"{key}.arrow"]
    for folder in root.glob(f"{key}-*"):
        if folder.is_dir() and not folder.name.endswith(".tmp"):
            out += sorted(folder.glob("*.npy"))
    return [p for p in out if p.is_file()]


def _crcs(path: Path) -> list[int]:
    """CRC-32 of each piece of a file (zlib lets other threads run meanwhile)."""
    out = []
    with open(path, "rb") as fh:
        while piece := fh.read(PIECE):
            out.append(zlib.crc32(piece))
    return out


def _ends(path: Path) -> list[int]:
    """CRC-32 of the first and of the last SAMPLE bytes of a file."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = zlib.crc32(fh.read(SAMPLE))
        fh.seek(max(0, size - SAMPLE))
        return [head, zlib.crc32(fh.read(SAMPLE))]


def _parallel(fn: Callable[[Any], Any], items: list[Any], workers: int = 2) -> list[Any]:
    """``[fn(x) for x in items]`` in ``workers`` plain threads (a thread pool cannot start
    while the interpreter shuts down, when the window's last cache write may still run)."""
    out: list[Any] = [None] * len(items)
    errors: list[BaseException] = []

    def work(k0: int) -> None:
        try:
            for k in range(k0, len(items), workers):
                out[k] = fn(items[k])
        except BaseException as exc:  # handed to the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, workers)]
    for t in threads:
        t.start()
    work(0)
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return out


def _write_manifest(root: Path, key: str, info: dict[str, Any]) -> None:
    files = _entry_files(root, key)
    known, sizes = info.get("crc", {}), info.get("sizes", {})

    def crcs_of(p: Path) -> list[int]:  # those of files already checked are kept
        name = str(p.relative_to(root))
        if name in known and sizes.get(name) == p.stat().st_size:
            return list(known[name])
        return _crcs(p)

    crcs = _parallel(crcs_of, files)
    manifest = {
        "version": CACHE_VERSION,
        "source": info.get("source", ""),
        "events": info.get("events", 0),
        "format": info.get("format", ""),
        "used": time.time(),
        "crc": {str(p.relative_to(root)): c for p, c in zip(files, crcs, strict=True)},
        "sizes": {str(p.relative_to(root)): p.stat().st_size for p in files},
        "mtimes": {str(p.relative_to(root)): p.stat().st_mtime_ns for p in files},
        "ends": {str(p.relative_to(root)): _ends(p) for p in files},
    }
    _atomic(root / f"{key}.json", orjson.dumps(manifest))


def _atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _read_manifest(root: Path, key: str) -> dict[str, Any] | None:
    try:
        manifest = orjson.loads((root / f"{key}.json").read_bytes())
        if manifest.get("version") != CACHE_VERSION:
            return None
        parts = (manifest["crc"], manifest["sizes"], manifest["mtimes"], manifest["ends"])
        if not all(isinstance(part, dict) for part in parts):
            return None
        return manifest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _intact(root: Path, manifest: dict[str, Any], name: str, full: bool = True) -> bool:
    """Whether a file of an entry has the size, time of change and CRC-32s its manifest
    gives (checked a piece at a time in two threads). Not ``full``: only the CRCs of its
    first and last MiB (a file rewritten, truncated or grown has another size or time)."""
    path = root / name
    want = manifest["crc"].get(name)
    try:
        st = path.stat()
        if want is None or st.st_size != manifest["sizes"].get(name):
            return False
        if st.st_mtime_ns != manifest["mtimes"].get(name):
            return False
        size = st.st_size
        if not full:
            return _ends(path) == list(manifest["ends"].get(name, []))

        def crc(k: int) -> int:
            with open(path, "rb") as fh:
                fh.seek(k * PIECE)
                return zlib.crc32(fh.read(PIECE))

        pieces = max(1, -(-size // PIECE)) if size else 0
        if len(want) != pieces:
            return False
        return _parallel(crc, list(range(pieces))) == list(want)
    except OSError:
        return False


def _touch(root: Path, key: str, manifest: dict[str, Any]) -> None:
    """Mark an entry used now (least recently used entries go first)."""
    manifest["used"] = time.time()
    with contextlib.suppress(OSError):
        _atomic(root / f"{key}.json", orjson.dumps(manifest))


def list_entries(root: Path | None = None) -> list[Entry]:
    """The entries of the cache folder, most recently used first (damaged ones too: their
    source may then be unknown)."""
    root = cache_dir() if root is None else root
    out = []
    for arrow in root.glob("*.arrow") if root.is_dir() else []:
        key = arrow.stem
        manifest = _read_manifest(root, key) or {}
        try:
            size = sum(p.stat().st_size for p in _entry_files(root, key))
            size += (root / f"{key}.json").stat().st_size if manifest else 0
            used = float(manifest.get("used") or arrow.stat().st_mtime)
        except OSError:
            continue
        out.append(Entry(key, size, used, manifest.get("source", ""), manifest.get("events", 0)))
    out.sort(key=lambda e: e.used, reverse=True)
    return out


def _remove_entry(root: Path, key: str) -> None:
    with contextlib.suppress(OSError):
        (root / f"{key}.json").unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (root / f"{key}.arrow").unlink(missing_ok=True)
    for folder in root.glob(f"{key}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def evict(
    root: Path | None = None, limit: int | None = None, keep: str | None = None
) -> list[Entry]:
    """Remove the least recently used entries until the folder holds at most ``limit``
    bytes (default: :func:`max_cache_bytes`); return the entries removed. The entry ``keep``
    (the one just written) stays even if it alone is above the limit: it goes when the next
    one is written."""
    root = cache_dir() if root is None else root
    limit = max_cache_bytes() if limit is None else limit
    entries = list_entries(root)
    total = sum(e.size for e in entries)
    entries = [e for e in entries if e.key != keep]
    gone = []
    while entries and total > limit:
        oldest = entries.pop()
        _remove_entry(root, oldest.key)
        total -= oldest.size
        gone.append(oldest)
    return gone


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
    arrays["lanes"] = np.frombuffer(orjson.dumps(index.lanes), np.uint8)
    _save(root / f"{key}-{index.mode}", arrays)


def _save(target: Path, arrays: dict[str, np.ndarray]) -> None:
    """One uncompressed .npy per array in a folder (so reading is a memory map), written to a
    temporary folder first and renamed into place."""
    tmp = Path(tempfile.mkdtemp(dir=target.parent, suffix=".tmp"))
    try:
        for name, value in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


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
